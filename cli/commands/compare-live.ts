// `chatsim compare-live --predicted run.json --measured <export | replay result | k6 summary>`:
// predicted vs measured side by side (FRT mean/p50/p90/p99, SL, queue wait, abandonment, average
// response time, occupancy, arrival lag) with deltas and pass/fail per tolerance; exit 1 when one
// fails. Also the table renderer `chatsim replay` prints. Parse options → API → render → write.

import { EXIT_FAIL, EXIT_INVALID, EXIT_OK, type Io } from '../io.js';
import { compareLive, compareLiveDocument, DEFAULT_LIVE_TOLERANCES, parseLiveTolerances, readMeasured, readPredictedSide, type LiveComparison } from '../../api/replay.js';
import { VERSION } from '../../api/version.js';
import { METRICS } from '../../core/metrics/catalogue.js';
import { LIVE_RATE_METRICS } from '../../core/live-compare.js';
import { formatDifference, formatValue, readProblem, table, toJson, writeResultFile } from '../output.js';
import { outputProblem } from './run.js';

/** Options of `chatsim compare-live`. */
export interface CompareLiveCommandOptions {
  predicted: string;
  measured: string;
  tolerance?: string;
  json?: string;
  force?: boolean;
}

const unitOf = (metric: string): string => METRICS.find((m) => m.name === metric)?.unit ?? 'count';

/** The side-by-side table of a comparison, with the arrival lag under it when known. */
export function renderComparison(c: LiveComparison): string {
  const rows: string[][] = [['metric', 'predicted', 'measured', 'delta', 'delta %', 'tolerance', 'verdict']];
  for (const r of c.rows) {
    const unit = unitOf(r.metric);
    const rel = r.deltaRelative === null || LIVE_RATE_METRICS.has(r.metric) ? '' : `${(r.deltaRelative * 100).toFixed(1)} %`;
    rows.push([r.metric, formatValue(r.predicted, unit), formatValue(r.measured, unit), formatDifference(r.delta, unit), rel, r.tolerance ?? '', r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL']);
  }
  let out = table(rows);
  const l = c.lag;
  if (l !== undefined && l.count > 0) {
    const ms = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)} ms`);
    const sec = (x: number | null) => (x === null ? '' : ` (${x.toFixed(2)} s of scenario time)`);
    out += `\narrival lag over ${l.count} visitors: p50 ${ms(l.p50Ms)}${sec(l.p50Sec)}, p99 ${ms(l.p99Ms)}${sec(l.p99Sec)}, max ${ms(l.maxMs)}${sec(l.maxSec)}\n`;
  }
  out += c.pass ? (c.rows.some((r) => r.pass !== undefined) ? 'every tolerance met\n' : '') : `FAILED: ${c.failed.join(', ')}\n`;
  return out;
}

/**
 * Compares a prediction with a measurement. Exit 0 when every tolerance is met, 1 when one fails,
 * 2 on unreadable input.
 * @example await compareLiveCommand({ predicted: 'run.json', measured: 'export.jsonl', tolerance: 'frtP90=10%' }, nodeIo())
 */
export async function compareLiveCommand(opts: CompareLiveCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => { io.stderr(`chatsim compare-live: ${msg}\n`); return EXIT_INVALID; };
  const outputs = outputProblem(io, 'compare-live', [[opts.json, 'json']], opts.force);
  if (outputs) { io.stderr(outputs + '\n'); return EXIT_INVALID; }
  const read = (file: string): string | null => {
    try { return io.readFile(file); } catch (e) { fail(readProblem(file, e) ?? (e as Error).message); return null; }
  };
  const pText = read(opts.predicted);
  if (pText === null) return EXIT_INVALID;
  const mText = read(opts.measured);
  if (mText === null) return EXIT_INVALID;
  const tolerances = parseLiveTolerances(opts.tolerance ?? DEFAULT_LIVE_TOLERANCES);
  const { values: predicted, side: predictedSide, scenario } = readPredictedSide(pText, opts.predicted);
  const measured = readMeasured(mText, opts.measured);
  const c = compareLive(predicted, measured.values, tolerances, measured.lag);
  io.stdout(`predicted ${opts.predicted} vs measured ${opts.measured} (${measured.kind})\n\n` + renderComparison(c));
  if (opts.json) {
    const doc = compareLiveDocument(c, {
      version: VERSION, scenario: { name: scenario, file: opts.predicted }, predictedFrom: opts.predicted, measuredFrom: opts.measured,
      tolerances: tolerances.map((t) => t.text), measured: measured.values, sides: { predicted: predictedSide, measured: measured.side },
    });
    const err = writeResultFile(io, opts.json, toJson(doc), opts.force);
    if (err) return fail(err);
    io.stdout(`wrote ${opts.json}\n`);
  }
  return c.pass ? EXIT_OK : EXIT_FAIL;
}
