// Scenario issues located in a file, how their paths read and how they are printed. Pure; must not
// import yaml, zod or node:*.

import type { PathSegment } from './validate.js';

/** One problem in a scenario file, located at the offending YAML node (1-based line and column). */
export interface ScenarioIssue {
  file: string;
  line: number;
  col: number;
  /** Where in the scenario, e.g. `agents.senior.maxConcurrent`; `(file)` or `(scenario)` for the whole. */
  path: string;
  /** What is wrong, with the offending value `(got …)` and a "did you mean" when one exists. */
  message: string;
}

/** Path shown for problems with the file itself (unreadable, YAML syntax). */
export const FILE_PATH = '(file)';
/** Path shown for problems with the whole scenario mapping. */
export const ROOT_PATH = '(scenario)';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Formats a path for people: keys joined by dots, list indices in brackets, odd keys quoted.
 * @example formatPath(['groups', 'presales', 'arrivals', 'rates', 1, 'rate']) // 'groups.presales.arrivals.rates[1].rate'
 */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return ROOT_PATH;
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A sorted copy: by line, then column, then path and message (for a stable order). */
export function sortIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.col - b.col || cmp(a.path, b.path) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One line per issue, `file:line:col  path  message`, sorted by position, each ending in a newline.
 * @example formatIssues([{ file: 'a.yaml', line: 3, col: 5, path: 'days', message: 'must be …' }]) // 'a.yaml:3:5  days  must be …\n'
 */
export function formatIssues(issues: readonly ScenarioIssue[]): string {
  return sortIssues(issues)
    .map((i) => `${i.file}:${i.line}:${i.col}  ${i.path}  ${i.message}\n`)
    .join('');
}
