// Operations rules outside the routing choice, as pure functions shared by the simulator and the
// live backend: when an unanswered chat is checked for auto-transfer (延误对话自动转接), when an
// agent goes away after misses, and when the system closes a conversation whose visitor stays
// silent. The callers own the timers; these only decide. Imports only the kernel.

import type { AutoTransfer } from './scenario.js';

/** Auto-transfer settings as the rules use them. */
export interface TransferRule {
  /** Seconds after assignment without a first reply before the chat moves. */
  afterSec: number;
  /** Most moves per chat. */
  maxTransfers: number;
  /** Misses that send an agent away (Infinity: never). */
  awayMisses: number;
  /** Seconds away. */
  awayForSec: number;
}

/**
 * A scenario's auto-transfer block as a rule, or null when it has none.
 * @example transferRule({ afterSec: 60, maxTransfers: 2, away: { misses: 3, forSec: 600 } }) // { afterSec: 60, maxTransfers: 2, awayMisses: 3, awayForSec: 600 }
 */
export function transferRule(t: AutoTransfer | undefined): TransferRule | null {
  return t === undefined ? null : {
    afterSec: t.afterSec,
    maxTransfers: t.maxTransfers,
    awayMisses: t.away?.misses ?? Infinity,
    awayForSec: t.away?.forSec ?? 0,
  };
}

/**
 * At assignment at `now` (seconds): whether a transfer check must be scheduled at
 * `now + afterSec` — the first reply (due at `firstReplyAt`; Infinity when unknown, as in a live
 * centre) comes later than the delay, the visitor (patience until `patienceAt`) is still there at
 * the check, and the chat has moves left (`moves` transfers so far).
 * @example transferCheckDue(rule60, Infinity, Infinity, 0, 100) // true: check at 160
 */
export function transferCheckDue(rule: TransferRule, firstReplyAt: number, patienceAt: number, moves: number, now: number): boolean {
  return firstReplyAt > now + rule.afterSec && patienceAt >= now + rule.afterSec && moves < rule.maxTransfers;
}

/**
 * At a transfer check at `now` that found nobody free: whether to check again after the same
 * delay (moves left and the agent's reply, due at `pendingReplyAt`, further off than that).
 * @example transferRecheckDue(rule60, 0, Infinity, 160) // true
 */
export function transferRecheckDue(rule: TransferRule, moves: number, pendingReplyAt: number, now: number): boolean {
  return moves < rule.maxTransfers && pendingReplyAt > now + rule.afterSec;
}

/**
 * After a chat moved away from an agent who now has `misses` misses (this one counted): whether
 * they go away for `awayForSec` (their misses then start again from 0).
 * @example goesAway(rule, 3) // true when rule.awayMisses is 3
 */
export function goesAway(rule: TransferRule, misses: number): boolean {
  return misses >= rule.awayMisses;
}

/**
 * The silent-close rule: whether a visitor silence of `silenceSec` after a reply closes the
 * conversation (silence longer than the group's `silentSec`).
 * @example closesSilently(301, 300) // true
 */
export function closesSilently(silenceSec: number, silentSec: number): boolean {
  return silenceSec > silentSec;
}

/**
 * Instant the system closes a conversation whose last reply came at `lastReplyAt` if the visitor
 * stays silent, seconds.
 * @example silentCloseAt(1000, 300) // 1300
 */
export function silentCloseAt(lastReplyAt: number, silentSec: number): number {
  return lastReplyAt + silentSec;
}
