// The visitor page at GET /visitor: pick a skill group (and a priority class when the scenario
// has them), write a first message, then follow the conversation over the visitor WebSocket —
// queue position, assignment, agent messages, closing — send messages and leave. The visitor
// token and conversation id are kept in sessionStorage, so a reload continues the chat and "New
// chat" returns as the same visitor (sticky routing). Imports only html.ts.

import { escapeHtml, renderPage, type Page } from './html.js';

const options = (ids: readonly string[]) => ids.map((id) => `<option value="${escapeHtml(id)}">${escapeHtml(id)}</option>`).join('');

const body = (groups: readonly string[], classes: readonly string[]) => `
<section id="start">
  <form id="start-form">
    <div class="row"><label for="group">Skill group</label><select id="group">${options(groups)}</select>
    ${classes.length > 0 ? `<label for="class">Priority</label><select id="class"><option value="">default</option>${options(classes)}</select>` : ''}</div>
    <div class="row"><textarea id="first" rows="3" maxlength="4000" placeholder="How can we help?"></textarea></div>
    <div class="row"><button id="start-btn" type="submit">Start chat</button></div>
  </form>
</section>
<section id="chat" hidden>
  <p id="status" aria-live="polite"></p>
  <ol id="log" class="log" aria-live="polite"></ol>
  <form id="send-form" class="row">
    <input id="send-text" type="text" maxlength="4000" autocomplete="off" placeholder="Message" aria-label="Message">
    <button id="send" type="submit">Send</button>
    <button id="leave" type="button">Leave</button>
    <button id="again" type="button" hidden>New chat</button>
  </form>
</section>
`;

const SCRIPT = `
const KEY = 'chatsim.visitor';
let session = null;
let conv = null;
const messages = new Map();
let socket = null;
let socketToken = null;

function load() {
  try { const s = JSON.parse(stored.get(KEY) || 'null'); return s && typeof s.token === 'string' && Number.isInteger(s.conversationId) ? s : null; } catch (e) { return null; }
}
function fail(e) { setError(e.message || String(e)); }

function renderLog() {
  showLog(messages, (m) => m.author === 'visitor' ? 'You' : m.author === 'agent' ? (m.agent || 'Agent') : 'Note');
}
function addMessage(m) {
  messages.set(m.id, m);
  renderLog();
}

function showState() {
  const open = conv !== null && (conv.state === 'queued' || conv.state === 'reserved' || conv.state === 'assigned');
  let text = '';
  if (conv === null) text = '';
  else if (conv.state === 'queued' || conv.state === 'reserved') {
    text = 'Waiting' + (conv.queuePosition > 0 ? ': number ' + conv.queuePosition + ' in the queue' : ' in the queue') + (conv.state === 'reserved' ? ' (for your previous agent)' : '');
  } else if (conv.state === 'assigned') text = 'Talking with ' + conv.agent;
  else text = 'Chat closed';
  $('status').textContent = text;
  $('status').dataset.state = conv === null ? '' : conv.state;
  $('send-text').disabled = !open;
  $('send').disabled = !open;
  $('leave').disabled = !open;
  $('again').hidden = open;
}

async function refresh() {
  if (session === null) return;
  const id = session.conversationId;
  const r = await api('GET', '/api/v1/visitor/conversations/' + id, session.token);
  if (session === null || session.conversationId !== id) return;
  conv = r.conversation;
  for (const m of r.messages) messages.set(m.id, m);
  renderLog();
  showState();
}

function onFrame(f) {
  if (f.type === 'error') return setError(f.error.message);
  if (session === null) return;
  if (f.type === 'welcome') return void refresh().catch(fail);
  if (f.conversationId !== session.conversationId || conv === null) return;
  switch (f.type) {
    case 'queue': conv.queuePosition = f.position; showState(); break;
    case 'assigned': conv.state = 'assigned'; conv.agent = f.agent; conv.queuePosition = 0; showState(); break;
    case 'transferred': conv.agent = f.to; showState(); break;
    case 'message': addMessage({ id: f.messageId, author: f.author, agent: f.agent || null, text: f.text, at: f.at }); break;
    case 'closed': case 'released': refresh().catch(fail); break;
  }
}

function connect() {
  if (socket !== null && socketToken === session.token) return;
  if (socket !== null) socket.close();
  socketToken = session.token;
  socket = liveSocket('/api/v1/visitor/ws', () => (session === null ? null : session.token), onFrame, () => setError('The server refused this visitor session.'));
}

function showChat(yes) {
  $('start').hidden = yes;
  $('chat').hidden = !yes;
}

async function start(text) {
  const body = { message: text, group: $('group').value };
  const cls = $('class');
  if (cls && cls.value) body.priorityClass = cls.value;
  let r;
  try {
    r = await api('POST', '/api/v1/visitor/conversations', session ? session.token : undefined, body);
  } catch (e) {
    if (e.status !== 401 || !session) throw e;
    session = null; // a token this server does not know (a new database): start as a new visitor
    r = await api('POST', '/api/v1/visitor/conversations', undefined, body);
  }
  session = { token: r.visitorToken, conversationId: r.conversationId };
  stored.set(KEY, JSON.stringify(session));
  conv = r.conversation;
  messages.clear();
  renderLog();
  showState();
  showChat(true);
  connect();
  await refresh();
}

$('start-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('first').value.trim();
  if (!text) return setError('Write a first message.');
  setError('');
  $('start-btn').disabled = true;
  start(text).then(() => { $('first').value = ''; $('send-text').focus(); }, fail).finally(() => { $('start-btn').disabled = false; });
});

$('send-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('send-text').value.trim();
  if (!text || session === null) return;
  setError('');
  api('POST', '/api/v1/visitor/conversations/' + session.conversationId + '/messages', session.token, { text }).then((r) => {
    $('send-text').value = '';
    addMessage({ id: r.messageId, author: 'visitor', agent: null, text, at: r.at });
  }, fail);
});

$('leave').addEventListener('click', () => {
  if (session === null) return;
  setError('');
  api('POST', '/api/v1/visitor/conversations/' + session.conversationId + '/leave', session.token).then((r) => { conv = r.conversation; showState(); }, fail);
});

$('again').addEventListener('click', () => {
  conv = null;
  messages.clear();
  renderLog();
  showChat(false);
  $('first').focus();
});

session = load();
if (session !== null) {
  showChat(true);
  refresh().then(connect, (e) => {
    if (e.status === 401 || e.status === 404) { session = null; stored.drop(KEY); showChat(false); } else fail(e);
  });
}
`;

/** The visitor page for a scenario's skill groups and priority classes (ids are escaped). */
export function visitorPage(groups: readonly string[], classes: readonly string[]): Page {
  return renderPage('Visitor', body(groups, classes), SCRIPT);
}
