// The WebSocket side of the API: one hub of visitor and agent sockets, the `hello` handshake, frame
// validation against the same JSON schemas as the OpenAPI document, per-connection frame rate and
// the connection limit, and delivery of the centre's frames after each commit (acks and welcomes
// too). A client that misbehaves gets an error frame or a clean close (1008 policy, 1009 too big,
// 1013 full); the server never throws on a frame. Imports ws types, ajv and the backend's own files.

import type { WebSocket } from 'ws';
import { Ajv } from 'ajv';
import { CentreError, type LiveCentre } from '../live/centre.js';
import type { OutFrame, Recipient } from '../live/types.js';
import { clientFrameSchema, HELLO_TIMEOUT_SEC, MAX_CONNECTIONS, MAX_FRAME_BYTES, MAX_FRAMES_PER_SEC } from './schemas.js';

/** WebSocket close codes used here (RFC 6455 §7.4.1). */
export const WS_CLOSE = { GOING_AWAY: 1001, POLICY: 1008, TOO_BIG: 1009, TRY_LATER: 1013 } as const;

type ClientFrame = { type: 'hello'; token: string } | { type: 'message'; conversationId: number; text: string; clientId?: string } | { type: 'ping' };

/** Who a token belongs to, as the hub asks the server. */
export interface SocketAuth {
  visitor(token: string): number | undefined;
  agent(token: string): number | undefined;
  /** The visitor of conversation `id` (open or ended), or undefined. */
  visitorOfConversation(id: number): number | undefined;
  /** Open conversation ids of a visitor. */
  conversationsOfVisitor(visitorId: number): number[];
}

interface Peer {
  socket: WebSocket;
  role: 'visitor' | 'agent';
  /** Visitor id or agent index once `hello` passed; -1 before. */
  who: number;
  windowStartMs: number;
  framesInWindow: number;
}

const validateFrame = new Ajv({ allErrors: false, strict: false }).compile(clientFrameSchema);
const FRAME_TYPES = new Set(['hello', 'message', 'ping']);

/** The hub (see the file header). */
export class SocketHub {
  private readonly visitors = new Map<number, Set<Peer>>();
  private readonly agents = new Map<number, Set<Peer>>();
  private readonly peers = new Set<Peer>();

  constructor(
    private readonly centre: () => LiveCentre,
    private readonly auth: SocketAuth,
    private readonly wallMs: () => number = Date.now,
    private readonly log: (msg: string) => void = () => {},
    /** Runs `fn` once the changes so far are durable (the store's group commit); at once by default. */
    private readonly afterCommit: (fn: () => void) => void = (fn) => fn(),
  ) {}

  /** Open connections. */
  get size(): number {
    return this.peers.size;
  }

  /** Sends a centre frame to its recipients (after commit). */
  deliver(to: Recipient, frame: OutFrame): void {
    const set = 'agent' in to ? this.agents.get(to.agent) : this.visitors.get(this.auth.visitorOfConversation(to.visitorOf) ?? -1);
    if (set === undefined) return;
    const text = JSON.stringify(frame);
    for (const p of set) this.send(p, text);
  }

  /** Takes a new socket of `role`. */
  attach(socket: WebSocket, role: 'visitor' | 'agent'): void {
    if (this.peers.size >= MAX_CONNECTIONS) {
      socket.close(WS_CLOSE.TRY_LATER, 'too many connections');
      return;
    }
    const peer: Peer = { socket, role, who: -1, windowStartMs: this.wallMs(), framesInWindow: 0 };
    this.peers.add(peer);
    const hello = setTimeout(() => { if (peer.who < 0) socket.close(WS_CLOSE.POLICY, 'no hello frame'); }, HELLO_TIMEOUT_SEC * 1000);
    hello.unref();
    socket.on('message', (data, isBinary) => {
      try {
        this.onFrame(peer, data as Buffer, isBinary);
      } catch (e) {
        this.log(`socket frame failed: ${(e as Error).message}`);
        this.error(peer, 'internal', 'the frame could not be handled');
      }
    });
    socket.on('error', () => { /* ws closes with 1009 on an oversized frame, 1002 on a protocol error */ });
    socket.on('close', () => {
      clearTimeout(hello);
      this.peers.delete(peer);
      const map = peer.role === 'agent' ? this.agents : this.visitors;
      map.get(peer.who)?.delete(peer);
    });
  }

  /** Closes every socket (shutdown). */
  closeAll(): void {
    for (const p of this.peers) p.socket.close(WS_CLOSE.GOING_AWAY, 'server shutting down');
  }

  private onFrame(peer: Peer, data: Buffer, isBinary: boolean): void {
    const now = this.wallMs();
    if (now - peer.windowStartMs >= 1000) {
      peer.windowStartMs = now;
      peer.framesInWindow = 0;
    }
    if (++peer.framesInWindow > 2 * MAX_FRAMES_PER_SEC) {
      peer.socket.close(WS_CLOSE.POLICY, 'too many frames');
      return;
    }
    if (peer.framesInWindow > MAX_FRAMES_PER_SEC) return this.error(peer, 'rate_limited', `at most ${MAX_FRAMES_PER_SEC} frames per second`);
    if (isBinary) return this.error(peer, 'binary_frame', 'frames are JSON text');
    if (data.length > MAX_FRAME_BYTES) {
      peer.socket.close(WS_CLOSE.TOO_BIG, 'frame too large');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      return this.error(peer, 'malformed_json', 'the frame is not JSON');
    }
    if (!validateFrame(frame)) {
      const type = (frame as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || !FRAME_TYPES.has(type)) return this.error(peer, 'unknown_frame_type', `unknown frame type ${JSON.stringify(type)} (known: ${[...FRAME_TYPES].join(', ')})`);
      return this.error(peer, 'invalid_frame', `the ${type} frame does not match its schema`);
    }
    const f = frame as ClientFrame;
    if (peer.who < 0 && f.type !== 'hello') {
      peer.socket.close(WS_CLOSE.POLICY, 'send hello first');
      return;
    }
    switch (f.type) {
      case 'hello': return this.onHello(peer, f.token);
      case 'ping': return this.send(peer, JSON.stringify({ type: 'pong' }));
      case 'message': return this.onMessage(peer, f);
    }
  }

  private onHello(peer: Peer, token: string): void {
    if (peer.who >= 0) return this.error(peer, 'already_authenticated', 'hello was sent already');
    const who = peer.role === 'agent' ? this.auth.agent(token) : this.auth.visitor(token);
    if (who === undefined) {
      peer.socket.close(WS_CLOSE.POLICY, 'unknown token');
      return;
    }
    peer.who = who;
    const centre = this.centre();
    const first: string[] = [];
    if (peer.role === 'agent') {
      const a = centre.agents[who];
      first.push(JSON.stringify({ type: 'welcome', role: 'agent', agent: a.id, conversations: centre.heldBy(a).map((c) => c.id) }));
      first.push(JSON.stringify(centre.stateFrame(a)));
    } else {
      first.push(JSON.stringify({ type: 'welcome', role: 'visitor', conversations: this.auth.conversationsOfVisitor(who) }));
    }
    // the welcome may show changes not committed yet: it goes out after their commit, and the peer
    // hears frames from then on (frames of changes before the hello went out before it joined)
    this.afterCommit(() => {
      if (!this.peers.has(peer)) return;
      const map = peer.role === 'agent' ? this.agents : this.visitors;
      let set = map.get(who);
      if (!set) map.set(who, (set = new Set()));
      set.add(peer);
      for (const text of first) this.send(peer, text);
    });
  }

  private onMessage(peer: Peer, f: { conversationId: number; text: string; clientId?: string }): void {
    const centre = this.centre();
    try {
      let messageId: number;
      if (peer.role === 'agent') messageId = centre.agentMessage(peer.who, f.conversationId, f.text);
      else {
        if (this.auth.visitorOfConversation(f.conversationId) !== peer.who) throw new CentreError('not_found', 404, `no conversation ${f.conversationId}`);
        messageId = centre.visitorMessage(f.conversationId, f.text);
      }
      const ack = JSON.stringify({ type: 'ack', messageId, ...(f.clientId !== undefined ? { clientId: f.clientId } : {}) });
      this.afterCommit(() => this.send(peer, ack));
    } catch (e) {
      if (e instanceof CentreError) return this.error(peer, e.code, e.message);
      throw e;
    }
  }

  private error(peer: Peer, code: string, message: string): void {
    this.send(peer, JSON.stringify({ type: 'error', error: { code, message } }));
  }

  private send(peer: Peer, text: string): void {
    if (peer.socket.readyState === peer.socket.OPEN) peer.socket.send(text);
  }
}
