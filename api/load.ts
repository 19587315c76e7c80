// Loading a scenario for API users: from text, or from a file read with node:fs unless another
// reader is given (the CLI passes its Io). Must not import cli/.

import { readTextFile } from './files.js';
import { loadScenarioFile as loadWith, loadScenarioFileWithText as loadWithText, type FileReader, type LoadResult } from '../scenarios/load.js';
import type { Scenario } from '../core/scenario.js';
import type { ScenarioIssue } from '../scenarios/issues.js';

/** Largest file `NODE_FILES` reads when the caller sets no bound, bytes. */
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;

/** Reads UTF-8 files from disk, paths relative to the working directory, never more than the bound. */
export const NODE_FILES: FileReader = { readFile: (path, maxBytes) => readTextFile(path, maxBytes ?? DEFAULT_MAX_READ_BYTES) };

/**
 * Reads a scenario file and loads it: parsed, validated, normalised. Never throws on bad input:
 * an unreadable or invalid file gives every issue, located (`file:line:col`).
 * @example
 * const r = loadScenarioFile('scenarios/examples/webshop-day.yaml');
 * if (!r.ok) process.stderr.write(formatIssues(r.issues));
 */
export function loadScenarioFile(path: string, files: FileReader = NODE_FILES): LoadResult {
  return loadWith(path, files);
}

/**
 * Like `loadScenarioFile`, also handing back the file's text (sweeps and rosters rewrite it).
 * @example const r = loadScenarioFileWithText('day.yaml'); if (r.ok) sweepVariants(r.text, 'day.yaml', specs);
 */
export function loadScenarioFileWithText(path: string, files: FileReader = NODE_FILES): { ok: true; scenario: Scenario; text: string } | { ok: false; issues: ScenarioIssue[] } {
  return loadWithText(path, files);
}
