// `chatsim erlang c|a`: the Erlang C / Erlang A calculator over sim/analytic/erlang; prints an aligned
// table or one JSON object. Talks to the world only through Io; must not import sim/model or scenarios I/O.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { formatDuration } from '../../core/units.js';
import { parseCount, parseDurationOption, parseRateOption } from '../options.js';
import { erlangA, erlangC, ErlangInputError, type ErlangModel, type ErlangResult } from '../../sim/analytic/erlang.js';

/** Chats one agent holds at once when `--concurrency` is not given. */
export const DEFAULT_CONCURRENCY = '1';
/** Service-level threshold T when `--sl-time` is not given. */
export const DEFAULT_SL_TIME = '20s';

const SEC_PER_HOUR = 3600;
const PREFIX = 'chatsim erlang:';

/** Options as commander hands them over: every value is the text the user typed, except `json`. */
export interface ErlangCommandOptions {
  /** `c` (Erlang C, no abandonment) or `a` (Erlang A, exponential patience). */
  model: string;
  /** Arrival rate, e.g. `300/h`, `5/min`, `0.5/s`. */
  rate: string;
  /** Mean handle time, e.g. `4m`, `240s`. */
  aht: string;
  /** Number of agents, a whole number ≥ 1. */
  agents: string;
  /** Mean patience, e.g. `90s`; required for `a`, ignored (with a warning) for `c`. */
  patience?: string;
  /** Chats per agent at once, a whole number ≥ 1 (servers = agents × concurrency); default 1. */
  concurrency?: string;
  /** Service-level threshold T, e.g. `20s`; default 20 s. */
  slTime?: string;
  /** Print one JSON object instead of the table. */
  json?: boolean;
}

/** The object `chatsim erlang --json` prints. Times in seconds, probabilities in [0, 1]. */
export interface ErlangJson {
  model: ErlangModel;
  ratePerSec: number;
  ahtSec: number;
  /** Erlang A only. */
  patienceSec?: number;
  agents: number;
  concurrency: number;
  servers: number;
  slTimeSec: number;
  /** Erlangs. */
  offeredLoad: number;
  pWait: number;
  /** null when the queue is unstable (Erlang C with offered load ≥ servers). */
  meanWait: number | null;
  /** null when the queue is unstable. */
  meanWaitQueued: number | null;
  pAbandon: number;
  serviceLevel: number;
  occupancy: number;
  /** False when the queue grows without bound. */
  stable: boolean;
}

interface Parsed {
  model: ErlangModel;
  ratePerSec: number;
  ahtSec: number;
  patienceSec?: number;
  agents: number;
  concurrency: number;
  slTimeSec: number;
}

/** Checks every option; returns the values or every problem found, one line each. */
function parseOptions(opts: ErlangCommandOptions): { ok: true; value: Parsed } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const take = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T | undefined => {
    if (r.ok) return r.value;
    errors.push(r.error);
    return undefined;
  };
  const model = opts.model === 'c' || opts.model === 'a' ? opts.model : undefined;
  if (model === undefined) errors.push(`model "${opts.model}" must be c (Erlang C) or a (Erlang A)`);

  const ratePerSec = take(parseRateOption('--rate', opts.rate));
  const ahtSec = take(parseDurationOption('--aht', opts.aht, { example: '4m or 240s', positive: true }));
  const agents = take(parseCount('--agents', opts.agents, { min: 1 }));
  const concurrency = take(parseCount('--concurrency', opts.concurrency ?? DEFAULT_CONCURRENCY, { min: 1 }));
  const slTimeSec = take(parseDurationOption('--sl-time', opts.slTime ?? DEFAULT_SL_TIME, { example: '20s or 1m' }));

  let patienceSec: number | undefined;
  if (model === 'a') {
    if (opts.patience === undefined) errors.push('--patience is required for Erlang A (try --patience 90s)');
    else patienceSec = take(parseDurationOption('--patience', opts.patience, { example: '90s or 2m', positive: true }));
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      model: model!, ratePerSec: ratePerSec!, ahtSec: ahtSec!, patienceSec, agents: agents!,
      concurrency: concurrency!, slTimeSec: slTimeSec!,
    },
  };
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}

function seconds(sec: number): string {
  if (!Number.isFinite(sec)) return 'unbounded';
  const base = `${sec.toFixed(1)} s`;
  return sec >= 60 ? `${base} (${formatDuration(sec)})` : base;
}

function trimNumber(x: number, digits: number): string {
  return String(Number(x.toFixed(digits)));
}

/** The aligned human-readable report. */
function formatTable(p: Parsed, r: ErlangResult): string {
  const title = p.model === 'c' ? 'Erlang C (M/M/n, no abandonment)' : 'Erlang A (M/M/n+M, exponential patience)';
  const chats = p.concurrency === 1 ? 'chat' : 'chats';
  const inputs: [string, string][] = [
    ['arrival rate', `${trimNumber(p.ratePerSec * SEC_PER_HOUR, 2)} /h`],
    ['mean handle time', seconds(p.ahtSec)],
    ...(p.patienceSec !== undefined ? [['mean patience', seconds(p.patienceSec)] as [string, string]] : []),
    ['servers', `${r.servers} (${p.agents} agents × ${p.concurrency} ${chats})`],
    ['offered load', `${r.offeredLoad.toFixed(2)} Erlangs`],
  ];
  const outputs: [string, string][] = [
    ['P(wait)', percent(r.pWait)],
    ['mean wait', seconds(r.meanWait)],
    ['mean wait if queued', seconds(r.meanWaitQueued)],
    ['P(abandon)', percent(r.pAbandon)],
    [`SL(${formatDuration(p.slTimeSec)})`, percent(r.serviceLevel)],
    ['occupancy', percent(r.occupancy)],
  ];
  const width = Math.max(...[...inputs, ...outputs].map(([k]) => k.length)) + 2;
  const line = ([k, v]: [string, string]): string => `  ${k.padEnd(width)}${v}\n`;
  let text = `${title}\n${inputs.map(line).join('')}\n${outputs.map(line).join('')}`;
  if (!r.stable) {
    const needed = Math.floor(r.offeredLoad) + 1;
    text += `\nunstable: the offered load (${r.offeredLoad.toFixed(2)} Erlangs) is at least the ${r.servers} servers, `
      + `so the queue grows without bound. Staff at least ${needed} servers, or model abandonment with `
      + '"chatsim erlang a --patience …".\n';
  }
  return text;
}

function toJson(p: Parsed, r: ErlangResult): ErlangJson {
  return {
    model: p.model,
    ratePerSec: p.ratePerSec,
    ahtSec: p.ahtSec,
    ...(p.model === 'a' ? { patienceSec: p.patienceSec } : {}),
    agents: p.agents,
    concurrency: p.concurrency,
    servers: r.servers,
    slTimeSec: p.slTimeSec,
    offeredLoad: r.offeredLoad,
    pWait: r.pWait,
    meanWait: Number.isFinite(r.meanWait) ? r.meanWait : null,
    meanWaitQueued: Number.isFinite(r.meanWaitQueued) ? r.meanWaitQueued : null,
    pAbandon: r.pAbandon,
    serviceLevel: r.serviceLevel,
    occupancy: r.occupancy,
    stable: r.stable,
  };
}

/**
 * Runs `chatsim erlang c|a`: parses the options, computes Erlang C or Erlang A and prints a table
 * (or one JSON object with `json`). Resolves to EXIT_OK, or EXIT_INVALID after one stderr line per
 * bad option. An unstable Erlang C queue is a valid answer (exit 0) and says so.
 * @example await erlangCommand({ model: 'a', rate: '300/h', aht: '4m', agents: '22', patience: '90s' }, io)
 */
export async function erlangCommand(opts: ErlangCommandOptions, io: Io): Promise<number> {
  const parsed = parseOptions(opts);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr(`${PREFIX} ${e}\n`);
    return EXIT_INVALID;
  }
  const p = parsed.value;
  if (p.model === 'c' && opts.patience !== undefined) {
    io.stderr(`${PREFIX} note: --patience is ignored by Erlang C (use "chatsim erlang a" to model abandonment)\n`);
  }
  const base = { ratePerSec: p.ratePerSec, ahtSec: p.ahtSec, servers: p.agents * p.concurrency, slTimeSec: p.slTimeSec };
  let result: ErlangResult;
  try {
    result = p.model === 'c' ? erlangC(base) : erlangA({ ...base, patienceSec: p.patienceSec! });
  } catch (err) {
    if (err instanceof ErlangInputError) {
      io.stderr(`${PREFIX} ${err.message}\n`);
      return EXIT_INVALID;
    }
    throw err;
  }
  io.stdout(opts.json ? `${JSON.stringify(toJson(p, result), null, 2)}\n` : formatTable(p, result));
  return EXIT_OK;
}
