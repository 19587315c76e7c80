// The live pages in a real browser: Debian's chromium, headless through playwright-core
// (scripts/launch-chromium.ts), against a real server on a loopback ephemeral port. An agent
// logs in and goes online; a visitor starts a chat in a second window; the message (markup in it
// shown as text) reaches the console, the reply comes back (also after a reload), the dashboard
// shows the agent holding one chat of their cap and a first response; close and wrap-up free the
// slot; a chat queued while the agent is away shows its position and is assigned when they
// return. No console error, no page error (a CSP violation would be one), no request to any other
// host. Screenshots go to test-output/ (git-ignored).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useChromium } from '../../scripts/launch-chromium.js';
import { startServer, type RunningServer } from '../server.js';
import { simpleScenario } from '../test-helpers/scenario.js';
import { DASHBOARD_POLL_MS } from './dashboard.js';

const ADMIN = 'browser-admin-token-0123456789';
/** Longest wait for one thing to show on a page, milliseconds. */
const SHOW_MS = 5000;

const chrome = useChromium('pages');
const outDir = chrome.outDir;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ scenario: simpleScenario({ count: 1, cap: 2 }), adminToken: ADMIN, checkInvariants: true });
});
afterAll(async () => {
  await server?.close();
});

/**
 * Opens pages on the server, each in its own browser context (its own window: no page is a
 * background tab with throttled frames), recording problems and refusing (and recording) any
 * request off the server.
 */
function watchedPages(origin: string) {
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const offsite: string[] = [];
  const sockets: string[] = [];
  const wsOrigin = origin.replace(/^http/, 'ws');
  const open = async (name: string, path: string): Promise<Page> => {
    const context = await chrome.browser().newContext({ viewport: { width: 1100, height: 800 } });
    contexts.push(context);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === origin || url.startsWith(origin + '/')) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${name} console ${msg.type()}: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`${name} page error: ${err.message}`));
    page.on('websocket', (ws) => { sockets.push(ws.url()); if (!ws.url().startsWith(wsOrigin + '/')) offsite.push(ws.url()); });
    page.on('requestfailed', (r) => { if (!offsite.includes(r.url())) problems.push(`${name} request failed: ${r.url()} ${r.failure()?.errorText}`); });
    await page.goto(origin + path, { waitUntil: 'load' });
    return page;
  };
  const close = () => Promise.all(contexts.map((c) => c.close()));
  return { open, close, problems, offsite, sockets };
}

describe('the live pages in Chromium', () => {
  it('a visitor message reaches the agent console, the reply comes back, the dashboard counts it', async () => {
    const agentToken = server.tokens.agents['team-1'];
    const { open, close, problems, offsite, sockets } = watchedPages(server.url);

    // the agent logs in and goes online
    const agent = await open('agent', '/agent');
    await agent.fill('#token', agentToken);
    await agent.click('#login-btn');
    await agent.locator('#me').filter({ hasText: 'team-1' }).waitFor({ timeout: SHOW_MS });
    await agent.locator('#me-status').filter({ hasText: /^offline$/ }).waitFor({ timeout: SHOW_MS });
    await agent.click('button[data-status=online]');
    await agent.locator('#me-status').filter({ hasText: /^online$/ }).waitFor({ timeout: SHOW_MS });
    expect(await agent.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('chatsim.agentToken'))).toBe(agentToken);

    // a visitor starts a chat; markup in it must arrive as text
    const first = 'Hello <b>bold?</b> & <img src="/x.png"> where is my order?';
    const visitor = await open('visitor', '/visitor');
    await visitor.selectOption('#group', 'sales');
    await visitor.fill('#first', first);
    await visitor.click('#start-btn');
    await visitor.locator('#status').filter({ hasText: 'Talking with team-1' }).waitFor({ timeout: SHOW_MS });

    // it reaches the agent console
    const agentLog = agent.locator('#log li[data-author=visitor] .text');
    await agentLog.filter({ hasText: 'where is my order?' }).waitFor({ timeout: SHOW_MS });
    expect(await agentLog.first().textContent()).toBe(first);
    expect(await agent.locator('#log b, #log img').count()).toBe(0);
    await agent.locator('#chats button').filter({ hasText: 'awaiting first reply' }).waitFor({ timeout: SHOW_MS });

    // the agent replies; the reply comes back to the visitor
    await agent.fill('#reply', 'It ships today.');
    await agent.click('#send');
    await visitor.locator('#log li[data-author=agent] .text').filter({ hasText: 'It ships today.' }).waitFor({ timeout: SHOW_MS });
    expect(await visitor.locator('#log li[data-author=agent] .who').first().textContent()).toBe('team-1');
    // a reload continues the chat (token and conversation in sessionStorage), socket included
    await visitor.reload({ waitUntil: 'load' });
    await visitor.locator('#log li[data-author=agent] .text').filter({ hasText: 'It ships today.' }).waitFor({ timeout: SHOW_MS });
    await visitor.locator('#status').filter({ hasText: 'Talking with team-1' }).waitFor({ timeout: SHOW_MS });
    // and the visitor's next message reaches the agent over the socket
    await visitor.fill('#send-text', 'Thanks!');
    await visitor.click('#send');
    await agent.locator('#log li[data-author=visitor] .text').filter({ hasText: 'Thanks!' }).waitFor({ timeout: SHOW_MS });

    // the dashboard, with the admin token, shows 1 chat of 2 held and a first response counted
    const dash = await open('dashboard', '/');
    expect(await dash.title()).toContain('Live dashboard');
    await dash.fill('#token', ADMIN);
    await dash.click('#save');
    await dash.locator('tr[data-agent=team-1] td.held').filter({ hasText: /^1 \/ 2$/ }).waitFor({ timeout: SHOW_MS });
    await dash.locator('#frt-count').filter({ hasText: /^1$/ }).waitFor({ timeout: SHOW_MS });
    expect(await dash.locator('tr[data-agent=team-1] td.state').textContent()).toBe('online');
    expect(await dash.locator('tr[data-group=sales] td').nth(1).textContent()).toBe('0');
    expect(await dash.locator('#hist svg rect').count()).toBeGreaterThan(0);
    expect(await dash.content()).not.toContain(ADMIN);
    await dash.screenshot({ path: `${outDir}/dashboard.png`, fullPage: true });
    await agent.screenshot({ path: `${outDir}/agent.png`, fullPage: true });
    await visitor.screenshot({ path: `${outDir}/visitor.png`, fullPage: true });

    // mark, close and end the wrap-up: the visitor sees the close, the dashboard the slot free again
    await agent.click('#nrn');
    await agent.locator('#chat-title').filter({ hasText: 'no reply needed' }).waitFor({ timeout: SHOW_MS });
    await agent.click('#close');
    await visitor.locator('#status').filter({ hasText: 'Chat closed' }).waitFor({ timeout: SHOW_MS });
    await agent.locator('#chat-title').filter({ hasText: 'wrap-up' }).waitFor({ timeout: SHOW_MS });
    await dash.locator('tr[data-agent=team-1] td.held').filter({ hasText: /^1 \/ 2$/ }).waitFor({ timeout: SHOW_MS }); // wrap-up holds the slot
    await agent.click('#wrap');
    await agent.locator('#chat-title').filter({ hasText: 'ended (served)' }).waitFor({ timeout: SHOW_MS });
    await dash.locator('tr[data-agent=team-1] td.held').filter({ hasText: /^0 \/ 2$/ }).waitFor({ timeout: SHOW_MS });
    expect(await visitor.locator('#again').isVisible()).toBe(true);

    // a second chat while the agent is away: it queues (position on the page, waiting on the
    // dashboard) until they come back; then the visitor leaves before any reply
    await agent.click('button[data-status=away]');
    await agent.locator('#me-status').filter({ hasText: /^away$/ }).waitFor({ timeout: SHOW_MS });
    await visitor.click('#again');
    await visitor.fill('#first', 'one more thing');
    await visitor.click('#start-btn');
    await visitor.locator('#status').filter({ hasText: 'number 1 in the queue' }).waitFor({ timeout: SHOW_MS });
    await dash.locator('tr[data-group=sales] td').nth(1).filter({ hasText: /^1$/ }).waitFor({ timeout: SHOW_MS });
    await agent.click('button[data-status=online]');
    await visitor.locator('#status').filter({ hasText: 'Talking with team-1' }).waitFor({ timeout: SHOW_MS });
    await agent.locator('#chat-title').filter({ hasText: 'awaiting first reply' }).waitFor({ timeout: SHOW_MS }); // the console moves on to it
    await agent.locator('#log li[data-author=visitor] .text').filter({ hasText: 'one more thing' }).waitFor({ timeout: SHOW_MS });
    await visitor.click('#leave');
    await visitor.locator('#status').filter({ hasText: 'Chat closed' }).waitFor({ timeout: SHOW_MS });
    await agent.locator('#no-chats').waitFor({ state: 'visible', timeout: SHOW_MS });

    expect(problems).toEqual([]);
    expect(offsite).toEqual([]);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    expect(await server.violations()).toBe(0);

    // the policy is in force: an injected inline script is refused (so the pages run under it)
    const refused = await visitor.evaluate(() => new Promise<string>((resolve) => {
      const g = globalThis as unknown as { document: { addEventListener(t: string, f: (e: { violatedDirective: string }) => void): void; createElement(t: string): { textContent: string }; body: { append(x: unknown): void } } };
      g.document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective));
      const s = g.document.createElement('script');
      s.textContent = 'globalThis.__injected = 1';
      g.document.body.append(s);
    }));
    expect(refused).toMatch(/^script-src/);
    expect(await visitor.evaluate(() => (globalThis as { __injected?: number }).__injected)).toBeUndefined();
    await close();
  }, 60_000);

  it('the dashboard says so when the admin token is refused, stops polling, and never writes the token into the page', async () => {
    const { open, close, problems, offsite } = watchedPages(server.url);
    const dash = await open('dashboard', '/');
    let snapshots = 0;
    dash.on('request', (r) => { if (r.url().endsWith('/api/v1/admin/snapshot')) snapshots++; });
    await dash.fill('#token', 'not-the-admin-token-at-all');
    await dash.click('#save');
    await dash.locator('#error').filter({ hasText: 'refused this admin token' }).waitFor({ timeout: SHOW_MS });
    await dash.waitForTimeout(DASHBOARD_POLL_MS * 2.5);
    expect(snapshots).toBe(1);
    expect(await dash.content()).not.toContain('not-the-admin-token-at-all');
    // the browser reports the refused request itself; nothing else may go wrong
    expect(problems.filter((p) => /status of 403/.test(p))).toHaveLength(1);
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    expect(offsite).toEqual([]);
    await close();
  }, 30_000);
});
