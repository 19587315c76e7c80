// The k6 script's settings, from k6's `__ENV` (so one bundled script serves every run, and a split
// run gives each machine the same absolute start), and the scenario wiring derived from them and
// the trace. Pure (bundled into the k6 script); imports the kernel, the behaviour's timeline and this folder.

import type { TraceVisitor } from '../../core/trace.js';
import { inWindow } from '../behaviour/timeline.js';

/** The environment variables the script reads. */
export const K6_ENV = {
  debug: 'CHATSIM_DEBUG',
  target: 'CHATSIM_TARGET',
  trace: 'CHATSIM_TRACE',
  tokens: 'CHATSIM_TOKENS',
  timeScale: 'CHATSIM_TIME_SCALE',
  t0: 'CHATSIM_T0',
  leadMs: 'CHATSIM_LEAD_MS',
  vus: 'CHATSIM_VUS',
  summary: 'CHATSIM_SUMMARY',
  from: 'CHATSIM_FROM',
  to: 'CHATSIM_TO',
} as const;

/** Default lead before the first arrival when no T0 is given, wall ms (VUs start, agents log in). */
export const DEFAULT_LEAD_MS = 5000;
/** Default summary file, relative to the directory k6 runs in. */
export const DEFAULT_SUMMARY_FILE = 'chatsim-summary.json';
/** Scenario seconds a visit may still run after the last arrival before it counts as unfinished, beyond the drain. */
export const VISIT_GRACE_SEC = 600;

/** The script's settings. */
export interface K6Settings {
  /** `http://host:port` of the backend, no trailing slash. */
  target: string;
  /** The same with ws:// or wss://. */
  wsTarget: string;
  trace: string;
  tokens: string;
  /** Scenario seconds per wall second, > 0. */
  timeScale: number;
  /** The replay's start, epoch ms; undefined: setup() picks now + leadMs. */
  t0Ms: number | undefined;
  leadMs: number;
  /** Visitor VUs; undefined: from the trace ({@link visitorVus}). */
  vus: number | undefined;
  summary: string;
  /** The window replayed, scenario seconds from day 0: visitors arriving in `[fromSec, toSec)` (undefined: from 0, to the horizon). */
  fromSec: number | undefined;
  toSec: number | undefined;
}

/** A setting that is missing or wrong; the message names the variable. */
export class K6EnvError extends Error {
  override name = 'K6EnvError';
}

/**
 * Reads the settings from `env` (`__ENV`).
 * @throws {K6EnvError} listing every problem.
 * @example k6Settings({ CHATSIM_TARGET: 'http://127.0.0.1:8080', CHATSIM_TRACE: 'day.trace.jsonl', CHATSIM_TOKENS: 'tokens.json', CHATSIM_TIME_SCALE: '60' })
 */
export function k6Settings(env: Record<string, string | undefined>): K6Settings {
  const problems: string[] = [];
  const need = (k: string) => {
    const v = env[k];
    if (v === undefined || v === '') problems.push(`${k} is required`);
    return v ?? '';
  };
  const num = (k: string, ok: (x: number) => boolean, what: string): number | undefined => {
    const v = env[k];
    if (v === undefined || v === '') return undefined;
    const x = Number(v);
    if (!ok(x)) problems.push(`${k} must be ${what} (got "${v}")`);
    return x;
  };
  const target = need(K6_ENV.target).replace(/\/+$/, '');
  if (target !== '' && !/^https?:\/\/[^/]/.test(target)) problems.push(`${K6_ENV.target} must be an http:// or https:// URL (got "${target}")`);
  const trace = need(K6_ENV.trace);
  const tokens = need(K6_ENV.tokens);
  const timeScale = num(K6_ENV.timeScale, (x) => x > 0 && Number.isFinite(x), 'a positive number') ?? 1;
  const t0Ms = num(K6_ENV.t0, (x) => Number.isSafeInteger(x) && x > 0, 'an epoch instant in milliseconds');
  const leadMs = num(K6_ENV.leadMs, (x) => Number.isFinite(x) && x >= 0, 'milliseconds ≥ 0') ?? DEFAULT_LEAD_MS;
  const vus = num(K6_ENV.vus, (x) => Number.isSafeInteger(x) && x >= 1, 'an integer ≥ 1');
  const fromSec = num(K6_ENV.from, (x) => Number.isFinite(x) && x >= 0, 'scenario seconds ≥ 0');
  const toSec = num(K6_ENV.to, (x) => Number.isFinite(x) && x > 0, 'scenario seconds > 0');
  if (toSec !== undefined && Number.isFinite(toSec) && !(toSec > (fromSec ?? 0))) problems.push(`${K6_ENV.to} (${toSec}) must come after ${K6_ENV.from} (${fromSec ?? 0})`);
  if (problems.length > 0) throw new K6EnvError(`chatsim k6 script: ${problems.join('; ')}`);
  return { target, wsTarget: target.replace(/^http/, 'ws'), trace, tokens, timeScale, t0Ms, leadMs, vus, summary: env[K6_ENV.summary] || DEFAULT_SUMMARY_FILE, fromSec, toSec };
}

/** An upper bound of how long a visit lasts, scenario seconds (queue wait capped at the grace). */
export function visitBoundSec(r: Pick<TraceVisitor, 'patienceSec' | 'replySec' | 'thinkSec' | 'wrapUpSec'>): number {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return Math.min(r.patienceSec, VISIT_GRACE_SEC) + 2 * sum(r.replySec) + sum(r.thinkSec) + r.wrapUpSec;
}

/**
 * Visitor VUs for a trace: the most visits that can be open at once (each from its arrival for
 * {@link visitBoundSec}), with room: a VU busy with one visitor cannot start the next on time.
 * @example visitorVus(rows) // e.g. 37
 */
export function visitorVus(rows: ReadonlyArray<Pick<TraceVisitor, 'at' | 'patienceSec' | 'replySec' | 'thinkSec' | 'wrapUpSec'>>): number {
  if (rows.length === 0) return 1;
  const ends: number[] = [];
  let peak = 0;
  let open = 0;
  // arrivals are in order; keep the ends of open visits in a sorted list (small: the peak)
  for (const r of rows) {
    while (ends.length > 0 && ends[0] <= r.at) { ends.shift(); open--; }
    const end = r.at + visitBoundSec(r);
    let i = ends.length;
    while (i > 0 && ends[i - 1] > end) i--;
    ends.splice(i, 0, end);
    open++;
    if (open > peak) peak = open;
  }
  return Math.min(rows.length, Math.ceil(peak * 1.25) + 2);
}

/** What every VU needs of the replayed window of the trace, computed once (in a SharedArray). */
export interface TraceWindow {
  /** Trace index of the window's first visitor; the window's visitors are `[first, first + count)`. */
  first: number;
  count: number;
  /** The window's first and last arrivals, scenario seconds (Infinity and 0 when it has none). */
  firstAtSec: number;
  lastAtSec: number;
  longestVisitSec: number;
  /** Visitor VUs the window needs ({@link visitorVus}). */
  vus: number;
}

/**
 * The window `[fromSec, toSec)` of a trace (visitors in arrival order, as a trace holds them): the
 * shared-iterations scenario runs `count` iterations and iteration i plays trace visitor
 * `first + i`, so the lookup stays O(1) and the same on every machine of a split run.
 * @throws {K6EnvError} when the trace's arrivals are out of order (the window would not be one run of rows)
 * @example traceWindow(rows, 9 * 3600, 10 * 3600) // { first: 120, count: 277, … }
 */
export function traceWindow(rows: ReadonlyArray<Pick<TraceVisitor, 'at' | 'patienceSec' | 'replySec' | 'thinkSec' | 'wrapUpSec'>>, fromSec = 0, toSec = Infinity): TraceWindow {
  let first = -1;
  let end = -1;
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && rows[i].at < rows[i - 1].at) throw new K6EnvError(`chatsim k6 script: trace visitor ${i} arrives before visitor ${i - 1}; a trace lists visitors in arrival order (write it with chatsim trace or chatsim loadgen)`);
    if (!inWindow(rows[i], fromSec, toSec)) continue;
    if (first < 0) first = i;
    end = i + 1;
  }
  const win = first < 0 ? [] : rows.slice(first, end);
  return {
    first: Math.max(0, first),
    count: win.length,
    firstAtSec: win.length > 0 ? win[0].at : Infinity,
    lastAtSec: win.length > 0 ? win[win.length - 1].at : 0,
    longestVisitSec: win.reduce((m, v) => Math.max(m, visitBoundSec(v)), 0),
    vus: visitorVus(win),
  };
}
