// The future-event list: a binary heap ordered by (time, priority, sequence) over typed arrays.
// Equal times run by priority, then first-scheduled first, so a run never depends on heap internals.
// Knows nothing of chats; must not import sim/model, sim/routing or anything with I/O.

/** Highest priority value an event may use (lower runs first at equal times). */
export const MAX_PRIORITY = 255;
/** Highest kind value an event may use. */
export const MAX_KIND = 255;
// One double orders and identifies an event: tie = (priority × SEQ_SPAN + seq) × KIND_SPAN + kind,
// exact below 2^53 (8 bits of priority, 37 of sequence, 8 of kind). Kind never decides the order
// (sequence numbers are unique); it rides along so the heap moves one array fewer.
const SEQ_SPAN = 2 ** 37;
const KIND_SPAN = 256;

/** The id (sequence number) an event's tie carries. */
function idOf(tie: number): number {
  return Math.floor(tie / KIND_SPAN) % SEQ_SPAN;
}

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
  /**
   * Slot of each heap entry's target in `pool`. The heap moves these integers, not object
   * references: a typed-array store needs no GC write barrier, a reference store does.
   */
  private slots: Int32Array;
  /** Targets by slot; a slot is free between the pop of its event and the next schedule. */
  private pool: (T | undefined)[];
  /** Free slots (a stack) and how many. */
  private freeSlots: Int32Array;
  private freeCount: number;
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

  /**
   * @param initialCapacity events the heap holds before it first grows
   * @param kindNames names of the event kinds, by kind (e.g. `['arrival', 'reply', …]`), used only
   *   to name the source of a refused event in its error message
   */
  constructor(initialCapacity = 1024, private readonly kindNames: readonly string[] = []) {
    const c = Math.max(16, initialCapacity);
    this.times = new Float64Array(c);
    this.ties = new Float64Array(c);
    this.slots = new Int32Array(c);
    this.pool = [];
    for (let i = 0; i < c; i++) this.pool.push(undefined);
    this.freeSlots = new Int32Array(c);
    for (let i = 0; i < c; i++) this.freeSlots[i] = c - 1 - i;
    this.freeCount = c;
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
   * @throws RangeError when `time` is not finite (NaN or ±Infinity), naming the event's kind: an
   *   event that can never run is a bug in what computed its time, not something to skip.
   */
  schedule(time: number, priority: number, kind: number, target: T): number {
    // one subtraction tells finite from NaN and ±Infinity (both give NaN) on the hot path
    if (time - time !== 0) throw new RangeError(this.nonFinite(time, kind));
    if (!(kind >= 0 && kind <= MAX_KIND && priority >= 0 && priority <= MAX_PRIORITY)) throw new RangeError(`kind ${kind} or priority ${priority} out of range`);
    if (this.n === this.times.length) this.grow();
    const id = this.seq++;
    if (id >= SEQ_SPAN) throw new RangeError('more than 2^37 events scheduled');
    const tie = (priority * SEQ_SPAN + id) * KIND_SPAN + kind;
    const slot = this.freeSlots[--this.freeCount];
    this.pool[slot] = target;
    this.siftUp(this.n++, time, tie, slot);
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
    return this.n > 0 ? Math.floor(this.ties[0] / (SEQ_SPAN * KIND_SPAN)) : Infinity;
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
      const tie = this.ties[0];
      this.kind = tie % KIND_SPAN;
      this.target = this.pool[this.slots[0]];
      this.id = idOf(tie);
      this.removeTop();
      if (this.cancelled === null || this.cancelled.size === 0 || !this.cancelled.delete(this.id)) return true;
    }
  }

  /** The message for an event refused at a non-finite instant. */
  private nonFinite(time: number, kind: number): string {
    const name = this.kindNames[kind];
    const source = name !== undefined ? `a "${name}" event (kind ${kind})` : `an event of kind ${kind}`;
    return `${source} was scheduled at ${time} s (the last event ran at ${this.time} s): the time it was computed from is not finite; a distribution or duration drew a value out of bounds`;
  }

  /** Every target still scheduled (cancelled included), in heap order. */
  pendingTargets(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.pool[this.slots[i]] as T);
    return out;
  }

  private skipCancelled(): void {
    const c = this.cancelled;
    if (c === null || c.size === 0) return;
    while (this.n > 0 && c.delete(idOf(this.ties[0]))) this.removeTop();
  }

  /**
   * Removes the root. Floyd's method: the hole left at the root walks down to a leaf along the
   * smaller child (one comparison a level, no test against the moved element), then the last
   * element sifts up from there. Fewer comparisons than a plain sift-down, since the last element
   * nearly always belongs near the bottom; the order of events is the same. Frees the root's slot.
   */
  private removeTop(): void {
    const times = this.times, ties = this.ties, slots = this.slots;
    const root = slots[0];
    this.pool[root] = undefined;
    this.freeSlots[this.freeCount++] = root;
    const last = --this.n;
    if (last === 0) return;
    const t = times[last], tie = ties[last], tg = slots[last];
    // hole down to a leaf
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ct = times[c], rt = times[r];
        // which child is earlier is a coin toss the branch predictor loses half the time: add the
        // comparison as a number instead (no branch); equal times are rare and take the branch
        c += +(rt < ct);
        if (rt === ct && ties[r] < ties[c]) c = r;
      }
      times[i] = times[c];
      ties[i] = ties[c];
      slots[i] = slots[c];
      i = c;
    }
    // the last element up from the hole
    this.siftUp(i, t, tie, tg);
  }

  /** Puts the event (time, tie, slot) at the hole `i`, moving it up past later parents. */
  private siftUp(i: number, time: number, tie: number, slot: number): void {
    const times = this.times, ties = this.ties, slots = this.slots;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p];
      if (pt < time || (pt === time && ties[p] < tie)) break;
      times[i] = pt;
      ties[i] = ties[p];
      slots[i] = slots[p];
      i = p;
    }
    times[i] = time;
    ties[i] = tie;
    slots[i] = slot;
  }

  private grow(): void {
    const old = this.times.length;
    const c = old * 2;
    const times = new Float64Array(c); times.set(this.times); this.times = times;
    const ties = new Float64Array(c); ties.set(this.ties); this.ties = ties;
    const slots = new Int32Array(c); slots.set(this.slots); this.slots = slots;
    // every slot is in use when the heap is full: the new ones are old…c−1
    const free = new Int32Array(c);
    for (let i = 0; i < c - old; i++) free[i] = c - 1 - i;
    this.freeSlots = free;
    this.freeCount = c - old;
    // Extend by pushing: setting `length` far past the end would turn the array into a slow
    // dictionary in V8, and every event would then pay a hash lookup.
    const pool = this.pool;
    while (pool.length < c) pool.push(undefined);
  }
}
