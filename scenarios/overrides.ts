// Command-line overrides of scenario fields (`--set agents.senior.count=8..16`): parsing the
// specs, expanding value lists and ranges, and applying one setting to the scenario's YAML text so
// the result goes through the same validation as a file (located errors, units, defaults).
// Must not import sim/, cli/ or node:*.

import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { suggest } from './messages.js';

/** A value given on the command line: numbers stay numbers, everything else is a string (`90s`). */
export type OverrideValue = number | string;

/** One `--set PATH=VALUES`: the path as written, its segments, and the expanded values. */
export interface OverrideSpec {
  /** As written, e.g. `agents.senior.count`. */
  path: string;
  /** Map keys, or list indexes as numbers. */
  segments: Array<string | number>;
  values: OverrideValue[];
}

/** Most values one `--set` may expand to (a typo like `1..100000` should not start a long run). */
export const MAX_VALUES_PER_SET = 1000;

const RANGE = /^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)(?:\s*:\s*(\d+(?:\.\d+)?))?$/;

/** A command-line scalar: a finite number when it reads as one, otherwise the text. */
export function overrideScalar(text: string): OverrideValue {
  const t = text.trim();
  if (t !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number(t);
  return t;
}

/**
 * Parses `PATH=VALUES` where VALUES is a comma list (`3,5,8`, `10s,20s`, `least-loaded,round-robin`)
 * whose items may be numeric ranges `a..b` (step 1) or `a..b:step`.
 * @example parseOverride('agents.senior.count=8..12:2') // { ok: true, spec: { values: [8, 10, 12], … } }
 */
export function parseOverride(text: string): { ok: true; spec: OverrideSpec } | { ok: false; error: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) return { ok: false, error: `"${text}" is not PATH=VALUES, e.g. agents.senior.count=8..16 or agents.novice.maxConcurrent=3,5,8` };
  const path = text.slice(0, eq).trim();
  const rawValues = text.slice(eq + 1);
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    if (part === '') return { ok: false, error: `"${path}" has an empty segment; write paths like agents.senior.count` };
    segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  const values: OverrideValue[] = [];
  for (const item of rawValues.split(',')) {
    const t = item.trim();
    if (t === '') return { ok: false, error: `--set ${path}: empty value in "${rawValues}"` };
    const m = RANGE.exec(t);
    if (m) {
      const from = Number(m[1]);
      const to = Number(m[2]);
      const step = m[3] === undefined ? 1 : Number(m[3]);
      if (!(step > 0)) return { ok: false, error: `--set ${path}: the step of "${t}" must be positive` };
      if (to < from) return { ok: false, error: `--set ${path}: the range "${t}" runs backwards; write ${m[2]}..${m[1]}` };
      const n = Math.floor((to - from) / step + 1e-9) + 1;
      if (values.length + n > MAX_VALUES_PER_SET) return { ok: false, error: `--set ${path}: "${t}" gives ${n} values; at most ${MAX_VALUES_PER_SET} per --set` };
      // Decimal steps: round to the step's decimals so 0.1..0.3:0.1 gives 0.1, 0.2, 0.3.
      const decimals = Math.max(decimalsOf(m[1]), decimalsOf(m[3] ?? '1'));
      for (let k = 0; k < n; k++) values.push(Number((from + k * step).toFixed(decimals)));
    } else {
      values.push(overrideScalar(t));
    }
  }
  if (values.length > MAX_VALUES_PER_SET) return { ok: false, error: `--set ${path}: ${values.length} values; at most ${MAX_VALUES_PER_SET} per --set` };
  return { ok: true, spec: { path, segments, values } };
}

function decimalsOf(s: string): number {
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

/**
 * Every combination of the specs' values, the first spec varying slowest.
 * @example grid([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }]).length // 4
 */
export function grid(specs: readonly Pick<OverrideSpec, 'path' | 'values'>[]): Array<Record<string, OverrideValue>> {
  let out: Array<Record<string, OverrideValue>> = [{}];
  for (const s of specs) {
    const next: Array<Record<string, OverrideValue>> = [];
    for (const partial of out) for (const v of s.values) next.push({ ...partial, [s.path]: v });
    out = next;
  }
  return out;
}

/**
 * Applies settings to scenario YAML text and returns the new text (comments and layout kept). Every
 * parent on the path must exist; the last key may be new (the validator then judges it). Errors
 * name the path and suggest a near key.
 * @example applyOverrides('days: 1\n', [{ spec: { path: 'days', values: [2] }, value: 2 }]) // { ok: true, text: 'days: 2\n' }
 */
export function applyOverrides(text: string, settings: ReadonlyArray<{ spec: OverrideSpec; value: OverrideValue }>): { ok: true; text: string } | { ok: false; error: string } {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length > 0) return { ok: false, error: 'the scenario is not valid YAML (run chatsim validate)' };
  for (const { spec, value } of settings) {
    const err = checkParents(doc, spec);
    if (err) return { ok: false, error: err };
    doc.setIn(spec.segments, value);
  }
  return { ok: true, text: doc.toString() };
}

/** Checks that every parent of `spec`'s last segment exists and can hold it. */
function checkParents(doc: Document, spec: OverrideSpec): string | null {
  let node: unknown = doc.contents;
  const segs = spec.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const here = segs.slice(0, i).join('.') || '(top level)';
    const last = i === segs.length - 1;
    if (isMap(node)) {
      const key = String(seg);
      const keys = node.items.map((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key));
      if (!keys.includes(key)) {
        if (last) return null; // a new optional key: the validator accepts or rejects it
        const hint = suggest(key, keys);
        return `--set ${spec.path}: ${here} has no "${key}"${hint ? ` — did you mean "${[...segs.slice(0, i), hint, ...segs.slice(i + 1)].join('.')}"?` : ''} (it has: ${keys.join(', ')})`;
      }
      node = node.get(key, true);
    } else if (isSeq(node)) {
      if (typeof seg !== 'number') return `--set ${spec.path}: ${here} is a list; index it with a number, e.g. ${[...segs.slice(0, i), 0].join('.')}`;
      if (seg >= node.items.length) return `--set ${spec.path}: ${here} has ${node.items.length} entries (indexes 0..${node.items.length - 1})`;
      node = node.get(seg, true);
    } else {
      return `--set ${spec.path}: ${here} is a single value, it has no "${seg}"`;
    }
  }
  return null;
}
