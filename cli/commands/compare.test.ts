import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const yaml = readFileSync(new URL('../../scenarios/examples/novice-vs-expert.yaml', import.meta.url), 'utf8');
const io = () => memoryIo({ 'nve.yaml': yaml });

describe('chatsim compare', () => {
  it('finds the better policy: experienced-first answers faster when experts are much faster', async () => {
    const m = io();
    const code = await main(['compare', 'nve.yaml', '--policies', 'round-robin,experienced-first', '--replications', '5', '--workers', '1', '--json', 'c.json'], m);
    expect(m.err).toMatch(/^chatsim compare: simulating ~[\d,]+ visitors per replication × 5 replications × 2 policies \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect(code).toBe(0);
    const doc = JSON.parse(m.files.get('c.json')!);
    expect(doc).toMatchObject({ tool: 'chatsim', kind: 'compare', baseline: 'round-robin', replications: 5 });
    const ef = doc.policies[1];
    expect(ef.policy).toBe('experienced-first');
    expect(doc.policies[0].differences).toBeNull();
    expect(ef.differences.frtMean.significant).toBe(true);
    expect(ef.differences.frtMean.mean).toBeLessThan(0);
    expect(ef.differences.frtMean.ci95[1]).toBeLessThan(0);
    expect(ef.differences.serviceLevel.mean).toBeGreaterThan(0);
    expect(m.out).toMatch(/frtMean\s+round-robin/);
    expect(m.out).toMatch(/significant/);
  });

  it('reports no significant difference between two identical policies (an A/A test)', async () => {
    const m = io();
    expect(await main(['compare', 'nve.yaml', '--policies', 'least-loaded,least-loaded', '--replications', '3', '--metrics', 'all', '--json', 'aa.json'], m)).toBe(0);
    const doc = JSON.parse(m.files.get('aa.json')!);
    for (const [name, d] of Object.entries(doc.policies[1].differences) as Array<[string, { mean: number | null; significant: boolean }]>) {
      expect(d.significant, name).toBe(false);
      if (d.mean !== null) expect(d.mean, name).toBe(0);
    }
  });

  it('rejects bad input with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['compare', 'nve.yaml', '--policies', 'least-loaded'], /at least two policies/],
      [['compare', 'nve.yaml', '--policies', 'least-loaded,round-robbin'], /did you mean "round-robin"/],
      [['compare', 'nve.yaml', '--policies', 'least-loaded,round-robin', '--metrics', 'frtMaen'], /unknown metric "frtMaen" — did you mean "frtMean"/],
      [['compare', 'nope.yaml', '--policies', 'least-loaded,round-robin'], /nope\.yaml/],
      [['compare', 'nve.yaml'], /--policies/],
    ];
    for (const [argv, re] of cases) {
      const m = io();
      expect(await main(argv, m), argv.join(' ')).toBe(2);
      expect(m.err).toMatch(re);
    }
  });
});
