// Validation of parsed YAML data against the raw schema plus the rules that span fields (windows
// that overlap, skills that name no group, groups no agent serves, …). Reports problems by path, not
// by position (./load.ts locates them). Must not import yaml, node:* or sim/ beyond routing names
// and the metric target parser.

import type { z } from 'zod';
import { MSG, suggest } from './messages.js';
import { DAY_SEC, DEFAULTS, MAX_DAYS, ScenarioSchema, type RawScenario } from './schema.js';
import { formatClock, parseClock, parseDuration, parseRate } from '../core/units.js';
import { parseTarget } from '../core/metrics/targets.js';

/** One step of a path into the YAML: a mapping key or a list index. */
export type PathSegment = string | number;

/** A problem found in the data, located by path. */
export interface ScenarioProblem {
  path: PathSegment[];
  message: string;
  /** Point at the value (default), or at its key (unknown keys, ids). */
  at: 'value' | 'key';
  /** For an unknown key: the allowed key it probably stands for. */
  meant?: string;
  /** For a required key: it is missing. */
  missing?: true;
}

/** Result of `validateScenario`. */
export type ValidationResult = { ok: true; raw: RawScenario } | { ok: false; problems: ScenarioProblem[] };

/**
 * Checks parsed YAML data (plain JS values) against the scenario rules and reports every problem at
 * once. On success returns the data typed as `RawScenario` (the same values, not a copy with
 * defaults). Never mutates `data`.
 * @example validateScenario({ name: 'x', groups: {}, agents: {} }) // { ok: false, problems: [...] }
 */
export function validateScenario(data: unknown): ValidationResult {
  if (data === null || data === undefined) return { ok: false, problems: [{ path: [], message: MSG.emptyFile(), at: 'value' }] };
  if (!isMapping(data)) return { ok: false, problems: [{ path: [], message: MSG.notScenario(data), at: 'value' }] };

  const problems: ScenarioProblem[] = [];
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) fromZodIssue(issue as ZodIssue, [], data, problems);
  }
  crossFieldProblems(data, problems);

  const unique = withoutEchoes(dedupe(problems), data);
  if (unique.length > 0) return { ok: false, problems: unique };
  return { ok: true, raw: result.data as RawScenario };
}

// ---------------------------------------------------------------- zod issues → problems

/** The fields of a finalised zod issue that this module reads. */
interface ZodIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: ZodIssue[][];
  issues?: ZodIssue[];
  note?: string;
}

function fromZodIssue(issue: ZodIssue, prefix: PathSegment[], data: unknown, out: ScenarioProblem[]): void {
  const path = [...prefix, ...issue.path.map(toSegment)];
  const value = valueAt(data, path);
  const missing = path.length > 0 && value === undefined && isMapping(valueAt(data, path.slice(0, -1)));

  if ((issue.code === 'invalid_type' || (issue.code === 'invalid_union' && (issue.errors?.length ?? 0) > 0)) && missing) {
    out.push({ path, message: MSG.required(String(path[path.length - 1])), at: 'value', missing: true });
    return;
  }
  if (issue.code === 'invalid_union' && issue.errors !== undefined && issue.errors.length > 0) {
    // A union (a duration, or a { dist: … } mapping) failed: report the branch that accepted the
    // kind of value written, or the union's own message when none did.
    const kept = issue.errors.filter((branch) => !rejectsKind(branch));
    if (kept.length === 1) {
      for (const inner of kept[0]) fromZodIssue(inner, path, data, out);
      return;
    }
    out.push({ path, message: issue.message, at: 'value' });
    return;
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(ScenarioSchema, path, data);
    for (const key of issue.keys ?? []) {
      out.push({ path: [...path, key], message: MSG.unknownKey(key, allowed), at: 'key', meant: suggest(key, allowed) });
    }
    return;
  }
  if (issue.code === 'invalid_key') {
    out.push({ path, message: issue.issues?.[0]?.message ?? issue.message, at: 'key' });
    return;
  }
  out.push({ path, message: issue.message, at: 'value' });
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'number' ? key : String(key);
}

/** A union branch that failed at its root because the value is of another kind entirely. */
function rejectsKind(branch: readonly ZodIssue[]): boolean {
  return branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_union' && (i.errors?.length ?? 0) > 0)));
}

/** The keys an object schema at `path` allows (union options narrowed by their literal `dist`). */
function allowedKeys(schema: z.ZodType, path: readonly PathSegment[], data: unknown): string[] {
  const objects = objectSchemasAt(schema, path, data);
  const value = valueAt(data, path);
  const matching = objects.filter((o) =>
    Object.entries(shapeOf(o)).every(([key, field]) => {
      const def = defOf(field);
      return def.type !== 'literal' || !isMapping(value) || (def.values as unknown[]).includes(value[key]);
    }),
  );
  const keys = new Set<string>();
  for (const o of matching.length > 0 ? matching : objects) for (const k of Object.keys(shapeOf(o))) keys.add(k);
  return [...keys];
}

type Def = { type: string; [key: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const shapeOf = (s: unknown): Record<string, unknown> => defOf(s).shape as Record<string, unknown>;

function objectSchemasAt(schema: unknown, path: readonly PathSegment[], data: unknown): unknown[] {
  const def = defOf(schema);
  const [head, ...rest] = path;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return objectSchemasAt(def.innerType, path, data);
    case 'pipe':
      return objectSchemasAt(def.in, path, data);
    case 'union':
      return (def.options as unknown[]).flatMap((o) => objectSchemasAt(o, path, data));
    case 'object': {
      if (path.length === 0) return [schema];
      const field = shapeOf(schema)[String(head)];
      return field === undefined ? [] : objectSchemasAt(field, rest, valueAt(data, [head]));
    }
    case 'record':
      return path.length === 0 ? [] : objectSchemasAt(def.valueType, rest, valueAt(data, [head]));
    case 'array':
      return path.length === 0 ? [] : objectSchemasAt(def.element, rest, valueAt(data, [head]));
    case 'tuple':
      return path.length === 0 ? [] : objectSchemasAt((def.items as unknown[])[Number(head)], rest, valueAt(data, [head]));
    default:
      return [];
  }
}

// ---------------------------------------------------------------- rules that span fields

/**
 * Rules a per-field schema cannot see. Runs on the unvalidated data, skipping whatever is malformed
 * (the schema reports that), so a file with several kinds of problems gets them all at once.
 */
function crossFieldProblems(data: Record<string, unknown>, out: ScenarioProblem[]): void {
  const days = data.days === undefined ? DEFAULTS.days : wholeNumberIn(data.days, 1, MAX_DAYS);
  const groups = isMapping(data.groups) ? data.groups : undefined;
  const agents = isMapping(data.agents) ? data.agents : undefined;

  if (groups !== undefined) {
    for (const [id, group] of Object.entries(groups)) {
      if (!isMapping(group) || !isMapping(group.arrivals)) continue;
      const base: PathSegment[] = ['groups', id, 'arrivals'];
      overlapProblems(group.arrivals.rates, 'from', 'to', [...base, 'rates'], 'rates', MSG.windowsOverlap, out, shareWeekday);
      overlapProblems(group.during, 'from', 'to', ['groups', id, 'during'], 'during', MSG.timeWindowsOverlap, out);
      if (days !== undefined && Array.isArray(group.arrivals.promos)) {
        group.arrivals.promos.forEach((promo, i) => {
          if (!isMapping(promo)) return;
          const day = wholeNumberIn(promo.day, 0, Infinity);
          if (day !== undefined && day >= days) out.push({ path: [...base, 'promos', i, 'day'], message: MSG.promoDay(promo.day, days), at: 'value' });
        });
      }
    }
  }

  if (agents !== undefined) {
    const groupIds = groups === undefined ? undefined : Object.keys(groups);
    for (const [id, agent] of Object.entries(agents)) {
      if (!isMapping(agent)) continue;
      overlapProblems(agent.shifts, 'start', 'end', ['agents', id, 'shifts'], 'shifts', MSG.shiftsOverlap, out, shareWeekday);
      if (Array.isArray(agent.shifts)) agent.shifts.forEach((shift, i) => breakProblems(shift, ['agents', id, 'shifts', i], out));
      if (groupIds === undefined || !Array.isArray(agent.skills)) continue;
      const seen = new Set<string>();
      agent.skills.forEach((skill, i) => {
        if (typeof skill !== 'string') return;
        const path = ['agents', id, 'skills', i];
        if (!groupIds.includes(skill)) out.push({ path, message: MSG.unknownSkill(skill, groupIds), at: 'value' });
        else if (seen.has(skill)) out.push({ path, message: MSG.duplicateSkill(skill), at: 'value' });
        seen.add(skill);
      });
    }
    servedProblems(groups, agents, out);
    for (const [id, agent] of Object.entries(agents)) {
      if (!isMapping(agent) || !isMapping(agent.followsVolume)) continue;
      const f = agent.followsVolume;
      const of = typeof f.of === 'string' ? [f.of] : Array.isArray(f.of) ? f.of : [];
      of.forEach((g, i) => {
        if (typeof g === 'string' && groupIds !== undefined && !groupIds.includes(g)) {
          out.push({ path: ['agents', id, 'followsVolume', 'of', ...(typeof f.of === 'string' ? [] : [i])], message: MSG.unknownSkill(g, groupIds), at: 'value' });
        }
      });
      const count = wholeNumberIn(agent.count, 0, Infinity);
      const max = wholeNumberIn(f.max, 1, Infinity);
      if (count !== undefined && max !== undefined && max < count) out.push({ path: ['agents', id, 'followsVolume', 'max'], message: MSG.followsMaxBelowCount(f.max, agent.count), at: 'value' });
    }
    const agentIds = Object.keys(agents);
    for (const [id, agent] of Object.entries(agents)) {
      if (!isMapping(agent) || !isMapping(agent.skillLevels) || !Array.isArray(agent.skills)) continue;
      for (const skill of Object.keys(agent.skillLevels)) {
        if (!agent.skills.includes(skill)) out.push({ path: ['agents', id, 'skillLevels', skill], message: MSG.levelForMissingSkill(skill), at: 'key' });
      }
    }
    if (groups !== undefined) {
      for (const [id, group] of Object.entries(groups)) {
        if (!isMapping(group) || !Array.isArray(group.overflow)) continue;
        group.overflow.forEach((ring, i) => {
          if (!isMapping(ring) || !Array.isArray(ring.to)) return;
          ring.to.forEach((to, j) => {
            if (typeof to === 'string' && !agentIds.includes(to)) out.push({ path: ['groups', id, 'overflow', i, 'to', j], message: MSG.unknownAgentGroup(to, agentIds), at: 'value' });
          });
        });
      }
    }
  }

  if (Array.isArray(data.sla)) {
    const groupIds = groups === undefined ? undefined : Object.keys(groups);
    data.sla.forEach((entry, i) => {
      const text = typeof entry === 'string' ? entry : isMapping(entry) && typeof entry.target === 'string' ? entry.target : undefined;
      if (text === undefined) return; // the schema reports the shape
      const parsed = parseTarget(text);
      const path: PathSegment[] = typeof entry === 'string' ? ['sla', i] : ['sla', i, 'target'];
      if (!parsed.ok) out.push({ path, message: MSG.slaTarget(parsed.error), at: 'value' });
      if (isMapping(entry) && typeof entry.group === 'string') {
        if (entry.per !== undefined) out.push({ path: ['sla', i, 'per'], message: MSG.slaScope(), at: 'value' });
        if (groupIds !== undefined && !groupIds.includes(entry.group)) out.push({ path: ['sla', i, 'group'], message: MSG.unknownSkill(entry.group, groupIds), at: 'value' });
      }
    });
  }

  classProblems(data, groups, out);
  if (days !== undefined && Array.isArray(data.vacation)) {
    data.vacation.forEach((w, i) => {
      if (!isMapping(w)) return;
      const day = wholeNumberIn(w.day, 0, Infinity);
      if (day !== undefined && day >= days) out.push({ path: ['vacation', i, 'day'], message: MSG.promoDay(w.day, days), at: 'value' });
    });
  }

  const warmup = typeof data.warmup === 'string' || typeof data.warmup === 'number' ? parseDuration(data.warmup) : undefined;
  if (warmup !== undefined && days !== undefined && warmup >= days * DAY_SEC) {
    out.push({ path: ['warmup'], message: MSG.warmupTooLong(data.warmup, days), at: 'value' });
  }
}

/**
 * Pairs of overlapping time windows in a list of `{ [fromKey], [toKey] }`; each window is reported
 * once, at the later of the pair, naming both. Malformed or empty windows are skipped.
 */
function overlapProblems(
  list: unknown,
  fromKey: string,
  toKey: string,
  path: PathSegment[],
  listName: string,
  message: (a: string, b: string, other: string) => string,
  out: ScenarioProblem[],
  /** Whether two windows (the raw entries) can meet at all (shifts on no common weekday cannot). */
  canMeet: (a: unknown, b: unknown) => boolean = () => true,
): void {
  if (!Array.isArray(list)) return;
  const windows: Array<{ i: number; from: number; to: number }> = [];
  list.forEach((w, i) => {
    if (!isMapping(w)) return;
    const from = typeof w[fromKey] === 'string' ? parseClock(w[fromKey] as string) : undefined;
    const to = typeof w[toKey] === 'string' ? parseClock(w[toKey] as string) : undefined;
    if (from !== undefined && to !== undefined && from < to) windows.push({ i, from, to });
  });
  const show = (w: { from: number; to: number }) => `${formatClock(w.from)}–${formatClock(w.to)}`;
  for (let b = 1; b < windows.length; b++) {
    const later = windows[b];
    const earlier = windows.slice(0, b).find((a) => a.from < later.to && later.from < a.to && canMeet(list[a.i], list[later.i]));
    if (earlier !== undefined) {
      out.push({ path: [...path, later.i], message: message(show(later), show(earlier), `${listName}[${earlier.i}]`), at: 'value' });
    }
  }
}

/** Class shares add up to 1 (top level and per group), group shares and class patience name classes, aging > 0. */
function classProblems(data: Record<string, unknown>, groups: Record<string, unknown> | undefined, out: ScenarioProblem[]): void {
  const classes = isMapping(data.classes) ? data.classes : undefined;
  const ids = classes === undefined ? [] : Object.keys(classes);
  const sumOf = (values: unknown[]) => (values.every((v) => typeof v === 'number') ? (values as number[]).reduce((a, b) => a + b, 0) : undefined);
  if (classes !== undefined && ids.length > 0) {
    const sum = sumOf(Object.values(classes).map((c) => (isMapping(c) ? c.share : undefined)));
    if (sum !== undefined && Math.abs(sum - 1) > 1e-9) out.push({ path: ['classes'], message: MSG.sharesSum(sum), at: 'key' });
  }
  if (data.aging !== undefined && (typeof data.aging === 'number' || typeof data.aging === 'string')) {
    const r = parseRate(data.aging);
    if (r !== undefined && !(r > 0)) out.push({ path: ['aging'], message: MSG.agingNotPositive(data.aging), at: 'value' });
  }
  if (groups === undefined) return;
  const classKeys = (mapping: unknown, path: PathSegment[]) => {
    if (!isMapping(mapping)) return;
    for (const key of Object.keys(mapping)) {
      if (!ids.includes(key)) out.push({ path: [...path, key], message: MSG.unknownClass(key, ids), at: 'key', meant: suggest(key, ids) });
    }
  };
  for (const [id, group] of Object.entries(groups)) {
    if (!isMapping(group)) continue;
    classKeys(group.classPatience, ['groups', id, 'classPatience']);
    if (Array.isArray(group.during)) group.during.forEach((w, i) => { if (isMapping(w)) classKeys(w.classPatience, ['groups', id, 'during', i, 'classPatience']); });
  }
  for (const [id, group] of Object.entries(groups)) {
    if (!isMapping(group) || !isMapping(group.classShares)) continue;
    for (const key of Object.keys(group.classShares)) {
      if (!ids.includes(key)) out.push({ path: ['groups', id, 'classShares', key], message: MSG.unknownClass(key, ids), at: 'key', meant: suggest(key, ids) });
    }
    const sum = sumOf(Object.values(group.classShares));
    if (sum !== undefined && Math.abs(sum - 1) > 1e-9) out.push({ path: ['groups', id, 'classShares'], message: MSG.sharesSum(sum), at: 'key' });
  }
}

/** Two raw shifts share a weekday (a shift without a valid `days` list is worked every day). */
function shareWeekday(a: unknown, b: unknown): boolean {
  const days = (s: unknown): unknown[] | undefined => (isMapping(s) && Array.isArray(s.days) && s.days.length > 0 ? s.days : undefined);
  const da = days(a);
  const db = days(b);
  return da === undefined || db === undefined || da.some((d) => db.includes(d));
}

/** Breaks of one raw shift: each inside the shift, none overlapping another. */
function breakProblems(shift: unknown, path: PathSegment[], out: ScenarioProblem[]): void {
  if (!isMapping(shift) || !Array.isArray(shift.breaks)) return;
  const start = typeof shift.start === 'string' ? parseClock(shift.start) : undefined;
  const end = typeof shift.end === 'string' ? parseClock(shift.end) : undefined;
  if (start !== undefined && end !== undefined && start < end) {
    shift.breaks.forEach((b, i) => {
      if (!isMapping(b)) return;
      const from = typeof b.start === 'string' ? parseClock(b.start) : undefined;
      const to = typeof b.end === 'string' ? parseClock(b.end) : undefined;
      if (from === undefined || to === undefined || !(from < to)) return;
      if (from < start || to > end) {
        out.push({ path: [...path, 'breaks', i], message: MSG.breakOutsideShift(`${formatClock(from)}–${formatClock(to)}`, `${formatClock(start)}–${formatClock(end)}`), at: 'value' });
      }
    });
  }
  overlapProblems(shift.breaks, 'start', 'end', [...path, 'breaks'], 'breaks', MSG.breaksOverlap, out);
}

/**
 * "no agents" when every agent count is 0; otherwise each skill group that no agent group with
 * count ≥ 1 serves. An agent group whose count or skills are malformed (or empty) is assumed to
 * serve, so a problem reported elsewhere does not cause a second, misleading one.
 */
function servedProblems(groups: Record<string, unknown> | undefined, agents: Record<string, unknown>, out: ScenarioProblem[]): void {
  const entries = Object.values(agents).filter(isMapping);
  if (entries.length === 0) return;
  const counts = entries.map((a) => wholeNumberIn(a.count, 0, Infinity));
  if (counts.every((c) => c === 0)) {
    out.push({ path: ['agents'], message: MSG.noAgents(0), at: 'key' });
    return;
  }
  if (groups === undefined) return;
  const ids = Object.keys(groups);
  // a misspelt skill (reported on its own) counts as the group it suggests, to avoid a second problem
  const meant = (skill: unknown) => (typeof skill === 'string' && !ids.includes(skill) ? suggest(skill, ids) ?? skill : skill);
  for (const id of ids) {
    const served = entries.some((a, i) => counts[i] !== 0 && (!Array.isArray(a.skills) || a.skills.length === 0 || a.skills.map(meant).includes(id)));
    if (!served) out.push({ path: ['groups', id], message: MSG.groupWithoutAgents(id), at: 'key' });
  }
}

// ---------------------------------------------------------------- helpers

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function wholeNumberIn(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
}

/** The value at `path` in plain data, or `undefined`. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (isMapping(v) && Object.prototype.hasOwnProperty.call(v, String(seg))) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

/**
 * Drops "required setting x is missing" when an unknown key in the same mapping is a misspelling of
 * x (`cuont: 3`): the "did you mean" already says it all.
 */
function withoutEchoes(problems: readonly ScenarioProblem[], data: unknown): ScenarioProblem[] {
  const meant = new Set(
    problems
      .filter((p) => p.meant !== undefined && valueAt(data, [...p.path.slice(0, -1), p.meant]) === undefined)
      .map((p) => JSON.stringify([...p.path.slice(0, -1), p.meant])),
  );
  return problems.filter((p) => !(p.missing && meant.has(JSON.stringify(p.path))));
}

function dedupe(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.path, p.message, p.at]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
