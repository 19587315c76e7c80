import { describe, expect, it } from 'vitest';
import { memoryIo } from './io.js';
import { progress } from './progress.js';

describe('progress', () => {
  it('shows done/total, elapsed and ETA on a terminal after a second', () => {
    const io = memoryIo();
    io.stderrIsTTY = true;
    let t = 0;
    const p = progress(io, 'replications', false, () => t);
    t = 500; p.update(1, 4);
    expect(io.err).toBe('');
    t = 2000; p.update(2, 4);
    expect(io.err).toMatch(/replications 2\/4 {2}elapsed 2\.0s {2}ETA 2\.0s/);
    p.finish();
    expect(io.err.endsWith('\r\x1b[2K')).toBe(true);
  });
  it('counts open-ended work without an ETA', () => {
    const io = memoryIo();
    io.stderrIsTTY = true;
    let t = 0;
    const p = progress(io, 'rosters simulated', false, () => t);
    t = 300; p.update(3, 0);
    expect(io.err).toBe('');
    t = 1500; p.update(7, 0);
    expect(io.err).toMatch(/rosters simulated 7 {2}elapsed 1\.5s {3}$/);
    expect(io.err).not.toMatch(/ETA/);
  });
  it('is silent with --quiet', () => {
    for (const tty of [false, true]) {
      const io = memoryIo();
      io.stderrIsTTY = tty;
      let t = 0;
      const p = progress(io, 'x', true, () => t);
      t = 50_000; p.update(1, 2); p.finish();
      expect(io.err).toBe('');
    }
  });
  it('writes a plain line every few seconds when stderr is not a terminal (issue 14)', () => {
    const io = memoryIo();
    let t = 0;
    const p = progress(io, 'replications', false, () => t);
    t = 1000; p.update(1, 10);
    t = 4000; p.update(2, 10);
    expect(io.err).toBe('');
    t = 5000; p.update(3, 10);
    t = 7000; p.update(4, 10);
    t = 10_500; p.update(5, 10);
    t = 16_000; p.update(10, 10); // done: no line, the result follows
    p.finish();
    expect(io.err).toBe('replications 3/10  elapsed 5.0s  ETA 11.7s\nreplications 5/10  elapsed 10.5s  ETA 10.5s\n');
  });
});
