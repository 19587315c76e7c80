// Arrival instants of one skill group: a non-homogeneous Poisson process whose rate is piecewise
// constant (daily windows, of some days of the week when they say so, × a random daily
// multiplier × promo factors), generated exactly by inverting the cumulative rate. No I/O; must not import the model's other parts.

import type { SkillGroup } from '../../core/scenario.js';
import { DAY_SEC } from '../../core/units.js';
import type { Rng } from '../engine/random.js';
import { standardGamma } from '../engine/distributions.js';


/** A span of constant rate, absolute seconds. */
export interface RateSegment {
  startAt: number;
  endAt: number;
  ratePerSec: number;
}

/**
 * The rate of `group` over `[0, horizonSec)` as constant segments (zero-rate spans omitted).
 * `dailyMultipliers[d]` scales day d (1 when absent).
 */
export function rateSegments(group: SkillGroup, horizonSec: number, dailyMultipliers: readonly number[] = []): RateSegment[] {
  const days = Math.ceil(horizonSec / DAY_SEC);
  const cuts = new Set<number>([0, horizonSec]);
  for (let d = 0; d < days; d++) {
    for (const w of group.arrivals.windows) {
      if (w.runDays !== undefined && !w.runDays.includes(d % 7)) continue;
      cuts.add(d * DAY_SEC + w.fromSec);
      cuts.add(d * DAY_SEC + w.toSec);
    }
  }
  for (const p of group.arrivals.promos) {
    cuts.add(p.startAt);
    cuts.add(p.endAt);
  }
  const points = [...cuts].filter((t) => t >= 0 && t <= horizonSec).sort((a, b) => a - b);
  const out: RateSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const mid = (a + b) / 2;
    const day = Math.floor(mid / DAY_SEC);
    const tod = mid - day * DAY_SEC;
    let rate = 0;
    for (const w of group.arrivals.windows) {
      if (tod >= w.fromSec && tod < w.toSec && (w.runDays === undefined || w.runDays.includes(day % 7))) rate += w.ratePerSec;
    }
    if (rate === 0) continue;
    for (const p of group.arrivals.promos) if (mid >= p.startAt && mid < p.endAt) rate *= p.factor;
    rate *= dailyMultipliers[day] ?? 1;
    const last = out[out.length - 1];
    if (last && last.endAt === a && last.ratePerSec === rate) last.endAt = b;
    else if (rate > 0) out.push({ startAt: a, endAt: b, ratePerSec: rate });
  }
  return out;
}

/** Draws one gamma(mean 1, cv) multiplier per day (all 1 when cv is 0). */
export function dailyMultipliers(days: number, cv: number, rng: Rng): number[] {
  const out: number[] = [];
  for (let d = 0; d < days; d++) out.push(cv > 0 ? standardGamma(1 / (cv * cv), rng) * cv * cv : 1);
  return out;
}

/**
 * Successive arrival instants over the segments: each gap consumes an Exp(1) amount of cumulative
 * rate (one uniform per arrival). `next()` returns Infinity after the last arrival.
 */
export class ArrivalProcess {
  private seg = 0;
  private t: number;

  constructor(private readonly segments: readonly RateSegment[], private readonly rng: Rng) {
    this.t = segments.length > 0 ? segments[0].startAt : Infinity;
  }

  /** The next arrival instant, seconds; Infinity when the process has ended. */
  next(): number {
    const segs = this.segments;
    let e = -Math.log(1 - this.rng());
    while (this.seg < segs.length) {
      const s = segs[this.seg];
      if (this.t < s.startAt) this.t = s.startAt;
      const room = (s.endAt - this.t) * s.ratePerSec;
      if (e < room) {
        this.t += e / s.ratePerSec;
        return this.t;
      }
      e -= room;
      this.seg++;
    }
    this.t = Infinity;
    return Infinity;
  }
}

/** Arrival instants given in advance (a trace); `next()` returns Infinity after the last. */
export class TraceArrivals {
  private i = 0;
  constructor(private readonly times: readonly number[]) {
    for (let k = 1; k < times.length; k++) {
      if (!(times[k] >= times[k - 1])) throw new RangeError(`arrival instants must be ascending (index ${k})`);
    }
  }
  next(): number {
    return this.i < this.times.length ? this.times[this.i++] : Infinity;
  }
}
