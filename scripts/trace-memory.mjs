#!/usr/bin/env -S node --expose-gc
// `node --expose-gc scripts/trace-memory.mjs VISITORS [FILE]`: writes the trace of a small scenario of
// VISITORS short visitors (one day, one round each), reads it back, then simulates it, all streamed
// through the built code in dist/, and prints one JSON line: the trace's size, each phase's time and
// the growth of the live heap (after a full GC, sampled every tenth of the visitors) over the
// phase's start, and the peak RSS. Bounded memory means the growth does not scale with the file.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const api = await import(new URL('api/index.js', dist));
const visitors = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'chatsim-trace-'));
const file = process.argv[3] ?? join(dir, 'trace.jsonl');
const gc = globalThis.gc ?? (() => {});
const live = () => { gc(); return process.memoryUsage().heapUsed; };

const ratePerSec = visitors / 86400;
/** One skill group, one round of 1 s, enough agents: the shortest visitors the model has. */
const scenario = {
  name: 'trace-memory', description: '', days: 1, horizonSec: 86400, seed: 'mem', replications: 1, warmupSec: 0,
  slTimeSec: 20, intervalSec: 1800, queuePlacementThresholdSec: 60, drainSec: 3600, policy: 'least-loaded', sla: [],
  groups: [{
    id: 'g', arrivals: { windows: [{ fromSec: 0, toSec: 86400, ratePerSec }], promos: [], dailyCv: 0 },
    patience: { kind: 'exponential', mean: 60 }, rounds: { kind: 'fixed', value: 1 }, thinkTime: { kind: 'fixed', value: 0 },
    service: { firstReply: { kind: 'exponential', mean: 1 }, nextReply: { kind: 'fixed', value: 0 }, wrapUp: { kind: 'fixed', value: 0 } },
  }],
  agents: [{ id: 'a', count: Math.max(2, Math.ceil(ratePerSec * 3)), skills: ['g'], maxConcurrent: 1, speed: 1, rank: 1, slowdown: 0, shifts: [] }],
};

/** Runs `phase` with `sample` to call as visitors go by; returns its time and the live heap's growth, MB. */
function measure(phase) {
  const start = live();
  let peak = start;
  const every = Math.max(1, Math.floor(visitors / 10));
  let n = 0;
  const sample = () => { if (++n % every === 0) peak = Math.max(peak, live()); };
  const t = performance.now();
  const out = phase(sample);
  const ms = Math.round(performance.now() - t);
  peak = Math.max(peak, live());
  return { ms, heapGrowthMb: Number(((peak - start) / 1048576).toFixed(1)), out };
}

const write = measure((sample) => {
  const w = api.fileWriter(file);
  let lines = 0;
  for (const line of api.traceLines(scenario, { seed: '1' })) { w.write(line + '\n'); lines++; if (lines > 1) sample(); }
  w.close();
  return lines - 2;
});
const read = measure((sample) => {
  let n = 0;
  for (const _ of api.readTrace(api.fileLines(file), file)) { n++; sample(); }
  return n;
});
const run = measure((sample) => {
  const trace = api.readTrace(api.fileLines(file), file);
  const header = trace.first();
  const counted = { [Symbol.iterator]: function* () { for (const v of trace) { sample(); yield v; } } };
  return api.runTrace(header, counted).summary.metrics.offered.mean;
});
console.log(JSON.stringify({
  case: 'trace-memory', visitors: write.out, read: read.out, offered: run.out,
  traceMb: Number((statSync(file).size / 1048576).toFixed(1)),
  writeMs: write.ms, writeHeapGrowthMb: write.heapGrowthMb,
  readMs: read.ms, readHeapGrowthMb: read.heapGrowthMb,
  runMs: run.ms, runHeapGrowthMb: run.heapGrowthMb,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}));
if (process.argv[3] === undefined) rmSync(dir, { recursive: true, force: true });
