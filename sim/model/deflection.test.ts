import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { Scenario } from '../../core/scenario.js';

/** A busy group, optionally with FAQ cards / a bot in front. */
const busy = (deflection?: { share: number; followUp: number; followUpAfterSec: number }): Scenario => scenario({
  groups: [group('g', 240, {
    patience: expo(300),
    rounds: fixed(3),
    thinkTime: expo(60),
    service: { firstReply: { kind: 'uniform', min: 3, max: 15 }, nextReply: expo(15), wrapUp: fixed(30) },
    ...(deflection ? { deflection } : {}),
  })],
  agents: [agents('a', 3, ['g'], { maxConcurrent: 4 })],
});

describe('deflection by FAQ cards and bots', () => {
  it('deflected chats never reach people: offered drops by the share, waits drop, the 24-hour rate counts them as responded', () => {
    const none = runChecked(busy(), '4');
    const faq = runChecked(busy({ share: 0.3, followUp: 0, followUpAfterSec: 60 }), '4');
    const o0 = none.metrics.overall;
    const o1 = faq.metrics.overall;
    expect(o1.deflectedRate).toBeCloseTo(0.3, 1);
    expect(o1.offered / o0.offered).toBeCloseTo(0.7, 1);
    expect(o1.queueWaitMeanAll).toBeLessThan(o0.queueWaitMeanAll * 0.5);
    expect(o1.responseRate24h).toBeGreaterThan(o0.responseRate24h);
    // same visitors (common random numbers)
    expect(faq.byId.map((r) => r.arrivalAt)).toEqual(none.byId.map((r) => r.arrivalAt));
    expect(faq.byId.filter((r) => r.outcome === 'deflected').every((r) => r.agents.length === 0)).toBe(true);
  });

  it('follow-ups need a person; the automatic answer is never a response (FRT runs from the first message)', () => {
    const { byId, metrics } = runChecked(busy({ share: 0.4, followUp: 0.5, followUpAfterSec: 90 }), '4');
    expect(metrics.overall.deflectedRate).toBeCloseTo(0.2, 1);
    const followed = byId.filter((r) => r.followUpAt === r.followUpAt && r.followUpAt !== undefined);
    expect(followed.length / byId.length).toBeCloseTo(0.2, 1);
    for (const r of followed) {
      expect(r.followUpAt! - r.arrivalAt).toBeCloseTo(90, 9);
      if (r.outcome === 'served') expect(r.firstReplyAt - r.arrivalAt).toBeGreaterThanOrEqual(90 - 1e-9);
      if (r.queuedAt === r.queuedAt) expect(r.queuedAt).toBeGreaterThanOrEqual(r.followUpAt!);
    }
  });
});
