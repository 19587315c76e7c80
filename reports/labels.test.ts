import { describe, expect, it } from 'vitest';
import { AGENT_METRICS, GROUP_METRICS, INTERVAL_METRICS, METRICS } from '../core/metrics/index.js';
import { hasMetricLabel, metricLabel, serviceBucketLabels } from './labels.js';

describe('labels', () => {
  const names = [...new Set([...METRICS, ...INTERVAL_METRICS, ...GROUP_METRICS, ...AGENT_METRICS].map((m) => m.name as string))];
  it.each(names)('%s has an English and a Chinese label (add new metrics to reports/labels.ts)', (name) => {
    expect(hasMetricLabel(name)).toBe(true);
    expect(metricLabel(name, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(metricLabel(name, 'en')).not.toBe(name);
  });

  it('uses the DOMAIN.md terms', () => {
    expect(metricLabel('frtMean', 'zh')).toContain('首次响应时间');
    expect(metricLabel('queueWaitMean', 'zh')).toContain('排队时间');
    expect(metricLabel('abandonRate', 'zh')).toBe('放弃率');
    expect(metricLabel('connectionRate', 'zh')).toBe('接通率');
    expect(metricLabel('queuePlacementRate', 'zh')).toBe('队列放置率');
  });

  it('names the service buckets after T', () => {
    expect(serviceBucketLabels(20, 'en')).toEqual(['≤ 20 s', '20–60 s', '1–3 min', '3–10 min', '> 10 min', 'abandoned', 'unanswered']);
    expect(serviceBucketLabels(30, 'zh').slice(0, 2)).toEqual(['≤ 30 秒', '30–60 秒']);
    expect(serviceBucketLabels(60, 'en')).toEqual(['≤ 1 min', null, '1–3 min', '3–10 min', '> 10 min', 'abandoned', 'unanswered']);
    expect(serviceBucketLabels(90, 'en').slice(0, 3)).toEqual(['≤ 90 s', null, '90 s–3 min']);
    expect(serviceBucketLabels(900, 'en').slice(0, 5)).toEqual(['≤ 15 min', null, null, null, '> 15 min']);
  });
});
