// What a report reads: the JSON documents `chatsim run`, `compare` and `sweep` write, as the report
// needs them, and the check that a parsed file is one of them (one located line per problem).
// Pure; must not import cli/ or anything with I/O.

import type { TargetResult } from '../core/metrics/sla.js';

/** A metric's mean and 95 % CI over replications (null where it cannot be computed). */
export interface MetricValue {
  mean: number | null;
  ci95: [number, number] | null;
}

/** A target verdict as `chatsim run --json` writes it (`targets`): the checker's own type. */
export type TargetVerdict = TargetResult;

/** One interval of the day: `index`, `start` (HH:MM), `startSec`, then metrics (null when undefined). */
export type IntervalRow = { index: number; start: string; startSec: number } & Record<string, number | null>;
/** One agent: `id`, `group`, then metrics. */
export type AgentRow = { id: string; group: string } & Record<string, number | null>;

/** `distributions` of a run (see sim/metrics/distributions.ts). */
export interface RunDistributionsDoc {
  frt: { binEdgesSec: number[]; share: Array<number | null>; overflowShare: number | null };
  serviceBuckets: Record<string, number | null>;
  agentHours: { hourSec: number; agents: Array<{ id: string; occupancy: Array<number | null> }> };
}

/** `chatsim run --json`. */
export interface RunDoc {
  tool: 'chatsim';
  version: string;
  kind: 'run';
  scenario: { name: string; file: string };
  seed: string;
  replications: number;
  policy: string;
  slTimeSec: number;
  warmupSec: number;
  intervalSec: number;
  horizonSec: number;
  metrics: Record<string, MetricValue>;
  intervals: IntervalRow[];
  groups: Record<string, Record<string, number | null>>;
  agents: AgentRow[];
  /** Absent in results written before reports existed: those charts are left out. */
  distributions?: RunDistributionsDoc;
  targets?: TargetVerdict[];
}

/** `chatsim compare --json`. */
export interface CompareDoc {
  tool: 'chatsim';
  version: string;
  kind: 'compare';
  scenario: { name: string; file: string };
  seed: string;
  replications: number;
  warmupSec: number;
  slTimeSec: number;
  baseline: string;
  metrics: string[];
  policies: Array<{
    policy: string;
    metrics: Record<string, MetricValue>;
    differences: Record<string, MetricValue & { significant: boolean }> | null;
  }>;
}

/** `chatsim sweep --json`. */
export interface SweepDoc {
  tool: 'chatsim';
  version: string;
  kind: 'sweep';
  scenario: { name: string; file: string };
  seed: string;
  replications: number;
  slTimeSec?: number;
  parameters: Array<{ path: string; values: Array<number | string> }>;
  metrics: string[];
  runs: Array<{ settings: Record<string, number | string>; metrics: Record<string, MetricValue> }>;
}

/** Any result a report draws. */
export type ResultDoc = RunDoc | CompareDoc | SweepDoc;

/** A result and the file it came from (for titles and output names). */
export interface ReportInput {
  file: string;
  doc: ResultDoc;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields each kind must have, with a check of their type. */
const REQUIRED: Record<ResultDoc['kind'], Array<[string, (v: unknown) => boolean, string]>> = {
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
};

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
export function parseResult(text: string, file: string): { ok: true; doc: ResultDoc } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const offset = jsonErrorOffset(text);
    const reason = offset >= text.length ? 'unexpected end of the file' : `unexpected ${JSON.stringify(text[offset])}`;
    return { ok: false, error: `${file}:${lineColumn(text, offset)} is not JSON (${reason})` };
  }
  if (!isObject(value) || value.tool !== 'chatsim') {
    return { ok: false, error: `${file}: not a chatsim result (expected a JSON object with "tool": "chatsim", written by chatsim run, compare or sweep --json)` };
  }
  const kind = value.kind;
  if (kind !== 'run' && kind !== 'compare' && kind !== 'sweep') {
    return { ok: false, error: `${file}: a chatsim ${JSON.stringify(kind)} result has no report; give the --json of chatsim run, compare or sweep` };
  }
  for (const [field, check, what] of REQUIRED[kind]) {
    if (!check(value[field])) return { ok: false, error: `${file}: "${field}" must be ${what} in a ${kind} result` };
  }
  return { ok: true, doc: value as unknown as ResultDoc };
}
