// A seeded fuzz of the loader and the simulator (issue 14): mutants of every example and every
// invalid fixture, made by editing the text (lines dropped, doubled or cut, values replaced by
// hostile ones) and by replacing a value in the parsed data. For each mutant: the loader never
// throws; a refused mutant has every issue located, in our words (no raw library text); an
// accepted one is shortened (two days at most, one replication, a short drain) and either
// simulated to metrics that are finite (or absent) and shares within [0, 1], with a sound
// invariant check, or refused by the run budget with its message. Bounded in time: it stops
// generating after FUZZ_SECONDS, having checked at least MIN_MUTANTS.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import seedrandom from 'seedrandom';
import { loadScenario } from '../scenarios/load.js';
import { MAX_SCENARIO_BYTES } from '../scenarios/parse.js';
import { DAY_SEC } from '../core/units.js';
import type { Scenario } from '../core/scenario.js';
import { METRICS } from '../core/metrics/catalogue.js';
import { MetricsCollector, metricsContext } from '../core/metrics/index.js';
import { ArrayRecorder } from '../core/records.js';
import { checkInvariants } from '../core/invariants.js';
import { simulate } from '../sim/model/contact-centre.js';
import { memoryIo } from './io.js';
import { budgetProblem } from './commands/run.js';

/** Mutants generated at most, and at least (unless the time runs out first, which fails). */
const MAX_MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 400);
const MIN_MUTANTS = Math.min(150, MAX_MUTANTS);
/** Stop generating mutants after this long (FUZZ_SECONDS, FUZZ_MUTANTS and FUZZ_SEED explore further by hand). */
const FUZZ_SECONDS = Number(process.env.FUZZ_SECONDS ?? 15);
const FUZZ_SEED = process.env.FUZZ_SEED ?? 'chatsim fuzz 14';
/** Visitors a shortened mutant may simulate; beyond it the budget refuses it, as `run` would. */
const FUZZ_MAX_VISITORS = 6000;

const dirOf = (rel: string) => new URL(rel, import.meta.url);
const read = (dir: string) => readdirSync(dirOf(dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f, readFileSync(new URL(f, dirOf(dir)), 'utf8')] as const);
const examples = read('../scenarios/examples/');
const invalid = read('../scenarios/invalid/');
/** Share of mutants made from an example (the rest from an invalid fixture), so many reach the simulator. */
const FROM_EXAMPLES = 0.7;

/** Values that broke chatsim once, or might: extremes, bare rates, odd YAML, reserved names. */
const HOSTILE = [
  '0', '-1', '1e308', '-1e308', '1e-160', '1e155', '1e12', '99000/h', '1000/min', '1000', '500', '9007199254740993', '0.001', '3.6', '.nan', '.inf', '-.inf',
  'null', '~', '[]', '{}', '""', '60', '"60"', '0x10', '1e9', '3.6s', '0.001h', '366d1s', '7d1s', '100001/h', '1000000000/s',
  '__proto__', 'constructor', 'toString', '*a', '&a 1', '*a:', '{ <<: *nope }', '[1, [2, [3]]]', '"\\u0000"',
  '{ dist: gamma, mean: 1s, cv: 1e-160 }', '{ dist: lognormal, mean: 1s, cv: 1e155 }', '{ dist: gamma, mean: 1e308, cv: 100 }',
  '{ dist: lognormal, median: 1s, sigma: 50 }', '{ dist: uniform, min: 0, max: 1e9 }', '{ dist: empirical, values: [] }',
  '{ dist: exponential, mean: 0s }', '{ dist: fixed, value: 1e308 }', '{ dist: empirical, quantiles: [[0, 1], [1, 0]] }',
];
/** The same values as data, for data-level mutants. */
const HOSTILE_DATA: unknown[] = [
  0, -1, 1e308, 1e-160, 1e155, 1e12, 2 ** 53 + 2, 0.001, 3.6, NaN, Infinity, null, [], {}, '60', '0x10', '1e9', '3.6s', '366d1s',
  '100001/h', '__proto__', 'constructor', 'none', '24:00', '25:00', 10_000_001, { dist: 'gamma', mean: '1s', cv: 1e-160 },
  { dist: 'lognormal', mean: '1s', cv: 1e155 }, { dist: 'uniform', min: 5, max: 1 }, [{ from: '00:00', to: '24:00', rate: '100000/h' }],
];

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** One text-level edit of `text`. */
function mutateText(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const i = Math.floor(rng() * lines.length);
  switch (Math.floor(rng() * 8)) {
    case 7: { // a rate window's rate replaced: heavy ones reach the budget, bare ones the unit rule
      const rates = [...text.matchAll(/rate: [^,}\n]+/g)];
      if (rates.length === 0) break;
      const m = pick(rng, rates);
      return text.slice(0, m.index) + `rate: ${pick(rng, ['1000/min', '99000/h', '20000/h', '60', '0', '-5/h', '1e12/s', '"30/h"', '30 / h'])}` + text.slice(m.index! + m[0].length);
    }
    case 6: { // a number scaled (mostly still valid: reaches the simulator with other values)
      lines[i] = lines[i].replace(/(?<![\w.:])\d+(\.\d+)?(?![\d:])/, (x) => String(Number((Number(x) * pick(rng, [0.25, 0.5, 2, 3, 10])).toPrecision(6))));
      break;
    }
    case 0: lines.splice(i, 1); break; // drop a line
    case 1: lines.splice(i, 0, lines[Math.floor(rng() * lines.length)]); break; // double one (duplicate keys)
    case 2: return text.slice(0, Math.floor(rng() * text.length)); // cut the file
    case 3: { // a scalar after a colon replaced by a hostile value
      const m = /^(\s*(?:- )?[^#:]+:\s*)([^#{}[\]\n]+)/.exec(lines[i]);
      lines[i] = m ? m[1] + pick(rng, HOSTILE) : lines[i] + ' ' + pick(rng, HOSTILE);
      break;
    }
    case 4: { // a number anywhere replaced
      let n = 0;
      lines[i] = lines[i].replace(/-?\d+(\.\d+)?/g, (x) => (n++ === 0 || rng() < 0.3 ? pick(rng, ['0', '-1', '1e308', '1e-160', '99999999', '0.5']) : x));
      break;
    }
    default: { // stray YAML punctuation
      const at = Math.floor(rng() * (lines[i].length + 1));
      lines[i] = lines[i].slice(0, at) + pick(rng, [':', '- ', '[', '{', '}', '&a ', '*a', '<<: ', '? ', '|', '"', "'", '\t', '!!binary ']) + lines[i].slice(at);
    }
  }
  return lines.join('\n');
}

/** Every path to a value in plain data (mapping keys and list indices). */
function paths(data: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      const p = [...prefix, Array.isArray(data) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

/** One data-level edit: a value replaced, or a key renamed, through the parsed document. */
function mutateData(text: string, rng: Rng): string | undefined {
  let data: unknown;
  try {
    data = parse(text, { merge: true, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  const all = paths(data);
  if (all.length === 0) return undefined;
  const path = pick(rng, all);
  let parent = data as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (rng() < 0.2 && !Array.isArray(parent)) {
    const value = parent[key];
    delete parent[key];
    parent[pick(rng, ['__proto__', 'constructor', String(key).slice(1), `${String(key)}s`])] = value;
  } else {
    parent[key] = structuredClone(pick(rng, HOSTILE_DATA));
  }
  try {
    return stringify(data);
  } catch {
    return undefined;
  }
}

/** The mutant, shortened so it runs quickly: two days at most, one replication, a drain of two hours at most. */
function shorten(s: Scenario): Scenario {
  const days = Math.min(s.days, 2);
  const horizonSec = days * DAY_SEC;
  return { ...s, days, horizonSec, replications: 1, drainSec: Math.min(s.drainSec, 2 * 3600), warmupSec: Math.min(s.warmupSec, horizonSec / 2) };
}

/** Problems with the metrics of a run: non-finite values or shares outside [0, 1]. */
function impossible(overall: Record<string, number | null>): string[] {
  const out: string[] = [];
  for (const m of METRICS) {
    const v = overall[m.name];
    if (v === null || v === undefined || Number.isNaN(v)) continue; // nothing to measure it on
    if (!Number.isFinite(v)) out.push(`${m.name} = ${v}`);
    else if (m.unit === 'rate' && (v < -1e-9 || v > 1 + 1e-9)) out.push(`${m.name} = ${v} (a share)`);
    else if ((m.unit === 'sec' || m.unit === 'count') && v < -1e-9) out.push(`${m.name} = ${v} (negative)`);
  }
  return out;
}

/** Raw texts of zod, yaml or Node that must never reach a user. */
const LEAK = /Invalid input|expected \w+, received|Too (big|small)|Invalid (option|key|element)|Unrecognized key|Keys with collection values|Unresolved alias|ReferenceError|TypeError|undefined|\[object Object\]/;

describe('fuzz: seeded mutants of the examples and the invalid fixtures (issue 14)', () => {
  it('load without a throw, every issue located and in our words, and simulate or meet the budget', () => {
    const rng = seedrandom(FUZZ_SEED);
    const started = performance.now();
    const tally = { mutants: 0, refused: 0, simulated: 0, overBudget: 0 };
    for (let n = 0; n < MAX_MUTANTS && performance.now() - started < FUZZ_SECONDS * 1000; n++) {
      const [name, text] = pick(rng, rng() < FROM_EXAMPLES ? examples : invalid);
      let mutant: string | undefined = text;
      for (let k = rng() < 0.7 ? 1 : 2; k > 0 && mutant !== undefined; k--) mutant = rng() < 0.6 ? mutateText(mutant, rng) : mutateData(mutant, rng) ?? mutateText(mutant, rng);
      if (mutant === undefined || mutant.length > MAX_SCENARIO_BYTES) continue;
      tally.mutants++;
      const label = `mutant ${n} of ${name}:\n${mutant}`;
      if (process.env.FUZZ_TRACE) writeFileSync(process.env.FUZZ_TRACE, label); // the last mutant, when a run dies
      let loaded: ReturnType<typeof loadScenario>;
      try {
        loaded = loadScenario(mutant, 'm.yaml');
      } catch (err) {
        throw new Error(`the loader threw ${String(err)} on ${label}`);
      }
      if (!loaded.ok) {
        tally.refused++;
        expect(loaded.issues.length, label).toBeGreaterThan(0);
        for (const issue of loaded.issues) {
          expect(issue.file, label).toBe('m.yaml');
          expect(issue.line, label).toBeGreaterThanOrEqual(1);
          expect(issue.col, label).toBeGreaterThanOrEqual(1);
          expect(issue.message.length, label).toBeGreaterThan(0);
          expect(issue.message, label).not.toMatch(LEAK);
        }
        continue;
      }
      const scenario = shorten(loaded.scenario);
      const io = memoryIo();
      const over = budgetProblem(io, 'run', scenario, { replications: 1, maxVisitors: FUZZ_MAX_VISITORS, quiet: true });
      if (over !== null) {
        tally.overBudget++;
        expect(over, label).toMatch(/^chatsim run: this would simulate ~[\d,]+ (visitors|events), more than the budget of [\d,]+/);
        continue;
      }
      const recorder = new ArrayRecorder();
      const collector = new MetricsCollector(metricsContext(scenario, scenario.warmupSec));
      let stats: ReturnType<typeof simulate>;
      try {
        stats = simulate(scenario, { seed: `fuzz/${n}`, policy: scenario.policy, recorder: { conversationEnded: (r) => { recorder.conversationEnded(r); collector.conversationEnded(r); }, agentState: (s) => { recorder.agentState(s); collector.agentState(s); } } });
      } catch (err) {
        throw new Error(`the simulation threw ${String(err)} on ${label}`);
      }
      tally.simulated++;
      expect(impossible(collector.finish(stats.endAt).overall as unknown as Record<string, number | null>), label).toEqual([]);
      expect(checkInvariants(recorder.records, recorder.samples, stats.agents.map((a) => a.cap), stats.visitors), label).toEqual([]);
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz: ${tally.mutants} mutants in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tally.refused} refused with located issues, ${tally.simulated} simulated, ${tally.overBudget} over the budget`);
    expect(tally.mutants).toBeGreaterThanOrEqual(MIN_MUTANTS);
    expect(tally.simulated).toBeGreaterThan(20); // the fuzz reaches the simulator, not only the loader
  }, (FUZZ_SECONDS + 45) * 1000);
});
