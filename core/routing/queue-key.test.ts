import { describe, expect, it } from 'vitest';
import { DEFAULT_AGING_PER_SEC, priorityBoostSec, queueKey } from './queue-key.js';

describe('the queue key (priority with aging)', () => {
  it('a priority is worth priority / aging seconds of waiting', () => {
    expect(priorityBoostSec(90, 1)).toBe(90);
    expect(priorityBoostSec(90, 1.5)).toBe(60);
    expect(priorityBoostSec(0, 2)).toBe(0);
    expect(DEFAULT_AGING_PER_SEC).toBe(1);
  });
  it('without classes the key is the queued instant: first come, first served', () => {
    expect(queueKey(123.25, 0)).toBe(123.25);
    expect(queueKey(10, 0) < queueKey(11, 0)).toBe(true);
  });
  it('aging: a VIP overtakes standard chats queued less than its boost earlier, not those queued more', () => {
    const vip = priorityBoostSec(60, 1);
    const vipAt100 = queueKey(100, vip); // 40
    expect(vipAt100 < queueKey(41, 0)).toBe(true);
    expect(vipAt100 < queueKey(39, 0)).toBe(false);
    // halve the aging and the same priority is worth twice the wait
    expect(queueKey(100, priorityBoostSec(60, 0.5)) < queueKey(39, 0)).toBe(true);
  });
});
