import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const example = (name: string) => readFileSync(new URL(`../../scenarios/examples/${name}`, import.meta.url), 'utf8');

function io() {
  return memoryIo({ 'webshop-day.yaml': example('webshop-day.yaml'), 'notes.json': '{"mine": true}\n' });
}

describe('chatsim run', () => {
  it('prints a metric table with 95% confidence intervals', async () => {
    const m = io();
    const code = await main(['run', 'webshop-day.yaml', '--replications', '3', '--seed', '11'], m);
    // stderr holds only the estimate, printed before the run
    expect(m.err).toMatch(/^chatsim run: simulating ~[\d,]+ visitors per replication × 3 replications \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect(code).toBe(0);
    expect(m.out).toMatch(/3 replications \(seed 11\)/);
    for (const name of ['offered', 'frtMean', 'frtP90', 'serviceLevel', 'abandonRate', 'occupancy']) expect(m.out).toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(m.out).toMatch(/\[.*, .*\]/);
  });

  it('prints the intervals of the day with arrivals on request (--intervals), the busiest marked', async () => {
    const plain = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2', '--quiet'], plain)).toBe(0);
    expect(plain.out).not.toMatch(/by interval of the day/);
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2', '--quiet', '--intervals'], m)).toBe(0);
    expect(m.out).toMatch(/by interval of the day \(30m00s; arrivals per day, all replications pooled\):\ninterval\s+arrivalsPerDay\s+serviceLevel\s+frtP90/);
    const rows = m.out.split('\n').filter((l) => /^\d\d:\d\d–\d\d:\d\d\s/.test(l));
    expect(rows[0]).toMatch(/^08:00–08:30\s/); // webshop-day opens at 08:00: no rows before
    expect(rows.at(-1)).toMatch(/^23:30–24:00\s/);
    expect(rows.filter((l) => l.endsWith('← highest frtP90'))).toHaveLength(1);
  });

  it('adds a table per skill group, and per priority class when the scenario has classes', async () => {
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2'], m)).toBe(0);
    expect(m.out).toMatch(/by skill group \(all replications pooled\):\ngroup\s+offered\s+serviceLevel\s+frtMean/);
    expect(m.out).toMatch(/^presales\s+\d+\s+[\d.]+ %/m);
    expect(m.out).toMatch(/^aftersales\s+\d+\s+[\d.]+ %/m);
    expect(m.out).not.toMatch(/by priority class/);
    const c = memoryIo({ 'so.yaml': example('skills-overflow.yaml') });
    expect(await main(['run', 'so.yaml', '--replications', '2', '--json', 'so.json'], c)).toBe(0);
    expect(c.out).toMatch(/by priority class/);
    const doc = JSON.parse(c.files.get('so.json')!);
    for (const id of Object.keys(doc.classes)) {
      const offered = Math.round(doc.classes[id].offered);
      expect(c.out).toMatch(new RegExp(`^${id}\\s+${offered}\\s`, 'm'));
    }
  });

  it('leaves out the rows of mechanisms the scenario does not use, and says which (JSON keeps them)', async () => {
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2', '--json', 'w.json'], m)).toBe(0);
    for (const name of ['transferRate', 'leftMessageRate', 'deflectedRate', 'stickyRate', 'silentCloseRate']) {
      expect(m.out).not.toMatch(new RegExp(`^${name}\\s`, 'm'));
      expect(JSON.parse(m.files.get('w.json')!).metrics).toHaveProperty(name);
    }
    expect(m.out).toMatch(/^not shown \(mechanisms this scenario does not use; always in --json\): transferRate, leftMessageRate, deflectedRate, stickyRate, silentCloseRate$/m);
    // a scenario with auto-transfer shows its transfer rate and leaves out only the others
    const l = memoryIo({ 'lurker.yaml': example('lurker.yaml') });
    expect(await main(['run', 'lurker.yaml', '--replications', '2'], l)).toBe(0);
    expect(l.out).toMatch(/^transferRate\s+[\d.]+ %/m);
    expect(l.out).toMatch(/^not shown .*: leftMessageRate, deflectedRate, stickyRate, silentCloseRate$/m);
    // with every mechanism of the marketplace week, only the ones it lacks go
    const w = memoryIo({ 'mw.yaml': example('marketplace-week.yaml') });
    expect(await main(['run', 'mw.yaml', '--replications', '1'], w)).toBe(0);
    for (const name of ['leftMessageRate', 'deflectedRate', 'silentCloseRate']) expect(w.out).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('writes byte-identical JSON for the same scenario and seed', async () => {
    const a = io();
    const b = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2', '--json', 'out.json'], a)).toBe(0);
    expect(await main(['run', 'webshop-day.yaml', '--replications', '2', '--json', 'out.json'], b)).toBe(0);
    const ja = a.files.get('out.json')!;
    expect(ja).toBe(b.files.get('out.json'));
    const doc = JSON.parse(ja);
    expect(doc).toMatchObject({ tool: 'chatsim', kind: 'run', scenario: { name: 'webshop-day', file: 'webshop-day.yaml' }, replications: 2, slTimeSec: 20 });
    expect(Object.keys(doc.metrics)).toContain('frtMean');
    expect(doc.metrics.frtMean.ci95).toHaveLength(2);
    expect(doc.intervals.length).toBe(48);
    expect(Object.keys(doc.groups).length).toBeGreaterThanOrEqual(2);
    expect(doc.agents.length).toBeGreaterThan(0);
    // a different seed gives a different result
    const c = io();
    await main(['run', 'webshop-day.yaml', '--replications', '2', '--seed', '99', '--json', 'out.json'], c);
    expect(c.files.get('out.json')).not.toBe(ja);
  });

  it('never overwrites a file that is not a chatsim result', async () => {
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '1', '--json', 'notes.json'], m)).toBe(2);
    expect(m.files.get('notes.json')).toBe('{"mine": true}\n');
    expect(m.err).toMatch(/not a chatsim result.*--force/);
    expect(await main(['run', 'webshop-day.yaml', '--replications', '1', '--json', 'notes.json', '--force'], m)).toBe(0);
    // a previous result is replaced without asking
    expect(await main(['run', 'webshop-day.yaml', '--replications', '1', '--json', 'notes.json'], m)).toBe(0);
  });

  it('rejects bad options and scenarios with exit 2 and no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', 'webshop-day.yaml', '--policy', 'least-load'], /unknown policy "least-load" — did you mean "least-loaded"\?/],
      [['run', 'webshop-day.yaml', '--replications', '0'], /--replications must be a whole number from 1 to 1,000 \(got "0"\)/],
      [['run', 'webshop-day.yaml', '--warmup', 'soon'], /--warmup "soon" is not a duration/],
      [['run', 'webshop-day.yaml', '--warmup', '3d'], /not shorter than the horizon/],
      [['run', 'missing.yaml'], /missing\.yaml/],
      [['run'], /^chatsim run: give a scenario file or --trace FILE \(one of them\)\n$/],
    ];
    for (const [argv, re] of cases) {
      const m = io();
      expect(await main(argv, m), argv.join(' ')).toBe(2);
      expect(m.err).toMatch(re);
      expect(m.err).not.toMatch(/\n\s+at /);
    }
  });

  it('overrides the policy and warm-up', async () => {
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--replications', '1', '--policy', 'round-robin', '--warmup', '2h', '--json', 'r.json'], m)).toBe(0);
    const doc = JSON.parse(m.files.get('r.json')!);
    expect(doc.policy).toBe('round-robin');
    expect(doc.warmupSec).toBe(7200);
  });
});

describe('chatsim run --workers', () => {
  it('writes byte-identical JSON whatever the number of worker threads', async () => {
    const outs: string[] = [];
    for (const w of ['1', '2', '3']) {
      const m = io();
      expect(await main(['run', 'webshop-day.yaml', '--replications', '4', '--workers', w, '--json', 'w.json'], m)).toBe(0);
      outs.push(m.files.get('w.json')!);
    }
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  });
  it('rejects a bad worker count', async () => {
    const m = io();
    expect(await main(['run', 'webshop-day.yaml', '--workers', '0'], m)).toBe(2);
    expect(m.err).toMatch(/--workers must be a whole number from 1 to 256/);
  });
});
