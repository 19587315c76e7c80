// Tests of the "did you mean" helper and of how messages show offending values.

import { describe, expect, it } from 'vitest';
import { editDistance, MSG, shown, suggest } from './messages.js';

describe('suggest', () => {
  const groups = ['presales', 'aftersales', 'technical'];
  it('finds close misspellings', () => {
    expect(suggest('presale', groups)).toBe('presales');
    expect(suggest('aftresales', groups)).toBe('aftersales'); // adjacent swap counts once
    expect(suggest('Presales', groups)).toBe('presales');
    expect(suggest('least-load', ['least-loaded', 'round-robin'])).toBe('least-loaded');
  });
  it('completes a prefix of three letters or more', () => {
    expect(suggest('expo', ['exponential', 'lognormal'])).toBe('exponential');
    expect(suggest('ex', ['exponential', 'lognormal'])).toBeUndefined();
  });
  it('stays silent when nothing is close', () => {
    expect(suggest('billing', groups)).toBeUndefined();
    expect(suggest('', groups)).toBeUndefined();
    expect(suggest('ab', ['xy'])).toBeUndefined();
  });
  it('prefers the closest candidate', () => {
    expect(suggest('count', ['cont', 'count'])).toBe('count');
    expect(suggest('cuont', ['skills', 'count', 'maxConcurrent'])).toBe('count');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abc', 'acb')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('messages', () => {
  it('show the offending value', () => {
    expect(shown('9am')).toBe('"9am"');
    expect(shown(0)).toBe('0');
    expect(shown(null)).toBe('an empty value');
    expect(shown([])).toBe('an empty list');
    expect(shown({ a: 1 })).toBe('a mapping');
    expect(MSG.integerRange(1, undefined, 0)).toBe('must be a whole number ≥ 1 (got 0)');
  });
  it('add "did you mean" only when there is something to suggest', () => {
    expect(MSG.unknownKey('polcy', ['policy', 'seed'])).toBe('unknown setting "polcy"; did you mean "policy"? (allowed here: policy, seed)');
    expect(MSG.unknownKey('zzz', ['policy'])).toBe('unknown setting "zzz" (allowed here: policy)');
  });
});
