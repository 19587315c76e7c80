// The live API's WebSocket frames as the behaviour's events, for any transport (k6, Node): a
// visitor's frames deduplicated (a frame and the catch-up read after the socket opened may both
// carry a message or the close), an agent's held back while the assignment's first message is
// fetched, and transfers away. The one mapping of frames to events (loadgen/k6 and loadgen/node
// both use it). Pure; imports only the behaviour's ports.

import type { AgentEvent, VisitorEvent } from './behaviour/ports.js';

/** A server frame (backend/http/schemas.ts serverFrameSchema), loosely typed as it comes off the wire. */
export type ApiFrame = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A visitor's frames → events, each message and each close once. */
export class VisitorFrames {
  private readonly seen = new Set<number>();
  private readonly closed = new Set<number>();
  constructor(private readonly handler: () => (e: VisitorEvent) => void) {}

  /** Takes a frame (from the socket or the catch-up read). */
  frame(f: ApiFrame): void {
    const h = this.handler();
    switch (f.type) {
      case 'message':
        if (f.author === 'visitor' || this.seen.has(f.messageId)) return;
        this.seen.add(f.messageId);
        return h({ type: 'message', conversationId: f.conversationId, author: f.author, text: f.text, at: f.at, messageId: f.messageId });
      case 'closed':
        if (this.closed.has(f.conversationId)) return;
        this.closed.add(f.conversationId);
        return h({ type: 'closed', conversationId: f.conversationId, reason: f.reason, at: f.at });
      case 'assigned': return h({ type: 'assigned', conversationId: f.conversationId, agent: f.agent, at: f.at });
      case 'queue': return h({ type: 'queue', conversationId: f.conversationId, position: f.position });
      case 'transferred': return h({ type: 'transferred', conversationId: f.conversationId, from: f.from, to: f.to, at: f.at });
      case 'released': return h({ type: 'released', conversationId: f.conversationId, at: f.at });
    }
  }

  /**
   * The catch-up after the socket opened: what a `GET /visitor/conversations/:id` body shows
   * happened before the socket listened (an assignment, a fast first reply, a close), as frames
   * to `frame` (default: this mapping; a transport passes its own to watch them too).
   */
  catchUp(id: number, body: { conversation: ApiFrame; messages: Array<{ id: number; author: string; text: string; at: number }> }, frame: (f: ApiFrame) => void = (f) => this.frame(f)): void {
    for (const m of body.messages) {
      if (m.author !== 'visitor') frame({ type: 'message', conversationId: id, author: m.author, text: m.text, at: m.at, messageId: m.id });
    }
    const c = body.conversation;
    // an assignment at once, before the socket listened (a visitor who then leaves did not leave the queue)
    if (typeof c.assignedAt === 'number') frame({ type: 'assigned', conversationId: id, agent: c.agent, at: c.assignedAt });
    if (c.state === 'wrapUp' || c.state === 'ended') frame({ type: 'closed', conversationId: id, at: c.closedAt ?? c.endedAt ?? 0, reason: 'agent' });
  }
}

/** An agent's frames → events; an assignment waits for its first message (`fetchFirst`), and frames of it wait meanwhile. */
export class AgentFrames {
  /** The agent's id, once logged in (assignments to others are ignored). */
  agent = '';
  private readonly pending = new Map<number, AgentEvent[]>();
  private readonly known = new Set<number>();
  /**
   * @param fetchFirst reads the assigned conversation's first message (the trace tag)
   * @param receivedMs when given, the wall clock (epoch ms) stamped on an assignment as it arrives
   */
  constructor(
    private readonly handler: () => (e: AgentEvent) => void,
    private readonly fetchFirst: (conversationId: number) => Promise<string>,
    private readonly receivedMs?: () => number,
  ) {}

  private emit(e: AgentEvent): void {
    const q = this.pending.get(e.conversationId);
    if (q !== undefined) q.push(e);
    else if (this.known.has(e.conversationId)) this.handler()(e);
  }

  /** Takes a frame from the agent's socket. */
  frame(f: ApiFrame): void {
    switch (f.type) {
      case 'assigned': {
        if (f.agent !== this.agent || this.pending.has(f.conversationId)) return;
        const id = f.conversationId as number;
        const received = this.receivedMs?.();
        this.pending.set(id, []);
        this.fetchFirst(id).then(
          (firstMessage) => {
            const queued = this.pending.get(id) ?? [];
            this.pending.delete(id);
            this.known.add(id);
            this.handler()({ type: 'assigned', conversationId: id, at: f.at, firstMessage, ...(received !== undefined ? { receivedMs: received } : {}) });
            for (const e of queued) this.handler()(e);
          },
          () => { this.pending.delete(id); },
        );
        return;
      }
      case 'message':
        if (f.author === 'agent') return;
        return this.emit({ type: 'message', conversationId: f.conversationId, author: f.author, text: f.text, at: f.at, messageId: f.messageId });
      case 'closed': return this.emit({ type: 'closed', conversationId: f.conversationId, reason: f.reason, at: f.at });
      case 'transferred':
        if (f.from === this.agent) {
          this.emit({ type: 'transferredAway', conversationId: f.conversationId, to: f.to, at: f.at });
          this.known.delete(f.conversationId);
        }
        return;
      case 'released': return this.emit({ type: 'released', conversationId: f.conversationId, at: f.at });
    }
  }
}
