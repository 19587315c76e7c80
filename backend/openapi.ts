// The OpenAPI 3.1 document of the live API, built from the same schema objects Fastify validates
// with (http/schemas.ts), the WebSocket frames included (`x-websocket-frames` and the
// components `ClientFrame` / `ServerFrame`) and the live pages (text/html), so the document is
// the contract. Pure; imports only the backend's schemas.

import {
  agentSchema, clientFrameSchema, conversationSchema, conversationsQuery, errorSchema, idParams, messageBody, messageSchema, serverFrameSchema,
  startBody, statusBody, MAX_BODY_BYTES, MAX_CONNECTIONS, MAX_FRAME_BYTES, MAX_FRAMES_PER_SEC, MAX_TEXT_CHARS, HELLO_TIMEOUT_SEC,
} from './http/schemas.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const ok = (description: string, schema: unknown, code = '200') => ({ [code]: { description, content: json(schema) } });
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', required, properties });
const idParam = [{ name: 'id', in: 'path', required: true, schema: idParams.properties.id }];
const withMessages = obj({ conversation: ref('Conversation'), messages: { type: 'array', items: ref('Message') } });
const conversationOnly = obj({ conversation: ref('Conversation') });
const sent = obj({ messageId: { type: 'integer' }, at: { type: 'number' } });
const html = { 'text/html': { schema: { type: 'string' } } };
const PAGE_NOTE = 'A self-contained HTML page (inline CSS and script allowed by hash in its Content-Security-Policy; it loads nothing else and talks only to this server).';

function op(tag: string, summary: string, security: string | null, extra: Record<string, unknown>): Record<string, unknown> {
  return { tags: [tag], summary, ...(security === null ? { security: [] } : { security: [{ [security]: [] }] }), ...extra };
}

const socketDescription = (role: string) => `WebSocket (GET with Upgrade). The first frame must be \`{"type":"hello","token":"<${role} token>"}\` within ${HELLO_TIMEOUT_SEC} s. ` +
  'Client frames: ClientFrame; server frames: ServerFrame (see x-websocket-frames). A malformed, unknown or invalid frame gets an `error` frame; ' +
  `more than ${MAX_FRAMES_PER_SEC} frames/s get \`rate_limited\` errors and past twice that a 1008 close; a frame over ${MAX_FRAME_BYTES} bytes closes with 1009; ` +
  `past ${MAX_CONNECTIONS} connections a new socket closes with 1013; a missing hello or an unknown token closes with 1008.`;

/**
 * The OpenAPI document (a new object each call), with `serverUrl` as its server when given.
 * @example writeFileSync('openapi.json', JSON.stringify(openapiDocument('http://127.0.0.1:8080'), null, 2));
 */
export function openapiDocument(serverUrl?: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'chatsim live chat API',
      version: '1.0.0',
      description: 'A reference online customer-service chat backend (visitor, agent, admin) applying chatsim\'s routing rules, shaped after the ' +
        'Rocket.Chat Livechat and Chatwoot public APIs. Instants are scenario seconds from the start of the run. Errors are `{"error":{"code","message"}}`. ' +
        `Limits: request bodies ${MAX_BODY_BYTES} bytes, message text ${MAX_TEXT_CHARS} characters.`,
    },
    ...(serverUrl !== undefined ? { servers: [{ url: serverUrl }] } : {}),
    tags: [{ name: 'visitor' }, { name: 'agent' }, { name: 'admin' }, { name: 'service' }, { name: 'pages' }],
    paths: {
      '/': {
        get: op('pages', 'The live dashboard (HTML) for a browser; a JSON index of links otherwise', null, {
          description: `${PAGE_NOTE} Served as HTML when Accept names text/html before application/json (a browser); as the JSON index for a wildcard, no Accept or JSON first. ` +
            'The dashboard asks for the admin token (kept in sessionStorage, never in the page) and polls /api/v1/admin/snapshot.',
          responses: { 200: { description: 'the dashboard, or the index', content: { ...html, ...json({ type: 'object' }) } } },
        }),
      },
      '/visitor': { get: op('pages', 'The visitor page: start a chat, follow it over the visitor socket, send, leave', null, { description: PAGE_NOTE, responses: { 200: { description: 'the page', content: html } } }) },
      '/agent': { get: op('pages', 'The agent console: log in with the agent token, set the state, answer, close, end wrap-up, no reply needed', null, { description: PAGE_NOTE, responses: { 200: { description: 'the page', content: html } } }) },
      '/favicon.svg': { get: op('pages', 'The pages\' icon', null, { responses: { 200: { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } } } }) },
      '/health': { get: op('service', 'Liveness', null, { responses: ok('up', obj({ status: { const: 'ok' }, now: { type: 'number' }, open: { type: 'integer' }, timeScale: { type: 'number', description: 'scenario seconds per wall second (--time-scale)' } })) }) },
      '/api/v1/openapi.json': { get: op('service', 'This document', null, { responses: ok('the document', { type: 'object' }) }) },
      '/api/v1/visitor/conversations': {
        post: op('visitor', 'Start a conversation with a first message', null, {
          description: 'Without Authorization a new visitor is created and their token returned; with a visitor token the same visitor returns (sticky routing to their previous agent).',
          security: [{}, { visitorToken: [] }],
          requestBody: { required: true, content: json(ref('StartConversation')) },
          responses: { ...ok('started', obj({ visitorToken: { type: 'string' }, conversationId: { type: 'integer' }, conversation: ref('Conversation') }), '201'), ...errors(400, 401, 413) },
        }),
      },
      '/api/v1/visitor/conversations/{id}': {
        get: op('visitor', 'The visitor\'s conversation and its messages', 'visitorToken', { parameters: idParam, responses: { ...ok('conversation', withMessages), ...errors(401, 404) } }),
      },
      '/api/v1/visitor/conversations/{id}/messages': {
        post: op('visitor', 'Send a message (acknowledged after it is stored)', 'visitorToken', {
          parameters: idParam, requestBody: { required: true, content: json(ref('SendMessage')) }, responses: { ...ok('stored', sent, '201'), ...errors(400, 401, 404, 409, 413) },
        }),
      },
      '/api/v1/visitor/conversations/{id}/leave': {
        post: op('visitor', 'Leave: abandonment before a reply, else the conversation closes', 'visitorToken', { parameters: idParam, responses: { ...ok('left', conversationOnly), ...errors(401, 404, 409) } }),
      },
      '/api/v1/visitor/ws': { get: op('visitor', 'Visitor socket: agent messages, assignment, queue position, closing', null, { description: socketDescription('visitor'), responses: { 101: { description: 'switching protocols' } } }) },
      '/api/v1/agent/login': {
        post: op('agent', 'Log in with the agent\'s token: the agent and the chats they hold', 'agentToken', { responses: { ...ok('agent', obj({ agent: ref('Agent'), conversations: { type: 'array', items: ref('Conversation') } })), ...errors(401) } }),
      },
      '/api/v1/agent/status': {
        put: op('agent', 'Go online, away or offline', 'agentToken', { requestBody: { required: true, content: json(ref('SetStatus')) }, responses: { ...ok('agent', obj({ agent: ref('Agent') })), ...errors(400, 401) } }),
      },
      '/api/v1/agent/conversations': {
        get: op('agent', 'The chats the agent holds (wrap-up included)', 'agentToken', { responses: { ...ok('chats', obj({ conversations: { type: 'array', items: ref('Conversation') } })), ...errors(401) } }),
      },
      '/api/v1/agent/conversations/{id}': {
        get: op('agent', 'A chat the agent holds or held, and its messages', 'agentToken', { parameters: idParam, responses: { ...ok('conversation', withMessages), ...errors(401, 404) } }),
      },
      '/api/v1/agent/conversations/{id}/messages': {
        post: op('agent', 'Send a message in a held chat (the first one is the first response)', 'agentToken', {
          parameters: idParam, requestBody: { required: true, content: json(ref('SendMessage')) }, responses: { ...ok('stored', sent, '201'), ...errors(400, 401, 404, 409, 413) },
        }),
      },
      '/api/v1/agent/conversations/{id}/close': {
        post: op('agent', 'Close a held chat; its slot stays busy until end-wrap-up', 'agentToken', { parameters: idParam, responses: { ...ok('closed', conversationOnly), ...errors(401, 404, 409) } }),
      },
      '/api/v1/agent/conversations/{id}/end-wrap-up': {
        post: op('agent', 'End the wrap-up of a closed chat: the slot frees', 'agentToken', { parameters: idParam, responses: { ...ok('released', conversationOnly), ...errors(401, 404, 409) } }),
      },
      '/api/v1/agent/conversations/{id}/no-reply-needed': {
        post: op('agent', 'Mark a held chat "no reply needed" (out of the 24-hour response rate; may close without a reply)', 'agentToken', { parameters: idParam, responses: { ...ok('marked', conversationOnly), ...errors(401, 404) } }),
      },
      '/api/v1/agent/ws': { get: op('agent', 'Agent socket: assignments, visitor messages, transfers, closing, own state', null, { description: socketDescription('agent'), responses: { 101: { description: 'switching protocols' } } }) },
      '/api/v1/admin/agents': { get: op('admin', 'Every agent and their state', 'adminToken', { responses: { ...ok('agents', obj({ agents: { type: 'array', items: ref('Agent') } })), ...errors(401, 403) } }) },
      '/api/v1/admin/queue': {
        get: op('admin', 'The queue of every skill group, in serving order', 'adminToken', {
          responses: { ...ok('queues', obj({ groups: { type: 'array', items: obj({ id: { type: 'string' }, queue: { type: 'array', items: ref('Conversation') } }) } })), ...errors(401, 403) },
        }),
      },
      '/api/v1/admin/conversations': {
        get: op('admin', 'Conversations, newest first', 'adminToken', {
          parameters: Object.entries(conversationsQuery.properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
          responses: { ...ok('conversations', obj({ conversations: { type: 'array', items: ref('Conversation') } })), ...errors(400, 401, 403) },
        }),
      },
      '/api/v1/admin/snapshot': {
        get: op('admin', 'What a dashboard polls: queues per group, each agent\'s held/cap/state, first-response times so far', 'adminToken', {
          responses: {
            ...ok('snapshot', obj({
              now: { type: 'number' },
              groups: { type: 'array', items: obj({ id: { type: 'string' }, queued: { type: 'integer' }, oldestWaitSec: { type: 'number' } }) },
              agents: { type: 'array', items: obj({ id: { type: 'string' }, status: { type: 'string' }, online: { type: 'boolean' }, held: { type: 'integer' }, cap: { type: 'integer' } }) },
              firstResponse: obj({ count: { type: 'integer' }, meanSec: { type: ['number', 'null'] }, p50Sec: { type: ['number', 'null'] }, p90Sec: { type: ['number', 'null'] }, recentSec: { type: 'array', items: { type: 'number' } } }),
            })),
            ...errors(401, 403),
          },
        }),
      },
      '/api/v1/export': {
        get: op('admin', 'Every conversation as kernel records (chatsim.records JSON Lines); open ones settled as of now', 'adminToken', {
          responses: { 200: { description: 'records file', content: { 'application/x-ndjson': { schema: { type: 'string' } } } }, ...errors(401, 403) },
        }),
      },
      '/metrics': {
        get: op('admin', 'Prometheus metrics', 'adminToken', { responses: { 200: { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } }, ...errors(401, 403) } }),
      },
    },
    components: {
      securitySchemes: {
        visitorToken: { type: 'http', scheme: 'bearer', description: 'returned when a visitor starts their first conversation' },
        agentToken: { type: 'http', scheme: 'bearer', description: 'from the roster\'s tokens file, written when the database is created' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'CHATSIM_ADMIN_TOKEN, or generated into the tokens file (mode 0600)' },
      },
      schemas: {
        Error: errorSchema,
        StartConversation: startBody,
        SendMessage: messageBody,
        SetStatus: statusBody,
        Conversation: conversationSchema,
        Message: messageSchema,
        Agent: agentSchema,
        ClientFrame: clientFrameSchema,
        ServerFrame: serverFrameSchema,
      },
      responses: Object.fromEntries([[400, 'invalid request or malformed JSON'], [401, 'token missing or unknown'], [403, 'not the admin token'], [404, 'not found, or not yours'], [409, 'not in a state for that'], [413, 'body too large']]
        .map(([code, description]) => [`E${code}`, { description, content: json(ref('Error')) }])),
    },
    'x-websocket-frames': {
      client: ref('ClientFrame'),
      server: ref('ServerFrame'),
      visitor: 'welcome, ack, assigned, queue, message (agent/system), transferred, closed, released, pong, error',
      agent: 'welcome, ack, state, assigned, message (visitor), transferred (away from you), closed, pong, error',
    },
  };
}
