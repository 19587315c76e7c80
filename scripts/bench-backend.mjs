#!/usr/bin/env node
// `npm run bench:backend [-- --conversations 5000 --rate 2000 --seconds 60 --client node|k6|both]`:
// a bounded loopback load on `chatsim serve` (its own process, a database file in WAL with
// synchronous=FULL, --check-invariants), once per client, each on a fresh server: agents log in
// and go online; visitors open `--conversations` conversations at once (all assigned: the roster
// has that many slots); then visitors post `--rate` messages a second for `--seconds`,
// round-robin over the conversations, and each message's delivery latency is taken when the
// holding agent's socket receives it. The Node client is this process (fetch + ws); the k6 client
// is dist/loadgen/k6/chatsim-k6-bench.js (loadgen/k6/bench-script.ts) run by the k6 of `K6` or
// PATH (without one, `both` says how to enable it and runs Node only). Prints one JSON line per
// client: messages sent, acknowledged, delivered, lost (acknowledged and never delivered), failed
// requests by reason, p50/p99/max delivery latency, p50/p99 send to acknowledgement, the rate
// reached, invariant violations, the server's own time for a visitor message (its request-duration
// histogram: arrival to reply sent, group commit included; bucket bounds), the server's CPU (share
// of one core) and RSS, and the load process's CPU, over the load's window.
// `--profile DIR` runs the server under `node --cpu-prof` (see scripts/cpuprofile-summary.mjs).
// Every loop is bounded in count and time; loopback only. Reads the built CLI in dist/
// (npm run bench:backend builds first).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { cpuShareBetween, histogramQuantileMs, quantileOf } from './bench-figures.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const CONVERSATIONS = opt('conversations', 5000);
const RATE = opt('rate', 2000);
const SECONDS = opt('seconds', 60);
const CAP = 20;
/** Requests in flight at most: each is a connection of its own under load, and the server takes 2,000 in all. */
const MAX_IN_FLIGHT = opt('in-flight', 256);
const AGENTS = Math.ceil(CONVERSATIONS / CAP);
/** `--profile DIR`: the server runs under `node --cpu-prof` and writes its profile there on exit. */
const PROFILE_DIR = args.includes('--profile') ? args[args.indexOf('--profile') + 1] : undefined;
const CLIENT = args.includes('--client') ? args[args.indexOf('--client') + 1] : 'both';
if (!(CONVERSATIONS >= 1 && CONVERSATIONS <= 20000 && RATE >= 1 && RATE <= 20000 && SECONDS >= 1 && SECONDS <= 600 && MAX_IN_FLIGHT >= 1 && MAX_IN_FLIGHT <= 1500)) {
  console.error('bench:backend: --conversations 1–20000, --rate 1–20000 per second, --seconds 1–600, --in-flight 1–1500');
  process.exit(2);
}
if (!['node', 'k6', 'both'].includes(CLIENT)) {
  console.error(`bench:backend: --client node, k6 or both (got ${CLIENT})`);
  process.exit(2);
}
if (AGENTS > 900) {
  console.error('bench:backend: at most 900 agents (one socket each, under the server\'s 1,000 sockets): lower --conversations');
  process.exit(2);
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const MAIN = join(DIST, 'cli/main.js');
const { findK6, K6_OFFLINE_ENV } = await import(join(DIST, 'loadgen/k6/k6-binary.js'));
const k6 = CLIENT === 'node' ? undefined : findK6(process.env);
if (CLIENT === 'k6' && k6 === undefined) {
  console.error('bench:backend: no k6 found: K6=/path/to/k6 npm run bench:backend, or put k6 on PATH');
  process.exit(2);
}

const scenarioYaml = `name: bench-backend
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
`;

/** Reads a process's CPU seconds so far and its RSS from /proc. */
function usageOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const tick = 100; // USER_HZ on Linux
  const cpuSec = (Number(stat[11]) + Number(stat[12])) / tick;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { cpuSec, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** A fresh `chatsim serve` in its own directory, until `stop()`. */
async function startServe() {
  const dir = mkdtempSync(join(tmpdir(), 'chatsim-bench-backend-'));
  writeFileSync(join(dir, 'bench.yaml'), scenarioYaml);
  const server = spawn(process.execPath, [...(PROFILE_DIR !== undefined ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), MAIN, 'serve', '--scenario', join(dir, 'bench.yaml'), '--db', join(dir, 'bench.db'), '--check-invariants'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stderr.on('data', () => {});
  const started = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { out += d; if (out.includes('pages:')) resolve(out); });
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(started)[1];
  const tokensFile = /owner-only file\): (\S+)/.exec(started)[1];
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8'));
  return {
    url, tokens, tokensFile, dir, pid: server.pid,
    usage: () => usageOf(server.pid),
    /** Invariant violations, and the server's own time for a visitor message (arrival to reply sent, group commit included) as bucket bounds. */
    async serverFigures() {
      const metrics = await (await fetch(url + '/metrics', { headers: { authorization: `Bearer ${tokens.admin}` } })).text();
      const q = (p) => histogramQuantileMs(metrics, 'chatsim_http_request_duration_seconds', { method: 'POST', route: '/api/v1/visitor/conversations/:id/messages' }, p);
      return { invariantViolations: Number(/^chatsim_invariant_violations_total (\d+)/m.exec(metrics)?.[1] ?? NaN), serverRequestMs: { p50AtMost: q(0.5), p99AtMost: q(0.99) } };
    },
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Node client: this process. */
async function runNode(serve) {
  const { url, tokens } = serve;
  /** Refused or failed requests by reason (HTTP status or error code). */
  const failures = {};
  async function api(method, path, token, body) {
    const res = await fetch(url + path, { method, headers: { ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const parsed = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
    return parsed;
  }

  // ---- agents: log in, socket, online
  const sentAt = new Map(); // message text → performance.now() at send
  const delivered = new Set();
  const acked = new Set(); // acknowledged (201: committed) messages
  let ackedAndDelivered = 0; // messages both acknowledged and delivered (in either order)
  const latencies = [];
  const ackLatencies = [];
  const sockets = [];
  for (const token of Object.values(tokens.agents)) {
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
  }

  // ---- visitors: open every conversation (100 requests in flight at most)
  const conversations = [];
  for (let i = 0; i < CONVERSATIONS; i += 100) {
    const batch = [];
    for (let k = i; k < Math.min(CONVERSATIONS, i + 100); k++) batch.push(api('POST', '/api/v1/visitor/conversations', undefined, { message: `open ${k}`, group: 'web' }));
    for (const r of await Promise.all(batch)) conversations.push({ id: r.conversationId, token: r.visitorToken });
  }

  // ---- the load: RATE messages a second for SECONDS, in 10 ms ticks
  const before = serve.usage();
  const clientBefore = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  const total = RATE * SECONDS;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
      while (sent < due && inFlight < MAX_IN_FLIGHT) {
        const c = conversations[sent % conversations.length];
        const text = `m${sent}`;
        sent++;
        inFlight++;
        const at = performance.now();
        sentAt.set(text, at);
        api('POST', `/api/v1/visitor/conversations/${c.id}/messages`, c.token, { text })
          .then(() => { ackLatencies.push(performance.now() - at); acked.add(text); if (delivered.has(text)) ackedAndDelivered++; })
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
  const after = serve.usage();
  const clientCpu = process.cpuUsage(clientBefore);
  for (const ws of sockets) ws.close();

  latencies.sort((a, b) => a - b);
  ackLatencies.sort((a, b) => a - b);
  return {
    sent, acknowledged: acked.size, delivered: latencies.length, failedRequests: failed, failures,
    lost: acked.size - ackedAndDelivered, // acknowledged (committed) and never delivered
    reachedRate: Math.round(sent / loadSec), deliveryMs: { p50: quantileOf(latencies, 0.5), p99: quantileOf(latencies, 0.99), max: quantileOf(latencies, 1) },
    ackMs: { p50: quantileOf(ackLatencies, 0.5), p99: quantileOf(ackLatencies, 0.99) },
    serverCpu: Math.round(((after.cpuSec - before.cpuSec) / loadSec) * 100) / 100, serverRssMb: Math.round(after.rssMb), serverPeakRssMb: Math.round(after.peakRssMb),
    clientCpu: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / loadSec) * 100) / 100,
  };
}

/**
 * Requests in flight per k6 VU (one VU per agent, each sending only its agent's share): 2, what a
 * VU keeps open between requests. With 4, k6 opened and closed connections during the load (2,500
 * sockets in TIME_WAIT after a 30 s run, against 550 with 2) and some requests waited out SYN
 * retries: p99 3 s instead of 0.3 s at 2,000 msg/s. (`--in-flight` is the Node client's.)
 */
const K6_IN_FLIGHT_PER_VU = 2;

/** The k6 client: dist/loadgen/k6/chatsim-k6-bench.js under `k6 run`, its figures from its summary file. */
async function runK6(serve) {
  const summary = join(serve.dir, 'k6-bench-summary.json');
  const child = spawn(k6, ['run', '--quiet', '--no-color', join(DIST, 'loadgen/k6/chatsim-k6-bench.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env, ...K6_OFFLINE_ENV,
      CHATSIM_TARGET: serve.url, CHATSIM_TOKENS: serve.tokensFile, CHATSIM_RATE: String(RATE), CHATSIM_SECONDS: String(SECONDS),
      CHATSIM_CONVERSATIONS: String(CONVERSATIONS), CHATSIM_IN_FLIGHT: String(K6_IN_FLIGHT_PER_VU), CHATSIM_SUMMARY: summary,
    },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  // both processes' CPU every 200 ms: the load's window is known only from the summary
  const server = [];
  const client = [];
  const sample = () => {
    const atMs = Date.now();
    try { server.push({ atMs, ...serve.usage() }); client.push({ atMs, cpuSec: usageOf(child.pid).cpuSec }); } catch { /* k6 exiting */ }
  };
  sample();
  const timer = setInterval(sample, 200);
  const code = await new Promise((r) => child.once('exit', r));
  clearInterval(timer);
  let f;
  try {
    f = JSON.parse(readFileSync(summary, 'utf8'));
  } catch {
    throw new Error(`k6 exited ${code} without its summary:\n${stderr}`);
  }
  const fromMs = f.t0Ms;
  const toMs = f.t0Ms + (f.loadMs ?? 0);
  const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
  const last = server.filter((s) => s.atMs <= toMs + 200).at(-1) ?? server.at(-1);
  return {
    sent: f.sent, acknowledged: f.acknowledged, delivered: f.delivered, failedRequests: f.failures.status + f.failures.network,
    failures: Object.fromEntries(Object.entries(f.failures).filter(([, n]) => n > 0)),
    lost: f.lost, reachedRate: f.loadMs > 0 ? Math.round(f.sent / (f.loadMs / 1000)) : null,
    deliveryMs: { p50: round(f.deliveryMs.p50), p99: round(f.deliveryMs.p99), max: round(f.deliveryMs.max) },
    ackMs: { p50: round(f.ackMs.p50), p99: round(f.ackMs.p99) },
    serverCpu: round(cpuShareBetween(server, fromMs, toMs)), serverRssMb: Math.round(last.rssMb), serverPeakRssMb: Math.round(last.peakRssMb),
    clientCpu: round(cpuShareBetween(client, fromMs, toMs)),
    ...(code !== 0 ? { k6ExitCode: code } : {}),
  };
}

const clients = CLIENT === 'both' ? ['node', ...(k6 !== undefined ? ['k6'] : [])] : [CLIENT];
const deadline = setTimeout(() => { console.error('bench:backend: over its time budget, stopping'); process.exit(1); }, (SECONDS * 1.5 + 300) * 1000 * clients.length);
for (const client of clients) {
  const serve = await startServe();
  try {
    const r = client === 'node' ? await runNode(serve) : await runK6(serve);
    const { serverCpu, serverRssMb, serverPeakRssMb, clientCpu, ...rest } = r;
    console.log(JSON.stringify({
      case: 'backend', client, conversations: CONVERSATIONS, agents: AGENTS, targetRate: RATE, seconds: SECONDS,
      ...rest, ...(await serve.serverFigures()), serverCpu, serverRssMb, serverPeakRssMb, clientCpu,
    }));
  } finally {
    await serve.stop();
  }
}
if (CLIENT === 'both' && k6 === undefined) console.log('bench:backend: no k6 found, so no k6 run: K6=/path/to/k6 npm run bench:backend, or put k6 on PATH');
clearTimeout(deadline);
