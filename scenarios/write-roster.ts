// Writes a staffing roster back into a scenario's YAML: the roster's groups as its agents (the
// template group's fields, each group's count and shifts), the staffing interval, and the targets
// as per-interval sla entries, so `chatsim check` verifies the file. The rest of the text (comments,
// order) is kept. Text in, text out; no I/O. Imports only scenarios/ and the kernel.

import { parseDocument, isMap, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { formatClock, formatDuration } from '../core/units.js';
import type { AgentGroup, Scenario } from '../core/scenario.js';
import type { Target } from '../core/metrics/targets.js';
import type { StaffResult } from '../core/documents.js';

/** A clock time as a double-quoted YAML string, as the examples write them (`"08:00"`). */
function clockScalar(sec: number): Scalar {
  const s = new Scalar(formatClock(sec));
  s.type = 'QUOTE_DOUBLE';
  return s;
}

/**
 * A staffing interval (seconds) for people: `30m`, `1h`, `15m`.
 * @example intervalText(1800) // '30m'
 */
export function intervalText(sec: number): string {
  if (sec % 3600 === 0) return `${sec / 3600}h`;
  if (sec % 60 === 0) return `${sec / 60}m`;
  return formatDuration(sec);
}

/** The roster as the YAML `agents:` block: the template's fields with each group's count and shifts. */
function rosterNode(doc: Document, roster: readonly AgentGroup[], templateRaw: Record<string, unknown>): YAMLMap {
  const agents = new YAMLMap();
  for (const g of roster) {
    const fields: Record<string, unknown> = { ...templateRaw, count: g.count };
    delete fields.shifts;
    const node = doc.createNode(fields) as YAMLMap;
    const skills = node.get('skills', true);
    if (skills instanceof YAMLSeq) skills.flow = true;
    const shifts = new YAMLSeq();
    for (const s of g.shifts) {
      const shift = new YAMLMap();
      shift.flow = true;
      shift.set('start', clockScalar(s.startSec));
      shift.set('end', clockScalar(s.endSec));
      shifts.items.push(shift);
    }
    node.set('shifts', shifts);
    agents.set(g.id, node);
  }
  return agents;
}

/**
 * The scenario text with the roster as its agents, the staffing interval and the targets per interval.
 * @example const yaml = rosterScenarioText(text, scenario, staff(scenario, { targets }), targets);
 */
export function rosterScenarioText(text: string, scenario: Scenario, r: StaffResult, targets: readonly Target[]): string {
  const doc = parseDocument(text, { merge: true });
  const raw = doc.getIn(['agents', r.template]);
  const templateRaw = (isMap(raw) ? raw.toJSON() : {}) as Record<string, unknown>;
  const agents = rosterNode(doc, r.roster, templateRaw);
  agents.commentBefore = ` Roster from chatsim staff: the fewest "${r.template}" agents per ${intervalText(r.intervalSec)} meeting ${targets.map((t) => `"${t.text}"`).join(' and ')} in every interval (seed ${r.seed}, ${r.replications} replications).`;
  doc.setIn(['agents'], agents);
  // The roster's agents serve every skill group, and overflow rings name agent groups that are gone.
  for (const g of scenario.groups) if (doc.hasIn(['groups', g.id, 'overflow'])) doc.deleteIn(['groups', g.id, 'overflow']);
  if (r.intervalSec !== scenario.intervalSec) doc.setIn(['interval'], intervalText(r.intervalSec));
  const existing = scenario.sla.filter((s) => s.scope === 'interval').map((s) => `${s.metric} ${s.op} ${s.value}`);
  const sla = doc.getIn(['sla']);
  const entries = targets
    .filter((t) => !existing.includes(`${t.metric} ${t.op} ${t.value}`))
    .map((t) => { const n = doc.createNode({ target: t.text, per: 'interval' }); (n as unknown as { flow: boolean }).flow = true; return n; });
  if (entries.length > 0) {
    if (sla && (sla as { items?: unknown[] }).items) for (const e of entries) (sla as { items: unknown[] }).items.push(e);
    else doc.setIn(['sla'], doc.createNode(entries));
  }
  return doc.toString({ lineWidth: 0 });
}
