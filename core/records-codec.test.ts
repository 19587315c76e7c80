import { describe, expect, it } from 'vitest';
import { RECORDS_FORMAT, RecordsDecoder, RecordsFormatError, decodeNumber, decodeRecords, encodeNumber, encodeRecordsLines } from './records-codec.js';
import { ChatsimError, EXIT_INVALID } from './errors.js';
import { copyRecord, shiftRecord, shiftSample } from './records.js';
import { computeMetrics } from './metrics/index.js';
import { CTX, END_AT, record, records, samples } from './metrics/test-helpers/fixture.js';

const text = (recs = records(), smp = samples()) => [...encodeRecordsLines({ context: CTX, endAt: END_AT, source: 'test' }, recs, smp)].join('\n') + '\n';

describe('records codec', () => {
  it('numbers: NaN ↔ null, ±Infinity ↔ strings, finite as they are', () => {
    for (const x of [0, -1.5, 1e300, 86_400.25]) expect(decodeNumber(encodeNumber(x))).toBe(x);
    expect(encodeNumber(NaN)).toBeNull();
    expect(decodeNumber(null)).toBeNaN();
    expect(encodeNumber(Infinity)).toBe('Infinity');
    expect(decodeNumber('-Infinity')).toBe(-Infinity);
    expect(decodeNumber('3')).toBeUndefined();
  });

  it('gives back exactly the records and samples it was given (every optional field too)', () => {
    const recs = [
      ...records(),
      record({
        id: 99, arrivalAt: 7000, outcome: 'served', classIndex: 0, messageAt: 7100, noReplyNeeded: true, silentClosed: true,
        previousAgent: 1, followUpAt: 7050, assignedAt: 7200, firstReplyAt: 7300, closedAt: 7300, releasedAt: 7400, endedAt: 7400,
        agents: [0, 1], transferredAt: [7250], agentMessageAt: [7300],
      }),
    ];
    const file = decodeRecords(text(recs), 'x.jsonl');
    expect(file.header).toMatchObject({ format: RECORDS_FORMAT, version: 1, endAt: END_AT, source: 'test' });
    expect(file.header.context).toEqual(CTX);
    expect(file.records).toEqual(recs.map(copyRecord));
    expect(file.samples).toEqual(samples());
  });

  it('metrics computed from a decoded file equal those computed from the records themselves', () => {
    const file = decodeRecords(text(), 'x.jsonl');
    const direct = computeMetrics(CTX, records(), samples(), END_AT);
    expect(JSON.stringify(computeMetrics(file.header.context, file.records, file.samples, file.header.endAt))).toBe(JSON.stringify(direct));
  });

  it('reads line by line with the same result', () => {
    const d = new RecordsDecoder('x.jsonl');
    const out: unknown[] = [];
    for (const line of text().split('\n')) {
      const x = d.push(line);
      if (x !== null && x !== d.header) out.push(x);
    }
    expect(out.length).toBe(records().length + samples().length);
  });

  const bad = (mutate: (lines: string[]) => void) => {
    const lines = text().split('\n');
    mutate(lines);
    try {
      decodeRecords(lines.join('\n'), 'bad.jsonl');
    } catch (e) {
      expect(e).toBeInstanceOf(RecordsFormatError);
      expect(e).toBeInstanceOf(ChatsimError);
      expect((e as ChatsimError).exitCode).toBe(EXIT_INVALID);
      return (e as Error).message;
    }
    throw new Error('expected a RecordsFormatError');
  };
  const edit = (i: number, f: (o: Record<string, unknown>) => void) => (lines: string[]) => {
    const o = JSON.parse(lines[i]);
    f(o);
    lines[i] = JSON.stringify(o);
  };

  it('says where a bad file broke and what is wrong (file:line field message)', () => {
    expect(bad((l) => { l.length = 0; })).toBe('bad.jsonl: empty: a records file starts with a "chatsim.records" header line');
    expect(bad(edit(0, (o) => { o.format = 'x'; }))).toContain('bad.jsonl:1: is not a records header');
    expect(bad(edit(0, (o) => { o.version = 7; }))).toBe('bad.jsonl:1: version is version 7; this chatsim reads version 1');
    expect(bad(edit(0, (o) => { (o.context as Record<string, unknown>).intervalSec = 7; }))).toBe('bad.jsonl:1: context intervalSec must divide 86400 (got 7)');
    expect(bad((l) => { l[2] = '{"type": "conversation", '; })).toMatch(/^bad\.jsonl:3: is not JSON/);
    expect(bad(edit(2, (o) => { o.outcome = 'lost'; }))).toBe('bad.jsonl:3: outcome must be one of served, abandonedInQueue, abandonedAfterAssign, deflected, unanswered (got "lost")');
    expect(bad(edit(2, (o) => { o.groupIndex = 2; }))).toBe('bad.jsonl:3: groupIndex must be an integer from 0 to 1 (got 2)');
    expect(bad(edit(2, (o) => { o.agents = [5]; }))).toBe('bad.jsonl:3: agents[0] must be an agent index from 0 to 1 (got 5)');
    expect(bad(edit(2, (o) => { o.assignedAt = 'soon'; }))).toBe('bad.jsonl:3: assignedAt must be a number of seconds, null (absent) or "Infinity" (got "soon")');
    expect(bad(edit(2, (o) => { (o.visitorMessageAt as unknown[])[0] = true; }))).toContain('bad.jsonl:3: visitorMessageAt[0] must be');
    expect(bad(edit(2, (o) => { o.arrivalAt = null; }))).toBe('bad.jsonl:3: arrivalAt must be a finite number of seconds (got null)');
    expect(bad(edit(2, (o) => { o.type = 'chat'; }))).toBe('bad.jsonl:3: type must be "conversation" or "agentState" (got "chat")');
    const lastSample = records().length + samples().length;
    expect(bad(edit(lastSample, (o) => { o.held = -1; }))).toBe(`bad.jsonl:${lastSample + 1}: held must be an integer ≥ 0 (got -1)`);
  });
});

describe('shiftRecord', () => {
  it('moves every instant (NaN stays NaN), nothing else, and leaves its input alone', () => {
    for (const r of records()) {
      const before = JSON.stringify(encodeNumberDeep(r));
      const moved = shiftRecord(r, 100);
      expect(JSON.stringify(encodeNumberDeep(r))).toBe(before);
      for (const [k, v] of Object.entries(r)) {
        const w = (moved as unknown as Record<string, unknown>)[k];
        const instant = k.endsWith('At');
        if (typeof v === 'number') expect(w, k).toEqual(instant ? v + 100 : v);
        else if (Array.isArray(v)) expect(w, k).toEqual(instant ? v.map((x: number) => x + 100) : v);
        else expect(w, k).toEqual(v);
      }
      expect(Object.keys(moved).sort()).toEqual(Object.keys(copyRecord(r)).sort());
    }
    expect(shiftSample(samples()[0], 5).at).toBe(samples()[0].at + 5);
  });
});

function encodeNumberDeep(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)));
}
