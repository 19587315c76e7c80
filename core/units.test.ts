import { describe, expect, it } from 'vitest';
import { parseClock, parseDuration, parseRate, formatClock, formatDuration } from './units.js';

describe('units', () => {
  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('2m')).toBe(120);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('1h 30m 15s')).toBe(5415);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('250ms')).toBe(0.25);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration(45)).toBe(45);
    expect(parseDuration('45')).toBe(45);
    expect(parseDuration('abc')).toBeUndefined();
    expect(parseDuration('10 parsecs')).toBeUndefined();
    expect(parseDuration('-5s')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
  it('parses clock times', () => {
    expect(parseClock('09:00')).toBe(32400);
    expect(parseClock('9:30')).toBe(34200);
    expect(parseClock('24:00')).toBe(86400);
    expect(parseClock('23:59:30')).toBe(86370);
    expect(parseClock('24:01')).toBeUndefined();
    expect(parseClock('12:60')).toBeUndefined();
    expect(parseClock('noon')).toBeUndefined();
  });
  it('parses rates', () => {
    expect(parseRate('300/h')).toBeCloseTo(300 / 3600, 12);
    expect(parseRate('5/min')).toBeCloseTo(5 / 60, 12);
    expect(parseRate('0.5/s')).toBe(0.5);
    expect(parseRate('2000/d')).toBeCloseTo(2000 / 86400, 12);
    expect(parseRate('-3/h')).toBeCloseTo(-3 / 3600, 12);
    expect(parseRate('3/fortnight')).toBeUndefined();
    expect(parseRate('lots')).toBeUndefined();
  });
  it('formats', () => {
    expect(formatClock(34200)).toBe('09:30');
    expect(formatClock(86400)).toBe('24:00');
    expect(formatDuration(12.345)).toBe('12.3s');
    expect(formatDuration(150)).toBe('2m30s');
    expect(formatDuration(3900)).toBe('1h05m');
  });
});
