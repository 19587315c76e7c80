// Staffing that follows the day's volume: how many agents of a group with `followsVolume` are on
// shift each day of the run (count × m^elasticity, m the day's drawn volume multiplier of the
// groups it follows, weighted by their expected arrivals that day; rounded at random from the
// stream `staffing`, one draw a day shared by the groups, so each mean is kept), and an agent's online
// spans cut to the days it works. Imports only sim/engine, the kernel and the model's own types.

import type { AgentGroup, SkillGroup } from '../../core/scenario.js';
import { DAY_SEC } from '../../core/units.js';
import type { Rng } from '../engine/random.js';
import type { GroupRuntime } from './groups.js';

/** Expected arrivals of `g` on day `d` of the run from its rate windows (promotions and the multiplier left out). */
function expectedArrivals(g: SkillGroup, d: number): number {
  let n = 0;
  for (const w of g.arrivals.windows) if (w.runDays === undefined || w.runDays.includes(d % 7)) n += (w.toSec - w.fromSec) * w.ratePerSec;
  return n;
}

/** The fractional part of the golden ratio: offsets of the groups' rounding uniforms, spread evenly. */
const GOLDEN = 0.6180339887498949;

/** One uniform a day from the stream `staffing`, shared by every agent group following volume. */
export function dailyUniforms(days: number, rng: Rng): number[] {
  return Array.from({ length: days }, () => rng());
}

/**
 * Agents of `ag` on shift on each of `days` days: `min(max, ⌊count · m_d^e + u⌋)` with u the
 * fractional part of `uniforms[d] + offset · 0.618…` (`offset`: the group's rank among those
 * following volume). Each group's count keeps its mean, and the groups' roundings are spread
 * evenly, so the day's total is close to its target (ten layers of one agent at 0.9 lose one, not
 * a random number). `m_d` is the followed groups' multipliers weighted by their expected arrivals
 * that day (1 on a day none of them expects any).
 * @example dailyCounts(ag, groups, runtimes, 7, dailyUniforms(7, streams.get('staffing')), 0)
 */
export function dailyCounts(ag: AgentGroup, groups: readonly SkillGroup[], runtimes: readonly GroupRuntime[], days: number, uniforms: readonly number[], offset: number): Int32Array {
  const f = ag.followsVolume!;
  const followed = f.groups.map((id) => groups.findIndex((g) => g.id === id)).filter((i) => i >= 0);
  const out = new Int32Array(days);
  for (let d = 0; d < days; d++) {
    let weight = 0;
    let sum = 0;
    for (const i of followed) {
      const w = expectedArrivals(groups[i], d);
      weight += w;
      sum += w * (runtimes[i].daily[d] ?? 1);
    }
    const m = weight > 0 ? sum / weight : 1;
    const u = uniforms[d] + offset * GOLDEN;
    out[d] = Math.min(f.max, Math.floor(ag.count * Math.pow(m, f.elasticity) + (u - Math.floor(u))));
  }
  return out;
}

/** `spans` (absolute, sorted) cut to the days `works(d)` allows, pieces of adjacent allowed days joined again. */
export function spansOnDays(spans: ReadonlyArray<readonly [number, number]>, works: (day: number) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    for (let d = Math.floor(a / DAY_SEC); d * DAY_SEC < b; d++) {
      if (!works(d)) continue;
      const from = Math.max(a, d * DAY_SEC);
      const to = Math.min(b, (d + 1) * DAY_SEC);
      if (!(to > from)) continue;
      const last = out[out.length - 1];
      if (last !== undefined && last[1] === from) last[1] = to;
      else out.push([from, to]);
    }
  }
  return out;
}
