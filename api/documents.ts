// The result document of each experiment's result: the kernel's builders (core/documents.ts) fed
// with the scenario, the file it came from, the runner's result and this build's version. What
// every `--json` writes. Pure; must not import cli/.

import type { Scenario } from '../core/scenario.js';
import type { Target } from '../core/metrics/targets.js';
import { evaluateTargets } from '../core/metrics/sla.js';
import {
  checkDocument,
  compareDocument,
  runDocument,
  staffDocument,
  sweepDocument,
  type CheckDocument,
  type CompareDocument,
  type RunDocument,
  type StaffDocument,
  type StaffResult,
  type SweepDocument,
  type SweepParameter,
  type SweepPoint,
} from '../core/documents.js';
import type { ReplicationResult } from '../sim/experiments/run.js';
import type { ComparisonResult } from '../sim/experiments/compare.js';
import type { CheckResult } from '../sim/experiments/check.js';
import { VERSION } from './version.js';
import type { MeasuredRecords } from './measure.js';

const ref = (scenario: Scenario, file: string) => ({ name: scenario.name, file });

/**
 * The run document of replications: their summary, the run's settings and, when the scenario has
 * sla targets, the verdicts on them.
 * @example documentJson(runResultDocument(scenario, 'day.yaml', runReplications(scenario)))
 */
export function runResultDocument(scenario: Scenario, file: string, r: ReplicationResult): RunDocument {
  return runDocument(r.summary, {
    version: VERSION,
    scenario: ref(scenario, file),
    seed: r.seed,
    replications: r.replications,
    policy: r.policy,
    slTimeSec: scenario.slTimeSec,
    warmupSec: r.warmupSec,
    intervalSec: scenario.intervalSec,
    horizonSec: scenario.horizonSec,
    ...(scenario.sla.length > 0 ? { targets: evaluateTargets(scenario.sla, r.runs) } : {}),
  });
}

/**
 * The compare document of a comparison on `metrics`.
 * @example compareResultDocument(scenario, 'day.yaml', await runComparison(scenario, policies, metrics), metrics)
 */
export function compareResultDocument(scenario: Scenario, file: string, c: ComparisonResult, metrics: readonly string[]): CompareDocument {
  return compareDocument(c.rows, {
    version: VERSION, scenario: ref(scenario, file), seed: c.seed, replications: c.replications, warmupSec: c.warmupSec, slTimeSec: scenario.slTimeSec, metrics,
  });
}

/** How a sweep ran: the seed and replications every point used, the swept parameters, the metrics. */
export interface SweepSettings {
  seed: string;
  replications: number;
  parameters: ReadonlyArray<Readonly<SweepParameter>>;
  metrics: readonly string[];
}

/**
 * The sweep document of a grid's points; `scenario` is the base scenario (before the settings).
 * @example sweepResultDocument(scenario, 'day.yaml', points, { seed: '1', replications: 5, parameters: specs, metrics })
 */
export function sweepResultDocument(scenario: Scenario, file: string, points: readonly SweepPoint[], s: SweepSettings): SweepDocument {
  return sweepDocument(points, {
    version: VERSION, scenario: ref(scenario, file), seed: s.seed, replications: s.replications, slTimeSec: scenario.slTimeSec, parameters: s.parameters, metrics: s.metrics,
  });
}

/**
 * The staff document of a staffing result for `targets`.
 * @example staffResultDocument(scenario, 'day.yaml', staff(scenario, { targets }), targets)
 */
export function staffResultDocument(scenario: Scenario, file: string, result: StaffResult, targets: readonly Target[]): StaffDocument {
  return staffDocument(result, { version: VERSION, scenario: ref(scenario, file), targets: targets.map((t) => t.text) });
}

/**
 * The check document of a check.
 * @example checkResultDocument(scenario, 'day.yaml', await checkScenario(scenario)).pass
 */
export function checkResultDocument(scenario: Scenario, file: string, c: CheckResult): CheckDocument {
  const r = c.replications;
  return checkDocument(c.targets, { version: VERSION, scenario: ref(scenario, file), seed: r.seed, replications: r.replications, policy: r.policy });
}

/**
 * The run document of measured records (`chatsim measure`): their summary, named after the first
 * file's source; the seed and policy are not known from records and are left empty.
 * @example documentJson(measureResultDocument(measureRecords(sources), 'export.jsonl'))
 */
export function measureResultDocument(m: MeasuredRecords, file: string): RunDocument {
  const ctx = m.context;
  return runDocument(m.summary, {
    version: VERSION,
    scenario: { name: m.headers[0].source ?? file, file },
    seed: '',
    replications: m.runs.length,
    policy: '',
    slTimeSec: ctx.slTimeSec,
    warmupSec: ctx.warmupSec,
    intervalSec: ctx.intervalSec,
    horizonSec: ctx.horizonSec,
  });
}
