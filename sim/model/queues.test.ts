// The model's next-chat scan against the kernel's plain rule: thousands of random changes to the
// queues, messages, returning visitors and agents, and after each the scan must choose what
// `nextChat` chooses over views built from the same state.

import { describe, expect, it } from 'vitest';
import { nextChat, type GroupQueueView, type NextChatAgentView } from '../../core/routing/next-chat.js';
import { priorityBoostSec } from '../../core/routing/queue-key.js';
import { stream } from '../engine/random.js';
import { Agent } from './agents.js';
import { Conversation, State, newLog } from './conversation.js';
import type { GroupRuntime } from './groups.js';
import { NextChatScan } from './queues.js';

/** Just the queue part of a group (the scan reads nothing else). */
function queueGroup(classes: number[] | null): GroupRuntime {
  return {
    queue: [], head: 0, queued: 0,
    classes: classes === null ? null : classes.map((p) => ({ queue: [], head: 0, queued: 0, boost: priorityBoostSec(p, 1.5) })),
    messages: { queue: [], head: 0, queued: 0 },
  } as unknown as GroupRuntime;
}

const live = (cs: Conversation[], state: number) => cs.filter((c) => c.state === state);

function views(groups: GroupRuntime[]): GroupQueueView[] {
  return groups.map((g) => ({
    classes: g.classes === null ? [live(g.queue, State.QUEUED)] : g.classes.map((cq) => live(cq.queue, State.QUEUED)),
    boostSec: g.classes === null ? [0] : g.classes.map((cq) => cq.boost),
    messages: live(g.messages.queue, State.MESSAGE),
  }));
}

function agentView(a: Agent): NextChatAgentView {
  return {
    skills: a.skills,
    levels: a.levels,
    overflowFrom: (a.overflowFrom ?? []).map((o) => ({ groupIndex: o.groupIndex, afterSec: o.afterSec })),
    reserved: live(a.reserved ?? [], State.RESERVED),
  };
}

describe('NextChatScan (the fast agent-side choice)', () => {
  it('chooses what the kernel\'s nextChat chooses, through random changes', () => {
    const rng = stream('next-chat', 'property');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const groups = [queueGroup(null), queueGroup([90, 0]), queueGroup([30, 10, 0]), queueGroup(null)];
    const agents: Agent[] = [];
    for (let i = 0; i < 12; i++) {
      const skills = [0, 1, 2, 3].filter(() => rng() < 0.45);
      if (skills.length === 0) skills.push(Math.floor(rng() * 4));
      const a = new Agent(i, 3, 1, 1, 0, skills, groups.length);
      if (rng() < 0.4) a.levels = skills.map(() => 1 + Math.floor(rng() * 3));
      const others = [0, 1, 2, 3].filter((g) => !skills.includes(g) && rng() < 0.5);
      if (others.length > 0) a.overflowFrom = others.map((gi) => ({ g: groups[gi], groupIndex: gi, afterSec: pick([0, 20, 45, 120]) }));
      if (rng() < 0.5) a.reserved = [];
      agents.push(a);
    }
    const scan = new NextChatScan(groups, true);
    const queued: Conversation[] = [];
    let id = 0;
    let now = 0;
    const counts = { reserved: 0, own: 0, overflow: 0, message: 0, none: 0 };
    const unqueue = (c: Conversation) => {
      const g = groups[c.groupIndex];
      g.queued--;
      if (g.classes !== null) g.classes[c.classIndex].queued--;
    };
    const enqueue = (c: Conversation) => {
      const g = groups[c.groupIndex];
      c.state = State.QUEUED;
      if (g.classes === null) g.queue.push(c);
      else { g.classes[c.classIndex].queue.push(c); g.classes[c.classIndex].queued++; }
      g.queued++;
      queued.push(c);
    };
    for (let step = 0; step < 20000; step++) {
      now += Math.floor(rng() * 4); // coarse clock: equal keys and instants happen
      const u = rng();
      const liveQueued = queued.filter((c) => c.state === State.QUEUED);
      if (u < 0.35) {
        // a new chat joins a queue (sometimes a returning visitor with an earlier queued instant)
        const gi = Math.floor(rng() * groups.length);
        const c = new Conversation(id++, gi, 1, newLog(1, now, Infinity));
        c.queuedAt = rng() < 0.1 ? now - Math.floor(rng() * 200) : now;
        const g = groups[gi];
        if (g.classes !== null) c.classIndex = Math.floor(rng() * g.classes.length);
        enqueue(c);
      } else if (u < 0.45 && liveQueued.length > 0) {
        // patience runs out
        const c = pick(liveQueued);
        unqueue(c);
        c.state = State.ENDED;
      } else if (u < 0.52 && liveQueued.length > 0) {
        // the visitor leaves a message
        const c = pick(liveQueued);
        unqueue(c);
        c.state = State.MESSAGE;
        c.messageAt = now;
        const m = groups[c.groupIndex].messages;
        m.queue.push(c);
        m.queued++;
      } else if (u < 0.58) {
        // a returning visitor waits for their agent
        const a = pick(agents.filter((x) => x.reserved !== null));
        const c = new Conversation(id++, pick(a.skills), 1, newLog(1, now, Infinity));
        c.state = State.RESERVED;
        c.queuedAt = now;
        a.reserved!.push(c);
      } else if (u < 0.62) {
        // a wait for the agent ends: the fallback queues the visitor with their earlier queuedAt
        const waiting = agents.flatMap((a) => live(a.reserved ?? [], State.RESERVED));
        if (waiting.length > 0) enqueue(pick(waiting));
      } else if (u < 0.64) {
        // an overflow ring assigns a queued chat directly
        if (liveQueued.length > 0) { const c = pick(liveQueued); unqueue(c); c.state = State.ASSIGNED; }
      }
      // an agent frees a slot: the scan must choose what the kernel chooses
      const a = pick(agents);
      const want = nextChat(agentView(a), views(groups), now);
      const got = scan.find(a, now);
      expect(got).toBe(want === null ? null : want.chat);
      counts[want === null ? 'none' : want.source]++;
      if (got !== null && rng() < 0.7) {
        scan.take(a);
        got.state = State.ASSIGNED;
        expect(scan.find(a, now)).toBe(nextChat(agentView(a), views(groups), now)?.chat ?? null);
      }
      // the live counts the scan relies on stay true
      if (step % 500 === 0) {
        for (const g of groups) {
          const v = g.classes === null ? live(g.queue, State.QUEUED).length : g.classes.reduce((n, cq) => n + live(cq.queue, State.QUEUED).length, 0);
          expect(g.queued).toBe(v);
          expect(g.messages.queued).toBe(live(g.messages.queue, State.MESSAGE).length);
        }
      }
    }
    // every branch of the rule was exercised
    for (const k of ['reserved', 'own', 'overflow', 'message', 'none'] as const) expect(counts[k]).toBeGreaterThan(200);
  });
});
