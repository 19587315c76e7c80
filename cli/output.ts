// Shared output helpers for commands: aligned text tables, metric value formatting, and writing
// result files without clobbering what the user wrote. Only I/O through the Io passed in.

import type { Io } from './io.js';
import type { MetricUnit } from '../core/metrics/index.js';
import { ChatsimError } from '../core/errors.js';
import { formatCi as formatReportCi, formatDifference as formatReportDifference, formatDifferenceCi as formatReportDifferenceCi, formatValue as formatReportValue } from '../reports/format.js';

/** Display width of a cell (East Asian wide characters take two columns). */
function displayWidth(cell: string): number {
  return [...cell].length + wideExtra(cell);
}

/** `cell` cut to at most `width` display columns, ending in `…` when cut. */
function clip(cell: string, width: number): string {
  if (displayWidth(cell) <= width) return cell;
  let out = '';
  for (const ch of cell) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

/** Narrowest a fitted column gets, so a cut text still says something. */
const MIN_FITTED_WIDTH = 16;

/**
 * A plain-text table: a header row, a rule, then the rows; columns padded to their widest cell,
 * `rightAlign(col)` for numbers. With `fit`, the `fit.column` (a text column, e.g. the meaning) is
 * cut with `…` so every line fits `fit.width` display columns (a terminal's width), never below
 * 16 columns; the full text stays in --help and the README.
 */
export function table(rows: string[][], rightAlign: (col: number) => boolean = (c) => c > 0, fit?: { width: number; column: number }): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell)); });
  if (fit !== undefined && fit.column < widths.length) {
    const total = widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
    if (total > fit.width) {
      const room = Math.max(MIN_FITTED_WIDTH, widths[fit.column] - (total - fit.width));
      if (room < widths[fit.column]) {
        widths[fit.column] = room;
        rows = rows.map((r) => r.map((cell, i) => (i === fit.column ? clip(cell, room) : cell)));
      }
    }
  }
  const line = (r: string[]) => r.map((cell, i) => {
    const pad = widths[i] - displayWidth(cell);
    return rightAlign(i) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
  }).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n') + '\n';
}

/** Extra display columns taken by East Asian wide characters (they take two). */
function wideExtra(s: string): number {
  let n = 0;
  for (const ch of s) if (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)) n++;
  return n;
}

export type Unit = 'count' | 'rate' | 'sec' | 'perHour' | 'agents' | string;

/** Formats a metric value by unit (the reports' one definition, in English): rates as %, seconds with one decimal, counts as integers. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  return formatReportValue(value, unit as MetricUnit, 'en');
}

/** Formats a 95 % CI `[lo, hi]` in the metric's unit. */
export function formatCi(ci: [number, number] | null | undefined, unit: Unit): string {
  return formatReportCi(ci, unit as MetricUnit, 'en');
}

/** A difference in the metric's unit, shares in percentage points, never `-0.0` (see reports/format). */
export function formatDifference(value: number | null | undefined, unit: Unit): string {
  return formatReportDifference(value, unit as MetricUnit, 'en');
}

/** The CI of a difference, as {@link formatDifference}. */
export function formatDifferenceCi(ci: [number, number] | null | undefined, unit: Unit): string {
  return formatReportDifferenceCi(ci, unit as MetricUnit, 'en');
}

/** The marker after a CI that rests on few conversations (see {@link sparseNote}). */
export const SPARSE_MARK = ' *';

/**
 * The footnote under a table whose marked rows rest on fewer conversations than the estimators'
 * minimum: which metrics, on how many, and what to do. Empty when none is marked.
 * @example sparseNote([['queueWaitMean', { basis: 57, minimum: 100 }]])
 */
export function sparseNote(marked: ReadonlyArray<[string, { basis: number; minimum: number } | undefined]>): string {
  const rows = marked.filter((m): m is [string, { basis: number; minimum: number }] => m[1] !== undefined);
  if (rows.length === 0) return '';
  const list = rows.map(([name, s]) => `${name} ${Math.round(s.basis)}`).join(', ');
  return `\n* rests on fewer than ${rows[0][1].minimum} conversations over all replications (${list}): the interval may be too narrow; run more replications (--replications) or a longer horizon (days:)\n`;
}

/**
 * What a result file is, to tell an earlier one of ours from a user's file: `json` (a chatsim
 * result), `xml` (a chatsim JUnit file), `other` (never ours, e.g. CSV), or `{ marker }` (ours when
 * the old file contains that text, e.g. a report's generator tag or a CSV's exact header line).
 */
export type ResultKind = 'json' | 'xml' | 'other' | { marker: string };

/**
 * Writes a result file unless that would destroy something the user wrote: an existing file is
 * replaced only when it is an earlier chatsim result (JSON with `"tool": "chatsim"`, or a chatsim
 * JUnit file for `kind` xml; never for `other`, e.g. CSV) or `force`.
 * Returns an error message, or null when written.
 */
export function writeResultFile(io: Io, path: string, content: string | Uint8Array, force = false, kind: ResultKind = 'json'): string | null {
  const refused = refuseOverwrite(io, path, force, kind);
  if (refused) return refused;
  try {
    if (typeof content === 'string') io.writeFile(path, content);
    else io.writeBytes(path, content);
  } catch (err) {
    return `cannot write ${path}: ${(err as Error).message}`;
  }
  return null;
}

/**
 * Why `writeResultFile` would refuse `path` (see there), or null when it may be written. Commands
 * call it before a long run so the user hears about it at once.
 */
export function refuseOverwrite(io: Io, path: string, force = false, kind: ResultKind = 'json'): string | null {
  const why = io.whyNotWritable?.(path) ?? null;
  if (why !== null) return `cannot write ${path}: ${why}`;
  if (!io.exists(path) || force) return null;
  let ours = false;
  try {
    // only the start of the file: every mark of ours sits there, and the file may be huge or endless (/dev/zero)
    const head = io.readHead(path, OVERWRITE_CHECK_BYTES);
    ours = typeof kind === 'object' ? head.includes(kind.marker) : kind === 'xml'
      ? head.includes('<testsuites name="chatsim check"')
      : kind === 'json' ? isChatsimJson(head) : false;
  } catch { /* unreadable: not ours */ }
  return ours ? null : `${path} exists and is not a chatsim result; not overwriting it (use --force to replace it)`;
}

/** The ResultKind of a JSON Lines file of ours whose header line starts with `"format":"<format>"` (a trace, a records file). */
export function jsonLinesKind(format: string): ResultKind {
  return { marker: `{"format":${JSON.stringify(format)}` };
}

/**
 * Why a file could not be read, for people (`cannot read day.jsonl: no such file`), or null when
 * `err` is not a Node file error (then it is not about reading: rethrow it).
 */
export function readProblem(file: string, err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string') return null;
  return `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message}`;
}

/**
 * The lines of a file read through `io` as they are pulled; a file that cannot be read throws a
 * ChatsimError worded by {@link readProblem} (exit 2), never a Node error.
 */
export function* linesOf(io: Io, file: string): Generator<string> {
  try {
    yield* io.readLines(file);
  } catch (err) {
    const why = readProblem(file, err);
    if (why === null) throw err;
    throw new ChatsimError(why);
  }
}

/** Bytes of an existing output file read to tell whether it is an earlier result of ours. */
export const OVERWRITE_CHECK_BYTES = 64 * 1024;

/**
 * Whether the start of a JSON file is a chatsim document: the whole file parsed when it fits in
 * the head, else its first key (every document starts with `"tool": "chatsim"`).
 */
function isChatsimJson(head: string): boolean {
  if (Buffer.byteLength(head) < OVERWRITE_CHECK_BYTES) {
    try {
      return (JSON.parse(head) as { tool?: unknown })?.tool === 'chatsim';
    } catch {
      return false;
    }
  }
  return /^\s*\{\s*"tool"\s*:\s*"chatsim"/.test(head);
}

/** Stable JSON: two-space indent, NaN/Infinity as null, trailing newline (the kernel's one definition). */
export { documentJson as toJson } from '../core/documents.js';

/** RFC 4180 CSV (one writer for the project: reports/csv.ts). */
export { csv as toCsv } from '../reports/csv.js';
