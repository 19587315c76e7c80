// Numbers as a report prints them, by metric unit and language: rates as %, seconds, per hour.
// Pure; must not import cli/ or anything with I/O.

import { AGENT_METRICS, INTERVAL_METRICS, METRICS, type MetricUnit } from '../core/metrics/index.js';
import type { Lang } from './labels.js';

const UNITS = new Map<string, MetricUnit>();
for (const list of [AGENT_METRICS, INTERVAL_METRICS, METRICS]) for (const m of list) UNITS.set(m.name, m.unit);

/** The unit of a metric by name (overall names win over agent names); `count` when unknown. */
export function unitOf(metric: string): MetricUnit {
  return UNITS.get(metric) ?? 'count';
}

/** The unit suffix a chart axis shows after a metric's label, e.g. ` (s)` or ` (%)`. */
export function unitSuffix(unit: MetricUnit, lang: Lang): string {
  switch (unit) {
    case 'rate': return lang === 'zh' ? '（%）' : ' (%)';
    case 'sec': return lang === 'zh' ? '（秒）' : ' (s)';
    case 'perHour': return lang === 'zh' ? '（每小时）' : ' (/h)';
    default: return '';
  }
}

/** The number a chart plots for a metric value: rates as percentages, others as they are. */
export function chartValue(value: number, unit: MetricUnit): number {
  return unit === 'rate' ? value * 100 : value;
}

/**
 * A metric value as text: `68.2 %`, `19.9 s` (`19.9 秒`), `20.1 /h`, counts as integers when whole;
 * `–` when missing.
 * @example formatValue(0.682, 'rate', 'en') // '68.2 %'
 */
export function formatValue(value: number | null | undefined, unit: MetricUnit, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'rate': return `${(value * 100).toFixed(1)} %`;
    case 'sec': return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${lang === 'zh' ? '秒' : 's'}`;
    case 'perHour': return `${value.toFixed(1)} ${lang === 'zh' ? '/小时' : '/h'}`;
    case 'hours': return `${value.toFixed(1)} ${lang === 'zh' ? '小时' : 'h'}`;
    case 'count': return Math.abs(value - Math.round(value)) < 1e-9 ? String(Math.round(value)) : value.toFixed(1);
    default: return value.toFixed(2);
  }
}

/**
 * A difference of two values of a metric: shares in percentage points (`+4.5 pp`), others in the
 * metric's unit, with its sign; one that rounds to zero is shown unsigned (`0.0 pp`, never `-0.0`).
 * @example formatDifference(-0.179, 'rate', 'en') // '-17.9 pp'
 */
export function formatDifference(value: number | null | undefined, unit: MetricUnit, lang: Lang, signed = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const magnitude = unit === 'rate' ? `${(Math.abs(value) * 100).toFixed(1)} ${lang === 'zh' ? '个百分点' : 'pp'}` : formatValue(Math.abs(value), unit, lang);
  const zero = formatDifferenceZero(unit, lang);
  if (magnitude === zero) return magnitude;
  return `${value < 0 ? '-' : signed ? '+' : ''}${magnitude}`;
}

function formatDifferenceZero(unit: MetricUnit, lang: Lang): string {
  return unit === 'rate' ? `0.0 ${lang === 'zh' ? '个百分点' : 'pp'}` : formatValue(0, unit, lang);
}

/** The 95 % CI of a difference, `[lo, hi]`, each bound as {@link formatDifference} (unsigned when positive). */
export function formatDifferenceCi(ci: [number, number] | null | undefined, unit: MetricUnit, lang: Lang): string {
  if (!ci) return '';
  return `[${formatDifference(ci[0], unit, lang, false)}, ${formatDifference(ci[1], unit, lang, false)}]`;
}

/** A 95 % CI as `[lo, hi]` in the metric's unit, or '' when unknown. */
export function formatCi(ci: [number, number] | null | undefined, unit: MetricUnit, lang: Lang): string {
  if (!ci) return '';
  return `[${formatValue(ci[0], unit, lang)}, ${formatValue(ci[1], unit, lang)}]`;
}
