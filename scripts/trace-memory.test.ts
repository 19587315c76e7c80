// A trace is streamed both ways: 100,000 visitors written, read back and simulated in a child
// process (the built code) with the live heap barely growing. The 1,000,000-visitor run of the same
// script is `npm run bench -- --case trace` (about 16 s: too slow for every test run).

import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

describe('trace memory', () => {
  it('writes, reads and simulates a 100,000-visitor trace in bounded memory', () => {
    const script = fileURLToPath(new URL('./trace-memory.mjs', import.meta.url));
    const r = spawnSync(process.execPath, ['--expose-gc', script, '100000'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const m = JSON.parse(r.stdout);
    expect(m.visitors).toBeGreaterThan(99_000);
    expect(m.read).toBe(m.visitors);
    expect(m.offered).toBe(m.visitors);
    expect(m.traceMb).toBeGreaterThan(10);
    // measured: 0.7, 0.3 and 1.0 MB (and under 1 MB each at 1,000,000 visitors: not growing with the trace)
    for (const phase of ['write', 'read', 'run']) expect(m[`${phase}HeapGrowthMb`], phase).toBeLessThan(8);
  }, 60_000);
});
