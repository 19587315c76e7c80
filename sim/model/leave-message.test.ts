import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { Scenario, Shift } from '../../core/scenario.js';

const H = 3600;
const DAY = 86_400;

/** Chats all day and night; agents 09:00–21:00; visitors lose patience after ~5 min. */
const shop = (o: { leave?: boolean; shifts?: Shift[]; days?: number } = {}): Scenario => scenario({
  days: o.days ?? 3,
  drainSec: 2 * DAY,
  groups: [group('g', 20, {
    patience: expo(300),
    service: { firstReply: fixed(10), nextReply: fixed(10), wrapUp: fixed(30) },
    ...(o.leave ? { leaveMessage: { afterSec: 120, share: 1 } } : {}),
  })],
  agents: [agents('a', 2, ['g'], { maxConcurrent: 4, shifts: o.shifts ?? [{ startSec: 9 * H, endSec: 21 * H }] })],
});

describe('leave a message and the 24-hour response rate', () => {
  it('leaving a message raises the 24-hour rate: night visitors are answered the next morning', () => {
    const without = runChecked(shop(), '1').metrics.overall;
    const withMessages = runChecked(shop({ leave: true }), '1');
    const m = withMessages.metrics.overall;
    // half the day nobody is online: without messages about half the visitors are lost
    expect(without.responseRate24h).toBeLessThan(0.6);
    expect(m.responseRate24h).toBeGreaterThan(0.95);
    expect(m.leftMessageRate).toBeGreaterThan(0.45);
    expect(without.leftMessageRate).toBe(0);
    // a message at night is left at once and answered when the shift starts
    const night = withMessages.byId.find((r) => r.arrivalAt % DAY > 22 * H && r.arrivalAt < 2 * DAY)!;
    expect(night.messageAt).toBe(night.arrivalAt);
    expect(night.assignedAt % DAY).toBeGreaterThanOrEqual(9 * H);
    expect(night.assignedAt % DAY).toBeLessThan(10 * H);
    expect(night.outcome).toBe('served');
  });

  it('a shift gap longer than a day lowers the 24-hour rate and counts conversations about to expire', () => {
    // a week from Monday; agents off at the weekend
    const week = (days?: number[]) => shop({ leave: true, days: 7, shifts: [{ startSec: 9 * H, endSec: 21 * H, ...(days ? { days } : {}) }] });
    const every = runChecked(week(), '2').metrics.overall;
    const weekdays = runChecked(week([0, 1, 2, 3, 4]), '2').metrics.overall;
    expect(every.aboutToExpire).toBe(0);
    expect(weekdays.aboutToExpire).toBeGreaterThan(500);
    // Friday 21:00 to Monday 09:00 without anyone: most weekend messages wait beyond 24 h
    expect(every.responseRate24h - weekdays.responseRate24h).toBeGreaterThan(0.15);
  });

  it('vacation-mode windows and "no reply needed" are left out of the 24-hour rate', () => {
    const base = shop({ leave: true, days: 7, shifts: [{ startSec: 9 * H, endSec: 21 * H, days: [0, 1, 2, 3, 4] }] });
    const plain = runChecked(base, '2');
    const vacation = runChecked({ ...base, vacation: [[5 * DAY, 7 * DAY]] }, '2');
    // the weekend is vacation mode: its conversations no longer count, so the rate rises
    expect(vacation.metrics.overall.responseRate24h).toBeGreaterThan(plain.metrics.overall.responseRate24h + 0.1);
    expect(vacation.byId).toEqual(plain.byId); // the model is the same; only the measure differs
    // "no reply needed" only changes which conversations count
    const marked = runChecked({ ...base, groups: [{ ...base.groups[0], noReplyNeeded: 0.3 }] }, '2');
    const share = marked.byId.filter((r) => r.noReplyNeeded).length / marked.byId.length;
    expect(share).toBeCloseTo(0.3, 1);
    expect(marked.byId.map((r) => r.arrivalAt)).toEqual(plain.byId.map((r) => r.arrivalAt));
  });

  it('a visitor who would leave waits at most the delay, then leaves a message instead of abandoning', () => {
    const s = scenario({
      groups: [group('g', 10, { patience: fixed(600), leaveMessage: { afterSec: 120, share: 1 }, service: { firstReply: fixed(5), nextReply: fixed(0), wrapUp: fixed(1000) } })],
      agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 0, endSec: 12 * H }] })],
    });
    const { byId } = runChecked(s, '1', { arrivals: { g: [100, 200] } });
    // the first holds the agent until 1105; the second queues at 200, leaves a message at 320
    expect(byId[1].messageAt).toBe(320);
    expect(byId[1].outcome).toBe('served');
    expect(byId[1].assignedAt).toBe(1105);
    expect(byId[1].agentMessageAt).toEqual([1110]); // one answer, the visitor is gone
  });

  it('a visitor whose patience ends at the very instant of the delay (or sooner) leaves a message, not the queue', () => {
    const s = (patience: number) => scenario({
      groups: [group('g', 10, { patience: fixed(patience), leaveMessage: { afterSec: 120, share: 1 }, service: { firstReply: fixed(5), nextReply: fixed(0), wrapUp: fixed(1000) } })],
      agents: [agents('a', 1, ['g'], { shifts: [{ startSec: 0, endSec: 12 * H }] })],
    });
    for (const patience of [120, 60]) {
      const { byId } = runChecked(s(patience), '1', { arrivals: { g: [100, 200] } });
      expect(byId[1].messageAt).toBe(200 + patience);
      expect(byId[1].outcome).toBe('served');
    }
  });
});
