// Progress on stderr for long runs: `done/total, elapsed, ETA`, redrawn in place, only when stderr
// is a terminal, only after about a second, never with --quiet. Reads the wall clock (cli/ only).

import type { Io } from './io.js';

/** Runs shorter than this show no progress at all. */
export const PROGRESS_AFTER_MS = 1000;

export interface Progress {
  /** Reports `done` of `total` units finished (`total` 0: open-ended, no ETA). */
  update(done: number, total: number): void;
  /** Clears the progress line (call once at the end). */
  finish(): void;
}

/** A progress line labelled `label` (e.g. "replications"), or a silent one. */
export function progress(io: Io, label: string, quiet = false, now: () => number = () => performance.now()): Progress {
  if (quiet || !io.stderrIsTTY) return { update() {}, finish() {} };
  const start = now();
  let shown = false;
  return {
    update(done, total) {
      const elapsed = now() - start;
      if (elapsed < PROGRESS_AFTER_MS && (done < total || !(total > 0))) return;
      if (!shown && total > 0 && done >= total) return; // finished before it was worth showing
      shown = true;
      const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)}s` : '?');
      if (!(total > 0)) {
        // open-ended work (a search): count and elapsed only
        io.stderr(`\r${label} ${done}  elapsed ${s(elapsed)}   `);
        return;
      }
      const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
      io.stderr(`\r${label} ${done}/${total}  elapsed ${s(elapsed)}  ETA ${s(eta)}   `);
    },
    finish() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
