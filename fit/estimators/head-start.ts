// The head start of a priority class, read from the order in which queued contacts were taken. The
// model serves the smallest `queuedAt − headStart(class)`; so each time a queued contact starts
// service while a contact of another class waits, the pair says which side of their queue-time gap
// the head start lies: a class-A contact queued at qA taken while a B contact queued at qB waits
// gives H ≥ qA − qB (H = A's head start over B); a B contact taken while an A contact waits gives
// H ≤ qA − qB. The estimate is the H satisfying the most pairs (a sweep over the sorted bounds), with
// a range (the H within one binomial standard error of the best, widened to a bootstrap over days)
// and McNemar's z against H = 0 (first come, first served). Pure; imports nothing.

/** A contact that waited in queue, as the estimator sees it: its queue, class and instants (seconds). */
export interface QueueSpan {
  /** The queue it competed in (a day, and a pool of agents): pairs form only within one. */
  pool: string;
  classId: string;
  queuedSec: number;
  /** Left the queue: started service, or abandoned. */
  leftSec: number;
  /** Whether it left by starting service (an agent took it). */
  taken: boolean;
}

/** One ordering pair: `H ≥ value` (lower) or `H ≤ value` (upper), H in seconds; `pool`: where it formed (the bootstrap resamples pools). */
export interface OrderBound {
  value: number;
  lower: boolean;
  pool?: string;
}

/** Competitors of the other class per service start: the longest-waiting ones, which bound H the tightest. */
export const MAX_COMPETITORS = 5;

/**
 * The ordering pairs between class `a` and class `b` (H = a's head start over b): at each service
 * start of a queued contact of either class, the up to `maxCompetitors` longest-waiting contacts of
 * the other class still waiting at that instant (queued before it, leaving after it) in the same pool.
 * @example orderBounds([{ pool: 'd', classId: 'vip', queuedSec: 50, leftSec: 60, taken: true }, { pool: 'd', classId: 'std', queuedSec: 10, leftSec: 90, taken: true }], 'vip', 'std') // [{ value: 40, lower: true }]
 */
export function orderBounds(spans: readonly QueueSpan[], a: string, b: string, maxCompetitors = MAX_COMPETITORS): OrderBound[] {
  const byPool = new Map<string, QueueSpan[]>();
  for (const s of spans) {
    if (s.classId !== a && s.classId !== b) continue;
    if (!(s.leftSec > s.queuedSec)) continue;
    const list = byPool.get(s.pool);
    if (list) list.push(s);
    else byPool.set(s.pool, [s]);
  }
  const out: OrderBound[] = [];
  for (const [pool, list] of byPool) {
    // each class's contacts in order of queueing; a head pointer skips those gone for good
    const queues = new Map<string, { items: QueueSpan[]; head: number }>([[a, { items: [], head: 0 }], [b, { items: [], head: 0 }]]);
    for (const s of [...list].sort((x, y) => x.queuedSec - y.queuedSec)) queues.get(s.classId)!.items.push(s);
    const starts = list.filter((s) => s.taken).sort((x, y) => x.leftSec - y.leftSec);
    for (const t of starts) {
      const other = queues.get(t.classId === a ? b : a)!;
      const at = t.leftSec;
      while (other.head < other.items.length && other.items[other.head].leftSec <= at) other.head++;
      let found = 0;
      for (let i = other.head; i < other.items.length && found < maxCompetitors; i++) {
        const w = other.items[i];
        if (w.queuedSec >= at) break;
        if (w.leftSec <= at) continue;
        found++;
        // t was taken over w: key(t) ≤ key(w)
        out.push(t.classId === a ? { value: t.queuedSec - w.queuedSec, lower: true, pool } : { value: w.queuedSec - t.queuedSec, lower: false, pool });
      }
    }
  }
  return out;
}

export interface HeadStartEstimate {
  /** The head start satisfying the most pairs (the middle of the first best run of candidates), seconds. */
  sec: number;
  /**
   * Its range, seconds: the hull of the H within one binomial standard error of the best agreement
   * and the 2.5–97.5 % of the estimate over {@link BOOTSTRAP_RESAMPLES} resamples of the pools (days),
   * since the pairs of one day are not independent.
   */
  lo: number;
  hi: number;
  pairs: number;
  /** Share of pairs the estimate orders as they were served; that of H = 0 (first come, first served). */
  agreement: number;
  fcfsAgreement: number;
  /** McNemar's z of the estimate against H = 0: (pairs only it orders − pairs only FCFS orders) / √(both). */
  z: number;
}

/** Resamples of the pools (days) for the estimate's range. */
export const BOOTSTRAP_RESAMPLES = 200;

/** Bounds sorted by value, with the pool of each as an index: what the sweeps run over. */
interface SortedBounds {
  values: Float64Array;
  lower: Uint8Array;
  pool: Int32Array;
  pools: number;
}

function sortBounds(bounds: readonly OrderBound[]): SortedBounds {
  const order = bounds.map((_, i) => i).sort((i, j) => bounds[i].value - bounds[j].value);
  const poolIndex = new Map<string, number>();
  const n = bounds.length;
  const out: SortedBounds = { values: new Float64Array(n), lower: new Uint8Array(n), pool: new Int32Array(n), pools: 0 };
  order.forEach((i, k) => {
    const b = bounds[i];
    const key = b.pool ?? '';
    if (!poolIndex.has(key)) poolIndex.set(key, poolIndex.size);
    out.values[k] = b.value;
    out.lower[k] = b.lower ? 1 : 0;
    out.pool[k] = poolIndex.get(key)!;
  });
  out.pools = poolIndex.size;
  return out;
}

/**
 * One sweep over the sorted bounds, each weighted by its pool's weight: the satisfied weight at each
 * distinct value (and 0), #(lower ≤ v) + #(upper ≥ v). Returns the candidates and their counts.
 */
function sweep(s: SortedBounds, weight: ArrayLike<number>): { candidates: number[]; counts: number[] } {
  const n = s.values.length;
  let totalUpper = 0;
  for (let k = 0; k < n; k++) if (s.lower[k] === 0) totalUpper += weight[s.pool[k]];
  const candidates: number[] = [];
  const counts: number[] = [];
  let lowBelow = 0; // weight of lower bounds ≤ the candidate
  let upBelow = 0; // weight of upper bounds < the candidate
  let zeroDone = false;
  for (let k = 0; k < n; ) {
    const v = s.values[k];
    if (!zeroDone && v > 0) {
      candidates.push(0);
      counts.push(lowBelow + totalUpper - upBelow);
      zeroDone = true;
    }
    let upHere = 0;
    for (; k < n && s.values[k] === v; k++) {
      if (s.lower[k] === 1) lowBelow += weight[s.pool[k]];
      else upHere += weight[s.pool[k]];
    }
    candidates.push(v);
    counts.push(lowBelow + totalUpper - upBelow);
    upBelow += upHere;
    if (v === 0) zeroDone = true;
  }
  if (!zeroDone) {
    candidates.push(0);
    counts.push(lowBelow);
  }
  return { candidates, counts };
}

/** The middle of the first best run of candidates. */
function bestOf(candidates: readonly number[], counts: readonly number[]): { sec: number; best: number } {
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  let end = best;
  while (end + 1 < counts.length && counts[end + 1] === counts[best]) end++;
  return { sec: (candidates[best] + candidates[end]) / 2, best };
}

/** A small seeded generator (mulberry32): the bootstrap is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The H satisfying the most bounds (ties: the middle of the first best run), its range (see
 * {@link HeadStartEstimate.lo}), and the comparison with H = 0. Undefined without bounds.
 * @example bestHeadStart([{ value: 40, lower: true }, { value: 100, lower: false }, { value: 120, lower: false }]).sec // 70
 */
export function bestHeadStart(bounds: readonly OrderBound[], resamples = BOOTSTRAP_RESAMPLES): HeadStartEstimate | undefined {
  const n = bounds.length;
  if (n === 0) return undefined;
  const sorted = sortBounds(bounds);
  const ones = new Float64Array(sorted.pools).fill(1);
  const { candidates, counts } = sweep(sorted, ones);
  const { sec, best } = bestOf(candidates, counts);
  const p = counts[best] / n;
  const floor = counts[best] - Math.sqrt(p * (1 - p) * n);
  let lo = sec;
  let hi = sec;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] < floor) continue;
    lo = Math.min(lo, candidates[k]);
    hi = Math.max(hi, candidates[k]);
  }
  if (sorted.pools > 1 && resamples > 0) {
    const rng = seeded(sorted.values.length * 2654435761 + sorted.pools);
    const weight = new Float64Array(sorted.pools);
    const each: number[] = [];
    for (let r = 0; r < resamples; r++) {
      weight.fill(0);
      for (let d = 0; d < sorted.pools; d++) weight[Math.floor(rng() * sorted.pools)]++;
      const sw = sweep(sorted, weight);
      each.push(bestOf(sw.candidates, sw.counts).sec);
    }
    each.sort((x, y) => x - y);
    lo = Math.min(lo, each[Math.floor(0.025 * (resamples - 1))]);
    hi = Math.max(hi, each[Math.ceil(0.975 * (resamples - 1))]);
  }
  // McNemar: pairs satisfied by one of H = sec, H = 0 and not the other
  let onlyBest = 0;
  let onlyFcfs = 0;
  let fcfs = 0;
  let agree = 0;
  for (const b of bounds) {
    const atBest = b.lower ? b.value <= sec : b.value >= sec;
    const atZero = b.lower ? b.value <= 0 : b.value >= 0;
    if (atBest) agree++;
    if (atZero) fcfs++;
    if (atBest && !atZero) onlyBest++;
    if (atZero && !atBest) onlyFcfs++;
  }
  const z = onlyBest + onlyFcfs === 0 ? 0 : (onlyBest - onlyFcfs) / Math.sqrt(onlyBest + onlyFcfs);
  return { sec, lo, hi, pairs: n, agreement: agree / n, fcfsAgreement: fcfs / n, z };
}

/** The data shows a head start when the estimate beats first come, first served by this many of McNemar's z … */
export const HEAD_START_Z = 3;
/** … is at least this many seconds, and rests on at least this many pairs. */
export const MIN_HEAD_START_SEC = 5;
export const MIN_HEAD_START_PAIRS = 50;

/** Whether an estimate shows a head start (see {@link HEAD_START_Z}). */
export function showsHeadStart(e: HeadStartEstimate | undefined): boolean {
  return e !== undefined && e.pairs >= MIN_HEAD_START_PAIRS && e.z > HEAD_START_Z && Math.abs(e.sec) >= MIN_HEAD_START_SEC;
}
