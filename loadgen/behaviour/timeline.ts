// The replay's timeline: which trace visitors a replay covers (`--from`/`--to`), its T0 (the first
// instant anything happens in the window, so a day opening at 08:00 does not wait eight hours),
// scenario seconds ↔ wall milliseconds under the time scale, and the tag in a visitor's first
// message that names its trace visitor. Pure; imports only the kernel.

import type { Scenario } from '../../core/scenario.js';
import type { TraceVisit, TraceVisitor } from '../../core/trace.js';
import { onlineSpans } from '../../core/roster.js';

/** Where a replay sits in scenario and wall time. */
export interface ReplayTimeline {
  /** Scenario seconds replayed as wall instant `startWallMs`. */
  t0Sec: number;
  /** End of the window, scenario seconds (arrivals at or after it are not replayed). */
  toSec: number;
  /** Scenario seconds per wall second (60: an hour in a minute). */
  timeScale: number;
  /** Wall instant of `t0Sec`, as the clock counts (epoch ms in Node and k6). */
  startWallMs: number;
}

/** Wall ms (the clock's) of scenario instant `sec`. */
export function wallAt(t: ReplayTimeline, sec: number): number {
  return t.startWallMs + ((sec - t.t0Sec) / t.timeScale) * 1000;
}

/** Wall ms a scenario duration of `sec` takes. */
export function wallMs(t: ReplayTimeline, sec: number): number {
  return (sec / t.timeScale) * 1000;
}

/** Scenario seconds a wall duration of `ms` stands for. */
export function scenarioSec(t: ReplayTimeline, ms: number): number {
  return (ms / 1000) * t.timeScale;
}

/**
 * T0 of a replay of `[fromSec, toSec)`: the first arrival or the first agent coming online in it,
 * whichever is earlier (never before `fromSec`).
 * @param firstArrivalSec the first trace arrival at or after `fromSec` (Infinity: none)
 */
export function replayStartSec(scenario: Scenario, firstArrivalSec: number, fromSec = 0, toSec = scenario.horizonSec): number {
  let t0 = firstArrivalSec;
  for (const g of scenario.agents) {
    if (g.count === 0) continue;
    for (const [a, b] of onlineSpans(g, toSec, scenario.startWeekday ?? 0)) {
      if (b <= fromSec) continue;
      t0 = Math.min(t0, Math.max(a, fromSec));
      break;
    }
  }
  return Number.isFinite(t0) ? Math.max(t0, fromSec) : fromSec;
}

/** Whether trace visitor `v` is replayed in `[fromSec, toSec)`. */
export function inWindow(v: Pick<TraceVisitor, 'at'>, fromSec: number, toSec: number): boolean {
  return v.at >= fromSec && v.at < toSec;
}


/**
 * The identification of a trace visitor on the wire: its first message starts with `#v<index>`
 * (the visitor's line number in the trace, 0-based), so an agent bot reading the assignment's first
 * message knows whose base reply delays, rounds and wrap-up to use. Works across processes and
 * machines (k6 split over pods), unlike an arrival-order lookup, which a queue reorders.
 * @example firstMessageText(12) // '#v12 hello, I have a question'
 */
export function firstMessageText(index: number, visit = 0): string {
  return `#v${index}${visit > 0 ? `.${visit}` : ''} hello, I have a question`;
}

/** The trace visitor index a first message names, or undefined when it names none. */
export function visitorOfMessage(text: string): { index: number; visit: number } | undefined {
  const m = /^#v(\d+)(?:\.(\d+))?\b/.exec(text);
  if (m === null) return undefined;
  return { index: Number(m[1]), visit: m[2] === undefined ? 0 : Number(m[2]) };
}

/**
 * The draws of visit `visit` of trace visitor `v`, as `firstMessageText` numbers them: 0 the first
 * visit, 1…R its retries after abandoning (R = `retries.length`), then R + 1… its returns after
 * being served. Fixed by the trace, whatever happened in the replay. Undefined when out of range.
 * @example traceVisit(v, 0) === v
 */
export function traceVisit(v: TraceVisitor, visit: number): TraceVisit | undefined {
  if (visit === 0) return v;
  const r = v.retries?.length ?? 0;
  return visit <= r ? v.retries![visit - 1] : v.returns?.[visit - r - 1];
}

/** The visit number (see {@link traceVisit}) of retry `k` (0-based) of a visitor. */
export function retryVisit(k: number): number {
  return k + 1;
}

/** The visit number (see {@link traceVisit}) of return `k` (0-based) of visitor `v`. */
export function returnVisit(v: TraceVisitor, k: number): number {
  return (v.retries?.length ?? 0) + k + 1;
}
