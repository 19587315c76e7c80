// The live backend's export measured by the simulator's metric code: a scripted set of three
// conversations driven through the live centre on a fake clock, exported as records
// (`exportLines`, what GET /api/v1/export sends), read back by `measureRecords` (what `chatsim
// measure` runs) — and every metric equal to the value worked out by hand. Imports the backend's
// live centre and store (test only) and the public API.

import { describe, expect, it } from 'vitest';
import { FakeClock } from '../backend/live/clock.js';
import { LiveCentre } from '../backend/live/centre.js';
import { exportLines } from '../backend/live/records.js';
import { SqliteStore } from '../backend/store/sqlite-store.js';
import { simpleScenario } from '../backend/test-helpers/scenario.js';
import { agentTable } from '../core/roster.js';
import { measureRecords } from './measure.js';
import { readMeasured } from './replay.js';

describe('a live export measured by the kernel metrics', () => {
  it('gives the hand-worked metrics of a scripted conversation set', () => {
    // one agent with one slot; SL time 20 s (the default)
    const scenario = simpleScenario({ count: 1, cap: 1 });
    const clock = new FakeClock();
    const store = new SqliteStore(':memory:');
    store.createRoster(agentTable(scenario).map((a, index) => ({ index, id: a.id, tokenHash: `agent-${index}` })));
    const centre = new LiveCentre({ scenario, clock, sink: store, checkInvariants: true, listener: { frame: () => {}, violation: (m) => { throw new Error(m); } } });
    let n = 0;
    const visit = () => centre.start(0, 0, 'hello', { tokenHash: `v${n++}` });

    centre.setStatus(0, 'online');
    const a = visit(); //                      t=0   A arrives, assigned at once
    clock.advance(5);
    const b = visit(); //                      t=5   B arrives, queues (the slot is A's)
    clock.advance(12);
    centre.agentMessage(0, a.id, 'hi A'); //   t=12  A's first response: FRT 12 s (within 20 s)
    clock.advance(35);
    centre.leave(b.id); //                     t=35  B leaves the queue after 30 s: abandoned
    clock.advance(40);
    const c = visit(); //                      t=40  C arrives, queues
    clock.advance(60);
    centre.close(0, a.id); //                  t=60  A closed; wrap-up holds the slot
    clock.advance(90);
    centre.endWrapUp(0, a.id); //              t=90  slot free: C assigned after 50 s in queue
    expect(c.agent).toBe(0);
    clock.advance(95);
    centre.agentMessage(0, c.id, 'hi C'); //   t=95  C's first response: FRT 55 s (over 20 s)
    clock.advance(120);
    centre.close(0, c.id); //                  t=120
    clock.advance(130);
    centre.endWrapUp(0, c.id); //              t=130
    clock.advance(200); //                     t=200 the export

    const lines = [...exportLines(scenario, clock.now(), store.allConversations(), store.allSamples(), (id) => centre.conversation(id))];
    const m = measureRecords([{ file: 'export.jsonl', lines }]).summary.metrics;
    const value = (name: keyof typeof m) => m[name].mean;
    expect(value('offered')).toBe(3);
    expect(value('answered')).toBe(2);
    expect(value('abandonRate')).toBeCloseTo(1 / 3, 12); //  B, in queue
    expect(value('frtMean')).toBeCloseTo((12 + 55) / 2, 12);
    expect(value('serviceLevel')).toBeCloseTo(1 / 3, 12); // only A within 20 s, over all offered
    expect(value('queuedRate')).toBeCloseTo(2 / 3, 12); //   B and C queued
    expect(value('queueWaitMean')).toBeCloseTo((30 + 50) / 2, 12);
    expect(value('queueWaitMeanAll')).toBeCloseTo(80 / 3, 12);
    expect(value('timeToAbandonMean')).toBeCloseTo(30, 12);
    expect(value('conversationDurationMean')).toBeCloseTo((60 + 80) / 2, 12); // arrival → close
    expect(value('wrapUpMean')).toBeCloseTo((30 + 10) / 2, 12);

    // the compare-live document's measured side: the same histogram and interval rows, from the same code
    const side = readMeasured(lines.join('\n') + '\n', 'export.jsonl').side;
    expect(side).toMatchObject({ source: 'export', slTimeSec: 20, intervalSec: scenario.intervalSec, clockOffsetSec: null });
    const share = side.frt!.share;
    expect(share[2]).toBe(0.5); //  A: 12 s in (10, 15]
    expect(share[10]).toBe(0.5); // C: 55 s in (50, 55]
    expect(share.reduce((x, y) => x! + (y ?? 0), 0)).toBe(1);
    const first = side.intervals![0];
    expect([first.start, first.arrivals, first.offered, first.answered]).toEqual(['00:00', 3, 3, 2]);
    expect(first.frtMean).toBeCloseTo((12 + 55) / 2, 12);
    expect(side.intervals!.slice(1).every((r) => r.arrivals === 0)).toBe(true);

    // moved onto another clock (a trace's: 09:00 for the backend's 0), the same metrics fall in the 09:00 interval
    const moved = measureRecords([{ file: 'export.jsonl', lines }], { shiftSec: 9 * 3600 }).summary;
    for (const name of ['offered', 'answered', 'abandonRate', 'frtMean', 'serviceLevel', 'queueWaitMean', 'wrapUpMean'] as const) expect(moved.metrics[name].mean, name).toBeCloseTo(m[name].mean!, 12);
    const nine = moved.intervals.find((r) => r.start === '09:00')!;
    expect([nine.arrivals, nine.offered, nine.answered]).toEqual([3, 3, 2]);
    expect(nine.frtMean).toBeCloseTo((12 + 55) / 2, 12);
    expect(moved.intervals.filter((r) => (r.arrivals ?? 0) > 0).map((r) => r.start)).toEqual(['09:00']);
  });
});
