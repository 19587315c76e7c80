// Retries after abandoning, from contacts that name their visitor (a customer id, a records file's
// visitorId): an abandoned contact followed by the same visitor's next contact in the same group
// within a window after they left is a retry. Per group: the share of abandoned contacts retried
// (those whose window runs past the log's end left out), the delays, the longest chain of retries,
// and, for comparison, how often served visitors call again within the same window. Pure
// functions; imports nothing.

/** z of a two-sided 95 % interval. */
const Z95 = 1.959964;

/** One contact as the retry estimator sees it; instants in seconds on one clock (any origin). */
export interface VisitObservation {
  /** The visitor (customer id); undefined when the log does not identify them. */
  visitor: string | undefined;
  group: string;
  /** Offered to people. */
  at: number;
  /** When the visitor left the queue; NaN unless abandoned. */
  abandonedAt: number;
  /** When a served contact ended (its agent done); NaN unless served. */
  endedAt: number;
}

/** What one group's contacts show of retries. */
export interface GroupRetries {
  /** Abandoned contacts, identified or not. */
  abandoned: number;
  /** Abandoned contacts that name their visitor. */
  identified: number;
  /** Identified abandoned ones whose window ends by the log's end: the share's denominator. */
  eligible: number;
  /** Eligible ones the visitor's next contact in the group followed within the window. */
  retried: number;
  /** Seconds from leaving to the retry, one per retried (eligible) contact. */
  delays: number[];
  /** Most retries in a row of one visitor (a retry abandoned and retried again counts on). */
  longestChain: number;
  /** Identified served contacts whose window ends by the log's end, and those followed within it. */
  served: number;
  servedAgain: number;
}

/** Retries found in a log. */
export interface RetryLinks {
  groups: Map<string, GroupRetries>;
  /** Index of each retry contact → index of the abandoned contact it follows (eligible or not). */
  retryOf: Map<number, number>;
}

/**
 * Links each abandoned contact to the same visitor's next contact in the same group when it comes
 * 0 ≤ d ≤ `windowSec` after they left. `endAt`: the log's last instant (windows past it are
 * censored and left out of the share; their links still count as retries).
 * @example linkRetries([{ visitor: 'a', group: 'g', at: 0, abandonedAt: 30, endedAt: NaN }, { visitor: 'a', group: 'g', at: 90, abandonedAt: NaN, endedAt: 200 }], 3600, 7200).groups.get('g')!.retried // 1
 */
export function linkRetries(obs: readonly VisitObservation[], windowSec: number, endAt: number): RetryLinks {
  const groups = new Map<string, GroupRetries>();
  const of = (g: string) => {
    let x = groups.get(g);
    if (x === undefined) groups.set(g, (x = { abandoned: 0, identified: 0, eligible: 0, retried: 0, delays: [], longestChain: 0, served: 0, servedAgain: 0 }));
    return x;
  };
  // each visitor's contacts per group, in arrival order
  const byVisitor = new Map<string, number[]>();
  obs.forEach((o, i) => {
    const g = of(o.group);
    if (o.abandonedAt === o.abandonedAt) g.abandoned++;
    if (o.visitor === undefined) return;
    const key = `${o.group}\u0000${o.visitor}`;
    const list = byVisitor.get(key);
    if (list === undefined) byVisitor.set(key, [i]);
    else list.push(i);
  });
  const retryOf = new Map<number, number>();
  const chain = new Map<number, number>();
  for (const list of byVisitor.values()) {
    list.sort((a, b) => obs[a].at - obs[b].at || a - b);
    for (let k = 0; k < list.length; k++) {
      const o = obs[list[k]];
      const g = of(o.group);
      const next = k + 1 < list.length ? obs[list[k + 1]] : undefined;
      if (o.abandonedAt === o.abandonedAt) {
        g.identified++;
        const d = next === undefined ? NaN : next.at - o.abandonedAt;
        const linked = d >= 0 && d <= windowSec;
        if (linked) {
          retryOf.set(list[k + 1], list[k]);
          const depth = (chain.get(list[k]) ?? 0) + 1;
          chain.set(list[k + 1], depth);
          if (depth > g.longestChain) g.longestChain = depth;
        }
        if (o.abandonedAt + windowSec <= endAt) {
          g.eligible++;
          if (linked) {
            g.retried++;
            g.delays.push(d);
          }
        }
      } else if (o.endedAt === o.endedAt && o.endedAt + windowSec <= endAt) {
        g.served++;
        const d = next === undefined ? NaN : next.at - o.endedAt;
        if (d >= 0 && d <= windowSec) g.servedAgain++;
      }
    }
  }
  return { groups, retryOf };
}

/** A share with its 95 % Wilson interval. */
export interface ShareEstimate {
  share: number;
  low: number;
  high: number;
}

/**
 * The share `k / n` with its 95 % Wilson score interval.
 * @example retryShare(50, 100) // { share: 0.5, low: 0.404, high: 0.596 } (rounded)
 */
export function retryShare(k: number, n: number): ShareEstimate {
  if (n === 0) return { share: NaN, low: NaN, high: NaN };
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
