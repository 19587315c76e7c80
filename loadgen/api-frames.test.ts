// The frames → events mapping: the catch-up read after a visitor's socket opened brings what
// happened before it listened, the assignment included, each message and close once.

import { describe, expect, it } from 'vitest';
import { VisitorFrames } from './api-frames.js';
import type { VisitorEvent } from './behaviour/ports.js';

describe('visitor frames', () => {
  it('the catch-up tells an assignment made before the socket listened (a visitor who then leaves did not leave the queue)', () => {
    const events: VisitorEvent[] = [];
    const frames = new VisitorFrames(() => (e) => events.push(e));
    frames.catchUp(7, { conversation: { state: 'assigned', assignedAt: 12, agent: 'a-1' }, messages: [{ id: 3, author: 'system', text: 'hi', at: 11 }] });
    frames.frame({ type: 'message', conversationId: 7, author: 'system', text: 'hi', at: 11, messageId: 3 });
    expect(events).toEqual([
      { type: 'message', conversationId: 7, author: 'system', text: 'hi', at: 11, messageId: 3 },
      { type: 'assigned', conversationId: 7, agent: 'a-1', at: 12 },
    ]);
    const queued: VisitorEvent[] = [];
    new VisitorFrames(() => (e) => queued.push(e)).catchUp(8, { conversation: { state: 'queued', assignedAt: null }, messages: [] });
    expect(queued).toEqual([]);
  });
});
