// Effective staffing per interval of the day when the logs do not say who was ready: while someone
// waits in queue, every agent taking calls is busy, so the busy count then is the number really
// taking calls; while nobody waits, the most busy within a few minutes stands for it (the
// correction for low-queueing moments). The time-average of that profile is the estimate; the
// uncorrected busy-while-waiting and the agents seen serving give its sensitivity range. Pure functions; imports nothing.

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
   * The estimate, a mean over days: with method `window` (default) the time-average of the agents
   * available moment by moment ({@link availableProfile}); with `interval` the day's
   * busy-while-waiting, or its peak busy on a day when nobody waited (less than `minQueueSec`).
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
  /** Seconds of queueing in an interval of one day below which that day uses its peak busy (default 60 s; method `interval`). */
  minQueueSec?: number;
  /**
   * `window` (default): the time-average of the agents available moment by moment (see
   * {@link availableProfile}); `interval`: each interval's busy-while-waiting, or its peak busy
   * on a day without queueing there.
   */
  method?: 'window' | 'interval';
  /** Half-width of the window of method `window`, seconds (default 600). */
  windowSec?: number;
}

/** Default of `minQueueSec`. */
export const MIN_QUEUE_SEC = 60;
/** Resolution of the available-agents profile, seconds. */
export const BIN_SEC = 10;
/** Half-width of the window whose peak busy stands for the agents available while nobody waits, seconds. */
export const STAFFING_WINDOW_SEC = 600;

/**
 * Agents available in each bin of a day: the busy count while someone waited (everyone taking
 * calls is busy then), else the most busy within ±`half` bins (they were there a moment ago or
 * will be in a moment). `waitBusy[k]` is −1 for a bin with nobody waiting.
 */
export function availableProfile(busyMax: Float64Array, waitBusy: Float64Array, half: number): Float64Array {
  const n = busyMax.length;
  const out = new Float64Array(n);
  // sliding maximum by a monotone deque
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let right = 0;
  for (let k = 0; k < n; k++) {
    while (right < n && right <= k + half) {
      while (tail > head && busyMax[dq[tail - 1]] <= busyMax[right]) tail--;
      dq[tail++] = right++;
    }
    while (dq[head] < k - half) head++;
    out[k] = waitBusy[k] >= 0 ? waitBusy[k] : busyMax[dq[head]];
  }
  return out;
}

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
  const availableSum = new Float64Array(n);
  const windowSec = options.windowSec ?? STAFFING_WINDOW_SEC;
  let seenDays = 0;
  for (const day of days) {
    const peaks = new Float64Array(n);
    const dayWait = new Float64Array(n);
    const dayBusyWait = new Float64Array(n);
    const bins = Math.ceil(86_400 / BIN_SEC);
    const binMax = new Float64Array(bins);
    const binWaitBusy = new Float64Array(bins).fill(-1);
    sweep(day, (a, b, busy, waiting) => {
      for (let k = Math.floor(a / BIN_SEC); k < bins && k * BIN_SEC < b; k++) {
        if (busy > binMax[k]) binMax[k] = busy;
        if (waiting > 0 && busy > binWaitBusy[k]) binWaitBusy[k] = busy;
      }
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
    const available = availableProfile(binMax, binWaitBusy, Math.round(windowSec / BIN_SEC));
    const perBin = intervalSec / BIN_SEC;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = i * perBin; k < (i + 1) * perBin; k++) sum += available[k];
      availableSum[i] += sum / perBin;
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
    const agents = (options.method ?? 'window') === 'window' ? availableSum[i] / d : agentSum[i] / d;
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

/** How a day's staffing follows its volume: the elasticity and its standard error, over `days` days. */
export interface VolumeElasticity {
  elasticity: number;
  se: number;
  /** Days behind it (those with at least one interval of queueing). */
  days: number;
}

/**
 * The elasticity of staffing to the day's volume, from each day's own estimate: a day's staffing
 * index is the mean, over the intervals where someone waited at least `minQueueSec` that day, of
 * its busy-while-waiting against the day type's for that interval (while someone waits everyone
 * taking calls is busy, so under a fixed roster the index does not move with volume); then the
 * least-squares slope through the origin of log index on log(volume / the type's mean volume).
 * @param days per day: its type, its contacts, and its own staffing estimate (one day's `effectiveStaffing`)
 * @example volumeElasticity([{ type: 'weekday', volume: 900, staffing }, …], 3600)
 */
export function volumeElasticity(
  days: ReadonlyArray<{ type: string; volume: number; staffing: readonly IntervalStaffing[] }>,
  intervalSec: number,
  minQueueSec = MIN_QUEUE_SEC,
): VolumeElasticity {
  const types = [...new Set(days.map((d) => d.type))];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const type of types) {
    const of = days.filter((d) => d.type === type && d.volume > 0);
    if (of.length < 2) continue;
    const n = of[0].staffing.length;
    // the type's busy-while-waiting per interval: mean over the days that queued there
    const typeBww = Array.from({ length: n }, (_, i) => {
      const v = of.map((d) => d.staffing[i]).filter((s) => s.queueingShare * intervalSec >= minQueueSec && s.busyWhileWaiting > 0).map((s) => s.busyWhileWaiting);
      return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
    });
    const meanVolume = of.reduce((a, d) => a + d.volume, 0) / of.length;
    for (const d of of) {
      let sum = 0;
      let k = 0;
      d.staffing.forEach((s, i) => {
        if (s.queueingShare * intervalSec >= minQueueSec && s.busyWhileWaiting > 0 && typeBww[i] > 0) {
          sum += Math.log(s.busyWhileWaiting / typeBww[i]);
          k++;
        }
      });
      if (k === 0) continue;
      xs.push(Math.log(d.volume / meanVolume));
      ys.push(sum / k);
    }
  }
  let sxx = 0;
  let sxy = 0;
  xs.forEach((x, i) => { sxx += x * x; sxy += x * ys[i]; });
  if (xs.length < 3 || !(sxx > 0)) return { elasticity: 0, se: Infinity, days: xs.length };
  const e = sxy / sxx;
  let ss = 0;
  xs.forEach((x, i) => { ss += (ys[i] - e * x) ** 2; });
  return { elasticity: e, se: Math.sqrt(ss / (xs.length - 1) / sxx), days: xs.length };
}
