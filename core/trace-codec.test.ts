// The trace codec: a round trip of every field and of every example scenario in the header, lazy
// reading, and the exact located message of each kind of bad trace.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { decodeTrace, encodeTraceLines, encodeTraceVisitor, TraceDecoder, TraceFormatError, TraceReader } from './trace-codec.js';
import type { TraceVisitor } from './trace.js';
import { decodeScenarioJson, encodeDeep } from './scenario-json.js';
import { agents, expo, fixed, group, scenario } from '../sim/test-helpers/scenario.js';
import { loadScenario } from '../scenarios/load.js';

const s = scenario({
  groups: [
    group('g', 10, { patience: fixed(Infinity), deflection: { share: 0.2, followUp: 0.5, followUpAfterSec: 60 }, leaveMessage: { afterSec: 30, share: 0.5 }, noReplyNeeded: 0.1, returning: { share: 0.3, after: expo(600), waitSec: 60, fallback: 'least-loaded' }, retry: { share: 0.4, after: expo(300), max: 2 } }),
    group('h', 5),
  ],
  agents: [agents('a', 2, ['g', 'h'])],
});

const v1: TraceVisitor = { at: 10.5, group: 0, patienceSec: Infinity, replySec: [3, 4], thinkSec: [20], wrapUpSec: 5, deflection: 'followsUp', leavesMessage: true, noReplyNeeded: true, returns: [{ afterSec: 100, patienceSec: 30, replySec: [1], thinkSec: [], wrapUpSec: 2 }], retries: [{ afterSec: 50, patienceSec: 20, replySec: [2], thinkSec: [], wrapUpSec: 1 }] };
const v2: TraceVisitor = { at: 10.5, group: 1, patienceSec: 90, replySec: [7], thinkSec: [], wrapUpSec: 0 };

const text = (visitors: TraceVisitor[] = [v1, v2]) => [...encodeTraceLines({ seed: '7', replication: 2, scenario: s, source: 'test' }, visitors)].join('\n') + '\n';
const lines = (t: string) => t.split('\n');
/** The error message of decoding `t`. */
function error(t: string): string {
  try {
    decodeTrace(t, 'bad.jsonl');
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    expect((e as TraceFormatError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('decoded');
}
/** `text()` with visitor line `n` (1-based after the header) edited as an object. */
function editVisitor(n: number, edit: (o: Record<string, unknown>) => void): string {
  const ls = lines(text());
  const o = JSON.parse(ls[n]);
  edit(o);
  ls[n] = JSON.stringify(o);
  return ls.join('\n');
}

describe('trace codec', () => {
  it('round-trips the header, the scenario (Infinity patience) and every visitor field', () => {
    const t = text();
    expect(lines(t)[1]).toBe(encodeTraceVisitor(v1));
    expect(lines(t)[1]).toContain('"patienceSec":"Infinity"');
    expect(lines(t)[3]).toBe('{"end":true,"visitors":2}');
    const f = decodeTrace(t, 'x.jsonl');
    expect(f.header).toEqual({ format: 'chatsim.trace', version: 1, seed: '7', replication: 2, source: 'test', scenario: s });
    expect(f.visitors).toEqual([v1, v2]);
  });

  it('every example scenario survives the header: encoded and decoded, equal', () => {
    const dir = new URL('../scenarios/examples/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const loaded = loadScenario(readFileSync(new URL(f, dir), 'utf8'), f);
      if (!loaded.ok) throw new Error(f);
      expect(decodeScenarioJson(JSON.parse(JSON.stringify(encodeDeep(loaded.scenario))))).toEqual(loaded.scenario);
    }
  });

  it('a rate window that holds on some days only keeps its days through the header (fitted scenarios have them)', () => {
    const yaml = [
      'name: weekdays', 'days: 7',
      'groups:', '  g:', '    arrivals:', '      rates:',
      '        - { from: "08:00", to: "18:00", rate: 30/h, days: [mon, tue, wed, thu, fri] }',
      '        - { from: "10:00", to: "16:00", rate: 10/h, days: [sat, sun] }',
      'agents:', '  a: { count: 2, skills: [g], maxConcurrent: 2 }',
    ].join('\n');
    const loaded = loadScenario(yaml, 'weekdays.yaml');
    if (!loaded.ok) throw new Error('weekdays.yaml');
    expect(loaded.scenario.groups[0].arrivals.windows.some((w) => w.runDays !== undefined)).toBe(true);
    expect(decodeScenarioJson(JSON.parse(JSON.stringify(encodeDeep(loaded.scenario))))).toEqual(loaded.scenario);
    const bad = JSON.parse(JSON.stringify(encodeDeep(loaded.scenario)));
    bad.groups[0].arrivals.windows[0].runDays = [7];
    let problem: unknown;
    try { decodeScenarioJson(bad); } catch (e) { problem = e; }
    expect(problem).toMatchObject({ path: 'groups[0].arrivals.windows[0].runDays[0]', message: expect.stringMatching(/≤ 6 \(got 7\)/) });
  });

  it('reads lazily: the reader yields visitors as lines are pulled and checks the end at the last', () => {
    let pulled = 0;
    const src = lines(text());
    const r = new TraceReader((function* () { for (const l of src) { pulled++; yield l; } })(), 'x.jsonl');
    expect(r.first().seed).toBe('7');
    expect(pulled).toBe(1);
    const it = r[Symbol.iterator]();
    expect(it.next().value).toEqual(v1);
    expect(pulled).toBe(2);
    expect([...{ [Symbol.iterator]: () => it }]).toEqual([v2]);
  });

  it('bad traces: a located error, file:line field message', () => {
    const ok = text();
    expect(error('')).toBe('bad.jsonl: empty: a trace starts with a "chatsim.trace" header line');
    expect(error('{"format":"chatsim.records","version":1}\n')).toBe('bad.jsonl:1: is not a trace header (line 1 must hold "format": "chatsim.trace")');
    expect(error(ok.replace('"version":1', '"version":2'))).toBe('bad.jsonl:1: version is version 2; this chatsim reads version 1');
    expect(error(ok.replace('"replication":2', '"replication":0'))).toBe('bad.jsonl:1: replication must be an integer ≥ 1 (got 0)');
    expect(error(ok.replace('"count":2', '"count":0'))).toBe('bad.jsonl:1: scenario.agents[0].count must be an integer ≥ 1 (got 0)');
    expect(error(ok.replace('"skills":["g","h"]', '"skills":["g","x"]'))).toBe('bad.jsonl:1: scenario.agents[0].skills[1] must be a skill group id (g, h) (got "x")');
    // truncated: in the middle of the last line, or before the end line
    expect(error(ok.slice(0, ok.length - 10))).toMatch(/^bad\.jsonl:4: is not JSON \(.*\); a cut line means the trace is truncated$/);
    expect(error(lines(ok).slice(0, 3).join('\n') + '\n')).toBe('bad.jsonl:4: truncated: the trace ends after 2 visitor line(s) without its end line');
    expect(error(ok.replace('"visitors":2', '"visitors":3'))).toBe('bad.jsonl:4: visitors says 3 visitors, but the trace holds 2');
    expect(error(ok + '{"at":1}\n')).toBe('bad.jsonl:5: follows the end line (a trace ends with {"end": true, …})');
    // fields out of range
    expect(error(editVisitor(1, (o) => { o.at = 86400; }))).toBe('bad.jsonl:2: at must be an instant in seconds from 0 to below the horizon (86400) (got 86400)');
    expect(error(editVisitor(2, (o) => { o.at = 3; }))).toBe('bad.jsonl:3: at is 3, before the previous visitor\'s 10.5: visitors must be in arrival order');
    expect(error(editVisitor(1, (o) => { o.group = 2; }))).toBe('bad.jsonl:2: group must be a skill-group index from 0 to 1 (got 2)');
    expect(error(editVisitor(1, (o) => { o.patienceSec = -1; }))).toBe('bad.jsonl:2: patienceSec must be a number of seconds ≥ 0 or "Infinity" (got -1)');
    expect(error(editVisitor(1, (o) => { o.replySec = [3, 'x']; }))).toBe('bad.jsonl:2: replySec[1] must be a number of seconds ≥ 0 (got "x")');
    expect(error(editVisitor(1, (o) => { o.thinkSec = []; }))).toBe('bad.jsonl:2: thinkSec must be a list of 1 duration(s) (one per round after the first) (got [])');
    expect(error(editVisitor(1, (o) => { o.replySec = []; }))).toBe('bad.jsonl:2: replySec must be a list of at least one duration (got [])');
    expect(error(editVisitor(2, (o) => { o.deflection = 'deflected'; }))).toBe('bad.jsonl:3: deflection is set, but skill group "h" has no deflection');
    expect(error(editVisitor(1, (o) => { o.deflection = 'maybe'; }))).toBe('bad.jsonl:2: deflection must be one of deflected, followsUp (got "maybe")');
    expect(error(editVisitor(2, (o) => { o.class = 0; }))).toBe('bad.jsonl:3: class is set, but the scenario has no priority classes');
    expect(error(editVisitor(1, (o) => { o.patience = 3; }))).toBe('bad.jsonl:2: patience is not a field of a trace visitor (fields: at, group, class, patienceSec, replySec, thinkSec, wrapUpSec, deflection, leavesMessage, noReplyNeeded, returns, retries)');
    expect(error(editVisitor(1, (o) => { (o.returns as Array<Record<string, unknown>>)[0].afterSec = 'soon'; }))).toBe('bad.jsonl:2: returns[0].afterSec must be a number of seconds ≥ 0 (got "soon")');
    expect(error(editVisitor(2, (o) => { o.returns = []; }))).toBe('bad.jsonl:3: returns is set, but skill group "h" has no returning visitors');
    expect(error(editVisitor(2, (o) => { o.retries = []; }))).toBe('bad.jsonl:3: retries is set, but skill group "h" has no retries');
    expect(error(editVisitor(1, (o) => { (o.retries as unknown[]).push(...(o.retries as unknown[]), ...(o.retries as unknown[])); }))).toBe('bad.jsonl:2: retries holds 3 retries, more than the group\'s max of 2');
    expect(error(editVisitor(1, (o) => { (o.retries as Array<Record<string, unknown>>)[0].patienceSec = -2; }))).toBe('bad.jsonl:2: retries[0].patienceSec must be a number of seconds ≥ 0 or "Infinity" (got -2)');
  });

  it('a decoder takes lines one at a time and skips blank ones', () => {
    const d = new TraceDecoder('x.jsonl');
    const ls = lines(text());
    expect(d.push(ls[0])).toMatchObject({ seed: '7' });
    expect(d.push('')).toBeNull();
    expect(d.push(ls[1])).toEqual(v1);
    expect(d.visitors).toBe(1);
  });
});
