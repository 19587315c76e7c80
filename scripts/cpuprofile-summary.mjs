#!/usr/bin/env node
// `node scripts/cpuprofile-summary.mjs FILE.cpuprofile [--top 25]`: the functions of a V8 CPU
// profile (`node --cpu-prof`) with the most self time and the most inclusive time, as shares of
// the sampled time (idle excluded), and the time by package (the node_modules directory or
// `node:` / the repository's own files). Used to profile `chatsim serve` under
// `npm run bench:backend -- --profile DIR`. Pure `summarise` is exported for its test.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a frame's code lives: an npm package, a Node built-in, the repository, or V8 itself. */
export function packageOf(url) {
  if (url === '') return '(v8/native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const own = /\/(dist\/)?(backend|core|api|cli|scenarios|loadgen|sim|reports)\//.exec(url);
  return own ? own[2] + '/' : url;
}

/**
 * Self and inclusive time per function (name, file, line) of a profile, ms, idle and the
 * program/GC roots kept apart. Inclusive time counts a function once per sample even when
 * recursive.
 */
export function summarise(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map(); // node id → sampled ms
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000; // a sample's time is the gap until the next one
    dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + ms);
  }
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map();
  const incl = new Map();
  const pkg = new Map();
  let idle = 0;
  let total = 0;
  for (const [id, ms] of dt) {
    const n = nodes.get(id);
    const name = n.callFrame.functionName;
    if (name === '(idle)') { idle += ms; continue; }
    total += ms;
    self.set(key(n), (self.get(key(n)) ?? 0) + ms);
    const p = name === '(garbage collector)' ? '(gc)' : name === '(program)' ? '(program)' : packageOf(n.callFrame.url);
    pkg.set(p, (pkg.get(p) ?? 0) + ms);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(nodes.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + ms);
    }
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, idleMs: idle, self: sorted(self), inclusive: sorted(incl), packages: sorted(pkg) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25;
  if (file === undefined) { console.error('usage: node scripts/cpuprofile-summary.mjs FILE.cpuprofile [--top N]'); process.exit(2); }
  const s = summarise(JSON.parse(readFileSync(file, 'utf8')));
  const pct = (ms) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)} %`;
  console.log(`busy ${(s.totalMs / 1000).toFixed(1)} s, idle ${(s.idleMs / 1000).toFixed(1)} s`);
  console.log('\nby package:');
  for (const [k, ms] of s.packages.slice(0, top)) console.log(`${pct(ms)}  ${k}`);
  console.log('\nself:');
  for (const [k, ms] of s.self.slice(0, top)) console.log(`${pct(ms)}  ${k}`);
  console.log('\ninclusive:');
  for (const [k, ms] of s.inclusive.slice(0, top)) console.log(`${pct(ms)}  ${k}`);
}
