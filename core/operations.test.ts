import { describe, expect, it } from 'vitest';
import { closesSilently, goesAway, silentCloseAt, transferCheckDue, transferRecheckDue, transferRule } from './operations.js';

describe('operations rules', () => {
  const rule = transferRule({ afterSec: 60, maxTransfers: 2, away: { misses: 3, forSec: 600 } })!;

  it('reads the auto-transfer block', () => {
    expect(rule).toEqual({ afterSec: 60, maxTransfers: 2, awayMisses: 3, awayForSec: 600 });
    expect(transferRule(undefined)).toBeNull();
    expect(transferRule({ afterSec: 30, maxTransfers: 1 })!.awayMisses).toBe(Infinity);
  });

  it('checks a chat whose reply is later than the delay while the visitor stays and moves are left', () => {
    expect(transferCheckDue(rule, Infinity, Infinity, 0, 100)).toBe(true);
    expect(transferCheckDue(rule, 160, Infinity, 0, 100)).toBe(false); // reply exactly at the check
    expect(transferCheckDue(rule, 161, 159, 0, 100)).toBe(false); // the visitor left before
    expect(transferCheckDue(rule, Infinity, Infinity, 2, 100)).toBe(false); // no moves left
    expect(transferRecheckDue(rule, 1, Infinity, 160)).toBe(true);
    expect(transferRecheckDue(rule, 2, Infinity, 160)).toBe(false);
    expect(transferRecheckDue(rule, 0, 220, 160)).toBe(false);
  });

  it('sends an agent away at the misses limit', () => {
    expect(goesAway(rule, 2)).toBe(false);
    expect(goesAway(rule, 3)).toBe(true);
  });

  it('closes after a silence longer than the limit', () => {
    expect(closesSilently(300, 300)).toBe(false);
    expect(closesSilently(300.5, 300)).toBe(true);
    expect(silentCloseAt(1000, 300)).toBe(1300);
  });
});
