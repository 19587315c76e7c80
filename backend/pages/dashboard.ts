// The live dashboard at GET /: asks for the admin token (kept in sessionStorage, never in the
// HTML), then polls the admin snapshot once a second and shows the queue of each skill group, each
// agent's chats held against their cap and state, and the first-response times so far (count,
// mean, p50, p90, a histogram of the recent ones drawn as inline SVG). Imports only html.ts.

import { renderPage, type Page } from './html.js';

/** How often the dashboard polls the snapshot, milliseconds. */
export const DASHBOARD_POLL_MS = 1000;
/** Bars of the first-response histogram. */
export const HISTOGRAM_BINS = 12;

const BODY = `
<form id="auth" class="row">
  <label for="token">Admin token</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="CHATSIM_ADMIN_TOKEN or the tokens file">
  <button id="save" type="submit">Watch</button>
  <button id="forget" type="button">Forget</button>
  <span id="clock" class="dim"></span>
</form>
<div class="cols">
  <section>
    <h2>Queues</h2>
    <table><thead><tr><th>Group</th><th class="num">Waiting</th><th class="num">Oldest wait</th></tr></thead><tbody id="groups"></tbody></table>
    <h2>First response</h2>
    <table><tbody>
      <tr><th>Count</th><td id="frt-count" class="num">–</td></tr>
      <tr><th>Mean</th><td id="frt-mean" class="num">–</td></tr>
      <tr><th>Median</th><td id="frt-p50" class="num">–</td></tr>
      <tr><th>p90</th><td id="frt-p90" class="num">–</td></tr>
    </tbody></table>
    <div id="hist" aria-label="first response times, most recent"></div>
  </section>
  <section>
    <h2>Agents</h2>
    <table><thead><tr><th>Agent</th><th>State</th><th class="num">Chats</th><th></th></tr></thead><tbody id="agents"></tbody></table>
  </section>
</div>
`;

const SCRIPT = `
const KEY = 'chatsim.adminToken';
const POLL_MS = ${DASHBOARD_POLL_MS};
const BINS = ${HISTOGRAM_BINS};
const SVG = 'http://www.w3.org/2000/svg';
let timer = null;

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function histogram(values) {
  const w = 300, h = 90, pad = 14;
  const box = svg('svg', { class: 'hist', width: w, height: h + pad, viewBox: '0 0 ' + w + ' ' + (h + pad), role: 'img' });
  if (values.length === 0) return box;
  const max = Math.max(...values, 1e-9);
  const counts = new Array(BINS).fill(0);
  for (const v of values) counts[Math.min(BINS - 1, Math.floor((v / max) * BINS))]++;
  const top = Math.max(...counts);
  const bw = w / BINS;
  counts.forEach((c, i) => {
    if (c === 0) return;
    const bh = Math.max(1, (c / top) * (h - 4));
    const r = svg('rect', { x: (i * bw + 1).toFixed(1), y: (h - bh).toFixed(1), width: (bw - 2).toFixed(1), height: bh.toFixed(1) });
    r.append(svg('title', {}, c + ' ≤ ' + fmtSec(((i + 1) / BINS) * max)));
    box.append(r);
  });
  box.append(svg('line', { x1: 0, y1: h, x2: w, y2: h }));
  box.append(svg('text', { x: 0, y: h + pad - 2 }, '0'));
  box.append(svg('text', { x: w, y: h + pad - 2, 'text-anchor': 'end' }, fmtSec(max)));
  return box;
}

function render(s) {
  $('clock').textContent = 'scenario time ' + fmtSec(s.now) + ' · updated ' + new Date().toLocaleTimeString();
  $('groups').replaceChildren(...s.groups.map((g) => el('tr', { 'data-group': g.id },
    el('td', { text: g.id }), el('td', { class: 'num', text: g.queued }), el('td', { class: 'num', text: g.queued > 0 ? fmtSec(g.oldestWaitSec) : '–' }))));
  $('agents').replaceChildren(...s.agents.map((a) => el('tr', { 'data-agent': a.id },
    el('td', { text: a.id }),
    el('td', { class: 'state', text: a.status + (a.status === 'online' && !a.online ? ' (away after misses)' : '') }),
    el('td', { class: 'num held', text: a.held + ' / ' + a.cap }),
    el('td', {}, el('meter', { min: 0, max: Math.max(1, a.cap), value: a.held, title: a.held + ' of ' + a.cap })))));
  const f = s.firstResponse;
  $('frt-count').textContent = String(f.count);
  $('frt-mean').textContent = fmtSec(f.meanSec);
  $('frt-p50').textContent = fmtSec(f.p50Sec);
  $('frt-p90').textContent = fmtSec(f.p90Sec);
  const hist = histogram(f.recentSec);
  $('hist').replaceChildren(hist, el('div', { class: 'dim', text: f.recentSec.length > 0 ? 'the last ' + f.recentSec.length + ' first responses' : 'no first response yet' }));
}

async function poll() {
  timer = null;
  const token = stored.get(KEY);
  if (!token) return;
  try {
    render(await api('GET', '/api/v1/admin/snapshot', token));
    setError('');
  } catch (e) {
    setError(e.status === 401 || e.status === 403 ? 'The server refused this admin token.' : 'Snapshot failed: ' + e.message);
    if (e.status === 401 || e.status === 403) return;
  }
  timer = setTimeout(poll, POLL_MS);
}

function restart() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  poll();
}

$('auth').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = $('token').value.trim();
  if (!t) return setError('Paste the admin token first.');
  stored.set(KEY, t);
  $('token').value = '';
  restart();
});
$('forget').addEventListener('click', () => {
  stored.drop(KEY);
  if (timer !== null) clearTimeout(timer);
  timer = null;
  $('clock').textContent = '';
  setError('');
});
if (stored.get(KEY)) restart();
`;

/** The dashboard page (built once; it holds nothing per request). */
export const dashboardPage: Page = renderPage('Live dashboard', BODY, SCRIPT);
