import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const yaml = readFileSync(new URL('../../scenarios/examples/novice-vs-expert.yaml', import.meta.url), 'utf8');
const io = () => memoryIo({ 'nve.yaml': yaml });

/** Parses RFC 4180 CSV (enough for our output: quoted fields, CRLF). */
function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((line) => line.split(','));
}

describe('chatsim sweep', () => {
  it('runs the grid on the same seeds: more experts answer faster, and each point matches chatsim run', async () => {
    const m = io();
    const code = await main(['sweep', 'nve.yaml', '--set', 'agents.experts.count=1..3', '--set', 'agents.novices.maxConcurrent=2,5',
      '--metrics', 'frtMean,serviceLevel,occupancy', '--replications', '3', '--workers', '1', '--json', 's.json', '--csv', 's.csv'], m);
    expect(m.err).toMatch(/^chatsim sweep: simulating ~[\d,]+ visitors per replication × \d+ replications × 6 points \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect(code).toBe(0);
    const doc = JSON.parse(m.files.get('s.json')!);
    expect(doc).toMatchObject({ tool: 'chatsim', kind: 'sweep', replications: 3, metrics: ['frtMean', 'serviceLevel', 'occupancy'] });
    expect(doc.parameters).toEqual([{ path: 'agents.experts.count', values: [1, 2, 3] }, { path: 'agents.novices.maxConcurrent', values: [2, 5] }]);
    expect(doc.runs.map((r: { settings: object }) => r.settings)).toEqual([
      { 'agents.experts.count': 1, 'agents.novices.maxConcurrent': 2 }, { 'agents.experts.count': 1, 'agents.novices.maxConcurrent': 5 },
      { 'agents.experts.count': 2, 'agents.novices.maxConcurrent': 2 }, { 'agents.experts.count': 2, 'agents.novices.maxConcurrent': 5 },
      { 'agents.experts.count': 3, 'agents.novices.maxConcurrent': 2 }, { 'agents.experts.count': 3, 'agents.novices.maxConcurrent': 5 },
    ]);
    const frt = (i: number) => doc.runs[i].metrics.frtMean.mean as number;
    expect(frt(0)).toBeGreaterThan(frt(2));
    expect(frt(2)).toBeGreaterThan(frt(4));
    // the point with the scenario's own values equals a plain run (same seeds, same visitors)
    const r = io();
    const patched = yaml.replace(/(experts:[\s\S]*?count:\s*)\d+/, '$13');
    r.files.set('nve3.yaml', patched);
    expect(await main(['run', 'nve3.yaml', '--replications', '3', '--workers', '1', '--json', 'r.json'], r)).toBe(0);
    const run = JSON.parse(r.files.get('r.json')!);
    const same = doc.runs.find((p: { settings: Record<string, number> }) => p.settings['agents.experts.count'] === 3 && p.settings['agents.novices.maxConcurrent'] === 5);
    expect(same.metrics.frtMean).toEqual(run.metrics.frtMean);

    const csv = parseCsv(m.files.get('s.csv')!);
    expect(csv[0]).toEqual(['agents.experts.count', 'agents.novices.maxConcurrent', 'frtMean', 'frtMeanLo', 'frtMeanHi', 'serviceLevel', 'serviceLevelLo', 'serviceLevelHi', 'occupancy', 'occupancyLo', 'occupancyHi']);
    expect(csv).toHaveLength(7);
    expect(Number(csv[1][2])).toBeCloseTo(frt(0), 9);
    expect(m.out).toMatch(/agents\.experts\.count\s+agents\.novices\.maxConcurrent\s+frtMean/);
  });

  it('is byte-identical for any number of workers', async () => {
    const args = ['sweep', 'nve.yaml', '--set', 'policy=least-loaded,round-robin', '--replications', '4', '--json', 'x.json'];
    const a = io();
    const b = io();
    expect(await main([...args, '--workers', '1'], a)).toBe(0);
    expect(await main([...args, '--workers', '2'], b)).toBe(0);
    expect(a.files.get('x.json')).toBe(b.files.get('x.json'));
  });

  it('rejects bad input with exit 2 and a clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['sweep', 'nve.yaml'], /at least one --set/],
      [['sweep', 'nve.yaml', '--set', 'agents.experts.count'], /not PATH=VALUES/],
      [['sweep', 'nve.yaml', '--set', 'agents.exprts.count=1,2'], /did you mean "agents\.experts\.count"/],
      [['sweep', 'nve.yaml', '--set', 'agents.experts.count=1', '--set', 'agents.experts.count=2'], /given twice/],
      [['sweep', 'nve.yaml', '--set', 'agents.experts.maxConcurrent=0,2'], /with agents\.experts\.maxConcurrent=0 the scenario is invalid:\n\s+agents\.experts\.maxConcurrent/],
      [['sweep', 'nve.yaml', '--set', 'policy=least-loded'], /with policy=least-loded the scenario is invalid[\s\S]*did you mean "least-loaded"/],
      [['sweep', 'nve.yaml', '--set', 'agents.experts.count=1', '--metrics', 'frtMaen'], /unknown metric "frtMaen" — did you mean "frtMean"/],
      [['sweep', 'missing.yaml', '--set', 'a=1'], /missing\.yaml:1:1 .*no such file/],
    ];
    for (const [args, re] of cases) {
      const m = io();
      expect(await main(args, m), args.join(' ')).toBe(2);
      expect(m.err, args.join(' ')).toMatch(re);
      expect(m.err).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('does not overwrite a CSV the user wrote unless --force', async () => {
    const m = io();
    m.files.set('mine.csv', 'precious');
    expect(await main(['sweep', 'nve.yaml', '--set', 'agents.experts.count=1', '--replications', '2', '--csv', 'mine.csv'], m)).toBe(2);
    expect(m.files.get('mine.csv')).toBe('precious');
    expect(m.err).toMatch(/not overwriting/);
    expect(await main(['sweep', 'nve.yaml', '--set', 'agents.experts.count=1', '--replications', '2', '--csv', 'mine.csv', '--force'], m)).toBe(0);
    expect(m.files.get('mine.csv')).toMatch(/^agents\.experts\.count,/);
  });
});
