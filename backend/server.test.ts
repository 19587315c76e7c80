import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { simpleScenario } from './test-helpers/scenario.js';
import { call, TestSocket } from './test-helpers/client.js';
import { decodeRecords } from '../core/records-codec.js';
import { checkInvariants } from '../core/invariants.js';
import { openapiDocument } from './openapi.js';
import { MAX_FRAME_BYTES, MAX_TEXT_CHARS } from './http/schemas.js';
import { statSync } from 'node:fs';

const ADMIN = 'test-admin-token-0123456789';
let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(count = 2, cap = 2, extra: Parameters<typeof simpleScenario>[0] = {}) {
  const s = await startServer({ scenario: simpleScenario({ count, cap, ...extra }), adminToken: ADMIN, checkInvariants: true });
  servers.push(s);
  const agent = (i: number) => s.tokens.agents[`team-${i + 1}`];
  return { s, url: s.url, agent };
}

describe('chatsim serve: HTTP and WebSocket API', () => {
  it('a visitor message reaches the agent socket and the reply comes back; close, wrap-up, export', async () => {
    const { s, url, agent } = await serve(1, 2);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((statSync(s.tokensFile!).mode & 0o777).toString(8)).toBe('600');
    const agentWs = await TestSocket.open(url, '/api/v1/agent/ws');
    agentWs.send({ type: 'hello', token: agent(0) });
    await agentWs.waitFor((f) => f.type === 'welcome');
    expect((await call(url, 'POST', '/api/v1/agent/login', agent(0))).body.agent).toMatchObject({ id: 'team-1', status: 'offline', held: 0, cap: 2 });
    expect((await call(url, 'PUT', '/api/v1/agent/status', agent(0), { status: 'online' })).body.agent.online).toBe(true);

    const started = await call(url, 'POST', '/api/v1/visitor/conversations', undefined, { message: 'hello, my order?' });
    expect(started.status).toBe(201);
    const { visitorToken, conversationId } = started.body;
    expect(started.body.conversation).toMatchObject({ state: 'assigned', agent: 'team-1', group: 'sales' });
    const visitorWs = await TestSocket.open(url, '/api/v1/visitor/ws');
    visitorWs.send({ type: 'hello', token: visitorToken });
    expect((await visitorWs.waitFor((f) => f.type === 'welcome')).conversations).toEqual([conversationId]);

    await agentWs.waitFor((f) => f.type === 'assigned' && f.conversationId === conversationId);
    visitorWs.send({ type: 'message', conversationId, text: 'are you there?', clientId: 'c1' });
    expect((await visitorWs.waitFor((f) => f.type === 'ack')).clientId).toBe('c1');
    await agentWs.waitFor((f) => f.type === 'message' && f.text === 'are you there?');
    agentWs.send({ type: 'message', conversationId, text: 'yes, looking' });
    await visitorWs.waitFor((f) => f.type === 'message' && f.author === 'agent' && f.agent === 'team-1');
    const sent = await call(url, 'POST', `/api/v1/agent/conversations/${conversationId}/messages`, agent(0), { text: 'it ships today' });
    expect(sent.status).toBe(201);
    const read = await call(url, 'GET', `/api/v1/visitor/conversations/${conversationId}`, visitorToken);
    expect(read.body.messages.map((m: { text: string }) => m.text)).toEqual(['hello, my order?', 'are you there?', 'yes, looking', 'it ships today']);
    expect((await call(url, 'POST', `/api/v1/agent/conversations/${conversationId}/close`, agent(0))).body.conversation.state).toBe('wrapUp');
    await visitorWs.waitFor((f) => f.type === 'closed' && f.reason === 'agent');
    expect((await call(url, 'GET', '/api/v1/agent/conversations', agent(0))).body.conversations).toHaveLength(1); // wrap-up holds the slot
    expect((await call(url, 'POST', `/api/v1/agent/conversations/${conversationId}/end-wrap-up`, agent(0))).body.conversation).toMatchObject({ state: 'ended', outcome: 'served' });

    const snap = await call(url, 'GET', '/api/v1/admin/snapshot', ADMIN);
    expect(snap.body.agents[0]).toMatchObject({ id: 'team-1', held: 0, cap: 2 });
    expect(snap.body.firstResponse.count).toBe(1);
    const exp = await fetch(url + '/api/v1/export', { headers: { authorization: `Bearer ${ADMIN}` } });
    const file = decodeRecords(await exp.text(), 'export.jsonl');
    expect(file.records.map((r) => r.outcome)).toEqual(['served']);
    expect(checkInvariants(file.records, file.samples, file.header.context.agents.map((a) => a.cap), file.records.length)).toEqual([]);
    const metrics = await call(url, 'GET', '/metrics', ADMIN);
    expect(metrics.body).toContain('chatsim_conversations_assigned_total{group="sales"} 1');
    expect(metrics.body).toContain('chatsim_first_response_seconds_count{group="sales"} 1');
    expect(metrics.body).toContain('chatsim_agent_cap{agent="team-1"} 2');
    // request durations by route pattern (not by id), the group commit included
    expect(metrics.body).toMatch(/^chatsim_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/agent\/conversations\/:id\/messages",status="201"\} 1$/m);
    expect(metrics.body).toMatch(/^chatsim_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/visitor\/conversations",status="201"\} 1$/m);
    expect(await s.violations()).toBe(0);
    agentWs.close();
    visitorWs.close();
  });

  it('isolates tokens: a visitor or agent reading another\'s conversation gets 404, admin routes need the admin token', async () => {
    const { url, agent } = await serve(2, 1);
    await call(url, 'PUT', '/api/v1/agent/status', agent(0), { status: 'online' });
    const a = (await call(url, 'POST', '/api/v1/visitor/conversations', undefined, { message: 'a' })).body;
    const b = (await call(url, 'POST', '/api/v1/visitor/conversations', undefined, { message: 'b' })).body;
    expect((await call(url, 'GET', `/api/v1/visitor/conversations/${a.conversationId}`, b.visitorToken)).status).toBe(404);
    expect((await call(url, 'POST', `/api/v1/visitor/conversations/${a.conversationId}/messages`, b.visitorToken, { text: 'x' })).status).toBe(404);
    expect((await call(url, 'GET', `/api/v1/visitor/conversations/${a.conversationId}`)).status).toBe(401);
    expect((await call(url, 'GET', `/api/v1/visitor/conversations/${a.conversationId}`, 'nonsense')).status).toBe(401);
    expect((await call(url, 'GET', `/api/v1/agent/conversations/${a.conversationId}`, agent(1))).status).toBe(404);
    expect((await call(url, 'POST', `/api/v1/agent/conversations/${a.conversationId}/messages`, agent(1), { text: 'x' })).status).toBe(404);
    expect((await call(url, 'GET', `/api/v1/agent/conversations/${a.conversationId}`, agent(0))).status).toBe(200);
    expect((await call(url, 'GET', '/api/v1/admin/agents')).status).toBe(401);
    expect((await call(url, 'GET', '/api/v1/admin/agents', agent(0))).status).toBe(403);
    expect((await call(url, 'GET', '/metrics', a.visitorToken)).status).toBe(403);
    expect((await call(url, 'GET', '/api/v1/export')).status).toBe(401);
    // a visitor socket hears nothing of another visitor's conversation
    const ws = await TestSocket.open(url, '/api/v1/visitor/ws');
    ws.send({ type: 'hello', token: b.visitorToken });
    await ws.waitFor((f) => f.type === 'welcome');
    ws.send({ type: 'message', conversationId: a.conversationId, text: 'sneaky' });
    expect((await ws.waitFor((f) => f.type === 'error')).error.code).toBe('not_found');
    ws.close();
  });

  it('validates every body: JSON errors with codes, never a crash', async () => {
    const { url } = await serve();
    const bad = async (body: unknown) => call(url, 'POST', '/api/v1/visitor/conversations', undefined, body);
    expect(await bad('{"message": ')).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
    expect(await bad({})).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    expect(await bad({ message: 'x', extra: 1 })).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    expect(await bad({ message: 'x'.repeat(MAX_TEXT_CHARS + 1) })).toMatchObject({ status: 400 });
    expect(await bad({ message: 'x', group: 'nope' })).toMatchObject({ status: 400, body: { error: { code: 'unknown_group' } } });
    expect((await bad(JSON.stringify({ message: 'y'.repeat(40_000) }))).status).toBe(413);
    expect(await call(url, 'GET', '/api/v1/nothing')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await call(url, 'GET', '/api/v1/visitor/conversations/abc', 'x')).toMatchObject({ status: 400 });
    expect((await call(url, 'GET', '/health')).body.status).toBe('ok');
    expect((await call(url, 'GET', '/')).body.links.openapi).toBe('/api/v1/openapi.json');
  });

  it('handles malformed, unknown, oversized and flooding socket clients', async () => {
    const { url, agent } = await serve();
    const ws = await TestSocket.open(url, '/api/v1/agent/ws');
    ws.send('{not json');
    expect((await ws.waitFor((f) => f.type === 'error')).error.code).toBe('malformed_json');
    ws.send({ type: 'dance' });
    expect((await ws.waitFor((f) => f.type === 'error' && f.error.code === 'unknown_frame_type')).error.message).toMatch(/known: hello/);
    ws.send({ type: 'hello' });
    await ws.waitFor((f) => f.type === 'error' && f.error.code === 'invalid_frame');
    ws.send({ type: 'ping' }); // before hello
    expect(await ws.closed()).toBe(1008);

    const unknown = await TestSocket.open(url, '/api/v1/agent/ws');
    unknown.send({ type: 'hello', token: 'wrong' });
    expect(await unknown.closed()).toBe(1008);

    const big = await TestSocket.open(url, '/api/v1/agent/ws');
    big.send({ type: 'hello', token: agent(0) });
    await big.waitFor((f) => f.type === 'welcome');
    big.send('x'.repeat(MAX_FRAME_BYTES + 10));
    expect(await big.closed()).toBe(1009);

    const flood = await TestSocket.open(url, '/api/v1/agent/ws');
    flood.send({ type: 'hello', token: agent(0) });
    await flood.waitFor((f) => f.type === 'welcome');
    for (let i = 0; i < 100; i++) flood.send({ type: 'ping' });
    await flood.waitFor((f) => f.type === 'error' && f.error.code === 'rate_limited');
    expect(await flood.closed()).toBe(1008);
    // the server is still fine
    expect((await call(url, 'GET', '/health')).status).toBe(200);
  });

  it('serves an OpenAPI 3.1 document that validates', async () => {
    const { url } = await serve();
    const doc = (await call(url, 'GET', '/api/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(openapiDocument(url) as Parameters<typeof validator.validate>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('runs the configured durations --time-scale times faster and records scenario seconds', async () => {
    const s = await startServer({
      scenario: simpleScenario({ count: 2, cap: 1, top: 'autoTransfer: { after: 30s, maxTransfers: 1 }', group: '    silentClose: 60s' }),
      adminToken: ADMIN, checkInvariants: true, timeScale: 300,
    });
    servers.push(s);
    const agent = (i: number) => s.tokens.agents[`team-${i + 1}`];
    await call(s.url, 'PUT', '/api/v1/agent/status', agent(0), { status: 'online' });
    const v = (await call(s.url, 'POST', '/api/v1/visitor/conversations', undefined, { message: 'hi' })).body;
    await call(s.url, 'PUT', '/api/v1/agent/status', agent(1), { status: 'online' });
    const ws = await TestSocket.open(s.url, '/api/v1/visitor/ws');
    ws.send({ type: 'hello', token: v.visitorToken });
    // 30 scenario seconds without a reply = 100 ms of wall time: the chat moves to team-2
    const moved = await ws.waitFor((f) => f.type === 'transferred', 3000);
    expect([moved.from, moved.to]).toEqual(['team-1', 'team-2']);
    expect(moved.at - v.conversation.assignedAt).toBeGreaterThanOrEqual(30);
    expect(moved.at - v.conversation.assignedAt).toBeLessThan(60);
    await call(s.url, 'POST', `/api/v1/agent/conversations/${v.conversationId}/messages`, agent(1), { text: 'sorry for the wait' });
    // a silent visitor: closed 60 scenario seconds (200 ms) after the reply
    const closed = await ws.waitFor((f) => f.type === 'closed', 3000);
    expect(closed.reason).toBe('silence');
    ws.close();
  });

  it('200 visitors arriving at once against 5 free slots: never over cap, never two holders, each assigned once', async () => {
    const { s, url, agent } = await serve(5, 1);
    for (let i = 0; i < 5; i++) await call(url, 'PUT', '/api/v1/agent/status', agent(i), { status: 'online' });
    const t0 = performance.now();
    const started = await Promise.all(Array.from({ length: 200 }, (_, i) => call(url, 'POST', '/api/v1/visitor/conversations', undefined, { message: `v${i}` })));
    const ms = performance.now() - t0;
    expect(started.every((r) => r.status === 201)).toBe(true);
    const states = started.map((r) => r.body.conversation.state);
    expect(states.filter((x) => x === 'assigned')).toHaveLength(5);
    expect(states.filter((x) => x === 'queued')).toHaveLength(195);
    const agents = (await call(url, 'GET', '/api/v1/admin/agents', ADMIN)).body.agents;
    expect(agents.map((a: { held: number }) => a.held)).toEqual([1, 1, 1, 1, 1]);
    const holders = new Set(started.filter((r) => r.body.conversation.agent !== null).map((r) => r.body.conversation.agent));
    expect(holders.size).toBe(5);
    const queue = (await call(url, 'GET', '/api/v1/admin/queue', ADMIN)).body.groups[0].queue;
    expect(queue).toHaveLength(195);
    // serve them all: each agent replies, closes, ends wrap-up, and takes the next
    const t1 = performance.now();
    let done = 0;
    for (let round = 0; round < 40 && done < 200; round++) {
      for (let i = 0; i < 5; i++) {
        const held = (await call(url, 'GET', '/api/v1/agent/conversations', agent(i))).body.conversations;
        for (const c of held) {
          await call(url, 'POST', `/api/v1/agent/conversations/${c.id}/messages`, agent(i), { text: 'hi' });
          await call(url, 'POST', `/api/v1/agent/conversations/${c.id}/close`, agent(i));
          await call(url, 'POST', `/api/v1/agent/conversations/${c.id}/end-wrap-up`, agent(i));
          done++;
        }
      }
    }
    const serveMs = performance.now() - t1;
    expect(done).toBe(200);
    const file = decodeRecords(await (await fetch(url + '/api/v1/export', { headers: { authorization: `Bearer ${ADMIN}` } })).text(), 'x');
    expect(file.records.every((r) => r.agents.length === 1 && r.outcome === 'served')).toBe(true);
    expect(checkInvariants(file.records, file.samples, file.header.context.agents.map((a) => a.cap), 200)).toEqual([]);
    expect(await s.violations()).toBe(0);
    console.log(`200 simultaneous starts on loopback: ${ms.toFixed(0)} ms (${(200 / (ms / 1000)).toFixed(0)} starts/s); 200 chats served through 800 HTTP calls: ${serveMs.toFixed(0)} ms (${(200 / (serveMs / 1000)).toFixed(0)} assignments/s)`);
  });
});
