// The k6 half of `npm run bench:backend` (scripts/bench-backend.mjs starts the server and runs
// this), bundled by esbuild into dist/loadgen/k6/chatsim-k6-bench.js, built-in k6 modules only.
// setup(): every agent logs in and goes online over HTTP, then `CHATSIM_CONVERSATIONS`
// conversations are opened (all assigned: the roster has that many slots) and grouped by the
// agent holding them. One VU per agent: it opens the agent's WebSocket and posts, as the visitors
// of the chats that agent holds, its share of `CHATSIM_RATE` messages a second for
// `CHATSIM_SECONDS` from the common start instant, each at its due instant (late ones at once)
// with at most `CHATSIM_IN_FLIGHT` requests in flight per VU, and takes each message's delivery
// latency when its own socket receives it (whole ms: k6 has no clock finer than Date.now).
// Sender and receiver being the same VU, lost (acknowledged and never delivered) is exact, as in
// the Node client.
// handleSummary writes the figures to `CHATSIM_SUMMARY` as JSON. Bounded in count and time;
// loopback only. Imports k6 modules only.
/// <reference types="k6" />

import http from 'k6/http';
import exec from 'k6/execution';
import { WebSocket } from 'k6/websockets';
import { setTimeout } from 'k6/timers';
import { Counter, Trend } from 'k6/metrics';

const need = (name: string): string => {
  const v = __ENV[name];
  if (v === undefined || v === '') throw new Error(`chatsim bench: set ${name}`);
  return v;
};
const TARGET = need('CHATSIM_TARGET');
const RATE = Number(need('CHATSIM_RATE'));
const SECONDS = Number(need('CHATSIM_SECONDS'));
const CONVERSATIONS = Number(need('CHATSIM_CONVERSATIONS'));
const IN_FLIGHT = Number(__ENV.CHATSIM_IN_FLIGHT ?? '2');
const SUMMARY = need('CHATSIM_SUMMARY');
/** Wall ms between setup's end and the load's start: every VU has its socket open by then. */
const LEAD_MS = Number(__ENV.CHATSIM_LEAD_MS ?? '5000');
/** Wall ms a VU waits, after its last send, for requests in flight and deliveries. */
const DRAIN_MS = 15_000;

const tokens = JSON.parse(open(need('CHATSIM_TOKENS'))) as { agents: Record<string, string> };
const agentIds = Object.keys(tokens.agents);

const delivery = new Trend('bench_delivery_ms', true);
/** Send to acknowledgement (the 201, after the commit), wall ms. */
const ack = new Trend('bench_ack_ms', true);
/** Wall ms from the start to the end of each VU's sending (the load's length is the max). */
const loadEnd = new Trend('bench_load_end_ms', true);
const sentCount = new Counter('bench_sent');
const ackedCount = new Counter('bench_acknowledged');
const deliveredCount = new Counter('bench_delivered');
const lostCount = new Counter('bench_lost');
const refusedCount = new Counter('bench_failed_status');
const networkCount = new Counter('bench_failed_network');

export const options = {
  scenarios: {
    bench: { executor: 'per-vu-iterations', vus: agentIds.length, iterations: 1, maxDuration: `${Math.ceil(LEAD_MS / 1000 + SECONDS * 1.5 + DRAIN_MS / 1000) + 30}s`, gracefulStop: '10s' },
  },
  summaryTrendStats: ['p(50)', 'p(99)', 'max', 'count'],
  // the message requests need only their status; fewer tags per sample keep k6's own cost down
  discardResponseBodies: true,
  systemTags: ['status', 'method', 'name', 'scenario'],
  setupTimeout: '300s',
};

type Conversation = [id: number, visitorToken: string];
interface SetupData { t0Ms: number; byAgent: Record<string, Conversation[]> }

const json = { headers: { 'Content-Type': 'application/json' }, responseType: 'text' as const };
const bearer = (token: string, body = false) => ({ headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) } });

function check200(res: { status: number; body: unknown }, what: string): void {
  if (res.status >= 300) exec.test.abort(`chatsim bench: ${what} answered ${res.status}: ${String(res.body).slice(0, 200)}`);
}

export function setup(): SetupData {
  for (let i = 0; i < agentIds.length; i += 50) {
    const ids = agentIds.slice(i, i + 50);
    http.batch(ids.map((id) => ['POST', `${TARGET}/api/v1/agent/login`, null, bearer(tokens.agents[id])] as [string, string, null, object])).forEach((r) => check200(r, 'login'));
    http.batch(ids.map((id) => ['PUT', `${TARGET}/api/v1/agent/status`, JSON.stringify({ status: 'online' }), bearer(tokens.agents[id], true)] as [string, string, string, object])).forEach((r) => check200(r, 'status'));
  }
  const byAgent: Record<string, Conversation[]> = {};
  for (let i = 0; i < CONVERSATIONS; i += 100) {
    const n = Math.min(100, CONVERSATIONS - i);
    const batch = Array.from({ length: n }, (_, k) => ['POST', `${TARGET}/api/v1/visitor/conversations`, JSON.stringify({ message: `open ${i + k}`, group: 'web' }), json] as [string, string, string, object]);
    for (const r of http.batch(batch)) {
      check200(r, 'opening a conversation');
      const b = JSON.parse(String(r.body)) as { conversationId: number; visitorToken: string; conversation: { agent: string | null } };
      if (b.conversation.agent === null) exec.test.abort('chatsim bench: a conversation was queued (more conversations than slots)');
      (byAgent[b.conversation.agent!] ??= []).push([b.conversationId, b.visitorToken]);
    }
  }
  return { t0Ms: Date.now() + LEAD_MS, byAgent };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The agent of VU `exec.scenario.iterationInTest`: its socket, its chats' messages. */
export default async function bench(data: SetupData): Promise<void> {
  const i = exec.scenario.iterationInTest;
  if (i >= agentIds.length) return;
  const token = tokens.agents[agentIds[i]];
  const mine = data.byAgent[agentIds[i]] ?? [];
  const sentAt = new Map<string, number>();
  const acked = new Set<string>();
  const delivered = new Set<string>();
  let ackedAndDelivered = 0;

  const ws = new WebSocket(`${TARGET.replace(/^http/, 'ws')}/api/v1/agent/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token }));
    ws.onerror = (e) => reject(new Error(`agent socket: ${String(e?.error ?? 'error')}`));
    ws.onmessage = (e) => {
      const f = JSON.parse(String(e?.data)) as { type: string; author?: string; text?: string };
      if (f.type === 'welcome') return resolve();
      if (f.type !== 'message' || f.author !== 'visitor') return;
      const t = sentAt.get(f.text!);
      if (t === undefined) return;
      delivery.add(Date.now() - t);
      deliveredCount.add(1);
      sentAt.delete(f.text!);
      delivered.add(f.text!);
      if (acked.has(f.text!)) ackedAndDelivered++;
    };
  });

  // this agent's share of the load, its sends spread over the second by the VU's index
  const total = Math.round((RATE * SECONDS * mine.length) / CONVERSATIONS);
  const perSec = (RATE * mine.length) / CONVERSATIONS;
  const phase = i / agentIds.length;
  let sent = 0;
  let inFlight = 0;
  /** Resolves the wait for a free in-flight slot. */
  let freed: (() => void) | null = null;
  const stopAtMs = data.t0Ms + SECONDS * 1500;
  while (sent < total && Date.now() < stopAtMs) {
    // message `sent` is due once ⌊elapsed·perSec + phase⌋ > sent: the VU wakes only for its own
    // sends (a few a second), not every 10 ms
    const dueMs = data.t0Ms + ((sent + 1 - phase) / perSec) * 1000;
    if (dueMs > Date.now()) await sleep(dueMs - Date.now());
    if (inFlight >= IN_FLIGHT) {
      await new Promise<void>((resolve) => { freed = resolve; });
      continue;
    }
    {
      const [id, visitorToken] = mine[sent % mine.length];
      const text = `k${i}-${sent}`;
      sent++;
      inFlight++;
      sentCount.add(1);
      const at = Date.now();
      sentAt.set(text, at);
      http.asyncRequest('POST', `${TARGET}/api/v1/visitor/conversations/${id}/messages`, JSON.stringify({ text }), { ...bearer(visitorToken, true), tags: { name: 'message' } })
        .then((res) => {
          if (res.status === 201) {
            ack.add(Date.now() - at);
            acked.add(text);
            ackedCount.add(1);
            if (delivered.has(text)) ackedAndDelivered++;
          } else {
            (res.status === 0 ? networkCount : refusedCount).add(1);
            sentAt.delete(text);
          }
        }, () => { networkCount.add(1); sentAt.delete(text); })
        .finally(() => {
          inFlight--;
          const f = freed;
          freed = null;
          f?.();
        });
    }
  }
  loadEnd.add(Date.now() - data.t0Ms);
  const drainUntil = Date.now() + DRAIN_MS;
  while ((inFlight > 0 || acked.size > ackedAndDelivered) && Date.now() < drainUntil) await sleep(10);
  lostCount.add(acked.size - ackedAndDelivered);
  ws.close();
  // a second more, so that the bench's CPU samples (every 200 ms) cover the load's end
  await sleep(1000);
}

/** The figures bench-backend.mjs prints, from k6's end-of-test data. */
export function handleSummary(data: { setup_data?: SetupData; metrics: Record<string, { values: Record<string, number> }> }): Record<string, string> {
  const m = (name: string, stat: string): number | null => data.metrics[name]?.values[stat] ?? null;
  const count = (name: string): number => m(name, 'count') ?? 0;
  const figures = {
    t0Ms: data.setup_data?.t0Ms ?? null,
    loadMs: m('bench_load_end_ms', 'max'),
    sent: count('bench_sent'), acknowledged: count('bench_acknowledged'), delivered: count('bench_delivered'),
    lost: count('bench_lost'),
    failures: { status: count('bench_failed_status'), network: count('bench_failed_network') },
    deliveryMs: { p50: m('bench_delivery_ms', 'p(50)'), p99: m('bench_delivery_ms', 'p(99)'), max: m('bench_delivery_ms', 'max') },
    ackMs: { p50: m('bench_ack_ms', 'p(50)'), p99: m('bench_ack_ms', 'p(99)') },
  };
  return { [SUMMARY]: JSON.stringify(figures) + '\n', stdout: '' };
}
