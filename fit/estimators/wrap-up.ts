// After-call work and connection time from the agents' own rhythm: when a call was already waiting
// as an agent finished one, the agent's next call started a gap later, and that gap is time the
// agent held no call but could not take one either (wrap-up, the line connecting). Gaps longer than
// `MAX_WRAP_GAP_SEC` are taken for breaks and left out. Pure functions; imports nothing.

/** Longest gap counted as after-call work, seconds; longer ones are breaks. */
export const MAX_WRAP_GAP_SEC = 60;

/** One served call of an agent on a day: service start and end, and since when it waited (NaN if it never queued). */
export interface AgentCall {
  startSec: number;
  endSec: number;
  /** When the call started waiting for an agent; NaN when it was answered at once. */
  waitingFromSec: number;
}

/**
 * The gaps (seconds) between an agent's call end and their next call's start, where the next call
 * was already waiting at that end, gap from 0 to `maxGapSec`, and for each call (in the order
 * given, per agent-day) the gap measured after it (NaN where none was).
 * @param agentDays each agent-day's calls, in any order
 * @example wrapUpGaps([[{ startSec: 0, endSec: 100, waitingFromSec: NaN }, { startSec: 105, endSec: 200, waitingFromSec: 50 }]]).gaps // [5]
 */
export function wrapUpGaps(agentDays: ReadonlyArray<readonly AgentCall[]>, maxGapSec = MAX_WRAP_GAP_SEC): { gaps: number[]; after: Map<AgentCall, number> } {
  const gaps: number[] = [];
  const after = new Map<AgentCall, number>();
  for (const calls of agentDays) {
    const sorted = [...calls].sort((a, b) => a.startSec - b.startSec);
    for (let k = 0; k + 1 < sorted.length; k++) {
      const prev = sorted[k];
      const next = sorted[k + 1];
      const gap = next.startSec - prev.endSec;
      if (!(next.waitingFromSec <= prev.endSec) || !(gap >= 0) || gap > maxGapSec) continue;
      gaps.push(gap);
      after.set(prev, gap);
    }
  }
  return { gaps, after };
}
