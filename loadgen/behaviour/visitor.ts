// The replayed visitor: starts at its trace instant, sends the first message (tagged with its
// trace index, see timeline.ts), waits up to its patience for the first manual reply (then leaves,
// or leaves a message, as the trace says), then talks its rounds with the trace's think times, and
// stops when the conversation closes (the agent's close, or the silent close). Pure over the ports;
// imports only the kernel and the behaviour's own files.

import { closesSilently } from '../../core/operations.js';
import type { Scenario } from '../../core/scenario.js';
import type { TraceVisitor } from '../../core/trace.js';
import { Mailbox, sleepUntilOrStop, type StopSignal } from './mailbox.js';
import type { Clock, Recorder, VisitorEvent, VisitorTransport } from './ports.js';
import { firstMessageText, wallAt, wallMs, type ReplayTimeline } from './timeline.js';

/** What every visitor of a replay shares. */
export interface VisitorContext {
  clock: Clock;
  timeline: ReplayTimeline;
  scenario: Scenario;
  recorder: Recorder;
  stop: StopSignal;
}

/** How a replayed visit ended, from the visitor's side. */
export type VisitOutcome = 'served' | 'abandoned' | 'leftMessage' | 'deflected' | 'closed' | 'stopped' | 'failed';

/** The text of visitor message k (k ≥ 1) of a conversation. */
export function followUpText(k: number): string {
  return `message ${k}`;
}

/**
 * Plays trace visitor `index` (`v`) over `transport`. Resolves when the visit is over; never
 * rejects (a failed call is recorded and ends the visit as `failed`).
 * @example await runVisitor(ctx, 12, trace.visitors[12], transport);
 */
export async function runVisitor(ctx: VisitorContext, index: number, v: TraceVisitor, transport: VisitorTransport): Promise<VisitOutcome> {
  const { clock, timeline, recorder, stop } = ctx;
  // A deflected visitor needs no person; a follow-up after a card is not replayed (the card is the
  // backend's business, not the load's): both are left to the prediction.
  if (v.deflection !== undefined) {
    recorder.outcome?.(index, 'deflected', -1);
    return 'deflected';
  }
  const box = new Mailbox<VisitorEvent>(clock, stop);
  let conversationId = -1;
  const early: VisitorEvent[] = [];
  transport.onEvent((e) => {
    if (conversationId < 0) early.push(e);
    else if (e.conversationId === conversationId) box.push(e);
  });
  const scheduledMs = wallAt(timeline, v.at);
  if (!(await sleepUntilOrStop(clock, scheduledMs, stop))) return end('stopped');
  recorder.arrivalLag(index, clock.now() - scheduledMs);
  const group = ctx.scenario.groups[v.group].id;
  const priorityClass = v.class !== undefined && ctx.scenario.classes ? ctx.scenario.classes[v.class].id : undefined;
  try {
    const started = await transport.start({ message: firstMessageText(index), group, ...(priorityClass !== undefined ? { priorityClass } : {}) });
    conversationId = started.conversationId;
    recorder.messageSent('visitor', conversationId);
    for (const e of early.splice(0)) if (e.conversationId === conversationId) box.push(e);
    const sentMs = clock.now();
    const isReply = (e: VisitorEvent) => (e.type === 'message' && e.author === 'agent') || e.type === 'closed';
    // Patience runs from the first message to the first manual reply (automatic messages do not count).
    const first = await box.take(isReply, v.patienceSec === Infinity ? Infinity : sentMs + wallMs(timeline, v.patienceSec));
    if (first === undefined) {
      if (stop.stopped) return end('stopped');
      await transport.leave(conversationId);
      return end(v.leavesMessage ? 'leftMessage' : 'abandoned');
    }
    if (first.type === 'closed') return end('closed');
    recorder.messageReceived('visitor', conversationId);
    recorder.firstResponse?.(index, clock.now() - sentMs);
    const silentSec = ctx.scenario.groups[v.group].silentCloseSec ?? Infinity;
    for (let k = 1; k < v.replySec.length; k++) {
      // A think time past the group's silent close: the visitor stays silent and the system closes it.
      if (closesSilently(v.thinkSec[k - 1], silentSec)) break;
      // Think, unless the conversation closes meanwhile.
      const closedWhileThinking = await box.take((e) => e.type === 'closed', clock.now() + wallMs(timeline, v.thinkSec[k - 1]));
      if (closedWhileThinking !== undefined) return end('closed');
      if (stop.stopped) return end('stopped');
      await transport.send(conversationId, followUpText(k));
      recorder.messageSent('visitor', conversationId);
      const askedMs = clock.now();
      const answer = await box.take(isReply);
      if (answer === undefined) return end('stopped');
      if (answer.type === 'closed') return end('closed');
      recorder.messageReceived('visitor', conversationId);
      recorder.responseTime?.(index, clock.now() - askedMs);
    }
    // The last reply is in (or the visitor fell silent): the agent closes it, or the silent close does.
    const closed = await box.take((e) => e.type === 'closed');
    return end(closed === undefined ? 'stopped' : 'served');
  } catch (e) {
    recorder.error(`visitor ${index}`, (e as Error).message);
    return end('failed');
  } finally {
    await transport.close().catch(() => {});
  }

  function end(o: VisitOutcome): VisitOutcome {
    if (o !== 'failed') recorder.outcome?.(index, o, conversationId);
    return o;
  }
}
