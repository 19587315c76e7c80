// Round trip: simulate a scenario whose parameters are known, export its records through the
// kernel codec, fit them, and recover the rates, patience, handle time and staffing within their
// confidence intervals; the refitted scenario predicts the same metrics.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/load.js';
import { simulate, runReplications } from '../sim/experiments/run.js';
import { ArrayRecorder } from '../core/records.js';
import { decodeRecords, encodeRecordsLines } from '../core/records-codec.js';
import { metricsContext } from '../core/metrics/index.js';
import { contactsFromRecords } from './input/records.js';
import { DEFAULT_DAY_TYPES } from './contacts.js';
import { fitLog } from './fit.js';
import { writeFittedScenario } from './write-scenario.js';
import type { Scenario } from '../core/scenario.js';

/** 99.9 % two-sided normal quantile: the tolerance of the checks on one deterministic run. */
const Z = 3.29;

const TRUTH = `
name: known
days: 28
startDay: mon
seed: truth
replications: 4
slTime: 20s
interval: 1h
service: { firstReply: 0, nextReply: 0, wrapUp: 0 }
groups:
  support:
    arrivals:
      dailyCv: 0.1
      rates:
        - { from: "08:00", to: "12:00", rate: 120/h, days: [mon, tue, wed, thu, fri] }
        - { from: "12:00", to: "18:00", rate: 90/h, days: [mon, tue, wed, thu, fri] }
        - { from: "10:00", to: "16:00", rate: 40/h, days: [sat, sun] }
    patience: { dist: exponential, mean: 120s }
    rounds: 2
    thinkTime: { dist: gamma, mean: 180s, cv: 0.8 }
agents:
  week:
    count: 7
    skills: [support]
    maxConcurrent: 1
    shifts: [{ start: "08:00", end: "18:00", days: [mon, tue, wed, thu, fri] }]
  weekend:
    count: 3
    skills: [support]
    maxConcurrent: 1
    shifts: [{ start: "10:00", end: "16:00", days: [sat, sun] }]
`;

function load(text: string, file: string): Scenario {
  const r = loadScenario(text, file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return r.scenario;
}

/** One replication of `truth` through the records codec, as the fit reads a `run --records` file. */
function exported(truth: Scenario, seed: string) {
  const rec = new ArrayRecorder();
  const stats = simulate(truth, { seed, recorder: rec });
  const text = [...encodeRecordsLines({ context: metricsContext(truth), endAt: stats.endAt }, rec.records, rec.samples)].join('\n');
  return { stats, log: contactsFromRecords(decodeRecords(text, `${truth.name}.jsonl`), `${truth.name}.jsonl`, 0) };
}

const calendar = { dayTypes: DEFAULT_DAY_TYPES.slice(), holidays: new Set<string>() };

describe('fit round trip: simulate, export records, fit, recover', () => {
  const truth = load(TRUTH, 'known.yaml');
  const { stats, log } = exported(truth, 'truth/rep-1');
  const fit = fitLog(log, { calendar });
  const g = fit.groups[0];

  it('reads every conversation and both day types', () => {
    expect(log.contacts.length).toBe(stats.visitors);
    expect(fit.dayTypes.map((t) => [t.name, t.days.length])).toEqual([['weekday', 20], ['weekend', 8]]);
  });

  it('recovers the arrival rate of each window within its interval', () => {
    const check = (type: string, fromH: number, toH: number, perHour: number) => {
      const rates = g.rates[type].slice(fromH, toH);
      const mean = rates.reduce((a, r) => a + r.ratePerSec * 3600, 0) / rates.length;
      // the window's mean: se from each hour's interval half-width (1.96 se), averaged hours are correlated at most fully
      const se = rates.reduce((a, r) => a + ((r.highPerSec - r.ratePerSec) * 3600) / 1.959964, 0) / rates.length;
      expect(Math.abs(mean - perHour)).toBeLessThan(Z * se);
    };
    check('weekday', 8, 12, 120);
    check('weekday', 12, 18, 90);
    check('weekend', 10, 16, 40);
    expect(g.rates.weekday[20].ratePerSec).toBe(0);
    expect(g.dailyCv).toBeLessThan(0.3);
  });

  it('recovers patience: the exponential MLE interval holds the true mean, Kaplan–Meier its quantiles', () => {
    const e = g.patience.exponential;
    expect(e.lowSec).toBeLessThan(120);
    expect(e.highSec).toBeGreaterThan(120);
    // the table's first points against −120·ln(1 − p), within the MLE interval's relative width
    for (const [p, v] of g.patience.quantiles.filter(([p]) => p > 0 && p <= 0.2)) {
      const exact = -120 * Math.log(1 - p);
      expect(Math.abs(v - exact) / exact).toBeLessThan(0.35);
    }
  });

  it('recovers the handle time: mean within its interval, a gamma of cv ≈ 0.8', () => {
    expect(g.handle.meanLow).toBeLessThan(180);
    expect(g.handle.meanHigh).toBeGreaterThan(180);
    const gamma = g.handle.candidates.find((c) => c.kind === 'gamma');
    expect(gamma !== undefined && gamma.kind === 'gamma' ? Math.abs(gamma.cv - 0.8) : 1).toBeLessThan(0.05);
    expect(g.handle.chosen.kind).toBe('gamma');
  });

  it('reads staffing from the agent states exactly', () => {
    expect(fit.staffing.method).toBe('states');
    expect(fit.staffing.byType.weekday[9].agents).toBe(7);
    expect(fit.staffing.byType.weekend[11].agents).toBe(3);
    expect(fit.staffing.byType.weekday[20].agents).toBe(0);
  });

  it('estimates staffing without the agent states within its range', () => {
    const blind = fitLog({ ...log, online: undefined }, { calendar });
    for (const h of [9, 10, 14]) {
      const s = blind.staffing.byType.weekday[h];
      expect(s.low).toBeLessThanOrEqual(7.05);
      expect(s.high).toBeGreaterThanOrEqual(7);
      expect(Math.abs(s.agents - 7)).toBeLessThan(1);
    }
  });

  it('writes a scenario that loads and predicts the same metrics', () => {
    const yaml = writeFittedScenario(fit, { name: 'refit', sources: ['known.jsonl'], replications: 4 });
    const refit = load(yaml, 'refit.yaml');
    const a = runReplications(truth, { replications: 4 }).summary.metrics;
    const b = runReplications(refit, { replications: 4, seed: 'other' }).summary.metrics;
    for (const m of ['abandonRate', 'serviceLevel', 'queueWaitMean'] as const) {
      const x = a[m];
      const y = b[m];
      const half = (s: typeof x) => (s.ci95![1] - s.ci95![0]) / 2;
      // the difference of two independent estimates: within 1.5 × the sum of the half-widths (≈ 99.9 %)
      expect(Math.abs(x.mean! - y.mean!), m).toBeLessThan(1.5 * (half(x) + half(y)));
    }
  });
});

const CHAT = `
name: chat-known
days: 14
seed: chat
replications: 4
service:
  firstReply: { dist: lognormal, mean: 15s, cv: 0.6 }
  nextReply: { dist: gamma, mean: 20s, cv: 0.5 }
  wrapUp: { dist: lognormal, mean: 40s, cv: 0.5 }
groups:
  presales:
    arrivals:
      rates: [{ from: "09:00", to: "21:00", rate: 150/h }]
    # patient visitors: the first reply delays of served chats are then hardly censored by
    # abandonment after assignment (the fit reads them from served chats only)
    patience: { dist: exponential, mean: 20m }
    rounds: { dist: uniform, min: 2, max: 6 }
    thinkTime: { dist: lognormal, mean: 30s, cv: 0.8 }
agents:
  team:
    count: 5
    skills: [presales]
    maxConcurrent: 3
    shifts: [{ start: "09:00", end: "21:00" }]
`;

describe('fit round trip of chats: reply delays, rounds, think times, wrap-up, the cap', () => {
  const truth = load(CHAT, 'chat.yaml');
  const { log } = exported(truth, 'chat/rep-1');
  const fit = fitLog(log, { calendar });
  const chat = fit.groups[0].chat!;
  const meanOf = (t: (typeof chat)['firstReply']) => ('fixed' in t ? t.fixed : 'censored' in t ? t.censored.mean : t.fit.mean);
  const ci = (t: (typeof chat)['firstReply']) => ('fixed' in t ? [t.fixed, t.fixed] : 'censored' in t ? [NaN, NaN] : [t.fit.meanLow, t.fit.meanHigh]);

  it('recovers each mean within its interval and the cap of 3', () => {
    expect(fit.maxConcurrent).toBe(3);
    for (const [t, mean] of [[chat.firstReply, 15], [chat.nextReply, 20], [chat.wrapUp, 40], [chat.thinkTime, 30]] as const) {
      const [lo, hi] = ci(t);
      expect(lo, `mean ${mean}`).toBeLessThan(mean);
      expect(hi, `mean ${mean}`).toBeGreaterThan(mean);
    }
    // rounds: uniform 2–6 rounded, mean 4
    expect(Math.abs(meanOf(chat.rounds) - 4)).toBeLessThan(0.1);
  });

  it('writes a chat scenario that loads with the cap and predicts the same metrics', () => {
    const yaml = writeFittedScenario(fit, { name: 'chat-refit', sources: ['chat.jsonl'], replications: 4 });
    expect(yaml).toMatch(/maxConcurrent: 3/);
    expect(yaml).toMatch(/firstReply: \{ dist: lognormal/);
    const refit = load(yaml, 'chat-refit.yaml');
    const a = runReplications(truth, { replications: 4 }).summary.metrics;
    const b = runReplications(refit, { replications: 4, seed: 'other' }).summary.metrics;
    for (const m of ['abandonRate', 'serviceLevel', 'frtMean', 'occupancy'] as const) {
      const half = (s: (typeof a)[typeof m]) => (s.ci95![1] - s.ci95![0]) / 2;
      expect(Math.abs(a[m].mean! - b[m].mean!), m).toBeLessThan(1.5 * (half(a[m]) + half(b[m])));
    }
  });
});

const RETRY = `
name: retry-known
days: 14
seed: retry
replications: 4
service: { firstReply: 0, nextReply: 0, wrapUp: 0 }
groups:
  support:
    arrivals:
      rates: [{ from: "08:00", to: "18:00", rate: 100/h }]
    patience: { dist: exponential, mean: 90s }
    rounds: 2
    thinkTime: { dist: exponential, mean: 240s }
    retry: { share: 0.4, after: { dist: exponential, mean: 10m }, max: 3 }
agents:
  team:
    count: 6
    skills: [support]
    maxConcurrent: 1
    shifts: [{ start: "08:00", end: "18:00" }]
`;

describe('fit round trip of retries after abandoning: records name the visitor', () => {
  const truth = load(RETRY, 'retry.yaml');
  const { log } = exported(truth, 'retry/rep-1');
  // a window of 4 h: the exponential delays (mean 10 min) beyond it are e⁻²⁴ of them
  const fit = fitLog(log, { calendar, retryWindowSec: 4 * 3600 });
  const g = fit.groups[0];

  it('recovers the share and the delay within their intervals, and the max', () => {
    const r = g.retry!;
    expect(r.eligible).toBeGreaterThan(500);
    expect(r.share.low).toBeLessThan(0.4);
    expect(r.share.high).toBeGreaterThan(0.4);
    expect(r.delay.meanLow).toBeLessThan(600);
    expect(r.delay.meanHigh).toBeGreaterThan(600);
    expect(r.max).toBe(3);
    expect(r.weight).toBe(1);
  });

  it('leaves the retries out of the arrivals: the fresh rate within its interval', () => {
    const rates = g.rates.weekday.slice(8, 18);
    const mean = rates.reduce((a, x) => a + x.ratePerSec * 3600, 0) / rates.length;
    const se = rates.reduce((a, x) => a + ((x.highPerSec - x.ratePerSec) * 3600) / 1.959964, 0) / rates.length;
    expect(Math.abs(mean - 100)).toBeLessThan(Z * se);
  });

  it('writes a retry that loads and predicts the same metrics; no visitor ids, no retry', () => {
    const yaml = writeFittedScenario(fit, { name: 'retry-refit', sources: ['retry.jsonl'], replications: 4 });
    expect(yaml).toMatch(/^ {4}retry: \{ share: 0\.\d+, after: \{ dist: \w+/m);
    const refit = load(yaml, 'retry-refit.yaml');
    const a = runReplications(truth, { replications: 4 }).summary.metrics;
    const b = runReplications(refit, { replications: 4, seed: 'other' }).summary.metrics;
    for (const m of ['abandonRate', 'serviceLevel'] as const) {
      const half = (s: (typeof a)[typeof m]) => (s.ci95![1] - s.ci95![0]) / 2;
      expect(Math.abs(a[m].mean! - b[m].mean!), m).toBeLessThan(1.5 * (half(a[m]) + half(b[m])));
    }
    // offered per day (the refit runs one week), retries included
    const perDay = (x: (typeof a)['offered'], days: number) => ({ mean: x.mean! / days, half: (x.ci95![1] - x.ci95![0]) / 2 / days });
    const [oa, ob] = [perDay(a.offered, truth.days), perDay(b.offered, refit.days)];
    expect(Math.abs(oa.mean - ob.mean)).toBeLessThan(1.5 * (oa.half + ob.half));
    const blind = fitLog({ ...log, contacts: log.contacts.map(({ visitor: _, ...c }) => c) }, { calendar });
    expect(blind.groups[0].retry).toBeUndefined();
  });
});

const IMPATIENT = `
name: chat-impatient
days: 7
seed: impatient
replications: 1
service:
  firstReply: { dist: lognormal, mean: 30s, cv: 0.6 }
  nextReply: 10s
  wrapUp: 0s
groups:
  presales:
    arrivals:
      rates: [{ from: "09:00", to: "21:00", rate: 100/h }]
    patience: { dist: exponential, mean: 60s }
    rounds: 2
    thinkTime: 20s
agents:
  team:
    count: 8
    skills: [presales]
    maxConcurrent: 2
    shifts: [{ start: "09:00", end: "21:00" }]
`;

describe('fit round trip of first replies that visitors leave before: censored, not read from served chats only', () => {
  const truth = load(IMPATIENT, 'impatient.yaml');
  const { log } = exported(truth, 'impatient/rep-1');
  const fit = fitLog(log, { calendar });
  const first = fit.groups[0].chat!.firstReply;

  it('recovers the median first reply by Kaplan–Meier, which the served chats alone put too low', () => {
    if (!('censored' in first)) throw new Error(`not censored: ${JSON.stringify(first).slice(0, 80)}`);
    expect(first.censored.censored / first.censored.n).toBeGreaterThan(0.1);
    // lognormal, mean 30 s, cv 0.6: median 30 / √1.36 = 25.7 s
    const median = 30 / Math.sqrt(1.36);
    const at = first.censored.quantiles.find(([p]) => p === 0.5)![1];
    const served = log.contacts.filter((c) => c.chat !== undefined).map((c) => c.chat!.firstReplySec).sort((a, b) => a - b);
    const naive = served[Math.floor(served.length / 2)];
    // the sample median's standard error, 1 / (2 f(m) √n) with the lognormal density at the median
    // f(m) = 1 / (m σ √2π), σ = √ln 1.36; × 1.5 for the censoring, + 0.1 s for the table's rounding
    // (measured: 26.0 s from 5,468 replies and 3,062 censored; the served chats alone: 22.8 s)
    const se = (median * Math.sqrt(Math.log(1.36)) * Math.sqrt(2 * Math.PI)) / (2 * Math.sqrt(first.censored.n - first.censored.censored));
    expect(Math.abs(at - median)).toBeLessThan(Z * 1.5 * se + 0.1);
    expect(naive).toBeLessThan(0.92 * median);
  });
});

const BY_CLASS_AND_HOUR = `
name: classes-known
days: 28
seed: classes
replications: 4
classes:
  vip: { share: 0.3, priority: 60 }
  std: { share: 0.7 }
groups:
  support:
    arrivals:
      rates: [{ from: "08:00", to: "20:00", rate: 100/h }]
    patience: { dist: exponential, mean: 100s }
    classPatience: { vip: { dist: exponential, mean: 300s } }
    rounds: 2
    thinkTime: { dist: gamma, mean: 150s, cv: 0.8 }
    during:
      - { from: "14:00", to: "20:00", thinkTime: { dist: gamma, mean: 250s, cv: 0.8 } }
agents:
  team:
    count: 5
    skills: [support]
    maxConcurrent: 1
    shifts: [{ start: "08:00", end: "20:00" }]
`;

describe('fit round trip of patience per class and handle time by hour', () => {
  const truth = load(BY_CLASS_AND_HOUR, 'classes.yaml');
  const { log } = exported(truth, 'classes/rep-1');
  const fit = fitLog(log, { calendar });
  const g = fit.groups[0];

  it('recovers each class\'s patience within its interval and writes both (they differ)', () => {
    expect(g.classPatience!.vip.lowSec).toBeLessThan(300);
    expect(g.classPatience!.vip.highSec).toBeGreaterThan(300);
    expect(g.classPatience!.std.lowSec).toBeLessThan(100);
    expect(g.classPatience!.std.highSec).toBeGreaterThan(100);
    expect(Object.keys(g.classPatienceFit ?? {}).sort()).toEqual(['std', 'vip']);
    // whether a call queues does not depend on its class: the shares among queued calls hold the truth
    expect(g.sharesAmongQueued).toBe(true);
    const queued = log.contacts.filter((c) => c.queued).length;
    expect(Math.abs(g.classShares!.vip - 0.3)).toBeLessThan(Z * Math.sqrt(0.3 * 0.7 / queued));
  });

  it('finds the hours where the handle time moves, and only those, at the true means', () => {
    const windows = g.byInterval.windows;
    expect(windows.map((w) => [w.fromSec / 3600, w.toSec / 3600])).toEqual([[8, 14], [14, 20]]);
    const [morning, evening] = windows.map((w) => w.handleRatio * g.handle.mean);
    // the ratio is rounded to 0.05 of the overall mean (about 200 s): within 5 s plus 3.29 standard errors
    const se = (mean: number, n: number) => 0.8 * mean / Math.sqrt(n);
    expect(Math.abs(morning - 150)).toBeLessThan(5 + Z * se(150, windows[0].handleN));
    expect(Math.abs(evening - 250)).toBeLessThan(5 + Z * se(250, windows[1].handleN));
    expect(windows.every((w) => w.patienceRatio === 1)).toBe(true);
  });

  it('writes classPatience and during, and the refit predicts the same metrics', () => {
    const yaml = writeFittedScenario(fit, { name: 'classes-refit', sources: ['classes.jsonl'], replications: 4, patience: 'exponential' });
    expect(yaml).toMatch(/classPatience:/);
    expect(yaml).toMatch(/during:\n {6}- from: "08:00"\n {8}to: "14:00"/);
    const refit = load(yaml, 'classes-refit.yaml');
    expect(refit.groups[0].during?.length).toBe(2);
    const a = runReplications(truth, { replications: 4 }).summary.metrics;
    const b = runReplications(refit, { replications: 4, seed: 'other' }).summary.metrics;
    for (const m of ['abandonRate', 'serviceLevel', 'queueWaitMean'] as const) {
      const half = (s: (typeof a)[typeof m]) => (s.ci95![1] - s.ci95![0]) / 2;
      expect(Math.abs(a[m].mean! - b[m].mean!), m).toBeLessThan(1.5 * (half(a[m]) + half(b[m])));
    }
  });
});

const FOLLOWING = (elasticity: number) => `
name: follows-known
days: 42
seed: follows
replications: 2
groups:
  support:
    arrivals:
      dailyCv: 0.3
      rates: [{ from: "08:00", to: "18:00", rate: 100/h }]
    patience: { dist: exponential, mean: 200s }
    rounds: 2
    thinkTime: { dist: gamma, mean: 150s, cv: 0.8 }
agents:
  team:
    count: 5
    skills: [support]
    maxConcurrent: 1
    shifts: [{ start: "08:00", end: "18:00" }]
    followsVolume: { of: support, elasticity: ${elasticity}, max: 12 }
`;

describe('fit round trip of staffing that follows the day\'s volume', () => {
  const elasticityOf = (e: number) => {
    const truth = load(FOLLOWING(e), 'follows.yaml');
    const { log } = exported(truth, 'follows/rep-1');
    // without the agent states: the estimate from busy agents while someone waited
    return fitLog({ ...log, online: undefined }, { calendar: { dayTypes: new Array(7).fill('day'), holidays: new Set() } }).staffingVolume!;
  };

  it('recovers an elasticity of 1 within its interval and writes it', () => {
    const v = elasticityOf(1);
    expect(v.days).toBeGreaterThan(30);
    expect(Math.abs(v.elasticity - 1)).toBeLessThan(Z * v.se);
    expect(v.elasticity / v.se).toBeGreaterThan(3);
  });

  it('finds none when the roster does not follow the volume', () => {
    const v = elasticityOf(0);
    expect(Math.abs(v.elasticity)).toBeLessThan(Z * v.se);
  });
});

const HEAD_START = (priority: number) => `
name: head-start-known
days: 14
seed: head-start
replications: 2
classes:
  vip: { share: 0.3${priority > 0 ? `, priority: ${priority}` : ''} }
  std: { share: 0.7 }
aging: 1/s
groups:
  sales:
    arrivals:
      rates: [{ from: "09:00", to: "17:00", rate: 45/h }]
    patience: { dist: exponential, mean: 400s }
    rounds: 2
    thinkTime: { dist: gamma, mean: 150s, cv: 0.8 }
  support:
    arrivals:
      rates: [{ from: "09:00", to: "17:00", rate: 55/h }]
    patience: { dist: exponential, mean: 400s }
    rounds: 2
    thinkTime: { dist: gamma, mean: 150s, cv: 0.8 }
service: { firstReply: 0, nextReply: 0, wrapUp: 0 }
agents:
  team:
    count: 5
    skills: [sales, support]
    maxConcurrent: 1
    shifts: [{ start: "09:00", end: "17:00" }]
`;

describe('fit round trip of a priority class\'s head start, read from the order of service', () => {
  it('recovers vip\'s 120 s within its range, the pairs of both groups pooled (the agents serve both), and writes it', () => {
    const { log } = exported(load(HEAD_START(120), 'head-start.yaml'), 'head-start/rep-1');
    const fit = fitLog(log, { calendar });
    const hs = fit.headStart!;
    expect(hs.byClass.map((b) => [b.id, b.over, b.shows])).toEqual([['vip', 'std', true]]);
    const e = hs.byClass[0].estimate!;
    expect(e.lo).toBeLessThanOrEqual(120);
    expect(e.hi).toBeGreaterThanOrEqual(120);
    // the model orders exactly by the key: every pair agrees at the truth
    expect(e.agreement).toBe(1);
    expect(e.fcfsAgreement).toBeLessThan(0.95);
    expect(fit.classes.find((c) => c.id === 'vip')).toMatchObject({ headStartFrom: 'data' });
    expect(Math.abs(fit.classes.find((c) => c.id === 'vip')!.headStartSec - 120)).toBeLessThanOrEqual(Math.max(1, (e.hi - e.lo) / 2));
    const yaml = writeFittedScenario(fit, { name: 'head-start-refit', sources: ['head-start.jsonl'] });
    expect(yaml).toMatch(/vip over std: H = \d+ s/);
    expect(yaml).toMatch(/vip: \{ share: [\d.]+, priority: \d+ \}/);
    load(yaml, 'head-start-refit.yaml');
  });

  it('writes none when there is none (priority 0: first come, first served)', () => {
    const { log } = exported(load(HEAD_START(0), 'fcfs.yaml'), 'fcfs/rep-1');
    const fit = fitLog(log, { calendar });
    const b = fit.headStart!.byClass[0];
    expect(b.shows).toBe(false);
    expect(b.estimate!.lo).toBeLessThanOrEqual(0);
    expect(b.estimate!.hi).toBeGreaterThanOrEqual(0);
    expect(fit.classes.every((c) => c.headStartSec === 0 && c.headStartFrom === 'none')).toBe(true);
    const yaml = writeFittedScenario(fit, { name: 'fcfs-refit', sources: ['fcfs.jsonl'] });
    expect(yaml).toMatch(/not shown, none written/);
    expect(yaml).not.toMatch(/priority: \d/);
  });

  it('keeps the mapping\'s head start over the data\'s, and says what the data gives', () => {
    const { log } = exported(load(HEAD_START(120), 'head-start.yaml'), 'head-start/rep-1');
    const fit = fitLog(log, { calendar, headStartSec: { vip: 30 } });
    expect(fit.classes.find((c) => c.id === 'vip')).toMatchObject({ headStartSec: 30, headStartFrom: 'mapping' });
    const yaml = writeFittedScenario(fit, { name: 'mapped', sources: ['head-start.jsonl'] });
    expect(yaml).toMatch(/Head start from the mapping: vip 30 s/);
    expect(yaml).toMatch(/vip over std: H = 120 s/);
  });
});
