// The replayed agent: logs in, goes online and offline by its shift (the kernel's onlineSpans),
// takes assignments, answers each visitor message after the trace's base delay for that visitor
// through the kernel's replyDelay (speed, slowdown, chats held now), closes after the last round,
// ends the wrap-up after the visitor's wrap-up draw, and ignores a chat as a lurker would (reply
// probability, one draw per assignment). Pure over the ports; imports only the kernel and the
// behaviour's own files.

import { replyDelay } from '../../core/reply-delay.js';
import { onlineSpans } from '../../core/roster.js';
import type { AgentGroup, Scenario } from '../../core/scenario.js';
import type { TraceVisit, TraceVisitor } from '../../core/trace.js';
import { Mailbox, mergeSignals, sleepUntilOrStop, type StopSignal } from './mailbox.js';
import type { AgentEvent, AgentTransport, Clock, Recorder } from './ports.js';
import { traceVisit, visitorOfMessage, wallAt, wallMs, type ReplayTimeline } from './timeline.js';

/** What every bot of a replay shares. */
export interface AgentBotContext {
  clock: Clock;
  timeline: ReplayTimeline;
  scenario: Scenario;
  /** The trace's visitors by index (the base delays belong to the visitor). */
  visitors: (index: number) => TraceVisitor | undefined;
  recorder: Recorder;
  /** Ctrl-C: everything stops where it is. */
  stop: StopSignal;
  /** No more visitors will come: finish the chats held (replies, closes, wrap-ups), go offline, return. */
  finish: StopSignal;
  /**
   * Called once the bot is logged in (or failed to); the bot then waits for `go` before it reads
   * the timeline, so a runner can fix T0's wall instant after every bot is connected (a cold
   * start takes hundreds of ms: at time scale 600 that is minutes of a centre without agents).
   */
  loggedIn?: () => void;
  go?: Promise<void>;
}

/** The agent group and number of agent `agentIndex` of the roster (`agentTable` order). */
export function agentGroupOf(scenario: Scenario, agentIndex: number): { group: AgentGroup; groupIndex: number } {
  let k = agentIndex;
  for (let gi = 0; gi < scenario.agents.length; gi++) {
    const g = scenario.agents[gi];
    if (k < g.count) return { group: g, groupIndex: gi };
    k -= g.count;
  }
  throw new RangeError(`no agent ${agentIndex} in the roster`);
}

/** A small seeded generator (mulberry32), so a bot's lurker draws repeat from run to run. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Wall ms a refused reply or close waits for the visitor's own leave or close to show up (see `unlessClosed`). */
export const CLOSE_RACE_GRACE_MS = 200;

/** Largest lead (wall ms) a bot takes to land its replies on time. */
export const MAX_REPLY_LEAD_MS = 50;
/** How fast the lead follows the lateness it sees (the gain of an integral controller). */
const LEAD_GAIN = 0.2;

/**
 * Lands replies when the reply law says, not a timer's lateness plus half a round trip after it:
 * a reply is sent `leadMs` before its aim, and each landing (the send's start plus half its round
 * trip) moves the lead by a share of how late or early it was. An integral controller: the mean
 * error goes to 0 whatever the machine's steady lateness, up to {@link MAX_REPLY_LEAD_MS}.
 */
export class ReplyAim {
  leadMs = 0;
  /** A reply aimed at `aimMs` left at `sentMs` and was acknowledged at `ackMs` (clock ms). */
  landed(aimMs: number, sentMs: number, ackMs: number): void {
    const error = sentMs + (ackMs - sentMs) / 2 - aimMs;
    this.leadMs = Math.min(MAX_REPLY_LEAD_MS, Math.max(0, this.leadMs + LEAD_GAIN * error));
  }
}

/** What a bot did (for its runner's summary). */
export interface BotSummary {
  assigned: number;
  replies: number;
  closed: number;
  ignored: number;
  unknownVisitors: number;
}

/**
 * Plays agent `agentIndex` of the roster over `transport` until the end of the timeline's window
 * (its last shift end in it) or the stop. Never rejects; failed calls are recorded.
 * @example await runAgentBot(ctx, 0, transport);
 */
export async function runAgentBot(ctx: AgentBotContext, agentIndex: number, transport: AgentTransport, random = seededRandom(`agent-${agentIndex}`)): Promise<BotSummary> {
  const { clock, timeline, scenario, recorder, stop } = ctx;
  const { group } = agentGroupOf(scenario, agentIndex);
  const replyProbability = group.replyProbability ?? 1;
  const summary: BotSummary = { assigned: 0, replies: 0, closed: 0, ignored: 0, unknownVisitors: 0 };
  const boxes = new Map<number, Mailbox<AgentEvent>>();
  const tasks = new Set<Promise<void>>();
  /** Chats held now, wrap-up included (the kernel's `held`). */
  let held = 0;
  const aim = new ReplyAim();

  const call = async (where: string, f: () => Promise<void>): Promise<boolean> => {
    try {
      await f();
      return true;
    } catch (e) {
      recorder.error(`agent ${agentIndex} ${where}`, (e as Error).message);
      return false;
    }
  };

  transport.onEvent((e) => {
    if (e.type === 'assigned') {
      if (boxes.has(e.conversationId)) return;
      const box = new Mailbox<AgentEvent>(clock, stop);
      boxes.set(e.conversationId, box);
      const task = handle(e.conversationId, e.firstMessage, box, e.receivedMs ?? clock.now()).finally(() => { boxes.delete(e.conversationId); tasks.delete(task); });
      tasks.add(task);
      return;
    }
    boxes.get(e.conversationId)?.push(e);
  });

  /** One conversation, from assignment to the end of its wrap-up. */
  async function handle(id: number, firstMessage: string, box: Mailbox<AgentEvent>, assignedMs: number): Promise<void> {
    held++;
    summary.assigned++;
    try {
      const tag = visitorOfMessage(firstMessage);
      const v = tag === undefined ? undefined : ctx.visitors(tag.index);
      if (v === undefined) summary.unknownVisitors++;
      const visit: TraceVisit | undefined = v === undefined ? undefined : traceVisit(v, tag!.visit);
      const answers = visit !== undefined && (replyProbability >= 1 || random() < replyProbability);
      if (!answers || visit === undefined) {
        // A lurker (or a conversation not from the trace): online, never replies; wait until it
        // moves away (auto-transfer) or closes.
        // (A visitor leaving before any reply ends the conversation: no wrap-up.)
        summary.ignored++;
        await box.take((x) => x.type === 'transferredAway' || x.type === 'closed');
        return;
      }
      // Reply k to the visitor message it answers: the first at assignment, later ones on arrival.
      let fromMs = assignedMs;
      for (let k = 0; k < visit.replySec.length; k++) {
        if (k > 0) {
          const e = await box.take((x) => (x.type === 'message' && x.author === 'visitor') || x.type === 'closed' || x.type === 'transferredAway');
          if (e === undefined) return;
          if (e.type === 'transferredAway') return;
          if (e.type === 'closed') return wrapUp(id, visit.wrapUpSec);
          recorder.messageReceived('agent', id);
          fromMs = clock.now();
        }
        const delayMs = wallMs(timeline, replyDelay(visit.replySec[k], group.speed, group.slowdown, held));
        const aimMs = fromMs + delayMs;
        const interrupt = await box.take((x) => x.type === 'closed' || x.type === 'transferredAway', aimMs - aim.leadMs);
        if (interrupt?.type === 'transferredAway') return;
        // Closed before this reply: before the first, the visitor left (no wrap-up); later, wrap-up.
        if (interrupt?.type === 'closed') return k === 0 ? undefined : wrapUp(id, visit.wrapUpSec);
        if (stop.stopped) return;
        const sentMs = clock.now();
        const sent = await unlessClosed('send', id, box, () => transport.send(id, `reply ${k + 1}`));
        if (sent !== 'done') return sent === 'closed' && k > 0 ? wrapUp(id, visit.wrapUpSec) : undefined;
        aim.landed(aimMs, sentMs, clock.now());
        summary.replies++;
        recorder.messageSent('agent', id);
      }
      if (v?.noReplyNeeded) await call('no-reply-needed', () => transport.noReplyNeeded(id));
      if ((await unlessClosed('close', id, box, () => transport.close(id))) === 'failed') return;
      summary.closed++;
      await wrapUp(id, visit.wrapUpSec);
    } finally {
      held--;
    }
  }

  /**
   * Runs a call on conversation `id`; a refusal because the visitor got there first (they left or
   * closed as the reply came: the `closed` event is in, or comes within
   * {@link CLOSE_RACE_GRACE_MS}) is the race it is, not a failure.
   */
  async function unlessClosed(where: string, id: number, box: Mailbox<AgentEvent>, f: () => Promise<void>): Promise<'done' | 'closed' | 'failed'> {
    try {
      await f();
      return 'done';
    } catch (e) {
      const closed = await box.take((x) => x.type === 'closed', clock.now() + CLOSE_RACE_GRACE_MS);
      if (closed !== undefined) return 'closed';
      recorder.error(`agent ${agentIndex} ${where}`, (e as Error).message);
      return 'failed';
    }
  }

  async function wrapUp(id: number, wrapUpSec: number): Promise<void> {
    if (!(await sleepUntilOrStop(clock, clock.now() + wallMs(timeline, wrapUpSec), stop))) return;
    await call('end-wrap-up', () => transport.endWrapUp(id));
  }

  const ok = await call('login', async () => { await transport.login(); });
  ctx.loggedIn?.();
  if (!ok) return summary;
  if (ctx.go !== undefined) await Promise.race([ctx.go, stop.wait()]);
  const spans = onlineSpans(group, timeline.toSec, scenario.startWeekday ?? 0).filter(([, b]) => b > timeline.t0Sec);
  const either = mergeSignals(stop, ctx.finish);
  for (const [a, b] of spans) {
    if (!(await sleepUntilOrStop(clock, wallAt(timeline, Math.max(a, timeline.t0Sec)), either))) break;
    await call('online', () => transport.setStatus('online'));
    // Offline at the shift's end: no new chats; the ones held are finished (as in the simulator).
    const endSec = Math.min(b, timeline.toSec);
    if (endSec >= timeline.toSec) break;
    if (!(await sleepUntilOrStop(clock, wallAt(timeline, endSec), either))) break;
    await call('offline', () => transport.setStatus('offline'));
  }
  // Until the last visitor is done (or Ctrl-C): then finish what is held and go offline.
  await either.wait();
  while (tasks.size > 0) await Promise.all([...tasks]);
  await call('offline', () => transport.setStatus('offline'));
  await transport.disconnect().catch(() => {});
  return summary;
}
