// The trace file (see trace.ts): JSON Lines, streamed both ways. Line 1 is the header (format,
// version, seed, replication, the resolved scenario), then one line per visitor in arrival order,
// then an end line with the number of visitors, so a file cut short anywhere is told from a whole
// one. Numbers as in the records file: ±Infinity as the string "Infinity" / "-Infinity" (a
// patience that never runs out). Decoding checks every field against the header's scenario and
// says where it broke (`trace.jsonl:12: replySec[1] must be …`). Imports only the kernel.

import { ChatsimError } from './errors.js';
import { decodeNumber, encodeNumber, textLines } from './records-codec.js';
import { isObject, JsonLinesDecoder } from './json-lines.js';
import { decodeScenarioJson, encodeDeep, ScenarioJsonProblem } from './scenario-json.js';
import type { Scenario } from './scenario.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceEnd, type TraceHeader, type TraceRetry, type TraceReturn, type TraceVisit, type TraceVisitor } from './trace.js';

export { TRACE_FORMAT, TRACE_VERSION } from './trace.js';

/**
 * A trace that cannot be read; the message says where (`file:line field`) and what.
 * @example try { decodeTrace(text, 'day.trace.jsonl'); } catch (e) { if (e instanceof TraceFormatError) process.exitCode = e.exitCode; }
 */
export class TraceFormatError extends ChatsimError {
  override name = 'TraceFormatError';
}

/** The header line of a trace (without its newline). */
export function encodeTraceHeader(h: Omit<TraceHeader, 'format' | 'version'>): string {
  return JSON.stringify({
    format: TRACE_FORMAT, version: TRACE_VERSION, seed: h.seed, replication: h.replication,
    ...(h.source !== undefined ? { source: h.source } : {}), scenario: encodeDeep(h.scenario),
  });
}

function visitFields(v: TraceVisit, out: Record<string, unknown>): Record<string, unknown> {
  out.patienceSec = encodeNumber(v.patienceSec);
  out.replySec = v.replySec;
  out.thinkSec = v.thinkSec;
  out.wrapUpSec = v.wrapUpSec;
  return out;
}

/** One visitor line (without its newline); optional fields only when present. */
export function encodeTraceVisitor(v: TraceVisitor): string {
  const out: Record<string, unknown> = { at: v.at, group: v.group };
  if (v.class !== undefined) out.class = v.class;
  visitFields(v, out);
  if (v.deflection !== undefined) out.deflection = v.deflection;
  if (v.leavesMessage) out.leavesMessage = true;
  if (v.noReplyNeeded) out.noReplyNeeded = true;
  if (v.returns !== undefined && v.returns.length > 0) out.returns = v.returns.map((r) => visitFields(r, { afterSec: r.afterSec }));
  if (v.retries !== undefined && v.retries.length > 0) out.retries = v.retries.map((r) => visitFields(r, { afterSec: r.afterSec }));
  return JSON.stringify(out);
}

/** The end line of a trace of `visitors` visitors. */
export function encodeTraceEnd(visitors: number): string {
  return JSON.stringify({ end: true, visitors } satisfies TraceEnd);
}

/**
 * The lines of a trace (each without its newline): the header, the visitors, the end line. A
 * generator, so a trace of millions of visitors is written line by line.
 * @example for (const line of encodeTraceLines(header, visitors)) out.write(line + '\n');
 */
export function* encodeTraceLines(header: Omit<TraceHeader, 'format' | 'version'>, visitors: Iterable<TraceVisitor>): Generator<string> {
  yield encodeTraceHeader(header);
  let n = 0;
  for (const v of visitors) {
    yield encodeTraceVisitor(v);
    n++;
  }
  yield encodeTraceEnd(n);
}

const VISITOR_KEYS = new Set(['at', 'group', 'class', 'patienceSec', 'replySec', 'thinkSec', 'wrapUpSec', 'deflection', 'leavesMessage', 'noReplyNeeded', 'returns', 'retries']);
const RETURN_KEYS = new Set(['afterSec', 'patienceSec', 'replySec', 'thinkSec', 'wrapUpSec']);
const DEFLECTIONS = ['deflected', 'followsUp'] as const;

/**
 * Reads a trace line by line (for files of any size): `push` each line, in order, and take the
 * visitors it returns; `finish` at the end of the file checks it was whole.
 * @example
 * const d = new TraceDecoder('day.trace.jsonl');
 * for (const line of lines) { const v = d.push(line); if (v !== null && 'at' in v) replay(v); }
 * d.finish();
 */
export class TraceDecoder extends JsonLinesDecoder<TraceFormatError> {
  header: TraceHeader | undefined;
  /** Visitor lines read so far. */
  visitors = 0;
  private ended = false;
  private lastAt = 0;
  constructor(file: string) {
    super(file, TraceFormatError, 'trace', TRACE_FORMAT, TRACE_VERSION, '; a cut line means the trace is truncated');
  }

  /** Decodes the next line: the header, a visitor, the end line, or null for a blank line. */
  push(text: string): TraceHeader | TraceVisitor | TraceEnd | null {
    if (text.trim() !== '' && this.ended) {
      this.line++;
      throw this.fail('follows the end line (a trace ends with {"end": true, …})');
    }
    const v = this.parse(text);
    if (v === undefined) return null;
    if (this.header === undefined) return (this.header = this.decodeHeader(v));
    if (!isObject(v)) throw this.fail(`must be a JSON object (a visitor, or the end line) ${got(v)}`);
    if (v.end !== undefined) return this.decodeEnd(v);
    return this.decodeVisitor(v, this.header.scenario);
  }

  /** Checks the file held a header and ended with its end line; returns the header. */
  finish(): TraceHeader {
    if (this.header === undefined) throw this.empty();
    if (!this.ended) throw this.fail(`truncated: the trace ends after ${this.visitors} visitor line(s) without its end line`);
    return this.header;
  }

  private decodeHeader(line: unknown): TraceHeader {
    const v = this.checkHeader(line);
    if (typeof v.seed !== 'string' || v.seed === '') throw this.fail(`must be a non-empty string ${got(v.seed)}`, 'seed');
    const r = v.replication;
    if (!(typeof r === 'number' && Number.isSafeInteger(r) && r >= 1)) throw this.fail(`must be an integer ≥ 1 ${got(r)}`, 'replication');
    if (v.source !== undefined && typeof v.source !== 'string') throw this.fail(`must be a string ${got(v.source)}`, 'source');
    let scenario: Scenario;
    try {
      scenario = decodeScenarioJson(v.scenario);
    } catch (e) {
      if (e instanceof ScenarioJsonProblem) throw this.fail(e.message, e.path === 'scenario' ? 'scenario' : `scenario.${e.path}`);
      throw e;
    }
    return { format: TRACE_FORMAT, version: TRACE_VERSION, seed: v.seed, replication: r, scenario, ...(v.source !== undefined ? { source: v.source as string } : {}) };
  }

  private decodeEnd(v: Record<string, unknown>): TraceEnd {
    if (v.end !== true) throw this.fail(`must be true ${got(v.end)}`, 'end');
    if (v.visitors !== this.visitors) throw this.fail(`says ${JSON.stringify(v.visitors)} visitors, but the trace holds ${this.visitors}`, 'visitors');
    this.ended = true;
    return { end: true, visitors: this.visitors };
  }

  private seconds(x: unknown, field: string, infinite = false): number {
    const n = infinite ? decodeNumber(x) : typeof x === 'number' ? x : undefined;
    if (n === undefined || !(n >= 0) || (!infinite && n === Infinity)) throw this.fail(`must be a number of seconds ≥ 0${infinite ? ' or "Infinity"' : ''} ${got(x)}`, field);
    return n;
  }

  private durations(x: unknown, field: string, length?: number): number[] {
    if (!Array.isArray(x) || (length === undefined ? x.length < 1 : x.length !== length)) {
      throw this.fail(`must be a list of ${length === undefined ? 'at least one duration' : `${length} duration(s) (one per round after the first)`} ${got(x)}`, field);
    }
    for (let i = 0; i < x.length; i++) this.seconds(x[i], `${field}[${i}]`);
    return x as number[];
  }

  private flag(v: Record<string, unknown>, key: string, allowed: boolean, why: string): boolean | undefined {
    const x = v[key];
    if (x === undefined) return undefined;
    if (typeof x !== 'boolean') throw this.fail(`must be true or false ${got(x)}`, key);
    if (x && !allowed) throw this.fail(`is set, but ${why}`, key);
    return x;
  }

  private visit(v: Record<string, unknown>, prefix: string, keys: ReadonlySet<string>): TraceVisit {
    for (const k of Object.keys(v)) if (!keys.has(k)) throw this.fail(`is not a field of a trace ${prefix === '' ? 'visitor' : 'return'} (fields: ${[...keys].join(', ')})`, prefix + k);
    const replySec = this.durations(v.replySec, `${prefix}replySec`);
    return {
      patienceSec: this.seconds(v.patienceSec, `${prefix}patienceSec`, true),
      replySec,
      thinkSec: this.durations(v.thinkSec, `${prefix}thinkSec`, replySec.length - 1),
      wrapUpSec: this.seconds(v.wrapUpSec, `${prefix}wrapUpSec`),
    };
  }

  private decodeVisitor(v: Record<string, unknown>, s: Scenario): TraceVisitor {
    const at = v.at;
    if (!(typeof at === 'number' && at >= 0 && at < s.horizonSec)) throw this.fail(`must be an instant in seconds from 0 to below the horizon (${s.horizonSec}) ${got(at)}`, 'at');
    if (at < this.lastAt) throw this.fail(`is ${at}, before the previous visitor's ${this.lastAt}: visitors must be in arrival order`, 'at');
    const gi = v.group;
    if (!(typeof gi === 'number' && Number.isInteger(gi) && gi >= 0 && gi < s.groups.length)) throw this.fail(`must be a skill-group index from 0 to ${s.groups.length - 1} ${got(gi)}`, 'group');
    const g = s.groups[gi];
    const out: TraceVisitor = { at, group: gi, ...this.visit(v, '', VISITOR_KEYS) };
    const classes = s.classes?.length ?? 0;
    if (classes > 0) {
      const k = v.class;
      if (!(typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < classes)) throw this.fail(`must be a priority-class index from 0 to ${classes - 1} ${got(k)}`, 'class');
      out.class = k;
    } else if (v.class !== undefined) throw this.fail('is set, but the scenario has no priority classes', 'class');
    if (v.deflection !== undefined) {
      if (g.deflection === undefined) throw this.fail(`is set, but skill group "${g.id}" has no deflection`, 'deflection');
      if (!DEFLECTIONS.includes(v.deflection as never)) throw this.fail(`must be one of ${DEFLECTIONS.join(', ')} ${got(v.deflection)}`, 'deflection');
      out.deflection = v.deflection as TraceVisitor['deflection'];
    }
    if (this.flag(v, 'leavesMessage', g.leaveMessage !== undefined, `skill group "${g.id}" has no leaveMessage`)) out.leavesMessage = true;
    if (this.flag(v, 'noReplyNeeded', (g.noReplyNeeded ?? 0) > 0, `skill group "${g.id}" has no noReplyNeeded share`)) out.noReplyNeeded = true;
    if (v.returns !== undefined) {
      if (g.returning === undefined) throw this.fail(`is set, but skill group "${g.id}" has no returning visitors`, 'returns');
      if (!Array.isArray(v.returns)) throw this.fail(`must be a list of return visits ${got(v.returns)}`, 'returns');
      out.returns = v.returns.map((r, i): TraceReturn => {
        if (!isObject(r)) throw this.fail(`must be an object ${got(r)}`, `returns[${i}]`);
        return { afterSec: this.seconds(r.afterSec, `returns[${i}].afterSec`), ...this.visit(r, `returns[${i}].`, RETURN_KEYS) };
      });
    }
    if (v.retries !== undefined) {
      if (g.retry === undefined) throw this.fail(`is set, but skill group "${g.id}" has no retries`, 'retries');
      if (!Array.isArray(v.retries)) throw this.fail(`must be a list of retries ${got(v.retries)}`, 'retries');
      if (v.retries.length > g.retry.max) throw this.fail(`holds ${v.retries.length} retries, more than the group's max of ${g.retry.max}`, 'retries');
      out.retries = v.retries.map((r, i): TraceRetry => {
        if (!isObject(r)) throw this.fail(`must be an object ${got(r)}`, `retries[${i}]`);
        return { afterSec: this.seconds(r.afterSec, `retries[${i}].afterSec`), ...this.visit(r, `retries[${i}].`, RETURN_KEYS) };
      });
    }
    this.lastAt = at;
    this.visitors++;
    return out;
  }
}

const got = (v: unknown) => `(got ${JSON.stringify(v)})`;

/** A decoded trace held whole (small traces, tests; stream large ones through {@link TraceDecoder}). */
export interface TraceFile {
  header: TraceHeader;
  visitors: TraceVisitor[];
}

function isVisitor(x: TraceHeader | TraceVisitor | TraceEnd): x is TraceVisitor {
  return 'at' in x;
}

/**
 * Decodes a whole trace held as text.
 * @throws {TraceFormatError} naming the file and line of the first problem.
 * @example const { header, visitors } = decodeTrace(text, 'day.trace.jsonl');
 */
export function decodeTrace(text: string, file: string): TraceFile {
  const decoder = new TraceDecoder(file);
  const visitors: TraceVisitor[] = [];
  for (const line of textLines(text)) {
    const x = decoder.push(line);
    if (x !== null && isVisitor(x)) visitors.push(x);
  }
  return { header: decoder.finish(), visitors };
}

/**
 * The header and then the visitors of a trace given as lines, decoded as they are pulled (one line
 * in memory at a time): `first()` reads up to the header; iterating yields the visitors and checks
 * the end line when the lines run out.
 * @example const r = new TraceReader(lines, 'day.trace.jsonl'); const h = r.first(); for (const v of r) …
 */
export class TraceReader implements Iterable<TraceVisitor> {
  private readonly decoder: TraceDecoder;
  private readonly lines: Iterator<string>;
  constructor(lines: Iterable<string>, file: string) {
    this.decoder = new TraceDecoder(file);
    this.lines = lines[Symbol.iterator]();
  }

  /** Reads up to the header and returns it. */
  first(): TraceHeader {
    while (this.decoder.header === undefined) {
      const n = this.lines.next();
      if (n.done) return this.decoder.finish();
      this.decoder.push(n.value);
    }
    return this.decoder.header;
  }

  *[Symbol.iterator](): Iterator<TraceVisitor> {
    this.first();
    for (;;) {
      const n = this.lines.next();
      if (n.done) break;
      const x = this.decoder.push(n.value);
      if (x !== null && isVisitor(x)) yield x;
    }
    this.decoder.finish();
  }
}
