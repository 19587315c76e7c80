// The agent console at GET /agent: paste the agent's token (kept in sessionStorage), go online,
// away or offline, see the chats held (assignments arrive over the agent WebSocket), read and
// answer one, close it, end its wrap-up, mark it "no reply needed". Imports only html.ts.

import { renderPage, type Page } from './html.js';

const BODY = `
<section id="login">
  <form id="login-form" class="row">
    <label for="token">Agent token</label>
    <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="from the tokens file">
    <button id="login-btn" type="submit">Log in</button>
  </form>
</section>
<section id="console" hidden>
  <div class="row">
    <strong id="me"></strong>
    <span>State: <span id="me-status"></span></span>
    <span>Chats: <span id="me-held"></span></span>
    <button type="button" class="status" data-status="online">Online</button>
    <button type="button" class="status" data-status="away">Away</button>
    <button type="button" class="status" data-status="offline">Offline</button>
    <button id="logout" type="button">Log out</button>
  </div>
  <div class="cols">
    <aside>
      <h2>Chats</h2>
      <p id="no-chats" class="dim">No chats. Go online to take some.</p>
      <ul id="chats" class="chats"></ul>
    </aside>
    <section id="chat" hidden>
      <h2 id="chat-title"></h2>
      <ol id="log" class="log" aria-live="polite"></ol>
      <form id="reply-form" class="row">
        <input id="reply" type="text" maxlength="4000" autocomplete="off" placeholder="Reply" aria-label="Reply">
        <button id="send" type="submit">Send</button>
      </form>
      <div class="row">
        <button id="close" type="button">Close</button>
        <button id="wrap" type="button">End wrap-up</button>
        <button id="nrn" type="button">No reply needed</button>
      </div>
    </section>
  </div>
</section>
`;

const SCRIPT = `
const KEY = 'chatsim.agentToken';
let token = null;
let me = null;
let chats = [];
let selected = null;
let current = null;
const transcript = new Map();
const unread = new Set();
let socket = null;

function fail(e) { setError(e.message || String(e)); }

function stateLabel(c) {
  if (c.state === 'wrapUp') return 'wrap-up';
  if (c.state === 'ended') return 'ended' + (c.outcome ? ' (' + c.outcome + ')' : '');
  if (c.state !== 'assigned') return c.state;
  return (c.firstReplyAt === null ? 'awaiting first reply' : 'open') + (c.noReplyNeeded ? ', no reply needed' : '');
}

function showMe() {
  $('me').textContent = me.id;
  $('me-status').textContent = me.status + (me.status === 'online' && !me.online ? ' (set away after missed chats)' : '');
  $('me-held').textContent = me.held + ' / ' + me.cap;
  for (const b of document.querySelectorAll('button.status')) b.setAttribute('aria-pressed', String(b.dataset.status === me.status));
}

function showChats() {
  $('chats').replaceChildren(...chats.map((c) => el('li', {},
    el('button', { type: 'button', 'data-id': c.id, class: unread.has(c.id) ? 'unread' : '', 'aria-current': c.id === selected ? 'true' : null,
      onclick: () => select(c.id).catch(fail), text: '#' + c.id + ' · ' + c.group + ' · ' + stateLabel(c) }))));
  $('no-chats').hidden = chats.length > 0;
}

function showConversation() {
  $('chat').hidden = current === null;
  if (current === null) return;
  const c = current;
  $('chat-title').textContent = 'Chat #' + c.id + ' · ' + c.group + (c.priorityClass ? ' · ' + c.priorityClass : '') + ' · ' + stateLabel(c);
  showLog(transcript, (m) => m.author === 'visitor' ? 'Visitor' : m.author === 'agent' ? (m.agent === me.id ? 'You' : m.agent) : 'Note');
  const mine = c.agent === me.id;
  const talking = mine && c.state === 'assigned';
  $('reply').disabled = !talking;
  $('send').disabled = !talking;
  $('close').disabled = !talking;
  $('wrap').disabled = !(mine && c.state === 'wrapUp');
  $('nrn').disabled = !(mine && (c.state === 'assigned' || c.state === 'wrapUp')) || c.noReplyNeeded;
}

async function select(id) {
  selected = id;
  unread.delete(id);
  showChats();
  const r = await api('GET', '/api/v1/agent/conversations/' + id, token);
  if (selected !== id) return;
  transcript.clear();
  for (const m of r.messages) transcript.set(m.id, m);
  current = r.conversation;
  showConversation();
}

async function refreshChats() {
  const r = await api('GET', '/api/v1/agent/conversations', token);
  chats = r.conversations;
  if (current !== null) {
    const c = chats.find((x) => x.id === current.id);
    if (c) { current = c; showConversation(); }
  }
  // nothing open, or the open chat is no longer this agent's to answer: show the next one held
  const done = current === null || current.state === 'ended' || current.agent !== me.id;
  if (done && chats.length > 0 && !chats.some((x) => x.id === selected)) await select(chats[0].id);
  showChats();
}

function onFrame(f) {
  switch (f.type) {
    case 'error': return setError(f.error.message);
    case 'welcome': return void refreshChats().catch(fail);
    case 'state': me = Object.assign({}, me, { status: f.status, online: f.online, held: f.held, cap: f.cap }); return showMe();
    case 'assigned':
      if (f.conversationId !== selected) unread.add(f.conversationId);
      return void refreshChats().catch(fail);
    case 'message':
      if (f.conversationId === selected) {
        transcript.set(f.messageId, { id: f.messageId, author: f.author, agent: f.agent || null, text: f.text, at: f.at });
        showConversation();
      } else { unread.add(f.conversationId); showChats(); }
      return;
    case 'closed': case 'transferred': case 'released':
      refreshChats().catch(fail);
      if (f.conversationId === selected) select(selected).catch(fail);
  }
}

async function login(t) {
  const r = await api('POST', '/api/v1/agent/login', t);
  token = t;
  stored.set(KEY, t);
  me = r.agent;
  chats = r.conversations;
  $('login').hidden = true;
  $('console').hidden = false;
  showMe();
  showChats();
  if (socket !== null) socket.close();
  socket = liveSocket('/api/v1/agent/ws', () => token, onFrame, () => setError('The server refused this agent token.'));
}

function logout() {
  token = null;
  stored.drop(KEY);
  if (socket !== null) socket.close();
  socket = null;
  me = null; chats = []; selected = null; current = null;
  transcript.clear(); unread.clear();
  $('console').hidden = true;
  $('login').hidden = false;
  showConversation();
}

/** Runs an action on the open chat, then shows the chat as the server returns it. */
function act(path) {
  if (current === null) return;
  setError('');
  api('POST', '/api/v1/agent/conversations/' + current.id + '/' + path, token).then((r) => {
    if (current !== null && r.conversation.id === current.id) { current = r.conversation; showConversation(); }
    return refreshChats();
  }).catch(fail);
}

$('login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const t = $('token').value.trim();
  if (!t) return setError('Paste the agent token first.');
  setError('');
  login(t).then(() => { $('token').value = ''; }, (e) => setError(e.status === 401 ? 'The server does not know this agent token.' : e.message));
});
for (const b of document.querySelectorAll('button.status')) {
  b.addEventListener('click', () => {
    setError('');
    api('PUT', '/api/v1/agent/status', token, { status: b.dataset.status }).then((r) => { me = r.agent; showMe(); return refreshChats(); }).catch(fail);
  });
}
$('logout').addEventListener('click', logout);
$('reply-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('reply').value.trim();
  if (!text || current === null) return;
  const id = current.id;
  setError('');
  api('POST', '/api/v1/agent/conversations/' + id + '/messages', token, { text }).then((r) => {
    $('reply').value = '';
    if (selected === id) { transcript.set(r.messageId, { id: r.messageId, author: 'agent', agent: me.id, text, at: r.at }); showConversation(); }
    return refreshChats();
  }).catch(fail);
});
$('close').addEventListener('click', () => act('close'));
$('wrap').addEventListener('click', () => act('end-wrap-up'));
$('nrn').addEventListener('click', () => act('no-reply-needed'));

const saved = stored.get(KEY);
if (saved) login(saved).catch((e) => { stored.drop(KEY); fail(e); });
`;

/** The agent console (built once; it holds nothing per request). */
export const agentPage: Page = renderPage('Agent console', BODY, SCRIPT);
