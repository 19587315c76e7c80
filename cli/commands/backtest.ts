// `chatsim backtest <scenario> <logs…>`: runs the scenario over the logs' calendar and prints its
// prediction against what the logs show by hour of the day (offered, abandonment, mean wait,
// SL(T)), beside the naive forecast "the fit period repeats" (--fit-logs), the error measures
// (hourly MAPE, daily SL error in pp) and, with --days, the table by day; --json writes the
// backtest document. Parse options → API → render → write.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { loadCommandScenario } from './run.js';
import { MIN_LOG_INTERVAL_SEC, calendarOption, inputReport, mappingOption, readCommandLogs } from './fit.js';
import { parseCount, parseDayIntervalOption } from '../options.js';
import { refuseOverwrite, table, toJson, writeResultFile } from '../output.js';
import { backtest, BACKTEST_REPLICATIONS } from '../../api/backtest.js';
import { backtestDocument, type BacktestCell, type BacktestResult, type BacktestRow, type BacktestScores } from '../../core/documents.js';
import { VERSION } from '../../api/version.js';

export interface BacktestCommandOptions {
  file: string;
  logs: string[];
  map?: string;
  fitLogs?: string[];
  dayTypes?: string;
  holidays?: string;
  replications?: string;
  seed?: string;
  interval?: string;
  hours?: string;
  days?: boolean;
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–');
const sec = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)}s` : '–');
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(x >= 10 ? 0 : 1) : '–');
const pp = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)} pp` : '–');

/** The comparison table: one row per interval (or day), actual / predicted (/ naive) of each metric. */
export function backtestTable(rows: readonly BacktestRow[], first: string, withNaive: boolean): string {
  const cols = (f: (c: BacktestCell) => string, r: BacktestRow) => (withNaive ? [f(r.actual), f(r.predicted), f(r.naive!)] : [f(r.actual), f(r.predicted)]);
  const head = (m: string) => (withNaive ? [`${m} log`, 'model', 'naive'] : [`${m} log`, 'model']);
  const out: string[][] = [[first, ...head('offered'), ...head('abandoned'), ...head('wait'), ...head('SL')]];
  for (const r of rows) out.push([r.dayType !== undefined ? `${r.label} ${r.dayType.slice(0, 3)}` : r.label, ...cols((c) => num(c.offered), r), ...cols((c) => pct(c.abandonment), r), ...cols((c) => sec(c.meanWaitSec), r), ...cols((c) => pct(c.serviceLevel), r)]);
  return table(out);
}

/** The error measures, model beside naive. */
export function scoresTable(result: BacktestResult): string {
  const { predicted, naive } = result.scores;
  const p = result.period;
  const row = (label: string, f: (s: BacktestScores) => string) => [label, f(predicted), ...(naive ? [f(naive)] : [])];
  const rows: string[][] = [
    ['', 'model', ...(naive ? ['naive'] : [])],
    row(`abandonment MAPE by hour (${String(result.hours[0]).padStart(2, '0')}–${String(result.hours[1]).padStart(2, '0')} h)`, (s) => pct(s.abandonmentMape)),
    row('offered MAPE by hour', (s) => pct(s.offeredMape)),
    row('mean wait MAPE by hour', (s) => pct(s.meanWaitMape)),
    row(`daily SL(${result.slTimeSec}s) error, mean |Δ|`, (s) => (Number.isFinite(s.dailySlErrorPp) ? `${s.dailySlErrorPp.toFixed(1)} pp` : '–')),
    row('daily SL error, largest |Δ|', (s) => (Number.isFinite(s.dailySlMaxErrorPp) ? `${s.dailySlMaxErrorPp.toFixed(1)} pp` : '–')),
    row('days with SL within ±3 pp', (s) => pct(s.dailySlWithin3pp)),
    row('period SL, predicted − log', (s) => pp(s.periodSlErrorPp)),
    row('period abandonment, predicted − log', (s) => pp(s.periodAbandonmentErrorPp)),
  ];
  const lines = table(rows);
  const cell = (c: BacktestCell) => `offered ${Math.round(c.offered)}/day, abandoned ${pct(c.abandonment)}, wait ${sec(c.meanWaitSec)}, SL ${pct(c.serviceLevel)}`;
  return `${lines}\nperiod, log:   ${cell(p.actual)}\nperiod, model: ${cell(p.predicted)}\n${p.naive ? `period, naive: ${cell(p.naive)}\n` : ''}`;
}

/**
 * Backtests a scenario against logs. Exit 0 with the tables, 2 on bad input.
 * @example await backtestCommand({ file: 'bank.yaml', logs: ['03_March.txt.gz'], map: 'fit/presets/anonymous-bank-1999.yaml' }, nodeIo())
 */
export async function backtestCommand(opts: BacktestCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => {
    io.stderr(`chatsim backtest: ${msg}\n`);
    return EXIT_INVALID;
  };
  let replications = BACKTEST_REPLICATIONS;
  if (opts.replications !== undefined) {
    const p = parseCount('--replications', opts.replications, { min: 1, max: 1000 });
    if (!p.ok) return fail(p.error);
    replications = p.value;
  }
  const interval = parseDayIntervalOption('--interval', opts.interval, 3600, MIN_LOG_INTERVAL_SEC);
  if (!interval.ok) return fail(interval.error);
  const intervalSec = interval.value;
  let hours: [number, number] = [7, 24];
  if (opts.hours !== undefined) {
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(opts.hours.trim());
    if (m === null || !(Number(m[1]) < Number(m[2]) && Number(m[2]) <= 24)) return fail(`--hours must read FROM-TO, hours of the day such as 7-24 (got ${opts.hours})`);
    hours = [Number(m[1]), Number(m[2])];
  }
  if (opts.json !== undefined) {
    const refused = refuseOverwrite(io, opts.json, opts.force);
    if (refused) return fail(refused);
  }
  const loaded = loadCommandScenario(opts.file, io);
  if (loaded === null) return EXIT_INVALID;
  const mapping = mappingOption(opts.map, io);
  const calendar = calendarOption(mapping, opts.dayTypes, opts.holidays);
  const log = readCommandLogs(opts.logs, mapping, io);
  const fitLog = opts.fitLogs !== undefined && opts.fitLogs.length > 0 ? readCommandLogs(opts.fitLogs, mapping, io) : undefined;
  if (!opts.quiet || log.bad.length > 0) io.stderr(inputReport(log));
  const result = backtest(loaded.scenario, log, {
    calendar,
    intervalSec,
    replications,
    hours,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(fitLog !== undefined ? { fitLog } : {}),
  });
  io.stdout(`${loaded.scenario.name} against ${opts.logs.join(', ')}: ${result.days.length} days${result.holidaysLeftOut.length > 0 ? ` (left out: ${result.holidaysLeftOut.join(', ')})` : ''}, ${replications} replications; per day, by hour of arrival\n\n`);
  io.stdout(backtestTable(result.byInterval, 'hour', fitLog !== undefined));
  if (opts.days) io.stdout('\n' + backtestTable(result.byDay, 'day', fitLog !== undefined));
  io.stdout('\n' + scoresTable(result));
  if (opts.json !== undefined) {
    const doc = backtestDocument(result, { version: VERSION, scenario: { name: loaded.scenario.name, file: opts.file }, logs: opts.logs, fitLogs: opts.fitLogs ?? [] });
    const err = writeResultFile(io, opts.json, toJson(doc), opts.force);
    if (err) return fail(err);
  }
  return EXIT_OK;
}
