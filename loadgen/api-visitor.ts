// The visitor transport over the live API, written once for every runtime: start a conversation
// (with the visitor's token after the first), the visitor's WebSocket (frames → events through
// ./api-frames.ts), the catch-up read of what happened before the socket listened, messages and
// leaving. A runtime (k6, Node) gives only its wire (./api-agent.ts ApiWire) and, if it measures
// something itself (the k6 script's metrics), an observer. Pure; imports only the behaviour's ports,
// ./api-frames.ts and ./api-agent.ts.

import type { StartedConversation, VisitorEvent, VisitorTransport } from './behaviour/ports.js';
import { VisitorFrames, type ApiFrame } from './api-frames.js';
import type { ApiWire } from './api-agent.js';

/** What a runtime may watch on a visitor's transport (every hook optional). */
export interface VisitorObserver {
  /** A conversation was started (its 201: the first message is stored with it), at the server's arrival instant. */
  started?(conversationId: number, arrivalAt: number): void;
  /** A frame, from the socket or the catch-up read, before it becomes an event. */
  frame?(f: ApiFrame): void;
  /** The visitor left a conversation. */
  left?(conversationId: number): void;
  /** The transport is closed (the visitor is done). */
  closed?(): void;
}

/** A visitor over HTTP + its WebSocket. */
export class ApiVisitorTransport implements VisitorTransport {
  private handler: (e: VisitorEvent) => void = () => {};
  private ws: { close(): void } | null = null;
  private token: string | undefined;
  private readonly frames = new VisitorFrames(() => this.handler);

  constructor(private readonly wire: ApiWire, private readonly observer: VisitorObserver = {}) {}

  onEvent(h: (e: VisitorEvent) => void): void { this.handler = h; }

  async start(req: { message: string; group: string; priorityClass?: string; visitorToken?: string }): Promise<StartedConversation> {
    const body = { message: req.message, group: req.group, ...(req.priorityClass !== undefined ? { priorityClass: req.priorityClass } : {}) };
    const r = await this.wire.request('POST', '/api/v1/visitor/conversations', req.visitorToken ?? this.token, body);
    this.token = r.visitorToken as string;
    const id = r.conversationId as number;
    this.observer.started?.(id, r.conversation.arrivalAt as number);
    if (this.ws === null) this.ws = await this.wire.socket('/api/v1/visitor/ws', this.token, (f) => this.onFrame(f));
    // catch up with what happened before the socket listened (an assignment at once, a fast first reply, a close)
    const now = await this.wire.request('GET', `/api/v1/visitor/conversations/${id}`, this.token);
    this.frames.catchUp(id, now, (f) => this.onFrame(f));
    const c = now.conversation;
    return { conversationId: id, visitorToken: this.token, ...(typeof c.arrivalAt === 'number' ? { arrivalAt: c.arrivalAt } : {}) };
  }

  private onFrame(f: ApiFrame): void {
    this.observer.frame?.(f);
    this.frames.frame(f);
  }

  async send(id: number, text: string): Promise<void> {
    await this.wire.request('POST', `/api/v1/visitor/conversations/${id}/messages`, this.token, { text });
  }

  async leave(id: number): Promise<void> {
    await this.wire.request('POST', `/api/v1/visitor/conversations/${id}/leave`, this.token);
    this.observer.left?.(id);
  }

  async close(): Promise<void> {
    this.observer.closed?.();
    this.ws?.close();
    this.ws = null;
  }
}
