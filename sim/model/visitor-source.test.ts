// Visitors from a trace: a run on the trace of its own draws is the run (records, samples, stats),
// with every mechanism on; the trace does not depend on the policy; returns follow their release.

import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { ArrayRecorder } from '../../core/records.js';
import { encodeRecord } from '../../core/records-codec.js';
import { decodeTrace, encodeTraceLines } from '../../core/trace-codec.js';
import { simulate } from './contact-centre.js';
import { drawnVisitors } from './visitor-source.js';
import type { Scenario } from '../../core/scenario.js';
import { ModelError } from '../../core/errors.js';

const H = 3600;

/** Every mechanism a visitor's draws feed: classes, deflection, messages, no-reply, returns, retries, silent close, transfers, a lurker. */
const busy: Scenario = scenario({
  classes: [{ id: 'vip', share: 0.2, priority: 100, slTimeSec: 10 }, { id: 'std', share: 0.8, priority: 0, slTimeSec: 20 }],
  agingPerSec: 1,
  autoTransfer: { afterSec: 30, maxTransfers: 2 },
  groups: [
    group('g', 60, {
      patience: expo(120), rounds: { kind: 'uniform', min: 1, max: 5 }, thinkTime: expo(40),
      service: { firstReply: expo(10), nextReply: expo(15), wrapUp: fixed(20) },
      deflection: { share: 0.2, followUp: 0.5, followUpAfterSec: 90 },
      leaveMessage: { afterSec: 60, share: 0.3 },
      noReplyNeeded: 0.1,
      silentCloseSec: 100,
      returning: { share: 0.4, after: expo(H), waitSec: 60, fallback: 'round-robin' },
      retry: { share: 0.5, after: expo(600), max: 2 },
    }),
    group('h', 30, { patience: fixed(Infinity), rounds: fixed(2), thinkTime: expo(30), service: { firstReply: expo(5), nextReply: expo(5), wrapUp: fixed(5) } }),
  ],
  agents: [
    agents('a', 3, ['g', 'h'], { maxConcurrent: 3, slowdown: 0.2, shifts: [{ startSec: 8 * H, endSec: 20 * H }] }),
    agents('lurker', 1, ['g'], { maxConcurrent: 2, replyProbability: 0.3 }),
  ],
});

function run(s: Scenario, seed: string, visitors?: Iterable<never> | ReturnType<typeof decodeTrace>['visitors'], policy?: string) {
  const rec = new ArrayRecorder();
  const stats = simulate(s, { seed, recorder: rec, ...(visitors ? { visitors } : {}), ...(policy ? { policy } : {}) });
  return { stats, records: rec.records.map((r) => JSON.stringify(encodeRecord(r))), samples: rec.samples, raw: rec.records };
}

/** The trace of `s` on `seed`, written as text and read back. */
function traced(s: Scenario, seed: string) {
  return decodeTrace([...encodeTraceLines({ seed: 'x', replication: 1, scenario: s }, drawnVisitors(s, seed))].join('\n') + '\n', 't.jsonl').visitors;
}

describe('visitors from a trace', () => {
  it('a run on its trace is the run: same records, samples and stats, every mechanism on', () => {
    const direct = run(busy, 'seed/rep-1');
    const fromTrace = run(busy, 'seed/rep-1', traced(busy, 'seed/rep-1'));
    expect(direct.raw.some((r) => (r.previousAgent ?? -1) >= 0)).toBe(true);
    expect(direct.raw.some((r) => r.outcome === 'deflected')).toBe(true);
    expect(direct.raw.some((r) => r.messageAt !== undefined && r.messageAt === r.messageAt)).toBe(true);
    expect(direct.raw.some((r) => (r.transferredAt ?? []).length > 0)).toBe(true);
    expect(direct.raw.some((r) => (r.visitorId ?? -1) >= 0 && r.visitorId !== r.id)).toBe(true);
    expect(fromTrace.records).toEqual(direct.records);
    expect(fromTrace.samples).toEqual(direct.samples);
    expect(fromTrace.stats).toEqual(direct.stats);
  });

  it('the trace is the same under every policy, and so is the run on it from the scenario', () => {
    expect(traced(busy, 's')).toEqual(traced({ ...busy, policy: 'round-robin' }, 's'));
    expect(run(busy, 's', traced(busy, 's'), 'experienced-first').records).toEqual(run(busy, 's', undefined, 'experienced-first').records);
  });

  it('a return comes afterSec after the release of the visit before it, with the drawn visit', () => {
    const visitors = traced(busy, 'r');
    const withReturns = visitors.filter((v) => v.returns !== undefined);
    expect(withReturns.length).toBeGreaterThan(10);
    for (const v of withReturns) {
      // each return could still fall before the horizon when drawn
      let earliest = v.at;
      for (const r of v.returns!) { earliest += r.afterSec; expect(earliest).toBeLessThan(busy.horizonSec); }
    }
    const { raw } = run(busy, 'r', visitors);
    const afters = withReturns.flatMap((v) => v.returns!.map((r) => r.afterSec));
    const backAt = new Set(raw.filter((r) => r.outcome === 'served').flatMap((r) => afters.map((a) => r.releasedAt + a)));
    const returns = raw.filter((r) => (r.previousAgent ?? -1) >= 0);
    expect(returns.length).toBeGreaterThan(10);
    for (const r of returns) expect(backAt.has(r.arrivalAt)).toBe(true);
  });

  it('visitors out of order or outside the horizon: a ModelError naming the visitor', () => {
    const v = { group: 1, patienceSec: 1, replySec: [1, 1], thinkSec: [1], wrapUpSec: 1 };
    const s = scenario({ groups: [group('g', 1), group('h', 1)], agents: [agents('a', 1, ['g', 'h'])] });
    expect(() => run(s, 'x', [{ ...v, at: 5 }, { ...v, at: 4 }])).toThrow(ModelError);
    expect(() => run(s, 'x', [{ ...v, at: 5 }, { ...v, at: 4 }])).toThrow('trace visitor 2: arrival 4 is before the previous visitor\'s 5');
    expect(() => run(s, 'x', [{ ...v, at: 86400 }])).toThrow('trace visitor 1: arrival 86400 is not in [0, horizon 86400)');
    expect(() => run(s, 'x', [{ ...v, at: 1, group: 2 }])).toThrow('trace visitor 1: group 2 is not a skill-group index');
  });
});
