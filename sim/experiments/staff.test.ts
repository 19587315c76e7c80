import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../scenarios/load.js';
import type { Scenario, SlaTarget } from '../../core/scenario.js';
import { staff, rosterGroups, intervalRates, formulaEstimates, StaffError, applyMinShift, layers, staffingOf } from './staff.js';
import { parseTarget, type Target } from '../../core/metrics/targets.js';
import { runReplications } from './run.js';
import { evaluateTargets } from '../../core/metrics/sla.js';
import { checkInvariants } from '../../core/invariants.js';
import { ArrayRecorder } from '../test-helpers/scenario.js';
import { simulate } from '../model/contact-centre.js';
import { agentTable } from '../../core/roster.js';

const text = readFileSync(new URL('./__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
const load = (): Scenario => {
  const r = loadScenario(text, 'staff-small.yaml');
  if (!r.ok) throw new Error('fixture invalid');
  return r.scenario;
};
const target = (s: string): Target => {
  const p = parseTarget(s);
  if (!p.ok) throw new Error(p.error);
  return p.target;
};
const perInterval = (t: Target): SlaTarget => ({ ...t, scope: 'interval' });

/** Whether the staffing meets the targets in every interval, judged the way `chatsim check` does. */
function holds(scenario: Scenario, staffing: number[], targets: Target[], template = scenario.agents[0]): boolean {
  const s: Scenario = { ...scenario, agents: rosterGroups(staffing, scenario.intervalSec, template) };
  const runs = runReplications(s, {}).runs;
  return evaluateTargets(targets.map(perInterval), runs).every((r) => r.pass);
}

describe('staff', () => {
  const scenario = load();
  const targets = [target('serviceLevel >= 80%'), target('abandonRate <= 5%')];
  const result = staff(scenario, { targets });
  const staffing = result.intervals.map((i) => i.agents);

  it('finds a roster that meets every target in every interval, and one agent fewer in a binding interval misses', () => {
    expect(result.intervals).toHaveLength(48);
    // staffed exactly where visitors arrive (09:00–12:00 = intervals 18..23)
    staffing.forEach((n, i) => (i >= 18 && i < 24 ? expect(n, `interval ${i}`).toBeGreaterThan(0) : expect(n, `interval ${i}`).toBe(0)));
    expect(holds(scenario, staffing, targets)).toBe(true);
    const binding = result.intervals.filter((i) => i.binding);
    expect(binding.length).toBeGreaterThan(0);
    for (const b of binding) {
      const fewer = staffing.slice();
      fewer[b.index]--;
      expect(holds(scenario, fewer, targets), `one fewer at interval ${b.index}`).toBe(false);
    }
    // the peak hour needs more agents than the quiet first hour
    expect(Math.min(staffing[20], staffing[21])).toBeGreaterThan(Math.max(staffing[18], staffing[19]) - 1);
    expect(staffing[20] + staffing[21]).toBeGreaterThan(staffing[18] + staffing[19]);
  });

  it('reports the formula estimates beside the simulated answer', () => {
    const peak = result.intervals[20];
    const quiet = result.intervals[18];
    expect(peak.ratePerHour).toBeCloseTo(180, 9);
    expect(quiet.ratePerHour).toBeCloseTo(60, 9);
    for (const i of [peak, quiet]) {
      expect(i.erlangC).toBeGreaterThan(0);
      expect(i.erlangA).toBeGreaterThan(0);
      expect(i.erlangA!).toBeLessThanOrEqual(i.erlangC!);
      expect(i.concurrencyFactor).toBeGreaterThan(0);
    }
    expect(peak.erlangC!).toBeGreaterThan(quiet.erlangC!);
    // holding time: 8 s first reply + 2 × (30 s think + 10 s reply) + 10 s wrap-up
    expect(result.holdingTimeSec).toBeCloseTo(98, 9);
    expect(result.agentHoursPerDay).toBeCloseTo(staffing.reduce((s, n) => s + n, 0) / 2, 9);
  });

  it('is deterministic', () => {
    const again = staff(load(), { targets });
    expect(again.intervals.map((i) => i.agents)).toEqual(staffing);
  });

  it('keeps the model invariants on the roster it found', () => {
    const s: Scenario = { ...scenario, agents: result.roster };
    const rec = new ArrayRecorder();
    const stats = simulate(s, { seed: 'x', recorder: rec });
    expect(stats.visitors).toBeGreaterThan(200);
    expect(checkInvariants(rec.records, rec.samples, agentTable(s).map((a) => a.cap), stats.visitors)).toEqual([]);
  });

  it('refuses what it cannot do with a message for people', () => {
    expect(() => staff(scenario, { targets, intervalSec: 7 * 60 })).toThrow(StaffError);
    expect(() => staff(scenario, { targets, intervalSec: 7 * 60 })).toThrow(/must divide a day/);
    expect(() => staff(scenario, { targets, template: 'nobody' })).toThrow(/no agent group "nobody"/);
    expect(() => staff(scenario, { targets: [] })).toThrow(/at least one target/);
  });

  it('marks intervals no number of agents can fix as unreachable', () => {
    // every chat waits ≥ 8 s on average for the first reply: an FRT mean of 1 s cannot be met
    const r = staff(scenario, { targets: [target('frtMean <= 1s')], maxAgents: 4 });
    const busy = r.intervals.filter((i) => i.ratePerHour > 0);
    expect(busy.every((i) => i.unreachable)).toBe(true);
  });
});

describe('rosterGroups', () => {
  it('stacks agents in layers and turns each layer into daily shifts', () => {
    const template = load().agents[0];
    const staffing = new Array(48).fill(0);
    staffing[18] = 1; staffing[19] = 2; staffing[20] = 3; staffing[21] = 3; staffing[22] = 1; staffing[40] = 1;
    const groups = rosterGroups(staffing, 1800, template);
    const onAt = (i: number) => groups.reduce((n, g) => n + (g.shifts.some((s) => s.startSec <= i * 1800 && i * 1800 < s.endSec) ? g.count : 0), 0);
    for (let i = 0; i < 48; i++) expect(onAt(i), `interval ${i}`).toBe(staffing[i]);
    expect(groups.every((g) => g.skills === template.skills && g.maxConcurrent === template.maxConcurrent)).toBe(true);
    expect(groups[0]).toMatchObject({ id: 'staff-1', count: 1, shifts: [{ startSec: 9 * 3600, endSec: 11.5 * 3600 }, { startSec: 20 * 3600, endSec: 20.5 * 3600 }] });
  });
});

describe('applyMinShift', () => {
  const on = (s: string) => [...s].map((c) => c === '#');
  const show = (l: boolean[]) => l.map((x) => (x ? '#' : '.')).join('');
  it('fills short gaps between shifts, then lengthens short shifts, never removing time', () => {
    expect(applyMinShift([on('..#.#.......')], 3).map(show)).toEqual(['..###.......']);
    expect(applyMinShift([on('..##....##..')], 3).map(show)).toEqual(['..###...###.']);
    expect(applyMinShift([on('..........##')], 4).map(show)).toEqual(['........####']); // backward at the end of the day
    expect(applyMinShift([on('#....#')], 1).map(show)).toEqual(['#....#']);
    const random = [on('.#.##..#...####..#.')];
    for (const m of [2, 3, 5]) {
      const out = applyMinShift(random, m)[0];
      random[0].forEach((x, i) => { if (x) expect(out[i]).toBe(true); });
      const runs = show(out).split('.').filter(Boolean);
      for (const r of runs) expect(r.length).toBeGreaterThanOrEqual(m);
    }
  });

  it('gives the staffing back from the layers', () => {
    expect(staffingOf(layers([0, 2, 3, 1]), 4)).toEqual([0, 2, 3, 1]);
  });

  it('makes staff roster shifts at least the minimum, still meeting the targets', () => {
    const scenario = load();
    const targets = [target('serviceLevel >= 80%')];
    const r = staff(scenario, { targets, minShiftSec: 2 * 3600 });
    expect(r.rosterMeetsTargets).toBe(true);
    for (const g of r.roster) for (const sh of g.shifts) expect(sh.endSec - sh.startSec).toBeGreaterThanOrEqual(2 * 3600);
    r.intervals.forEach((i) => expect(i.rostered).toBeGreaterThanOrEqual(i.agents));
    expect(r.rosterAgentHoursPerDay).toBeGreaterThanOrEqual(r.agentHoursPerDay);
    expect(() => staff(scenario, { targets, minShiftSec: 45 * 60 })).toThrow(/whole number of staffing intervals/);
  });
});

describe('intervalRates and formulaEstimates', () => {
  it('averages the rate over each interval', () => {
    const rates = intervalRates(load(), 3600);
    expect(rates[0][9] * 3600).toBeCloseTo(60, 9);
    expect(rates[0][10] * 3600).toBeCloseTo(180, 9);
    expect(rates[0][8]).toBe(0);
  });

  it('gives no estimate for targets the formulas cannot judge, and 0 without arrivals', () => {
    expect(formulaEstimates([target('frtP90 <= 30s')], 0.05, 100, 120, 2, 20, 50)).toEqual({ erlangC: null, erlangA: null, concurrencyFactor: null });
    expect(formulaEstimates([target('serviceLevel >= 80%')], 0, 100, 120, 2, 20, 50)).toEqual({ erlangC: 0, erlangA: 0, concurrencyFactor: 0 });
  });
});
