// The live pages over HTTP, without a browser: each is served with a strict CSP whose hashes match
// its inline script and style, names no outside URL, builds user text only through textContent,
// escapes the scenario's ids, and / still answers JSON to a client that does not ask for HTML.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startServer, type RunningServer } from '../server.js';
import { simpleScenario } from '../test-helpers/scenario.js';
import { contentSecurityPolicy, escapeHtml } from './html.js';
import { dashboardPage } from './dashboard.js';
import { visitorPage } from './visitor.js';
import { wantsHtml } from './routes.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const PAGES = ['/', '/visitor', '/agent'];
/** The one URL a page may spell out: the SVG namespace (a name, never fetched). */
const SVG_NS = 'http://www.w3.org/2000/svg';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ scenario: simpleScenario(), adminToken: 'pages-admin-token-0123456789' });
});
afterAll(async () => server?.close());

const get = (path: string, accept = BROWSER_ACCEPT) => fetch(server.url + path, { headers: { accept } });
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const between = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);

describe('the live pages', () => {
  for (const path of PAGES) {
    it(`${path} is HTML under a strict CSP that allows exactly its inline script and style`, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      const csp = res.headers.get('content-security-policy')!;
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      expect(directives['default-src']).toEqual(["'none'"]);
      expect(directives['connect-src']).toEqual(["'self'", `ws://${new URL(server.url).host}`, `wss://${new URL(server.url).host}`]);
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['base-uri']).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
      const scripts = between(html, 'script');
      const styles = between(html, 'style');
      expect(scripts).toHaveLength(1);
      expect(styles).toHaveLength(1);
      expect(directives['script-src']).toEqual([hash(scripts[0])]);
      expect(directives['style-src']).toEqual([hash(styles[0])]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      // the script parses (the browser test runs it)
      expect(() => new Function(scripts[0])).not.toThrow();
    });

    it(`${path} names no outside URL, loads nothing but the favicon, and never sets markup from data`, async () => {
      const html = await (await get(path)).text();
      const text = html.split(SVG_NS).join('');
      expect(text).not.toMatch(/\b(https?|wss?|ftp):\/\/[a-z0-9[]/i); // ws URLs are built from location.host
      expect(text).not.toMatch(/\b(data|blob|javascript):[a-z,]/i);
      expect(text).not.toMatch(/["'(=]\s*\/\/[a-z0-9]/i); // protocol-relative
      expect(html).not.toMatch(/\b(src|srcset)\s*=|@import|url\(|<iframe|<object|<embed/i);
      expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline handlers (the CSP would block them)
      expect(html).not.toMatch(/\sstyle\s*=/i); // no style attributes (the CSP would block them)
      expect([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]).every((h) => h.startsWith('/'))).toBe(true);
      expect(html).not.toContain('pages-admin-token'); // the admin token is asked for, never embedded
    });
  }

  it('serves the favicon from the server itself', async () => {
    const res = await get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('keeps the JSON index at / for clients that do not ask for HTML', async () => {
    for (const accept of ['application/json', '*/*', 'application/json, text/html']) {
      const res = await get('/', accept);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('vary')).toMatch(/accept/i);
      expect(((await res.json()) as { links: unknown }).links).toMatchObject({ openapi: '/api/v1/openapi.json', dashboard: '/', visitorPage: '/visitor', agentPage: '/agent' });
    }
    expect((await fetch(server.url + '/')).headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('decides HTML or JSON from Accept', () => {
    expect(wantsHtml(BROWSER_ACCEPT)).toBe(true);
    expect(wantsHtml('text/html')).toBe(true);
    expect(wantsHtml(undefined)).toBe(false);
    expect(wantsHtml('*/*')).toBe(false);
    expect(wantsHtml('application/json,text/html')).toBe(false);
    expect(wantsHtml('text/html;q=0.9, application/json')).toBe(false);
    expect(wantsHtml('application/json;q=0.5, text/html')).toBe(true);
  });

  it('names only a well-formed Host in connect-src (a forged Host header cannot add directives)', () => {
    expect(contentSecurityPolicy(dashboardPage, '127.0.0.1:8080')).toContain("connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080;");
    expect(contentSecurityPolicy(dashboardPage, '[::1]:9')).toContain("connect-src 'self' ws://[::1]:9 wss://[::1]:9;");
    for (const host of ["evil; script-src 'unsafe-inline'", 'a b', undefined]) expect(contentSecurityPolicy(dashboardPage, host)).toContain("connect-src 'self';");
  });

  it('escapes the scenario\'s ids in the visitor page', async () => {
    const html = await (await get('/visitor')).text();
    expect(html).toContain('<option value="sales">sales</option>');
    expect(html).not.toContain('id="class"'); // no priority classes in this scenario
    const odd = visitorPage(['a"><script>x()</script>'], ['vip', 'standard']).html;
    expect(odd).toContain('<option value="a&quot;&gt;&lt;script&gt;x()&lt;/script&gt;">');
    expect(odd.match(/<script>/g)).toHaveLength(1);
    expect(odd).toMatch(/<select id="class"><option value="">default<\/option><option value="vip">vip<\/option><option value="standard">standard<\/option><\/select>/);
    expect(escapeHtml('<b a="1">&\'</b>')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;&lt;/b&gt;');
  });
});
