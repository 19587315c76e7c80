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
  it('is silent when stderr is not a terminal or with --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const io = memoryIo();
      io.stderrIsTTY = tty;
      let t = 0;
      const p = progress(io, 'x', quiet, () => t);
      t = 5000; p.update(1, 2); p.finish();
      expect(io.err).toBe('');
    }
  });
});
