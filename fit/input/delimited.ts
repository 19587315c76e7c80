// Delimited text (one row per contact, a header line) → contacts, through a mapping. Rows that a
// rule sets aside are counted by rule; rows that cannot be read are kept as bad rows with their
// file and line, never dropped silently. Pure: text in, contacts out; imports the kernel's error type.

import { ChatsimError } from '../../core/errors.js';
import type { BadRow, Contact, ContactLog } from '../contacts.js';
import { weekdayOf } from '../contacts.js';
import type { ClassifyRule, DateFormat, LogMapping, MappedField, TimeFormat } from './mapping.js';

/** The separator of a header line: tab, comma, semicolon or bar, whichever splits it most. */
export function detectDelimiter(header: string): string {
  let best = '\t';
  let most = 0;
  for (const d of ['\t', ',', ';', '|']) {
    const n = header.split(d).length;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** Splits one line; double-quoted fields (with "" for a quote) for every delimiter but tab. */
export function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === '\t' || !line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** `YYYY-MM-DD` of a date in `format`, or undefined. */
export function parseDate(text: string, format: DateFormat): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if (format === 'YYMMDD' && (r = /^(\d\d)(\d\d)(\d\d)$/.exec(t))) [y, m, d] = [Number(r[1]) + (Number(r[1]) < 70 ? 2000 : 1900), Number(r[2]), Number(r[3])];
  else if (format === 'YYYYMMDD' && (r = /^(\d{4})(\d\d)(\d\d)$/.exec(t))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if (format === 'YYYY-MM-DD' && (r = /^(\d{4})-(\d\d?)-(\d\d?)/.exec(t))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if (format === 'DD/MM/YYYY' && (r = /^(\d\d?)\/(\d\d?)\/(\d{4})$/.exec(t))) [y, m, d] = [Number(r[3]), Number(r[2]), Number(r[1])];
  else if (format === 'MM/DD/YYYY' && (r = /^(\d\d?)\/(\d\d?)\/(\d{4})$/.exec(t))) [y, m, d] = [Number(r[3]), Number(r[1]), Number(r[2])];
  else return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Seconds after midnight of a time of day in `format`, or undefined. */
export function parseTimeOfDay(text: string, format: TimeFormat): number | undefined {
  const t = text.trim();
  if (format === 'seconds') {
    const v = Number(t);
    return t !== '' && Number.isFinite(v) && v >= 0 && v < 86_400 ? v : undefined;
  }
  const r = /^(\d{1,2}):(\d\d)(?::(\d\d(?:\.\d+)?))?$/.exec(t);
  if (r === null) return undefined;
  const h = Number(r[1]);
  const m = Number(r[2]);
  const s = r[3] === undefined ? 0 : Number(r[3]);
  if (h > 23 || m > 59 || s >= 60) return undefined;
  return h * 3600 + m * 60 + s;
}

/** A duration column: seconds (a number), or H:MM:SS. */
function parseSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const r = /^(\d+):(\d\d):(\d\d)$/.exec(t);
  return r === null ? undefined : Number(r[1]) * 3600 + Number(r[2]) * 60 + Number(r[3]);
}

/**
 * Reads one delimited log. `file` names it in bad rows (`jan.txt:812`).
 * @example readDelimited(text, 'calls.csv', mapping).contacts.length
 */
export function readDelimited(text: string, file: string, mapping: LogMapping): ContactLog {
  const log: ContactLog = { contacts: [], ignored: {}, bad: [], rows: 0 };
  let start = 0;
  let lineNo = 0;
  let header: string[] | undefined;
  let delimiter = mapping.delimiter;
  const col: Partial<Record<MappedField, number>> = {};
  let ruleCols: Array<{ rule: ClassifyRule; conds: Array<{ index: number; values: Set<string> }> }> = [];
  const bad = (reason: string) => log.bad.push({ source: `${file}:${lineNo}`, reason });
  const noAgent = new Set(mapping.noAgent);
  const notQueued = new Set(mapping.notQueued);
  const unknownCustomer = new Set(mapping.unknownCustomer);
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (header === undefined) {
      if (delimiter === 'auto') delimiter = detectDelimiter(line);
      header = splitLine(line, delimiter).map((h) => h.trim());
      const missing: string[] = [];
      for (const [field, name] of Object.entries(mapping.fields) as Array<[MappedField, string]>) {
        const i = header.indexOf(name);
        if (i < 0) missing.push(`${field}=${name}`);
        else col[field] = i;
      }
      if (missing.length > 0) throw new HeaderError(`${file}:${lineNo}: the header has no column ${missing.join(', ')} (columns: ${header.join(', ')})`);
      const unknown: string[] = [];
      ruleCols = mapping.rules.map((rule) => ({
        rule,
        conds: Object.entries(rule.when).map(([k, values]) => {
          const name = (mapping.fields as Record<string, string | undefined>)[k] ?? k;
          const index = header!.indexOf(name);
          if (index < 0) unknown.push(`${rule.name}: ${k}`);
          return { index, values: new Set(values) };
        }),
      }));
      if (unknown.length > 0) throw new HeaderError(`${file}:${lineNo}: a rule names a column the header does not have (${unknown.join('; ')})`);
      continue;
    }
    log.rows++;
    const cells = splitLine(line, delimiter);
    if (cells.length !== header.length) {
      bad(`has ${cells.length} fields, the header ${header.length}`);
      continue;
    }
    const cell = (f: MappedField) => (col[f] === undefined ? undefined : cells[col[f]!].trim());
    const queuedText = cell('queued');
    const waitText = cell('wait');
    const wait = waitText === undefined ? 0 : parseSeconds(waitText);
    if (wait === undefined) {
      bad(`${mapping.fields.wait} "${waitText}" is not a number of seconds`);
      continue;
    }
    const queued = queuedText !== undefined ? !notQueued.has(queuedText) : wait > 0;
    const match = ruleCols.find(({ rule, conds }) => conds.every((c) => c.values.has(cells[c.index].trim())) && (rule.queued === undefined || rule.queued === queued));
    if (match === undefined) {
      bad(`no rule classifies it (${mapping.fields.outcome} "${cell('outcome')}")`);
      continue;
    }
    if (match.rule.then === 'ignore') {
      log.ignored[match.rule.name] = (log.ignored[match.rule.name] ?? 0) + 1;
      continue;
    }
    let day: string | undefined;
    let arrival: number | undefined;
    const arrivalText = cell('arrival')!;
    if (col.date !== undefined) {
      day = parseDate(cell('date')!, mapping.dateFormat);
      if (day === undefined) {
        bad(`${mapping.fields.date} "${cell('date')}" is not a date ${mapping.dateFormat}`);
        continue;
      }
      arrival = parseTimeOfDay(arrivalText, mapping.timeFormat);
    } else {
      const m = /^(\S+)[ T](\S+)$/.exec(arrivalText);
      day = m ? parseDate(m[1], mapping.dateFormat) : undefined;
      arrival = m ? parseTimeOfDay(m[2].replace(/Z$/, ''), mapping.timeFormat) : undefined;
    }
    if (day === undefined || arrival === undefined) {
      bad(`${mapping.fields.arrival} "${arrivalText}" is not a time ${col.date !== undefined ? mapping.timeFormat : `"${mapping.dateFormat} ${mapping.timeFormat}"`}`);
      continue;
    }
    const rawGroup = cell('group');
    let group = 'calls';
    if (rawGroup !== undefined) {
      const g = mapping.groups !== undefined ? mapping.groups[rawGroup] : /^[A-Za-z][A-Za-z0-9_-]*$/.test(rawGroup) ? rawGroup.toLowerCase() : undefined;
      if (g === undefined) {
        bad(`${mapping.fields.group} "${rawGroup}" is ${mapping.groups !== undefined ? `not one of the mapped groups (${[...new Set(Object.keys(mapping.groups))].join(', ')})` : 'not an id'}`);
        continue;
      }
      group = g;
    }
    let priorityClass: string | undefined;
    const rawPriority = cell('priority');
    if (rawPriority !== undefined && mapping.classes !== undefined) {
      priorityClass = mapping.classes[rawPriority];
      if (priorityClass === undefined) {
        bad(`${mapping.fields.priority} "${rawPriority}" is not one of the mapped classes (${Object.keys(mapping.classes).join(', ')})`);
        continue;
      }
    }
    let handle = NaN;
    const agentText = cell('agent');
    const agent = agentText !== undefined && !noAgent.has(agentText) ? agentText : undefined;
    const outcome = match.rule.then;
    if (outcome === 'served') {
      const h = cell('handle');
      if (h !== undefined) {
        const v = parseSeconds(h);
        if (v === undefined) {
          bad(`${mapping.fields.handle} "${h}" is not a number of seconds`);
          continue;
        }
        if (agentText === undefined || agent !== undefined) handle = v;
      }
    }
    const c: Contact = {
      source: `${file}:${lineNo}`,
      day,
      weekday: weekdayOf(day),
      arrivalSec: arrival,
      group,
      outcome,
      queued: queued && wait > 0 ? true : queued,
      waitSec: queued ? wait : 0,
      frtSec: queued ? wait : 0,
      handleSec: handle,
      serviceStartSec: outcome === 'served' ? arrival + (queued ? wait : 0) : NaN,
    };
    if (priorityClass !== undefined) c.priorityClass = priorityClass;
    if (agent !== undefined) c.agent = agent;
    const customer = cell('customer');
    if (customer !== undefined && !unknownCustomer.has(customer)) c.visitor = customer;
    log.contacts.push(c);
  }
  if (header === undefined) throw new HeaderError(`${file}: empty: a delimited log starts with a header line`);
  return log;
}

/** The header does not fit the mapping: nothing can be read (exit 2). */
export class HeaderError extends ChatsimError {
  override name = 'HeaderError';
}

/** Several logs read one after another, as one. */
export function mergeLogs(logs: readonly ContactLog[]): ContactLog {
  const out: ContactLog = { contacts: [], ignored: {}, bad: [] as BadRow[], rows: 0 };
  for (const l of logs) {
    for (const c of l.contacts) out.contacts.push(c);
    for (const [k, v] of Object.entries(l.ignored)) out.ignored[k] = (out.ignored[k] ?? 0) + v;
    out.bad.push(...l.bad);
    out.rows += l.rows;
    if (l.online !== undefined) out.online = l.online;
  }
  return out;
}
