// scripts/ensure-chromium.mjs waits for another apt process's lock, bounded, and says so (issue 14).

import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { runApt } from './ensure-chromium.mjs';

const LOCK = 'E: Could not get lock /var/lib/apt/lists/lock. It is held by process 123 (apt-get)\n';

/** A fake apt-get: fails with the lock message `locked` times, then succeeds; a clock moved by sleep. */
function fake(locked: number) {
  let t = 0;
  const calls: string[][] = [];
  const log: string[] = [];
  return {
    calls, log,
    options: {
      asRoot: true,
      log: (l: string) => log.push(l),
      now: () => t,
      sleep: (ms: number) => { t += ms; },
      spawn: (cmd: string, args: string[]) => {
        calls.push([cmd, ...args]);
        return calls.length <= locked ? { status: 100, stderr: LOCK } : { status: 0, stderr: '' };
      },
    },
  };
}

describe('runApt', () => {
  it('waits for the lock, saying so once, and passes apt its own lock timeout', () => {
    const f = fake(2);
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      runApt(['update'], f.options);
    } finally {
      process.stderr.write = write;
    }
    expect(f.calls).toHaveLength(3);
    expect(f.calls[0]).toEqual(['apt-get', '-o', 'DPkg::Lock::Timeout=300', 'update']);
    expect(f.calls[2][2]).toBe('DPkg::Lock::Timeout=290');
    expect(f.log).toEqual(['ensure-chromium: another apt or dpkg process holds the lock; waiting for it (at most 300 s in all)…']);
  });
  it('gives up after the timeout with a clear message', () => {
    const f = fake(1000);
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(() => runApt(['update'], { ...f.options, timeoutSec: 12 })).toThrow('another apt or dpkg process held the lock for more than 12 s; try again when it is done');
    } finally {
      process.stderr.write = write;
    }
    expect(f.calls.length).toBe(4); // at 0, 5, 10 and 15 s
  });
});
