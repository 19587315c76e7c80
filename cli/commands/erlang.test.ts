// Tests of `chatsim erlang c|a` through an in-memory Io: JSON and table output, and exit codes for bad input.

import { describe, expect, it } from 'vitest';
import { memoryIo, EXIT_INVALID, EXIT_OK } from '../io.js';
import { erlangCommand, type ErlangCommandOptions } from './erlang.js';
import { erlangA, erlangC } from '../../sim/analytic/erlang.js';

const C_OPTS: ErlangCommandOptions = { model: 'c', rate: '200/h', aht: '3m', agents: '14', concurrency: '1', slTime: '20s' };
const A_OPTS: ErlangCommandOptions = { ...C_OPTS, model: 'a', patience: '5m' };

async function run(opts: ErlangCommandOptions) {
  const io = memoryIo();
  const code = await erlangCommand(opts, io);
  return { code, out: io.out, err: io.err };
}

describe('chatsim erlang --json', () => {
  it('prints one JSON object for Erlang C', async () => {
    const { code, out, err } = await run({ ...C_OPTS, json: true });
    expect(code).toBe(EXIT_OK);
    expect(err).toBe('');
    const json = JSON.parse(out);
    const expected = erlangC({ ratePerSec: 200 / 3600, ahtSec: 180, servers: 14, slTimeSec: 20 });
    expect(Object.keys(json)).toEqual([
      'model', 'ratePerSec', 'ahtSec', 'agents', 'concurrency', 'servers', 'slTimeSec', 'offeredLoad',
      'pWait', 'meanWait', 'meanWaitQueued', 'pAbandon', 'serviceLevel', 'occupancy', 'stable',
    ]);
    expect(json).toMatchObject({ model: 'c', ahtSec: 180, agents: 14, concurrency: 1, servers: 14, slTimeSec: 20, stable: true, pAbandon: 0 });
    expect(json.ratePerSec).toBeCloseTo(200 / 3600, 15);
    expect(json.pWait).toBe(expected.pWait);
    expect(json.serviceLevel).toBe(expected.serviceLevel);
    expect(json.meanWait).toBe(expected.meanWait);
  });

  it('includes patienceSec for Erlang A and multiplies agents by concurrency', async () => {
    const { code, out } = await run({ ...A_OPTS, agents: '7', concurrency: '2', json: true });
    expect(code).toBe(EXIT_OK);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ model: 'a', patienceSec: 300, agents: 7, concurrency: 2, servers: 14, stable: true });
    const expected = erlangA({ ratePerSec: 200 / 3600, ahtSec: 180, servers: 14, patienceSec: 300, slTimeSec: 20 });
    expect(json.pAbandon).toBe(expected.pAbandon);
    expect(json.pWait).toBeCloseTo(0.14526, 5);
  });

  it('prints null waits and stable: false for an overloaded Erlang C queue', async () => {
    const { code, out } = await run({ ...C_OPTS, rate: '400/h', agents: '10', json: true });
    expect(code).toBe(EXIT_OK);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ stable: false, pWait: 1, meanWait: null, meanWaitQueued: null, serviceLevel: 0 });
  });
});

describe('chatsim erlang table', () => {
  it('prints aligned inputs and outputs', async () => {
    const { code, out } = await run(A_OPTS);
    expect(code).toBe(EXIT_OK);
    expect(out).toContain('Erlang A');
    expect(out).toMatch(/arrival rate\s+200 \/h/);
    expect(out).toMatch(/mean handle time\s+180\.0 s \(3m00s\)/);
    expect(out).toMatch(/servers\s+14 \(14 agents × 1 chat\)/);
    expect(out).toMatch(/offered load\s+10\.00 Erlangs/);
    expect(out).toMatch(/P\(wait\)\s+14\.5 %/);
    expect(out).toMatch(/P\(abandon\)\s+1\.4 %/);
    expect(out).toMatch(/SL\(20s\)\s+91\.7 %/);
    expect(out).toMatch(/occupancy\s+70\.4 %/);
    // Values start in one column.
    const starts = out.split('\n').filter((l) => l.startsWith('  ')).map((l) => /^ {2}\S.*?\s{2,}(?=\S)/.exec(l)?.[0].length);
    expect(starts.length).toBe(11);
    expect(new Set(starts).size).toBe(1);
  });

  it('says an unstable Erlang C queue grows without bound', async () => {
    const { code, out } = await run({ ...C_OPTS, rate: '400/h', agents: '10' });
    expect(code).toBe(EXIT_OK);
    expect(out).toMatch(/mean wait\s+unbounded/);
    expect(out).toContain('the queue grows without bound');
    expect(out).toContain('at least 21 servers');
  });

  it('notes that --patience is ignored by Erlang C', async () => {
    const { code, err } = await run({ ...C_OPTS, patience: '90s' });
    expect(code).toBe(EXIT_OK);
    expect(err).toContain('--patience is ignored by Erlang C');
  });
});

describe('chatsim erlang bad input', () => {
  it.each([
    [{ rate: 'fast' }, 'chatsim erlang: --rate "fast" is not a rate (try 300/h or 5/min)\n'],
    [{ rate: '0/h' }, 'chatsim erlang: --rate must be more than 0 (got "0/h")\n'],
    [{ aht: 'long' }, 'chatsim erlang: --aht "long" is not a duration (try 4m or 240s)\n'],
    [{ aht: '0s' }, 'chatsim erlang: --aht must be more than 0 (got "0s")\n'],
    [{ agents: '2.5' }, 'chatsim erlang: --agents must be a whole number ≥ 1 (got "2.5")\n'],
    [{ agents: '0' }, 'chatsim erlang: --agents must be a whole number ≥ 1 (got "0")\n'],
    [{ concurrency: '0' }, 'chatsim erlang: --concurrency must be a whole number ≥ 1 (got "0")\n'],
    [{ slTime: 'soon' }, 'chatsim erlang: --sl-time "soon" is not a duration (try 20s or 1m)\n'],
    [{ model: 'b' }, 'chatsim erlang: model "b" must be c (Erlang C) or a (Erlang A)\n'],
    [{ model: 'a' }, 'chatsim erlang: --patience is required for Erlang A (try --patience 90s)\n'],
    [{ model: 'a', patience: 'x' }, 'chatsim erlang: --patience "x" is not a duration (try 90s or 2m)\n'],
    [{ model: 'a', patience: '0' }, 'chatsim erlang: --patience must be more than 0 (got "0")\n'],
    [{ agents: '1000', concurrency: '5000' }, 'chatsim erlang: servers must be a whole number from 1 to 1000000 (got 5000000)\n'],
  ])('%o exits 2 with one clear line', async (change, line) => {
    const { code, out, err } = await run({ ...C_OPTS, ...change } as ErlangCommandOptions);
    expect(code).toBe(EXIT_INVALID);
    expect(out).toBe('');
    expect(err).toBe(line);
  });

  it('reports every bad option at once, one line each', async () => {
    const { code, err } = await run({ ...C_OPTS, rate: 'fast', agents: 'many' });
    expect(code).toBe(EXIT_INVALID);
    expect(err.trimEnd().split('\n')).toEqual([
      'chatsim erlang: --rate "fast" is not a rate (try 300/h or 5/min)',
      'chatsim erlang: --agents must be a whole number ≥ 1 (got "many")',
    ]);
  });

  it('uses the defaults for concurrency and SL time', async () => {
    const { code, out } = await run({ model: 'c', rate: '200/h', aht: '3m', agents: '14', json: true });
    expect(code).toBe(EXIT_OK);
    expect(JSON.parse(out)).toMatchObject({ concurrency: 1, slTimeSec: 20 });
  });
});
