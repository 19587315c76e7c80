// `chatsim measure`: the metric table and run document of records files. Measuring `run --records`
// gives the run's own metrics on every example; a scripted set of four conversations gives the
// metrics worked out by hand.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { memoryIo } from '../io.js';
import { main } from '../main.js';
import { encodeRecordsLines } from '../../core/records-codec.js';
import type { AgentStateSample, ConversationRecord } from '../../core/records.js';
import type { MetricsContext } from '../../core/metrics/index.js';

const dir = new URL('../../scenarios/examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const io = () => memoryIo(Object.fromEntries(examples.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')])));
/** The summary of a run document: everything after its parameters (the metrics, intervals, groups, agents, classes, distributions). */
const summaryOf = (json: string) => {
  const { metrics, intervals, groups, agents, classes, distributions } = JSON.parse(json);
  return JSON.stringify({ metrics, intervals, groups, agents, classes, distributions });
};

describe('chatsim measure', () => {
  for (const f of examples) {
    it(`${f}: measure of run --records is the run's metrics (1 replication)`, async () => {
      const m = io();
      expect(await main(['run', f, '--seed', '9', '--replications', '1', '--json', 'run.json', '--records', 'r.jsonl', '--quiet'], m)).toBe(0);
      expect(m.out).toMatch(/wrote r\.jsonl: [\d,]+ conversations of replication 1\n$/);
      const runTable = m.out.slice(m.out.indexOf('metric '), m.out.indexOf('\nnot shown'));
      m.out = '';
      expect(await main(['measure', 'r.jsonl', '--json', 'measured.json'], m)).toBe(0);
      expect(summaryOf(m.files.get('measured.json')!)).toBe(summaryOf(m.files.get('run.json')!));
      // the same table, row for row (measure shows every metric: it does not know the scenario's mechanisms)
      const rows = (t: string) => t.split('\n').filter((l) => /^[a-zA-Z]/.test(l));
      const measured = new Set(rows(m.out));
      for (const row of rows(runTable)) expect(measured.has(row), row).toBe(true);
    });
  }

  it('four scripted conversations: the metrics worked out by hand', async () => {
    const ctx: MetricsContext = { groups: ['g'], agents: [{ id: 'a-1', group: 'a', cap: 2 }], horizonSec: 3600, warmupSec: 0, slTimeSec: 20, intervalSec: 1800, queuePlacementThresholdSec: 60 };
    const base = { groupIndex: 0, patienceAt: Infinity, queuedAt: NaN, assignedAt: NaN, firstReplyAt: NaN, abandonedAt: NaN, closedAt: NaN, releasedAt: NaN, agents: [0], transferredAt: [] };
    const records: ConversationRecord[] = [
      // answered at once; two turns (10 s each); wrap-up 10 s
      { ...base, id: 0, outcome: 'served', arrivalAt: 0, assignedAt: 0, firstReplyAt: 10, closedAt: 40, releasedAt: 50, endedAt: 50, visitorMessageAt: [0, 30], agentMessageAt: [10, 40] },
      // queued 30 s, first reply 60 s after arriving; wrap-up 10 s
      { ...base, id: 1, outcome: 'served', arrivalAt: 100, queuedAt: 100, assignedAt: 130, firstReplyAt: 160, closedAt: 160, releasedAt: 170, endedAt: 170, visitorMessageAt: [100], agentMessageAt: [160] },
      // left the queue after 90 s
      { ...base, id: 2, outcome: 'abandonedInQueue', arrivalAt: 200, patienceAt: 290, queuedAt: 200, abandonedAt: 290, endedAt: 290, agents: [], visitorMessageAt: [200], agentMessageAt: [] },
      // answered in 5 s; wrap-up 60 s
      { ...base, id: 3, outcome: 'served', arrivalAt: 300, assignedAt: 300, firstReplyAt: 305, closedAt: 305, releasedAt: 365, endedAt: 365, visitorMessageAt: [300], agentMessageAt: [305] },
    ];
    const held: Array<[number, number]> = [[0, 0], [0, 1], [50, 0], [130, 1], [170, 0], [300, 1], [365, 0]];
    const samples: AgentStateSample[] = held.map(([at, n]) => ({ agentIndex: 0, at, online: true, held: n }));
    const m = memoryIo({ 'set.jsonl': [...encodeRecordsLines({ context: ctx, endAt: 3600, source: 'scripted' }, records, samples)].join('\n') + '\n' });
    expect(await main(['measure', 'set.jsonl', '--json', 'm.json'], m)).toBe(0);
    expect(m.out).toMatch(/^measured set\.jsonl: 4 conversations, horizon 1h00m, 1 agent \(scripted\)\nSL\(T\) with T = 20s\n\nmetric /);
    const doc = JSON.parse(m.files.get('m.json')!);
    expect(doc.scenario).toEqual({ name: 'scripted', file: 'set.jsonl' });
    const got = Object.fromEntries(Object.entries(doc.metrics as Record<string, { mean: number }>).map(([k, v]) => [k, v.mean]));
    const byHand: Record<string, number> = {
      offered: 4, answered: 3, abandonedInQueue: 1, abandonedAfterAssign: 0, unanswered: 0,
      connectionRate: 3 / 4, abandonRate: 1 / 4, serviceLevel: 2 / 4, // FRT 10, 60, 5 s; T = 20 s
      frtMean: 25, avgResponseTime: (10 + 10 + 60 + 5) / 4,
      queuedRate: 2 / 4, queueWaitMean: (30 + 90) / 2, queueWaitMeanAll: 120 / 4, queuePlacementRate: 1 / 4, timeToAbandonMean: 90,
      conversationDurationMean: (40 + 60 + 5) / 3, wrapUpMean: (10 + 10 + 60) / 3, transferRate: 0,
      invalidRate: 1 / 4, responseRate24h: 3 / 4,
      queueLengthMean: 120 / 3600, occupancy: (50 + 40 + 65) / (3600 * 2), utilisation: (50 + 40 + 65) / 3600, chatsPerAgentHour: 3,
    };
    for (const [k, v] of Object.entries(byHand)) expect(got[k], k).toBeCloseTo(v, 12);
  });

  it('several files are summarised like replications; files of different runs are refused', async () => {
    const m = io();
    for (const r of ['1', '2']) expect(await main(['run', 'webshop-day.yaml', '--seed', '9', '--replications', '2', '--records', `r${r}.jsonl`, '--records-replication', r, '--quiet', '--json', 'run.json', '--force'], m)).toBe(0);
    expect(await main(['measure', 'r1.jsonl', 'r2.jsonl', '--json', 'm.json'], m)).toBe(0);
    expect(summaryOf(m.files.get('m.json')!)).toBe(summaryOf(m.files.get('run.json')!));
    expect(await main(['run', 'erlang-a.yaml', '--replications', '1', '--records', 'other.jsonl', '--quiet'], m)).toBe(0);
    m.err = '';
    expect(await main(['measure', 'r1.jsonl', 'other.jsonl'], m)).toBe(2);
    expect(m.err).toMatch(/^chatsim: other\.jsonl: measures another run than r1\.jsonl \(skill groups .* instead of presales, aftersales\); measure them apart\n$/);
  });

  it('bad records files: exit 2, located', async () => {
    const m = io();
    expect(await main(['measure', 'nope.jsonl'], m)).toBe(2);
    expect(m.err).toBe('chatsim: cannot read nope.jsonl: no such file\n');
    m.err = '';
    m.files.set('bad.jsonl', '{"format":"chatsim.records","version":1,"endAt":10,"context":{"groups":["g"],"agents":[],"horizonSec":10,"warmupSec":0,"slTimeSec":20,"intervalSec":1800,"queuePlacementThresholdSec":60}}\n{"type":"conversation","id":1}\n');
    expect(await main(['measure', 'bad.jsonl'], m)).toBe(2);
    expect(m.err).toBe('chatsim: bad.jsonl:2: outcome must be one of served, abandonedInQueue, abandonedAfterAssign, deflected, unanswered (got undefined)\n');
  });
});
