import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import { stream } from './random.js';

function drain<T>(q: EventQueue<T>): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  while (q.pop()) out.push([q.time, q.target as T]);
  return out;
}

describe('EventQueue', () => {
  it('pops in time order', () => {
    const q = new EventQueue<string>(4);
    q.schedule(3, 0, 0, 'c');
    q.schedule(1, 0, 0, 'a');
    q.schedule(2, 0, 0, 'b');
    expect(drain(q)).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });

  it('runs equal times by priority, then first-in first-out', () => {
    const q = new EventQueue<string>();
    q.schedule(5, 2, 0, 'low-1');
    q.schedule(5, 0, 0, 'high-1');
    q.schedule(5, 2, 0, 'low-2');
    q.schedule(5, 0, 0, 'high-2');
    q.schedule(4, 9, 0, 'earlier');
    expect(drain(q).map((e) => e[1])).toEqual(['earlier', 'high-1', 'high-2', 'low-1', 'low-2']);
  });

  it('keeps FIFO order among thousands of equal keys whatever the heap shape', () => {
    const q = new EventQueue<number>(16);
    const rng = stream('t', 'fifo');
    const expected: Array<[number, number]> = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng() * 20);
      q.schedule(t, 0, 0, i);
      expected.push([t, i]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(drain(q)).toEqual(expected);
  });

  it('matches a sorted reference under interleaved schedule and pop', () => {
    const q = new EventQueue<number>(16);
    const ref: Array<[number, number, number]> = [];
    const rng = stream('t', 'interleave');
    let seq = 0;
    const got: number[] = [];
    const want: number[] = [];
    for (let step = 0; step < 20000; step++) {
      if (rng() < 0.55 || ref.length === 0) {
        const t = Math.round(rng() * 1000) / 10;
        const p = Math.floor(rng() * 3);
        q.schedule(t, p, p, seq);
        ref.push([t, p, seq]);
        seq++;
      } else {
        ref.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
        want.push(ref.shift()![2]);
        q.pop();
        got.push(q.target!);
      }
    }
    expect(got).toEqual(want);
  });

  it('skips cancelled events lazily', () => {
    const q = new EventQueue<string>();
    q.schedule(1, 0, 0, 'a');
    const b = q.schedule(2, 0, 0, 'b');
    q.schedule(3, 0, 0, 'c');
    const first = q.schedule(0.5, 0, 0, 'first');
    q.cancel(b);
    q.cancel(first);
    expect(q.peekTime()).toBe(1);
    expect(drain(q).map((e) => e[1])).toEqual(['a', 'c']);
    expect(q.pop()).toBe(false);
  });

  it('hands back the right targets through growth, cancellations and reuse of their slots', () => {
    const q = new EventQueue<string>(16);
    const rng = stream('t', 'slots');
    const live = new Map<number, string>(); // id → target, scheduled and not yet popped
    const cancelled = new Set<number>();
    for (let step = 0; step < 5000; step++) {
      const u = rng();
      if (u < 0.5 || live.size === 0) {
        const target = `e${step}`;
        live.set(q.schedule(Math.floor(rng() * 50), 0, 0, target), target);
      } else if (u < 0.6) {
        const ids = [...live.keys()].filter((id) => !cancelled.has(id));
        if (ids.length > 0) {
          const id = ids[Math.floor(rng() * ids.length)];
          q.cancel(id);
          cancelled.add(id);
        }
      } else if (q.pop()) {
        expect(cancelled.has(q.id)).toBe(false);
        expect(q.target).toBe(live.get(q.id));
        live.delete(q.id);
      }
      if (step % 250 === 0) {
        // every live event is pending; a cancelled one may still be (skipped only when on top)
        const pending = new Set(q.pendingTargets());
        const targets = new Set(live.values());
        for (const [id, t] of live) if (!cancelled.has(id)) expect(pending.has(t)).toBe(true);
        for (const t of pending) expect(targets.has(t)).toBe(true);
        expect(pending.size).toBe(q.size);
      }
    }
  });

  it('reports kind and id of the popped event', () => {
    const q = new EventQueue<null>();
    const id = q.schedule(7, 1, 42, null);
    expect(q.pop()).toBe(true);
    expect([q.time, q.kind, q.id]).toEqual([7, 42, id]);
  });

  it('rejects NaN times', () => {
    const q = new EventQueue<null>();
    expect(() => q.schedule(NaN, 0, 0, null)).toThrow(/NaN/);
  });

  it('rejects infinite times, naming the kind of event (issue 14)', () => {
    const q = new EventQueue<null>(16, ['arrival', 'reply']);
    q.schedule(5, 0, 0, null);
    q.pop();
    expect(() => q.schedule(Infinity, 0, 1, null)).toThrow(
      'a "reply" event (kind 1) was scheduled at Infinity s (the last event ran at 5 s): the time it was computed from is not finite; a distribution or duration drew a value out of bounds',
    );
    expect(() => q.schedule(-Infinity, 0, 7, null)).toThrow(/^an event of kind 7 was scheduled at -Infinity s/);
    expect(q.size).toBe(0);
  });
});
