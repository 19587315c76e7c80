// The trace as the k6 script holds it: the visitors as plain JSON rows (a SharedArray keeps only
// JSON values, so a patience that never runs out is -1) and the few scenario facts the script needs.
// Decoded with the kernel's trace codec, so a bad trace fails with `file:line field`. Pure (bundled
// into the k6 script); imports only the kernel.

import { decodeTrace } from '../../core/trace-codec.js';
import { agentTable } from '../../core/roster.js';

/** One visitor as the script replays it; times in scenario seconds. */
export interface VisitorRow {
  at: number;
  group: string;
  priorityClass?: string;
  /** -1: never leaves. */
  patienceSec: number;
  replySec: number[];
  thinkSec: number[];
  wrapUpSec: number;
  deflected: boolean;
}

/** One agent of the roster, in the order of the backend's tokens (`<group>-<k>`). */
export interface AgentRow {
  id: string;
  speed: number;
  slowdown: number;
}

/** What the script needs of the trace's header. */
export interface TraceFacts {
  scenario: string;
  seed: string;
  replication: number;
  /** The first arrival, scenario seconds: the replay plays it at T0. */
  firstAtSec: number;
  /** The last arrival. */
  lastAtSec: number;
  /** The scenario's service-level time, seconds. */
  slTimeSec: number;
  /** The scenario's drain after the horizon, seconds. */
  drainSec: number;
  agents: AgentRow[];
}

/**
 * The rows and facts of a trace's text.
 * @throws {TraceFormatError} naming `file:line`.
 * @example const { rows, facts } = traceRows(open(path), path);
 */
export function traceRows(text: string, file: string): { rows: VisitorRow[]; facts: TraceFacts; sla: import('../../core/metrics/targets.js').SlaTarget[] } {
  const { header, visitors } = decodeTrace(text, file);
  const s = header.scenario;
  const rows = visitors.map((v): VisitorRow => ({
    at: v.at,
    group: s.groups[v.group].id,
    ...(v.class !== undefined && s.classes !== undefined ? { priorityClass: s.classes[v.class].id } : {}),
    patienceSec: Number.isFinite(v.patienceSec) ? v.patienceSec : -1,
    replySec: v.replySec,
    thinkSec: v.thinkSec,
    wrapUpSec: v.wrapUpSec,
    deflected: v.deflection === 'deflected',
  }));
  const agents = agentTable(s).map((a): AgentRow => ({ id: a.id, speed: s.agents[a.groupIndex].speed, slowdown: s.agents[a.groupIndex].slowdown }));
  return {
    rows,
    facts: {
      scenario: s.name, seed: header.seed, replication: header.replication,
      firstAtSec: rows.length > 0 ? rows[0].at : 0, lastAtSec: rows.length > 0 ? rows[rows.length - 1].at : 0,
      slTimeSec: s.slTimeSec, drainSec: s.drainSec, agents,
    },
    sla: s.sla,
  };
}
