import { describe, expect, it } from 'vitest';
import { groupHead, nextChat, servedBefore, type GroupQueueView, type NextChatAgentView } from './next-chat.js';
import type { ChatView } from './policies.js';

const chat = (groupIndex: number, queuedAt: number, over: Partial<ChatView> = {}): ChatView => ({ groupIndex, classIndex: 0, arrivalAt: queuedAt, queuedAt, previousAgent: -1, ...over });
const queue = (chats: ChatView[] = [], messages: ChatView[] = []): GroupQueueView => ({ classes: [chats], boostSec: [0], messages });
const agent = (over: Partial<NextChatAgentView> = {}): NextChatAgentView => ({ skills: [0, 1], levels: null, overflowFrom: [], reserved: [], ...over });

describe('servedBefore (the ordering rule)', () => {
  it('higher level first, then the smaller key; an exact tie keeps the best so far', () => {
    expect(servedBefore(2, 900, 1, 10)).toBe(true);
    expect(servedBefore(1, 10, 2, 900)).toBe(false);
    expect(servedBefore(1, 10, 1, 11)).toBe(true);
    expect(servedBefore(1, 11, 1, 11)).toBe(false);
  });
});

describe('groupHead', () => {
  it('the class head with the smallest queuedAt − boost; ties to the earlier class; only heads queued by the limit', () => {
    const vip = chat(0, 100, { classIndex: 0 });
    const std = chat(0, 50, { classIndex: 1 });
    const q: GroupQueueView = { classes: [[vip], [std, chat(0, 60)]], boostSec: [60, 0], messages: [] };
    expect(groupHead(q, Infinity)).toEqual({ chat: vip, classIndex: 0, key: 40 });
    expect(groupHead({ ...q, boostSec: [40, 0] }, Infinity)!.chat).toBe(std); // 60 against 50
    expect(groupHead({ ...q, boostSec: [50, 0] }, Infinity)!.chat).toBe(vip); // 50 against 50: the earlier class
    expect(groupHead(q, 99)!.chat).toBe(std); // the VIP has not waited long enough
    expect(groupHead(q, 49)).toBeNull();
    expect(groupHead(queue(), Infinity)).toBeNull();
  });
  it('only heads compete: a later entry with an earlier queuedAt waits its turn', () => {
    const first = chat(0, 100);
    const returning = chat(0, 20); // waited for their agent, then joined
    expect(groupHead(queue([first, returning]), Infinity)!.chat).toBe(first);
    expect(groupHead(queue([first, returning]), 50)).toBeNull();
  });
});

describe('nextChat (the agent-side choice)', () => {
  it('null when nothing waits', () => {
    expect(nextChat(agent(), [queue(), queue()], 0)).toBeNull();
  });
  it('a returning visitor waiting for this agent comes before every queue', () => {
    const back = chat(1, 500, { previousAgent: 3 });
    const r = nextChat(agent({ reserved: [back] }), [queue([chat(0, 1)]), queue()], 600);
    expect(r).toEqual({ chat: back, source: 'reserved', groupIndex: 1, classIndex: -1 });
  });
  it('own groups: the longest-waiting head; ties to the earlier skill', () => {
    const a = chat(0, 30);
    const b = chat(1, 20);
    expect(nextChat(agent(), [queue([a]), queue([b])], 100)).toEqual({ chat: b, source: 'own', groupIndex: 1, classIndex: 0 });
    const c = chat(1, 30);
    expect(nextChat(agent(), [queue([a]), queue([c])], 100)!.chat).toBe(a);
    expect(nextChat(agent({ skills: [1, 0] }), [queue([a]), queue([c])], 100)!.chat).toBe(c);
  });
  it('own groups: the higher skill level first, whatever the wait', () => {
    const a = chat(0, 90);
    const b = chat(1, 10);
    expect(nextChat(agent({ levels: [3, 2] }), [queue([a]), queue([b])], 100)!.chat).toBe(a);
    expect(nextChat(agent({ levels: [2, 2] }), [queue([a]), queue([b])], 100)!.chat).toBe(b);
  });
  it('aging across groups: the class boost counts in the comparison between groups', () => {
    const vip = chat(0, 100, { classIndex: 0 });
    const std = chat(1, 50);
    const q0: GroupQueueView = { classes: [[vip], []], boostSec: [60, 0], messages: [] };
    expect(nextChat(agent(), [q0, queue([std])], 200)).toEqual({ chat: vip, source: 'own', groupIndex: 0, classIndex: 0 });
  });
  it('overflow: only when no own group has a chat, only heads that waited the ring delay, by key', () => {
    const own = chat(0, 500);
    const over = chat(2, 10);
    const queues = [queue(), queue(), queue([over])];
    const a = agent({ overflowFrom: [{ groupIndex: 2, afterSec: 60 }] });
    expect(nextChat(a, [queue([own]), queue(), queue([over])], 600)!.chat).toBe(own);
    expect(nextChat(a, queues, 69)).toBeNull();
    expect(nextChat(a, queues, 70)).toEqual({ chat: over, source: 'overflow', groupIndex: 2, classIndex: 0 });
    // two sources: the smaller key among those open; a source not yet open does not compete
    const early = chat(3, 5);
    const two = agent({ overflowFrom: [{ groupIndex: 2, afterSec: 60 }, { groupIndex: 3, afterSec: 120 }] });
    const q4 = [queue(), queue(), queue([over]), queue([early])];
    expect(nextChat(two, q4, 100)!.chat).toBe(over);
    expect(nextChat(two, q4, 125)!.chat).toBe(early);
  });
  it('messages: only when no live chat waits for the agent, oldest left first', () => {
    const m0 = chat(0, 10, { messageAt: 300 });
    const m1 = chat(1, 20, { messageAt: 200 });
    const live = chat(1, 900);
    expect(nextChat(agent(), [queue([], [m0]), queue([live], [m1])], 1000)!.chat).toBe(live);
    expect(nextChat(agent(), [queue([], [m0]), queue([], [m1])], 1000)).toEqual({ chat: m1, source: 'message', groupIndex: 1, classIndex: -1 });
    // an overflowed chat that may be taken blocks messages; one not yet open does not
    const over = chat(2, 950);
    const a = agent({ overflowFrom: [{ groupIndex: 2, afterSec: 60 }] });
    const queues = [queue([], [m0]), queue(), queue([over])];
    expect(nextChat(a, queues, 1000)!.chat).toBe(m0);
    expect(nextChat(a, queues, 1010)!.chat).toBe(over);
    // messages of other skill groups are not the agent's
    expect(nextChat(agent({ skills: [1] }), [queue([], [m0]), queue()], 1000)).toBeNull();
    // equal instants: the earlier skill
    const m2 = chat(1, 30, { messageAt: 300 });
    expect(nextChat(agent(), [queue([], [m0]), queue([], [m2])], 1000)!.chat).toBe(m0);
  });
  it('does not mutate its input', () => {
    const queues = Object.freeze([Object.freeze(queue([Object.freeze(chat(0, 1))]))]);
    expect(nextChat(Object.freeze(agent({ skills: [0] })), queues, 5)!.source).toBe('own');
  });
});
