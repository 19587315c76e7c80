// `chatsim trace` and `chatsim run --trace`: for every example, the run of its trace and the run of
// the scenario (same seed, replication 1, one replication) give the same JSON byte for byte (but
// for `scenario.file`, which names the file each was read from) and the same table.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';

const dir = new URL('../../scenarios/examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const io = () => memoryIo(Object.fromEntries(examples.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')])));
/** A run document without its `scenario.file` line. */
const withoutFile = (json: string) => json.replace(/\n {4}"file": "[^"]*"\n/, '\n');

describe('chatsim trace, chatsim run --trace', () => {
  for (const f of examples) {
    it(`${f}: run --trace of its trace is run --replications 1, byte for byte`, async () => {
      const m = io();
      expect(await main(['trace', f, '--seed', '5', '--out', 't.jsonl', '--quiet'], m)).toBe(0);
      expect(m.out).toMatch(/^wrote t\.jsonl: [\d,]+ visitors of .*, seed 5, replication 1\n$/);
      m.out = '';
      expect(await main(['run', '--trace', 't.jsonl', '--json', 'a.json', '--quiet'], m)).toBe(0);
      const fromTrace = m.out;
      m.out = '';
      expect(await main(['run', f, '--seed', '5', '--replications', '1', '--json', 'b.json', '--quiet'], m)).toBe(0);
      expect(fromTrace).toBe(m.out.replace('wrote b.json', 'wrote a.json'));
      const a = m.files.get('a.json')!;
      expect(a).toContain('"file": "t.jsonl"');
      expect(withoutFile(a)).toBe(withoutFile(m.files.get('b.json')!));
    });
  }

  it('a scenario with retries after abandoning (and returns): run --trace is run, byte for byte', async () => {
    const yaml = `name: retries
seed: 2
service: { firstReply: { dist: exponential, mean: 20s }, nextReply: 10s, wrapUp: 30s }
groups:
  web:
    arrivals: { rates: [{ from: "09:00", to: "17:00", rate: 120/h }] }
    patience: { dist: exponential, mean: 90s }
    rounds: 3
    thinkTime: { dist: exponential, mean: 30s }
    retry: { share: 0.6, after: { dist: exponential, mean: 10m }, max: 2 }
    returning: { share: 0.2, after: 1h }
agents:
  staff: { count: 2, skills: [web], maxConcurrent: 2 }
`;
    const m = memoryIo({ 'retries.yaml': yaml });
    expect(await main(['trace', 'retries.yaml', '--seed', '5', '--out', 't.jsonl', '--quiet'], m)).toBe(0);
    expect(m.files.get('t.jsonl')!).toContain('"retries":[{"afterSec":');
    expect(await main(['run', '--trace', 't.jsonl', '--json', 'a.json', '--quiet', '--records', 'a.rec'], m)).toBe(0);
    expect(await main(['run', 'retries.yaml', '--seed', '5', '--replications', '1', '--json', 'b.json', '--quiet', '--records', 'b.rec'], m)).toBe(0);
    expect(withoutFile(m.files.get('a.json')!)).toBe(withoutFile(m.files.get('b.json')!));
    const body = (t: string) => t.slice(t.indexOf('\n'));
    expect(body(m.files.get('a.rec')!)).toBe(body(m.files.get('b.rec')!));
    // retries are conversations of the visitor who abandoned: their records name that visitor
    expect(m.files.get('b.rec')!).toMatch(/"visitorId":\d+/);
  });

  it('--replication R traces replication R of a run', async () => {
    const m = io();
    expect(await main(['trace', 'webshop-day.yaml', '--seed', '5', '--replication', '3', '--out', 't.jsonl', '--quiet'], m)).toBe(0);
    expect(await main(['run', '--trace', 't.jsonl', '--json', 'a.json', '--quiet', '--records', 'a.rec'], m)).toBe(0);
    expect(await main(['run', 'webshop-day.yaml', '--seed', '5', '--replications', '3', '--json', 'b.json', '--quiet', '--records', 'b.rec', '--records-replication', '3'], m)).toBe(0);
    // the records of replication 3 are the same, whichever way it ran
    const body = (t: string) => t.slice(t.indexOf('\n'));
    expect(body(m.files.get('a.rec')!)).toBe(body(m.files.get('b.rec')!));
  });

  it('refuses a file it did not write without --force; replaces an earlier trace', async () => {
    const m = io();
    m.files.set('notes.txt', 'mine\n');
    expect(await main(['trace', 'webshop-day.yaml', '--out', 'notes.txt', '--quiet'], m)).toBe(2);
    expect(m.err).toBe('chatsim trace: notes.txt exists and is not a chatsim result; not overwriting it (use --force to replace it)\n');
    expect(await main(['trace', 'webshop-day.yaml', '--out', 't.jsonl', '--quiet'], m)).toBe(0);
    expect(await main(['trace', 'webshop-day.yaml', '--out', 't.jsonl', '--quiet', '--seed', '2'], m)).toBe(0);
    expect(m.files.get('t.jsonl')!).toMatch(/^\{"format":"chatsim\.trace","version":1,"seed":"2"/);
  });

  it('bad input: exit 2 with a located message, never a stack trace', async () => {
    const cases: Array<[string[], string | RegExp]> = [
      [['run', '--trace', 'nope.jsonl'], 'chatsim: cannot read nope.jsonl: no such file\n'],
      [['run', 'webshop-day.yaml', '--trace', 't.jsonl'], 'chatsim run: give a scenario file or --trace FILE (one of them)\n'],
      [['run'], 'chatsim run: give a scenario file or --trace FILE (one of them)\n'],
      [['run', '--trace', 't.jsonl', '--seed', '3'], 'chatsim run: the trace fixes the seed and the replication; leave out --seed and --replications with --trace\n'],
      [['run', '--trace', 'cut.jsonl'], /^chatsim: cut\.jsonl:\d+: is not JSON \(.*\); a cut line means the trace is truncated\n$/],
      [['run', '--trace', 'webshop-day.yaml'], /^chatsim: webshop-day\.yaml:1: is not JSON/],
      [['run', '--trace', 't.jsonl', '--max-visitors', '100'], /^chatsim: t\.jsonl holds more than 100 visitors, the budget; cut the trace, or raise the budget with --max-visitors N/],
      [['run', '--trace', 't.jsonl', '--workers', '2'], 'chatsim run: a trace is one replication, simulated in one thread; leave out --workers with --trace\n'],
      [['trace', 'webshop-day.yaml', '--out', 'x.jsonl', '--replication', '0'], 'chatsim trace: --replication must be a whole number from 1 to 1,000 (got "0")\n'],
      [['trace', 'webshop-day.yaml', '--out', 'x.jsonl', '--max-visitors', '10'], /^chatsim trace: this would simulate ~2,100 visitors, more than the budget of 10;/],
      [['run', 'webshop-day.yaml', '--records-replication', '2'], 'chatsim run: --records-replication needs --records FILE\n'],
      [['run', 'webshop-day.yaml', '--replications', '2', '--records', 'r.jsonl', '--records-replication', '3'], 'chatsim run: --records-replication must be a whole number from 1 to 2 (got "3") (the run has 2 replications)\n'],
    ];
    const m = io();
    expect(await main(['trace', 'webshop-day.yaml', '--out', 't.jsonl', '--quiet'], m)).toBe(0);
    const t = m.files.get('t.jsonl')!;
    m.files.set('cut.jsonl', t.slice(0, Math.floor(t.length / 2)));
    for (const [argv, message] of cases) {
      m.err = '';
      expect(await main([...argv, '--quiet'], m), argv.join(' ')).toBe(2);
      if (typeof message === 'string') expect(m.err).toBe(message);
      else expect(m.err).toMatch(message);
    }
  });
});
