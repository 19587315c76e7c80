// Result documents for the report tests: a run, a compare and a sweep written by the CLI,
// and a hand-made one-parameter sweep with string values. Test-only (excluded from the build).

import { readFileSync } from 'node:fs';
import { parseResult, type CompareDoc, type RunDoc, type SweepDoc } from '../results.js';

function load<T>(url: URL): T {
  const parsed = parseResult(readFileSync(url, 'utf8'), url.pathname);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.doc as T;
}

/** webshop-day, seed 1, 3 replications: a copy of the golden run, frozen so model changes do not move these tests. */
export const RUN_FILE = new URL('../__fixtures__/run.json', import.meta.url);
export const COMPARE_FILE = new URL('../__fixtures__/compare.json', import.meta.url);
export const SWEEP_FILE = new URL('../__fixtures__/sweep.json', import.meta.url);

export const runDoc = (): RunDoc => load<RunDoc>(RUN_FILE);
export const compareDoc = (): CompareDoc => load<CompareDoc>(COMPARE_FILE);
export const sweepDoc = (): SweepDoc => load<SweepDoc>(SWEEP_FILE);

/** A sweep over one string-valued parameter (the policy), shaped as `chatsim sweep --json` writes. */
export function policySweepDoc(): SweepDoc {
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
