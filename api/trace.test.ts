// The trace and records API as a user calls it: a trace's lines read back lazily and simulated give
// the first replication of the scenario; a replication's records measured give its metrics.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../scenarios/load.js';
import { measureRecords, readTrace, runReplications, runTrace, traceLines, writeRecords, writeTrace } from './index.js';

const text = readFileSync(new URL('../sim/experiments/__fixtures__/staff-small.yaml', import.meta.url), 'utf8');
const loaded = loadScenario(text, 'staff-small.yaml');
if (!loaded.ok) throw new Error('staff-small.yaml does not load');
const scenario = loaded.scenario;

describe('traces and records through the API', () => {
  it('runTrace(readTrace(traceLines(…))) is replication 1 of the scenario', () => {
    const trace = readTrace(traceLines(scenario, { seed: '4' }), 'mem');
    const r = runTrace(trace.first(), trace);
    const direct = runReplications(scenario, { seed: '4', replications: 1 });
    expect(JSON.stringify(r.summary)).toBe(JSON.stringify(direct.summary));
    expect(r.stats).toEqual(direct.stats);
  });

  it('writeTrace streams the same lines and counts the visitors', () => {
    const parts: string[] = [];
    const n = writeTrace(scenario, { seed: '4', replication: 2 }, { write: (t) => void parts.push(t) });
    const lines = [...traceLines(scenario, { seed: '4', replication: 2 })];
    expect(parts.join('')).toBe(lines.join('\n') + '\n');
    expect(n).toBe(lines.length - 2);
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'chatsim.trace', version: 1, seed: '4', replication: 2 });
  });

  it('measureRecords(writeRecords(…)) is the replication\'s metrics', () => {
    const parts: string[] = [];
    const conversations = writeRecords(scenario, { seed: '4', replication: 2 }, { write: (t) => void parts.push(t) });
    const m = measureRecords([{ file: 'mem', lines: parts.join('').split('\n') }]);
    expect(m.conversations).toBe(conversations);
    const direct = runReplications(scenario, { seed: '4', replications: 2 });
    expect(JSON.stringify(m.runs[0])).toBe(JSON.stringify(direct.runs[1]));
  });
});
