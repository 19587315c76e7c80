// The future-event list: a binary heap ordered by (time, priority, sequence) over typed arrays.
// Equal times run by priority, then first-scheduled first, so a run never depends on heap internals.
// Knows nothing of chats; must not import sim/model, sim/routing or anything with I/O.

/** Highest priority value an event may use (lower runs first at equal times). */
export const MAX_PRIORITY = 255;
const SEQ_SPAN = 2 ** 44; // sequence numbers below this; priority × SEQ_SPAN + seq stays < 2^53

/**
 * A binary min-heap of events. Each event is `(time, priority, kind, target)`; `kind` is a small
 * integer the caller dispatches on and `target` any object, so scheduling allocates nothing per
 * event. `pop()` loads the earliest event into `time`, `kind`, `target`, `id`.
 *
 * @example
 * const q = new EventQueue<string>();
 * q.schedule(5, 0, 1, 'b'); q.schedule(5, 0, 1, 'c'); q.schedule(1, 0, 1, 'a');
 * while (q.pop()) console.log(q.time, q.target); // 1 a, 5 b, 5 c
 */
export class EventQueue<T = unknown> {
  private times: Float64Array;
  private ties: Float64Array;
  private kinds: Int32Array;
  private targets: (T | undefined)[];
  private n = 0;
  private seq = 0;
  private cancelled: Set<number> | null = null;

  /** Time of the event last popped, seconds. */
  time = 0;
  /** Kind of the event last popped. */
  kind = 0;
  /** Target of the event last popped. */
  target: T | undefined = undefined;
  /** Id of the event last popped (as returned by `schedule`). */
  id = -1;

  constructor(initialCapacity = 1024) {
    const c = Math.max(16, initialCapacity);
    this.times = new Float64Array(c);
    this.ties = new Float64Array(c);
    this.kinds = new Int32Array(c);
    this.targets = new Array(c);
  }

  /** Number of scheduled events, cancelled ones not yet skipped included. */
  get size(): number {
    return this.n;
  }

  /** Total events ever scheduled. */
  get scheduled(): number {
    return this.seq;
  }

  /**
   * Schedules an event at `time` (seconds). Lower `priority` (0…255) runs first at equal times;
   * equal time and priority run in scheduling order. Returns an id for `cancel`.
   */
  schedule(time: number, priority: number, kind: number, target: T): number {
    if (!(time === time)) throw new RangeError('event time is NaN');
    if (this.n === this.times.length) this.grow();
    const id = this.seq++;
    const tie = priority * SEQ_SPAN + id;
    // sift up
    let i = this.n++;
    const times = this.times, ties = this.ties;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && ties[p] < tie)) break;
      times[i] = pt;
      ties[i] = ties[p];
      this.kinds[i] = this.kinds[p];
      this.targets[i] = this.targets[p];
      i = p;
    }
    times[i] = time;
    ties[i] = tie;
    this.kinds[i] = kind;
    this.targets[i] = target;
    return id;
  }

  /**
   * Cancels a scheduled event by id. The event stays in the heap and is skipped when it comes up
   * (lazy deletion), so cancelling is O(1).
   */
  cancel(id: number): void {
    (this.cancelled ??= new Set()).add(id);
  }

  /** Priority of the earliest live event (call after `peekTime`), or Infinity when empty. */
  peekPriority(): number {
    return this.n > 0 ? Math.floor(this.ties[0] / SEQ_SPAN) : Infinity;
  }

  /** Time of the earliest live event, or Infinity when empty. */
  peekTime(): number {
    this.skipCancelled();
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Removes the earliest live event into `time`/`kind`/`target`/`id`; false when empty. */
  pop(): boolean {
    for (;;) {
      if (this.n === 0) return false;
      this.time = this.times[0];
      this.kind = this.kinds[0];
      this.target = this.targets[0];
      this.id = this.ties[0] % SEQ_SPAN;
      this.removeTop();
      if (this.cancelled === null || this.cancelled.size === 0 || !this.cancelled.delete(this.id)) return true;
    }
  }

  /** Every target still scheduled (cancelled included), in heap order. */
  pendingTargets(): T[] {
    return this.targets.slice(0, this.n) as T[];
  }

  private skipCancelled(): void {
    const c = this.cancelled;
    if (c === null || c.size === 0) return;
    while (this.n > 0 && c.has(this.ties[0] % SEQ_SPAN)) {
      c.delete(this.ties[0] % SEQ_SPAN);
      this.removeTop();
    }
  }

  private removeTop(): void {
    const last = --this.n;
    const times = this.times, ties = this.ties, kinds = this.kinds, targets = this.targets;
    if (last === 0) {
      targets[0] = undefined;
      return;
    }
    const t = times[last], tie = ties[last], k = kinds[last], tg = targets[last];
    targets[last] = undefined;
    // sift down
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (times[r] < times[c] || (times[r] === times[c] && ties[r] < ties[c]))) c = r;
      const ct = times[c];
      if (t < ct || (t === ct && tie < ties[c])) break;
      times[i] = ct;
      ties[i] = ties[c];
      kinds[i] = kinds[c];
      targets[i] = targets[c];
      i = c;
    }
    times[i] = t;
    ties[i] = tie;
    kinds[i] = k;
    targets[i] = tg;
  }

  private grow(): void {
    const c = this.times.length * 2;
    const times = new Float64Array(c); times.set(this.times); this.times = times;
    const ties = new Float64Array(c); ties.set(this.ties); this.ties = ties;
    const kinds = new Int32Array(c); kinds.set(this.kinds); this.kinds = kinds;
    this.targets.length = c;
  }
}
