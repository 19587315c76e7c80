// Checking a scenario's sla block by simulation: its replications, then every target evaluated on
// them (overall, per interval, per group). No file or terminal I/O; must not import cli/.

import type { Scenario } from '../../core/scenario.js';
import { evaluateTargets, type TargetResult } from '../../core/metrics/sla.js';
import { runReplicationsParallel, type ReplicationOptions, type ReplicationResult } from './run.js';

/** The replications a check ran and the verdict on each of the scenario's targets. */
export interface CheckResult {
  replications: ReplicationResult;
  /** One per sla target, in the scenario's order (empty when it has none). */
  targets: TargetResult[];
  /** Every target met (true when there are none: nothing failed). */
  pass: boolean;
}

/**
 * Runs the scenario's replications and evaluates its sla targets on them.
 * @example const { pass, targets } = await checkScenario(scenario, { replications: 20 });
 */
export async function checkScenario(scenario: Scenario, options: ReplicationOptions = {}): Promise<CheckResult> {
  const replications = await runReplicationsParallel(scenario, options);
  const targets = evaluateTargets(scenario.sla, replications.runs);
  return { replications, targets, pass: targets.every((x) => x.pass) };
}
