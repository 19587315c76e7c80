// The live centre's clock and timers, injected: `now()` is scenario seconds from the start of the
// run, and a timer set for a scenario instant fires after (instant − now) / timeScale wall seconds.
// The wall clock is the only place the backend reads real time; tests use the fake one. Imports
// nothing.

/** A timer handle (opaque). */
export type Timer = { readonly id: number };

/** What the live centre knows of time. */
export interface Scheduler {
  /** Scenario seconds since the start of the run. */
  now(): number;
  /** Runs `fn` at scenario instant `atSec` (at once, on the next turn, if it has passed). */
  at(atSec: number, fn: () => void): Timer;
  cancel(t: Timer | null): void;
}

/** Longest a single `setTimeout` may wait, milliseconds (Node's limit is 2³¹ − 1). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Real time × `timeScale`: scenario seconds are `(wall − startMs) / 1000 × timeScale`.
 * @example const clock = new WallClock(Date.now(), 60); // an hour of scenario time per minute
 */
export class WallClock implements Scheduler {
  private next = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();
  constructor(
    /** Wall instant of scenario second 0, epoch milliseconds. */
    readonly startMs: number,
    /** Scenario seconds per wall second (> 0). */
    readonly timeScale: number,
    private readonly wallMs: () => number = Date.now,
  ) {}

  now(): number {
    return ((this.wallMs() - this.startMs) / 1000) * this.timeScale;
  }

  at(atSec: number, fn: () => void): Timer {
    const id = this.next++;
    const arm = (): void => {
      const waitMs = Math.max(0, ((atSec - this.now()) / this.timeScale) * 1000);
      const h = setTimeout(() => {
        // a timer may fire a little early (Node rounds to the millisecond): never run before the instant
        if (this.now() < atSec) return arm();
        this.timers.delete(id);
        fn();
      }, Math.min(waitMs, MAX_TIMEOUT_MS));
      h.unref();
      this.timers.set(id, h);
    };
    arm();
    return { id };
  }

  cancel(t: Timer | null): void {
    if (t === null) return;
    const h = this.timers.get(t.id);
    if (h !== undefined) clearTimeout(h);
    this.timers.delete(t.id);
  }

  /** Cancels every timer (at shutdown). */
  cancelAll(): void {
    for (const h of this.timers.values()) clearTimeout(h);
    this.timers.clear();
  }
}

/**
 * A clock that moves only when told: `advance(toSec)` runs every timer due by then in
 * (instant, order set) order, each with `now()` at its instant. For tests.
 */
export class FakeClock implements Scheduler {
  private t = 0;
  private next = 1;
  private readonly pending = new Map<number, { atSec: number; fn: () => void }>();
  constructor(startSec = 0) {
    this.t = startSec;
  }
  now(): number {
    return this.t;
  }
  at(atSec: number, fn: () => void): Timer {
    const id = this.next++;
    this.pending.set(id, { atSec: Math.max(atSec, this.t), fn });
    return { id };
  }
  cancel(t: Timer | null): void {
    if (t !== null) this.pending.delete(t.id);
  }
  /** Number of timers set and not yet run or cancelled. */
  get size(): number {
    return this.pending.size;
  }
  /** Moves to `toSec`, running the timers due by then in order (those they set too). */
  advance(toSec: number): void {
    for (;;) {
      let best = -1;
      let bestAt = Infinity;
      for (const [id, p] of this.pending) if (p.atSec <= toSec && p.atSec < bestAt) { best = id; bestAt = p.atSec; }
      if (best < 0) break;
      const p = this.pending.get(best)!;
      this.pending.delete(best);
      this.t = p.atSec;
      p.fn();
    }
    this.t = Math.max(this.t, toSec);
  }
}
