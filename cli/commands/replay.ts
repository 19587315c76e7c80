// `chatsim replay <scenario|trace> --target URL`: replays a trace (or the trace of a scenario's
// replication) against a live backend with the Node runner, prints the measured metric table (the
// backend's export through the kernel's metric code, as `chatsim measure`), the arrival lag and the
// comparison with the simulator's prediction of the same visitors. Progress on stderr; Ctrl-C stops
// cleanly and still prints and writes what was measured. Bounded: refuses more visitors or wall
// time than its budget unless raised. Parse options → API → render → write.

import { EXIT_FAIL, EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import {
  DEFAULT_LIVE_TOLERANCES, DEFAULT_REPLAY_MAX_VISITORS, DEFAULT_REPLAY_MAX_WALL_SEC, parseLiveTolerances, replayAndCompare, serverTimeScale, StopSignal,
} from '../../api/replay.js';
import { readTrace, traceLines } from '../../api/trace.js';
import { TRACE_FORMAT } from '../../core/trace.js';
import type { TraceHeader, TraceVisitor } from '../../core/trace.js';
import { TraceReader } from '../../core/trace-codec.js';
import { inWindow } from '../../loadgen/behaviour/timeline.js';
import { formatClock, parseDuration } from '../../core/units.js';
import { grouped } from '../messages.js';
import { linesOf, toJson, writeResultFile } from '../output.js';
import { parseCount, parsePositiveNumber, parseWindowOptions } from '../options.js';
import { progress } from '../progress.js';
import { loadCommandScenario, outputProblem, renderMetricsTable } from './run.js';
import { renderComparison } from './compare-live.js';

/** The arrival lag (p99, scenario seconds) past this share of SL's T gets a warning: the load fell behind. */
export const LAG_WARN_SHARE_OF_SL = 0.1;

/** Options of `chatsim replay`. */
export interface ReplayCommandOptions {
  file: string;
  target: string;
  timeScale?: string;
  from?: string;
  to?: string;
  seed?: string;
  json?: string;
  force?: boolean;
  /** The server's tokens file (`{ admin, agents: { id: token } }`). */
  tokens?: string;
  /** The admin token (or CHATSIM_ADMIN_TOKEN, read by cli/main.ts); else the tokens file's. */
  adminToken?: string;
  tolerance?: string;
  maxVisitors?: string;
  maxWall?: string;
  quiet?: boolean;
  /** Resolves on Ctrl-C: the replay stops and reports what it measured. */
  interrupted?: Promise<unknown>;
}

/**
 * Replays against a live backend and compares with the prediction. Exit 0 when every tolerance is
 * met, 1 when one fails (or the replay lost messages or was interrupted), 2 on bad input.
 * @example await replayCommand({ file: 'day.trace.jsonl', target: 'http://127.0.0.1:8080', tokens: 'live.db.tokens.json' }, nodeIo())
 */
export async function replayCommand(opts: ReplayCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(`chatsim replay: ${msg}\n`); return EXIT_INVALID; };
  const outputs = outputProblem(io, 'replay', [[opts.json, 'json']], opts.force);
  if (outputs) { io.stderr(outputs + '\n'); return EXIT_INVALID; }
  if (!/^https?:\/\/[^/]+$/.test(opts.target.replace(/\/$/, ''))) return fail(`--target must be http://host:port (got ${opts.target})`);
  const target = opts.target.replace(/\/$/, '');
  parseLiveTolerances(opts.tolerance ?? DEFAULT_LIVE_TOLERANCES); // fail on a bad tolerance before any work

  // the trace: a trace file, or a scenario's (drawn now, as `chatsim trace` would)
  let header: TraceHeader;
  let visitors: TraceVisitor[];
  const head = (() => { try { return io.readHead(opts.file, 4096); } catch { return ''; } })();
  if (head.startsWith('{') && head.includes(`"${TRACE_FORMAT}"`)) {
    const reader = readTrace(linesOf(io, opts.file), opts.file);
    header = reader.first();
    visitors = [...reader];
  } else {
    const loaded = loadCommandScenario(opts.file, io);
    if (loaded === null) return EXIT_INVALID;
    const reader = new TraceReader(traceLines(loaded.scenario, { ...(opts.seed !== undefined ? { seed: opts.seed } : {}), source: opts.file }), opts.file);
    header = reader.first();
    visitors = [...reader];
  }
  const scenario = header.scenario;

  const window = parseWindowOptions(opts.from, opts.to, scenario.horizonSec);
  if (!window.ok) return fail(window.error);
  const { fromSec, toSec } = window.value;

  // tokens
  let tokens: { admin?: string; agents?: Record<string, string> } = {};
  if (opts.tokens !== undefined) {
    try { tokens = JSON.parse(io.readFile(opts.tokens)); } catch (e) { return fail(`cannot read the tokens file ${opts.tokens}: ${(e as Error).message}`); }
  }
  const adminToken = opts.adminToken || tokens.admin;
  if (adminToken === undefined) return fail('no admin token: pass --tokens FILE (the server\'s tokens file), --admin-token or CHATSIM_ADMIN_TOKEN');
  if (tokens.agents === undefined) return fail('no agent tokens: pass --tokens FILE, the tokens file chatsim serve wrote (its agents\' tokens)');

  // time scale: the server's; a different --time-scale would replay every delay at the wrong speed
  let serverScale: number;
  try { serverScale = await serverTimeScale(target); } catch (e) { return fail(`cannot reach ${target}/health: ${(e as Error).message}`); }
  let timeScale = serverScale;
  if (opts.timeScale !== undefined) {
    const t = parsePositiveNumber('--time-scale', opts.timeScale, 1e6);
    if (!t.ok) return fail(t.error);
    timeScale = t.value;
    if (Math.abs(timeScale - serverScale) > 0.05 * serverScale) return fail(`--time-scale ${timeScale} but ${target} runs at about ${serverScale}: start chatsim serve with --time-scale ${timeScale}, or leave --time-scale out`);
  }

  // budget
  const maxVisitors = opts.maxVisitors === undefined ? DEFAULT_REPLAY_MAX_VISITORS : parseCount('--max-visitors', opts.maxVisitors, { min: 1 });
  if (typeof maxVisitors !== 'number' && !maxVisitors.ok) return fail(maxVisitors.error);
  const maxV = typeof maxVisitors === 'number' ? maxVisitors : maxVisitors.value;
  const maxWall = opts.maxWall === undefined ? DEFAULT_REPLAY_MAX_WALL_SEC : parseDuration(opts.maxWall);
  if (maxWall === undefined || !(maxWall > 0)) return fail(`--max-wall must be a duration (10m) (got ${opts.maxWall})`);
  const inWin = visitors.filter((v) => inWindow(v, fromSec, toSec)).length;
  if (inWin > maxV) return fail(`${grouped(inWin)} visitors in the window, over the budget of ${grouped(maxV)}: narrow it with --from/--to, or raise --max-visitors`);
  const wallSec = (Math.min(toSec, scenario.horizonSec) - fromSec) / timeScale;
  if (wallSec > maxWall) return fail(`the window takes about ${Math.round(wallSec)} s of wall time at time scale ${timeScale}, over the budget of ${maxWall} s: narrow it, raise the server's time scale, or raise --max-wall`);

  const stop = new StopSignal();
  void opts.interrupted?.then(() => { io.stderr('\nchatsim replay: stopping (Ctrl-C); reporting what was measured\n'); stop.stop(); });
  if (!opts.quiet) io.stderr(`replaying ${grouped(inWin)} visitors of ${opts.file} against ${target} at time scale ${timeScale} (about ${Math.round(wallSec)} s)\n`);
  const bar = progress(io, 'visitors', opts.quiet);
  const r = await replayAndCompare({
    header, visitors, target, agentTokens: tokens.agents, adminToken, timeScale, fromSec, toSec,
    tolerances: opts.tolerance ?? DEFAULT_LIVE_TOLERANCES, stop, source: opts.file, onProgress: (d, t) => bar.update(d, t),
  });
  bar.finish();

  const rp = r.replay;
  const outcomes = Object.entries(rp.outcomes).map(([k, n]) => `${k} ${n}`).join(', ');
  io.stdout([
    `replayed ${opts.file}: ${grouped(rp.started)} of ${grouped(rp.visitors)} visitors started (${outcomes || 'none'}) from ${formatClock(rp.t0Sec)} at time scale ${timeScale} in ${rp.wallSec.toFixed(1)} s${rp.stopped ? ' — STOPPED early' : ''}`,
    `messages: ${grouped(rp.messagesSent)} acknowledged, ${rp.lostMessages} lost; ${rp.errorCount} failed calls${rp.errors.length > 0 ? ` (first: ${rp.errors[0]})` : ''}`,
    '',
    '',
  ].join('\n'));
  if (r.measuredSummary !== null) io.stdout('measured (the backend export, through the kernel\'s metric code):\n\n' + renderMetricsTable(r.measuredSummary, [], io.stdoutColumns) + '\n');
  io.stdout('predicted (chatsim run on the same visitors) vs measured:\n\n' + renderComparison(r.comparison));
  // a load that falls behind measures itself, not the backend: say so
  const lagP99Sec = rp.lag.p99Sec ?? 0;
  if (lagP99Sec > LAG_WARN_SHARE_OF_SL * scenario.slTimeSec) {
    io.stdout(`warning: the replay fell behind: arrival lag p99 ${rp.lag.p99Ms!.toFixed(0)} ms of wall time is ${lagP99Sec.toFixed(1)} s of scenario time at time scale ${timeScale}, over ${LAG_WARN_SHARE_OF_SL * 100} % of SL's T (${scenario.slTimeSec} s): the differences above are partly the load's own; lower the time scale (restart chatsim serve with a smaller --time-scale)\n`);
  }
  if (opts.json) {
    const err = writeResultFile(io, opts.json, toJson(r.document), opts.force);
    if (err) return fail(err);
    io.stdout(`wrote ${opts.json}\n`);
  }
  return r.comparison.pass && rp.lostMessages === 0 && !rp.stopped ? EXIT_OK : EXIT_FAIL;
}
