// The behaviour's ports under k6: the clock (Date.now + k6/timers, every pending timer cleared when
// the iteration ends), and the visitor and agent transports over the live API with k6/http's
// asyncRequest (a 201 is the acknowledgement: the backend answers after its commit) and
// k6/websockets for the frames (turned into events by ../api-frames.ts, as in the Node runner);
// frames that raced a socket's opening are caught up from the conversation's stored messages. The
// visitor transport also measures from the server's instants (queue wait). Imports k6 modules, the
// behaviour's ports, ../api-frames.ts, ../api-agent.ts and ../api-visitor.ts (the transports,
// shared with Node) and this folder.

import http from 'k6/http';
import { WebSocket } from 'k6/websockets';
import { clearTimeout, setTimeout } from 'k6/timers';
import type { Clock } from '../behaviour/ports.js';
import { metrics } from './k6-metrics.js';
import type { ApiFrame } from '../api-frames.js';
import { ApiAgentTransport, type ApiWire } from '../api-agent.js';
import { ApiVisitorTransport } from '../api-visitor.js';

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

/** The k6 wire: k6/http requests and k6/websockets sockets to `base`. */
function wire(base: string): ApiWire {
  return { request: (method, path, t, body) => api(base, method, path, t, body), socket: (path, t, onFrame) => openSocket(base, path, t, onFrame) };
}

/**
 * A visitor over HTTP + its WebSocket (the shared transport on k6's wire), measuring from the
 * server's instants as it goes: offered, the first message's delivery, the queue wait of the first
 * assignment (a transfer assigns again) and, when done, whether each conversation was left before
 * any assignment.
 */
export class K6VisitorTransport extends ApiVisitorTransport {
  constructor(base: string, tags: Record<string, string>) {
    const arrivalAt = new Map<number, number>();
    const assigned = new Set<number>();
    const left = new Set<number>();
    super(wire(base), {
      started(id, at) {
        arrivalAt.set(id, at);
        metrics.offered.add(1, tags);
        // the first message is stored with the conversation: the 201 is its acknowledgement
        metrics.messagesDelivered.add(1, tags);
      },
      frame(f) {
        if (f.type !== 'assigned') return;
        const arrival = arrivalAt.get(f.conversationId);
        if (!assigned.has(f.conversationId) && arrival !== undefined) metrics.queueWait.add(f.at - arrival, tags);
        assigned.add(f.conversationId);
      },
      left(id) { left.add(id); },
      closed() {
        // one sample per conversation started: left before any assignment, or not
        for (const id of arrivalAt.keys()) metrics.abandonInQueueRate.add(left.has(id) && !assigned.has(id), tags);
        arrivalAt.clear();
      },
    });
  }
}

/** An agent over HTTP + its WebSocket, with its token: the shared transport on this runtime's wire. */
export class K6AgentTransport extends ApiAgentTransport {
  constructor(base: string, token: string) {
    super(wire(base), token);
  }
}
