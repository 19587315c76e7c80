// The command line's own messages (cli/messages.ts), pinned: the shared parsers of counts,
// durations and rates, an option taken as another's value, the run budget and its estimate, output
// files checked before any work, staffing targets that need fewer agents, and unmet staffing (issue 14).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryIo, nodeIo } from './io.js';
import { reportCommand } from './commands/report.js';
import { validateCommand } from './commands/validate.js';
import { main } from './main.js';
import { parseCount, parseDurationOption, parseRateOption } from './options.js';

const WEBSHOP = readFileSync(new URL('../scenarios/examples/webshop-day.yaml', import.meta.url), 'utf8');
const STAFF = readFileSync(new URL('../sim/experiments/__fixtures__/staff-small.yaml', import.meta.url), 'utf8');

async function cli(args: string[], files: Record<string, string> = { 'w.yaml': WEBSHOP }) {
  const io = memoryIo(files);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err, files: io.files };
}

describe('one parser for counts', () => {
  it('takes digits only, within bounds', () => {
    expect(parseCount('--replications', ' 20 ', { min: 1, max: 1000 })).toEqual({ ok: true, value: 20 });
    for (const text of ['0x10', '1e9', '2.5', '+3', '-1', '', 'ten', '1_000', '9007199254740993']) {
      expect(parseCount('--replications', text, { min: 1, max: 1000 })).toEqual({ ok: false, error: `--replications must be a whole number from 1 to 1,000 (got "${text}")` });
    }
    expect(parseCount('--agents', '0', { min: 1 })).toEqual({ ok: false, error: '--agents must be a whole number ≥ 1 (got "0")' });
  });
  it('is the one every command uses', async () => {
    for (const args of [
      ['run', 'w.yaml', '--replications', '0x10'],
      ['compare', 'w.yaml', '--policies', 'least-loaded,round-robin', '--replications', '1e9'],
      ['sweep', 'w.yaml', '--set', 'agents.senior.count=2,3', '--replications', '1e9'],
      ['check', 'w.yaml', '--replications', '1e9'],
      ['staff', 'w.yaml', '--target', 'serviceLevel >= 80%', '--replications', '1e9'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(new RegExp(`^chatsim ${args[0]}: --replications must be a whole number from 1 to 1,000 \\(got "(0x10|1e9)"\\)\\n$`));
    }
  });
});

describe('one parser for durations and rates', () => {
  it('words durations', () => {
    expect(parseDurationOption('--warmup', 'soon', { example: '30m or 2h' })).toEqual({ ok: false, error: '--warmup "soon" is not a duration (try 30m or 2h)' });
    expect(parseDurationOption('--aht', '0s', { example: '4m', positive: true })).toEqual({ ok: false, error: '--aht must be more than 0 (got "0s")' });
    expect(parseDurationOption('--warmup', '400d', { example: '2h', maxSec: 366 * 86400 })).toEqual({ ok: false, error: '--warmup must be at most 366d (got "400d")' });
  });
  it('refuses a bare number as a rate, with the unit to add', async () => {
    expect(parseRateOption('--rate', '240')).toEqual({ ok: false, error: '--rate needs its unit: write 240/h for 240 an hour (or /min, /s); a bare number would be per second (got "240")' });
    expect(parseRateOption('--rate', '240/h')).toEqual({ ok: true, value: 240 / 3600 });
    const r = await cli(['erlang', 'c', '--rate', '240', '--aht', '4m', '--agents', '20']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('chatsim erlang: --rate needs its unit: write 240/h for 240 an hour (or /min, /s); a bare number would be per second (got "240")\n');
  });
});

describe('an option taken as the value of another', () => {
  it('is refused: --seed --quiet would seed with "--quiet"', async () => {
    const r = await cli(['run', 'w.yaml', '--seed', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('chatsim run: --seed needs a value, but the next word is the option --quiet; write --seed VALUE (or --seed=VALUE)\n');
    const t = await cli(['run', 'w.yaml', '--json', '--force']);
    expect(t.err).toBe('chatsim run: --json needs a value, but the next word is the option --force; write --json VALUE (or --json=VALUE)\n');
  });
});

describe('the run budget', () => {
  const busy = WEBSHOP.replace(/rate: (\d+)\/h/g, 'rate: 90000/h');
  it('refuses a run beyond it before it starts, naming the option that raises it', async () => {
    const r = await cli(['run', 'b.yaml', '--replications', '1000', '--workers', '1'], { 'b.yaml': busy });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^chatsim run: this would simulate ~[\d,]+ visitors, more than the budget of 20,000,000; lower the rates, days or replications, or raise the budget with --max-visitors N if the machine can take it\n$/);
    const events = await cli(['run', 'r.yaml', '--max-visitors', '5000', '--replications', '1'], { 'r.yaml': WEBSHOP.replace(/rounds: .*/g, 'rounds: 1000') });
    expect(events.err).toMatch(/^chatsim run: this would simulate ~[\d,]+ events, more than the budget of 250,000 \(50 per visitor of --max-visitors 5,000\); lower the rates, rounds, days or replications/);
  });
  it('prints the estimate before the run, and --max-visitors is a count', async () => {
    const r = await cli(['run', 'w.yaml', '--replications', '2', '--workers', '1', '--max-visitors', '100000']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^chatsim run: simulating ~2,100 visitors per replication × 2 replications \(~[\d,]+ events, ~\d+ MB per worker\)\n$/);
    expect((await cli(['run', 'w.yaml', '--max-visitors', '1e6'])).err).toBe('chatsim run: --max-visitors must be a whole number from 1 to 1,000,000,000,000 (got "1e6")\n');
  });
});

describe('output files', () => {
  it('are checked before any work starts', async () => {
    for (const [args, file] of [
      [['run', 'w.yaml', '--json', 'mine.json'], 'mine.json'],
      [['compare', 'w.yaml', '--policies', 'least-loaded,round-robin', '--json', 'mine.json'], 'mine.json'],
      [['check', 'w.yaml', '--junit', 'mine.xml'], 'mine.xml'],
      [['sweep', 'w.yaml', '--set', 'agents.senior.count=2,3', '--csv', 'mine.csv'], 'mine.csv'],
    ] as const) {
      const r = await cli([...args], { 'w.yaml': WEBSHOP, [file]: 'my own notes\n' });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe(''); // no table: nothing was simulated
      expect(r.err).toBe(`chatsim ${args[0]}: ${file} exists and is not a chatsim result; not overwriting it (use --force to replace it)\n`);
      expect(r.files.get(file)).toBe('my own notes\n');
    }
  });
  it('are told apart by their first bytes only', async () => {
    const big = `{\n  "tool": "chatsim",\n  "kind": "run",\n  "pad": "${'x'.repeat(200_000)}"\n}\n`;
    const r = await cli(['run', 'w.yaml', '--replications', '1', '--json', 'old.json', '--quiet'], { 'w.yaml': WEBSHOP, 'old.json': big });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.files.get('old.json')!).tool).toBe('chatsim');
  });
});

describe('files too large to read', () => {
  it('are refused after reading no more than the bound (validate /dev/zero, report /dev/zero)', async () => {
    const io = { ...nodeIo(), out: '', err: '' } as ReturnType<typeof nodeIo> & { err: string };
    io.stderr = (t: string) => { io.err += t; };
    expect(await validateCommand({ file: '/dev/zero' }, io)).toBe(2);
    expect(io.err).toBe('/dev/zero:1:1  (file)  cannot read the scenario file: it is larger than 1 MB, the most a scenario may be (is this the right file?)\n/dev/zero: invalid — 1 issue\n');
    io.err = '';
    expect(await reportCommand({ files: ['/dev/zero'], out: 'never-written.html' }, io)).toBe(2);
    expect(io.err).toBe('chatsim report: /dev/zero is larger than 64 MB, the most chatsim reads of such a file (is it the right file?)\n');
  });
});

describe('chatsim staff', () => {
  it('refuses a scenario interval shorter than 15 minutes unless --interval is given', async () => {
    const r = await cli(['staff', 's.yaml', '--target', 'serviceLevel >= 80%'], { 's.yaml': STAFF.replace('interval: 30m', 'interval: 5m') });
    expect(r.code).toBe(2);
    expect(r.err).toBe('chatsim staff: the staffing interval must be at least 15m (each interval is searched apart; got 5m); give --interval 15m, 30m or 1h\n');
  });
  it('refuses a target that only fewer agents can meet', async () => {
    const r = await cli(['staff', 's.yaml', '--target', 'occupancy >= 90%'], { 's.yaml': STAFF });
    expect(r.code).toBe(2);
    expect(r.err).toBe('chatsim staff: --target "occupancy >= 90%" is met by fewer agents, not more, but staff searches for the fewest agents meeting every target; check such a limit on a roster with chatsim check, or state it the other way round (e.g. "occupancy <= 90%")\n');
  });
  it('refuses intervals shorter than 15 minutes', async () => {
    const r = await cli(['staff', 's.yaml', '--target', 'serviceLevel >= 80%', '--interval', '1m'], { 's.yaml': STAFF });
    expect(r.err).toBe('chatsim staff: --interval "1m" must be a duration that divides a day, at least 15m (each interval is searched apart), e.g. 15m, 30m or 1h\n');
  });
  it('exits 1 when an interval stays unreachable', async () => {
    const r = await cli(['staff', 's.yaml', '--target', 'frtP90 <= 1s', '--max-agents', '3', '--replications', '2', '--quiet'], { 's.yaml': STAFF });
    expect(r.out).toMatch(/UNREACHABLE/);
    expect(r.err).toMatch(/^chatsim staff: \d+ interval\(s\) miss a target even with the most agents tried \(UNREACHABLE above\), so the targets are not met\n$/);
    expect(r.code).toBe(1);
  });
});
