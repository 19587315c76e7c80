// The scenario's SLA targets evaluated on replications: overall, per interval of the day, or per
// skill group; each with its value, CI, margin and an "at risk" flag when the CI straddles the
// target. Pure; must not import cli/.

import type { SlaTarget } from './targets.js';
import type { RunMetrics } from './collector.js';
import { estimateMetric, summariseMetric, type MetricSummary } from './summary.js';
import { formatClock } from '../units.js';
import { atRisk, margin, meets } from './targets.js';

/** One interval that misses an interval target. */
export interface IntervalMiss {
  start: string;
  value: number | null;
}

/** The verdict on one target. */
export interface TargetResult {
  text: string;
  metric: string;
  op: SlaTarget['op'];
  value: number;
  scope: SlaTarget['scope'];
  group?: string;
  pass: boolean;
  /** The CI straddles the target: more replications may change the verdict. */
  atRisk: boolean;
  /** Mean over replications (for `interval`, the worst interval's). */
  measured: number | null;
  ci95: [number, number] | null;
  /** How far on the good side (positive) or bad side (negative), in the metric's unit. */
  margin: number | null;
  /** The measured value rests on few conversations (see MetricSummary.sparse): the verdict is fragile. */
  sparse?: MetricSummary['sparse'];
  /** For `interval`: the worst interval, and every interval that misses. */
  worstInterval?: string;
  missedIntervals?: IntervalMiss[];
}

/**
 * Evaluates every target on the replications' metrics.
 * @example evaluateTargets(scenario.sla, result.runs).every((t) => t.pass)
 */
export function evaluateTargets(targets: readonly SlaTarget[], runs: readonly RunMetrics[]): TargetResult[] {
  return targets.map((t) => {
    const base = { text: t.text, metric: t.metric, op: t.op, value: t.value, scope: t.scope, ...(t.group !== undefined ? { group: t.group } : {}) };
    if (t.scope === 'interval') {
      const count = runs[0]?.intervals.length ?? 0;
      let worst: { start: string; s: ReturnType<typeof estimateMetric>; m: number } | null = null;
      const missed: IntervalMiss[] = [];
      let anyStraddles = false;
      let missedAllStraddle = true;
      for (let i = 0; i < count; i++) {
        const scope = { kind: 'interval', index: i } as const;
        const arrivals = estimateMetric(runs, scope, 'arrivals');
        if (!(arrivals.mean !== null && arrivals.mean > 0)) continue;
        const s = estimateMetric(runs, scope, t.metric);
        const start = formatClock(runs[0].intervals[i].startSec);
        const m = s.mean === null ? -Infinity : margin(s.mean, t);
        const straddles = atRisk(s.ci95, t);
        if (straddles) anyStraddles = true;
        if (!meets(s.mean, t)) {
          missed.push({ start, value: s.mean });
          if (!straddles) missedAllStraddle = false;
        }
        if (worst === null || m < worst.m) worst = { start, s, m };
      }
      return {
        ...base,
        pass: missed.length === 0,
        // passing: some interval could still miss; failing: every missed interval could still pass
        atRisk: missed.length === 0 ? anyStraddles : missedAllStraddle,
        measured: worst?.s.mean ?? null,
        ci95: worst?.s.ci95 ?? null,
        margin: worst && Number.isFinite(worst.m) ? worst.m : null,
        worstInterval: worst?.start,
        missedIntervals: missed,
      };
    }
    const s = summariseMetric(runs, t.scope === 'group' ? { kind: 'group', id: t.group! } : { kind: 'overall' }, t.metric);
    return {
      ...base,
      pass: meets(s.mean, t),
      atRisk: atRisk(s.ci95, t),
      measured: s.mean,
      ci95: s.ci95,
      margin: s.mean === null ? null : margin(s.mean, t),
      ...(s.sparse !== undefined ? { sparse: s.sparse } : {}),
    };
  });
}
