// `chatsim loadgen`: the files it writes (trace, bundle, k6 command line, TestRun manifest parsed as
// YAML), its refusal to replace a user's files without --force, and --run with and without k6 (a
// fake runner; the real k6 runs in loadgen/k6/end-to-end.test.ts).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { memoryIo } from '../io.js';
import { loadgenCommand, type K6Runner } from './loadgen.js';

const example = readFileSync(new URL('../../scenarios/examples/webshop-day.yaml', import.meta.url), 'utf8');
const io = () => memoryIo({ 'day.yaml': example });
const base = { file: 'day.yaml', target: 'http://127.0.0.1:8080/', out: 'load', timeScale: '60' };

describe('chatsim loadgen', () => {
  it('writes the trace, the bundle, the k6 command line and the TestRun manifest', async () => {
    const m = io();
    expect(await loadgenCommand(base, m)).toBe(0);
    expect([...m.files.keys()].filter((f) => f.startsWith('load/')).sort()).toEqual(['load/chatsim-k6.js', 'load/k6-operator.sh', 'load/k6-run.sh', 'load/testrun.yaml', 'load/trace.jsonl']);
    expect(m.files.get('load/trace.jsonl')!.split('\n')[0]).toContain('"format":"chatsim.trace"');
    expect(m.files.get('load/chatsim-k6.js')!.startsWith('// chatsim k6 load test')).toBe(true);
    const run = m.files.get('load/k6-run.sh')!;
    expect(run).toContain(`exec "\${K6:-k6}" run`);
    expect(run).toContain("-e 'CHATSIM_TARGET=http://127.0.0.1:8080'");
    expect(run).toContain("-e 'CHATSIM_TIME_SCALE=60'");
    const doc = parse(m.files.get('load/testrun.yaml')!);
    expect(doc).toMatchObject({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: { name: 'chatsim-webshop-day' }, spec: { parallelism: 1, script: { configMap: { name: 'chatsim-webshop-day', file: 'chatsim-k6.js' } } } });
    const env = Object.fromEntries((doc.spec.runner.env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ CHATSIM_TARGET: 'http://127.0.0.1:8080', CHATSIM_TRACE: '/test/trace.jsonl', CHATSIM_TOKENS: '/test/tokens.json', CHATSIM_TIME_SCALE: '60', CHATSIM_T0: '__CHATSIM_T0__' });
    expect(m.files.get('load/k6-operator.sh')).toContain('kubectl create configmap chatsim-webshop-day --from-file=chatsim-k6.js --from-file=trace.jsonl --from-file=tokens.json');
    expect(m.out).toContain('thresholds: chat_service_level rate>=0.65; chat_abandon_queue_rate rate<=0.05');
    expect(m.out).toContain('not a k6 threshold: frtP90 <= 2m (a per-interval target');
  });

  it('--from/--to: the window goes to the script as CHATSIM_FROM/CHATSIM_TO (scenario seconds) in the k6 command line and the TestRun', async () => {
    const m = io();
    expect(await loadgenCommand({ ...base, from: '09:00', to: '10:00' }, m), m.err).toBe(0);
    const run = m.files.get('load/k6-run.sh')!;
    expect(run).toContain("-e 'CHATSIM_FROM=32400'");
    expect(run).toContain("-e 'CHATSIM_TO=36000'");
    expect(run).toContain('the k6 run of webshop-day (visitors arriving 09:00–10:00)');
    const doc = parse(m.files.get('load/testrun.yaml')!);
    const env = Object.fromEntries((doc.spec.runner.env as Array<{ name: string; value: string }>).map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ CHATSIM_FROM: '32400', CHATSIM_TO: '36000' });
    // the trace is still the whole replication (the window is the script's), and the count in the window is said
    const lines = m.files.get('load/trace.jsonl')!.trim().split('\n');
    const ats = lines.slice(1, -1).map((l) => (JSON.parse(l) as { at: number }).at);
    const inWin = ats.filter((at) => at >= 32_400 && at < 36_000).length;
    expect(inWin).toBeGreaterThan(0);
    expect(inWin).toBeLessThan(ats.length);
    expect(m.out).toContain(`the k6 script replays the ${inWin} arriving 09:00–10:00`);
    // --run passes the same arguments
    m.files.set('load/tokens.json', '{"agents":{}}');
    const calls: string[][] = [];
    expect(await loadgenCommand({ ...base, from: '09:00', to: '1d10h', run: true }, m, async (_k6, args) => { calls.push(args); return 0; }, { K6: '/bin/sh' })).toBe(0);
    expect(calls[0]).toEqual(expect.arrayContaining(['CHATSIM_FROM=32400', 'CHATSIM_TO=122400']));
    // without a window, neither variable
    const w = io();
    expect(await loadgenCommand(base, w)).toBe(0);
    expect(w.files.get('load/k6-run.sh')).not.toContain('CHATSIM_FROM');
  });

  it('refuses a bad window as chatsim replay does, before writing anything', async () => {
    const m = io();
    expect(await loadgenCommand({ ...base, from: '9h00' }, m)).toBe(2);
    expect(m.err).toContain('chatsim loadgen: --from must be a time of day (09:00) or a duration from day 0 (1d9h) (got 9h00)');
    expect(await loadgenCommand({ ...base, from: '10:00', to: '09:00' }, m)).toBe(2);
    expect(m.err).toContain('chatsim loadgen: --to (09:00) must come after --from (10:00)');
    expect(m.files.has('load/trace.jsonl')).toBe(false);
  });

  it('uses a volume claim when the trace is over 1 MiB, and --parallelism', async () => {
    const m = memoryIo({ 'day.yaml': example.replace(/^days: .*$/m, 'days: 3') });
    expect(await loadgenCommand({ ...base, parallelism: '4' }, m), m.err).toBe(0);
    const doc = parse(m.files.get('load/testrun.yaml')!);
    expect(doc.spec.parallelism).toBe(4);
    expect(doc.spec.script).toEqual({ volumeClaim: { name: 'chatsim-webshop-day', file: 'chatsim-k6.js' } });
    expect(m.files.get('load/k6-operator.sh')).toContain('volume claim');
  });

  it('replaces its own files, refuses a user\'s without --force', async () => {
    const m = io();
    expect(await loadgenCommand(base, m)).toBe(0);
    expect(await loadgenCommand(base, m)).toBe(0);
    m.files.set('load/k6-run.sh', 'my own script\n');
    expect(await loadgenCommand(base, m)).toBe(2);
    expect(m.err).toContain('load/k6-run.sh exists and is not a chatsim result; not overwriting it (use --force to replace it)');
    expect(await loadgenCommand({ ...base, force: true }, m)).toBe(0);
    expect(m.files.get('load/k6-run.sh')).toContain('# chatsim loadgen');
  });

  it('checks its options', async () => {
    const m = io();
    expect(await loadgenCommand({ ...base, target: 'localhost:8080' }, m)).toBe(2);
    expect(m.err).toContain('--target must be the backend\'s http:// or https:// URL');
    expect(await loadgenCommand({ ...base, timeScale: '0' }, m)).toBe(2);
    expect(m.err).toContain('--time-scale');
    expect(m.files.has('load/trace.jsonl')).toBe(false);
  });

  it('--run says plainly when there is no k6, and runs the k6 it finds', async () => {
    const m = io();
    expect(await loadgenCommand({ ...base, run: true }, m, undefined, { PATH: '/nonexistent' })).toBe(1);
    expect(m.err).toContain('chatsim loadgen --run: no k6 found (K6 is not set and there is no k6 on PATH)');
    expect(m.files.has('load/k6-run.sh')).toBe(true);
    m.files.set('load/tokens.json', '{"agents":{}}');
    const calls: Array<{ k6: string; args: string[]; env: Record<string, string> }> = [];
    const fake: K6Runner = async (k6, args, _cwd, env) => { calls.push({ k6, args, env }); return 99; };
    expect(await loadgenCommand({ ...base, run: true }, m, fake, { K6: '/bin/sh' })).toBe(99);
    expect(calls[0].k6).toBe('/bin/sh');
    expect(calls[0].args).toEqual(['run', '-e', 'CHATSIM_TARGET=http://127.0.0.1:8080', '-e', 'CHATSIM_TRACE=trace.jsonl', '-e', 'CHATSIM_TOKENS=tokens.json', '-e', 'CHATSIM_TIME_SCALE=60', '-e', 'CHATSIM_SUMMARY=chatsim-summary.json', 'chatsim-k6.js']);
    expect(calls[0].env).toEqual({ K6_NO_USAGE_REPORT: 'true', K6_AUTO_EXTENSION_RESOLUTION: 'false' });
  });
});
