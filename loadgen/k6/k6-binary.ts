// Finding the k6 binary and running it: `K6` (a path) first, else `k6` on PATH. Used by `chatsim
// loadgen --run` and the end-to-end test. Node side (never bundled); imports node built-ins.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How to point chatsim at a k6 binary when none is found. */
export const K6_HOW_TO = 'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/) and put it on PATH, or set K6=/path/to/k6';

/**
 * The k6 to run: `env.K6` when it is an executable file, else the first executable `k6` on
 * `env.PATH`; undefined when there is none.
 * @example findK6(process.env) // '/usr/local/bin/k6'
 */
export function findK6(env: Record<string, string | undefined>): string | undefined {
  const runnable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.K6 !== undefined && env.K6 !== '') return runnable(env.K6) ? env.K6 : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, 'k6');
    if (runnable(p)) return p;
  }
  return undefined;
}

/** The environment k6 needs on an offline machine (no usage report, no automatic extension download). */
export const K6_OFFLINE_ENV = { K6_NO_USAGE_REPORT: 'true', K6_AUTO_EXTENSION_RESOLUTION: 'false' } as const;

/**
 * The bundled k6 script: next to this module in dist (dist/loadgen/k6/chatsim-k6.js), or, when
 * running from the sources (tests), in dist/ of the repository. Undefined before `npm run build`.
 * @example copyFileSync(k6BundlePath()!, 'load/chatsim-k6.js')
 */
export function k6BundlePath(): string | undefined {
  const candidates = [new URL('./chatsim-k6.js', import.meta.url), new URL('../../dist/loadgen/k6/chatsim-k6.js', import.meta.url)];
  for (const u of candidates) {
    try {
      accessSync(u, constants.R_OK);
      return u.pathname;
    } catch { /* next */ }
  }
  return undefined;
}
