// A small HTTP + WebSocket client for the backend's tests: JSON requests with a bearer token, and
// sockets that collect frames and wait for one (bounded in time). Test helper; imports ws.

import WebSocket from 'ws';

/** A JSON response: status and parsed body. */
export interface JsonResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sends a JSON request (`body` as an object, or raw text). */
export async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

/** A socket that keeps every frame it receives. */
export class TestSocket {
  readonly frames: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  closeCode = -1;
  closeReason = '';
  private waiters: Array<() => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => { try { this.frames.push(JSON.parse(d.toString())); } catch { this.frames.push(d.toString()); } this.wake(); });
    ws.on('close', (code, reason) => { this.closeCode = code; this.closeReason = reason.toString(); this.wake(); });
    ws.on('error', () => this.wake());
  }
  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  /** Opens a socket to `url` + `path` and waits for it to open. */
  static async open(url: string, path: string): Promise<TestSocket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    const s = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    return s;
  }
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  /** Waits (at most `ms`) for a frame matching `pred`, and returns it. */
  async waitFor(pred: (f: any) => boolean, ms = 3000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const deadline = Date.now() + ms;
    for (;;) {
      const f = this.frames.find(pred);
      if (f !== undefined) return f;
      if (Date.now() > deadline) throw new Error(`no such frame in ${ms} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 50); });
    }
  }
  /** Waits (at most `ms`) for the close, and returns its code. */
  async closed(ms = 3000): Promise<number> {
    const deadline = Date.now() + ms;
    while (this.closeCode < 0) {
      if (Date.now() > deadline) throw new Error('socket did not close');
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 50); });
    }
    return this.closeCode;
  }
  close(): void {
    this.ws.close();
  }
}
