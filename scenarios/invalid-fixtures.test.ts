// Every file in scenarios/invalid/ is refused; the formatted issues are pinned in
// scenarios/invalid/__snapshots__/<name>.txt. Those texts are the API: review changes by eye.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, loadScenario } from './load.js';

const dir = new URL('./invalid/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function load(name: string) {
  // the bare file name labels the issues, so snapshots do not depend on the checkout's location
  return loadScenario(readFileSync(new URL(name, dir), 'utf8'), name);
}

describe('invalid scenario fixtures', () => {
  it('cover at least 18 distinct problems', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(18);
  });

  describe.each(fixtures)('%s', (name) => {
    it('is refused with every issue located and pinned', async () => {
      const result = load(name);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(issue.file).toBe(name);
        expect(issue.line).toBeGreaterThanOrEqual(1);
        expect(issue.col).toBeGreaterThanOrEqual(1);
        expect(issue.message).not.toMatch(/Invalid input|expected \w+, received/); // no raw zod text
      }
      await expect(formatIssues(result.issues)).toMatchFileSnapshot(`./invalid/__snapshots__/${name.replace(/\.yaml$/, '.txt')}`);
    });
  });

  it('report all the problems of a file at once, sorted by line then column', () => {
    const result = load('multiple-errors.yaml');
    if (result.ok) throw new Error('multiple-errors.yaml loaded');
    expect(result.issues.length).toBeGreaterThanOrEqual(10);
    const positions = result.issues.map((i) => i.line * 10_000 + i.col);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
