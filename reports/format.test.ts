import { describe, expect, it } from 'vitest';
import { formatDifference, formatDifferenceCi, formatValue } from './format.js';

describe('formatDifference', () => {
  it('gives differences of shares in percentage points, with their sign', () => {
    expect(formatDifference(-0.179, 'rate', 'en')).toBe('-17.9 pp');
    expect(formatDifference(0.045, 'rate', 'en')).toBe('+4.5 pp');
    expect(formatDifference(0.045, 'rate', 'zh')).toBe('+4.5 个百分点');
    expect(formatDifferenceCi([-0.183, -0.174], 'rate', 'en')).toBe('[-18.3 pp, -17.4 pp]');
  });

  it('never prints -0.0: a difference that rounds to zero is unsigned', () => {
    expect(formatDifference(-1e-12, 'perHour', 'en')).toBe('0.0 /h');
    expect(formatDifference(-0.0004, 'rate', 'en')).toBe('0.0 pp');
    expect(formatDifferenceCi([-0.01, 0.3], 'sec', 'en')).toBe('[0.0 s, 0.3 s]');
    expect(formatDifference(-0.2, 'count', 'en')).toBe('-0.2');
    expect(formatDifference(null, 'sec', 'en')).toBe('–');
  });

  it('uses the unit of the values otherwise', () => {
    expect(formatDifference(4.52, 'sec', 'en')).toBe('+4.5 s');
    expect(formatValue(0.5, 'rate', 'en')).toBe('50.0 %');
  });
});
