// The agent table of a scenario: one entry per agent, with ids, caps and absolute online spans
// built from the daily shifts, and an independent roster check. Shared by the simulator, the
// metrics context and the backend. Pure; imports only the kernel.

import type { AgentGroup, Scenario } from './scenario.js';
import { DAY_SEC } from './units.js';

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

/** Agents in the roster of an agent group: its count, or the most a group following volume fields on a day. */
export function rosterSize(g: AgentGroup): number {
  return g.followsVolume?.max ?? g.count;
}

/** Every agent of the scenario, in group order then by number. */
export function agentTable(scenario: Scenario): AgentInfo[] {
  const out: AgentInfo[] = [];
  scenario.agents.forEach((g, gi) => {
    for (let k = 0; k < rosterSize(g); k++) out.push({ id: `${g.id}-${k + 1}`, group: g.id, groupIndex: gi, cap: g.maxConcurrent });
  });
  return out;
}

/**
 * The absolute spans `[startAt, endAt)` during which agents of `group` are online, from 0 to
 * `untilSec`: each shift on the weekdays it lists (day 0 is weekday `startWeekday`, 0 = Monday),
 * widened by the online-early/late margins, minus its breaks; the pattern repeats every week.
 * Overlapping or touching spans (a shift ending at 24:00 and the next day's starting at 00:00) are
 * merged.
 */
export function onlineSpans(group: AgentGroup, untilSec: number, startWeekday = 0): Array<[number, number]> {
  const daily = group.shifts.length > 0 ? group.shifts : [{ startSec: 0, endSec: DAY_SEC }];
  const early = group.onlineEarlySec ?? 0;
  const late = group.onlineLateSec ?? 0;
  const pieces: Array<[number, number]> = [];
  const days = Math.ceil((untilSec + early) / DAY_SEC);
  for (let d = 0; d < days; d++) {
    const weekday = (startWeekday + d) % 7;
    const day = d * DAY_SEC;
    for (const s of daily) {
      if ('days' in s && s.days !== undefined && !s.days.includes(weekday)) continue;
      let from = day + s.startSec - early;
      const breaks = ('breaks' in s && s.breaks) || [];
      for (const b of breaks) {
        pieces.push([from, day + b.startSec]);
        from = day + b.endSec;
      }
      pieces.push([from, day + s.endSec + late]);
    }
  }
  pieces.sort((x, y) => x[0] - y[0]);
  const spans: Array<[number, number]> = [];
  for (const [a0, b0] of pieces) {
    const a = Math.max(a0, 0);
    const b = Math.min(b0, untilSec);
    if (a >= b) continue;
    const last = spans[spans.length - 1];
    if (last && last[1] >= a) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  return spans;
}

/**
 * Whether agent `agentIndex` of `scenario` is rostered online at instant `t` (seconds): on a shift
 * of that weekday (margins included) and not on one of its breaks. Written apart from the model's
 * own span builder, from the scenario alone, so the invariants check the model against the roster.
 */
export function rosterCheck(scenario: Scenario): (agentIndex: number, t: number) => boolean {
  const groupOf: number[] = [];
  scenario.agents.forEach((g, gi) => { for (let k = 0; k < rosterSize(g); k++) groupOf.push(gi); });
  return (agentIndex, t) => {
    const g = scenario.agents[groupOf[agentIndex]];
    if (g.shifts.length === 0) return true;
    const early = g.onlineEarlySec ?? 0;
    const late = g.onlineLateSec ?? 0;
    const d0 = Math.floor(t / DAY_SEC);
    for (let d = d0 - 1; d <= d0 + 1; d++) {
      if (d < 0) continue;
      const weekday = ((scenario.startWeekday ?? 0) + d) % 7;
      const local = t - d * DAY_SEC;
      for (const s of g.shifts) {
        if (s.days && !s.days.includes(weekday)) continue;
        if (local < s.startSec - early || local >= s.endSec + late) continue;
        if ((s.breaks ?? []).some((b) => local >= b.startSec && local < b.endSec)) continue;
        return true;
      }
    }
    return false;
  };
}
