// Tests of the whole pipeline: located issues, unreadable files, the issue format.

import { describe, expect, it } from 'vitest';
import type { FileReader } from './load.js';
import { formatIssues, loadScenario, loadScenarioFile, type ScenarioIssue } from './load.js';

const valid = `name: ok
groups:
  presales:
    arrivals:
      rates: [{ from: "09:00", to: "18:00", rate: 100/h }]
agents:
  team: { count: 2, skills: [presales], maxConcurrent: 4 }
`;

describe('loadScenario', () => {
  it('runs parse → validate → normalise', () => {
    const r = loadScenario(valid, 'ok.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.name).toBe('ok');
    expect(r.scenario.groups[0].arrivals.windows[0].ratePerSec).toBeCloseTo(100 / 3600, 15);
  });

  it('locates each issue at the offending value, sorted by line and column', () => {
    const text = valid.replace('maxConcurrent: 4', 'maxConcurrent: 0').replace('name: ok', 'name: ok\ndays: 0');
    const r = loadScenario(text, 'x.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      { file: 'x.yaml', line: 2, col: 7, path: 'days', message: 'must be a whole number from 1 to 366 (got 0)' },
      { file: 'x.yaml', line: 8, col: 56, path: 'agents.team.maxConcurrent', message: 'must be a whole number ≥ 1 (got 0)' },
    ]);
  });

  it('locates an unknown key at the key, and does not also report the key it misspells as missing', () => {
    const r = loadScenario(valid.replace('name: ok', 'nmae: ok'), 'x.yaml');
    if (r.ok) throw new Error('loaded');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ line: 1, col: 1, path: 'nmae' });
    expect(r.issues[0].message).toMatch(/^unknown setting "nmae"; did you mean "name"\?/);
  });

  it('locates a missing key at its parent mapping', () => {
    const r = loadScenario(valid.replace('count: 2, ', ''), 'x.yaml');
    if (r.ok) throw new Error('loaded');
    expect(r.issues).toEqual([{ file: 'x.yaml', line: 7, col: 9, path: 'agents.team.count', message: 'required setting "count" is missing' }]);
  });
});

/** A reader over an in-memory map, failing like fs does for a missing file. */
function files(map: Record<string, string> = {}): FileReader {
  return {
    readFile(path) {
      if (path in map) return map[path];
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    },
  };
}

describe('loadScenarioFile', () => {
  it('reads through the reader it is given', () => {
    const r = loadScenarioFile('a.yaml', files({ 'a.yaml': valid }));
    expect(r.ok).toBe(true);
  });

  it('makes an unreadable file one issue at file:1:1', () => {
    expect(loadScenarioFile('missing.yaml', files())).toEqual({
      ok: false,
      issues: [{ file: 'missing.yaml', line: 1, col: 1, path: '(file)', message: 'cannot read the scenario file: no such file' }],
    });
  });
});

describe('formatIssues', () => {
  it('prints file:line:col  path  message, sorted, one per line', () => {
    const issues: ScenarioIssue[] = [
      { file: 'f.yaml', line: 9, col: 3, path: 'b', message: 'second' },
      { file: 'f.yaml', line: 2, col: 10, path: 'a.c', message: 'first, later column' },
      { file: 'f.yaml', line: 2, col: 1, path: 'a', message: 'first' },
    ];
    expect(formatIssues(issues)).toBe('f.yaml:2:1  a  first\nf.yaml:2:10  a.c  first, later column\nf.yaml:9:3  b  second\n');
    expect(issues[0].message).toBe('second'); // the input is not sorted in place
  });
});
