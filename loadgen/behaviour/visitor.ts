// The replayed visitor: starts at its trace instant, sends the first message (tagged with its
// trace index, see timeline.ts), waits up to its patience for the first manual reply (then leaves,
// or leaves a message, as the trace says, and may come back as a retry), then talks its rounds with
// the trace's think times, and stops when the conversation closes (the agent's close, or the silent
// close); a return may follow. Pure over the ports;
// imports only the kernel and the behaviour's own files.

import { closesSilently } from '../../core/operations.js';
import type { Scenario } from '../../core/scenario.js';
import type { TraceVisit, TraceVisitor } from '../../core/trace.js';
import { Mailbox, sleepUntilOrStop, type StopSignal } from './mailbox.js';
import type { Clock, Recorder, VisitorEvent, VisitorTransport } from './ports.js';
import { firstMessageText, retryVisit, returnVisit, wallAt, wallMs, type ReplayTimeline } from './timeline.js';

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
 * Plays trace visitor `index` (`v`) over `transport`: its visit; while a visit is abandoned in
 * queue, the next retry the trace gives it (`afterSec` after leaving, a new conversation with the
 * same visitor token; only before the window's end); then, after the served visit's release, each
 * return (`afterSec` later, with the same token so the backend can route it back to the same
 * agent; only before the window's end). Resolves with the first
 * visit's outcome when the visitor is done; never rejects (a failed call is recorded and ends the
 * visitor as `failed`). Each visit's outcome goes to the recorder.
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
  /** Conversations an agent was assigned to (a visitor who leaves after assignment does not retry, as in the model). */
  const assigned = new Set<number>();
  transport.onEvent((e) => {
    if (e.type === 'assigned') assigned.add(e.conversationId);
    if (conversationId < 0) early.push(e);
    else if (e.conversationId === conversationId) box.push(e);
  });
  const group = ctx.scenario.groups[v.group].id;
  const priorityClass = v.class !== undefined && ctx.scenario.classes ? ctx.scenario.classes[v.class].id : undefined;
  const silentSec = ctx.scenario.groups[v.group].silentCloseSec ?? Infinity;
  const isReply = (e: VisitorEvent) => (e.type === 'message' && e.author === 'agent') || e.type === 'closed';
  let token: string | undefined;
  let firstOutcome: VisitOutcome | undefined;

  /** One visit, from its first message to its close; whether it got a first reply (served). */
  async function visit(k: number, draw: TraceVisit): Promise<VisitOutcome> {
    const started = await transport.start({ message: firstMessageText(index, k), group, ...(priorityClass !== undefined ? { priorityClass } : {}), ...(token !== undefined ? { visitorToken: token } : {}) });
    conversationId = started.conversationId;
    token = started.visitorToken;
    recorder.messageSent('visitor', conversationId);
    for (const e of early.splice(0)) if (e.conversationId === conversationId) box.push(e);
    const sentMs = clock.now();
    // Patience runs from the first message to the first manual reply (automatic messages do not count).
    const first = await box.take(isReply, draw.patienceSec === Infinity ? Infinity : sentMs + wallMs(timeline, draw.patienceSec));
    if (first === undefined) {
      if (stop.stopped) return 'stopped';
      await transport.leave(conversationId);
      return v.leavesMessage ? 'leftMessage' : 'abandoned';
    }
    if (first.type === 'closed') return 'closed';
    recorder.messageReceived('visitor', conversationId);
    recorder.firstResponse?.(index, clock.now() - sentMs);
    for (let r = 1; r < draw.replySec.length; r++) {
      // A think time past the group's silent close: the visitor stays silent and the system closes it.
      if (closesSilently(draw.thinkSec[r - 1], silentSec)) break;
      // Think, unless the conversation closes meanwhile.
      const closedWhileThinking = await box.take((e) => e.type === 'closed', clock.now() + wallMs(timeline, draw.thinkSec[r - 1]));
      if (closedWhileThinking !== undefined) return 'closed';
      if (stop.stopped) return 'stopped';
      await transport.send(conversationId, followUpText(r));
      recorder.messageSent('visitor', conversationId);
      const askedMs = clock.now();
      const answer = await box.take(isReply);
      if (answer === undefined) return 'stopped';
      if (answer.type === 'closed') return 'closed';
      recorder.messageReceived('visitor', conversationId);
      recorder.responseTime?.(index, clock.now() - askedMs);
    }
    // The last reply is in (or the visitor fell silent): the agent closes it, or the silent close does.
    const closed = await box.take((e) => e.type === 'closed');
    return closed === undefined ? 'stopped' : 'served';
  }

  const scheduledMs = wallAt(timeline, v.at);
  if (!(await sleepUntilOrStop(clock, scheduledMs, stop))) return end('stopped');
  recorder.arrivalLag(index, clock.now() - scheduledMs);
  try {
    let outcome = end(await visit(0, v));
    const retries = v.retries ?? [];
    for (let k = 0; k < retries.length && outcome === 'abandoned' && !assigned.has(conversationId); k++) {
      // left the queue: back `afterSec` after leaving, a new conversation, before the window's end
      const backAt = clock.now() + wallMs(timeline, retries[k].afterSec);
      if (backAt >= wallAt(timeline, timeline.toSec)) return firstOutcome!;
      if (!(await sleepUntilOrStop(clock, backAt, stop))) return firstOutcome!;
      conversationId = -1;
      outcome = end(await visit(retryVisit(k), retries[k]));
    }
    const returns = v.returns ?? [];
    for (let k = 0; k < returns.length && (outcome === 'served' || outcome === 'closed'); k++) {
      // back `afterSec` after the release (the end of the agent's wrap-up), before the window's end
      const released = await box.take((e) => e.type === 'released');
      if (released === undefined) return firstOutcome!;
      const backAt = clock.now() + wallMs(timeline, returns[k].afterSec);
      if (backAt >= wallAt(timeline, timeline.toSec)) break;
      if (!(await sleepUntilOrStop(clock, backAt, stop))) break;
      conversationId = -1;
      outcome = end(await visit(returnVisit(v, k), returns[k]));
    }
    return firstOutcome!;
  } catch (e) {
    recorder.error(`visitor ${index}`, (e as Error).message);
    return firstOutcome ?? 'failed';
  } finally {
    await transport.close().catch(() => {});
  }

  function end(o: VisitOutcome): VisitOutcome {
    firstOutcome ??= o;
    if (o !== 'failed') recorder.outcome?.(index, o, conversationId);
    return o;
  }
}
