// Tests of `chatsim serve` through an in-memory Io: option errors exit 2 with one line, a valid
// start prints the URL and the tokens file and stops cleanly when told (exit 0).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, memoryIo } from '../io.js';
import { main } from '../main.js';
import { serveCommand } from './serve.js';
import { loadScenario, traceLines } from '../../api/index.js';

const example = readFileSync(new URL('../../scenarios/examples/webshop-day.yaml', import.meta.url), 'utf8');
const never = new Promise<void>(() => {});

describe('chatsim serve', () => {
  it('refuses bad options with one line and exit 2', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ port: '70000' }, /--port must be a whole number from 0 to 65,535/],
      [{ timeScale: '0' }, /--time-scale must be a number above 0/],
      [{ timeScale: '1e3' }, /--time-scale must be a number above 0/],
      [{ policy: 'least-loded' }, /unknown policy "least-loded" — did you mean "least-loaded"\?/],
    ];
    for (const [opts, message] of cases) {
      const io = memoryIo();
      expect(await serveCommand({ ...opts, untilStopped: never }, io)).toBe(EXIT_INVALID);
      expect(io.err).toMatch(message);
      expect(io.err.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('a new database needs a roster: exit 2 with a hint-free message', async () => {
    const io = memoryIo();
    expect(await main(['serve'], io)).toBe(EXIT_INVALID);
    expect(io.err).toContain('a new database needs a roster: pass --scenario FILE');
  });

  it('starts on the scenario\'s roster, prints the URL and the tokens file, and stops when told', async () => {
    const io = memoryIo({ 'day.yaml': example });
    let stop!: () => void;
    const untilStopped = new Promise<void>((r) => { stop = r; });
    const running = serveCommand({ scenario: 'day.yaml', timeScale: '60', untilStopped }, io);
    for (let i = 0; i < 100 && !io.out.includes('pages:'); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)![1];
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(io.out).toMatch(/tokens \(admin and agents, owner-only file\): \S+tokens\.json/);
    expect(io.out).toContain(`  API: ${url}/api/v1/openapi.json  metrics: ${url}/metrics\n`);
    expect(io.out).toContain(`  pages: ${url}/ (dashboard)  ${url}/visitor  ${url}/agent\n`);
    stop();
    expect(await running).toBe(EXIT_OK);
    expect(io.out).toContain('chatsim serve: stopped');
  });

  it('--trace takes the roster and rules from the trace header; with --scenario too, or a bad trace, exit 2', async () => {
    const loaded = loadScenario(example, 'day.yaml');
    if (!loaded.ok) throw new Error('example does not load');
    const trace = [...traceLines(loaded.scenario, { seed: '1' })].join('\n') + '\n';
    const io = memoryIo({ 'day.trace.jsonl': trace, 'day.yaml': example, 'bad.trace.jsonl': '{"format":"chatsim.trace","version":2}\n' });
    let stop!: () => void;
    const untilStopped = new Promise<void>((r) => { stop = r; });
    const running = serveCommand({ trace: 'day.trace.jsonl', untilStopped }, io);
    for (let i = 0; i < 100 && !io.out.includes('pages:'); i++) await new Promise((r) => setTimeout(r, 20));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)![1];
    const tokens = JSON.parse(readFileSync(/owner-only file\): (\S+)/.exec(io.out)![1], 'utf8'));
    const agents = await (await fetch(`${url}/api/v1/admin/agents`, { headers: { authorization: `Bearer ${tokens.admin}` } })).json();
    expect(JSON.stringify(agents)).toContain('"id":"senior-1"');
    stop();
    expect(await running).toBe(EXIT_OK);

    const both = memoryIo({ 'day.trace.jsonl': trace, 'day.yaml': example });
    expect(await serveCommand({ trace: 'day.trace.jsonl', scenario: 'day.yaml', untilStopped: never }, both)).toBe(EXIT_INVALID);
    expect(both.err).toContain('give --scenario FILE or --trace FILE, not both');
    const bad = memoryIo({ 'bad.trace.jsonl': '{"format":"chatsim.trace","version":2}\n' });
    expect(await main(['serve', '--trace', 'bad.trace.jsonl'], bad)).toBe(EXIT_INVALID);
    expect(bad.err).toContain('bad.trace.jsonl:1');
  });
});
