import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { regenerate, select, words } from './readme-examples.mjs';

describe('README examples', () => {
  it('split command lines and select lines as documented', () => {
    expect(words('staff a.yaml --target "serviceLevel >= 80%" --x \'b c\'')).toEqual(['staff', 'a.yaml', '--target', 'serviceLevel >= 80%', '--x', 'b c']);
    expect(select(['a', 'b', 'c', 'd', 'e'], '1-2,4')).toEqual(['a', 'b', '…', 'd', '…']);
    expect(select(['a', 'b', 'c'], '2-3')).toEqual(['b', 'c']);
  });

  it('are what the commands print today (regenerate with: node scripts/readme-examples.mjs --write)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const { text, changed } = regenerate(readme);
    expect(changed).toEqual([]);
    expect(text).toBe(readme);
    expect(readme.match(/<!-- example: keep=/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
