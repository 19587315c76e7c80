// The trace as the k6 script holds it: its lines as strings in a SharedArray (one copy for every
// VU), checked whole once with the kernel's codec, each visitor decoded when its VU needs it.
// Pure (bundled into the k6 script); imports only the kernel.

import { decodeTrace, TraceDecoder } from '../../core/trace-codec.js';
import { decodeNumber, textLines } from '../../core/records-codec.js';
import type { TraceHeader, TraceRetry, TraceReturn, TraceVisitor } from '../../core/trace.js';

/**
 * The header line and the visitor lines of a trace's text (the end line dropped), after checking
 * the whole trace.
 * @throws {TraceFormatError} naming `file:line`.
 */
export function traceLinesOf(text: string, file: string): string[] {
  decodeTrace(text, file);
  const lines = [...textLines(text)].filter((l) => l.trim() !== '');
  return lines.slice(0, -1);
}

/** The header of a trace from its first line (already checked). */
export function traceHeaderOf(line: string, file: string): TraceHeader {
  return new TraceDecoder(file).push(line) as TraceHeader;
}

/** A visitor from its line (already checked): numbers as the codec writes them ("Infinity"). */
export function traceVisitorOf(line: string): TraceVisitor {
  const v = JSON.parse(line) as TraceVisitor & { patienceSec: unknown; returns?: Array<TraceReturn & { patienceSec: unknown }>; retries?: Array<TraceRetry & { patienceSec: unknown }> };
  return {
    ...v,
    patienceSec: decodeNumber(v.patienceSec) ?? Infinity,
    ...(v.returns !== undefined ? { returns: v.returns.map((r) => ({ ...r, patienceSec: decodeNumber(r.patienceSec) ?? Infinity })) } : {}),
    ...(v.retries !== undefined ? { retries: v.retries.map((r) => ({ ...r, patienceSec: decodeNumber(r.patienceSec) ?? Infinity })) } : {}),
  };
}
