// Fakes for the behaviour's unit tests: a virtual clock that jumps from timer to timer once every
// task is idle, a recorder that keeps everything, and in-memory transports that log each call with
// its virtual instant. Test helper; imports only the behaviour's ports.

import type { AgentEvent, AgentStatus, AgentTransport, Clock, Recorder, StartedConversation, VisitorEvent, VisitorTransport } from '../ports.js';

/** Virtual time: `sleepUntil` parks a promise; {@link FakeClock.run} moves time forward. */
export class FakeClock implements Clock {
  t = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;
  now(): number { return this.t; }
  sleep(ms: number): Promise<void> { return this.sleepUntil(this.t + ms); }
  sleepUntil(atMs: number): Promise<void> {
    return new Promise((resolve) => { this.timers.push({ at: Math.max(atMs, this.t), seq: this.seq++, resolve }); });
  }
  /** Runs until nothing is pending or virtual time passes `untilMs`. */
  async run(untilMs = Infinity): Promise<void> {
    for (;;) {
      await idle();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (next === undefined || next.at > untilMs) return;
      this.timers.shift();
      this.t = next.at;
      next.resolve();
    }
  }
}

/** Lets every ready promise chain run. */
export async function idle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Keeps what the behaviour records. */
export class MemoryRecorder implements Recorder {
  lags: Array<[number, number]> = [];
  frt: Array<[number, number]> = [];
  sent = 0;
  received = 0;
  errors: string[] = [];
  outcomes = new Map<number, string>();
  arrivalLag(v: number, ms: number): void { this.lags.push([v, ms]); }
  firstResponse(v: number, ms: number): void { this.frt.push([v, ms]); }
  messageSent(): void { this.sent++; }
  messageReceived(): void { this.received++; }
  error(where: string, message: string): void { this.errors.push(`${where}: ${message}`); }
  outcome(v: number, o: string): void { this.outcomes.set(v, o); }
}

/** One logged call: virtual ms and what. */
export type Call = [number, string];

/** A visitor transport whose backend is the test: it logs calls and the test pushes events. */
export class FakeVisitorTransport implements VisitorTransport {
  calls: Call[] = [];
  handler: (e: VisitorEvent) => void = () => {};
  constructor(private readonly clock: FakeClock, private readonly id = 1) {}
  async start(req: { message: string; group: string; visitorToken?: string }): Promise<StartedConversation> {
    this.calls.push([this.clock.now(), `start ${req.group} ${req.message}${req.visitorToken !== undefined ? ` (token ${req.visitorToken})` : ''}`]);
    return { conversationId: this.id, visitorToken: 'v' };
  }
  async send(id: number, text: string): Promise<void> { this.calls.push([this.clock.now(), `send ${id} ${text}`]); }
  async leave(id: number): Promise<void> { this.calls.push([this.clock.now(), `leave ${id}`]); }
  onEvent(h: (e: VisitorEvent) => void): void { this.handler = h; }
  async close(): Promise<void> {}
  emit(e: VisitorEvent): void { this.handler(e); }
}

/** An agent transport whose backend is the test. */
export class FakeAgentTransport implements AgentTransport {
  calls: Call[] = [];
  handler: (e: AgentEvent) => void = () => {};
  constructor(private readonly clock: FakeClock) {}
  async login(): Promise<{ agent: string; conversations: number[] }> { this.calls.push([this.clock.now(), 'login']); return { agent: 'a', conversations: [] }; }
  async setStatus(s: AgentStatus): Promise<void> { this.calls.push([this.clock.now(), `status ${s}`]); }
  /** Refuse the next send (the visitor left as it came) and deliver their `closed` event instead. */
  refuseNextSend = false;
  async send(id: number, text: string): Promise<void> {
    this.calls.push([this.clock.now(), `send ${id} ${text}`]);
    if (this.refuseNextSend) {
      this.refuseNextSend = false;
      queueMicrotask(() => this.emit({ type: 'closed', conversationId: id, reason: 'visitor', at: 0 }));
      throw new Error('404 agent holds no conversation');
    }
  }
  async close(id: number): Promise<void> { this.calls.push([this.clock.now(), `close ${id}`]); }
  async endWrapUp(id: number): Promise<void> { this.calls.push([this.clock.now(), `end-wrap-up ${id}`]); }
  async noReplyNeeded(id: number): Promise<void> { this.calls.push([this.clock.now(), `no-reply-needed ${id}`]); }
  onEvent(h: (e: AgentEvent) => void): void { this.handler = h; }
  async disconnect(): Promise<void> {}
  emit(e: AgentEvent): void { this.handler(e); }
}
