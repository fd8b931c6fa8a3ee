import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The project root: `DIRSYNC_ROOT`, else the working directory (npm scripts, next, tests run there). */
export function projectRoot(): string {
  return process.env.DIRSYNC_ROOT ?? process.cwd();
}

/** The database file: the argument, else `$DIRSYNC_DB`, else `data/dirsync.db` under the project root. */
export function databasePath(file?: string): string {
  return file ?? process.env.DIRSYNC_DB ?? path.join(projectRoot(), 'data', 'dirsync.db');
}

/** Open (creating and migrating if needed) a database file. WAL mode, foreign keys on. */
export function openDatabase(file?: string): Db {
  const target = databasePath(file);
  if (target !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ target)), { recursive: true });
  const client = new Database(target);
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: an import touches two indexes of a table with millions of rows.
  client.pragma('cache_size = -65536');
  const db = drizzle(client, { schema }) as Db;
  migrate(db, { migrationsFolder: path.join(projectRoot(), 'db', 'migrations') });
  return db;
}

const cached = globalThis as unknown as { dirsyncDb?: Db };

/** The one shared connection of a long-running process (the web server). */
export function sharedDatabase(): Db {
  cached.dirsyncDb ??= openDatabase();
  return cached.dirsyncDb;
}
