import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import { onlineSpans } from '../../core/roster.js';
import type { Scenario } from '../../core/scenario.js';

const H = 3600;
const DAY = 86_400;

describe('rosters: weekdays, breaks, online margins', () => {
  it('builds spans by weekday, minus breaks, widened by the margins', () => {
    const g = agents('a', 1, ['g'], {
      shifts: [{ startSec: 9 * H, endSec: 17 * H, days: [0, 1, 2, 3, 4], breaks: [{ startSec: 12 * H, endSec: 13 * H }] }],
      onlineEarlySec: 300,
      onlineLateSec: 600,
    });
    // day 0 is a Friday: Friday works, Saturday and Sunday off, Monday works
    const spans = onlineSpans(g, 4 * DAY, 4);
    expect(spans).toEqual([
      [9 * H - 300, 12 * H], [13 * H, 17 * H + 600],
      [3 * DAY + 9 * H - 300, 3 * DAY + 12 * H], [3 * DAY + 13 * H, 3 * DAY + 17 * H + 600],
    ]);
    // without days, breaks or margins: the old daily pattern
    expect(onlineSpans(agents('b', 1, ['g'], { shifts: [{ startSec: 0, endSec: 8 * H }, { startSec: 16 * H, endSec: DAY }] }), 2 * DAY))
      .toEqual([[0, 8 * H], [16 * H, DAY + 8 * H], [DAY + 16 * H, 2 * DAY]]);
  });

  const week = (over: Partial<Scenario['agents'][number]>): Scenario => scenario({
    days: 7,
    startWeekday: 0,
    groups: [group('g', 30, { patience: expo(120), service: { firstReply: fixed(5), nextReply: fixed(0), wrapUp: fixed(60) } })],
    agents: [agents('a', 2, ['g'], { maxConcurrent: 3, ...over })],
  });

  it('a weekday-only roster leaves the weekend unanswered (visitors abandon)', () => {
    const all = runChecked(week({ shifts: [{ startSec: 8 * H, endSec: 20 * H }] }), '3');
    const weekdays = runChecked(week({ shifts: [{ startSec: 8 * H, endSec: 20 * H, days: [0, 1, 2, 3, 4] }] }), '3');
    const weekend = (r: { arrivalAt: number }) => r.arrivalAt >= 5 * DAY;
    const servedWeekend = (rs: typeof all.byId) => rs.filter((r) => weekend(r) && r.outcome === 'served').length;
    expect(servedWeekend(all.byId)).toBeGreaterThan(300);
    expect(servedWeekend(weekdays.byId)).toBe(0);
    // same visitors (common random numbers); connection rate drops by about the weekend's 2/7 share
    expect(weekdays.stats.visitors).toBe(all.stats.visitors);
    const drop = all.metrics.overall.connectionRate - weekdays.metrics.overall.connectionRate;
    expect(drop).toBeGreaterThan(0.1);
    expect(drop).toBeLessThan(0.2);
    expect(weekdays.metrics.overall.agentsOnlineMean).toBeCloseTo((2 * 12 * 5) / (24 * 7), 1);
  });

  it('a lunch break holds new chats until the agent is back, and the open ones are finished', () => {
    const s = scenario({
      groups: [group('g', 20, { service: { firstReply: fixed(10), nextReply: fixed(0), wrapUp: fixed(30) } })],
      agents: [agents('a', 1, ['g'], { maxConcurrent: 2, shifts: [{ startSec: 9 * H, endSec: 17 * H, breaks: [{ startSec: 12 * H, endSec: 13 * H }] }] })],
    });
    const arrivals = { g: [11 * H + 3590, 12 * H + 600, 12 * H + 1200, 14 * H] };
    const { byId } = runChecked(s, '1', { arrivals });
    // assigned at 11:59:50, answered and released during the break
    expect(byId[0].assignedAt).toBe(11 * H + 3590);
    expect(byId[0].releasedAt).toBe(11 * H + 3590 + 40);
    // arrived during the break: assigned at 13:00 (patience none)
    expect(byId[1].assignedAt).toBe(13 * H);
    expect(byId[2].assignedAt).toBe(13 * H);
    expect(byId[3].assignedAt).toBe(14 * H);
  });

  it('breaks lower the staffed time and raise waits in the expected direction', () => {
    const base = (breaks?: Array<{ startSec: number; endSec: number }>) => scenario({
      groups: [group('g', 120, { patience: expo(90), rounds: fixed(2), thinkTime: expo(120), service: { firstReply: fixed(5), nextReply: fixed(5), wrapUp: fixed(30) } })],
      agents: [agents('a', 3, ['g'], { maxConcurrent: 3, shifts: [{ startSec: 8 * H, endSec: 20 * H, ...(breaks ? { breaks } : {}) }] })],
    });
    const a = runChecked(base(), '2').metrics.overall;
    const b = runChecked(base([{ startSec: 12 * H, endSec: 13 * H }, { startSec: 16 * H, endSec: 16 * H + 900 }]), '2').metrics.overall;
    expect(b.agentsOnlineMean).toBeLessThan(a.agentsOnlineMean);
    expect(a.agentsOnlineMean - b.agentsOnlineMean).toBeCloseTo((3 * 1.25) / 24, 1);
    expect(b.abandonRate).toBeGreaterThan(a.abandonRate + 0.02);
  });

  it('online-early margins answer the chats that arrive just before the published start', () => {
    const s = (early?: number) => scenario({
      groups: [group('g', 10)],
      agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 9 * H, endSec: 17 * H }], ...(early ? { onlineEarlySec: early, onlineLateSec: early } : {}) })],
    });
    const arrivals = { g: [9 * H - 120, 17 * H + 120] };
    const without = runChecked(s(), '1', { arrivals }).byId;
    const withMargin = runChecked(s(300), '1', { arrivals }).byId;
    expect(without[0].assignedAt).toBe(9 * H);
    expect(without[1].outcome).toBe('unanswered'); // nobody online until the next day, past the drain
    expect(withMargin[0].assignedAt).toBe(9 * H - 120);
    expect(withMargin[1].assignedAt).toBe(17 * H + 120);
  });
});
