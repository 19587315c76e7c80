// The head start of a priority class, read from the order in which queued contacts were taken. The
// model serves the smallest `queuedAt − headStart(class)`; so each time a queued contact starts
// service while a contact of another class waits, the pair says which side of their queue-time gap
// the head start lies: a class-A contact queued at qA taken while a B contact queued at qB waits
// gives H ≥ qA − qB (H = A's head start over B); a B contact taken while an A contact waits gives
// H ≤ qA − qB. The estimate is the H satisfying the most pairs (a sweep over the sorted bounds), with
// the range of H within one binomial standard error of the best and McNemar's z against H = 0 (first
// come, first served). Pure; imports nothing.

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

/** One ordering pair: `H ≥ value` (lower) or `H ≤ value` (upper), H in seconds. */
export interface OrderBound {
  value: number;
  lower: boolean;
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
  for (const list of byPool.values()) {
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
        out.push(t.classId === a ? { value: t.queuedSec - w.queuedSec, lower: true } : { value: w.queuedSec - t.queuedSec, lower: false });
      }
    }
  }
  return out;
}

export interface HeadStartEstimate {
  /** The head start satisfying the most pairs (the middle of the first best run of candidates), seconds. */
  sec: number;
  /** H within one binomial standard error of the best agreement, seconds. */
  lo: number;
  hi: number;
  pairs: number;
  /** Share of pairs the estimate orders as they were served; that of H = 0 (first come, first served). */
  agreement: number;
  fcfsAgreement: number;
  /** McNemar's z of the estimate against H = 0: (pairs only it orders − pairs only FCFS orders) / √(both). */
  z: number;
}

/**
 * The H satisfying the most bounds (ties: the middle of the first best run), the range of H within one
 * binomial standard error of the best, and the comparison with H = 0. Undefined without bounds.
 * @example bestHeadStart([{ value: 40, lower: true }, { value: 100, lower: false }, { value: 120, lower: false }]).sec // 70
 */
export function bestHeadStart(bounds: readonly OrderBound[]): HeadStartEstimate | undefined {
  const n = bounds.length;
  if (n === 0) return undefined;
  const lows = bounds.filter((b) => b.lower).map((b) => b.value).sort((x, y) => x - y);
  const highs = bounds.filter((b) => !b.lower).map((b) => b.value).sort((x, y) => x - y);
  const candidates = [...new Set([...lows, ...highs, 0])].sort((x, y) => x - y);
  // satisfied(v) = #(lows ≤ v) + #(highs ≥ v)
  const counts = new Array<number>(candidates.length);
  let li = 0;
  let hi = 0;
  for (let k = 0; k < candidates.length; k++) {
    const v = candidates[k];
    while (li < lows.length && lows[li] <= v) li++;
    while (hi < highs.length && highs[hi] < v) hi++;
    counts[k] = li + (highs.length - hi);
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  let end = best;
  while (end + 1 < counts.length && counts[end + 1] === counts[best]) end++;
  const sec = (candidates[best] + candidates[end]) / 2;
  const p = counts[best] / n;
  const floor = counts[best] - Math.sqrt(p * (1 - p) * n);
  let lo = Infinity;
  let up = -Infinity;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] < floor) continue;
    lo = Math.min(lo, candidates[k]);
    up = Math.max(up, candidates[k]);
  }
  // McNemar: pairs satisfied by one of H = sec, H = 0 and not the other
  let onlyBest = 0;
  let onlyFcfs = 0;
  let fcfs = 0;
  for (const b of bounds) {
    const atBest = b.lower ? b.value <= sec : b.value >= sec;
    const atZero = b.lower ? b.value <= 0 : b.value >= 0;
    if (atZero) fcfs++;
    if (atBest && !atZero) onlyBest++;
    if (atZero && !atBest) onlyFcfs++;
  }
  const agreement = [...bounds].filter((b) => (b.lower ? b.value <= sec : b.value >= sec)).length / n;
  const z = onlyBest + onlyFcfs === 0 ? 0 : (onlyBest - onlyFcfs) / Math.sqrt(onlyBest + onlyFcfs);
  return { sec, lo: Math.min(lo, sec), hi: Math.max(up, sec), pairs: n, agreement, fcfsAgreement: fcfs / n, z };
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
