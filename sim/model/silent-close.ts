// Silent close: the system closes a conversation once the visitor stays silent longer than the
// group's limit after a reply, so the rounds stop at the first think time beyond it. Decided when
// the visitor arrives, from their drawn think times, by the kernel's rule (`closesSilently`).
// Imports only the kernel and the model's own files.

import { closesSilently } from '../../core/operations.js';
import type { Conversation } from './conversation.js';
import { visitorSlot } from './conversation.js';

/**
 * Applies the silent close to a new conversation: at the first think time longer than `silentSec`
 * (seconds) the rounds stop there, and the close comes `silentSec` after the last reply.
 */
export function silentClose(c: Conversation, silentSec: number): void {
  const w = c.log;
  const rounds = c.rounds;
  for (let k = 1; k < rounds; k++) {
    if (closesSilently(w[visitorSlot(k)], silentSec)) {
      c.stopAfter(k);
      c.silentAfter = silentSec;
      c.silentClosed = true;
      return;
    }
  }
}
