// The trace and records API as a user calls it: a trace's lines read back lazily and simulated give
// the first replication of the scenario; a replication's records measured give its metrics.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../scenarios/load.js';
import { ChatsimError } from '../core/errors.js';
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

  const PROFILED = `
name: profiled
days: 2
seed: 3
classes:
  vip: { share: 0.3, priority: 60 }
  std: { share: 0.7 }
groups:
  g:
    arrivals: { rates: [{ from: "08:00", to: "20:00", rate: 60/h }] }
    patience: { dist: exponential, mean: 2m }
    classPatience: { vip: { dist: exponential, mean: 6m } }
    rounds: 2
    thinkTime: { dist: gamma, mean: 3m, cv: 0.8 }
    during:
      - { from: "12:00", to: "15:00", patience: 1m, thinkTime: { dist: gamma, mean: 5m, cv: 0.8 } }
agents:
  team: { count: 3, skills: [g], maxConcurrent: 1 }
`;

  it('a scenario with patience per class and draws by time of day: the run on its trace is the run', () => {
    const p = loadScenario(PROFILED, 'profiled.yaml');
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const trace = readTrace(traceLines(p.scenario, { seed: '4' }), 'mem');
    const r = runTrace(trace.first(), trace);
    const direct = runReplications(p.scenario, { seed: '4', replications: 1 });
    expect(r.summary.metrics.abandonRate.mean).toBeGreaterThan(0);
    expect(JSON.stringify(r.summary)).toBe(JSON.stringify(direct.summary));
  });

  it('refuses staffing that follows the day\'s volume, with exit code 2', () => {
    const p = loadScenario(PROFILED.replace('team: { count: 3, skills: [g], maxConcurrent: 1 }', 'team: { count: 3, skills: [g], maxConcurrent: 1, followsVolume: { of: g, elasticity: 1 } }'), 'follows.yaml');
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    let error: unknown;
    try { [...traceLines(p.scenario)]; } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ChatsimError);
    expect((error as ChatsimError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/^agents.team: staffing that follows the day's volume \(followsVolume\) is simulator-only/);
  });
});
