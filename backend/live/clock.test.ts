import { describe, expect, it } from 'vitest';
import { FakeClock, WallClock } from './clock.js';

describe('clocks', () => {
  it('the wall clock counts scenario seconds from its start, time-scale times faster', () => {
    let wall = 1_000_000;
    const clock = new WallClock(1_000_000, 60, () => wall);
    expect(clock.now()).toBe(0);
    wall += 1500;
    expect(clock.now()).toBe(90);
  });

  it('a wall-clock timer fires after (instant − now) / timeScale wall seconds', async () => {
    const clock = new WallClock(Date.now(), 1000);
    const t0 = Date.now();
    const firedAt = await new Promise<number>((resolve) => clock.at(clock.now() + 50, () => resolve(Date.now())));
    expect(firedAt - t0).toBeGreaterThanOrEqual(45);
    expect(firedAt - t0).toBeLessThan(1000);
    let fired = false;
    clock.cancel(clock.at(clock.now() + 10, () => { fired = true; }));
    await new Promise((r) => setTimeout(r, 40));
    expect(fired).toBe(false);
  });

  it('the fake clock runs due timers in instant order, those they set included', () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    clock.at(20, () => seen.push(`b@${clock.now()}`));
    clock.at(10, () => { seen.push(`a@${clock.now()}`); clock.at(15, () => seen.push(`c@${clock.now()}`)); });
    clock.at(10, () => seen.push(`a2@${clock.now()}`));
    clock.advance(19);
    expect(seen).toEqual(['a@10', 'a2@10', 'c@15']);
    expect(clock.now()).toBe(19);
    clock.advance(30);
    expect(seen.at(-1)).toBe('b@20');
  });
});
