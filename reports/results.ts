// What a report reads: the JSON documents `chatsim run`, `compare`, `sweep`, `backtest` and `compare-live` (or `replay`) write (the kernel's
// types, core/documents.ts: one definition for the writer and this reader), and the check that a
// parsed file is one of them (one located line per problem). Pure; must not import cli/, sim/ or
// scenarios/, or anything with I/O.

import type { BacktestDocument, CompareDocument, CompareLiveDocument, RunDocument, SweepDocument } from '../core/documents.js';

export type { BacktestDocument, CompareDocument, CompareLiveDocument, RunDocument, SweepDocument } from '../core/documents.js';
export type { LiveIntervalRow, LiveSide } from '../core/live-compare.js';
export type { TargetResult } from '../core/metrics/sla.js';
export type { MetricSummary } from '../core/metrics/summary.js';

/** Any result a report draws. */
export type ReportDocument = RunDocument | CompareDocument | SweepDocument | BacktestDocument | CompareLiveDocument;

/** A result and the file it came from (for titles and output names). */
export interface ReportInput {
  file: string;
  doc: ReportDocument;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObjectOfObjects = (v: unknown): boolean => isObject(v) && Object.values(v).every(isObject);

/** A field's check: its name in the kernel's type, the test, and what it must be (for the error). */
type FieldCheck<D> = [keyof D & string, (v: unknown) => boolean, string];

/** The checks of each kind's fields. */
type Checks = {
  run: Array<FieldCheck<RunDocument>>;
  compare: Array<FieldCheck<CompareDocument>>;
  sweep: Array<FieldCheck<SweepDocument>>;
  backtest: Array<FieldCheck<BacktestDocument>>;
  'compare-live': Array<FieldCheck<CompareLiveDocument>>;
};

/** A side of a compare-live document: an object whose histogram and intervals are null or of their shape. */
const isLiveSide = (v: unknown): boolean => isObject(v)
  && (v.frt === null || (isObject(v.frt) && Array.isArray(v.frt.binEdgesSec) && Array.isArray(v.frt.share)))
  && (v.intervals === null || Array.isArray(v.intervals));

/** The fields each kind must have, with a check of their type (names checked against the kernel's types). */
const REQUIRED: Checks = {
  run: [
    ['scenario', isObject, 'an object'],
    ['metrics', isObject, 'an object'],
    ['intervals', Array.isArray, 'an array'],
    ['agents', Array.isArray, 'an array'],
    ['groups', isObject, 'an object'],
    ['slTimeSec', (v) => typeof v === 'number', 'a number'],
  ],
  compare: [
    ['scenario', isObject, 'an object'],
    ['metrics', Array.isArray, 'an array'],
    ['policies', (v) => Array.isArray(v) && v.length > 0, 'a non-empty array'],
  ],
  sweep: [
    ['scenario', isObject, 'an object'],
    ['parameters', (v) => Array.isArray(v) && v.length > 0, 'a non-empty array'],
    ['metrics', Array.isArray, 'an array'],
    ['runs', Array.isArray, 'an array'],
  ],
  backtest: [
    ['scenario', isObject, 'an object'],
    ['byInterval', Array.isArray, 'an array'],
    ['byDay', Array.isArray, 'an array'],
    ['scores', isObject, 'an object'],
    ['period', isObject, 'an object'],
  ],
  'compare-live': [
    ['scenario', isObject, 'an object'],
    ['rows', Array.isArray, 'an array'],
    ['measured', isObject, 'an object'],
    ['pass', (v) => typeof v === 'boolean', 'true or false'],
  ],
};

/** Fields a run may leave out (older results, no classes, no sla block); when present, their shape. */
const OPTIONAL: Checks = {
  run: [
    ['classes', isObjectOfObjects, 'an object of per-class metrics'],
    ['distributions', isObject, 'an object'],
    ['targets', Array.isArray, 'an array'],
  ],
  compare: [],
  sweep: [],
  backtest: [],
  // documents written before `sides` existed report the table only
  'compare-live': [
    ['sides', (v) => isObject(v) && isLiveSide(v.predicted) && isLiveSide(v.measured), 'an object with a predicted and a measured side'],
    ['replay', isObject, 'an object'],
  ],
};

/** The commands whose `--json` a report reads, for messages. */
export const REPORTED_COMMANDS = 'run, compare, sweep, backtest, replay or compare-live';

/** `line L, column C` of a character offset in `text`. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `${line}:${col}`;
}

/**
 * Offset of the first JSON syntax error in `text` (a small recursive-descent scan, run only after
 * JSON.parse failed, whose messages do not always carry a position).
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { for (const ch of word) { if (text[i] !== ch) fail(); i++; } };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail(); } i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x') || i >= text.length) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) { ws(); string(); ws(); if (text[i] !== ':') fail(); i++; value(); ws(); if (text[i] === ',') { i++; continue; } if (text[i] === '}') { i++; return; } fail(); }
    } else if (ch === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) { value(); ws(); if (text[i] === ',') { i++; continue; } if (text[i] === ']') { i++; return; } fail(); }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (at) {
    if (typeof at === 'number') return at;
    throw at;
  }
  return text.length;
}

/**
 * Parses and checks one result file's text. Errors are one line, located: `file:line:col message`
 * for JSON syntax, `file: message` otherwise.
 * @example parseResult('{"tool":"other"}', 'x.json') // { ok: false, error: 'x.json: not a chatsim result (…)' }
 */
export function parseResult(text: string, file: string): { ok: true; doc: ReportDocument } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    const reason = offset >= text.length ? 'unexpected end of the file' : `unexpected ${JSON.stringify(text[offset])}`;
    return { ok: false, error: `${file}:${lineColumn(text, offset)} is not JSON (${reason})` };
  }
  if (!isObject(value) || value.tool !== 'chatsim') {
    return { ok: false, error: `${file}: not a chatsim result (expected a JSON object with "tool": "chatsim", written by chatsim ${REPORTED_COMMANDS} --json)` };
  }
  const kind = value.kind;
  if (kind !== 'run' && kind !== 'compare' && kind !== 'sweep' && kind !== 'backtest' && kind !== 'compare-live') {
    return { ok: false, error: `${file}: a chatsim ${JSON.stringify(kind)} result has no report; give the --json of chatsim ${REPORTED_COMMANDS}` };
  }
  const required: ReadonlyArray<[string, (v: unknown) => boolean, string]> = REQUIRED[kind];
  for (const [field, check, what] of required) {
    if (!check(value[field])) return { ok: false, error: `${file}: "${field}" must be ${what} in a ${kind} result` };
  }
  const optional: ReadonlyArray<[string, (v: unknown) => boolean, string]> = OPTIONAL[kind];
  for (const [field, check, what] of optional) {
    if (value[field] !== undefined && !check(value[field])) return { ok: false, error: `${file}: "${field}" must be ${what} in a ${kind} result` };
  }
  // What a report relies on is checked above; the rest is as the kernel's builders wrote it.
  return { ok: true, doc: value as unknown as ReportDocument };
}
