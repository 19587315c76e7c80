#!/usr/bin/env node
// `npm run bench:backend [-- --conversations 5000 --rate 2000 --seconds 60]`: a bounded loopback
// load on `chatsim serve` (its own process, a database file in WAL with synchronous=FULL,
// --check-invariants): agents log in over their WebSocket and go online; visitors open
// `--conversations` conversations at once (all assigned: the roster has that many slots); then
// visitors post `--rate` messages a second for `--seconds`, round-robin over the conversations, and
// each message's delivery latency is taken when the holding agent's socket receives it. Prints one
// JSON line: messages sent, acknowledged, delivered, lost (acknowledged and never delivered), failed
// requests by reason, p50/p99/max delivery latency, the rate reached,
// invariant violations, the server's CPU (share of one core) and RSS, and the load process's CPU. Every loop is bounded in count
// and time; loopback only. Reads the built CLI in dist/ (npm run bench:backend builds first).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const CONVERSATIONS = opt('conversations', 5000);
const RATE = opt('rate', 2000);
const SECONDS = opt('seconds', 60);
const CAP = 20;
/** Requests in flight at most: each is a connection of its own under load, and the server takes 2,000 in all. */
const MAX_IN_FLIGHT = opt('in-flight', 256);
/** `--profile DIR`: the server runs under `node --cpu-prof` and writes its profile there on exit. */
const PROFILE_DIR = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const AGENTS = Math.ceil(CONVERSATIONS / CAP);
if (!(CONVERSATIONS >= 1 && CONVERSATIONS <= 20000 && RATE >= 1 && RATE <= 20000 && SECONDS >= 1 && SECONDS <= 600)) {
  console.error('bench:backend: --conversations 1–20000, --rate 1–20000 per second, --seconds 1–600');
  process.exit(2);
}
if (AGENTS > 900) {
  console.error('bench:backend: at most 900 agents (one socket each, under the server\'s 1,000 sockets): lower --conversations');
  process.exit(2);
}

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chatsim-bench-backend-'));
writeFileSync(join(dir, 'bench.yaml'), `name: bench-backend
days: 1
seed: 1
service:
  firstReply: { dist: exponential, mean: 10s }
  wrapUp: 10s
groups:
  web:
    arrivals: { rates: [{ from: "00:00", to: "24:00", rate: 60/h }] }
    patience: { dist: exponential, mean: 10h }
    rounds: 10
    thinkTime: { dist: exponential, mean: 30s }
agents:
  bench: { count: ${AGENTS}, skills: [web], maxConcurrent: ${CAP} }
`);

const server = spawn(process.execPath, [...(PROFILE_DIR !== undefined ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), MAIN, 'serve', '--scenario', join(dir, 'bench.yaml'), '--db', join(dir, 'bench.db'), '--check-invariants'], { stdio: ['ignore', 'pipe', 'pipe'] });
const deadline = setTimeout(() => { console.error('bench:backend: over its time budget, stopping'); server.kill('SIGKILL'); process.exit(1); }, (SECONDS + 240) * 1000);
let out = '';
server.stderr.on('data', () => {});
const started = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { out += d; if (out.includes('pages:')) resolve(out); });
  server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started)[1];
const tokens = JSON.parse(readFileSync(/owner-only file\): (\S+)/.exec(started)[1], 'utf8'));

/** Refused or failed requests by reason (HTTP status or error code). */
const failures = {};
async function api(method, path, token, body) {
  const res = await fetch(url + path, { method, headers: { ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const parsed = await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}
/** The server's CPU seconds so far and its RSS, from /proc. */
function serverUsage() {
  const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const tick = 100; // USER_HZ on Linux
  const cpuSec = (Number(stat[11]) + Number(stat[12])) / tick;
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { cpuSec, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

// ---- agents: log in, socket, online
const sentAt = new Map(); // message text → performance.now() at send
const delivered = new Set();
let ackedAndDelivered = 0; // messages both acknowledged and delivered (in either order)
const latencies = [];
const sockets = [];
for (const [id, token] of Object.entries(tokens.agents)) {
  await api('POST', '/api/v1/agent/login', token);
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/api/v1/agent/ws');
  await new Promise((resolve, reject) => {
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
    ws.once('error', reject);
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type === 'welcome') return resolve();
      if (f.type === 'message' && f.author === 'visitor') {
        const t = sentAt.get(f.text);
        if (t !== undefined) { latencies.push(performance.now() - t); sentAt.delete(f.text); delivered.add(f.text); if (acked.has(f.text)) ackedAndDelivered++; }
      }
    });
  });
  sockets.push(ws);
  await api('PUT', '/api/v1/agent/status', token, { status: 'online' });
  void id;
}

// ---- visitors: open every conversation (100 requests in flight at most)
const conversations = [];
for (let i = 0; i < CONVERSATIONS; i += 100) {
  const batch = [];
  for (let k = i; k < Math.min(CONVERSATIONS, i + 100); k++) batch.push(api('POST', '/api/v1/visitor/conversations', undefined, { message: `open ${k}`, group: 'web' }));
  for (const r of await Promise.all(batch)) conversations.push({ id: r.conversationId, token: r.visitorToken });
}

// ---- the load: RATE messages a second for SECONDS, in 10 ms ticks
const before = serverUsage();
const clientBefore = process.cpuUsage();
const t0 = performance.now();
let sent = 0;
let failed = 0;
let inFlight = 0;
const acked = new Set(); // acknowledged (201: committed) messages
const total = RATE * SECONDS;
await new Promise((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
    while (sent < due && inFlight < MAX_IN_FLIGHT) {
      const c = conversations[sent % conversations.length];
      const text = `m${sent}`;
      sent++;
      inFlight++;
      sentAt.set(text, performance.now());
      api('POST', `/api/v1/visitor/conversations/${c.id}/messages`, c.token, { text })
        .then(() => { acked.add(text); if (delivered.has(text)) ackedAndDelivered++; })
        .catch((err) => {
          failed++;
          const why = /: (\d{3}) /.exec(err.message)?.[1] ?? err.cause?.code ?? err.name;
          failures[why] = (failures[why] ?? 0) + 1;
          sentAt.delete(text);
        })
        .finally(() => { inFlight--; });
    }
    if (sent >= total || performance.now() - t0 > SECONDS * 1000 * 1.5) { clearInterval(tick); resolve(); }
  }, 10);
});
const loadSec = (performance.now() - t0) / 1000;
// up to 15 s for the requests in flight and the last deliveries
for (let i = 0; i < 1500 && (inFlight > 0 || acked.size > ackedAndDelivered); i++) await new Promise((r) => setTimeout(r, 10));
const after = serverUsage();
const clientCpu = process.cpuUsage(clientBefore);

const metrics = await (await fetch(url + '/metrics', { headers: { authorization: `Bearer ${tokens.admin}` } })).text();
const violations = Number(/^chatsim_invariant_violations_total (\d+)/m.exec(metrics)?.[1] ?? NaN);
latencies.sort((a, b) => a - b);
const q = (p) => (latencies.length === 0 ? null : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] * 100) / 100);
const result = {
  case: 'backend', conversations: CONVERSATIONS, agents: AGENTS, targetRate: RATE, seconds: SECONDS,
  sent, acknowledged: acked.size, delivered: latencies.length, failedRequests: failed, failures,
  lost: acked.size - ackedAndDelivered, // acknowledged (committed) and never delivered
  reachedRate: Math.round(sent / loadSec), deliveryMs: { p50: q(0.5), p99: q(0.99), max: q(1) },
  invariantViolations: violations,
  serverCpu: Math.round(((after.cpuSec - before.cpuSec) / loadSec) * 100) / 100, serverRssMb: Math.round(after.rssMb), serverPeakRssMb: Math.round(after.peakRssMb),
  clientCpu: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / loadSec) * 100) / 100,
};
console.log(JSON.stringify(result));
for (const ws of sockets) ws.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
clearTimeout(deadline);
rmSync(dir, { recursive: true, force: true });
