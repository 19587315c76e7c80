#!/usr/bin/env node
// `npm run bench [-- --case NAME]`: simulator throughput. Prints one JSON line per case:
// {"case","visitors","visitorsPerSec","eventsPerSec","wallMs","peakRssMb", …}. Each case runs in its
// own process so peak RSS is that case's. Reads the built code in dist/ (npm run bench builds first).
// `--case trace` writes, reads and simulates a 1,000,000-visitor trace (scripts/trace-memory.mjs):
// the live heap's growth per phase shows it is streamed.
//
// `npm run bench -- --against OTHER/dist [--case mmn|promo-peak] [--pairs 5]`: a paired comparison of
// this build with another one (an earlier checkout's dist/), both loaded into one process and run
// alternately on the same scenario and seed (A B B A …), so the machine's drift falls on both alike.
// Prints each pair's times, the median ratio this/other, and whether the metrics are byte-identical.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = new URL('../dist/', import.meta.url);
const CASES = ['mmn', 'promo-peak', 'workers', 'staff', 'floor', 'trace'];

const args = process.argv.slice(2);
const caseArg = args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined;
const child = args.includes('--child');

const againstArg = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined;
if (againstArg !== undefined && !child) {
  const { resolve } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', '--paired', pathToFileURL(resolve(againstArg) + '/').href, '--case', caseArg ?? 'promo-peak', '--pairs', args.includes('--pairs') ? args[args.indexOf('--pairs') + 1] : '5'], { stdio: 'inherit', cwd: here });
  process.exit(r.status ?? 1);
}

if (!child) {
  const names = caseArg ? [caseArg] : CASES;
  for (const name of names) {
    if (!CASES.includes(name) && name !== 'workers-one') {
      console.error(`bench: unknown case "${name}" (known: ${CASES.join(', ')})`);
      process.exit(2);
    }
    // trace: a 1,000,000-visitor trace written, read and simulated, streamed (live heap growth, peak RSS)
    const argv = name === 'trace'
      ? ['--expose-gc', fileURLToPath(new URL('trace-memory.mjs', import.meta.url)), process.env.BENCH_VISITORS ?? '1000000']
      : [fileURLToPath(import.meta.url), '--child', '--case', name];
    const r = spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: here });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

const { simulate } = await import(new URL('sim/model/contact-centre.js', dist));
const { MetricsCollector, metricsContext } = await import(new URL('core/metrics/index.js', dist));
const { rateSegments } = await import(new URL('sim/model/arrivals.js', dist));

/** M/M/n+M: 100 agents, mean handle 100 s, mean patience 200 s, offered load 95 % of capacity. */
function mmnScenario(visitors) {
  const ratePerSec = 0.95 * 100 / 100;
  const days = Math.ceil(visitors / ratePerSec / 86400);
  const horizonSec = Math.min(days * 86400, visitors / ratePerSec);
  return {
    name: 'bench-mmn', description: '', days, horizonSec, seed: 'bench', replications: 1, warmupSec: 0,
    slTimeSec: 20, intervalSec: 1800, queuePlacementThresholdSec: 60, drainSec: 4 * 3600, policy: 'least-loaded',
    groups: [{
      id: 'g',
      arrivals: { windows: [{ fromSec: 0, toSec: 86400, ratePerSec }], promos: [], dailyCv: 0 },
      patience: { kind: 'exponential', mean: 200 },
      rounds: { kind: 'fixed', value: 2 },
      thinkTime: { kind: 'exponential', mean: 100 },
      service: { firstReply: { kind: 'fixed', value: 0 }, nextReply: { kind: 'fixed', value: 0 }, wrapUp: { kind: 'fixed', value: 0 } },
    }],
    agents: [{ id: 'a', count: 100, skills: ['g'], maxConcurrent: 1, speed: 1, rank: 1, slowdown: 0, shifts: [] }],
  };
}

/** promo-peak.yaml with every rate and agent count scaled so one replication has ~`visitors`. */
async function promoScenario(visitors) {
  const { loadScenario } = await import(new URL('scenarios/load.js', dist));
  const file = fileURLToPath(new URL('../scenarios/examples/promo-peak.yaml', import.meta.url));
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error('promo-peak.yaml does not load');
  const s = loaded.scenario;
  let expected = 0;
  for (const g of s.groups) for (const seg of rateSegments(g, s.horizonSec)) expected += (seg.endAt - seg.startAt) * seg.ratePerSec;
  const k = visitors / expected;
  return {
    ...s,
    groups: s.groups.map((g) => ({ ...g, arrivals: { ...g.arrivals, windows: g.arrivals.windows.map((w) => ({ ...w, ratePerSec: w.ratePerSec * k })) } })),
    agents: s.agents.map((a) => ({ ...a, count: Math.max(1, Math.round(a.count * k)) })),
    _scale: k,
  };
}

const name = caseArg;

if (name === 'floor') {
  // A yardstick, not chatsim: the `mmn` queue (M/M/100+M, 95 % load, mean handle 100 s, mean
  // patience 200 s, 1,000,000 visitors) as a bare loop over chatsim's own event heap, random streams
  // and quantile selection: no scenario, no conversation objects, no records, no routing policies,
  // and only the core metrics (offered, answered, abandoned, FRT mean and p50/p90/p95/p99, SL(20 s),
  // occupancy). What chatsim's `mmn` figure is measured against: the ceiling of this runtime on
  // this machine for the same queue.
  const { EventQueue } = await import(new URL('sim/engine/event-queue.js', dist));
  const { stream } = await import(new URL('sim/engine/random.js', dist));
  const { quantilesInPlace } = await import(new URL('core/metrics/quantile.js', dist));
  const floor = (visitors, seed) => {
    const agents = 100, rate = 0.95, handle = 100, patienceMean = 200, slSec = 20;
    const arrivalsRng = stream(seed, 'arrivals'), patienceRng = stream(seed, 'patience'), serviceRng = stream(seed, 'service');
    const q = new EventQueue(4096);
    const RELEASE = 1, ABANDON = 2;
    // per visitor: arrival and state (1 queued, 2 assigned, 3 abandoned); queue of visitor ids
    const arrivalAt = new Float64Array(visitors), state = new Uint8Array(visitors), queue = new Int32Array(visitors);
    const frt = new Float64Array(visitors);
    const free = Int32Array.from({ length: agents }, (_, i) => agents - 1 - i);
    const busySince = new Float64Array(agents);
    let freeCount = agents, head = 0, tail = 0, answered = 0, abandoned = 0, slHits = 0, frtSum = 0, busy = 0, next = 0, events = 0;
    const handleOf = new Float64Array(visitors);
    // targets are visitor ids packed with the agent: id * 128 + agent (exact below 2^53)
    const assign = (v, a, now) => {
      state[v] = 2;
      const f = now - arrivalAt[v];
      frt[answered++] = f;
      frtSum += f;
      if (f <= slSec) slHits++;
      busySince[a] = now;
      q.schedule(now + handleOf[v], 0, RELEASE, v * 128 + a);
    };
    let t = -Math.log(arrivalsRng()) / rate;
    let now = 0;
    for (;;) {
      const heapAt = q.peekTime();
      if (next < visitors && t <= heapAt) {
        now = t;
        const v = next++;
        events++;
        arrivalAt[v] = now;
        handleOf[v] = -Math.log(serviceRng()) * handle;
        const patienceAt = now - Math.log(patienceRng()) * patienceMean;
        if (freeCount > 0) assign(v, free[--freeCount], now);
        else {
          state[v] = 1;
          queue[tail++] = v;
          q.schedule(patienceAt, 6, ABANDON, v * 128);
        }
        t = now - Math.log(arrivalsRng()) / rate;
        continue;
      }
      if (!q.pop()) break;
      events++;
      now = q.time;
      const v = Math.floor(q.target / 128);
      if (q.kind === ABANDON) {
        if (state[v] === 1) { state[v] = 3; abandoned++; }
        continue;
      }
      const a = q.target % 128;
      busy += now - busySince[a];
      while (head < tail && state[queue[head]] !== 1) head++;
      if (head < tail) assign(queue[head++], a, now);
      else free[freeCount++] = a;
    }
    const [p50, p90, p95, p99] = quantilesInPlace(frt.subarray(0, answered), [0.5, 0.9, 0.95, 0.99]);
    return { visitors: next, events, answered, abandonRate: abandoned / next, serviceLevel: slHits / next, frtMean: frtSum / answered, frtP50: p50, frtP90: p90, frtP95: p95, frtP99: p99, occupancy: busy / (agents * now) };
  };
  floor(100_000, 'warm');
  const visitors = Number(process.env.BENCH_VISITORS ?? 1_000_000);
  const t0 = performance.now();
  const r = floor(visitors, 'bench/rep-1');
  const wallMs = performance.now() - t0;
  console.log(JSON.stringify({
    case: 'floor',
    visitors: r.visitors,
    visitorsPerSec: Math.round(r.visitors / (wallMs / 1000)),
    eventsPerSec: Math.round(r.events / (wallMs / 1000)),
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    frtMean: Number(r.frtMean.toFixed(2)),
    abandonRate: Number(r.abandonRate.toFixed(4)),
    serviceLevel: Number(r.serviceLevel.toFixed(4)),
    occupancy: Number(r.occupancy.toFixed(4)),
  }));
  process.exit(0);
}

if (name === 'staff') {
  // `chatsim staff` on the webshop day: 48 half-hour intervals, two targets, the scenario's 10
  // replications per candidate roster. Target: ≤ 30 s.
  const { loadScenario } = await import(new URL('scenarios/load.js', dist));
  const { staff } = await import(new URL('sim/experiments/staff.js', dist));
  const { parseTarget } = await import(new URL('core/metrics/targets.js', dist));
  const file = fileURLToPath(new URL('../scenarios/examples/webshop-day.yaml', import.meta.url));
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error('webshop-day.yaml does not load');
  const targets = ['serviceLevel >= 80%', 'abandonRate <= 3%'].map((t) => parseTarget(t).target);
  const t = performance.now();
  const r = staff(loaded.scenario, { targets });
  const wallMs = performance.now() - t;
  console.log(JSON.stringify({
    case: 'staff',
    intervals: r.intervals.length,
    evaluations: r.evaluations,
    replications: r.replications,
    agentHoursPerDay: r.agentHoursPerDay,
    wallMs: Math.round(wallMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
  process.exit(0);
}

if (name === 'workers' || name === 'workers-one') {
  // A long run, as `chatsim run` does it from a cold start: 8 replications of the M/M/100+M case
  // at 500,000 visitors each, on 1 worker and on 2, each in a fresh process.
  const { runReplicationsParallel } = await import(new URL('sim/experiments/run.js', dist));
  const s = mmnScenario(Number(process.env.BENCH_VISITORS ?? 500_000));
  const replications = 8;
  if (name === 'workers-one') {
    const workers = Number(process.env.BENCH_WORKERS);
    const t = performance.now();
    const r = await runReplicationsParallel(s, { replications, workers, seed: 'bench' });
    console.log(JSON.stringify({ ms: performance.now() - t, json: JSON.stringify(r.summary), rss: process.resourceUsage().maxRSS / 1024 }));
    process.exit(0);
  }
  const once = (workers) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--case', 'workers-one'], { env: { ...process.env, BENCH_WORKERS: String(workers) }, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  };
  const one = once(1);
  const two = once(2);
  const visitors = replications * s.groups[0].arrivals.windows[0].ratePerSec * s.horizonSec;
  console.log(JSON.stringify({
    case: 'workers',
    replications,
    visitors: Math.round(visitors),
    wallMs1: Math.round(one.ms),
    wallMs2: Math.round(two.ms),
    speedup: Number((one.ms / two.ms).toFixed(2)),
    identical: one.json === two.json,
    visitorsPerSec: Math.round(visitors / (two.ms / 1000)),
    peakRssMb: Math.round(Math.max(one.rss, two.rss)),
  }));
  process.exit(0);
}

/** Imports the first of `paths` that exists in the build at `base` (the layout moved between builds). */
async function importFrom(base, ...paths) {
  for (const p of paths) {
    if (existsSync(new URL(p, base))) return import(new URL(p, base));
  }
  throw new Error(`none of ${paths.join(', ')} in ${base}`);
}

if (args.includes('--paired')) {
  const other = new URL(args[args.indexOf('--paired') + 1]);
  const pairs = Number(args[args.indexOf('--pairs') + 1] ?? 5);
  const scenario = name === 'mmn' ? mmnScenario(Number(process.env.BENCH_VISITORS ?? 1_000_000)) : await promoScenario(Number(process.env.BENCH_VISITORS ?? 1_000_000));
  const builds = [];
  for (const [label, base] of [['this', dist], ['other', other]]) {
    const m = await importFrom(base, 'sim/model/contact-centre.js');
    const metrics = await importFrom(base, 'core/metrics/index.js', 'sim/metrics/index.js');
    const ctxOf = metrics.metricsContext ?? (await importFrom(base, 'sim/experiments/run.js')).metricsContext;
    builds.push({ label, simulate: m.simulate, Collector: metrics.MetricsCollector, ctxOf });
  }
  const runOnce = (b) => {
    const t0 = performance.now();
    const collector = new b.Collector(b.ctxOf(scenario));
    const stats = b.simulate(scenario, { seed: 'bench/rep-1', recorder: collector });
    const out = JSON.stringify(collector.finish(stats.endAt));
    return { ms: performance.now() - t0, out };
  };
  for (const b of builds) b.simulate({ ...scenario, horizonSec: Math.min(scenario.horizonSec, 86400) }, { seed: 'warm', recorder: { conversationEnded() {}, agentState() {} } });
  const ratios = [];
  let identical = true;
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    const ms = [0, 0];
    const outs = ['', ''];
    for (const k of order) { const r = runOnce(builds[k]); ms[k] = r.ms; outs[k] = r.out; }
    identical &&= outs[0] === outs[1];
    ratios.push(ms[0] / ms[1]);
    console.log(JSON.stringify({ case: name, pair: i + 1, thisMs: Math.round(ms[0]), otherMs: Math.round(ms[1]), ratio: Number((ms[0] / ms[1]).toFixed(3)) }));
  }
  ratios.sort((a, b) => a - b);
  console.log(JSON.stringify({ case: name, pairs, medianRatio: Number(ratios[Math.floor(ratios.length / 2)].toFixed(3)), minRatio: Number(ratios[0].toFixed(3)), maxRatio: Number(ratios[ratios.length - 1].toFixed(3)), identical }));
  process.exit(identical ? 0 : 1);
}

const scenario = name === 'mmn' ? mmnScenario(Number(process.env.BENCH_VISITORS ?? 1_000_000)) : await promoScenario(Number(process.env.BENCH_VISITORS ?? 1_000_000));
const nullRecorder = { conversationEnded() {}, agentState() {} };

// Warm the JIT on a short run, then time: the engine alone (null recorder) and with metrics.
simulate({ ...scenario, horizonSec: Math.min(scenario.horizonSec, 86400) }, { seed: 'warm', recorder: nullRecorder });

let t0 = performance.now();
const engine = simulate(scenario, { seed: 'bench/rep-1', recorder: nullRecorder });
const engineMs = performance.now() - t0;

t0 = performance.now();
const collector = new MetricsCollector(metricsContext(scenario));
const stats = simulate(scenario, { seed: 'bench/rep-1', recorder: collector });
collector.finish(stats.endAt);
const wallMs = performance.now() - t0;

const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({
  case: name,
  visitors: stats.visitors,
  visitorsPerSec: Math.round(stats.visitors / (wallMs / 1000)),
  eventsPerSec: Math.round(stats.events / (wallMs / 1000)),
  wallMs: Math.round(wallMs),
  peakRssMb: Math.round(peakRssMb),
  engineOnlyVisitorsPerSec: Math.round(engine.visitors / (engineMs / 1000)),
  engineOnlyWallMs: Math.round(engineMs),
  agents: stats.agents.length,
}));
