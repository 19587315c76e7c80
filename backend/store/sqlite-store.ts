// The live centre's store: SQLite through better-sqlite3 in WAL mode. One synchronous transaction
// per state change (the centre's `CentreSink`): conversations (a row each, its state as JSON),
// messages, assignment/transfer/queue events and agent state changes, with server timestamps
// (epoch ms) beside the scenario instants. With group commit on (the server turns it on), the
// changes of one turn of the event loop are savepoints of one transaction committed (one fsync)
// at the end of the turn, and whatever waits for durability (`afterCommit`, `durable`) runs after
// that commit. Restores what a restart needs, and reads the export.
// Imports only the kernel and the live centre's types.

import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { AgentStateSample } from '../../core/records.js';
import type { CentreSink, CentreState } from '../live/centre.js';
import type { LiveAgent, LiveConversation, LiveEvent, LiveMessage } from '../live/types.js';

/**
 * `synchronous` in WAL mode. FULL syncs the WAL at every commit: an acknowledged message survives
 * a process crash and a power loss or OS crash. (NORMAL would survive a process crash only.)
 */
export const SYNCHRONOUS = 'FULL';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agents (idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS visitors (id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, last_agent INTEGER NOT NULL DEFAULT -1, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (id INTEGER PRIMARY KEY, visitor_id INTEGER NOT NULL, state TEXT NOT NULL, agent INTEGER NOT NULL, queue_seq INTEGER NOT NULL, doc TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_state ON conversations (state);
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id INTEGER NOT NULL, author TEXT NOT NULL, agent INTEGER NOT NULL, text TEXT NOT NULL, at REAL NOT NULL, server_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, id);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, server_ms INTEGER NOT NULL, kind TEXT NOT NULL, conversation_id INTEGER NOT NULL, agent INTEGER NOT NULL, detail TEXT);
CREATE TABLE IF NOT EXISTS samples (id INTEGER PRIMARY KEY AUTOINCREMENT, agent INTEGER NOT NULL, at REAL NOT NULL, online INTEGER NOT NULL, held INTEGER NOT NULL, server_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cursors (group_index INTEGER PRIMARY KEY, cursor INTEGER NOT NULL);
`;

/** JSON with NaN and ±Infinity kept (as strings), for the rows' `doc`. */
export function encodeDoc(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export function decodeDoc<T>(text: string): T {
  return JSON.parse(text, (_k, v: unknown) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v)) as T;
}

/** A stored message as the API shows it. */
export interface StoredMessage extends LiveMessage {
  id: number;
}

/** The transaction of a group commit: open until the end of the event-loop turn that began it. */
interface Batch {
  /** Run after the commit, in order (the centre's frames, socket acks). */
  after: Array<() => void>;
  /** Promises of `durable()` waiting for the commit. */
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
}

/** The SQLite store (see the file header). */
export class SqliteStore implements CentreSink {
  readonly db: Database.Database;
  private nextConversation: number;
  private readonly serverMs: () => number;
  private readonly st: Record<string, Database.Statement>;
  /** One wrapper for every operation (better-sqlite3 nests it as a savepoint inside an open batch). */
  private readonly runInTransaction: (fn: () => unknown) => unknown;
  private groupCommit = false;
  private batch: Batch | null = null;
  /** Where an error thrown by an after-commit callback, or a failed commit, is reported. */
  private report: (message: string) => void = () => {};

  /**
   * @param file the database file (`:memory:` for none)
   * @param serverMs wall time for the rows' server timestamps, epoch ms
   */
  constructor(readonly file: string, serverMs: () => number = Date.now) {
    this.serverMs = serverMs;
    this.db = new Database(file);
    // conversations are private: the database (and its -wal and -shm, which SQLite creates alike) is the owner's only
    if (file !== ':memory:' && file !== '') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${SYNCHRONOUS}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.st = {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      conversation: db.prepare(`INSERT INTO conversations (id, visitor_id, state, agent, queue_seq, doc, updated_ms) VALUES (@id, @visitorId, @state, @agent, @queueSeq, @doc, @ms)
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, agent = excluded.agent, queue_seq = excluded.queue_seq, doc = excluded.doc, updated_ms = excluded.updated_ms`),
      agent: db.prepare('UPDATE agents SET doc = ? WHERE idx = ?'),
      message: db.prepare('INSERT INTO messages (conversation_id, author, agent, text, at, server_ms) VALUES (?, ?, ?, ?, ?, ?)'),
      event: db.prepare('INSERT INTO events (at, server_ms, kind, conversation_id, agent, detail) VALUES (?, ?, ?, ?, ?, ?)'),
      sample: db.prepare('INSERT INTO samples (agent, at, online, held, server_ms) VALUES (?, ?, ?, ?, ?)'),
      cursor: db.prepare('INSERT INTO cursors (group_index, cursor) VALUES (?, ?) ON CONFLICT(group_index) DO UPDATE SET cursor = excluded.cursor'),
      visitor: db.prepare('INSERT INTO visitors (token_hash, created_ms) VALUES (?, ?)'),
      visitorServed: db.prepare('UPDATE visitors SET last_agent = ? WHERE id = ?'),
      visitorByToken: db.prepare('SELECT id, last_agent AS lastAgent FROM visitors WHERE token_hash = ?'),
      messagesOf: db.prepare('SELECT id, conversation_id AS conversationId, author, agent, text, at FROM messages WHERE conversation_id = ? ORDER BY id LIMIT ?'),
      conversationById: db.prepare('SELECT doc FROM conversations WHERE id = ?'),
    };
    const max = db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM conversations').get() as { n: number };
    this.nextConversation = max.n + 1;
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
  }

  /**
   * Group commit from now on: the operations of one event-loop turn share one transaction (each
   * its own savepoint: a throw undoes that operation only), committed by `setImmediate` at the end
   * of the turn, so a burst of N changes costs one WAL sync instead of N. Nothing waiting on
   * `afterCommit` or `durable` runs before the commit, so an acknowledgement still means the
   * change is on disk (synchronous=FULL).
   */
  enableGroupCommit(report: (message: string) => void = () => {}): void {
    this.groupCommit = true;
    this.report = report;
  }

  /** Resolves once every change so far is committed (at once when none is pending); rejects if that commit failed. */
  durable(): Promise<void> {
    const b = this.batch;
    if (b === null) return Promise.resolve();
    return new Promise((resolve, reject) => b.waiters.push({ resolve, reject }));
  }

  /** Commits the open batch now (also at the end of its turn, and on close). */
  commit(): void {
    const b = this.batch;
    if (b === null) return;
    this.batch = null;
    try {
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.report(`commit failed, ${b.waiters.length} replies refused: ${(e as Error).message}`);
      for (const w of b.waiters) w.reject(e);
      return;
    }
    for (const f of b.after) {
      try {
        f();
      } catch (e) {
        this.report(`after commit: ${(e as Error).message}`);
      }
    }
    for (const w of b.waiters) w.resolve();
  }

  // ---- CentreSink ---------------------------------------------------------------------------

  transaction<T>(fn: () => T): T {
    if (this.groupCommit && this.batch === null && this.db.open) {
      this.db.exec('BEGIN IMMEDIATE');
      this.batch = { after: [], waiters: [] };
      setImmediate(() => this.commit());
    }
    return this.runInTransaction(fn) as T;
  }
  afterCommit(fn: () => void): void {
    if (this.batch === null) fn();
    else this.batch.after.push(fn);
  }
  conversation(c: LiveConversation): void {
    this.st.conversation.run({ id: c.id, visitorId: c.visitorId, state: c.state, agent: c.agent, queueSeq: c.queueSeq, doc: encodeDoc(c), ms: this.serverMs() });
  }
  agent(a: LiveAgent): void {
    this.st.agent.run(encodeDoc({ status: a.status, awayUntil: a.awayUntil, misses: a.misses, lastAssignedAt: a.lastAssignedAt }), a.index);
  }
  message(m: LiveMessage): number {
    return Number(this.st.message.run(m.conversationId, m.author, m.agent, m.text, m.at, this.serverMs()).lastInsertRowid);
  }
  event(e: LiveEvent): void {
    this.st.event.run(e.at, this.serverMs(), e.kind, e.conversationId, e.agent, e.detail ?? null);
  }
  sample(s: AgentStateSample): void {
    this.st.sample.run(s.agentIndex, s.at, s.online ? 1 : 0, s.held, this.serverMs());
  }
  cursor(groupIndex: number, cursor: number): void {
    this.st.cursor.run(groupIndex, cursor);
  }
  conversationId(): number {
    return this.nextConversation++;
  }
  newVisitor(tokenHash: string): number {
    return Number(this.st.visitor.run(tokenHash, this.serverMs()).lastInsertRowid);
  }
  visitorServed(visitorId: number, agent: number): void {
    this.st.visitorServed.run(agent, visitorId);
  }

  // ---- reading ------------------------------------------------------------------------------

  getMeta(key: string): string | undefined {
    return (this.st.meta.get(key) as { value: string } | undefined)?.value;
  }
  setMeta(key: string, value: string): void {
    this.st.setMeta.run(key, value);
  }

  /** Whether the roster was created (a restart on an existing file). */
  hasRoster(): boolean {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM agents').get() as { n: number }).n > 0;
  }

  /** Creates the roster's rows with their token hashes (a fresh file). */
  createRoster(agents: ReadonlyArray<{ index: number; id: string; tokenHash: string }>): void {
    const ins = this.db.prepare('INSERT INTO agents (idx, id, token_hash, doc) VALUES (?, ?, ?, ?)');
    this.transaction(() => { for (const a of agents) ins.run(a.index, a.id, a.tokenHash, encodeDoc({ status: 'offline', awayUntil: NaN, misses: 0, lastAssignedAt: 0 })); });
  }

  /** The agent index of a token hash, or undefined. */
  agentByToken(tokenHash: string): number | undefined {
    return (this.db.prepare('SELECT idx FROM agents WHERE token_hash = ?').get(tokenHash) as { idx: number } | undefined)?.idx;
  }

  /** The visitor of a token hash, or undefined. */
  visitorByToken(tokenHash: string): { id: number; lastAgent: number } | undefined {
    return this.st.visitorByToken.get(tokenHash) as { id: number; lastAgent: number } | undefined;
  }

  /** What the centre needs after a restart. */
  load(): CentreState {
    const agents = (this.db.prepare('SELECT idx, doc FROM agents ORDER BY idx').all() as Array<{ idx: number; doc: string }>).map((r) => ({ index: r.idx, ...decodeDoc<Pick<LiveAgent, 'status' | 'awayUntil' | 'misses' | 'lastAssignedAt'>>(r.doc) }));
    const open = (this.db.prepare("SELECT doc FROM conversations WHERE state <> 'ended' ORDER BY id").all() as Array<{ doc: string }>).map((r) => decodeDoc<LiveConversation>(r.doc));
    const cursors: number[] = [];
    for (const r of this.db.prepare('SELECT group_index AS g, cursor AS c FROM cursors').all() as Array<{ g: number; c: number }>) cursors[r.g] = r.c;
    const seq = this.db.prepare('SELECT COALESCE(MAX(queue_seq), 0) AS n FROM conversations').get() as { n: number };
    return { agents, open, cursors: Array.from(cursors, (c) => c ?? -1), queueSeq: seq.n };
  }

  /** A conversation by id (open or ended), or undefined. */
  conversationById(id: number): LiveConversation | undefined {
    const r = this.st.conversationById.get(id) as { doc: string } | undefined;
    return r === undefined ? undefined : decodeDoc<LiveConversation>(r.doc);
  }

  /** Conversations, newest first, optionally in one state. */
  conversations(state: string | undefined, limit: number): LiveConversation[] {
    const rows = state === undefined
      ? this.db.prepare('SELECT doc FROM conversations ORDER BY id DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT doc FROM conversations WHERE state = ? ORDER BY id DESC LIMIT ?').all(state, limit);
    return (rows as Array<{ doc: string }>).map((r) => decodeDoc<LiveConversation>(r.doc));
  }

  /** Every conversation in id order (the export). */
  *allConversations(): IterableIterator<LiveConversation> {
    for (const r of this.db.prepare('SELECT doc FROM conversations ORDER BY id').iterate() as IterableIterator<{ doc: string }>) yield decodeDoc<LiveConversation>(r.doc);
  }

  /** Every agent state sample in order (the export). */
  *allSamples(): IterableIterator<AgentStateSample> {
    for (const r of this.db.prepare('SELECT agent, at, online, held FROM samples ORDER BY id').iterate() as IterableIterator<{ agent: number; at: number; online: number; held: number }>) {
      yield { agentIndex: r.agent, at: r.at, online: r.online === 1, held: r.held };
    }
  }

  /** A conversation's messages in order (at most `limit`). */
  messages(conversationId: number, limit = 1000): StoredMessage[] {
    return this.st.messagesOf.all(conversationId, limit) as StoredMessage[];
  }

  close(): void {
    if (!this.db.open) return;
    this.commit();
    this.db.close();
  }
}
