// A random walk over the live centre with every rule on (classes with aging, overflow rings,
// auto-transfer with away, sticky returns, silent close, skill levels): after each of thousands of
// random operations the live invariants hold, and at the end the export's records pass the
// kernel's checkInvariants. Bounded in count; a seeded generator so a failure replays.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { FakeClock } from './clock.js';
import { CentreError, LiveCentre } from './centre.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { groupYaml, scenarioFrom, SERVICE_YAML } from '../test-helpers/scenario.js';
import { toRecord } from './records.js';
import { checkInvariants } from '../../core/invariants.js';
import { agentTable } from '../../core/roster.js';

const SCENARIO = scenarioFrom(`name: walk
days: 1
classes:
  vip: { share: 0.2, priority: 60 }
  standard: { share: 0.8, priority: 0 }
aging: 1/s
autoTransfer: { after: 30s, maxTransfers: 2, away: { misses: 2, for: 5m } }
${SERVICE_YAML}
groups:
${groupYaml('pre', '    overflow: [{ after: 40s, to: [post-team] }, { after: 2m, to: [leads] }]\n    silentClose: 3m\n    returning: { share: 0.3, after: { dist: exponential, mean: 1h }, wait: 1m, fallback: round-robin }')}
${groupYaml('post', '    silentClose: 5m')}
agents:
  pre-team: { count: 3, skills: [pre], maxConcurrent: 2 }
  post-team: { count: 2, skills: [post], maxConcurrent: 3 }
  leads: { count: 1, skills: [pre, post], maxConcurrent: 2, skillLevels: { pre: 1, post: 3 } }
`);

describe('live centre random walk', () => {
  for (const policy of ['least-loaded', 'round-robin', 'experienced-first']) {
    it(`keeps every invariant through 3000 random operations (${policy})`, () => {
      const rng = seedrandom(`walk-${policy}`);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
      const clock = new FakeClock();
      const store = new SqliteStore(':memory:');
      store.createRoster(agentTable(SCENARIO).map((a, index) => ({ index, id: a.id, tokenHash: `h${index}` })));
      const violations: string[] = [];
      const centre = new LiveCentre({ scenario: SCENARIO, clock, sink: store, policy, checkInvariants: true, listener: { violation: (m) => violations.push(m) } });
      const visitors: Array<{ id: number; last: number }> = [];
      let refused = 0;
      for (let step = 0; step < 3000; step++) {
        const open = [...centre.open.values()];
        const r = rng();
        try {
          if (r < 0.2) {
            const back = visitors.length > 0 && rng() < 0.3 ? pick(visitors) : null;
            const c = centre.start(Math.floor(rng() * 2), Math.floor(rng() * 2), 'hi', back ? { id: back.id, previousAgent: back.last } : { tokenHash: `v${step}` });
            if (!back) visitors.push({ id: c.visitorId, last: -1 });
          } else if (r < 0.3) {
            centre.setStatus(Math.floor(rng() * centre.agents.length), pick(['online', 'online', 'away', 'offline'] as const));
          } else if (r < 0.5 && open.length > 0) {
            const c = pick(open);
            if (c.agent >= 0) centre.agentMessage(c.agent, c.id, 'reply');
          } else if (r < 0.6 && open.length > 0) {
            centre.visitorMessage(pick(open).id, 'more');
          } else if (r < 0.7 && open.length > 0) {
            const c = pick(open);
            if (c.agent >= 0) centre.close(c.agent, c.id);
          } else if (r < 0.8 && open.length > 0) {
            const c = pick(open);
            if (c.agent >= 0) {
              const a = c.agent;
              centre.endWrapUp(a, c.id);
              const v = visitors.find((x) => x.id === c.visitorId);
              if (v && c.outcome === 'served') v.last = a;
            }
          } else if (r < 0.85 && open.length > 0) {
            centre.leave(pick(open).id);
          } else if (r < 0.88 && open.length > 0) {
            const c = pick(open);
            if (c.agent >= 0) centre.markNoReplyNeeded(c.agent, c.id);
          } else {
            clock.advance(clock.now() + rng() * 40);
          }
        } catch (e) {
          if (!(e instanceof CentreError)) throw e;
          refused++;
        }
        expect(violations).toEqual([]);
        for (const a of centre.agents) expect(a.held).toBeLessThanOrEqual(a.cap);
      }
      expect(refused).toBeGreaterThan(0);
      const now = clock.now();
      const records = [...store.allConversations()].map((c) => toRecord(centre.conversation(c.id) ?? c, now));
      expect(records.length).toBeGreaterThan(300);
      expect(new Set(records.map((x) => x.outcome)).size).toBeGreaterThanOrEqual(3);
      expect(checkInvariants(records, [...store.allSamples()], centre.agents.map((a) => a.cap), records.length)).toEqual([]);
      store.close();
    });
  }
});
