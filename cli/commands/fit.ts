// `chatsim fit <logs…> --out scenario.yaml`: reads conversation or call logs (kernel records, or
// delimited text through a field mapping; gzipped too), estimates what a scenario needs and writes
// it as commented YAML, never over a user's file without --force. Parse options → API → render →
// write; the log reading shared with `chatsim backtest` lives here too.

import type { Io } from '../io.js';
import { EXIT_INVALID, EXIT_OK } from '../io.js';
import { ChatsimError } from '../../core/errors.js';
import { parseDayIntervalOption, parseDurationOption } from '../options.js';
import { refuseOverwrite, table, writeResultFile } from '../output.js';
import { loadScenario } from '../../scenarios/load.js';
import { formatIssues } from '../../scenarios/load.js';
import {
  PATIENCE_CHOICES,
  STAFFING_CHOICES,
  calendarOf,
  fitScenario,
  staffingFollowsVolume,
  headStartText,
  parseInlineMapping,
  parseMappingFile,
  readLogs,
  type Calendar,
  type ContactLog,
  type LogMapping,
  type PatienceChoice,
  type StaffingChoice,
} from '../../api/fit.js';
import { weekdayIndex } from '../../fit/input/records.js';

export interface FitCommandOptions {
  logs: string[];
  out?: string;
  map?: string;
  name?: string;
  dayTypes?: string;
  holidays?: string;
  interval?: string;
  patience?: string;
  staffing?: string;
  startDay?: string;
  staffingWindow?: string;
  retryWindow?: string;
  force?: boolean;
  quiet?: boolean;
}

/** Shortest interval of the day of fit and backtest. */
export const MIN_LOG_INTERVAL_SEC = 900;
/** Largest log file read, bytes (compressed or not). */
export const MAX_LOG_FILE_BYTES = 1 << 30;
/** Bad rows listed one by one; the rest are counted. */
export const BAD_ROWS_SHOWN = 10;
/** What an earlier fitted scenario of ours starts with (so a re-fit may replace it without --force). */
export const FITTED_MARKER = '# Fitted by `chatsim fit`';

/** The mapping of `--map`: inline `key=column,…`, or a mapping file. */
export function mappingOption(spec: string | undefined, io: Io): LogMapping | undefined {
  if (spec === undefined) return undefined;
  if (spec.includes('=')) return parseInlineMapping(spec);
  let text: string;
  try {
    text = io.readFile(spec);
  } catch (e) {
    throw new ChatsimError(`--map ${spec}: cannot read the mapping file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseMappingFile(text, spec);
}

/** Reads the logs named on the command line (bytes when the io can, for gzip). */
export function readCommandLogs(files: readonly string[], mapping: LogMapping | undefined, io: Io, startWeekday = 0): ContactLog {
  const inputs = files.map((name) => {
    try {
      const bytes = io.readBytes !== undefined ? io.readBytes(name, MAX_LOG_FILE_BYTES) : Buffer.from(io.readFile(name, MAX_LOG_FILE_BYTES), 'utf8');
      return { name, bytes };
    } catch (e) {
      throw new ChatsimError(`${name}: cannot read the log (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  });
  return readLogs(inputs, { mapping, startWeekday });
}

/** The calendar of `--day-types` and `--holidays` over the mapping's. */
export function calendarOption(mapping: LogMapping | undefined, dayTypes: string | undefined, holidays: string | undefined): Calendar {
  const list = (holidays ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = list.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
  if (bad !== undefined) throw new ChatsimError(`--holidays: days must read YYYY-MM-DD (got "${bad}")`);
  return calendarOf(mapping, dayTypes, list);
}

/** What was read: rows, contacts, ignored by rule, bad rows with their places. */
export function inputReport(log: ContactLog): string {
  const lines: string[] = [];
  const ignored = Object.entries(log.ignored).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ');
  lines.push(`read ${log.rows.toLocaleString('en-US')} rows: ${log.contacts.length.toLocaleString('en-US')} contacts offered to people${ignored ? `; ignored by rule: ${ignored}` : ''}; ${log.bad.length.toLocaleString('en-US')} bad rows`);
  for (const b of log.bad.slice(0, BAD_ROWS_SHOWN)) lines.push(`  ${b.source}: ${b.reason}`);
  if (log.bad.length > BAD_ROWS_SHOWN) lines.push(`  … and ${(log.bad.length - BAD_ROWS_SHOWN).toLocaleString('en-US')} more bad rows`);
  return lines.join('\n') + '\n';
}

/**
 * Fits a scenario to logs. Exit 0 with a summary, or 2 on bad input (the mapping, a log that
 * cannot be read, an output that would overwrite a user's file).
 * @example await fitCommand({ logs: ['jan.txt.gz'], map: 'fit/presets/anonymous-bank-1999.yaml', out: 'bank.yaml' }, nodeIo())
 */
export async function fitCommand(opts: FitCommandOptions, io: Io): Promise<number> {
  const fail = (msg: string) => {
    io.stderr(`chatsim fit: ${msg}\n`);
    return EXIT_INVALID;
  };
  if (opts.out === undefined) return fail('--out <file> is required: where the scenario is written');
  const interval = parseDayIntervalOption('--interval', opts.interval, 3600, MIN_LOG_INTERVAL_SEC);
  if (!interval.ok) return fail(interval.error);
  const intervalSec = interval.value;
  if (opts.patience !== undefined && !(PATIENCE_CHOICES as readonly string[]).includes(opts.patience)) return fail(`--patience must be one of ${PATIENCE_CHOICES.join(', ')} (got ${opts.patience})`);
  if (opts.staffing !== undefined && !(STAFFING_CHOICES as readonly string[]).includes(opts.staffing)) return fail(`--staffing must be one of ${STAFFING_CHOICES.join(', ')} (got ${opts.staffing})`);
  let staffingWindowSec: number | undefined;
  if (opts.staffingWindow !== undefined) {
    const p = parseDurationOption('--staffing-window', opts.staffingWindow, { example: '10m', positive: true, maxSec: 3 * 3600 });
    if (!p.ok) return fail(p.error);
    staffingWindowSec = p.value;
  }
  let retryWindowSec: number | undefined;
  if (opts.retryWindow !== undefined) {
    const p = parseDurationOption('--retry-window', opts.retryWindow, { example: '1h', maxSec: 7 * 86_400 });
    if (!p.ok) return fail(p.error);
    retryWindowSec = p.value;
  }
  const startWeekday = opts.startDay === undefined ? 0 : weekdayIndex(opts.startDay);
  if (startWeekday < 0) return fail(`--start-day must be a weekday, mon … sun (got ${opts.startDay})`);
  const refused = refuseOverwrite(io, opts.out, opts.force, { marker: FITTED_MARKER });
  if (refused) return fail(refused);

  const mapping = mappingOption(opts.map, io);
  const calendar = calendarOption(mapping, opts.dayTypes, opts.holidays);
  const log = readCommandLogs(opts.logs, mapping, io, startWeekday);
  const name = opts.name ?? (opts.out.replace(/^.*\//, '').replace(/\.ya?ml$/, '') || 'fitted');
  const { fit, yaml } = fitScenario(
    log,
    { calendar, intervalSec, headStartSec: mapping?.headStartSec, staffingWindowSec, retryWindowSec },
    { name, sources: opts.logs.map((f) => f.replace(/^.*\//, '')), patience: opts.patience as PatienceChoice | undefined, staffing: opts.staffing as StaffingChoice | undefined },
  );
  // what we write must load: a failure here is a bug of the writer, not of the input
  const check = loadScenario(yaml, opts.out);
  if (!check.ok) throw new Error(`the fitted scenario does not validate:\n${formatIssues(check.issues)}`);

  // bad rows are reported even with --quiet: never dropped silently
  if (!opts.quiet || log.bad.length > 0) io.stderr(inputReport(log));
  const rows = [['group', 'contacts', 'per day', 'abandoned', 'patience (exp.)', 'handle time', 'model']];
  for (const g of fit.groups) {
    const perDay = Object.entries(g.offeredPerDay).map(([t, x]) => `${t} ${Math.round(x)}`).join(', ');
    rows.push([
      g.id,
      g.contacts.toLocaleString('en-US'),
      perDay,
      `${((100 * g.patience.exponential.abandoned) / Math.max(1, g.patience.n)).toFixed(1)} %`,
      Number.isFinite(g.patience.exponential.meanSec) ? `${Math.round(g.patience.exponential.meanSec)} s` : 'never left',
      `${Math.round(g.handle.mean)} s`,
      g.handle.chosen.kind === 'quantiles' ? 'empirical' : g.handle.chosen.kind,
    ]);
  }
  io.stdout(`${fit.firstDay} to ${fit.lastDay}: ${fit.dayTypes.map((t) => `${t.days.length} ${t.name}`).join(', ')} days${fit.holidaysLeftOut.length > 0 ? ` (left out: ${fit.holidaysLeftOut.join(', ')})` : ''}\n`);
  io.stdout(table(rows, (c) => c === 1 || c >= 3 && c <= 5));
  const peak = (t: string) => Math.max(...fit.staffing.byType[t].map((s) => s.agents));
  io.stdout(`staffing (${fit.staffing.method === 'states' ? 'read from agent states' : 'estimated: busy agents while someone waited, else the most busy within the window'}), peak: ${fit.dayTypes.map((t) => `${t.name} ${peak(t.name).toFixed(1)}`).join(', ')}\n`);
  const retries = fit.groups.filter((g) => g.retry !== undefined);
  if (retries.length > 0) {
    const w = retries[0].retry!.windowSec;
    io.stdout(`retries (back within ${w % 3600 === 0 ? `${w / 3600} h` : `${Math.round(w / 60)} min`} of leaving, left out of the arrivals): ${retries.map((g) => `${g.id} ${(100 * g.retry!.share.share).toFixed(1)} % of ${g.retry!.eligible.toLocaleString('en-US')} abandoned, ${Math.round(g.retry!.delay.mean)} s later`).join('; ')}\n`);
  }
  if (fit.wrapUp !== undefined) io.stdout(`wrap-up (the agents' gap before a waiting call): mean ${fit.wrapUp.fit.mean.toFixed(1)} s, median ${fit.wrapUp.median} s over ${fit.wrapUp.fit.n.toLocaleString('en-US')} gaps\n`);
  const sv = fit.staffingVolume;
  if (sv !== undefined && Number.isFinite(sv.se)) {
    io.stdout(`staffing against the day's volume: elasticity ${sv.elasticity.toFixed(2)} ± ${(1.96 * sv.se).toFixed(2)} over ${sv.days} days${staffingFollowsVolume(sv) ? ' (written as followsVolume)' : ' (not written: within 3 standard errors of 0)'}\n`);
  }
  const moving = fit.groups.filter((g) => g.byInterval.windows.length > 0 || g.classPatienceFit !== undefined);
  if (moving.length > 0) {
    io.stdout(`by class and hour: ${moving.map((g) => `${g.id} ${[g.classPatienceFit !== undefined ? `patience of ${Object.keys(g.classPatienceFit).join(', ')}` : '', g.byInterval.windows.length > 0 ? `${g.byInterval.windows.length} window${g.byInterval.windows.length === 1 ? '' : 's'} of the day` : ''].filter((x) => x !== '').join(', ')}`).join('; ')}\n`);
  }
  const hs = fit.headStart;
  if (hs !== undefined) {
    const mapped = fit.classes.filter((c) => c.headStartFrom === 'mapping');
    const said = hs.byClass.map((b) => `${b.id} over ${b.over} ${b.estimate === undefined ? 'no pairs' : `${headStartText(b.estimate)}${b.shows ? '' : ' (not shown)'}`}`).join('; ');
    const written = mapped.length > 0 ? `written from the mapping: ${mapped.map((c) => `${c.id} ${c.headStartSec} s`).join(', ')}` : Object.keys(hs.sec).length > 0 ? `written: ${fit.classes.filter((c) => c.headStartSec > 0).map((c) => `${c.id} ${c.headStartSec} s`).join(', ')}` : 'none written';
    io.stdout(`head start (the order queued contacts were taken): ${said}; ${written}\n`);
  }
  const err = writeResultFile(io, opts.out, yaml, true, 'other');
  if (err) return fail(err);
  io.stdout(`wrote ${opts.out}\n`);
  return EXIT_OK;
}
