// The reply-delay law: how long an agent takes to answer, from the base delay drawn for the visitor,
// the agent's speed and how much each extra chat held slows them. One definition for the
// simulator, the agent bot of the load tests and the backend's checks. Pure; imports nothing.

/**
 * Seconds an agent takes to answer a message whose base delay (for a speed-1 agent holding one chat)
 * is `baseSec`: `baseSec × (1 + slowdown × (held − 1)) / speed`.
 * @param baseSec the drawn delay, seconds (≥ 0)
 * @param speed the agent's speed, > 0 (2 = twice as fast)
 * @param slowdown extra time per additional chat held, as a fraction of the base (≥ 0)
 * @param held chats the agent holds when the message comes, this one included (≥ 1)
 * @example replyDelay(30, 1.5, 0.2, 3) // 30 × 1.4 / 1.5 = 28
 */
export function replyDelay(baseSec: number, speed: number, slowdown: number, held: number): number {
  return (baseSec / speed) * (1 + slowdown * (held - 1));
}
