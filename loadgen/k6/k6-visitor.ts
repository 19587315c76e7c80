// A visitor of the trace over k6: sleeps until its instant (recording how late it started), opens
// the conversation over HTTP, then talks over a k6/ws socket — waits for the first manual reply up
// to its patience (else leaves), sends its later messages after their think times, ends when the
// agent closes. Stand-in for loadgen/behaviour/visitor.ts over k6 transports. Imports k6 modules
// and this folder.

import http from 'k6/http';
import ws from 'k6/ws';
import { sleep } from 'k6';
import { authHeaders, jsonHeaders, metrics, type K6Context, type ServerFrame } from './k6-metrics.js';
import type { VisitorRow } from './trace-rows.js';

/** The first message's text: carries the trace row so the agent bot finds the visitor's draws. */
export const rowMarker = (i: number) => `#${i} hello`;

/**
 * Plays row `i` of the trace: arrival at `t0Ms + (row.at − firstAt) / timeScale`; a visit not
 * ended by `endMs` (epoch ms) counts as unfinished.
 */
export function playVisitor(ctx: K6Context, row: VisitorRow, i: number, t0Ms: number, endMs: number): void {
  const { settings, facts } = ctx;
  const scale = settings.timeScale;
  const dueMs = t0Ms + ((row.at - facts.firstAtSec) * 1000) / scale;
  const waitMs = dueMs - Date.now();
  if (waitMs > 0) sleep(waitMs / 1000);
  metrics.arrivalLag.add(Math.max(0, Date.now() - dueMs), { group: row.group });
  const tags = { group: row.group };
  if (row.deflected) {
    metrics.deflected.add(1, tags);
    return;
  }
  const res = http.post(`${settings.target}/api/v1/visitor/conversations`, JSON.stringify({ message: rowMarker(i), group: row.group, ...(row.priorityClass !== undefined ? { priorityClass: row.priorityClass } : {}) }), jsonHeaders());
  if (res.status !== 201) {
    metrics.errors.add(1, { ...tags, what: 'start' });
    return;
  }
  const body = res.json() as { visitorToken: string; conversationId: number; conversation: { arrivalAt: number } };
  const id = body.conversationId;
  const arrivalAt = body.conversation.arrivalAt;
  metrics.offered.add(1, tags);
  metrics.messagesSent.add(1, tags);
  metrics.messagesDelivered.add(1, tags);
  const rounds = row.replySec.length;
  let replies = 0;
  let sentWallMs = Date.now();
  let done = false;
  let acked = 0;
  let sent = 0;
  const leave = () => {
    const r = http.post(`${settings.target}/api/v1/visitor/conversations/${id}/leave`, null, authHeaders(body.visitorToken));
    if (r.status !== 200) metrics.errors.add(1, { ...tags, what: 'leave' });
  };
  ws.connect(`${settings.wsTarget}/api/v1/visitor/ws`, {}, (socket) => {
    const finish = () => {
      done = true;
      socket.close();
    };
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'hello', token: body.visitorToken }));
      if (row.patienceSec >= 0) {
        socket.setTimeout(() => {
          if (done || replies > 0) return;
          leave();
          metrics.abandoned.add(1, tags);
          metrics.abandonRate.add(true, tags);
          metrics.serviceLevel.add(false, tags);
          finish();
        }, (row.patienceSec * 1000) / scale);
      }
      socket.setTimeout(() => {
        if (done) return;
        metrics.unfinished.add(1, tags);
        finish();
      }, Math.max(1, endMs - Date.now()));
    });
    socket.on('message', (text) => {
      if (done) return;
      let f: ServerFrame;
      try {
        f = JSON.parse(text) as ServerFrame;
      } catch {
        metrics.errors.add(1, { ...tags, what: 'frame' });
        return;
      }
      if (f.conversationId !== undefined && f.conversationId !== id) return;
      switch (f.type) {
        case 'assigned':
          if (f.at !== undefined) metrics.queueWait.add(f.at - arrivalAt, tags);
          return;
        case 'ack':
          acked++;
          metrics.messagesDelivered.add(1, tags);
          return;
        case 'error':
          metrics.errors.add(1, { ...tags, what: 'frame' });
          return;
        case 'message': {
          if (f.author !== 'agent') return;
          metrics.messagesDelivered.add(1, tags);
          metrics.response.add(((Date.now() - sentWallMs) * scale) / 1000, tags);
          if (replies === 0 && f.at !== undefined) {
            const frt = f.at - arrivalAt;
            metrics.firstResponse.add(frt, tags);
            metrics.answered.add(1, tags);
            metrics.serviceLevel.add(frt <= facts.slTimeSec, tags);
            metrics.abandonRate.add(false, tags);
          }
          const k = replies++;
          if (k + 1 < rounds) {
            socket.setTimeout(() => {
              if (done) return;
              sent++;
              metrics.messagesSent.add(1, tags);
              sentWallMs = Date.now();
              socket.send(JSON.stringify({ type: 'message', conversationId: id, text: `round ${k + 2}` }));
            }, (row.thinkSec[k] * 1000) / scale);
          }
          return;
        }
        case 'closed':
        case 'released':
          // wait for the acks of messages in flight, briefly, then end
          if (acked >= sent) finish();
          else socket.setTimeout(finish, 1000);
          return;
      }
    });
    socket.on('error', () => {
      if (!done) metrics.errors.add(1, { ...tags, what: 'socket' });
    });
  });
}
