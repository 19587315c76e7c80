// The agent table of a scenario: one entry per agent, with ids, caps and absolute online spans
// built from the daily shifts. Pure; must not import the simulation loop or anything with I/O.

import type { AgentGroup, Scenario } from '../../scenarios/types.js';
import { DAY_SEC } from './arrivals.js';

/** One agent as the metrics and reports know it. */
export interface AgentInfo {
  /** `<agent group id>-<n>`, n from 1. */
  id: string;
  /** Agent group id. */
  group: string;
  /** Index of the agent group in the scenario. */
  groupIndex: number;
  cap: number;
}

/** Every agent of the scenario, in group order then by number. */
export function agentTable(scenario: Scenario): AgentInfo[] {
  const out: AgentInfo[] = [];
  scenario.agents.forEach((g, gi) => {
    for (let k = 0; k < g.count; k++) out.push({ id: `${g.id}-${k + 1}`, group: g.id, groupIndex: gi, cap: g.maxConcurrent });
  });
  return out;
}

/**
 * The absolute spans `[startAt, endAt)` during which agents of `group` are on shift, from 0 to
 * `untilSec`, the daily pattern repeated every day; touching spans (a shift ending at 24:00 and
 * the next day's starting at 00:00) are merged.
 */
export function onlineSpans(group: AgentGroup, untilSec: number): Array<[number, number]> {
  const daily = group.shifts.length > 0 ? group.shifts : [{ startSec: 0, endSec: DAY_SEC }];
  const spans: Array<[number, number]> = [];
  const days = Math.ceil(untilSec / DAY_SEC);
  for (let d = 0; d < days; d++) {
    for (const s of daily) {
      const a = d * DAY_SEC + s.startSec;
      const b = Math.min(d * DAY_SEC + s.endSec, untilSec);
      if (a >= b) continue;
      const last = spans[spans.length - 1];
      if (last && last[1] >= a) last[1] = Math.max(last[1], b);
      else spans.push([a, b]);
    }
  }
  return spans;
}
