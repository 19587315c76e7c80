// `chatsim trace <file> --out FILE`: writes the visitor trace of one replication of a scenario —
// every visitor it draws, in arrival order, and the scenario they run under (the kernel's trace
// format) — streamed line by line, without simulating. Parse options → API → write.

import { EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import { BOUNDS, TRACE_FORMAT, writeTrace } from '../../api/index.js';
import { jsonLinesKind } from '../output.js';
import { parseCount } from '../options.js';
import { grouped } from '../messages.js';
import { budgetProblem, loadCommandScenario, outputProblem, parseRunOptions } from './run.js';

/** Options of `chatsim trace`. */
export interface TraceCommandOptions {
  file: string;
  out: string;
  seed?: string;
  /** 1-based, as `chatsim run`'s replications; default 1. */
  replication?: string;
  force?: boolean;
  maxVisitors?: string;
  quiet?: boolean;
}

/** What an earlier trace file of ours starts with (it may be replaced without --force). */
export const TRACE_KIND = jsonLinesKind(TRACE_FORMAT);

/**
 * Writes the trace of replication `--replication` (default 1) on `--seed` (default the
 * scenario's). Exit 0, or 2 on invalid input.
 * @example await traceCommand({ file: 'day.yaml', out: 'day.trace.jsonl' }, nodeIo())
 */
export async function traceCommand(opts: TraceCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(msg + '\n'); return EXIT_INVALID; };
  const parsed = parseRunOptions({ seed: opts.seed, maxVisitors: opts.maxVisitors }, 'trace');
  if (!parsed.ok) return fail(parsed.error);
  let replication = 1;
  if (opts.replication !== undefined) {
    const n = parseCount('--replication', opts.replication, { min: 1, max: BOUNDS.maxReplications });
    if (!n.ok) return fail(`chatsim trace: ${n.error}`);
    replication = n.value;
  }
  const outputs = outputProblem(io, 'trace', [[opts.out, TRACE_KIND]], opts.force);
  if (outputs) return fail(outputs);
  const loaded = loadCommandScenario(opts.file, io);
  if (!loaded) return EXIT_INVALID;
  const scenario = loaded.scenario;
  const budget = budgetProblem(io, 'trace', scenario, { replications: 1, maxVisitors: parsed.maxVisitors, quiet: opts.quiet });
  if (budget) return fail(budget);
  const seed = parsed.seed ?? scenario.seed;
  let visitors: number;
  const out = io.createWriter(opts.out);
  try {
    visitors = writeTrace(scenario, { seed, replication, source: `chatsim trace ${opts.file}` }, out);
  } finally {
    out.close();
  }
  io.stdout(`wrote ${opts.out}: ${grouped(visitors)} visitors of ${scenario.name}, seed ${seed}, replication ${replication}\n`);
  return EXIT_OK;
}
