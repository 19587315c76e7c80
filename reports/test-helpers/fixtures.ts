// Result documents for the report tests: a run (and one with priority classes), a compare and a
// sweep written by the CLI, and a hand-made one-parameter sweep with string values. Test-only
// (excluded from the build).

import { readFileSync } from 'node:fs';
import { parseResult, type CompareDocument, type CompareLiveDocument, type ReportDocument, type RunDocument, type SweepDocument } from '../results.js';

/** Reads a fixture with the report's own reader and checks its kind (no cast). */
function load<K extends ReportDocument['kind']>(url: URL, kind: K): Extract<ReportDocument, { kind: K }> {
  const parsed = parseResult(readFileSync(url, 'utf8'), url.pathname);
  if (!parsed.ok) throw new Error(parsed.error);
  const doc = parsed.doc;
  if (!isKind(doc, kind)) throw new Error(`${url.pathname}: a ${doc.kind} result, expected ${kind}`);
  return doc;
}

function isKind<K extends ReportDocument['kind']>(doc: ReportDocument, kind: K): doc is Extract<ReportDocument, { kind: K }> {
  return doc.kind === kind;
}

/** webshop-day, seed 1, 3 replications: a copy of the golden run, frozen so model changes do not move these tests. */
export const RUN_FILE = new URL('../__fixtures__/run.json', import.meta.url);
/** skills-overflow, seed 1, 3 replications: a run with priority classes (vip, standard), frozen likewise. */
export const CLASSES_RUN_FILE = new URL('../__fixtures__/run-classes.json', import.meta.url);
export const COMPARE_FILE = new URL('../__fixtures__/compare.json', import.meta.url);
export const SWEEP_FILE = new URL('../__fixtures__/sweep.json', import.meta.url);

/**
 * `chatsim replay loadgen/test-fixtures/replay-hour.yaml --from 09:00 --to 09:40 --json` against a loopback
 * `chatsim serve` at time scale 120 (198 visitors): both sides with FRT histograms and intervals, the
 * backend's clock 32,320 s behind the trace's (the replay measured its export moved onto the trace's clock). Frozen.
 */
export const COMPARE_LIVE_FILE = new URL('../__fixtures__/compare-live.json', import.meta.url);
/** `chatsim compare-live --predicted run.json --measured chatsim-summary.json` (replay-hour, 3 replications; a hand-made k6 summary): the measured side has neither histogram nor intervals. */
export const COMPARE_LIVE_K6_FILE = new URL('../__fixtures__/compare-live-k6.json', import.meta.url);

export const runDoc = (): RunDocument => load(RUN_FILE, 'run');
export const compareLiveDoc = (): CompareLiveDocument => load(COMPARE_LIVE_FILE, 'compare-live');
export const compareLiveK6Doc = (): CompareLiveDocument => load(COMPARE_LIVE_K6_FILE, 'compare-live');
/** The replay's document as an older chatsim wrote it: no sides. */
export function olderCompareLiveDoc(): CompareLiveDocument {
  const { sides: _sides, ...rest } = compareLiveDoc();
  return rest;
}
export const classesRunDoc = (): RunDocument => load(CLASSES_RUN_FILE, 'run');
export const compareDoc = (): CompareDocument => load(COMPARE_FILE, 'compare');
export const sweepDoc = (): SweepDocument => load(SWEEP_FILE, 'sweep');

/** A sweep over one string-valued parameter (the policy), shaped as `chatsim sweep --json` writes. */
export function policySweepDoc(): SweepDocument {
  const point = (policy: string, sl: number, frt: number) => ({
    settings: { policy },
    metrics: {
      serviceLevel: { mean: sl, ci95: [sl - 0.02, sl + 0.02] as [number, number] },
      frtMean: { mean: frt, ci95: null },
    },
  });
  return {
    tool: 'chatsim', version: '0.1.0', kind: 'sweep',
    scenario: { name: 'hand-made', file: 'hand-made.yaml' }, seed: '1', replications: 5, slTimeSec: 20,
    parameters: [{ path: 'policy', values: ['least-loaded', 'round-robin'] }],
    metrics: ['serviceLevel', 'frtMean'],
    runs: [point('least-loaded', 0.8, 14), point('round-robin', 0.75, 17)],
  };
}
