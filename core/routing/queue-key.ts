// The queue key: priority classes with aging. A waiting chat is served by the smallest
// `queuedAt − priority / agingPerSec`, so a class's priority is worth that many seconds of waiting
// and every chat gains one second of standing per second it waits. Pure; imports only the kernel.

/** Priority points gained per second of waiting when a scenario with classes names none. */
export const DEFAULT_AGING_PER_SEC = 1;

/**
 * Seconds of waiting a class's priority is worth: `priority / agingPerSec`.
 * @param priority the class's priority points on entering the queue (≥ 0)
 * @param agingPerSec priority points gained per second of waiting (> 0)
 * @example priorityBoostSec(90, 1.5) // 60: a chat of this class stands as if queued 60 s earlier
 */
export function priorityBoostSec(priority: number, agingPerSec: number): number {
  return priority / agingPerSec;
}

/**
 * The key a waiting chat is served by, seconds: `queuedAt − boostSec`; the smallest key is served
 * first. Without classes every boost is 0 and the key is the queued instant (first come, first
 * served).
 * @param queuedAt instant the chat joined the queue, seconds
 * @param boostSec its class's {@link priorityBoostSec}, seconds
 * @example queueKey(100, 60) // 40: served before a standard chat queued at 41
 */
export function queueKey(queuedAt: number, boostSec: number): number {
  return queuedAt - boostSec;
}
