// The pure behaviour under a fake clock and fake transports: the visitor's start instant, patience,
// rounds and silent close; the agent bot's reply law, close, wrap-up, lurking and shifts.

import { describe, expect, it } from 'vitest';
import { simpleScenario } from '../../backend/test-helpers/scenario.js';
import type { Scenario } from '../../core/scenario.js';
import type { TraceVisitor } from '../../core/trace.js';
import { MAX_REPLY_LEAD_MS, ReplyAim, runAgentBot } from './agent-bot.js';
import { StopSignal } from './mailbox.js';
import { FakeAgentTransport, FakeClock, FakeVisitorTransport, MemoryRecorder } from './test-helpers/fakes.js';
import { firstMessageText, replayStartSec, traceVisit, visitorOfMessage, type ReplayTimeline } from './timeline.js';
import { runVisitor } from './visitor.js';

const SCALE = 10; // 10 scenario seconds per wall second: 1 scenario second = 100 wall ms

function visitor(over: Partial<TraceVisitor> = {}): TraceVisitor {
  return { at: 100, group: 0, patienceSec: 60, replySec: [20, 10], thinkSec: [30], wrapUpSec: 40, ...over };
}

function setup(scenario: Scenario = simpleScenario()) {
  const clock = new FakeClock();
  const timeline: ReplayTimeline = { t0Sec: 50, toSec: 3600, timeScale: SCALE, startWallMs: 0 };
  const recorder = new MemoryRecorder();
  const stop = new StopSignal();
  const finish = new StopSignal();
  return { clock, timeline, recorder, stop, finish, scenario };
}

describe('timeline', () => {
  it('names the trace visitor in the first message', () => {
    expect(visitorOfMessage(firstMessageText(12))).toEqual({ index: 12, visit: 0 });
    expect(visitorOfMessage(firstMessageText(3, 2))).toEqual({ index: 3, visit: 2 });
    expect(visitorOfMessage('hello')).toBeUndefined();
  });

  it('starts at the first arrival or the first agent online, whichever is earlier', () => {
    const s = simpleScenario({ agents: '    shifts: [{ start: "08:00", end: "17:00" }]' });
    expect(replayStartSec(s, 9 * 3600)).toBe(8 * 3600);
    expect(replayStartSec(s, 7 * 3600)).toBe(7 * 3600);
    expect(replayStartSec(s, 9 * 3600, 8.5 * 3600)).toBe(8.5 * 3600);
  });
});

describe('visitor', () => {
  it('starts at its instant, waits for the reply, talks its rounds and stops at the close', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const done = runVisitor(ctx, 7, visitor(), t);
    await ctx.clock.run(5000);
    // arrival 100 s, T0 50 s, scale 10: 5 s wall
    expect(t.calls).toEqual([[5000, `start sales ${firstMessageText(7)}`]]);
    ctx.clock.t = 6000;
    t.emit({ type: 'message', conversationId: 1, author: 'system', text: 'we got it', at: 0, messageId: 2 });
    t.emit({ type: 'message', conversationId: 1, author: 'agent', text: 'hi', at: 0, messageId: 3 });
    await ctx.clock.run(8999);
    expect(t.calls.length).toBe(1);
    await ctx.clock.run(9000); // think 30 s = 3 s wall after the reply at 6 s
    expect(t.calls[1]).toEqual([9000, 'send 1 message 1']);
    t.emit({ type: 'message', conversationId: 1, author: 'agent', text: 'answer', at: 0, messageId: 5 });
    t.emit({ type: 'closed', conversationId: 1, reason: 'agent', at: 0 });
    await ctx.clock.run();
    expect(await done).toBe('served');
    expect(ctx.recorder.frt).toEqual([[7, 1000]]);
    expect(ctx.recorder.lags).toEqual([[7, 0]]);
  });

  it('leaves when its patience runs out before the first manual reply', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const done = runVisitor(ctx, 0, visitor({ patienceSec: 60 }), t);
    await ctx.clock.run();
    expect(await done).toBe('abandoned');
    expect(t.calls.map((c) => c[0])).toEqual([5000, 11000]);
    expect(t.calls[1][1]).toBe('leave 1');
  });

  it('says it left a message when the trace says so', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const done = runVisitor(ctx, 0, visitor({ leavesMessage: true }), t);
    await ctx.clock.run();
    expect(await done).toBe('leftMessage');
  });

  it('falls silent at a think time past the silent close and waits for the system to close', async () => {
    const base = simpleScenario();
    const scenario = { ...base, groups: [{ ...base.groups[0], silentCloseSec: 20 }] };
    const ctx = setup(scenario);
    const t = new FakeVisitorTransport(ctx.clock);
    const done = runVisitor(ctx, 0, visitor({ thinkSec: [30] }), t);
    await ctx.clock.run(5000);
    t.emit({ type: 'message', conversationId: 1, author: 'agent', text: 'hi', at: 0, messageId: 3 });
    await ctx.clock.run(20_000);
    expect(t.calls.length).toBe(1);
    t.emit({ type: 'closed', conversationId: 1, reason: 'silence', at: 0 });
    expect(await done).toBe('served');
  });

  it('comes back after a served visit\'s release, with its token and the return\'s tag', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const v = visitor({ replySec: [20], thinkSec: [], returns: [{ afterSec: 60, patienceSec: 30, replySec: [10], thinkSec: [], wrapUpSec: 5 }] });
    const done = runVisitor(ctx, 4, v, t);
    await ctx.clock.run(5000);
    t.emit({ type: 'message', conversationId: 1, author: 'agent', text: 'hi', at: 0, messageId: 3 });
    t.emit({ type: 'closed', conversationId: 1, reason: 'agent', at: 0 });
    await ctx.clock.run(5000);
    ctx.clock.t = 7000;
    t.emit({ type: 'released', conversationId: 1, at: 0 });
    await ctx.clock.run(); // back 60 s = 6 s wall after the release; nobody answers: leaves after 30 s = 3 s
    expect(await done).toBe('served');
    expect(t.calls).toEqual([[5000, `start sales ${firstMessageText(4)}`], [13_000, `start sales ${firstMessageText(4, 1)} (token v)`], [16_000, 'leave 1']]);
    expect(ctx.recorder.outcomes.get(4)).toBe('abandoned');
  });

  it('comes back after abandoning in queue, delay / timeScale later, as a new conversation with its token', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const retry = (afterSec: number, patienceSec: number) => ({ afterSec, patienceSec, replySec: [10], thinkSec: [], wrapUpSec: 5 });
    const v = visitor({ replySec: [20], thinkSec: [], retries: [retry(30, 20), retry(10, 40)] });
    const done = runVisitor(ctx, 4, v, t);
    await ctx.clock.run(); // leaves at 5 s + 60 s / 10; back 3 s later, leaves 2 s later; back 1 s later, leaves 4 s later
    expect(await done).toBe('abandoned');
    expect(t.calls).toEqual([
      [5000, `start sales ${firstMessageText(4)}`], [11_000, 'leave 1'],
      [14_000, `start sales ${firstMessageText(4, 1)} (token v)`], [16_000, 'leave 1'],
      [17_000, `start sales ${firstMessageText(4, 2)} (token v)`], [21_000, 'leave 1'],
    ]);
  });

  it('does not retry after leaving an assigned conversation, nor after the window; a served retry is followed by the returns', async () => {
    const retry = { afterSec: 30, patienceSec: 20, replySec: [10], thinkSec: [], wrapUpSec: 5 };
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    const done = runVisitor(ctx, 4, visitor({ retries: [retry] }), t);
    await ctx.clock.run(5000);
    t.emit({ type: 'assigned', conversationId: 1, agent: 'a', at: 0 });
    await ctx.clock.run();
    expect(await done).toBe('abandoned');
    expect(t.calls.map((c) => c[1])).toEqual([`start sales ${firstMessageText(4)}`, 'leave 1']);

    const late = setup();
    const t2 = new FakeVisitorTransport(late.clock);
    // arrival 3500 s, leaves at 3560 s; back at 3610 s would fall beyond the window's end (3600 s)
    await Promise.all([runVisitor(late, 1, visitor({ at: 3500, retries: [{ ...retry, afterSec: 50 }] }), t2), late.clock.run()]);
    expect(t2.calls.map((c) => c[1])).toEqual([`start sales ${firstMessageText(1)}`, 'leave 1']);

    const back = setup();
    const t3 = new FakeVisitorTransport(back.clock);
    const ret = { afterSec: 60, patienceSec: 30, replySec: [10], thinkSec: [], wrapUpSec: 5 };
    const v = visitor({ replySec: [20], thinkSec: [], retries: [retry, retry], returns: [ret] });
    const served = runVisitor(back, 2, v, t3);
    await back.clock.run(11_000); // the first visit leaves at 11 s; the retry starts at 14 s
    await back.clock.run(14_000);
    t3.emit({ type: 'message', conversationId: 1, author: 'agent', text: 'hi', at: 0, messageId: 3 });
    t3.emit({ type: 'closed', conversationId: 1, reason: 'agent', at: 0 });
    await back.clock.run(15_000);
    back.clock.t = 15_000;
    t3.emit({ type: 'released', conversationId: 1, at: 0 });
    await back.clock.run();
    expect(await served).toBe('abandoned');
    // the return is visit 3 (after the trace's two retries), 6 s after the release
    expect(t3.calls.map((c) => c[1])).toEqual([`start sales ${firstMessageText(2)}`, 'leave 1', `start sales ${firstMessageText(2, 1)} (token v)`, `start sales ${firstMessageText(2, 3)} (token v)`, 'leave 1']);
    expect(t3.calls[3][0]).toBe(21_000);
    expect(traceVisit(v, 1)).toBe(v.retries![0]);
    expect(traceVisit(v, 3)).toBe(v.returns![0]);
    expect(traceVisit(v, 4)).toBeUndefined();
  });

  it('is not replayed when deflected', async () => {
    const ctx = setup();
    const t = new FakeVisitorTransport(ctx.clock);
    expect(await runVisitor(ctx, 0, visitor({ deflection: 'deflected' }), t)).toBe('deflected');
    expect(t.calls).toEqual([]);
  });
});

describe('agent bot', () => {
  const trace = [visitor(), visitor({ replySec: [30], noReplyNeeded: true })];

  function botSetup(scenario?: Scenario) {
    const ctx = setup(scenario);
    const t = new FakeAgentTransport(ctx.clock);
    return { ctx: { ...ctx, visitors: (i: number) => trace[i] }, t };
  }

  it('replies through the reply law with the chats held now, closes and ends the wrap-up', async () => {
    const base = simpleScenario();
    const scenario = { ...base, agents: [{ ...base.agents[0], speed: 2, slowdown: 0.5 }] };
    const { ctx, t } = botSetup(scenario);
    const done = runAgentBot(ctx, 0, t);
    await ctx.clock.run(0);
    expect(t.calls).toEqual([[0, 'login'], [0, 'status online']]);
    ctx.clock.t = 1000;
    t.emit({ type: 'assigned', conversationId: 5, at: 0, firstMessage: firstMessageText(0) });
    t.emit({ type: 'assigned', conversationId: 6, at: 0, firstMessage: firstMessageText(1) });
    // conversation 5 came alone (held 1): base 20 s, speed 2 → 10 s = 1 s wall
    // conversation 6 came second (held 2): 30 / 2 × 1.5 = 22.5 s = 2.25 s wall
    await ctx.clock.run(1999);
    expect(t.calls.slice(2)).toEqual([]);
    await ctx.clock.run(2500);
    expect(t.calls.slice(2)).toEqual([[2000, 'send 5 reply 1']]);
    await ctx.clock.run(3250);
    expect(t.calls.slice(3)).toEqual([[3250, 'send 6 reply 1'], [3250, 'no-reply-needed 6'], [3250, 'close 6']]);
    // wrap-up of 6: 40 s = 4 s wall
    ctx.clock.t = 4000;
    t.emit({ type: 'message', conversationId: 5, author: 'visitor', text: 'message 1', at: 0, messageId: 9 });
    // held still 2 (6 in wrap-up): 10 / 2 × 1.5 = 7.5 s = 750 ms
    await ctx.clock.run(4750);
    expect(t.calls.slice(6)).toEqual([[4750, 'send 5 reply 2'], [4750, 'close 5']]);
    await ctx.clock.run(10_000);
    expect(t.calls.slice(8)).toEqual([[7250, 'end-wrap-up 6'], [8750, 'end-wrap-up 5']]);
    ctx.finish.stop();
    await ctx.clock.run();
    const summary = await done;
    expect(summary).toMatchObject({ assigned: 2, replies: 3, closed: 2, ignored: 0 });
    expect(t.calls.at(-1)).toEqual([8750, 'status offline']);
  });

  it('ignores chats as a lurker (reply probability 0) and lets them go on a transfer', async () => {
    const base = simpleScenario();
    const scenario = { ...base, agents: [{ ...base.agents[0], replyProbability: 0 }] };
    const { ctx, t } = botSetup(scenario);
    const done = runAgentBot(ctx, 0, t);
    await ctx.clock.run(0);
    t.emit({ type: 'assigned', conversationId: 5, at: 0, firstMessage: firstMessageText(0) });
    await ctx.clock.run(60_000);
    t.emit({ type: 'transferredAway', conversationId: 5, to: 'team-2', at: 0 });
    ctx.finish.stop();
    await ctx.clock.run();
    expect((await done).ignored).toBe(1);
    expect(t.calls.map((c) => c[1])).toEqual(['login', 'status online', 'status offline']);
  });

  it('goes online and offline by its shift, from T0', async () => {
    const scenario = simpleScenario({ agents: '    shifts: [{ start: "00:02", end: "00:03" }, { start: "00:05", end: "02:00" }]' });
    const { ctx, t } = botSetup(scenario);
    const done = runAgentBot(ctx, 0, t);
    await ctx.clock.run(100_000);
    ctx.clock.t = 100_000;
    ctx.finish.stop();
    await ctx.clock.run();
    await done;
    // T0 = 50 s; 120 s → 7 s wall, 180 s → 13 s, 300 s → 25 s; the window ends at 3600 s
    expect(t.calls).toEqual([[0, 'login'], [7000, 'status online'], [13_000, 'status offline'], [25_000, 'status online'], [100_000, 'status offline']]);
  });

  it('learns the lead that lands replies on time, within its bound', () => {
    const aim = new ReplyAim();
    // a machine whose timers fire 8 ms late and whose sends take a 4 ms round trip: 10 ms late
    for (let i = 0; i < 60; i++) {
      const aimMs = 1000 * i;
      const sent = aimMs - aim.leadMs + 8;
      aim.landed(aimMs, sent, sent + 4);
    }
    expect(aim.leadMs).toBeCloseTo(10, 3);
    for (let i = 0; i < 60; i++) aim.landed(0, 500, 500);
    expect(aim.leadMs).toBe(MAX_REPLY_LEAD_MS);
  });

  it('takes a reply refused because the visitor just left as the race it is, not a failure', async () => {
    const { ctx, t } = botSetup();
    const done = runAgentBot(ctx, 0, t);
    await ctx.clock.run(0);
    t.refuseNextSend = true;
    t.emit({ type: 'assigned', conversationId: 5, at: 0, firstMessage: firstMessageText(0) });
    await ctx.clock.run(10_000);
    ctx.finish.stop();
    await ctx.clock.run();
    await done;
    expect(ctx.recorder.errors).toEqual([]);
    expect(t.calls.map((c) => c[1])).toEqual(['login', 'status online', 'send 5 reply 1', 'status offline']);
  });

  it('stops at once on Ctrl-C', async () => {
    const { ctx, t } = botSetup();
    const done = runAgentBot(ctx, 0, t);
    await ctx.clock.run(0);
    t.emit({ type: 'assigned', conversationId: 5, at: 0, firstMessage: firstMessageText(0) });
    ctx.stop.stop();
    await ctx.clock.run();
    expect((await done).replies).toBe(0);
  });
});
