// The HTTP routes of the live API under /api/v1/ (visitor, agent, admin), /health, /metrics and the
// JSON index (served at / by pages/routes.ts). Every body and parameter is validated by Fastify against the schemas of schemas.ts;
// every refusal is `{ error: { code, message } }`. A request that changes state returns only after
// the centre's transaction committed. Imports fastify types and the backend's own files.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CentreError, type LiveCentre } from '../live/centre.js';
import type { LiveConversation } from '../live/types.js';
import type { SqliteStore, StoredMessage } from '../store/sqlite-store.js';
import type { CentreMetrics } from '../metrics.js';
import { bearerToken, hashToken, newToken, sameHash } from './auth.js';
import { conversationsQuery, idParams, messageBody, startBody, statusBody } from './schemas.js';
import { toRecord } from '../live/records.js';
import { encodeRecordsLines } from '../../core/records-codec.js';
import { metricsContext } from '../../core/metrics/context.js';
import { quantileSorted } from '../../core/metrics/quantile.js';

/** What the routes work with. */
export interface RouteDeps {
  centre: LiveCentre;
  store: SqliteStore;
  metrics: CentreMetrics;
  /** sha256 of the admin token. */
  adminHash: string;
  /** First response times so far, scenario seconds (the snapshot's). */
  frtSec: number[];
}

const instant = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A conversation as the API shows it. */
export function conversationView(d: RouteDeps, c: LiveConversation): Record<string, unknown> {
  const s = d.centre.scenario;
  return {
    id: c.id,
    group: s.groups[c.groupIndex].id,
    priorityClass: s.classes && s.classes.length > 0 ? s.classes[c.classIndex].id : null,
    state: c.state,
    agent: c.agent >= 0 ? d.centre.agents[c.agent].id : null,
    queuePosition: d.centre.conversation(c.id) === c ? d.centre.queuePosition(c) : 0,
    arrivalAt: instant(c.arrivalAt),
    queuedAt: instant(c.queuedAt),
    assignedAt: instant(c.assignedAt),
    firstReplyAt: instant(c.firstReplyAt),
    closedAt: instant(c.closedAt),
    endedAt: instant(c.endedAt),
    outcome: c.outcome,
    transfers: c.transferredAt.length,
    noReplyNeeded: c.noReplyNeeded,
    silentClosed: c.silentClosed,
  };
}

function messageView(d: RouteDeps, m: StoredMessage): Record<string, unknown> {
  return { id: m.id, author: m.author, agent: m.agent >= 0 ? d.centre.agents[m.agent].id : null, text: m.text, at: m.at };
}

function agentView(d: RouteDeps, i: number): Record<string, unknown> {
  const a = d.centre.agents[i];
  return { id: a.id, group: a.group, skills: a.skills.map((g) => d.centre.groupIds[g]), status: a.status, online: a.online, awayUntil: instant(a.awayUntil), held: a.held, cap: a.cap };
}

/** The current form of a conversation: the centre's while open, else the store's. */
function current(d: RouteDeps, id: number): LiveConversation | undefined {
  return d.centre.conversation(id) ?? d.store.conversationById(id);
}

function unauthorized(what: string): CentreError {
  return new CentreError('unauthorized', 401, `${what} token missing or unknown (send Authorization: Bearer <token>)`);
}

function visitorOf(d: RouteDeps, req: FastifyRequest): { id: number; lastAgent: number; token: string } {
  const token = bearerToken(req.headers.authorization);
  const v = token === undefined ? undefined : d.store.visitorByToken(hashToken(token));
  if (v === undefined || token === undefined) throw unauthorized('visitor');
  return { ...v, token };
}

function agentOf(d: RouteDeps, req: FastifyRequest): number {
  const token = bearerToken(req.headers.authorization);
  const i = token === undefined ? undefined : d.store.agentByToken(hashToken(token));
  if (i === undefined) throw unauthorized('agent');
  return i;
}

function requireAdmin(d: RouteDeps, req: FastifyRequest): void {
  const token = bearerToken(req.headers.authorization);
  if (token === undefined) throw unauthorized('admin');
  if (!sameHash(hashToken(token), d.adminHash)) throw new CentreError('forbidden', 403, 'not the admin token');
}

/** The visitor's conversation `id`, 404 when it is someone else's (no hint that it exists). */
function visitorConversation(d: RouteDeps, req: FastifyRequest, id: number): LiveConversation {
  const v = visitorOf(d, req);
  const c = current(d, id);
  if (c === undefined || c.visitorId !== v.id) throw new CentreError('not_found', 404, `no conversation ${id}`);
  return c;
}

function agentConversation(d: RouteDeps, agent: number, id: number): LiveConversation {
  const c = current(d, id);
  if (c === undefined || !c.agents.includes(agent)) throw new CentreError('not_found', 404, `no conversation ${id} of this agent`);
  return c;
}

type IdReq = FastifyRequest<{ Params: { id: number } }>;
type TextReq = FastifyRequest<{ Params: { id: number }; Body: { text: string } }>;

/** The JSON index served at / to anyone not asking for HTML (the pages register that route). */
export const apiIndex = () => ({
  name: 'chatsim serve',
  links: {
    openapi: '/api/v1/openapi.json', health: '/health', metrics: '/metrics', snapshot: '/api/v1/admin/snapshot',
    visitorSocket: '/api/v1/visitor/ws', agentSocket: '/api/v1/agent/ws', export: '/api/v1/export',
    dashboard: '/', visitorPage: '/visitor', agentPage: '/agent',
  },
});

/** Registers every HTTP route on `app`. */
export function registerRoutes(app: FastifyInstance, d: RouteDeps, openapi: () => unknown): void {
  const c = d.centre;

  const timeScale = Number(d.store.getMeta('timeScale') ?? 1);
  app.get('/health', async () => ({ status: 'ok', now: c.now(), open: c.open.size, timeScale }));
  app.get('/api/v1/openapi.json', async () => openapi());

  // ---- visitor ------------------------------------------------------------------------------
  app.post('/api/v1/visitor/conversations', { schema: { body: startBody } }, async (req: FastifyRequest<{ Body: { message: string; group?: string; priorityClass?: string } }>, reply) => {
    const s = c.scenario;
    const groupIndex = req.body.group === undefined ? 0 : s.groups.findIndex((g) => g.id === req.body.group);
    if (groupIndex < 0) throw new CentreError('unknown_group', 400, `unknown skill group "${req.body.group}" (known: ${s.groups.map((g) => g.id).join(', ')})`);
    const classes = s.classes ?? [];
    let classIndex = 0;
    if (req.body.priorityClass !== undefined) {
      classIndex = classes.findIndex((k) => k.id === req.body.priorityClass);
      if (classIndex < 0) throw new CentreError('unknown_class', 400, `unknown priority class "${req.body.priorityClass}" (known: ${classes.map((k) => k.id).join(', ') || 'none'})`);
    } else if (classes.length > 0) {
      classIndex = classes.reduce((best, k, i) => (k.priority < classes[best].priority ? i : best), 0);
    }
    let token: string;
    let conv: LiveConversation;
    if (req.headers.authorization !== undefined) {
      const v = visitorOf(d, req);
      token = v.token;
      conv = c.start(groupIndex, classIndex, req.body.message, { id: v.id, previousAgent: v.lastAgent });
    } else {
      token = newToken();
      conv = c.start(groupIndex, classIndex, req.body.message, { tokenHash: hashToken(token) });
    }
    reply.code(201);
    return { visitorToken: token, conversationId: conv.id, conversation: conversationView(d, current(d, conv.id)!) };
  });

  app.get('/api/v1/visitor/conversations/:id', { schema: { params: idParams } }, async (req: IdReq) => {
    const conv = visitorConversation(d, req, req.params.id);
    return { conversation: conversationView(d, conv), messages: d.store.messages(conv.id).map((m) => messageView(d, m)) };
  });

  app.post('/api/v1/visitor/conversations/:id/messages', { schema: { params: idParams, body: messageBody } }, async (req: TextReq, reply) => {
    const conv = visitorConversation(d, req, req.params.id);
    const messageId = c.visitorMessage(conv.id, req.body.text);
    reply.code(201);
    return { messageId, at: c.now() };
  });

  app.post('/api/v1/visitor/conversations/:id/leave', { schema: { params: idParams } }, async (req: IdReq) => {
    const conv = visitorConversation(d, req, req.params.id);
    c.leave(conv.id);
    return { conversation: conversationView(d, current(d, conv.id)!) };
  });

  // ---- agent --------------------------------------------------------------------------------
  const held = (i: number) => c.heldBy(c.agents[i]).map((x) => conversationView(d, x));
  app.post('/api/v1/agent/login', async (req) => {
    const i = agentOf(d, req);
    return { agent: agentView(d, i), conversations: held(i) };
  });
  app.put('/api/v1/agent/status', { schema: { body: statusBody } }, async (req: FastifyRequest<{ Body: { status: 'online' | 'away' | 'offline' } }>) => {
    const i = agentOf(d, req);
    c.setStatus(i, req.body.status);
    return { agent: agentView(d, i) };
  });
  app.get('/api/v1/agent/conversations', async (req) => ({ conversations: held(agentOf(d, req)) }));
  app.get('/api/v1/agent/conversations/:id', { schema: { params: idParams } }, async (req: IdReq) => {
    const conv = agentConversation(d, agentOf(d, req), req.params.id);
    return { conversation: conversationView(d, conv), messages: d.store.messages(conv.id).map((m) => messageView(d, m)) };
  });
  app.post('/api/v1/agent/conversations/:id/messages', { schema: { params: idParams, body: messageBody } }, async (req: TextReq, reply) => {
    const messageId = c.agentMessage(agentOf(d, req), req.params.id, req.body.text);
    reply.code(201);
    return { messageId, at: c.now() };
  });
  const agentAction = (path: string, act: (agent: number, id: number) => LiveConversation) =>
    app.post(`/api/v1/agent/conversations/:id/${path}`, { schema: { params: idParams } }, async (req: IdReq) => {
      const conv = act(agentOf(d, req), req.params.id);
      return { conversation: conversationView(d, current(d, conv.id)!) };
    });
  agentAction('close', (a, id) => c.close(a, id));
  agentAction('end-wrap-up', (a, id) => c.endWrapUp(a, id));
  agentAction('no-reply-needed', (a, id) => c.markNoReplyNeeded(a, id));

  // ---- admin --------------------------------------------------------------------------------
  app.get('/api/v1/admin/agents', async (req) => {
    requireAdmin(d, req);
    return { agents: c.agents.map((a) => agentView(d, a.index)) };
  });
  app.get('/api/v1/admin/queue', async (req) => {
    requireAdmin(d, req);
    return { groups: c.groupIds.map((id, gi) => ({ id, queue: c.queueOf(gi).map((x) => conversationView(d, x)) })) };
  });
  app.get('/api/v1/admin/conversations', { schema: { querystring: conversationsQuery } }, async (req: FastifyRequest<{ Querystring: { state?: string; limit: number } }>) => {
    requireAdmin(d, req);
    return { conversations: d.store.conversations(req.query.state, req.query.limit).map((x) => conversationView(d, current(d, x.id) ?? x)) };
  });
  app.get('/api/v1/admin/snapshot', async (req) => {
    requireAdmin(d, req);
    const now = c.now();
    const sorted = d.frtSec.slice().sort((x, y) => x - y);
    const q = (p: number) => (sorted.length > 0 ? quantileSorted(sorted, p) : null);
    return {
      now,
      groups: c.groupIds.map((id, gi) => {
        const queue = c.queueOf(gi);
        return { id, queued: queue.length, oldestWaitSec: queue.reduce((m, x) => Math.max(m, now - x.queuedAt), 0) };
      }),
      agents: c.agents.map((a) => ({ id: a.id, status: a.status, online: a.online, held: a.held, cap: a.cap })),
      firstResponse: {
        count: sorted.length,
        meanSec: sorted.length > 0 ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null,
        p50Sec: q(0.5), p90Sec: q(0.9),
        recentSec: d.frtSec.slice(-50),
      },
    };
  });
  app.get('/api/v1/export', async (req, reply) => {
    requireAdmin(d, req);
    const now = c.now();
    const records = (function* () { for (const x of d.store.allConversations()) yield toRecord(c.conversation(x.id) ?? x, now); })();
    const lines = encodeRecordsLines({ context: metricsContext(c.scenario), endAt: now, source: 'chatsim serve' }, records, d.store.allSamples());
    let body = '';
    for (const line of lines) body += line + '\n';
    reply.type('application/x-ndjson');
    return body;
  });
  app.get('/metrics', async (req, reply) => {
    requireAdmin(d, req);
    reply.type(d.metrics.registry.contentType);
    return d.metrics.registry.metrics();
  });

  // ---- errors -------------------------------------------------------------------------------
  app.setNotFoundHandler(async (req, reply) => {
    reply.code(404);
    return { error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } };
  });
  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply: FastifyReply) => {
    if (err instanceof CentreError) {
      reply.code(err.status);
      return { error: { code: err.code, message: err.message } };
    }
    if (err.validation !== undefined) {
      reply.code(400);
      return { error: { code: 'invalid_request', message: err.message } };
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const code = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
          : err.code?.startsWith('FST_ERR_CTP') || err instanceof SyntaxError ? 'malformed_json' : 'bad_request';
      reply.code(status);
      return { error: { code, message: err.message } };
    }
    req.log.error({ err }, 'request failed');
    reply.code(500);
    return { error: { code: 'internal', message: 'internal error' } };
  });
}
