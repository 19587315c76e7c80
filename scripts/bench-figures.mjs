// Pure pieces of `npm run bench:backend` (scripts/bench-backend.mjs): a process's CPU share over a
// window from /proc samples taken while it ran (the k6 client's load starts and ends at instants
// known only afterwards), and the quantile rule of the Node client's delivery latencies.

/**
 * CPU over [fromMs, toMs] as a share of one core, from samples `{ atMs, cpuSec }` in time order
 * (cumulative CPU seconds), each end interpolated linearly between the samples around it; null
 * when the samples do not cover the window or it is empty.
 * @example cpuShareBetween([{ atMs: 0, cpuSec: 0 }, { atMs: 1000, cpuSec: 0.5 }], 0, 1000) // 0.5
 */
export function cpuShareBetween(samples, fromMs, toMs) {
  if (!(toMs > fromMs) || samples.length < 2 || samples[0].atMs > fromMs || samples[samples.length - 1].atMs < toMs) return null;
  const at = (t) => {
    let k = 1;
    while (samples[k].atMs < t) k++;
    const a = samples[k - 1];
    const b = samples[k];
    return b.atMs === a.atMs ? b.cpuSec : a.cpuSec + ((b.cpuSec - a.cpuSec) * (t - a.atMs)) / (b.atMs - a.atMs);
  };
  return (at(toMs) - at(fromMs)) / ((toMs - fromMs) / 1000);
}

/**
 * The `p` quantile of ascending `sorted` as the Node client reports it: the value at index
 * ⌊p·n⌋ (clamped), rounded to 0.01; null when empty.
 * @example quantileOf([1, 2, 3, 4], 0.5) // 3
 */
export function quantileOf(sorted, p) {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100;
}

/**
 * The `p` quantile of a Prometheus histogram in the text `metrics`, over the series whose labels
 * include every `labels` pair (summed): the upper bound `le` of the first bucket holding it, in ms
 * (Infinity past the last finite bucket); null when the series has no observations. A bound, not
 * an estimate: the server's own request time, beside the client's latencies.
 * @example histogramQuantileMs(text, 'chatsim_http_request_duration_seconds', { route: '/x' }, 0.99) // 5
 */
export function histogramQuantileMs(metrics, name, labels, p) {
  const byLe = new Map();
  const re = new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm');
  for (const m of metrics.matchAll(re)) {
    const pairs = Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (!Object.entries(labels).every(([k, v]) => pairs[k] === v)) continue;
    const le = pairs.le === '+Inf' ? Infinity : Number(pairs.le);
    byLe.set(le, (byLe.get(le) ?? 0) + Number(m[2]));
  }
  const les = [...byLe.keys()].sort((a, b) => a - b);
  const total = byLe.get(Infinity) ?? 0;
  if (total === 0) return null;
  const need = p * total * (1 - 1e-12); // 0.99 × 100 is 99.00000000000001
  for (const le of les) if (byLe.get(le) >= need) return le * 1000;
  return Infinity;
}
