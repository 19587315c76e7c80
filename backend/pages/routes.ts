// The routes of the live pages: GET / (the dashboard for a browser, the JSON index for anyone
// asking for JSON or anything: curl, fetch), GET /visitor, GET /agent and the favicon. Every page
// goes out with its Content-Security-Policy and the headers that keep it from being framed,
// sniffed, cached or leaking its URL. Imports fastify types, the kernel's scenario type and the
// pages.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Scenario } from '../../core/scenario.js';
import { contentSecurityPolicy, FAVICON_SVG, type Page } from './html.js';
import { dashboardPage } from './dashboard.js';
import { visitorPage } from './visitor.js';
import { agentPage } from './agent.js';

/** The page paths, for the JSON index and the OpenAPI document. */
export const PAGE_PATHS = { dashboard: '/', visitor: '/visitor', agent: '/agent' } as const;

/**
 * Whether a request for `/` wants the HTML dashboard: its Accept ranks text/html (or XHTML) above
 * application/json by q-value, ties going to the one named first (browsers); a wildcard, no Accept,
 * or JSON first get the JSON index.
 */
export function wantsHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  let html = { q: 0, at: Infinity };
  let json = { q: 0, at: Infinity };
  accept.split(',').forEach((part, at) => {
    const [type, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2)) || 0;
    if ((type === 'text/html' || type === 'application/xhtml+xml') && q > html.q) html = { q, at };
    if (type === 'application/json' && q > json.q) json = { q, at };
  });
  return html.q > 0 && (html.q > json.q || (html.q === json.q && html.at < json.at));
}

function send(req: FastifyRequest, reply: FastifyReply, page: Page): string {
  reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', contentSecurityPolicy(page, req.headers.host))
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
  return page.html;
}

/** Registers the pages; `index` is the JSON index served at / to non-browsers. */
export function registerPages(app: FastifyInstance, scenario: Scenario, index: () => unknown): void {
  const visitor = visitorPage(scenario.groups.map((g) => g.id), (scenario.classes ?? []).map((k) => k.id));
  app.get(PAGE_PATHS.dashboard, async (req, reply) => {
    reply.header('vary', 'Accept');
    return wantsHtml(req.headers.accept) ? send(req, reply, dashboardPage) : index();
  });
  app.get(PAGE_PATHS.visitor, async (req, reply) => send(req, reply, visitor));
  app.get(PAGE_PATHS.agent, async (req, reply) => send(req, reply, agentPage));
  app.get('/favicon.svg', async (_req, reply) => {
    reply.type('image/svg+xml').header('cache-control', 'max-age=86400').header('x-content-type-options', 'nosniff');
    return FAVICON_SVG;
  });
}
