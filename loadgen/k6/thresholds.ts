// The scenario's `sla:` targets as k6 thresholds: each target on a metric the k6 script measures
// becomes a threshold expression on its custom metric (a failed one makes k6 exit 99); the others
// are listed with why they cannot be checked by k6. Pure (bundled into the k6 script); imports only
// the kernel and this folder.

import type { SlaTarget } from '../../core/metrics/targets.js';
import { K6_METRICS } from './summary.js';

/** How a chatsim metric is read in k6: the custom metric and the aggregation of k6's threshold grammar. */
const K6_AGGREGATION: Readonly<Record<string, { metric: string; agg: string }>> = {
  frtMean: { metric: K6_METRICS.firstResponse, agg: 'avg' },
  frtP50: { metric: K6_METRICS.firstResponse, agg: 'med' },
  frtP90: { metric: K6_METRICS.firstResponse, agg: 'p(90)' },
  frtP95: { metric: K6_METRICS.firstResponse, agg: 'p(95)' },
  frtP99: { metric: K6_METRICS.firstResponse, agg: 'p(99)' },
  queueWaitMeanAll: { metric: K6_METRICS.queueWait, agg: 'avg' },
  avgResponseTime: { metric: K6_METRICS.response, agg: 'avg' },
  serviceLevel: { metric: K6_METRICS.serviceLevel, agg: 'rate' },
  abandonRate: { metric: K6_METRICS.abandonInQueueRate, agg: 'rate' },
  abandonRateTotal: { metric: K6_METRICS.abandonRate, agg: 'rate' },
  offered: { metric: K6_METRICS.offered, agg: 'count' },
  answered: { metric: K6_METRICS.answered, agg: 'count' },
  abandonedInQueue: { metric: K6_METRICS.abandoned, agg: 'count' },
};

/** The chatsim metrics a `sla:` target may name and still become a k6 threshold. */
export const K6_THRESHOLD_METRICS: readonly string[] = Object.keys(K6_AGGREGATION);

/** k6 `options.thresholds` (metric, or `metric{tag:value}`, → expressions) and the targets left out. */
export interface K6Thresholds {
  thresholds: Record<string, string[]>;
  /** Targets k6 cannot check, each with why (chatsim compare-live still can, from a backend export). */
  skipped: Array<{ text: string; why: string }>;
}

/** A number as k6's threshold parser reads it (no exponent, no trailing noise). */
function k6Number(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * k6 thresholds for a scenario's `sla:` targets: `frtP90 <= 30s` → `chat_first_response_time:
 * ['p(90)<=30']` (scenario seconds), `serviceLevel >= 80%` → `chat_service_level: ['rate>=0.8']`;
 * a group target goes on the sub-metric of that group (`chat_first_response_time{group:sales}`).
 * Per-interval targets and metrics the script does not measure are skipped, with the reason.
 * @example k6Thresholds(scenario.sla).thresholds // { chat_first_response_time: ['p(90)<=30'] }
 */
export function k6Thresholds(sla: readonly SlaTarget[]): K6Thresholds {
  const thresholds: Record<string, string[]> = {};
  const skipped: K6Thresholds['skipped'] = [];
  for (const t of sla) {
    const m = K6_AGGREGATION[t.metric];
    if (t.scope === 'interval') {
      skipped.push({ text: t.text, why: 'a per-interval target: k6 thresholds hold over the whole test' });
      continue;
    }
    if (m === undefined) {
      skipped.push({ text: t.text, why: `the k6 script does not measure ${t.metric} (k6 thresholds: ${K6_THRESHOLD_METRICS.join(', ')})` });
      continue;
    }
    const key = t.scope === 'group' && t.group !== undefined ? `${m.metric}{group:${t.group}}` : m.metric;
    (thresholds[key] ??= []).push(`${m.agg}${t.op}${k6Number(t.value)}`);
  }
  return { thresholds, skipped };
}
