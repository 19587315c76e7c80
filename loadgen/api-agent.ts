// The agent transport over the live API, written once for every runtime: login, the agent's
// WebSocket (frames → events through ./api-frames.ts), status, messages, close, wrap-up and
// "no reply needed" as the backend's routes. A runtime (k6, Node) gives only its wire: how to send
// a request and how to open a socket. Pure; imports only the behaviour's ports and ./api-frames.ts.

import type { AgentEvent, AgentStatus, AgentTransport } from './behaviour/ports.js';
import { AgentFrames, type ApiFrame } from './api-frames.js';

/** What a runtime provides: a JSON request to the live API (rejecting on ≥ 400) and a socket said hello to. */
export interface ApiWire {
  /** Sends a request; resolves with the parsed JSON body. */
  request(method: string, path: string, token?: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Opens a socket to `path`, says hello with `token`, resolves after the welcome; later frames go to `onFrame`. */
  socket(path: string, token: string, onFrame: (f: ApiFrame) => void): Promise<{ close(): void }>;
}

/** An agent over HTTP + its WebSocket, with its token. */
export class ApiAgentTransport implements AgentTransport {
  private handler: (e: AgentEvent) => void = () => {};
  private ws: { close(): void } | null = null;
  private readonly frames: AgentFrames;

  /** @param receivedMs when given, the wall clock stamped on an assignment as it arrives (see AgentFrames) */
  constructor(private readonly wire: ApiWire, private readonly token: string, receivedMs?: () => number) {
    this.frames = new AgentFrames(
      () => this.handler,
      async (id) => ((await wire.request('GET', `/api/v1/agent/conversations/${id}`, token)).messages[0]?.text as string | undefined) ?? '',
      receivedMs,
    );
  }

  onEvent(h: (e: AgentEvent) => void): void { this.handler = h; }

  async login(): Promise<{ agent: string; conversations: number[] }> {
    const r = await this.wire.request('POST', '/api/v1/agent/login', this.token);
    this.frames.agent = r.agent.id;
    this.ws = await this.wire.socket('/api/v1/agent/ws', this.token, (f) => this.frames.frame(f));
    return { agent: this.frames.agent, conversations: (r.conversations as Array<{ id: number }>).map((c) => c.id) };
  }

  async setStatus(status: AgentStatus): Promise<void> { await this.wire.request('PUT', '/api/v1/agent/status', this.token, { status }); }
  async send(id: number, text: string): Promise<void> { await this.wire.request('POST', `/api/v1/agent/conversations/${id}/messages`, this.token, { text }); }
  async close(id: number): Promise<void> { await this.wire.request('POST', `/api/v1/agent/conversations/${id}/close`, this.token); }
  async endWrapUp(id: number): Promise<void> { await this.wire.request('POST', `/api/v1/agent/conversations/${id}/end-wrap-up`, this.token); }
  async noReplyNeeded(id: number): Promise<void> { await this.wire.request('POST', `/api/v1/agent/conversations/${id}/no-reply-needed`, this.token); }
  async disconnect(): Promise<void> { this.ws?.close(); this.ws = null; }
}
