// A mailbox of transport events for the behaviour: events wait in arrival order until a task takes
// the first one it wants, with an optional wall deadline (the visitor's patience) and a stop
// signal. Pure; imports only its own ports.

import type { Clock } from './ports.js';

/**
 * Tells every waiting task the replay is stopping (Ctrl-C, the end of the window).
 * @example const stop = new StopSignal(); process.once('SIGINT', () => stop.stop()); await replayTrace({ ...options, stop });
 */
export class StopSignal {
  private stoppedFlag = false;
  private readonly waiters: Array<() => void> = [];
  /** Whether {@link stop} was called. */
  get stopped(): boolean {
    return this.stoppedFlag;
  }
  stop(): void {
    if (this.stoppedFlag) return;
    this.stoppedFlag = true;
    for (const w of this.waiters.splice(0)) w();
  }
  /** Resolves when stopped (at once if already). */
  wait(): Promise<void> {
    return this.stoppedFlag ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}

/** Sleeps until wall instant `atMs` or the stop, whichever first; true when the instant came. */
export async function sleepUntilOrStop(clock: Clock, atMs: number, stop: StopSignal): Promise<boolean> {
  if (stop.stopped) return false;
  await Promise.race([clock.sleepUntil(atMs), stop.wait()]);
  return !stop.stopped;
}

/** Events of one visitor or one conversation, taken by predicate. */
export class Mailbox<E> {
  private readonly items: E[] = [];
  private waiter: { pred: (e: E) => boolean; resolve: (e: E | undefined) => void } | null = null;

  constructor(private readonly clock: Clock, private readonly stop: StopSignal) {}

  /** Delivers an event (from the transport's handler). */
  push(e: E): void {
    const w = this.waiter;
    if (w !== null && w.pred(e)) {
      this.waiter = null;
      w.resolve(e);
      return;
    }
    this.items.push(e);
  }

  /** A buffered event matching `pred`, taken out, or undefined. */
  poll(pred: (e: E) => boolean): E | undefined {
    const i = this.items.findIndex(pred);
    return i < 0 ? undefined : this.items.splice(i, 1)[0];
  }

  /**
   * The first event matching `pred`, waiting until wall instant `untilMs` (default: no deadline);
   * undefined at the deadline or the stop. One taker at a time.
   */
  async take(pred: (e: E) => boolean, untilMs = Infinity): Promise<E | undefined> {
    const had = this.poll(pred);
    if (had !== undefined) return had;
    if (this.stop.stopped) return undefined;
    return new Promise<E | undefined>((resolve) => {
      let done = false;
      const finish = (e: E | undefined) => {
        if (done) return;
        done = true;
        if (this.waiter?.resolve === finish) this.waiter = null;
        resolve(e);
      };
      this.waiter = { pred, resolve: finish };
      void this.stop.wait().then(() => finish(undefined));
      if (untilMs !== Infinity) void this.clock.sleepUntil(untilMs).then(() => finish(undefined));
    });
  }
}

/** A signal that stops when either of `a` and `b` does. */
export function mergeSignals(a: StopSignal, b: StopSignal): StopSignal {
  const s = new StopSignal();
  void a.wait().then(() => s.stop());
  void b.wait().then(() => s.stop());
  if (a.stopped || b.stopped) s.stop();
  return s;
}
