// The ports the pure behaviour (visitor.ts, agent-bot.ts) runs over: a clock, a visitor transport,
// an agent transport and a recorder. Promise-based so the same code runs under Node (loadgen/node/)
// and under k6 (loadgen/k6/: async functions, `k6/timers`, `k6/websockets`). Types only; imports
// nothing (neither Node nor k6, nor the rest of the repo).

/** Wall time for the behaviour. A fake in the unit tests, `Date.now` + timers in Node, `k6/timers` in k6. */
export interface Clock {
  /** Wall milliseconds (any fixed origin; only differences matter). */
  now(): number;
  /** Resolves after `ms` wall milliseconds (at once when `ms ≤ 0`). */
  sleep(ms: number): Promise<void>;
  /** Resolves at wall instant `atMs` (as `now()` counts), at once when it is past. */
  sleepUntil(atMs: number): Promise<void>;
}

/** Why a conversation closed, as the backend says (`closed` frame). */
export type CloseReason = 'agent' | 'visitor' | 'silence';

/** What the backend tells a visitor about its conversation. */
export type VisitorEvent =
  | { type: 'assigned'; conversationId: number; agent: string; at: number }
  | { type: 'message'; conversationId: number; author: 'agent' | 'system'; text: string; at: number; messageId: number }
  | { type: 'queue'; conversationId: number; position: number }
  | { type: 'closed'; conversationId: number; reason: CloseReason; at: number }
  | { type: 'transferred'; conversationId: number; from: string; to: string; at: number }
  /** The agent ended the wrap-up: the conversation is over (a returning visitor counts from here). */
  | { type: 'released'; conversationId: number; at: number };

/** A started conversation: its id and the visitor's token (reused by a returning visitor). */
export interface StartedConversation {
  conversationId: number;
  visitorToken: string;
  /** Scenario seconds the backend recorded the arrival at (for the arrival lag), when it says. */
  arrivalAt?: number;
}

/** How one visitor talks to the backend. One per visitor (a returning visit reuses it). */
export interface VisitorTransport {
  /**
   * Starts a conversation with its first message in skill group `group` (and priority class),
   * reusing the visitor token of an earlier visit when given (sticky return). Resolves once stored.
   */
  start(req: { message: string; group: string; priorityClass?: string; visitorToken?: string }): Promise<StartedConversation>;
  /** Sends a message; resolves on the backend's acknowledgement (stored). */
  send(conversationId: number, text: string): Promise<void>;
  /** Leaves the conversation (abandons while waiting, or ends it as the visitor). */
  leave(conversationId: number): Promise<void>;
  /** Registers the handler of the events of this visitor's conversations. */
  onEvent(handler: (e: VisitorEvent) => void): void;
  /** Releases the transport's connection (sockets). */
  close(): Promise<void>;
}

/** What the backend tells an agent. */
export type AgentEvent =
  /**
   * A conversation assigned to this agent (or moved to them). `firstMessage` is the visitor's first
   * message text, which names the trace visitor (see `visitorTag` in visitor.ts); the transport
   * fetches it when the backend's frame does not carry it. `receivedMs`: the clock's instant the
   * assignment reached the transport (the first reply's delay counts from there, not from the end
   * of that fetch); absent: now.
   */
  | { type: 'assigned'; conversationId: number; at: number; firstMessage: string; receivedMs?: number }
  | { type: 'message'; conversationId: number; author: 'visitor' | 'system'; text: string; at: number; messageId: number }
  | { type: 'closed'; conversationId: number; reason: CloseReason; at: number }
  /** The conversation moved from this agent to another (auto-transfer): it is no longer ours. */
  | { type: 'transferredAway'; conversationId: number; to: string; at: number }
  /** The backend released the slot (wrap-up ended). */
  | { type: 'released'; conversationId: number; at: number };

/** An agent's status on the console. */
export type AgentStatus = 'online' | 'away' | 'offline';

/** How one agent (bot) talks to the backend, with its own token. */
export interface AgentTransport {
  /** Logs in; resolves with the conversations the agent already holds (a restart). */
  login(): Promise<{ agent: string; conversations: number[] }>;
  setStatus(status: AgentStatus): Promise<void>;
  /** Sends an agent message; resolves on acknowledgement. */
  send(conversationId: number, text: string): Promise<void>;
  close(conversationId: number): Promise<void>;
  endWrapUp(conversationId: number): Promise<void>;
  noReplyNeeded(conversationId: number): Promise<void>;
  /** Registers the handler of this agent's events. */
  onEvent(handler: (e: AgentEvent) => void): void;
  /** Releases the connection. */
  disconnect(): Promise<void>;
}

/** Measurements the behaviour makes on its own side (the backend export is the other side). */
export interface Recorder {
  /** A visitor started `lagMs` wall ms after its scheduled wall instant (≥ 0 when late). */
  arrivalLag(visitor: number, lagMs: number): void;
  /** A visitor saw its first manual reply `frtMs` wall ms after its first message was acknowledged. */
  firstResponse?(visitor: number, frtMs: number): void;
  /** A visitor message that waited for an answer got one after `ms` wall ms. */
  responseTime?(visitor: number, ms: number): void;
  /** A message was sent (acknowledged) — counted for "lost messages" against what the export holds. */
  messageSent(role: 'visitor' | 'agent', conversationId: number): void;
  /** A message arrived at the other side. */
  messageReceived(role: 'visitor' | 'agent', conversationId: number): void;
  /** A transport call failed (the behaviour goes on where it can). */
  error(where: string, message: string): void;
  /** How each visit ended, from the visitor's side, and its conversation (-1 when none started). */
  outcome?(visitor: number, outcome: 'served' | 'abandoned' | 'leftMessage' | 'deflected' | 'closed' | 'stopped', conversationId: number): void;
}
