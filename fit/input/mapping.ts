// How a delimited log maps onto contacts: which column holds what, the date and time formats, the
// rules that classify a row (served, abandoned, ignored), group and class names, and the calendar
// (day types, holidays). Read from `--map key=column,…` or a small YAML mapping file; every problem
// is reported at once with its place. Imports only yaml and the kernel's error type.

import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { ChatsimError } from '../../core/errors.js';
import { parseDayTypes } from '../contacts.js';

/** Fields a mapping may name (keys of `fields:` and of `--map`). */
export const MAPPED_FIELDS = ['date', 'arrival', 'wait', 'queued', 'handle', 'outcome', 'group', 'priority', 'agent', 'customer'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
/** Fields every mapping must name. */
export const REQUIRED_FIELDS: readonly MappedField[] = ['arrival', 'outcome'];

export const DATE_FORMATS = ['YYMMDD', 'YYYYMMDD', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
/** `H:MM:SS` clock times (also H:MM), or seconds after midnight. */
export const TIME_FORMATS = ['H:MM:SS', 'seconds'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export type RuleAction = 'served' | 'abandoned' | 'ignore';
export const RULE_ACTIONS: readonly RuleAction[] = ['served', 'abandoned', 'ignore'];

/** A classification rule: when every condition holds, the row is `then`. First match wins. */
export interface ClassifyRule {
  /** A label for the report (`virtual calls`), else the conditions as text. */
  name: string;
  /** Column (or mapped field) → accepted values; the pseudo-field `queued` takes true/false. */
  when: Record<string, string[]>;
  queued?: boolean;
  then: RuleAction;
}

export interface LogMapping {
  /** Column separator; `auto` picks tab, comma, semicolon or bar from the header line. */
  delimiter: string;
  /** Column name of each field (header names). */
  fields: Partial<Record<MappedField, string>>;
  dateFormat: DateFormat;
  timeFormat: TimeFormat;
  /** Values of the `queued` column that mean "never queued". */
  notQueued: string[];
  /** Values of the `agent` column that mean "no agent" (left out of handle times). */
  noAgent: string[];
  /** Values of the `customer` column that mean "not identified" (such contacts link no retries). */
  unknownCustomer: string[];
  rules: ClassifyRule[];
  /** Raw group value → skill-group id; absent: the value itself, lower-cased. */
  groups?: Record<string, string>;
  /** Raw priority value → class id; absent: no classes. */
  classes?: Record<string, string>;
  /** Head start of each class in the queue (seconds of waiting it counts as), when known. */
  headStartSec?: Record<string, number>;
  /** Day types (`sun-thu=weekday,fri=friday`) and holidays (`YYYY-MM-DD`). */
  dayTypes?: string;
  holidays?: string[];
}

/**
 * A mapping that cannot be used; the message lists every problem with its place.
 * @example try { parseMappingFile(text, 'map.yaml'); } catch (e) { if (e instanceof MappingError) console.error(e.message); }
 */
export class MappingError extends ChatsimError {
  override name = 'MappingError';
}

/** The rules used when a mapping gives none: common outcome words. */
export const DEFAULT_RULES: ClassifyRule[] = [
  { name: 'ignored outcome', when: { outcome: ['PHANTOM', 'ignore', 'ignored', 'test'] }, then: 'ignore' },
  { name: 'left before the queue', when: { outcome: ['HANG', 'abandoned', 'abandon', 'ABANDONED'] }, queued: false, then: 'ignore' },
  { name: 'served', when: { outcome: ['AGENT', 'served', 'answered', 'SERVED', 'ANSWERED'] }, then: 'served' },
  { name: 'abandoned', when: { outcome: ['HANG', 'abandoned', 'abandon', 'ABANDONED'] }, then: 'abandoned' },
];

/** Defaults of a mapping. */
export const MAPPING_DEFAULTS = {
  delimiter: 'auto',
  dateFormat: 'YYYY-MM-DD' as DateFormat,
  timeFormat: 'H:MM:SS' as TimeFormat,
  notQueued: ['', '0', '0:00:00', '00:00:00'],
  noAgent: ['', 'NO_SERVER', 'none'],
  unknownCustomer: ['', '0'],
};

const TOP_KEYS = ['delimiter', 'fields', 'dateFormat', 'timeFormat', 'notQueued', 'noAgent', 'unknownCustomer', 'rules', 'groups', 'classes', 'headStart', 'calendar', 'description', 'source'];

/**
 * Reads `--map date=date,arrival=vru_exit,…` (fields, plus `delimiter`, `dateFormat`, `timeFormat`);
 * the default rules classify rows.
 * @throws {MappingError} listing every problem.
 * @example parseInlineMapping('arrival=vru_exit,outcome=outcome,wait=q_time,dateFormat=YYMMDD,date=date')
 */
export function parseInlineMapping(spec: string): LogMapping {
  const problems: string[] = [];
  const m: LogMapping = { ...MAPPING_DEFAULTS, notQueued: MAPPING_DEFAULTS.notQueued.slice(), noAgent: MAPPING_DEFAULTS.noAgent.slice(), unknownCustomer: MAPPING_DEFAULTS.unknownCustomer.slice(), fields: {}, rules: DEFAULT_RULES };
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      problems.push(`--map: "${part}" must read key=column`);
      continue;
    }
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if ((MAPPED_FIELDS as readonly string[]).includes(key)) m.fields[key as MappedField] = value;
    else if (key === 'delimiter') m.delimiter = delimiterOf(value);
    else if (key === 'dateFormat') (DATE_FORMATS as readonly string[]).includes(value) ? (m.dateFormat = value as DateFormat) : problems.push(`--map: dateFormat must be one of ${DATE_FORMATS.join(', ')} (got "${value}")`);
    else if (key === 'timeFormat') (TIME_FORMATS as readonly string[]).includes(value) ? (m.timeFormat = value as TimeFormat) : problems.push(`--map: timeFormat must be one of ${TIME_FORMATS.join(', ')} (got "${value}")`);
    else problems.push(`--map: unknown key "${key}" (known: ${[...MAPPED_FIELDS, 'delimiter', 'dateFormat', 'timeFormat'].join(', ')}; rules, groups and the calendar go in a mapping file)`);
  }
  for (const f of REQUIRED_FIELDS) if (m.fields[f] === undefined) problems.push(`--map: ${f}=<column> is required`);
  if (problems.length > 0) throw new MappingError(problems.join('\n'));
  return m;
}

function delimiterOf(v: string): string {
  if (v === 'tab' || v === '\\t') return '\t';
  if (v === 'comma') return ',';
  if (v === 'semicolon') return ';';
  if (v === 'bar' || v === 'pipe') return '|';
  return v;
}

/**
 * Reads a YAML mapping file (see `fit/presets/anonymous-bank-1999.yaml`).
 * @throws {MappingError} listing every problem as `file:line  path  message`.
 * @example parseMappingFile(readFileSync('fit/presets/anonymous-bank-1999.yaml', 'utf8'), 'bank.yaml').fields.arrival // 'vru_exit'
 */
export function parseMappingFile(text: string, file: string): LogMapping {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const problems: string[] = [];
  const at = (node: Node | null | undefined, path: string, msg: string) => {
    const line = node?.range ? lc.linePos(node.range[0]).line : 1;
    problems.push(`${file}:${line}  ${path}  ${msg}`);
  };
  for (const e of doc.errors) problems.push(`${file}:${e.linePos?.[0].line ?? 1}  ${e.message.split('\n')[0]}`);
  if (problems.length > 0) throw new MappingError(problems.join('\n'));
  const root = doc.contents;
  if (!isMap(root)) throw new MappingError(`${file}:1  the mapping file must be a YAML mapping with fields:, rules:, …`);
  const m: LogMapping = { ...MAPPING_DEFAULTS, notQueued: MAPPING_DEFAULTS.notQueued.slice(), noAgent: MAPPING_DEFAULTS.noAgent.slice(), unknownCustomer: MAPPING_DEFAULTS.unknownCustomer.slice(), fields: {}, rules: DEFAULT_RULES };
  const get = (key: string) => root.items.find((p) => isScalar(p.key) && p.key.value === key);
  for (const p of root.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '?';
    if (!TOP_KEYS.includes(k)) at(p.key as Node, k, `unknown key (known: ${TOP_KEYS.join(', ')})`);
  }
  const str = (n: unknown) => (isScalar(n) ? String(n.value ?? '') : undefined);
  const strList = (n: unknown, path: string): string[] | undefined => {
    if (isSeq(n)) return n.items.map((x) => str(x) ?? '');
    if (isScalar(n)) return [String(n.value ?? '')];
    at(n as Node, path, 'must be a value or a list of values');
    return undefined;
  };

  const delimiter = get('delimiter');
  if (delimiter) m.delimiter = delimiterOf(str(delimiter.value) ?? 'auto');
  const fields = get('fields');
  if (!fields || !isMap(fields.value)) at(fields?.value as Node, 'fields', `must map fields (${MAPPED_FIELDS.join(', ')}) to columns`);
  else {
    for (const p of fields.value.items) {
      const k = str(p.key) ?? '?';
      if (!(MAPPED_FIELDS as readonly string[]).includes(k)) at(p.key as Node, `fields.${k}`, `unknown field (known: ${MAPPED_FIELDS.join(', ')})`);
      else m.fields[k as MappedField] = str(p.value) ?? '';
    }
    for (const f of REQUIRED_FIELDS) if (m.fields[f] === undefined) at(fields.value, 'fields', `${f}: <column> is required`);
  }
  const df = get('dateFormat');
  if (df) {
    const v = str(df.value) ?? '';
    if ((DATE_FORMATS as readonly string[]).includes(v)) m.dateFormat = v as DateFormat;
    else at(df.value as Node, 'dateFormat', `must be one of ${DATE_FORMATS.join(', ')} (got "${v}")`);
  }
  const tf = get('timeFormat');
  if (tf) {
    const v = str(tf.value) ?? '';
    if ((TIME_FORMATS as readonly string[]).includes(v)) m.timeFormat = v as TimeFormat;
    else at(tf.value as Node, 'timeFormat', `must be one of ${TIME_FORMATS.join(', ')} (got "${v}")`);
  }
  const nq = get('notQueued');
  if (nq) m.notQueued = strList(nq.value, 'notQueued') ?? m.notQueued;
  const na = get('noAgent');
  if (na) m.noAgent = strList(na.value, 'noAgent') ?? m.noAgent;
  const uc = get('unknownCustomer');
  if (uc) m.unknownCustomer = strList(uc.value, 'unknownCustomer') ?? m.unknownCustomer;

  const rules = get('rules');
  if (rules) {
    if (!isSeq(rules.value)) at(rules.value as Node, 'rules', 'must be a list of { <column>: values, queued: true|false, then: served|abandoned|ignore, name }');
    else {
      m.rules = [];
      rules.value.items.forEach((item, i) => {
        const path = `rules[${i}]`;
        if (!isMap(item)) return at(item as Node, path, 'must be a mapping such as { outcome: HANG, queued: false, then: ignore }');
        const rule: ClassifyRule = { name: '', when: {}, then: 'ignore' };
        let then: string | undefined;
        for (const p of item.items) {
          const k = str(p.key) ?? '?';
          if (k === 'then') then = str(p.value);
          else if (k === 'name') rule.name = str(p.value) ?? '';
          else if (k === 'queued') {
            const v = isScalar(p.value) ? p.value.value : undefined;
            if (typeof v !== 'boolean') at(p.value as Node, `${path}.queued`, 'must be true or false');
            else rule.queued = v;
          } else rule.when[k] = strList(p.value, `${path}.${k}`) ?? [];
        }
        if (then === undefined || !(RULE_ACTIONS as readonly string[]).includes(then)) at(item, `${path}.then`, `must be one of ${RULE_ACTIONS.join(', ')} (got ${JSON.stringify(then ?? null)})`);
        else rule.then = then as RuleAction;
        if (rule.name === '') rule.name = describeRule(rule);
        m.rules.push(rule);
      });
    }
  }
  for (const key of ['groups', 'classes'] as const) {
    const g = get(key);
    if (!g) continue;
    if (!isMap(g.value)) {
      at(g.value as Node, key, 'must map raw values to ids');
      continue;
    }
    const out: Record<string, string> = {};
    for (const p of g.value.items) {
      const id = str(p.key) ?? '';
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) at(p.key as Node, `${key}.${id}`, 'must be an id (a letter, then letters, digits, - or _)');
      for (const raw of strList(p.value, `${key}.${id}`) ?? []) out[raw] = id;
    }
    m[key] = out;
  }
  const hs = get('headStart');
  if (hs) {
    if (!isMap(hs.value)) at(hs.value as Node, 'headStart', 'must map class ids to seconds');
    else {
      m.headStartSec = {};
      for (const p of hs.value.items) {
        const v = isScalar(p.value) ? Number(p.value.value) : NaN;
        if (!(v >= 0)) at(p.value as Node, `headStart.${str(p.key)}`, 'must be seconds ≥ 0');
        else m.headStartSec[str(p.key) ?? ''] = v;
      }
    }
  }
  const cal = get('calendar');
  if (cal) {
    if (!isMap(cal.value)) at(cal.value as Node, 'calendar', 'must hold dayTypes and holidays');
    else {
      for (const p of cal.value.items) {
        const k = str(p.key);
        if (k === 'dayTypes') {
          const v = str(p.value) ?? '';
          const parsed = parseDayTypes(v);
          if (typeof parsed === 'string') at(p.value as Node, 'calendar.dayTypes', parsed);
          else m.dayTypes = v;
        } else if (k === 'holidays') {
          const list = strList(p.value, 'calendar.holidays') ?? [];
          const badDay = list.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
          if (badDay !== undefined) at(p.value as Node, 'calendar.holidays', `days must read YYYY-MM-DD (got "${badDay}")`);
          m.holidays = list;
        } else at(p.key as Node, `calendar.${k}`, 'unknown key (known: dayTypes, holidays)');
      }
    }
  }
  if (problems.length > 0) throw new MappingError(problems.join('\n'));
  return m;
}

/** A rule's conditions as text: `outcome=HANG, queued=false`. */
export function describeRule(r: ClassifyRule): string {
  const parts = Object.entries(r.when).map(([k, v]) => `${k}=${v.join('|')}`);
  if (r.queued !== undefined) parts.push(`queued=${r.queued}`);
  return parts.join(', ') || 'every row';
}
