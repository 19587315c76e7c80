// The k6 custom metrics of the chatsim script (names in summary.ts), created once in k6's init
// context, and the shared context the visitor and agent code get. Imports k6/metrics and this folder.

import { Counter, Rate, Trend } from 'k6/metrics';
import { K6_METRICS } from './summary.js';
import type { K6Settings } from './env.js';
import type { TraceFacts } from './trace-rows.js';

export const metrics = {
  firstResponse: new Trend(K6_METRICS.firstResponse),
  queueWait: new Trend(K6_METRICS.queueWait),
  response: new Trend(K6_METRICS.response),
  arrivalLag: new Trend(K6_METRICS.arrivalLag, true),
  offered: new Counter(K6_METRICS.offered),
  answered: new Counter(K6_METRICS.answered),
  abandoned: new Counter(K6_METRICS.abandoned),
  deflected: new Counter(K6_METRICS.deflected),
  serviceLevel: new Rate(K6_METRICS.serviceLevel),
  abandonRate: new Rate(K6_METRICS.abandonRate),
  messagesSent: new Counter(K6_METRICS.messagesSent),
  messagesDelivered: new Counter(K6_METRICS.messagesDelivered),
  unfinished: new Counter(K6_METRICS.unfinished),
  errors: new Counter(K6_METRICS.errors),
};

/** What the visitor and agent code work with. */
export interface K6Context {
  settings: K6Settings;
  facts: TraceFacts;
  tokens: { admin?: string; agents: Record<string, string> };
}

/** Headers of a request without a body (Fastify refuses an empty body said to be JSON): the bearer token. */
export function authHeaders(token: string): { headers: Record<string, string> } {
  return { headers: { Authorization: `Bearer ${token}` } };
}

/** JSON request headers, with a bearer token when given. */
export function jsonHeaders(token?: string): { headers: Record<string, string> } {
  return { headers: { 'Content-Type': 'application/json', ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}) } };
}

/** A frame from the server (see backend/http/schemas.ts serverFrameSchema). */
export interface ServerFrame {
  type: string;
  conversationId?: number;
  author?: 'visitor' | 'agent' | 'system';
  at?: number;
  reason?: string;
  messageId?: number;
  held?: number;
  from?: string;
  to?: string;
  agent?: string;
}
