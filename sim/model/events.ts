// The model's events: their kinds, their priorities at equal times, and the same-instant rule.
// Constants only; imports nothing.
//
// Same-instant rule (documented, tested): at equal times, events that serve a visitor run before
// the visitor's patience runs out. Order: slot released, agent comes on shift, agent reply,
// visitor message, agent goes off shift, arrival, patience ends. So a visitor whose patience
// ends exactly when a slot frees is assigned; if their first reply is still to come, they then
// leave as "abandoned after assignment" at that instant; a reply at the very instant patience
// ends counts as answered. The operations events slot in by priority: auto-transfer checks,
// overflow rings and the end of a returning visitor's wait for their agent run with shift ends
// (after replies, so a reply at the check's instant wins); agents back from away with shift
// starts; leave-a-message, follow-ups after deflection, returns and retries with arrivals, all before
// patience ends.
// A reply nothing can overtake (a first reply patience outlasts with no transfer check due, and
// every later answer) is written ahead instead of being an event; the outcome is the one its event
// would give under this order. Events at one instant and priority run in scheduling order.

/**
 * Event kinds (the `kind` of an EventQueue entry; the target is in each comment). A `const enum`:
 * tsc writes the numbers in at each use, so the hot switch compares with constants (imported
 * `const`s are loaded from module cells: about 1 % more instructions on the bench, measured).
 */
export const enum Kind {
  /** The visitor's patience runs out (a Conversation). */
  ABANDON = 1,
  /** A first manual reply after an auto-transfer check (a Conversation). */
  REPLY = 2,
  /** A visitor message after the first reply (a Conversation). */
  VISITOR_MESSAGE = 3,
  /** Wrap-up ends and the slot frees (a Conversation). */
  RELEASE = 4,
  /** An agent's online span starts (an Agent). */
  SHIFT_START = 5,
  /** An agent's online span ends (an Agent). */
  SHIFT_END = 6,
  /** Auto-transfer check of a chat assigned without a first reply (a Conversation). */
  TRANSFER = 7,
  /** An agent set away after missed chats comes back (an Agent). */
  AWAY_END = 8,
  /** A queued chat reaches the delay of its skill group's next overflow ring (a Conversation). */
  OVERFLOW = 9,
  /** A queued visitor inclined to leave a message reaches the group's leave-a-message delay (a Conversation). */
  LEAVE_MESSAGE = 10,
  /** A deflected visitor follows up and needs a person (a Conversation). */
  FOLLOW_UP = 11,
  /** A served visitor comes back (a ReturnVisit: returning visitor, sticky routing). */
  RETURN = 12,
  /** A returning visitor's wait for their previous agent ends: the fallback policy routes them (a Conversation). */
  STICKY_END = 13,
  /** A visitor who abandoned in queue tries again (a RetryVisit). */
  RETRY = 14,
}

/** Names of the event kinds by {@link Kind}, for the engine's message about an instant that is not finite. */
export const KIND_NAMES: readonly string[] = [
  '', 'patience end', 'reply', 'visitor message', 'release', 'shift start', 'shift end', 'auto-transfer check',
  'away end', 'overflow ring', 'leave-a-message', 'follow-up', 'return', 'sticky wait end', 'retry',
];

/** Priorities at equal times (lower first): see the same-instant rule above. A `const enum` like {@link Kind}. */
export const enum Pri {
  RELEASE = 0,
  SHIFT_START = 1,
  REPLY = 2,
  VISITOR_MESSAGE = 3,
  SHIFT_END = 4,
  /** Arrivals (kept out of the heap, one per skill group: see the run loop) and their peers. */
  ARRIVAL = 5,
  ABANDON = 6,
  /** After replies (a reply at the very instant wins), before patience ends. */
  TRANSFER = SHIFT_END,
  AWAY_END = SHIFT_START,
  /** With shift ends: after agents free up and come on, before patience ends. */
  OVERFLOW = SHIFT_END,
  /** The end of a returning visitor's wait for their agent runs with the overflow rings. */
  STICKY_END = OVERFLOW,
  /** Just before patience ends: a visitor who would leave at that instant leaves a message instead. */
  LEAVE_MESSAGE = ARRIVAL,
  /** Follow-ups after deflection, returning visitors and retries run with arrivals. */
  FOLLOW_UP = ARRIVAL,
  RETURN = ARRIVAL,
  RETRY = ARRIVAL,
}
