// What a report reads: the JSON documents `chatsim run`, `compare` and `sweep` write, as the report
// needs them, and the check that a parsed file is one of them (one located line per problem).
// Pure; must not import cli/ or anything with I/O.

/** A metric's mean and 95 % CI over replications (null where it cannot be computed). */
export interface MetricValue {
  mean: number | null;
  ci95: [number, number] | null;
}

/** A target verdict as `chatsim run --json` writes it (`targets`). */
export interface TargetVerdict {
  text: string;
  metric: string;
  op: '>=' | '<=' | '>' | '<';
  value: number;
  scope: 'overall' | 'interval' | 'group';
  group?: string;
  pass: boolean;
  atRisk: boolean;
  measured: number | null;
  ci95: [number, number] | null;
  margin: number | null;
  worstInterval?: string;
  missedIntervals?: Array<{ start: string; value: number | null }>;
}

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
 * Parses and checks one result file's text. Errors are one line, located: `file:line:col message`
 * for JSON syntax, `file: message` otherwise.
 * @example parseResult('{"tool":"other"}', 'x.json') // { ok: false, error: 'x.json: not a chatsim result (…)' }
 */
export function parseResult(text: string, file: string): { ok: true; doc: ResultDoc } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `:${lineColumn(text, Number(at[1]))}` : '';
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').split('\n')[0];
    return { ok: false, error: `${file}${where} is not JSON (${reason})` };
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
