// The per-interval and per-agent tables of a run as CSV (RFC 4180: a header row, CRLF line ends,
// fields quoted when they hold a comma, a quote or a line break; missing values empty). Pure; must
// not import cli/ or touch files.

import type { RunDocument } from './results.js';

type Cell = string | number | null | undefined;

/**
 * Rows as RFC 4180 CSV.
 * @example csv([['a', 'b'], [1, 'x,y']]) // 'a,b\r\n1,"x,y"\r\n'
 */
export function csv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const cell = (v: Cell): string => {
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A table from objects: the first object's keys are the header, in their order. */
function objectTable(objects: ReadonlyArray<Record<string, unknown>>): Cell[][] {
  if (objects.length === 0) return [];
  const header = Object.keys(objects[0]);
  const value = (v: unknown): Cell => (typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : JSON.stringify(v));
  return [header, ...objects.map((o) => header.map((k) => value(o[k])))];
}

/**
 * The per-interval table: `index`, `start`, `startSec`, then every interval metric in the result's
 * order (times in seconds, rates as fractions), one row per interval of the day.
 */
export function intervalsCsv(doc: RunDocument): string {
  return csv(objectTable(doc.intervals));
}

/**
 * The per-agent table: `id`, `group`, every agent metric, then `occupancyH00` … `occupancyH23`
 * (occupancy per hour of the day, empty while offline) when the result has distributions.
 */
export function agentsCsv(doc: RunDocument): string {
  const hours = new Map((doc.distributions?.agentHours.agents ?? []).map((a) => [a.id, a.occupancy]));
  const rows = doc.agents.map((a) => {
    const occupancy = hours.get(a.id);
    const byHour: Record<string, number | null> = {};
    if (hours.size > 0) for (let h = 0; h < 24; h++) byHour[`occupancyH${String(h).padStart(2, '0')}`] = occupancy?.[h] ?? null;
    return { ...a, ...byHour };
  });
  return csv(objectTable(rows));
}
