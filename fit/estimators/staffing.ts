// Effective staffing per interval of the day when the logs do not say who was ready: while someone
// waits in queue, every agent taking calls is busy, so the time-average number of busy agents over
// the moments with a queue estimates how many were really taking calls. A day on which nobody
// waited in an interval counts with its peak number busy there (a lower bound of those on duty),
// and a sensitivity range comes with each value. Pure functions; imports nothing.

/** A span of one day, seconds after its midnight (may run past 86400 for a call crossing midnight). */
export interface Span {
  startSec: number;
  endSec: number;
}

/** What one day shows: agents busy (one span per service) and visitors waiting (one per queued wait). */
export interface StaffingDay {
  busy: readonly Span[];
  waiting: readonly Span[];
  /** Distinct agents seen serving in each interval (agent-name logs), when known. */
  agentsSeen?: readonly number[];
}

/** Effective staffing of one interval of the day, over the days of a day type. */
export interface IntervalStaffing {
  /**
   * The estimate: the mean over days of that day's busy-while-waiting, or, on a day when nobody
   * waited (less than `minQueueSec`), of that day's peak busy (every caller found an agent free).
   */
  agents: number;
  /** Busy agents while someone waited, time-averaged over all days (NaN when nobody waited): the uncorrected estimate. */
  busyWhileWaiting: number;
  /** Mean over days of the most agents busy at once in the interval. */
  peakBusy: number;
  /** Mean busy agents over the whole interval (the load served, in Erlangs). */
  meanBusy: number;
  /** Share of the interval's time with somebody waiting, over all days. */
  queueingShare: number;
  /** Days with at least `minQueueSec` of queueing in the interval (the others used their peak busy). */
  queueingDays: number;
  /** Sensitivity range: low = the uncorrected busy-while-waiting (the mean busy when nobody waited), high = agents seen serving (the peak + 1 without agent names). */
  low: number;
  high: number;
}

export interface StaffingOptions {
  /** Seconds of queueing in an interval of one day below which that day uses its peak busy (default 60 s). */
  minQueueSec?: number;
}

/** Default of `minQueueSec`. */
export const MIN_QUEUE_SEC = 60;

/**
 * Effective staffing of each interval of the day over `days` (all of one day type). Each day
 * counts once: pooling busy-while-waiting over time would weigh the days with the fewest agents
 * (the most queueing) most and come out low exactly where queueing is rare.
 * @example effectiveStaffing([{ busy: [{ startSec: 0, endSec: 3600 }], waiting: [{ startSec: 0, endSec: 1800 }] }], 3600)[0].agents // 1
 */
export function effectiveStaffing(days: readonly StaffingDay[], intervalSec: number, options: StaffingOptions = {}): IntervalStaffing[] {
  const minQueue = options.minQueueSec ?? MIN_QUEUE_SEC;
  const n = Math.round(86_400 / intervalSec);
  const waitTime = new Float64Array(n);
  const busyWait = new Float64Array(n);
  const busyTime = new Float64Array(n);
  const peakSum = new Float64Array(n);
  const agentSum = new Float64Array(n);
  const queueingDays = new Float64Array(n);
  const seenSum = new Float64Array(n);
  let seenDays = 0;
  for (const day of days) {
    const peaks = new Float64Array(n);
    const dayWait = new Float64Array(n);
    const dayBusyWait = new Float64Array(n);
    sweep(day, (a, b, busy, waiting) => {
      let t = a;
      while (t < b) {
        const i = Math.floor(t / intervalSec);
        if (i >= n) return;
        const end = Math.min(b, (i + 1) * intervalSec);
        const dt = end - t;
        busyTime[i] += busy * dt;
        if (waiting > 0) {
          dayWait[i] += dt;
          dayBusyWait[i] += busy * dt;
        }
        if (busy > peaks[i]) peaks[i] = busy;
        t = end;
      }
    });
    for (let i = 0; i < n; i++) {
      peakSum[i] += peaks[i];
      waitTime[i] += dayWait[i];
      busyWait[i] += dayBusyWait[i];
      if (dayWait[i] >= minQueue) {
        queueingDays[i]++;
        agentSum[i] += dayBusyWait[i] / dayWait[i];
      } else {
        agentSum[i] += peaks[i];
      }
    }
    if (day.agentsSeen !== undefined) {
      seenDays++;
      for (let i = 0; i < n; i++) seenSum[i] += day.agentsSeen[i] ?? 0;
    }
  }
  const d = Math.max(1, days.length);
  const out: IntervalStaffing[] = [];
  for (let i = 0; i < n; i++) {
    const agents = agentSum[i] / d;
    const peak = peakSum[i] / d;
    const meanBusy = busyTime[i] / (d * intervalSec);
    const bww = waitTime[i] > 0 ? busyWait[i] / waitTime[i] : NaN;
    const low = Math.min(agents, Number.isNaN(bww) ? meanBusy : bww);
    const high = seenDays > 0 ? Math.max(agents, seenSum[i] / seenDays) : Math.max(agents, peak + 1);
    out.push({ agents, busyWhileWaiting: bww, peakBusy: peak, meanBusy, queueingShare: waitTime[i] / (d * intervalSec), queueingDays: queueingDays[i], low, high });
  }
  return out;
}

/**
 * Walks one day's busy and waiting counts as constant pieces `[a, b)` in time order, calling
 * `piece(a, b, busy, waiting)` for each piece of positive length.
 */
export function sweep(day: StaffingDay, piece: (a: number, b: number, busy: number, waiting: number) => void): void {
  // +1/-1 changes, encoded: kind 0 busy, 1 waiting
  const times: number[] = [];
  const deltas: number[] = [];
  const kinds: number[] = [];
  const add = (spans: readonly Span[], kind: number) => {
    for (const s of spans) {
      if (!(s.endSec > s.startSec)) continue;
      times.push(s.startSec, s.endSec);
      deltas.push(1, -1);
      kinds.push(kind, kind);
    }
  };
  add(day.busy, 0);
  add(day.waiting, 1);
  const order = times.map((_, i) => i).sort((x, y) => times[x] - times[y]);
  let busy = 0;
  let waiting = 0;
  let prev = order.length > 0 ? times[order[0]] : 0;
  for (const j of order) {
    const t = times[j];
    if (t > prev && (busy > 0 || waiting > 0)) piece(prev, t, busy, waiting);
    prev = t;
    if (kinds[j] === 0) busy += deltas[j];
    else waiting += deltas[j];
  }
}
