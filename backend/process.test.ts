// The served process as a user runs it (the built CLI, `node dist/cli/main.js serve`): kill -9 in
// the middle of conversations and a restart on the same database lose nothing acknowledged and keep
// the queue order; SIGTERM exits 0. Needs `npm run build` (npm test runs it first).
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from './test-helpers/client.js';
import { simpleScenarioYaml } from './test-helpers/scenario.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const ADMIN = 'process-test-admin-token-42';

interface Child { proc: ChildProcess; url: string; out: () => string; exited: Promise<number | null> }

async function serve(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const proc = spawn(process.execPath, [CLI, 'serve', ...args], { env: { ...process.env, CHATSIM_ADMIN_TOKEN: ADMIN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) return { proc, url: m[1], out: () => out, exited };
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let children: ChildProcess[] = [];
let dirs: string[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  children = [];
  dirs = [];
});

describe.skipIf(!existsSync(CLI))('chatsim serve as a process', () => {
  it('after kill -9 and a restart on the same database, every acknowledged message is there and the queue keeps its order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatsim-kill-'));
    dirs.push(dir);
    const yaml = join(dir, 'roster.yaml');
    writeFileSync(yaml, simpleScenarioYaml({ count: 1, cap: 1 }));
    const db = join(dir, 'live.db');
    const first = await serve(['--scenario', yaml, '--db', db]);
    children.push(first.proc);
    const tokensFile = `${db}.tokens.json`;
    expect((statSync(tokensFile).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(db).mode & 0o777).toString(8)).toBe('600');
    const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as { admin?: string; agents: Record<string, string> };
    expect(tokens.admin).toBeUndefined(); // from CHATSIM_ADMIN_TOKEN: never written
    const agent = tokens.agents['team-1'];
    await call(first.url, 'PUT', '/api/v1/agent/status', agent, { status: 'online' });
    const a = (await call(first.url, 'POST', '/api/v1/visitor/conversations', undefined, { message: 'first' })).body;
    const queued: number[] = [];
    for (let i = 0; i < 4; i++) queued.push((await call(first.url, 'POST', '/api/v1/visitor/conversations', undefined, { message: `q${i}` })).body.conversationId);
    const acked: string[] = ['first'];
    for (let i = 0; i < 20; i++) {
      const text = i % 2 === 0 ? `visitor ${i}` : `agent ${i}`;
      const r = i % 2 === 0
        ? await call(first.url, 'POST', `/api/v1/visitor/conversations/${a.conversationId}/messages`, a.visitorToken, { text })
        : await call(first.url, 'POST', `/api/v1/agent/conversations/${a.conversationId}/messages`, agent, { text });
      if (r.status === 201) acked.push(text);
    }
    // a burst still in flight when the process dies: whatever was acknowledged must survive
    const burst = Array.from({ length: 30 }, (_, i) => call(first.url, 'POST', `/api/v1/visitor/conversations/${a.conversationId}/messages`, a.visitorToken, { text: `burst ${i}` })
      .then((r) => { if (r.status === 201) acked.push(`burst ${i}`); }, () => undefined));
    await new Promise((r) => setTimeout(r, 5));
    first.proc.kill('SIGKILL');
    await Promise.all(burst);
    expect(await first.exited).toBeNull();

    const second = await serve(['--db', db]);
    children.push(second.proc);
    const texts = (await call(second.url, 'GET', `/api/v1/visitor/conversations/${a.conversationId}`, a.visitorToken)).body.messages.map((m: { text: string }) => m.text);
    for (const t of acked) expect(texts).toContain(t);
    const queue = (await call(second.url, 'GET', '/api/v1/admin/queue', ADMIN)).body.groups[0].queue.map((c: { id: number }) => c.id);
    expect(queue).toEqual(queued);
    const held = (await call(second.url, 'GET', '/api/v1/agent/conversations', agent)).body.conversations;
    expect(held.map((c: { id: number }) => c.id)).toEqual([a.conversationId]);
    // and it goes on: the next queued chat follows when the slot frees
    await call(second.url, 'POST', `/api/v1/agent/conversations/${a.conversationId}/close`, agent);
    await call(second.url, 'POST', `/api/v1/agent/conversations/${a.conversationId}/end-wrap-up`, agent);
    expect((await call(second.url, 'GET', '/api/v1/agent/conversations', agent)).body.conversations.map((c: { id: number }) => c.id)).toEqual([queued[0]]);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('SIGTERM stops accepting, finishes in-flight requests, closes the database and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatsim-term-'));
    dirs.push(dir);
    const yaml = join(dir, 'roster.yaml');
    writeFileSync(yaml, simpleScenarioYaml({ count: 1, cap: 1 }));
    const child = await serve(['--scenario', yaml, '--db', join(dir, 'live.db'), '--check-invariants'], { CHATSIM_ADMIN_TOKEN: '' });
    children.push(child.proc);
    const tokens = JSON.parse(readFileSync(join(dir, 'live.db.tokens.json'), 'utf8')) as { admin?: string };
    expect(tokens.admin).toMatch(/^[A-Za-z0-9_-]{43}$/); // generated, never a default
    const inflight = Array.from({ length: 10 }, (_, i) => call(child.url, 'POST', '/api/v1/visitor/conversations', undefined, { message: `m${i}` }).then((r) => r.status, () => -1));
    child.proc.kill('SIGTERM');
    const statuses = await Promise.all(inflight);
    expect(await child.exited).toBe(0);
    expect(child.out()).toContain('chatsim serve: stopped');
    // each request either completed or was refused/reset cleanly; none half-done
    for (const s of statuses) expect([201, 503, -1]).toContain(s);
    // the database closed cleanly: no -wal left behind needing recovery
    expect(existsSync(join(dir, 'live.db-wal'))).toBe(false);
  });
});
