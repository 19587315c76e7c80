// Small scenarios for the backend's tests, written as YAML and loaded through the scenario loader
// (so they are normalised like any other). Test helper; imports scenarios/ and the kernel.

import { loadScenario } from '../../scenarios/load.js';
import type { Scenario } from '../../core/scenario.js';

/** A scenario from YAML text; throws with the loader's issues when invalid. */
export function scenarioFrom(yaml: string): Scenario {
  const r = loadScenario(yaml, 'test.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.line}:${i.col} ${i.path} ${i.message}`).join('\n'));
  return r.scenario;
}

/** What {@link simpleScenario} varies. */
export interface SimpleScenarioOptions { count?: number; cap?: number; top?: string; group?: string; agents?: string }

/** The service block every test scenario uses. */
export const SERVICE_YAML = `service:
  firstReply: { dist: exponential, mean: 10s }
  nextReply: { dist: exponential, mean: 10s }
  wrapUp: { dist: exponential, mean: 30s }`;

/** A skill group `id` of the test scenarios; `extra` adds indented YAML lines. */
export function groupYaml(id: string, extra = ''): string {
  return `  ${id}:
    arrivals: { rates: [{ from: "00:00", to: "24:00", rate: 10/h }] }
    patience: { dist: exponential, mean: 2m }
    rounds: { dist: uniform, min: 1, max: 3 }
    thinkTime: { dist: exponential, mean: 20s }
${extra}`;
}

/** One skill group `sales`, `count` agents of cap `cap`; `top`, `group` and `agents` add YAML lines. */
export function simpleScenario(opts: SimpleScenarioOptions = {}): Scenario {
  return scenarioFrom(simpleScenarioYaml(opts));
}

/** The YAML text of {@link simpleScenario}. */
export function simpleScenarioYaml(opts: SimpleScenarioOptions = {}): string {
  return `name: test
days: 1
seed: 1
${opts.top ?? ''}
${SERVICE_YAML}
groups:
${groupYaml('sales', opts.group)}
agents:
  team:
    count: ${opts.count ?? 2}
    skills: [sales]
    maxConcurrent: ${opts.cap ?? 2}
${opts.agents ?? ''}
`;
}
