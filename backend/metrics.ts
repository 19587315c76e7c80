// The Prometheus metrics of a live centre (prom-client, its own Registry): queue length and oldest
// wait per skill group, chats held and cap per agent, agents online, offered / assigned / abandoned
// / closed counters, first-response and queue-wait histograms (scenario seconds), invariant
// violations, and HTTP request durations by route (wall seconds). Gauges are read from the centre at scrape time. Imports prom-client and the centre.

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveCentre } from './live/centre.js';
import type { LiveConversation } from './live/types.js';

/** Histogram buckets, seconds. */
const SECONDS_BUCKETS = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 1800, 3600];

/** Request duration buckets, seconds: 1 ms to 5 s. */
const REQUEST_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The metrics of one server. */
export class CentreMetrics {
  readonly registry = new Registry();
  private readonly offered: Counter<'group'>;
  private readonly assigned: Counter<'group'>;
  private readonly abandoned: Counter<'group'>;
  private readonly closed: Counter<'group'>;
  private readonly frt: Histogram<'group'>;
  private readonly wait: Histogram<'group'>;
  private readonly violations: Counter;
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  private centre: LiveCentre | null = null;

  constructor() {
    const registers = [this.registry];
    const self = this;
    this.offered = new Counter({ name: 'chatsim_conversations_offered_total', help: 'Conversations offered to people', labelNames: ['group'], registers });
    this.assigned = new Counter({ name: 'chatsim_conversations_assigned_total', help: 'Conversations assigned to a first agent', labelNames: ['group'], registers });
    this.abandoned = new Counter({ name: 'chatsim_conversations_abandoned_total', help: 'Conversations the visitor left before a reply', labelNames: ['group'], registers });
    this.closed = new Counter({ name: 'chatsim_conversations_closed_total', help: 'Conversations closed (agent, visitor or silence)', labelNames: ['group'], registers });
    this.frt = new Histogram({ name: 'chatsim_first_response_seconds', help: 'First response time, scenario seconds', labelNames: ['group'], buckets: SECONDS_BUCKETS, registers });
    this.wait = new Histogram({ name: 'chatsim_queue_wait_seconds', help: 'Queue wait to assignment or abandonment, scenario seconds', labelNames: ['group'], buckets: SECONDS_BUCKETS, registers });
    this.violations = new Counter({ name: 'chatsim_invariant_violations_total', help: 'Invariant violations found by --check-invariants', registers });
    this.requests = new Histogram({
      name: 'chatsim_http_request_duration_seconds', help: 'HTTP request duration from its arrival to the reply sent (the group commit included), wall seconds',
      labelNames: ['method', 'route', 'status'], buckets: REQUEST_BUCKETS, registers,
    });
    new Gauge({
      name: 'chatsim_queue_length', help: 'Conversations waiting in queue', labelNames: ['group'], registers,
      collect() { const c = self.centre; if (!c) return; this.reset(); c.groupIds.forEach((g, i) => this.set({ group: g }, c.queueOf(i).length)); },
    });
    new Gauge({
      name: 'chatsim_queue_oldest_wait_seconds', help: 'Wait of the longest-waiting queued conversation, scenario seconds', labelNames: ['group'], registers,
      collect() {
        const c = self.centre; if (!c) return; this.reset();
        const now = c.now();
        c.groupIds.forEach((g, i) => this.set({ group: g }, c.queueOf(i).reduce((m, x) => Math.max(m, now - x.queuedAt), 0)));
      },
    });
    new Gauge({
      name: 'chatsim_agent_chats_held', help: 'Chats held by an agent, wrap-up included', labelNames: ['agent'], registers,
      collect() { const c = self.centre; if (!c) return; this.reset(); for (const a of c.agents) this.set({ agent: a.id }, a.held); },
    });
    new Gauge({
      name: 'chatsim_agent_cap', help: 'Maximum concurrent chats of an agent', labelNames: ['agent'], registers,
      collect() { const c = self.centre; if (!c) return; this.reset(); for (const a of c.agents) this.set({ agent: a.id }, a.cap); },
    });
    new Gauge({
      name: 'chatsim_agents_online', help: 'Agents taking new chats', registers,
      collect() { const c = self.centre; if (!c) return; this.set(c.agents.filter((a) => a.online).length); },
    });
  }

  /** Reads gauges from `centre` from now on. */
  watch(centre: LiveCentre): void {
    this.centre = centre;
  }

  private group(c: LiveConversation): { group: string } {
    return { group: this.centre?.groupIds[c.groupIndex] ?? String(c.groupIndex) };
  }

  onOffered(c: LiveConversation): void { this.offered.inc(this.group(c)); }
  onAssigned(c: LiveConversation, waitSec: number): void { this.assigned.inc(this.group(c)); this.wait.observe(this.group(c), waitSec); }
  onAbandoned(c: LiveConversation, waitSec: number): void { this.abandoned.inc(this.group(c)); if (c.state === 'ended' && c.outcome === 'abandonedInQueue') this.wait.observe(this.group(c), waitSec); }
  onClosed(c: LiveConversation): void { this.closed.inc(this.group(c)); }
  onFirstReply(c: LiveConversation, frtSec: number): void { this.frt.observe(this.group(c), frtSec); }
  onViolation(): void { this.violations.inc(); }
  /** A request answered: its route pattern (`/api/v1/conversations/:id/messages`; `unmatched` for a 404 of no route) and wall seconds. */
  onRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.observe({ method, route, status: String(status) }, seconds);
  }

  /** Violations counted so far. */
  async violationCount(): Promise<number> {
    return (await this.violations.get()).values[0]?.value ?? 0;
  }
}
