// The records file: one run's conversation records and agent state samples as JSON Lines, the
// format `chatsim run --records` and the backend's export write and `chatsim measure` reads. Line 1
// is a header (format, version, the metrics context, the end of the run), then one line per record
// or sample, in any order. JSON has no NaN or Infinity: an absent instant (NaN) is `null`, ±Infinity is the string
// "Infinity" / "-Infinity". Decoding checks every field and says where it broke. Imports only the
// kernel.

import { ChatsimError } from './errors.js';
import { isObject, JsonLinesDecoder, type JsonLinesHeader } from './json-lines.js';
import type { MetricsContext } from './metrics/context.js';
import { validateMetricsContext } from './metrics/context.js';
import type { AgentStateSample, ConversationRecord, Outcome, Recorder } from './records.js';

/** The `format` of a records file's header. */
export const RECORDS_FORMAT = 'chatsim.records';
/** The version this code writes and reads. */
export const RECORDS_VERSION = 1;

/** Line 1 of a records file. */
export interface RecordsHeader extends JsonLinesHeader<typeof RECORDS_FORMAT> {
  /** What the metrics need besides the records: groups, agents, horizon, thresholds. */
  context: MetricsContext;
  /** When the run ended (the last event), seconds: agent time is integrated up to it. */
  endAt: number;
  /** Where the records come from, for people (`chatsim run webshop-day.yaml seed 42 rep 1`, `chatsim serve`). */
  source?: string;
}

/** A decoded records file. */
export interface RecordsFile {
  header: RecordsHeader;
  records: ConversationRecord[];
  samples: AgentStateSample[];
}

/**
 * A records file that cannot be read; the message says where (`file:line`) and what.
 * @example try { decodeRecords(text, 'export.jsonl'); } catch (e) { if (e instanceof RecordsFormatError) console.error(e.message); }
 */
export class RecordsFormatError extends ChatsimError {
  override name = 'RecordsFormatError';
}

const OUTCOMES: readonly Outcome[] = ['served', 'abandonedInQueue', 'abandonedAfterAssign', 'deflected', 'unanswered'];

/** A number as JSON can hold it: NaN → null, ±Infinity → "Infinity" / "-Infinity". */
export function encodeNumber(x: number): number | string | null {
  if (Number.isFinite(x)) return x;
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

/** The inverse of {@link encodeNumber}; `undefined` for anything else. */
export function decodeNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === null) return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return undefined;
}

const INSTANTS = ['arrivalAt', 'patienceAt', 'queuedAt', 'assignedAt', 'firstReplyAt', 'abandonedAt', 'closedAt', 'releasedAt', 'endedAt'] as const;
const LISTS = ['visitorMessageAt', 'agentMessageAt'] as const;

/** One record as a JSON-safe object (`type: "conversation"` first), optional fields only when present. */
export function encodeRecord(r: ConversationRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'conversation', id: r.id, groupIndex: r.groupIndex, outcome: r.outcome };
  for (const k of INSTANTS) out[k] = encodeNumber(r[k]);
  out.agents = r.agents.slice();
  for (const k of LISTS) out[k] = r[k].map(encodeNumber);
  if (r.transferredAt !== undefined && r.transferredAt.length > 0) out.transferredAt = r.transferredAt.map(encodeNumber);
  if (r.classIndex !== undefined) out.classIndex = r.classIndex;
  if (r.messageAt !== undefined && r.messageAt === r.messageAt) out.messageAt = encodeNumber(r.messageAt);
  if (r.noReplyNeeded) out.noReplyNeeded = true;
  if (r.silentClosed) out.silentClosed = true;
  if (r.previousAgent !== undefined && r.previousAgent >= 0) out.previousAgent = r.previousAgent;
  if (r.visitorId !== undefined && r.visitorId >= 0) out.visitorId = r.visitorId;
  if (r.followUpAt !== undefined && r.followUpAt === r.followUpAt) out.followUpAt = encodeNumber(r.followUpAt);
  return out;
}

/** One agent state sample as a JSON-safe object. */
export function encodeSample(s: AgentStateSample): Record<string, unknown> {
  return { type: 'agentState', agentIndex: s.agentIndex, at: encodeNumber(s.at), online: s.online, held: s.held };
}

/**
 * The lines of a records file (each without its newline): the header, then the records, then the
 * samples. A generator, so a large run is written line by line.
 * @example for (const line of encodeRecordsLines(header, records, samples)) out.write(line + '\n');
 */
export function* encodeRecordsLines(
  header: Omit<RecordsHeader, 'format' | 'version'>,
  records: Iterable<ConversationRecord>,
  samples: Iterable<AgentStateSample>,
): Generator<string> {
  yield encodeRecordsHeader(header);
  for (const r of records) yield JSON.stringify(encodeRecord(r));
  for (const s of samples) yield JSON.stringify(encodeSample(s));
}

/**
 * The header line of a records file (without its newline).
 * @example out.write(encodeRecordsHeader({ context: metricsContext(scenario), endAt: stats.endAt }) + '\n');
 */
export function encodeRecordsHeader(header: Omit<RecordsHeader, 'format' | 'version'>): string {
  return JSON.stringify({ format: RECORDS_FORMAT, version: RECORDS_VERSION, ...header, endAt: encodeNumber(header.endAt) });
}

/**
 * A Recorder that writes each record and sample as a line of a records file as the model hands it
 * over (records and samples interleaved, in the order they happen), after the header line the
 * caller wrote: a run of any size in bounded memory.
 * @example out.write(encodeRecordsHeader(h) + '\n'); simulate(scenario, { seed, recorder: new RecordsLineWriter((l) => out.write(l)) });
 */
export class RecordsLineWriter implements Recorder {
  constructor(private readonly write: (line: string) => void) {}
  conversationEnded(r: ConversationRecord): void {
    this.write(JSON.stringify(encodeRecord(r)) + '\n');
  }
  agentState(s: AgentStateSample): void {
    this.write(JSON.stringify(encodeSample(s)) + '\n');
  }
}

/**
 * A decoder that reads a records file line by line (for files too large to hold as one string).
 * @example const d = new RecordsDecoder('export.jsonl'); for (const line of fileLines('export.jsonl')) d.push(line); d.finish();
 */
export class RecordsDecoder extends JsonLinesDecoder<RecordsFormatError> {
  header: RecordsHeader | undefined;
  constructor(file: string) {
    super(file, RecordsFormatError, 'records', RECORDS_FORMAT, RECORDS_VERSION);
  }

  /** Decodes the next line; returns the record or sample it holds, the header, or null for a blank line. */
  push(text: string): ConversationRecord | AgentStateSample | RecordsHeader | null {
    const v = this.parse(text);
    if (v === undefined) return null;
    if (this.header === undefined) return (this.header = this.decodeHeader(v));
    if (!isObject(v)) throw this.fail('must be a JSON object with a "type"');
    if (v.type === 'conversation') return this.decodeRecord(v);
    if (v.type === 'agentState') return this.decodeSample(v);
    throw this.fail(`type must be "conversation" or "agentState" (got ${JSON.stringify(v.type)})`);
  }

  /** Checks the file did not end before its header. */
  finish(): RecordsHeader {
    if (this.header === undefined) throw this.empty();
    return this.header;
  }

  private decodeHeader(line: unknown): RecordsHeader {
    const v = this.checkHeader(line);
    const endAt = decodeNumber(v.endAt);
    if (endAt === undefined || !Number.isFinite(endAt)) throw this.fail(`must be a finite number of seconds (got ${JSON.stringify(v.endAt)})`, 'endAt');
    if (!isObject(v.context) || !Array.isArray(v.context.groups) || !Array.isArray(v.context.agents)) throw this.fail('must be a metrics context with groups and agents', 'context');
    const context = v.context as unknown as MetricsContext;
    const problems = validateMetricsContext(context);
    if (problems.length > 0) throw this.fail(problems.join('; '), 'context');
    return { format: RECORDS_FORMAT, version: RECORDS_VERSION, context, endAt, ...(typeof v.source === 'string' ? { source: v.source } : {}) };
  }

  private int(v: Record<string, unknown>, key: string, below: number): number {
    const x = v[key];
    if (!(typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < below)) throw this.fail(`must be an integer from 0 to ${below - 1} (got ${JSON.stringify(x)})`, key);
    return x;
  }

  private num(x: unknown, key: string): number {
    const n = decodeNumber(x);
    if (n === undefined) throw this.fail(`must be a number of seconds, null (absent) or "Infinity" (got ${JSON.stringify(x)})`, key);
    return n;
  }

  private list(v: Record<string, unknown>, key: string): number[] {
    const x = v[key];
    if (!Array.isArray(x)) throw this.fail(`must be a list (got ${JSON.stringify(x)})`, key);
    return x.map((e, i) => this.num(e, `${key}[${i}]`));
  }

  private decodeRecord(v: Record<string, unknown>): ConversationRecord {
    const ctx = this.header!.context;
    if (typeof v.id !== 'number' || !Number.isInteger(v.id)) throw this.fail(`must be an integer (got ${JSON.stringify(v.id)})`, 'id');
    if (!OUTCOMES.includes(v.outcome as Outcome)) throw this.fail(`must be one of ${OUTCOMES.join(', ')} (got ${JSON.stringify(v.outcome)})`, 'outcome');
    const agents = v.agents;
    if (!Array.isArray(agents)) throw this.fail(`must be a list of agent indices (got ${JSON.stringify(agents)})`, 'agents');
    agents.forEach((a, i) => {
      if (!(typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < ctx.agents.length)) throw this.fail(`must be an agent index from 0 to ${ctx.agents.length - 1} (got ${JSON.stringify(a)})`, `agents[${i}]`);
    });
    const r: ConversationRecord = {
      id: v.id,
      groupIndex: this.int(v, 'groupIndex', ctx.groups.length),
      arrivalAt: NaN, patienceAt: NaN, queuedAt: NaN, assignedAt: NaN, firstReplyAt: NaN, abandonedAt: NaN, closedAt: NaN, releasedAt: NaN, endedAt: NaN,
      outcome: v.outcome as Outcome,
      agents: agents as number[],
      visitorMessageAt: this.list(v, 'visitorMessageAt'),
      agentMessageAt: this.list(v, 'agentMessageAt'),
    };
    for (const k of INSTANTS) r[k] = this.num(v[k], k);
    if (!Number.isFinite(r.arrivalAt)) throw this.fail(`must be a finite number of seconds (got ${JSON.stringify(v.arrivalAt)})`, 'arrivalAt');
    if (v.transferredAt !== undefined) r.transferredAt = this.list(v, 'transferredAt');
    if (v.classIndex !== undefined) r.classIndex = this.int(v, 'classIndex', Math.max(1, ctx.classes?.length ?? 1));
    if (v.messageAt !== undefined) r.messageAt = this.num(v.messageAt, 'messageAt');
    if (v.followUpAt !== undefined) r.followUpAt = this.num(v.followUpAt, 'followUpAt');
    if (v.previousAgent !== undefined) r.previousAgent = this.int(v, 'previousAgent', ctx.agents.length);
    if (v.visitorId !== undefined) r.visitorId = this.int(v, 'visitorId', Number.MAX_SAFE_INTEGER);
    for (const k of ['noReplyNeeded', 'silentClosed'] as const) {
      if (v[k] === undefined) continue;
      if (typeof v[k] !== 'boolean') throw this.fail(`must be true or false (got ${JSON.stringify(v[k])})`, k);
      r[k] = v[k] as boolean;
    }
    return r;
  }

  private decodeSample(v: Record<string, unknown>): AgentStateSample {
    const agentIndex = this.int(v, 'agentIndex', this.header!.context.agents.length);
    const at = this.num(v.at, 'at');
    if (!Number.isFinite(at)) throw this.fail(`must be a finite number of seconds (got ${JSON.stringify(v.at)})`, 'at');
    if (typeof v.online !== 'boolean') throw this.fail(`must be true or false (got ${JSON.stringify(v.online)})`, 'online');
    const held = v.held;
    if (!(typeof held === 'number' && Number.isInteger(held) && held >= 0)) throw this.fail(`must be an integer ≥ 0 (got ${JSON.stringify(held)})`, 'held');
    return { agentIndex, at, online: v.online, held };
  }
}

function isSample(x: ConversationRecord | AgentStateSample | RecordsHeader): x is AgentStateSample {
  return 'agentIndex' in x;
}

/**
 * Decodes a whole records file held as text.
 * @throws {RecordsFormatError} naming the file and line of the first problem.
 * @example const { header, records, samples } = decodeRecords(text, 'export.jsonl');
 */
export function decodeRecords(text: string, file: string): RecordsFile {
  const decoder = new RecordsDecoder(file);
  const records: ConversationRecord[] = [];
  const samples: AgentStateSample[] = [];
  for (const line of textLines(text)) {
    const x = decoder.push(line);
    if (x !== null && x !== decoder.header) {
      if (isSample(x)) samples.push(x);
      else records.push(x as ConversationRecord);
    }
  }
  return { header: decoder.finish(), records, samples };
}

/**
 * The lines of a JSON Lines text, each without its newline (the part after the last newline
 * too, empty when the text ends with one): what a decoder's `push` takes, in order.
 * @example for (const line of textLines(text)) decoder.push(line);
 */
export function* textLines(text: string): Generator<string> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}
