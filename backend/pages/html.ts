// The frame of the three live pages (dashboard, visitor, agent console): one self-contained HTML
// document each, its CSS and script inline and allowed by hash in a strict Content-Security-Policy
// (nothing else may load, no inline event handlers, no outside hosts), the shared stylesheet, the
// small client library every page script starts with, and server-side HTML escaping. Pure strings;
// imports only node:crypto.

import { createHash } from 'node:crypto';

/** A page ready to send: the document and the hashes its CSP must allow. */
export interface Page {
  html: string;
  /** `'sha256-…'` of the inline script. */
  scriptHash: string;
  /** `'sha256-…'` of the inline stylesheet. */
  styleHash: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What a Host header may look like to be named in `connect-src` (host name or IPv4/IPv6 literal, optional port). */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The Content-Security-Policy of a page: nothing by default; only its own inline script and style
 * (by hash), images from this server (the favicon), fetch and WebSocket to this server only.
 * `'self'` already covers same-host ws: in CSP 3 browsers; the explicit ws/wss origin is for the others.
 */
export function contentSecurityPolicy(page: Page, host: string | undefined): string {
  const sockets = host !== undefined && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    `script-src ${page.scriptHash}`,
    `style-src ${page.styleHash}`,
    "img-src 'self'",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Milliseconds before a page reopens a dropped socket. */
export const RECONNECT_MS = 2000;

/** The stylesheet shared by the pages: system fonts only (nothing is fetched). */
export const PAGE_CSS = `
:root { color-scheme: light dark; --line: #8884; --dim: #888; --accent: #2f6fdf; --bad: #c0392b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 12px 18px 40px; }
header { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: baseline; border-bottom: 1px solid var(--line); margin-bottom: 12px; }
header h1 { font-size: 18px; margin: 6px 0; }
header nav a { margin-right: 10px; }
h2 { font-size: 15px; margin: 16px 0 6px; }
table { border-collapse: collapse; min-width: 320px; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.dim { color: var(--dim); }
.error { color: var(--bad); min-height: 1.4em; }
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; }
input, select, textarea, button { font: inherit; }
input[type=password], input[type=text], textarea { padding: 4px 6px; min-width: 260px; }
button { padding: 3px 10px; cursor: pointer; }
button[aria-pressed=true] { outline: 2px solid var(--accent); }
.cols { display: flex; gap: 18px; align-items: flex-start; flex-wrap: wrap; }
.cols > * { flex: 1 1 300px; }
ol.log { list-style: none; padding: 0; margin: 6px 0; max-height: 50vh; overflow-y: auto; border: 1px solid var(--line); min-height: 80px; }
ol.log li { padding: 4px 8px; border-bottom: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; }
ol.log li .who { font-weight: 600; margin-right: 6px; }
ol.log li.system { color: var(--dim); font-style: italic; }
ul.chats { list-style: none; padding: 0; margin: 0; }
ul.chats li button { width: 100%; text-align: left; margin: 2px 0; }
ul.chats li button.unread { font-weight: 700; }
meter { width: 90px; }
svg.hist rect { fill: var(--accent); }
svg.hist line { stroke: var(--dim); }
svg.hist text { fill: var(--dim); font-size: 10px; }
`;

/**
 * The client library each page script starts with (plain ES2020 in the browser): `$` by id,
 * `el` (builds elements; text goes in through textContent only), `api` (JSON over fetch with a
 * bearer token; an error body becomes an `ApiError`), `openSocket` (WebSocket with the hello
 * frame) and `liveSocket` (one that reopens), `showLog` (a transcript), `fmtSec`, `setError`, and
 * sessionStorage helpers that survive a storage refusal.
 */
export const CLIENT_LIB = `
const RECONNECT_MS = ${RECONNECT_MS};
const $ = (id) => document.getElementById(id);
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}
async function api(method, path, token, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const err = data && data.error ? data.error : { code: 'http_' + res.status, message: res.statusText || 'request failed' };
    throw new ApiError(res.status, err.code, err.message);
  }
  return data;
}
function openSocket(path, token, onFrame, onClose) {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path);
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
  ws.addEventListener('message', (ev) => {
    let frame;
    try { frame = JSON.parse(ev.data); } catch (e) { return; }
    onFrame(frame);
  });
  ws.addEventListener('close', (ev) => onClose(ev.code, ev.reason));
  return ws;
}
/** Keeps a socket to \`path\` open for the current \`token()\`: reopened after a drop, until closed, the token gone or refused (1008). */
function liveSocket(path, token, onFrame, onRefused) {
  let ws = null;
  let stopped = false;
  const open = () => {
    const t = token();
    if (stopped || t === null) return;
    ws = openSocket(path, t, onFrame, (code) => {
      ws = null;
      if (stopped) return;
      if (code === 1008) return onRefused();
      setTimeout(open, RECONNECT_MS);
    });
  };
  open();
  return { close() { stopped = true; if (ws !== null) ws.close(); } };
}
/** Shows \`messages\` (a Map by message id) in #log, oldest first; \`whoOf(m)\` names the author. */
function showLog(messages, whoOf) {
  const log = $('log');
  log.replaceChildren(...[...messages.values()].sort((a, b) => a.id - b.id).map((m) =>
    el('li', { class: m.author, 'data-author': m.author }, el('span', { class: 'who', text: whoOf(m) }), el('span', { class: 'text', text: m.text }))));
  log.scrollTop = log.scrollHeight;
}
function fmtSec(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Math.abs(x) < 60) return x.toFixed(1) + ' s';
  if (Math.abs(x) < 3600) return (x / 60).toFixed(1) + ' min';
  return (x / 3600).toFixed(2) + ' h';
}
function setError(text) { $('error').textContent = text || ''; }
const stored = {
  get(k) { try { return sessionStorage.getItem(k); } catch (e) { return null; } },
  set(k, v) { try { sessionStorage.setItem(k, v); } catch (e) { /* private mode */ } },
  drop(k) { try { sessionStorage.removeItem(k); } catch (e) { /* private mode */ } },
};
`;

/** Builds a page: `body` is trusted markup (escape anything from outside with {@link escapeHtml}); `script` runs after the client library. */
export function renderPage(title: string, body: string, script: string): Page {
  const js = `'use strict';\n(() => {\n${CLIENT_LIB}\n${script}\n})();\n`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · chatsim serve</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><nav><a href="/">Dashboard</a><a href="/visitor">Visitor</a><a href="/agent">Agent</a><a href="/api/v1/openapi.json">API</a></nav></header>
${body}
<p id="error" class="error" role="alert"></p>
<script>${js}</script>
</body>
</html>
`;
  return { html, scriptHash: sha256(js), styleHash: sha256(PAGE_CSS) };
}

/** The favicon (served by this server so the browser asks nowhere else). */
export const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="2" width="14" height="10" rx="3" fill="#2f6fdf"/><path d="M4 12v3l4-3z" fill="#2f6fdf"/></svg>\n';
