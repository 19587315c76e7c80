// A sweep's scenario variants: the grid of `--set PATH=VALUES` settings, each applied to the
// scenario text and loaded (validated, normalised) as its own scenario. Text in, scenarios out; no
// I/O. Imports only scenarios/ and the kernel.

import { loadScenario, formatIssues } from './load.js';
import { applyOverrides, grid, type OverrideSpec, type OverrideValue } from './overrides.js';
import type { Scenario } from '../core/scenario.js';

/** Most grid points a sweep runs (a guard against a typo multiplying the grid). */
export const MAX_SWEEP_POINTS = 2000;

/** One grid point: its settings (path → value) and the scenario they make. */
export interface SweepVariant {
  settings: Record<string, OverrideValue>;
  scenario: Scenario;
}

/**
 * Describes settings as `a=1, b=x`.
 * @example settingsText({ 'agents.senior.count': 3, policy: 'round-robin' }) // 'agents.senior.count=3, policy=round-robin'
 */
export function settingsText(settings: Record<string, OverrideValue>): string {
  return Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * Builds every grid point's scenario from the scenario text. Fails on the first point that does
 * not validate, saying which settings made it invalid and why.
 * @example
 * const spec = parseOverride('agents.senior.count=2..4');
 * const built = spec.ok ? sweepVariants(text, 'day.yaml', [spec.spec]) : null; // 3 variants
 */
export function sweepVariants(text: string, file: string, specs: readonly OverrideSpec[]): { ok: true; variants: SweepVariant[] } | { ok: false; error: string } {
  const points = grid(specs);
  if (points.length > MAX_SWEEP_POINTS) return { ok: false, error: `the grid has ${points.length} points; at most ${MAX_SWEEP_POINTS} (narrow the --set ranges or add a step, e.g. 8..40:4)` };
  const variants: SweepVariant[] = [];
  for (const settings of points) {
    const applied = applyOverrides(text, specs.map((spec) => ({ spec, value: settings[spec.path] })));
    if (!applied.ok) return { ok: false, error: applied.error };
    const loaded = loadScenario(applied.text, file);
    if (!loaded.ok) {
      const lines = formatIssues(loaded.issues).trimEnd().split('\n').map((l) => '  ' + l.replace(/^\S+?:\d+:\d+\s+/, ''));
      return { ok: false, error: `with ${settingsText(settings)} the scenario is invalid:\n${lines.join('\n')}` };
    }
    variants.push({ settings, scenario: loaded.scenario });
  }
  return { ok: true, variants };
}
