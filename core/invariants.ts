// Invariants every run must satisfy, checked from its records and agent samples alone: the model
// tests check every run they make, and the backend can check its own as it goes. Imports only the
// kernel's records.

import type { AgentStateSample, ConversationRecord } from './records.js';

const EPS = 1e-9;

/**
 * Returns the list of violated invariants (empty when all hold):
 * never more chats than an agent's cap; no chat held by two agents at once; every offered chat
 * ends in exactly one outcome; no reply before assignment; nothing assigned to an agent off shift.
 * @example
 * const kept = new ArrayRecorder();
 * const stats = simulate(scenario, { seed: '1/rep-1', recorder: kept });
 * checkInvariants(kept.records, kept.samples, stats.agents.map((a) => a.cap), stats.visitors) // []
 */
export function checkInvariants(
  records: readonly ConversationRecord[],
  samples: readonly AgentStateSample[],
  caps: readonly number[],
  visitors: number,
  /** When given (see {@link rosterCheck}), every assignment must fall inside the agent's roster. */
  rostered?: (agentIndex: number, t: number) => boolean,
): string[] {
  const bad: string[] = [];
  const say = (m: string) => { if (bad.length < 20) bad.push(m); };

  // exactly one record per offered chat
  const seen = new Set<number>();
  for (const r of records) {
    if (seen.has(r.id)) say(`conversation ${r.id} ended twice`);
    seen.add(r.id);
  }
  if (records.length !== visitors) say(`${records.length} records for ${visitors} visitors`);

  // agent samples: held within [0, cap]; online state by time per agent
  const online = new Map<number, Array<[number, boolean]>>();
  for (const s of samples) {
    if (s.held < 0 || s.held > caps[s.agentIndex]) say(`agent ${s.agentIndex} holds ${s.held} chats at ${s.at} (cap ${caps[s.agentIndex]})`);
    let l = online.get(s.agentIndex);
    if (!l) online.set(s.agentIndex, (l = []));
    l.push([s.at, s.online]);
  }
  // online at instant t: in the state before t, or in any of the states the agent passed through
  // at t (several samples may share an instant: taking a chat, then going away at once)
  const onlineAt = (agent: number, t: number): boolean => {
    let state = false;
    for (const [at, on] of online.get(agent) ?? []) {
      if (at < t) state = on;
      else if (at === t) { if (on) return true; }
      else break;
    }
    return state;
  };

  const spans = new Map<number, Array<[number, number]>>();
  for (const r of records) {
    const assigned = r.assignedAt === r.assignedAt;
    switch (r.outcome) {
      case 'served':
        if (!(r.firstReplyAt >= r.assignedAt - EPS)) say(`conversation ${r.id} served without a reply after assignment`);
        if (r.firstReplyAt - r.arrivalAt > r.patienceAt - r.arrivalAt + EPS) say(`conversation ${r.id} answered after the visitor left`);
        break;
      case 'abandonedInQueue':
        if (assigned) say(`conversation ${r.id} abandoned in queue after assignment`);
        if (Math.abs(r.abandonedAt - r.patienceAt) > EPS) say(`conversation ${r.id} left at ${r.abandonedAt}, patience ran out at ${r.patienceAt}`);
        break;
      case 'abandonedAfterAssign':
        if (!assigned) say(`conversation ${r.id} abandoned after assignment without one`);
        if (r.firstReplyAt === r.firstReplyAt) say(`conversation ${r.id} abandoned after a reply`);
        if (Math.abs(r.abandonedAt - r.patienceAt) > EPS) say(`conversation ${r.id} left at ${r.abandonedAt}, patience ran out at ${r.patienceAt}`);
        break;
      case 'deflected':
        if (assigned || r.queuedAt === r.queuedAt) say(`conversation ${r.id} deflected but offered to people`);
        if (r.agentMessageAt.length > 0) say(`conversation ${r.id} deflected with a manual reply`);
        break;
      case 'unanswered':
        if (r.firstReplyAt === r.firstReplyAt) say(`conversation ${r.id} unanswered with a reply`);
        break;
    }
    if (r.agentMessageAt.length > r.visitorMessageAt.length) say(`conversation ${r.id} has more replies than visitor messages`);
    for (let i = 0; i < r.agentMessageAt.length; i++) {
      if (r.agentMessageAt[i] < r.visitorMessageAt[i] - EPS) say(`conversation ${r.id} turn ${i} answered before it was asked`);
      if (r.agentMessageAt[i] < r.assignedAt - EPS || !assigned) say(`conversation ${r.id} replied before assignment`);
      if (i + 1 < r.visitorMessageAt.length && r.visitorMessageAt[i + 1] < r.agentMessageAt[i] - EPS) say(`conversation ${r.id} visitor wrote before the reply`);
    }
    if (assigned) {
      // one holder at a time: agents[i] from its assignment to the next transfer
      const moves = r.transferredAt ?? [];
      if (r.agents.length !== moves.length + 1) say(`conversation ${r.id} held by ${r.agents.length} agents with ${moves.length} transfers`);
      const end = r.releasedAt === r.releasedAt ? r.releasedAt : r.endedAt;
      for (let k = 0; k < r.agents.length; k++) {
        const a = r.agents[k];
        const from = k === 0 ? r.assignedAt : moves[k - 1];
        const to = k < moves.length ? moves[k] : end;
        if (!(to >= from)) say(`conversation ${r.id} transferred out of order at ${to}`);
        if (k > 0 && a === r.agents[k - 1]) say(`conversation ${r.id} transferred to the agent who held it`);
        if (!onlineAt(a, from)) say(`conversation ${r.id} assigned to agent ${a} off shift at ${from}`);
        if (rostered && !rostered(a, from)) say(`conversation ${r.id} assigned to agent ${a} outside the roster (off shift or on a break) at ${from}`);
        let l = spans.get(a);
        if (!l) spans.set(a, (l = []));
        l.push([from, to]);
      }
      const lastAssignedAt = moves.length > 0 ? moves[moves.length - 1] : r.assignedAt;
      if (r.agentMessageAt.length > 0 && r.agentMessageAt[0] < lastAssignedAt - EPS) say(`conversation ${r.id} answered before its last assignment`);
    }
  }
  // chats held per agent, from the records, never above the cap
  for (const [a, l] of spans) {
    const ev: Array<[number, number]> = [];
    for (const [s, e] of l) { ev.push([s, 1]); ev.push([e, -1]); }
    ev.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let held = 0;
    for (const [t, d] of ev) {
      held += d;
      if (held > caps[a]) { say(`agent ${a} holds ${held} chats at ${t} (cap ${caps[a]})`); break; }
    }
  }
  return bad;
}
