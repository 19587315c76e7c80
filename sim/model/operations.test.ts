// Every operations mechanism at once, under every policy and several seeds: the invariants must
// hold and the run must be deterministic.

import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import { POLICY_NAMES } from '../../core/routing/policies.js';
import type { Scenario } from '../../core/scenario.js';

const H = 3600;

const everything = (): Scenario => scenario({
  days: 3,
  startWeekday: 4, // Friday: the weekend roster shows
  drainSec: 12 * H,
  classes: [
    { id: 'vip', share: 0.15, priority: 90, slTimeSec: 10 },
    { id: 'standard', share: 0.85, priority: 0, slTimeSec: 30 },
  ],
  agingPerSec: 1,
  autoTransfer: { afterSec: 40, maxTransfers: 2, away: { misses: 3, forSec: 1800 } },
  vacation: [[2 * 86_400, 2 * 86_400 + 12 * H]],
  groups: [
    group('presales', 90, {
      patience: { kind: 'lognormal', mu: Math.log(120), sigma: 0.8 },
      rounds: { kind: 'uniform', min: 1, max: 6 },
      thinkTime: expo(60),
      service: { firstReply: expo(12), nextReply: expo(20), wrapUp: fixed(20) },
      classShares: [0.15, 0.85],
      overflow: [{ afterSec: 45, agentGroups: ['after'] }, { afterSec: 120, agentGroups: ['lead'] }],
      leaveMessage: { afterSec: 180, share: 0.5 },
      deflection: { share: 0.2, followUp: 0.5, followUpAfterSec: 60 },
      returning: { share: 0.3, after: expo(2 * H), waitSec: 60, fallback: 'round-robin' },
      noReplyNeeded: 0.05,
      silentCloseSec: 120,
    }),
    group('aftersales', 50, {
      patience: expo(200),
      rounds: fixed(3),
      thinkTime: expo(80),
      service: { firstReply: expo(15), nextReply: expo(25), wrapUp: expo(40) },
      classShares: [0.3, 0.7],
      leaveMessage: { afterSec: 120, share: 1 },
      silentCloseSec: 150,
    }),
  ],
  agents: [
    agents('pre', 3, ['presales'], {
      maxConcurrent: 4,
      slowdown: 0.1,
      onlineEarlySec: 300,
      onlineLateSec: 300,
      shifts: [
        { startSec: 8 * H, endSec: 16 * H, days: [0, 1, 2, 3, 4], breaks: [{ startSec: 12 * H, endSec: 12 * H + 1800 }] },
        { startSec: 14 * H, endSec: 22 * H, breaks: [{ startSec: 18 * H, endSec: 18 * H + 900 }] },
      ],
    }),
    agents('after', 2, ['aftersales', 'presales'], { maxConcurrent: 5, skillLevels: { aftersales: 3, presales: 1 }, shifts: [{ startSec: 9 * H, endSec: 21 * H }] }),
    agents('lead', 1, ['aftersales'], { maxConcurrent: 3, rank: 0, shifts: [{ startSec: 10 * H, endSec: 18 * H, days: [0, 1, 2, 3, 4] }] }),
    agents('manager', 1, ['presales', 'aftersales'], { maxConcurrent: 3, replyProbability: 0.3, speed: 0.3, shifts: [{ startSec: 9 * H, endSec: 17 * H }] }),
  ],
});

describe('every operations mechanism at once', () => {
  it('keeps every invariant under every policy and seed', () => {
    for (const policy of POLICY_NAMES) {
      for (const seed of ['1', '2']) {
        const { byId, metrics } = runChecked(everything(), seed, { policy });
        const outcomes = new Set(byId.map((r) => r.outcome));
        for (const o of ['served', 'abandonedInQueue', 'deflected'] as const) expect(outcomes.has(o)).toBe(true);
        expect(byId.some((r) => (r.transferredAt?.length ?? 0) > 0)).toBe(true);
        expect(byId.some((r) => r.messageAt !== undefined)).toBe(true);
        expect(byId.some((r) => (r.previousAgent ?? -1) >= 0)).toBe(true);
        expect(byId.some((r) => r.silentClosed)).toBe(true);
        expect(metrics.classes!.vip.offered).toBeGreaterThan(0);
        expect(metrics.overall.responseRate24h).toBeGreaterThan(0);
      }
    }
  });

  it('is deterministic', () => {
    const a = runChecked(everything(), '9');
    const b = runChecked(everything(), '9');
    expect(b.byId).toEqual(a.byId);
    expect(b.rec.samples).toEqual(a.rec.samples);
    expect(b.metrics).toEqual(a.metrics);
  });
});
