// The behaviour's ports in Node: the wall clock (Date.now + timers), and the visitor and agent
// transports over the live API (`chatsim serve`): fetch for requests (a 201 is the
// acknowledgement: the backend answers after its transaction committed) and `ws` for the frames.
// Frames that raced a socket's opening are caught up from the conversation's stored messages.
// Frames become events through the one mapping in ../api-frames.ts. Imports ws, Node's fetch, the
// behaviour's ports, the frame mapping and the shared agent transport (../api-agent.ts).

import WebSocket from 'ws';
import type { Clock, StartedConversation, VisitorEvent, VisitorTransport } from '../behaviour/ports.js';
import { VisitorFrames, type ApiFrame } from '../api-frames.js';
import { ApiAgentTransport } from '../api-agent.js';

/**
 * The wall clock: epoch ms and timers. It keeps its pending timers so a finished or stopped replay
 * can drop them all ({@link NodeClock.cancelAll}): a deadline raced and lost (a patience, a stop)
 * would otherwise hold the process open until it fires.
 */
export class NodeClock implements Clock {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  now(): number { return Date.now(); }
  sleep(ms: number): Promise<void> { return this.sleepUntil(Date.now() + ms); }
  sleepUntil(atMs: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.timers.delete(t); resolve(); }, Math.max(0, atMs - Date.now()));
      this.timers.add(t);
    });
  }
  /** Drops every pending timer (their sleeps never resolve). */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** A refused or failed request: the backend's error code and message. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Sends a JSON request to the live API and returns the parsed body; throws {@link ApiError} on ≥ 400. */
export async function api(base: string, method: string, path: string, token?: string, body?: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: any = text; // eslint-disable-line @typescript-eslint/no-explicit-any
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  if (res.status >= 400) throw new ApiError(res.status, parsed?.error?.code ?? 'http_' + res.status, `${method} ${path}: ${res.status} ${parsed?.error?.message ?? text.slice(0, 200)}`);
  return parsed;
}

/** Opens a socket to `path`, says hello with `token`, and resolves after the welcome frame. */
async function openSocket(base: string, path: string, token: string, onFrame: (f: any) => void): Promise<WebSocket> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const ws = new WebSocket(base.replace(/^http/, 'ws') + path);
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => { ws.send(JSON.stringify({ type: 'hello', token })); });
    ws.on('message', (data) => {
      let f: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try { f = JSON.parse(data.toString()); } catch { return; }
      if (f.type === 'welcome') resolve();
      else onFrame(f);
    });
    ws.once('close', (code, reason) => reject(new Error(`socket closed before welcome: ${code} ${reason.toString()}`)));
  });
  ws.on('error', () => {});
  return ws;
}

/** A visitor over HTTP + its WebSocket. */
export class NodeVisitorTransport implements VisitorTransport {
  private handler: (e: VisitorEvent) => void = () => {};
  private ws: WebSocket | null = null;
  private token: string | undefined;
  private readonly frames = new VisitorFrames(() => this.handler);

  constructor(private readonly base: string) {}

  onEvent(h: (e: VisitorEvent) => void): void { this.handler = h; }

  async start(req: { message: string; group: string; priorityClass?: string; visitorToken?: string }): Promise<StartedConversation> {
    const body = { message: req.message, group: req.group, ...(req.priorityClass !== undefined ? { priorityClass: req.priorityClass } : {}) };
    const r = await api(this.base, 'POST', '/api/v1/visitor/conversations', req.visitorToken ?? this.token, body);
    this.token = r.visitorToken as string;
    const id = r.conversationId as number;
    if (this.ws === null) this.ws = await openSocket(this.base, '/api/v1/visitor/ws', this.token, (f) => this.onFrame(f));
    // Catch up with what happened before the socket listened (a fast first reply, a close).
    const now = await api(this.base, 'GET', `/api/v1/visitor/conversations/${id}`, this.token);
    this.frames.catchUp(id, now);
    const c = now.conversation;
    return { conversationId: id, visitorToken: this.token, ...(typeof c.arrivalAt === 'number' ? { arrivalAt: c.arrivalAt } : {}) };
  }

  private onFrame(f: ApiFrame): void { this.frames.frame(f); }

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

/** An agent over HTTP + its WebSocket, with its token: the shared transport on this runtime's wire. */
export class NodeAgentTransport extends ApiAgentTransport {
  constructor(base: string, token: string) {
    super({ request: (method, path, t, body) => api(base, method, path, t, body), socket: (path, t, onFrame) => openSocket(base, path, t, onFrame) }, token, () => Date.now());
  }
}
