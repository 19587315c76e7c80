import { describe, expect, it } from 'vitest';
import { KIND_NAMES, Kind } from './events.js';

describe('event kinds', () => {
  it('have a name each, for the engine to say which event drew a time that is not finite', () => {
    expect(KIND_NAMES[Kind.ABANDON]).toBe('patience end');
    expect(KIND_NAMES[Kind.STICKY_END]).toBe('sticky wait end');
    expect(KIND_NAMES[Kind.RETRY]).toBe('retry');
    expect(KIND_NAMES.slice(1).every((n) => n.length > 0)).toBe(true);
    expect(KIND_NAMES.length).toBe(Kind.RETRY + 1);
  });
});
