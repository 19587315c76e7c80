// The behaviour's ports under k6: the clock (Date.now + k6/timers, every pending timer cleared when
// the iteration ends), and the visitor and agent transports over the live API with k6/http's
// asyncRequest (a 201 is the acknowledgement: the backend answers after its commit) and
// k6/websockets for the frames (turned into events by ../api-frames.ts, as in the Node runner);
// frames that raced a socket's opening are caught up from the conversation's stored messages. The
// visitor transport also measures from the server's instants (queue wait). Imports k6 modules, the
// behaviour's ports, ../api-frames.ts, ../api-agent.ts (the agent transport, shared with Node) and
// this folder.

import http from 'k6/http';
import { WebSocket } from 'k6/websockets';
import { clearTimeout, setTimeout } from 'k6/timers';
import type { Clock, StartedConversation, VisitorEvent, VisitorTransport } from '../behaviour/ports.js';
import { metrics } from './k6-metrics.js';
import { VisitorFrames, type ApiFrame } from '../api-frames.js';
import { ApiAgentTransport } from '../api-agent.js';

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
function openSocket(base: string, path: string, token: string, onFrame: (f: ApiFrame) => void): Promise<WebSocket> {
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
  private readonly frames = new VisitorFrames(() => this.handler);
  private readonly arrivalAt = new Map<number, number>();
  private readonly assigned = new Set<number>();
  private readonly left = new Set<number>();

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
    this.frames.catchUp(id, now);
    return { conversationId: id, visitorToken: this.token, ...(typeof c.arrivalAt === 'number' ? { arrivalAt: c.arrivalAt } : {}) };
  }

  private onFrame(f: ApiFrame): void {
    if (f.type === 'assigned') {
      // the queue wait of the first assignment (a transfer assigns again), from the server's instants
      const arrival = this.arrivalAt.get(f.conversationId);
      if (!this.assigned.has(f.conversationId) && arrival !== undefined) metrics.queueWait.add(f.at - arrival, this.tags);
      this.assigned.add(f.conversationId);
    }
    this.frames.frame(f);
  }

  async send(id: number, text: string): Promise<void> {
    await api(this.base, 'POST', `/api/v1/visitor/conversations/${id}/messages`, this.token, { text });
  }

  async leave(id: number): Promise<void> {
    await api(this.base, 'POST', `/api/v1/visitor/conversations/${id}/leave`, this.token);
    this.left.add(id);
  }

  async close(): Promise<void> {
    // one sample per conversation started: left before any assignment, or not
    for (const id of this.arrivalAt.keys()) metrics.abandonInQueueRate.add(this.left.has(id) && !this.assigned.has(id), this.tags);
    this.arrivalAt.clear();
    this.ws?.close();
    this.ws = null;
  }
}

/** An agent over HTTP + its WebSocket, with its token: the shared transport on this runtime's wire. */
export class K6AgentTransport extends ApiAgentTransport {
  constructor(base: string, token: string) {
    super({ request: (method, path, t, body) => api(base, method, path, t, body), socket: (path, t, onFrame) => openSocket(base, path, t, onFrame) }, token);
  }
}
