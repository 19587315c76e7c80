// The scenario pipeline in one call: YAML text → parse → validate → normalise, with every problem
// located in the file. Reads files only through the reader it is given. Imports only scenarios/ and
// the kernel; no node:* (files come through a FileReader, such as the CLI's Io).

import { FILE_PATH, formatPath, sortIssues, type ScenarioIssue } from './issues.js';
import { MSG } from './messages.js';
import { normaliseScenario } from './normalise.js';
import { locate, MAX_SCENARIO_BYTES, parseYaml } from './parse.js';
import type { Scenario } from '../core/scenario.js';
import { validateScenario } from './validate.js';

export { formatIssues, type ScenarioIssue } from './issues.js';
export { normaliseScenario } from './normalise.js';
export { parseYaml } from './parse.js';
export { validateScenario } from './validate.js';

/** What the loader reads files through: the CLI's Io is one, `{ readFile: (p) => readFileSync(p, 'utf8') }` another. */
export interface FileReader {
  /**
   * Reads a UTF-8 text file; throws a Node-style error (`code` ENOENT, EACCES…) when it cannot, and
   * `EFBIG` when it is larger than `maxBytes` (a reader that ignores the bound still gets the text
   * refused by its length).
   */
  readFile(path: string, maxBytes?: number): string;
}

/** Result of loading a scenario: the normalised scenario, or every issue, sorted by position. */
export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * Parses, validates and normalises scenario YAML. `file` is only used to label issues.
 * @example
 * const r = loadScenario(text, 'scenarios/examples/webshop-day.yaml');
 * if (!r.ok) process.stderr.write(formatIssues(r.issues));
 */
export function loadScenario(text: string, file: string): LoadResult {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const validated = validateScenario(parsed.parsed.data);
  if (!validated.ok) {
    const issues = validated.problems.map((p): ScenarioIssue => {
      const { line, col } = locate(parsed.parsed, p.path, p.at);
      return { file, line, col, path: formatPath(p.path), message: p.message };
    });
    return { ok: false, issues: sortIssues(issues) };
  }
  return { ok: true, scenario: normaliseScenario(validated.raw) };
}

/**
 * Reads `path` through `files` and loads it. A file that cannot be read is one issue at `path:1:1`.
 * @example const r = loadScenarioFile('scenarios/examples/erlang-a.yaml', { readFile: (p) => readFileSync(p, 'utf8') });
 */
export function loadScenarioFile(path: string, files: FileReader): LoadResult {
  const r = loadScenarioFileWithText(path, files);
  return r.ok ? { ok: true, scenario: r.scenario } : r;
}

/** Like `loadScenarioFile`, also handing back the file's text (for commands that rewrite it). */
export function loadScenarioFileWithText(path: string, files: FileReader): { ok: true; scenario: Scenario; text: string } | { ok: false; issues: ScenarioIssue[] } {
  let text: string;
  try {
    text = files.readFile(path, MAX_SCENARIO_BYTES);
  } catch (e) {
    return { ok: false, issues: [{ file: path, line: 1, col: 1, path: FILE_PATH, message: MSG.unreadable(readError(e)) }] };
  }
  const r = loadScenario(text, path);
  return r.ok ? { ok: true, scenario: r.scenario, text } : r;
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'EFBIG': return MSG.tooLargeToRead(MAX_SCENARIO_BYTES);
    default: return code !== undefined ? `${code}` : String((e as Error)?.message ?? e);
  }
}
