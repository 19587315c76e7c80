// An agent bot over k6: logs in, goes online, and over a k6/ws socket takes assignments, answers
// each visitor message after the trace's base delay through the kernel's replyDelay (its speed,
// its slowdown, the chats it holds now), closes after the last round, ends the wrap-up after the
// trace's wrap-up time; goes offline once the visits are over. Stand-in for
// loadgen/behaviour/agent-bot.ts over k6 transports. Imports k6 modules, the kernel and this folder.

import http from 'k6/http';
import ws from 'k6/ws';
import { replyDelay } from '../../core/reply-delay.js';
import { authHeaders, jsonHeaders, metrics, type K6Context, type ServerFrame } from './k6-metrics.js';
import type { AgentRow, VisitorRow } from './trace-rows.js';

/** How often the agent checks whether the replay is over, wall ms. */
const POLL_MS = 500;

interface Held {
  row: VisitorRow | undefined;
  replies: number;
  closing: boolean;
}

/**
 * Runs agent `a` until every conversation is over after `lastArrivalMs` (epoch ms), or `endMs`.
 * `rows` are the trace's visitors (the first message names its row).
 */
export function runAgent(ctx: K6Context & { rows: readonly VisitorRow[] }, a: AgentRow, lastArrivalMs: number, endMs: number): void {
  const { settings } = ctx;
  const token = ctx.tokens.agents[a.id];
  const tags = { agent: a.id };
  if (token === undefined) {
    metrics.errors.add(1, { ...tags, what: 'token' });
    return;
  }
  const api = `${settings.target}/api/v1/agent`;
  const h = jsonHeaders(token);
  const bare = authHeaders(token);
  const ok = (status: number, what: string) => {
    // 409: the conversation moved on meanwhile (the visitor left, a transfer): not an error
    if (status >= 300 && status !== 409) { metrics.errors.add(1, { ...tags, what }); if (__ENV.CHATSIM_DEBUG) console.warn(`agent ${a.id}: ${what} answered ${status}`); }
    return status < 300;
  };
  ok(http.post(`${api}/login`, null, bare).status, 'login');
  ok(http.put(`${api}/status`, JSON.stringify({ status: 'online' }), h).status, 'status');
  const held = new Map<number, Held>();
  ws.connect(`${settings.wsTarget}/api/v1/agent/ws`, {}, (socket) => {
    const reply = (id: number) => {
      const c = held.get(id);
      if (c === undefined || c.row === undefined || c.closing) return;
      const k = c.replies;
      if (k >= c.row.replySec.length) return;
      const delaySec = replyDelay(c.row.replySec[k], a.speed, a.slowdown, Math.max(1, held.size));
      socket.setTimeout(() => {
        const now = held.get(id);
        if (now !== c || c.closing) return;
        const r = http.post(`${api}/conversations/${id}/messages`, JSON.stringify({ text: `reply ${k + 1}` }), h);
        if (!ok(r.status, 'reply')) return;
        c.replies++;
        metrics.messagesSent.add(1, tags);
        if (c.replies >= c.row!.replySec.length) {
          c.closing = true;
          ok(http.post(`${api}/conversations/${id}/close`, null, bare).status, 'close');
        }
      }, (delaySec * 1000) / settings.timeScale);
    };
    const wrapUp = (id: number) => {
      const c = held.get(id);
      const sec = c?.row?.wrapUpSec ?? 0;
      socket.setTimeout(() => {
        if (held.get(id) !== c) return;
        held.delete(id);
        ok(http.post(`${api}/conversations/${id}/end-wrap-up`, null, bare).status, 'end-wrap-up');
      }, (sec * 1000) / settings.timeScale);
    };
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token }));
      let checking = false;
      socket.setInterval(() => {
        const now = Date.now();
        if (now >= endMs) return socket.close();
        if (checking || now < lastArrivalMs + POLL_MS || held.size > 0) return;
        checking = true;
        const r = http.get(`${settings.target}/health`);
        checking = false;
        if (r.status === 200 && (r.json() as { open: number }).open === 0) socket.close();
      }, POLL_MS);
    });
    socket.on('message', (text) => {
      let f: ServerFrame;
      try {
        f = JSON.parse(text) as ServerFrame;
      } catch {
        metrics.errors.add(1, { ...tags, what: 'frame' });
        return;
      }
      const id = f.conversationId;
      if (id === undefined) return;
      switch (f.type) {
        case 'assigned': {
          if (f.agent !== undefined && f.agent !== a.id) return;
          const r = http.get(`${api}/conversations/${id}`, bare);
          if (!ok(r.status, 'read')) return;
          const first = (r.json() as { messages: Array<{ author: string; text: string }> }).messages.find((m) => m.author === 'visitor');
          const m = first === undefined ? null : /^#(\d+)\b/.exec(first.text);
          const row = m === null ? undefined : ctx.rows[Number(m[1])];
          if (row === undefined) metrics.errors.add(1, { ...tags, what: 'unknown visitor' });
          held.set(id, { row, replies: 0, closing: false });
          reply(id);
          return;
        }
        case 'message':
          if (f.author === 'visitor') reply(id);
          return;
        case 'transferred':
          if (f.from === a.id) held.delete(id);
          return;
        case 'closed': {
          const c = held.get(id);
          if (c === undefined) return;
          c.closing = true;
          // a visitor who left before any reply ends the chat at once; otherwise wrap-up follows
          if (f.reason === 'visitor' && c.replies === 0) held.delete(id);
          else wrapUp(id);
          return;
        }
        case 'released':
          held.delete(id);
          return;
      }
    });
    socket.on('error', () => metrics.errors.add(1, { ...tags, what: 'socket' }));
  });
  http.put(`${api}/status`, JSON.stringify({ status: 'offline' }), h);
}
