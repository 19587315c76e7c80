import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { runChecked } from '../test-helpers/run.js';
import type { AutoTransfer, Scenario } from '../../core/scenario.js';

/** Four agents and one lurker (online, takes chats, replies with `p`, `speed` times as fast). */
const withLurker = (p: number, speed: number, autoTransfer?: AutoTransfer): Scenario => scenario({
  groups: [group('g', 150, {
    patience: expo(600),
    rounds: fixed(3),
    thinkTime: expo(60),
    service: { firstReply: { kind: 'uniform', min: 2, max: 15 }, nextReply: expo(15), wrapUp: fixed(30) },
  })],
  agents: [
    agents('a', 4, ['g'], { maxConcurrent: 4 }),
    agents('lurker', 1, ['g'], { maxConcurrent: 4, replyProbability: p, speed }),
  ],
  ...(autoTransfer ? { autoTransfer } : {}),
});

describe('lurkers and auto-transfer', () => {
  it('a lurker (replyProbability 0) takes chats and never answers them', () => {
    const lurking = runChecked(withLurker(0, 1), '3').metrics;
    const working = runChecked(withLurker(1, 1), '3').metrics;
    expect(lurking.agents[4].firstReplies).toBe(0);
    expect(lurking.agents[4].abandonedAfterAssign).toBeGreaterThan(300);
    // about a fifth of the chats go to the lurker and are lost: connection 98 % → 89 %
    expect(working.overall.connectionRate - lurking.overall.connectionRate).toBeGreaterThan(0.07);
  });

  it('auto-transfer lowers FRT p99 when a slow, half-answering lurker is online', () => {
    const none = runChecked(withLurker(0.5, 0.1), '3');
    const moved = runChecked(withLurker(0.5, 0.1, { afterSec: 30, maxTransfers: 2 }), '3');
    expect(none.metrics.overall.transferRate).toBe(0);
    // the lurker's late replies make the tail: p99 ≈ 120 s; moved after 30 s it is ≈ 45 s
    expect(none.metrics.overall.frtP99).toBeGreaterThan(90);
    expect(moved.metrics.overall.frtP99).toBeLessThan(60);
    expect(moved.metrics.overall.connectionRate).toBeGreaterThan(none.metrics.overall.connectionRate);
    // transfers show in the rate and in the agent table: the lurker misses, the others receive
    const m = moved.metrics;
    expect(m.overall.transferRate).toBeGreaterThan(0.1);
    expect(m.agents[4].misses).toBeGreaterThan(500);
    expect(m.agents.slice(0, 4).reduce((n, a) => n + a.transfersIn, 0)).toBeGreaterThan(500);
    expect(m.agents.reduce((n, a) => n + a.misses, 0)).toBe(m.agents.reduce((n, a) => n + a.transfersIn, 0));
    // same visitors either way (common random numbers)
    const key = (r: { id: number; arrivalAt: number; patienceAt: number }) => [r.id, r.arrivalAt, r.patienceAt];
    expect(moved.byId.map(key)).toEqual(none.byId.map(key));
  });

  it('never moves a chat more than maxTransfers times, nor one answered within the delay', () => {
    const { byId } = runChecked(withLurker(0, 1, { afterSec: 30, maxTransfers: 1 }), '4');
    expect(Math.max(...byId.map((r) => r.transferredAt?.length ?? 0))).toBe(1);
    for (const r of byId) {
      if (!r.transferredAt) continue;
      expect(r.transferredAt[0] - r.assignedAt).toBeGreaterThanOrEqual(30);
      expect(r.agents[0]).toBe(4); // only the lurker's chats wait 30 s (the others reply within 15 s)
    }
  });

  it('a reply due at the very instant of the transfer check wins', () => {
    const s = scenario({
      groups: [group('g', 10, { service: { firstReply: fixed(30), nextReply: fixed(0), wrapUp: fixed(0) } })],
      agents: [agents('a', 2, ['g'])],
      autoTransfer: { afterSec: 30, maxTransfers: 1 },
    });
    const { byId } = runChecked(s, '1', { arrivals: { g: [100, 200] } });
    expect(byId.every((r) => r.agents.length === 1 && r.firstReplyAt - r.assignedAt === 30)).toBe(true);
  });

  it('away after missed chats takes the lurker off new chats: service level up, transfers down', () => {
    const transfer = runChecked(withLurker(0, 1, { afterSec: 30, maxTransfers: 2 }), '3').metrics;
    const away = runChecked(withLurker(0, 1, { afterSec: 30, maxTransfers: 2, away: { misses: 3, forSec: 3600 } }), '3').metrics;
    const none = runChecked(withLurker(0, 1), '3').metrics;
    // without away, least-loaded keeps feeding the lurker the slots it frees: half the chats move
    expect(transfer.overall.transferRate).toBeGreaterThan(0.4);
    expect(away.overall.transferRate).toBeLessThan(0.05);
    expect(away.overall.serviceLevel).toBeGreaterThan(none.overall.serviceLevel + 0.05);
    expect(away.overall.serviceLevel).toBeGreaterThan(transfer.overall.serviceLevel + 0.3);
    expect(away.agents[4].onlineHours).toBeLessThan(6);
  });

  it('with nobody free the chat stays and is checked again; a lurker with patient visitors holds them to the end', () => {
    const s = scenario({
      groups: [group('g', 10)],
      agents: [agents('lurker', 1, ['g'], { replyProbability: 0 })],
      autoTransfer: { afterSec: 60, maxTransfers: 3 },
    });
    const { byId, stats } = runChecked(s, '1', { arrivals: { g: [100, 200] } });
    expect(byId.map((r) => r.outcome)).toEqual(['unanswered', 'unanswered']);
    expect(byId[0].agents).toEqual([0]);
    expect(byId[1].assignedAt).toBeNaN();
    expect(stats.endAt).toBeGreaterThanOrEqual(86_400);
  });
});
