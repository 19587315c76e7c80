// Targets on metrics ("serviceLevel >= 80%", "frtP90 <= 30s"): parsing, checking and wording, shared
// by `chatsim check` (the scenario's sla block) and `chatsim staff`. Pure; must not import cli/.

import { METRICS } from './index.js';
import { parseDuration } from '../units.js';
import { suggest } from '../suggest.js';

export type TargetOp = '>=' | '<=' | '>' | '<';

/** A service target of the scenario's `sla` block, checked by `chatsim check`. */
export interface SlaTarget {
  metric: string;
  op: '>=' | '<=' | '>' | '<';
  /** In the metric's unit: seconds, a fraction, a count. */
  value: number;
  /** As written, e.g. `serviceLevel >= 80%`. */
  text: string;
  /** `overall`: the whole run; `interval`: every interval of the day with arrivals; `group`: one skill group. */
  scope: 'overall' | 'interval' | 'group';
  /** The skill group, when `scope` is `group`. */
  group?: string;
}

/** A target on one metric: `metric op value`, value in the metric's unit (seconds, fraction, count). */
export interface Target {
  metric: string;
  op: TargetOp;
  value: number;
  /** As written, e.g. `serviceLevel >= 80%`. */
  text: string;
}

const TARGET = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(>=|<=|>|<|≥|≤)\s*(\S+)\s*$/;

/**
 * Parses `metric op value`. Rates take `80%` or `0.8`; times take durations (`30s`, `2m`) or
 * seconds; others plain numbers.
 * @example parseTarget('serviceLevel >= 80%') // { ok: true, target: { metric: 'serviceLevel', op: '>=', value: 0.8, … } }
 */
export function parseTarget(text: string): { ok: true; target: Target } | { ok: false; error: string } {
  const m = TARGET.exec(text);
  if (!m) return { ok: false, error: `"${text}" is not a target; write it as <metric> <op> <value>, e.g. "serviceLevel >= 80%" or "frtP90 <= 30s"` };
  const [, metric, rawOp, rawValue] = m;
  const info = METRICS.find((x) => x.name === metric);
  if (!info) {
    const hint = suggest(metric, METRICS.map((x) => x.name));
    return { ok: false, error: `unknown metric "${metric}" in "${text}"${hint ? `; did you mean "${hint}"?` : ''}` };
  }
  const op = (rawOp === '≥' ? '>=' : rawOp === '≤' ? '<=' : rawOp) as TargetOp;
  let value: number | undefined;
  if (info.unit === 'rate') {
    if (rawValue.endsWith('%')) {
      const n = Number(rawValue.slice(0, -1));
      value = Number.isFinite(n) ? n / 100 : undefined;
    } else {
      const n = Number(rawValue);
      if (Number.isFinite(n) && n > 1) return { ok: false, error: `${metric} is a share: write ${n}% or ${n / 100}, not ${n} (in "${text}")` };
      value = Number.isFinite(n) ? n : undefined;
    }
    if (value !== undefined && (value < 0 || value > 1)) return { ok: false, error: `${metric} is a share between 0 and 100% (got ${rawValue} in "${text}")` };
    if (value === undefined) return { ok: false, error: `"${rawValue}" is not a share such as 80% or 0.8 (in "${text}")` };
  } else if (info.unit === 'sec') {
    value = parseDuration(rawValue);
    if (value === undefined) return { ok: false, error: `"${rawValue}" is not a duration such as 30s or 2m (in "${text}")` };
  } else {
    const n = Number(rawValue);
    if (!Number.isFinite(n)) return { ok: false, error: `"${rawValue}" is not a number (in "${text}")` };
    value = n;
  }
  return { ok: true, target: { metric, op, value, text: text.trim() } };
}

/**
 * Whether `value` meets the target (a missing value never does).
 * @example meets(0.82, parseTarget('serviceLevel >= 80%').target) // true
 */
export function meets(value: number | null | undefined, t: Target): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  switch (t.op) {
    case '>=': return value >= t.value;
    case '<=': return value <= t.value;
    case '>': return value > t.value;
    case '<': return value < t.value;
  }
}

/**
 * How far `value` is on the good side of the target (positive = met with room, negative = missed
 * by that much), in the metric's unit.
 * @example margin(0.78, parseTarget('serviceLevel >= 80%').target) // -0.02 (missed by 2 points)
 */
export function margin(value: number, t: Target): number {
  return t.op === '>=' || t.op === '>' ? value - t.value : t.value - value;
}

/**
 * True when a confidence interval straddles the target's threshold: the verdict could go either way.
 * @example atRisk([0.78, 0.83], parseTarget('serviceLevel >= 80%').target) // true
 */
export function atRisk(ci: readonly [number, number] | null | undefined, t: Target): boolean {
  return ci !== null && ci !== undefined && ci[0] <= t.value && t.value <= ci[1];
}
