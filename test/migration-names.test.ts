import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Migrations are named by what they change. Renaming one is safe because drizzle's migrator keys
 * on the journal's `when` and the SQL's hash, not on the tag: a database migrated under the old
 * name (0003_session7) is not migrated again, and neither is one migrated under the new name.
 */

const folder = path.resolve(__dirname, '..', 'db', 'migrations');
const journal = () => JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };

function migrated(file: string, migrationsFolder: string) {
  const sqlite = new Database(file);
  try {
    migrate(drizzle(sqlite), { migrationsFolder });
    return {
      applied: sqlite.prepare('select hash, created_at as at from __drizzle_migrations order by created_at').all() as { hash: string; at: number }[],
      tables: (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).map((t) => t.name),
    };
  } finally {
    sqlite.close();
  }
}

describe('migration names', () => {
  it('every migration tag says what it changes, and its file exists', () => {
    for (const { tag } of journal().entries) {
      expect(tag).toMatch(/^\d{4}_[a-z][a-z0-9_]+$/);
      expect(tag).not.toMatch(/session\d*|_fix$|_misc$|_changes$/);
      expect(fs.existsSync(path.join(folder, `${tag}.sql`))).toBe(true);
    }
  });

  it('a database migrated under the old name of 0003 is not migrated again after the rename', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-migrations-'));
    try {
      // The folder as it was before the rename: same SQL, the tag 0003_session7.
      const old = path.join(dir, 'old');
      fs.cpSync(folder, old, { recursive: true });
      const j = journal();
      const entry = j.entries.find((e) => e.tag.startsWith('0003_'))!;
      fs.renameSync(path.join(old, `${entry.tag}.sql`), path.join(old, '0003_session7.sql'));
      entry.tag = '0003_session7';
      fs.writeFileSync(path.join(old, 'meta', '_journal.json'), JSON.stringify(j));

      const file = path.join(dir, 'before.db');
      const before = migrated(file, old);
      expect(before.applied).toHaveLength(j.entries.length);
      const after = migrated(file, folder);
      expect(after).toEqual(before);
      // A fresh database under the new names ends the same.
      expect(migrated(path.join(dir, 'fresh.db'), folder)).toEqual({ ...before, applied: before.applied.map((a) => ({ ...a })) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
