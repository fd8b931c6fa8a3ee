import type Database from 'better-sqlite3';
import type { Db } from '@/db/client';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement cached per connection: the engine's hot paths run these, not built queries. */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.$client.prepare(sql)));
  return s;
}

/** Run `fn` as one synchronous transaction (a savepoint when already inside one). */
export function step<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)();
}

/**
 * `step` for a save that reads before it writes (a revision check): BEGIN IMMEDIATE takes the
 * write lock first, so another process's save cannot commit between the read and the write.
 */
export function writeStep<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/** Next value of a named counter. */
export function nextCounter(db: Db, name: string): number {
  const row = stmt(
    db,
    'insert into counter (name, value) values (?, 1) on conflict(name) do update set value = value + 1 returning value',
  ).get(name) as { value: number };
  return row.value;
}
