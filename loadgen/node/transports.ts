// The behaviour's ports in Node: the wall clock (Date.now + timers), and the visitor and agent
// transports over the live API (`chatsim serve`): fetch for requests (a 201 is the
// acknowledgement: the backend answers after its transaction committed) and `ws` for the frames.
// Frames that raced a socket's opening are caught up from the conversation's stored messages.
// Frames become events through the one mapping in ../api-frames.ts. Imports ws, Node's fetch, the
// behaviour's ports and the shared transports (../api-agent.ts, ../api-visitor.ts).

import WebSocket from 'ws';
import type { Clock } from '../behaviour/ports.js';
import { ApiAgentTransport, type ApiWire } from '../api-agent.js';
import { ApiVisitorTransport } from '../api-visitor.js';

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

/** The Node wire: fetch requests and `ws` sockets to `base`. */
function wire(base: string): ApiWire {
  return { request: (method, path, t, body) => api(base, method, path, t, body), socket: (path, t, onFrame) => openSocket(base, path, t, onFrame) };
}

/** A visitor over HTTP + its WebSocket: the shared transport on this runtime's wire. */
export class NodeVisitorTransport extends ApiVisitorTransport {
  constructor(base: string) {
    super(wire(base));
  }
}

/** An agent over HTTP + its WebSocket, with its token: the shared transport on this runtime's wire. */
export class NodeAgentTransport extends ApiAgentTransport {
  constructor(base: string, token: string) {
    super(wire(base), token, () => Date.now());
  }
}
