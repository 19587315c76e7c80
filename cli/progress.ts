// Progress on stderr for long runs: `done/total, elapsed, ETA`. On a terminal it is redrawn in
// place after about a second; elsewhere (CI logs, a pipe) it is a plain line every few seconds,
// so a long run is never silent. Never with --quiet. Reads the wall clock (cli/ only).

import type { Io } from './io.js';

/** Runs shorter than this show no progress at all. */
export const PROGRESS_AFTER_MS = 1000;
/** When stderr is not a terminal: one line at most this often (the first after this long). */
export const PROGRESS_LINE_EVERY_MS = 5000;

export interface Progress {
  /** Reports `done` of `total` units finished, fractional inside a unit (`total` 0: open-ended, no ETA). */
  update(done: number, total: number): void;
  /** Clears the progress line (call once at the end). */
  finish(): void;
}

/** A progress line labelled `label` (e.g. "replications"), or a silent one. */
export function progress(io: Io, label: string, quiet = false, now: () => number = () => performance.now()): Progress {
  if (quiet) return { update() {}, finish() {} };
  const start = now();
  const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)}s` : '?');
  const text = (done: number, total: number, elapsed: number) => {
    if (!(total > 0)) return `${label} ${done}  elapsed ${s(elapsed)}`; // open-ended work (a search): count and elapsed only
    // `done` may be fractional (inside a long replication): the count shows whole units, the ETA
    // uses the fraction
    const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
    return `${label} ${Math.floor(done)}/${total}  elapsed ${s(elapsed)}  ETA ${s(eta)}`;
  };
  if (!io.stderrIsTTY) {
    let next = PROGRESS_LINE_EVERY_MS;
    return {
      update(done, total) {
        const elapsed = now() - start;
        if (elapsed < next || (total > 0 && done >= total)) return;
        next = elapsed + PROGRESS_LINE_EVERY_MS;
        io.stderr(`${text(done, total, elapsed)}\n`);
      },
      finish() {},
    };
  }
  let shown = false;
  return {
    update(done, total) {
      const elapsed = now() - start;
      if (elapsed < PROGRESS_AFTER_MS && (done < total || !(total > 0))) return;
      if (!shown && total > 0 && done >= total) return; // finished before it was worth showing
      shown = true;
      io.stderr(`\r${text(done, total, elapsed)}   `);
    },
    finish() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
