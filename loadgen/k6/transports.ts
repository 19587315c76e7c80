// The behaviour's ports under k6: the clock (Date.now + k6/timers, every pending timer cleared when
// the iteration ends), and the visitor and agent transports over the live API with k6/http's
// asyncRequest (a 201 is the acknowledgement: the backend answers after its commit) and
// k6/websockets for the frames; frames that raced a socket's opening are caught up from the
// conversation's stored messages. The visitor transport also measures from the server's instants
// (queue wait). Imports k6 modules, the behaviour's ports and this folder.

import http from 'k6/http';
import { WebSocket } from 'k6/websockets';
import { clearTimeout, setTimeout } from 'k6/timers';
import type { AgentEvent, AgentStatus, AgentTransport, Clock, StartedConversation, VisitorEvent, VisitorTransport } from '../behaviour/ports.js';
import { metrics } from './k6-metrics.js';

/** A clock whose pending timers can all be dropped (k6 waits for them before it ends an iteration). */
export class K6Clock implements Clock {
  private readonly pending = new Map<unknown, () => void>();
  now(): number {
    return Date.now();
  }
  sleep(ms: number): Promise<void> {
    return this.sleepUntil(Date.now() + ms);
  }
  sleepUntil(atMs: number): Promise<void> {
    const ms = atMs - Date.now();
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const id = setTimeout(() => {
        this.pending.delete(id);
        resolve();
      }, ms);
      this.pending.set(id, resolve);
    });
  }
  /** Clears every pending timer (their sleeps never resolve). */
  clear(): void {
    for (const id of this.pending.keys()) clearTimeout(id as ReturnType<typeof setTimeout>);
    this.pending.clear();
  }
}

/** A refused or failed request. */
export class K6ApiError extends Error {
  override name = 'K6ApiError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Sends a request to the live API; resolves with the parsed JSON body, rejects on ≥ 400. */
export async function api(base: string, method: string, path: string, token?: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await http.asyncRequest(method, base + path, body !== undefined ? JSON.stringify(body) : null, { headers, tags: { name: `${method} ${path.replace(/\/\d+/g, '/:id')}` } });
  const text = typeof res.body === 'string' ? res.body : '';
  let parsed: any = text; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  if (res.status === 0 || res.status >= 400) throw new K6ApiError(res.status, `${method} ${path}: ${res.status} ${parsed?.error?.message ?? res.error ?? text.slice(0, 200)}`);
  return parsed;
}

/** Opens a socket to `path`, says hello with `token`, resolves after the welcome frame. */
function openSocket(base: string, path: string, token: string, onFrame: (f: any) => void): Promise<WebSocket> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(base.replace(/^http/, 'ws') + path);
    let welcomed = false;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token }));
    ws.onmessage = (e) => {
      let f: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try { f = JSON.parse(String(e?.data)); } catch { return; }
      if (f.type === 'welcome') {
        welcomed = true;
        resolve(ws);
      } else onFrame(f);
    };
    ws.onerror = (e) => { if (!welcomed) reject(new Error(`socket ${path}: ${e?.error ?? 'error'}`)); };
    ws.onclose = () => { if (!welcomed) reject(new Error(`socket ${path} closed before welcome`)); };
  });
}

/** A visitor over HTTP + its WebSocket. */
export class K6VisitorTransport implements VisitorTransport {
  private handler: (e: VisitorEvent) => void = () => {};
  private ws: WebSocket | null = null;
  private token: string | undefined;
  private readonly seen = new Set<number>();
  private readonly closed = new Set<number>();
  private readonly arrivalAt = new Map<number, number>();
  private readonly assigned = new Set<number>();

  constructor(private readonly base: string, private readonly tags: Record<string, string>) {}

  onEvent(h: (e: VisitorEvent) => void): void { this.handler = h; }

  async start(req: { message: string; group: string; priorityClass?: string; visitorToken?: string }): Promise<StartedConversation> {
    const body = { message: req.message, group: req.group, ...(req.priorityClass !== undefined ? { priorityClass: req.priorityClass } : {}) };
    const r = await api(this.base, 'POST', '/api/v1/visitor/conversations', req.visitorToken ?? this.token, body);
    this.token = r.visitorToken as string;
    const id = r.conversationId as number;
    this.arrivalAt.set(id, r.conversation.arrivalAt as number);
    metrics.offered.add(1, this.tags);
    // the first message is stored with the conversation: the 201 is its acknowledgement
    metrics.messagesDelivered.add(1, this.tags);
    if (this.ws === null) this.ws = await openSocket(this.base, '/api/v1/visitor/ws', this.token, (f) => this.onFrame(f));
    const now = await api(this.base, 'GET', `/api/v1/visitor/conversations/${id}`, this.token);
    const c = now.conversation;
    if (typeof c.assignedAt === 'number') this.onFrame({ type: 'assigned', conversationId: id, agent: c.agent, at: c.assignedAt });
    for (const m of now.messages as Array<{ id: number; author: string; text: string; at: number }>) {
      if (m.author !== 'visitor') this.onFrame({ type: 'message', conversationId: id, author: m.author, text: m.text, at: m.at, messageId: m.id });
    }
    if (c.state === 'wrapUp' || c.state === 'ended') this.onFrame({ type: 'closed', conversationId: id, at: c.closedAt ?? c.endedAt ?? 0, reason: 'agent' });
    return { conversationId: id, visitorToken: this.token, ...(typeof c.arrivalAt === 'number' ? { arrivalAt: c.arrivalAt } : {}) };
  }

  private onFrame(f: any): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    switch (f.type) {
      case 'message':
        if (f.author === 'visitor' || this.seen.has(f.messageId)) return;
        this.seen.add(f.messageId);
        return this.handler({ type: 'message', conversationId: f.conversationId, author: f.author, text: f.text, at: f.at, messageId: f.messageId });
      case 'closed':
        if (this.closed.has(f.conversationId)) return;
        this.closed.add(f.conversationId);
        return this.handler({ type: 'closed', conversationId: f.conversationId, reason: f.reason, at: f.at });
      case 'assigned': {
        // the first assignment only (a transfer assigns again), from the server's instants
        const arrival = this.arrivalAt.get(f.conversationId);
        if (!this.assigned.has(f.conversationId) && arrival !== undefined) metrics.queueWait.add(f.at - arrival, this.tags);
        this.assigned.add(f.conversationId);
        return this.handler({ type: 'assigned', conversationId: f.conversationId, agent: f.agent, at: f.at });
      }
      case 'queue': return this.handler({ type: 'queue', conversationId: f.conversationId, position: f.position });
      case 'transferred': return this.handler({ type: 'transferred', conversationId: f.conversationId, from: f.from, to: f.to, at: f.at });
    }
  }

  async send(id: number, text: string): Promise<void> {
    await api(this.base, 'POST', `/api/v1/visitor/conversations/${id}/messages`, this.token, { text });
  }

  async leave(id: number): Promise<void> {
    await api(this.base, 'POST', `/api/v1/visitor/conversations/${id}/leave`, this.token);
  }

  async close(): Promise<void> {
    this.ws?.close();
    this.ws = null;
  }
}

/** An agent over HTTP + its WebSocket, with its token. */
export class K6AgentTransport implements AgentTransport {
  private handler: (e: AgentEvent) => void = () => {};
  private ws: WebSocket | null = null;
  private id = '';
  private readonly pending = new Map<number, AgentEvent[]>();
  private readonly known = new Set<number>();

  constructor(private readonly base: string, private readonly token: string) {}

  onEvent(h: (e: AgentEvent) => void): void { this.handler = h; }

  async login(): Promise<{ agent: string; conversations: number[] }> {
    const r = await api(this.base, 'POST', '/api/v1/agent/login', this.token);
    this.id = r.agent.id;
    this.ws = await openSocket(this.base, '/api/v1/agent/ws', this.token, (f) => this.onFrame(f));
    return { agent: this.id, conversations: (r.conversations as Array<{ id: number }>).map((c) => c.id) };
  }

  private emit(e: AgentEvent): void {
    const q = this.pending.get(e.conversationId);
    if (q !== undefined) q.push(e);
    else if (this.known.has(e.conversationId)) this.handler(e);
  }

  private onFrame(f: any): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    switch (f.type) {
      case 'assigned': {
        if (f.agent !== this.id || this.pending.has(f.conversationId)) return;
        const id = f.conversationId as number;
        this.pending.set(id, []);
        api(this.base, 'GET', `/api/v1/agent/conversations/${id}`, this.token).then(
          (r) => {
            const queued = this.pending.get(id) ?? [];
            this.pending.delete(id);
            this.known.add(id);
            this.handler({ type: 'assigned', conversationId: id, at: f.at, firstMessage: r.messages[0]?.text ?? '' });
            for (const e of queued) this.handler(e);
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
        if (f.from === this.id) {
          this.emit({ type: 'transferredAway', conversationId: f.conversationId, to: f.to, at: f.at });
          this.known.delete(f.conversationId);
        }
        return;
      case 'released': return this.emit({ type: 'released', conversationId: f.conversationId, at: f.at });
    }
  }

  async setStatus(status: AgentStatus): Promise<void> { await api(this.base, 'PUT', '/api/v1/agent/status', this.token, { status }); }
  async send(id: number, text: string): Promise<void> { await api(this.base, 'POST', `/api/v1/agent/conversations/${id}/messages`, this.token, { text }); }
  async close(id: number): Promise<void> { await api(this.base, 'POST', `/api/v1/agent/conversations/${id}/close`, this.token); }
  async endWrapUp(id: number): Promise<void> { await api(this.base, 'POST', `/api/v1/agent/conversations/${id}/end-wrap-up`, this.token); }
  async noReplyNeeded(id: number): Promise<void> { await api(this.base, 'POST', `/api/v1/agent/conversations/${id}/no-reply-needed`, this.token); }
  async disconnect(): Promise<void> { this.ws?.close(); this.ws = null; }
}
