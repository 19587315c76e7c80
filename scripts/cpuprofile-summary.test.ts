// The CPU-profile summariser: self and inclusive time per function, idle apart, recursion counted once, time by package.
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { packageOf, summarise } from './cpuprofile-summary.mjs';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, scriptId: '0', columnNumber: 0 });

describe('cpuprofile summary', () => {
  it('adds self time to the sampled function and inclusive time to each function on its stack once', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5] },
        { id: 2, callFrame: frame('op', 'file:///r/dist/backend/live/centre.js', 9), children: [3] },
        { id: 3, callFrame: frame('op', 'file:///r/dist/backend/live/centre.js', 9), children: [4] },
        { id: 4, callFrame: frame('run', 'file:///r/node_modules/better-sqlite3/lib/x.js', 1) },
        { id: 5, callFrame: frame('(idle)') },
      ],
      // samples: run (10 ms), op (5 ms), idle (20 ms); each sample's time is the gap to the next
      samples: [4, 3, 5, 4],
      timeDeltas: [0, 10_000, 5_000, 20_000],
    };
    const s = summarise(profile);
    expect(s.totalMs).toBe(15);
    expect(s.idleMs).toBe(20);
    expect(s.self).toEqual([['run node_modules/better-sqlite3/lib/x.js:2', 10], ['op dist/backend/live/centre.js:10', 5]]);
    expect(new Map(s.inclusive).get('op dist/backend/live/centre.js:10')).toBe(15); // recursive: once per sample
    expect(new Map(s.packages)).toEqual(new Map([['better-sqlite3', 10], ['backend/', 5]]));
  });

  it('names the package of a frame', () => {
    expect(packageOf('file:///r/node_modules/@fastify/websocket/index.js')).toBe('@fastify/websocket');
    expect(packageOf('node:internal/streams/readable')).toBe('node:internal');
    expect(packageOf('file:///r/dist/core/x.js')).toBe('core/');
    expect(packageOf('')).toBe('(v8/native)');
  });
});
