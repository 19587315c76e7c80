// The store's group commit: the changes of one event-loop turn are one transaction, each operation
// a savepoint (a throw undoes only that one), and nothing waiting for durability runs before the
// commit: a second connection to the file sees the change only once `durable()` resolved.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function fileStore(): { store: SqliteStore; other: Database.Database; messages: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'chatsim-store-'));
  dirs.push(dir);
  const store = new SqliteStore(join(dir, 'live.db'));
  const other = new Database(join(dir, 'live.db'), { readonly: true });
  const messages = () => (other.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
  return { store, other, messages };
}

const message = (text: string) => ({ conversationId: 1, author: 'visitor' as const, agent: -1, text, at: 0 });

describe('group commit', () => {
  it('commits the operations of one turn together, after which the waiting callbacks run, in order', async () => {
    const { store, other, messages } = fileStore();
    store.enableGroupCommit();
    const seen: string[] = [];
    for (const text of ['a', 'b', 'c']) {
      store.transaction(() => store.message(message(text)));
      store.afterCommit(() => seen.push(`${text}:${messages()}`));
    }
    expect(messages()).toBe(0); // not committed yet: another connection sees nothing
    expect(seen).toEqual([]);
    await store.durable();
    expect(messages()).toBe(3);
    expect(seen).toEqual(['a:3', 'b:3', 'c:3']);
    // nothing pending: at once
    store.afterCommit(() => seen.push('now'));
    expect(seen.at(-1)).toBe('now');
    await store.durable();
    other.close();
    store.close();
  });

  it('a throwing operation undoes only its own changes', async () => {
    const { store, other, messages } = fileStore();
    store.enableGroupCommit();
    store.transaction(() => store.message(message('kept')));
    expect(() => store.transaction(() => { store.message(message('undone')); throw new Error('refused'); })).toThrow('refused');
    store.transaction(() => store.message(message('kept too')));
    await store.durable();
    expect(other.prepare('SELECT text FROM messages ORDER BY id').all()).toEqual([{ text: 'kept' }, { text: 'kept too' }]);
    expect(messages()).toBe(2);
    other.close();
    store.close();
  });

  it('close commits what is pending; without group commit every transaction commits at once', () => {
    const { store, other, messages } = fileStore();
    store.transaction(() => store.message(message('one')));
    expect(messages()).toBe(1);
    store.enableGroupCommit();
    store.transaction(() => store.message(message('two')));
    expect(messages()).toBe(1);
    store.close();
    expect(messages()).toBe(2);
    other.close();
  });
});
