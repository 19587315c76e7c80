// The chatsim k6 summary: what the bundled k6 script's handleSummary writes and what `chatsim
// compare-live --measured` reads — its shape, how it is built from k6's summary data, and how it is
// read back (checked). One definition for the k6 script (bundled, so pure: no node:*, no k6
// imports) and for the readers. Imports only the kernel.

import { ChatsimError } from '../../core/errors.js';

/** The `format` field of a chatsim k6 summary. */
export const K6_SUMMARY_FORMAT = 'chatsim.k6-summary';
/** The summary version this code writes and reads. */
export const K6_SUMMARY_VERSION = 1;

/** Custom k6 metric names (letters, digits, underscores: valid for k6 ≥ 0.48). */
export const K6_METRICS = {
  /** Trend, scenario seconds: first manual reply − arrival (server instants). */
  firstResponse: 'chat_first_response_time',
  /** Trend, scenario seconds: assignment − arrival (server instants). */
  queueWait: 'chat_queue_wait',
  /** Trend, scenario seconds: a visitor message to the agent's answer, as the visitor saw it. */
  response: 'chat_response_time',
  /** Trend, wall milliseconds: how late each visitor started against its trace instant. */
  arrivalLag: 'chat_arrival_lag',
  /** Counter: visitors that started a conversation. */
  offered: 'chat_offered',
  /** Counter: conversations with a first manual reply. */
  answered: 'chat_answered',
  /** Counter: visitors that left before a first reply (patience ran out). */
  abandoned: 'chat_abandoned',
  /** Counter: visitors deflected by an FAQ card or a bot (never started). */
  deflected: 'chat_deflected',
  /** Rate: answered within the scenario's service-level time, per answered or abandoned visitor. */
  serviceLevel: 'chat_service_level',
  /** Rate: abandoned before a first reply (in the queue or after assignment), per answered or abandoned visitor (the kernel's abandonRateTotal). */
  abandonRate: 'chat_abandon_rate',
  /** Rate: abandoned in the queue (never assigned), per conversation started (the kernel's abandonRate). */
  abandonInQueueRate: 'chat_abandon_queue_rate',
  /** Counter: messages sent (visitor and agent). */
  messagesSent: 'chat_messages_sent',
  /** Counter: messages the other side received (an agent reply seen by the visitor, a visitor message acknowledged). */
  messagesDelivered: 'chat_messages_delivered',
  /** Counter: visits that did not finish (no close seen) by the end of the test. */
  unfinished: 'chat_unfinished',
  /** Counter: HTTP or WebSocket errors. */
  errors: 'chat_errors',
} as const;

/** k6's trend statistics the script asks for (`summaryTrendStats`). */
export const K6_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'count'] as const;

/** A trend's statistics in the summary, in the trend's unit; null where it had no samples. */
export interface K6TrendSummary {
  count: number;
  mean: number | null;
  min: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** The JSON file the k6 script writes at the end of a run (`CHATSIM_SUMMARY`, default `chatsim-summary.json`). */
export interface K6Summary {
  format: typeof K6_SUMMARY_FORMAT;
  version: typeof K6_SUMMARY_VERSION;
  /** The scenario's name and the trace's seed and replication. */
  scenario: string;
  seed: string;
  replication: number;
  /** Scenario seconds per wall second. */
  timeScale: number;
  /** The replay's start, epoch ms (trace instant `firstAtSec` plays at `t0Ms`). */
  t0Ms: number;
  firstAtSec: number;
  /** Visitor rows replayed (the window's, CHATSIM_FROM / CHATSIM_TO; else the whole trace); agents in the roster. */
  visitors: number;
  agents: number;
  /** Test wall duration, ms (k6's `state.testRunDurationMs`). */
  durationMs: number;
  /** Scenario seconds, except arrivalLagMs (wall ms). */
  firstResponseSec: K6TrendSummary;
  queueWaitSec: K6TrendSummary;
  responseSec: K6TrendSummary;
  arrivalLagMs: K6TrendSummary;
  offered: number;
  answered: number;
  abandoned: number;
  deflected: number;
  /** Shares in [0, 1]; null without answered or abandoned visitors. */
  serviceLevel: number | null;
  /** Abandoned in the queue, per conversation started (the kernel's abandonRate). */
  abandonRate: number | null;
  /** Abandoned before a first reply, in the queue or after assignment (the kernel's abandonRateTotal). */
  abandonRateTotal: number | null;
  messagesSent: number;
  messagesDelivered: number;
  /** messagesSent − messagesDelivered. */
  messagesLost: number;
  unfinished: number;
  errors: number;
  /** Each threshold (`metric` → expressions) and whether it held. */
  thresholds: Array<{ metric: string; expressions: string[]; ok: boolean }>;
  /** True when every threshold held (k6 then exits 0; else 99). */
  passed: boolean;
  /**
   * k6's own data of the chat_* metrics (`{ type, values: { avg, med, 'p(90)', count, rate, … } }`),
   * so a reader of k6's handleSummary JSON reads this file too.
   */
  metrics: Record<string, { type?: string; values: Record<string, number> }>;
}

/** The part of k6's handleSummary data read here (see k6's "custom summary" docs). */
export interface K6SummaryData {
  state?: { testRunDurationMs?: number };
  metrics: Record<string, { type?: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
}

/** What the script knows of its run, for the summary. */
export type K6RunInfo = Pick<K6Summary, 'scenario' | 'seed' | 'replication' | 'timeScale' | 't0Ms' | 'firstAtSec' | 'visitors' | 'agents'>;

function trend(data: K6SummaryData, name: string): K6TrendSummary {
  const v = data.metrics[name]?.values;
  const count = v?.count ?? 0;
  const x = (k: string) => (v !== undefined && count > 0 && Number.isFinite(v[k]) ? v[k] : null);
  return { count, mean: x('avg'), min: x('min'), p50: x('med'), p90: x('p(90)'), p95: x('p(95)'), p99: x('p(99)'), max: x('max') };
}

const counter = (data: K6SummaryData, name: string): number => data.metrics[name]?.values.count ?? 0;
function rate(data: K6SummaryData, name: string): number | null {
  const v = data.metrics[name]?.values;
  return v === undefined || (v.passes ?? 0) + (v.fails ?? 0) === 0 ? null : v.rate;
}

/**
 * The chatsim summary of a k6 run from k6's handleSummary data.
 * @example export function handleSummary(data) { return { 'chatsim-summary.json': JSON.stringify(k6Summary(data, info)) }; }
 */
export function k6Summary(data: K6SummaryData, info: K6RunInfo): K6Summary {
  const thresholds: K6Summary['thresholds'] = [];
  for (const [metric, m] of Object.entries(data.metrics)) {
    if (m.thresholds === undefined) continue;
    const expressions = Object.keys(m.thresholds);
    thresholds.push({ metric, expressions, ok: expressions.every((e) => m.thresholds![e].ok) });
  }
  thresholds.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
  const sent = counter(data, K6_METRICS.messagesSent);
  const delivered = counter(data, K6_METRICS.messagesDelivered);
  return {
    format: K6_SUMMARY_FORMAT, version: K6_SUMMARY_VERSION, ...info,
    durationMs: data.state?.testRunDurationMs ?? 0,
    firstResponseSec: trend(data, K6_METRICS.firstResponse),
    queueWaitSec: trend(data, K6_METRICS.queueWait),
    responseSec: trend(data, K6_METRICS.response),
    arrivalLagMs: trend(data, K6_METRICS.arrivalLag),
    offered: counter(data, K6_METRICS.offered),
    answered: counter(data, K6_METRICS.answered),
    abandoned: counter(data, K6_METRICS.abandoned),
    deflected: counter(data, K6_METRICS.deflected),
    serviceLevel: rate(data, K6_METRICS.serviceLevel),
    abandonRate: rate(data, K6_METRICS.abandonInQueueRate),
    abandonRateTotal: rate(data, K6_METRICS.abandonRate),
    messagesSent: sent,
    messagesDelivered: delivered,
    messagesLost: sent - delivered,
    unfinished: counter(data, K6_METRICS.unfinished),
    errors: counter(data, K6_METRICS.errors),
    thresholds,
    passed: thresholds.every((t) => t.ok),
    metrics: Object.fromEntries(Object.entries(data.metrics).filter(([name]) => name.startsWith('chat_')).map(([name, m]) => [name, { ...(m.type !== undefined ? { type: m.type } : {}), values: m.values }])),
  };
}

/**
 * A file that is not a chatsim k6 summary; the message names the file and the field.
 * @example try { decodeK6Summary(text, file); } catch (e) { if (e instanceof K6SummaryError) process.exitCode = e.exitCode; }
 */
export class K6SummaryError extends ChatsimError {
  override name = 'K6SummaryError';
}

/**
 * Reads a chatsim k6 summary (the JSON text of the file the script wrote) and checks its shape.
 * @throws {K6SummaryError} naming `file` and the first bad field.
 * @example const s = decodeK6Summary(readFileSync('chatsim-summary.json', 'utf8'), 'chatsim-summary.json'); s.firstResponseSec.p90
 */
export function decodeK6Summary(text: string, file: string): K6Summary {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new K6SummaryError(`${file}: not JSON (${(e as Error).message})`);
  }
  const fail = (field: string, what: string) => new K6SummaryError(`${file}: ${field} ${what}`);
  if (typeof v !== 'object' || v === null) throw fail('', 'must be a JSON object (a chatsim k6 summary)');
  const o = v as Record<string, unknown>;
  if (o.format !== K6_SUMMARY_FORMAT) throw fail('format', `must be "${K6_SUMMARY_FORMAT}" (got ${JSON.stringify(o.format)}); is this the summary the chatsim k6 script wrote?`);
  if (o.version !== K6_SUMMARY_VERSION) throw fail('version', `must be ${K6_SUMMARY_VERSION} (got ${JSON.stringify(o.version)})`);
  for (const k of ['timeScale', 't0Ms', 'firstAtSec', 'visitors', 'agents', 'durationMs', 'offered', 'answered', 'abandoned', 'deflected', 'messagesSent', 'messagesDelivered', 'messagesLost', 'unfinished', 'errors']) {
    if (typeof o[k] !== 'number') throw fail(k, `must be a number (got ${JSON.stringify(o[k])})`);
  }
  for (const k of ['firstResponseSec', 'queueWaitSec', 'responseSec', 'arrivalLagMs']) {
    const t = o[k] as Record<string, unknown> | undefined;
    if (typeof t !== 'object' || t === null || typeof t.count !== 'number') throw fail(k, 'must be a trend ({ count, mean, p50, p90, … })');
  }
  if (!Array.isArray(o.thresholds) || typeof o.passed !== 'boolean') throw fail('thresholds', 'must be a list, with passed a boolean');
  if (typeof o.metrics !== 'object' || o.metrics === null) throw fail('metrics', 'must be an object (k6\'s data of the chat_* metrics)');
  return o as unknown as K6Summary;
}
