// Distributions a report draws: the first-response-time histogram, the service-level buckets and
// each agent's occupancy by hour of the day, per run and averaged over replications. Fixed bins,
// no per-visitor storage beyond the collector's FRT array. Pure; must not import the model, the
// engine or anything with I/O.

import { mean } from 'simple-statistics';
import { DAY_SEC, type MetricsAgent } from './context.js';

/** Width of one FRT histogram bin, seconds. */
export const FRT_BIN_SEC = 5;
/** Upper edge of the last FRT histogram bin, seconds; longer FRTs go to `overflowShare`. */
export const FRT_HISTOGRAM_MAX_SEC = 600;
/** Edges of the FRT histogram, seconds: 0, 5, …, 600 (bin k is `(edge[k], edge[k+1]]`, the first also holds 0). */
export const FRT_BIN_EDGES_SEC: readonly number[] = Array.from(
  { length: FRT_HISTOGRAM_MAX_SEC / FRT_BIN_SEC + 1 },
  (_, k) => k * FRT_BIN_SEC,
);

/**
 * Upper bounds of the answered service buckets after the first (≤ T), seconds: FRT in (T, 60],
 * (60, 180], (180, 600], then > 600.
 */
export const SERVICE_BUCKET_BOUNDS_SEC = [60, 180, 600] as const;

/** The service-level buckets, in order; together they hold every offered conversation. */
export const SERVICE_BUCKET_NAMES = [
  'withinSl',
  'upTo1m',
  'upTo3m',
  'upTo10m',
  'over10m',
  'abandoned',
  'unanswered',
] as const;
export type ServiceBucketName = (typeof SERVICE_BUCKET_NAMES)[number];

/** Seconds in one hour-of-day cell of the agent occupancy heatmap. */
export const AGENT_HOUR_SEC = 3600;
/** Hours in a day: the cells per agent. */
export const HOURS_PER_DAY = DAY_SEC / AGENT_HOUR_SEC;

/** FRT histogram over answered conversations: `share[k]` of them had FRT in bin k. */
export interface FrtHistogram<V = number> {
  /** {@link FRT_BIN_EDGES_SEC}: `share.length + 1` edges, seconds. */
  binEdgesSec: number[];
  /** Share of answered conversations per bin (right-closed; the first bin holds 0). */
  share: V[];
  /** Share of answered conversations with FRT above the last edge. */
  overflowShare: V;
}

/**
 * Shares of offered conversations: answered with FRT ≤ T (`withinSl`, the service level), in
 * (T, 60 s], (60 s, 3 min], (3, 10 min], > 10 min; abandoned in queue or after assignment;
 * unanswered. A bucket whose range is empty because T is above its bound is 0.
 */
export type ServiceBuckets<V = number> = Record<ServiceBucketName, V>;

/** One agent's occupancy per hour of the day (all measured days together); NaN/null when offline. */
export interface AgentHourOccupancy<V = number> {
  id: string;
  /** 24 values, hour 0 (00:00–01:00) first: slot-time in use / (online time × cap) in that hour. */
  occupancy: V[];
}

/** The distributions of one run. */
export interface RunDistributions {
  frt: FrtHistogram;
  serviceBuckets: ServiceBuckets;
  agentHours: { hourSec: number; agents: AgentHourOccupancy[] };
  /**
   * What each share is a share of, so replications pool (Σ counts / Σ totals) like the ratio
   * metrics: FRTs in the histogram, conversations offered, and each agent's online × cap seconds
   * per hour of the day. Absent in hand-made distributions: cells are then averaged.
   */
  basis?: { frt: number; offered: number; capacitySec: number[][] };
}

/**
 * The distributions over replications, cell by cell: pooled (each run weighted by its basis) when
 * every run has one, else averaged over the finite values; null where no run defines the cell.
 */
export interface DistributionSummary {
  frt: FrtHistogram<number | null>;
  serviceBuckets: ServiceBuckets<number | null>;
  agentHours: { hourSec: number; agents: Array<AgentHourOccupancy<number | null>> };
}

/**
 * The FRT histogram of answered conversations, from their FRTs in any order (seconds). All NaN
 * when there are none.
 * @example frtHistogram(Float64Array.of(3, 5, 7)).share.slice(0, 2) // [2/3, 1/3]
 */
export function frtHistogram(frt: Float64Array): FrtHistogram {
  const n = frt.length;
  const bins = FRT_BIN_EDGES_SEC.length - 1;
  const counts = new Float64Array(bins);
  let overflow = 0;
  for (let j = 0; j < n; j++) {
    const v = frt[j];
    if (v > FRT_HISTOGRAM_MAX_SEC) overflow++;
    else counts[v <= FRT_BIN_SEC ? 0 : Math.ceil(v / FRT_BIN_SEC) - 1]++;
  }
  return {
    binEdgesSec: [...FRT_BIN_EDGES_SEC],
    share: Array.from(counts, (c) => (n > 0 ? c / n : NaN)),
    overflowShare: n > 0 ? overflow / n : NaN,
  };
}

/**
 * The service-level buckets of one scope: shares of `offered`. `withinSl` equals the service
 * level SL(T) exactly. All NaN when nothing was offered.
 * @param frt FRTs of the answered conversations, in any order, seconds
 * @param slTimeSec T, seconds
 * @param abandoned abandoned in queue plus after assignment
 * @example serviceBuckets(Float64Array.of(10, 30), 20, 4, 1, 1).withinSl // 0.25
 */
export function serviceBuckets(
  frt: Float64Array,
  slTimeSec: number,
  offered: number,
  abandoned: number,
  unanswered: number,
): ServiceBuckets {
  const share = (count: number) => (offered > 0 ? count / offered : NaN);
  const b0 = slTimeSec;
  const [b1, b2, b3] = SERVICE_BUCKET_BOUNDS_SEC.map((b) => Math.max(b, slTimeSec));
  // values at most each bound, in one pass (the values come in any order)
  const upTo = [0, 0, 0, 0];
  for (let j = 0; j < frt.length; j++) {
    const v = frt[j];
    if (v <= b3) {
      upTo[3]++;
      if (v <= b2) {
        upTo[2]++;
        if (v <= b1) {
          upTo[1]++;
          if (v <= b0) upTo[0]++;
        }
      }
    }
  }
  return {
    withinSl: share(upTo[0]),
    upTo1m: share(upTo[1] - upTo[0]),
    upTo3m: share(upTo[2] - upTo[1]),
    upTo10m: share(upTo[3] - upTo[2]),
    over10m: share(frt.length - upTo[3]),
    abandoned: share(abandoned),
    unanswered: share(unanswered),
  };
}

/**
 * Slot-seconds in use and online × cap seconds per agent and hour of the day, for the occupancy
 * heatmap: 2 × 24 numbers per agent.
 */
export class AgentHours {
  private constructor(
    private readonly slot: Float64Array,
    private readonly capacity: Float64Array,
  ) {}

  /** Zeros for `agents` agents. */
  static empty(agents: number): AgentHours {
    return new AgentHours(new Float64Array(agents * HOURS_PER_DAY), new Float64Array(agents * HOURS_PER_DAY));
  }

  clone(): AgentHours {
    return new AgentHours(this.slot.slice(), this.capacity.slice());
  }

  /**
   * Agent `i` online (or holding chats) over [fromAt, toAt) holding `held` chats, with cap `cap`.
   * Splits the span at hour boundaries like `addSpanByInterval`, without allocating (hot path).
   */
  add(i: number, fromAt: number, toAt: number, held: number, cap: number): void {
    const o = i * HOURS_PER_DAY;
    let at = fromAt;
    let k = Math.floor(at / AGENT_HOUR_SEC);
    while (at < toAt) {
      const boundary = (k + 1) * AGENT_HOUR_SEC;
      const end = boundary < toAt ? boundary : toAt;
      const cell = o + (((k % HOURS_PER_DAY) + HOURS_PER_DAY) % HOURS_PER_DAY);
      const dt = end - at;
      this.slot[cell] += held * dt;
      this.capacity[cell] += cap * dt;
      at = end;
      k++;
    }
  }

  /** Online × cap seconds per agent (in index order) and hour of the day. */
  capacities(agents: number): number[][] {
    return Array.from({ length: agents }, (_, i) => Array.from(this.capacity.subarray(i * HOURS_PER_DAY, (i + 1) * HOURS_PER_DAY)));
  }

  /** Occupancy per agent (in `agents` order) and hour; NaN where the agent had no capacity online. */
  occupancy(agents: readonly MetricsAgent[]): RunDistributions['agentHours'] {
    return {
      hourSec: AGENT_HOUR_SEC,
      agents: agents.map((a, i) => {
        const o = i * HOURS_PER_DAY;
        const occupancy: number[] = [];
        for (let h = 0; h < HOURS_PER_DAY; h++) {
          const capacity = this.capacity[o + h];
          occupancy.push(capacity > 0 ? this.slot[o + h] / capacity : NaN);
        }
        return { id: a.id, occupancy };
      }),
    };
  }
}

/** Mean of the finite values, or null. */
function meanOrNull(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v));
  return xs.length === 0 ? null : mean(xs);
}

/**
 * `Σ wᵢ·vᵢ / Σ wᵢ` over the cells with a finite value and a positive weight (a pooled share), or the
 * plain mean when there are no weights; null when no cell counts.
 */
function pooledOrNull(values: readonly number[], weights: readonly number[] | undefined): number | null {
  if (weights === undefined) return meanOrNull(values);
  let sw = 0;
  let swv = 0;
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    const w = weights[r];
    if (Number.isFinite(v) && w > 0) {
      sw += w;
      swv += w * v;
    }
  }
  return sw > 0 ? swv / sw : null;
}

/**
 * Averages the distributions of replications cell by cell (finite values only; null where none).
 * @throws RangeError when `runs` is empty or the runs have other agents.
 */
export function summariseDistributions(runs: readonly RunDistributions[]): DistributionSummary {
  if (runs.length === 0) throw new RangeError('summariseDistributions needs at least one run');
  const [first] = runs;
  const ids = first.agentHours.agents.map((a) => a.id).join('\u0000');
  if (runs.some((r) => r.agentHours.agents.map((a) => a.id).join('\u0000') !== ids)) {
    throw new RangeError('summariseDistributions: the runs have other agents');
  }
  const weighted = runs.every((r) => r.basis !== undefined);
  const frtWeights = weighted ? runs.map((r) => r.basis!.frt) : undefined;
  const offeredWeights = weighted ? runs.map((r) => r.basis!.offered) : undefined;
  const serviceBucketMeans = {} as ServiceBuckets<number | null>;
  for (const name of SERVICE_BUCKET_NAMES) serviceBucketMeans[name] = pooledOrNull(runs.map((r) => r.serviceBuckets[name]), offeredWeights);
  return {
    frt: {
      binEdgesSec: [...first.frt.binEdgesSec],
      share: first.frt.share.map((_, k) => pooledOrNull(runs.map((r) => r.frt.share[k]), frtWeights)),
      overflowShare: pooledOrNull(runs.map((r) => r.frt.overflowShare), frtWeights),
    },
    serviceBuckets: serviceBucketMeans,
    agentHours: {
      hourSec: first.agentHours.hourSec,
      agents: first.agentHours.agents.map((a, i) => ({
        id: a.id,
        occupancy: a.occupancy.map((_, h) => pooledOrNull(
          runs.map((r) => r.agentHours.agents[i].occupancy[h]),
          weighted ? runs.map((r) => r.basis!.capacitySec[i]?.[h] ?? 0) : undefined,
        )),
      })),
    },
  };
}
