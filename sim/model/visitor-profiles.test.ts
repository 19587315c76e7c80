// Patience by priority class and patience, think time and service by window of the day: each
// visitor draws from the distribution of their class and of their arrival's time of day (means
// recovered within their confidence interval), from the same streams as before (a scenario
// without the fields, or with them set to the group's own, draws exactly the same visitors), and
// a run on its trace is the run.

import { describe, expect, it } from 'vitest';
import { agents, expo, fixed, group, scenario } from '../test-helpers/scenario.js';
import { ArrayRecorder } from '../../core/records.js';
import { encodeRecord } from '../../core/records-codec.js';
import { decodeTrace, encodeTraceLines } from '../../core/trace-codec.js';
import type { TraceVisitor } from '../../core/trace.js';
import type { Scenario } from '../../core/scenario.js';
import { simulate } from './contact-centre.js';
import { drawnVisitors } from './visitor-source.js';

const H = 3600;
const Z = 3.29; // two-sided 99.9 %: a family of a dozen means holds at about 99 %

const classes: Scenario['classes'] = [{ id: 'vip', share: 0.3, priority: 60, slTimeSec: 20 }, { id: 'std', share: 0.7, priority: 0, slTimeSec: 20 }];
const service = { firstReply: expo(10), nextReply: expo(15), wrapUp: fixed(5) };

/** vip 300 s, std 100 s; from 10:00 to 14:00 std 40 s (vip keeps 300 s), think time 90 s, first reply 30 s. */
const profiled: Scenario = scenario({
  classes,
  agingPerSec: 1,
  days: 3,
  groups: [
    group('g', 400, {
      patience: expo(100), rounds: fixed(3), thinkTime: expo(20), service,
      classPatience: [expo(300), expo(100)],
      during: [{
        fromSec: 10 * H, toSec: 14 * H,
        patience: expo(40), classPatience: [expo(300), expo(40)],
        thinkTime: expo(90), service: { ...service, firstReply: expo(30) },
      }],
    }),
  ],
  agents: [agents('a', 4, ['g'], { maxConcurrent: 2 })],
});

const visitors = (s: Scenario, seed = 'seed/rep-1') => [...drawnVisitors(s, seed)];
const inWindow = (v: TraceVisitor) => v.at % 86400 >= 10 * H && v.at % 86400 < 14 * H;

/** The mean of exponential draws is within Z standard errors (mean / √n) of `mean`. */
function expectExponentialMean(xs: number[], mean: number): void {
  expect(xs.length).toBeGreaterThan(300);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  expect(Math.abs(m - mean)).toBeLessThan(Z * mean / Math.sqrt(xs.length));
}

describe('patience by class and draws by window of the day', () => {
  const vs = visitors(profiled);

  it('each visitor draws the patience of their class, and of the window their arrival falls in', () => {
    expectExponentialMean(vs.filter((v) => v.class === 0 && !inWindow(v)).map((v) => v.patienceSec), 300);
    expectExponentialMean(vs.filter((v) => v.class === 1 && !inWindow(v)).map((v) => v.patienceSec), 100);
    expectExponentialMean(vs.filter((v) => v.class === 0 && inWindow(v)).map((v) => v.patienceSec), 300);
    expectExponentialMean(vs.filter((v) => v.class === 1 && inWindow(v)).map((v) => v.patienceSec), 40);
  });

  it('think time and the first reply follow the window; the next reply keeps the group\'s', () => {
    expectExponentialMean(vs.filter(inWindow).flatMap((v) => v.thinkSec), 90);
    expectExponentialMean(vs.filter((v) => !inWindow(v)).flatMap((v) => v.thinkSec), 20);
    expectExponentialMean(vs.filter(inWindow).map((v) => v.replySec[0]), 30);
    expectExponentialMean(vs.filter((v) => !inWindow(v)).map((v) => v.replySec[0]), 10);
    expectExponentialMean(vs.filter(inWindow).flatMap((v) => v.replySec.slice(1)), 15);
  });

  it('the same streams: without the fields, or with them equal to the group\'s own, the same visitors', () => {
    const g = profiled.groups[0];
    const plain: Scenario = { ...profiled, groups: [{ ...g, classPatience: undefined, during: undefined }] };
    const same: Scenario = {
      ...profiled,
      groups: [{ ...g, classPatience: [g.patience, g.patience], during: [{ fromSec: 10 * H, toSec: 14 * H, patience: g.patience, thinkTime: g.thinkTime, service: g.service }] }],
    };
    expect(visitors(same)).toEqual(visitors(plain));
    // another vip patience changes the vip visitors' patience and nothing else
    const a = visitors(plain);
    const b = vs;
    expect(b.map((v) => [v.at, v.class, v.replySec.length])).toEqual(a.map((v) => [v.at, v.class, v.replySec.length]));
    const outside = (xs: TraceVisitor[]) => xs.filter((v) => !inWindow(v)).map((v) => ({ ...v, patienceSec: v.class === 0 ? 0 : v.patienceSec }));
    expect(outside(b)).toEqual(outside(a));
  });

  it('a window holds from its start, inclusive, to its end, exclusive, every day', () => {
    const s: Scenario = {
      ...profiled,
      classes: undefined,
      groups: [{ ...profiled.groups[0], classPatience: undefined, patience: fixed(1), during: [{ fromSec: 10 * H, toSec: 14 * H, patience: fixed(2), thinkTime: fixed(0), service }] }],
    };
    const xs = visitors(s);
    expect(xs.some((v) => v.at >= 86400 && inWindow(v))).toBe(true);
    for (const v of xs) expect(v.patienceSec).toBe(inWindow(v) ? 2 : 1);
  });

  it('a run on its trace is the run, and the trace header keeps the fields', () => {
    const run = (visitorsIn?: ReturnType<typeof decodeTrace>['visitors']) => {
      const rec = new ArrayRecorder();
      const stats = simulate(profiled, { seed: 'seed/rep-1', recorder: rec, ...(visitorsIn ? { visitors: visitorsIn } : {}) });
      return { stats, records: rec.records.map((r) => JSON.stringify(encodeRecord(r))) };
    };
    const trace = decodeTrace([...encodeTraceLines({ seed: 'x', replication: 1, scenario: profiled }, drawnVisitors(profiled, 'seed/rep-1'))].join('\n') + '\n', 't.jsonl');
    expect(trace.header.scenario.groups[0].classPatience).toEqual(profiled.groups[0].classPatience);
    expect(trace.header.scenario.groups[0].during).toEqual(profiled.groups[0].during);
    const direct = run();
    expect(direct.records.some((r) => r.includes('abandon'))).toBe(true);
    expect(run(trace.visitors)).toEqual(direct);
  });
});
