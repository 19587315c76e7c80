import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  compareDocument,
  compareLiveDocument,
  documentJson,
  runDocument,
  staffDocument,
  sweepDocument,
  type RunDocument,
  type StaffResult,
} from './documents.js';
import { summariseReplications } from './metrics/summary.js';
import { evaluateTargets, type TargetResult } from './metrics/sla.js';
import { computeMetrics } from './metrics/collector.js';
import { CTX, END_AT, records, samples } from './metrics/test-helpers/fixture.js';
import { bareLiveSide, compareLive, liveSide, LIVE_INTERVAL_METRICS, parseLiveTolerances } from './live-compare.js';

const fixtureRuns = () => [computeMetrics(CTX, records(), samples(), END_AT), computeMetrics(CTX, records(), samples(), END_AT)];

const scenario = { name: 's', file: 's.yaml' };
const runMeta = { version: '9.9.9', scenario, seed: '1', replications: 2, policy: 'least-loaded', slTimeSec: 20, warmupSec: 0, intervalSec: 1800, horizonSec: 86400 };

/** Every key a run document may have, in the order the builder writes them (checked against the type). */
const RUN_KEYS = {
  tool: 1, version: 2, kind: 3, scenario: 4, seed: 5, replications: 6, policy: 7, slTimeSec: 8, warmupSec: 9, intervalSec: 10,
  horizonSec: 11, metrics: 12, intervals: 13, groups: 14, agents: 15, classes: 16, distributions: 17, targets: 18,
} satisfies Record<keyof RunDocument, number>;

describe('runDocument', () => {
  const runs = fixtureRuns();
  const summary = summariseReplications(runs);

  it('writes the header, the settings, then the summary, in a fixed order', () => {
    const doc = runDocument(summary, runMeta);
    const keys = Object.keys(doc);
    expect(keys).toEqual(Object.keys(RUN_KEYS).filter((k) => k in doc));
    expect(doc).toMatchObject({ tool: 'chatsim', version: '9.9.9', kind: 'run', scenario });
    expect(doc.metrics).toBe(summary.metrics);
  });

  it('leaves out classes, distributions and targets the summary or the caller does not have', () => {
    const { classes: _c, distributions: _d, ...bare } = summary;
    expect(summary.distributions).toBeDefined();
    const doc = runDocument(bare, { ...runMeta, targets: [] });
    expect('classes' in doc || 'distributions' in doc || 'targets' in doc).toBe(false);
    const targets: TargetResult[] = evaluateTargets([{ text: 'offered >= 1', metric: 'offered', op: '>=', value: 1, scope: 'overall' }], runs);
    expect(runDocument(summary, { ...runMeta, targets }).targets).toEqual(targets);
  });
});

describe('the other builders', () => {
  it('compare: the first policy is the baseline', () => {
    const row = (policy: string) => ({ policy, metrics: { frtMean: { mean: 1, ci95: null } }, differences: null });
    const doc = compareDocument([row('a'), row('b')], { version: 'v', scenario, seed: '1', replications: 2, warmupSec: 0, slTimeSec: 20, metrics: ['frtMean'] });
    expect(Object.keys(doc)).toEqual(['tool', 'version', 'kind', 'scenario', 'seed', 'replications', 'warmupSec', 'slTimeSec', 'baseline', 'metrics', 'policies']);
    expect(doc.baseline).toBe('a');
    expect(() => compareDocument([], { version: 'v', scenario, seed: '1', replications: 2, warmupSec: 0, slTimeSec: 20, metrics: [] })).toThrow(RangeError);
  });

  it('sweep: only path and values of each parameter', () => {
    const doc = sweepDocument([], { version: 'v', scenario, seed: '1', replications: 2, slTimeSec: 20, parameters: [{ path: 'a', values: [1, 2], extra: true } as { path: string; values: number[] }], metrics: ['x'] });
    expect(Object.keys(doc)).toEqual(['tool', 'version', 'kind', 'scenario', 'seed', 'replications', 'slTimeSec', 'parameters', 'metrics', 'runs']);
    expect(doc.parameters).toEqual([{ path: 'a', values: [1, 2] }]);
  });

  it('staff: the result in its own order, the roster in place with clock times', () => {
    const result: StaffResult = {
      template: 't', intervalSec: 1800, seed: '1', replications: 2, holdingTimeSec: 60, patienceSec: Infinity, intervals: [],
      roster: [{ id: 't-1', count: 2, skills: ['g'], maxConcurrent: 3, speed: 1, rank: 1, slowdown: 0, shifts: [{ startSec: 8 * 3600, endSec: 86400 }] }],
      agentHoursPerDay: 32, rosterAgentHoursPerDay: 32, minShiftSec: 0, rosterMeetsTargets: true, evaluations: 5, overall: {},
    };
    const doc = staffDocument(result, { version: 'v', scenario, targets: ['serviceLevel >= 80%'] });
    expect(Object.keys(doc)).toEqual(['tool', 'version', 'kind', 'scenario', 'targets', 'template', 'intervalSec', 'seed', 'replications', 'holdingTimeSec', 'patienceSec', 'intervals', 'roster', 'agentHoursPerDay', 'rosterAgentHoursPerDay', 'minShiftSec', 'rosterMeetsTargets', 'evaluations', 'overall']);
    expect(doc.roster).toEqual([{ id: 't-1', count: 2, shifts: [{ start: '08:00', end: '24:00' }] }]);
    expect(JSON.parse(documentJson(doc)).patienceSec).toBeNull();
  });

  it('check: passes when every target does', () => {
    const verdict = (pass: boolean): TargetResult => ({ text: 'x', metric: 'offered', op: '>=', value: 1, scope: 'overall', pass, atRisk: false, measured: 1, ci95: null, margin: 0 });
    const meta = { version: 'v', scenario, seed: '1', replications: 2, policy: 'p' };
    expect(checkDocument([verdict(true), verdict(true)], meta).pass).toBe(true);
    expect(checkDocument([verdict(true), verdict(false)], meta).pass).toBe(false);
    expect(Object.keys(checkDocument([], meta))).toEqual(['tool', 'version', 'kind', 'scenario', 'seed', 'replications', 'policy', 'pass', 'targets']);
  });
});

describe('compare-live: each side as a run document holds it', () => {
  const summary = summariseReplications(fixtureRuns());
  const doc = runDocument(summary, runMeta);

  it('a side is the run document\'s FRT histogram and interval rows (the same metric code), cut to the compared columns', () => {
    const side = liveSide(summary, { source: 'run', slTimeSec: 20, intervalSec: 1800, clockOffsetSec: 0 });
    expect(side.frt).toEqual(doc.distributions!.frt);
    expect(side.intervals!.length).toBe(doc.intervals.length);
    side.intervals!.forEach((r, k) => {
      expect(Object.keys(r)).toEqual(['index', 'start', 'startSec', ...LIVE_INTERVAL_METRICS]);
      for (const m of LIVE_INTERVAL_METRICS) expect(r[m], `${r.start} ${m}`).toBe(doc.intervals[k][m]);
    });
    expect(side).toMatchObject({ source: 'run', slTimeSec: 20, intervalSec: 1800, clockOffsetSec: 0 });
    // a summary without distributions (an older run document) has no histogram, and one without intervals none either
    expect(liveSide({ intervals: [], distributions: undefined }, { source: 'run', slTimeSec: 20, intervalSec: 1800, clockOffsetSec: 0 })).toMatchObject({ frt: null, intervals: null, intervalSec: null });
    expect(bareLiveSide('k6')).toEqual({ source: 'k6', slTimeSec: null, frt: null, intervalSec: null, intervals: null, clockOffsetSec: null });
  });

  it('the document carries both sides after the comparison, and its JSON keeps them', () => {
    const predicted = liveSide(summary, { source: 'run', slTimeSec: 20, intervalSec: 1800, clockOffsetSec: 0 });
    const values = { frtP90: doc.metrics.frtP90.mean };
    const c = compareLive(values, { frtP90: 1 }, parseLiveTolerances('frtP90=10%'));
    const live = compareLiveDocument(c, { version: '9.9.9', scenario, predictedFrom: 'run.json', measuredFrom: 'k6.json', tolerances: ['frtP90=10%'], measured: { frtP90: 1 }, sides: { predicted, measured: bareLiveSide('k6') } });
    expect(Object.keys(live)).toEqual(['tool', 'version', 'kind', 'scenario', 'predictedFrom', 'measuredFrom', 'tolerances', 'pass', 'failed', 'rows', 'measured', 'sides']);
    const back = JSON.parse(documentJson(live));
    expect(back.sides.predicted.frt.share).toEqual(predicted.frt!.share);
    expect(back.sides.measured.intervals).toBeNull();
  });
});

describe('documentJson', () => {
  it('two-space indent, NaN and Infinity as null, a trailing newline', () => {
    expect(documentJson({ a: NaN, b: [Infinity, 1] })).toBe('{\n  "a": null,\n  "b": [\n    null,\n    1\n  ]\n}\n');
  });
});
