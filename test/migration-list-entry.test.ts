import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { putListEntry, removeListEntry } from '@/lib/dirsync/lists';
import { galView } from '@/lib/queries/gal-view';

/**
 * Migration 0016 rebuilds list_entry WITHOUT ROWID, keyed by (po_id, address_key, removed_gen) with
 * 0 for a live entry. A database written before it keeps every entry, live and retired, and the
 * engine goes on from there.
 */
const folder = path.resolve(__dirname, '..', 'db', 'migrations');

/** The migrations folder as it was before 0016. */
function foldersUpTo(last: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(folder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe('migration 0016 (list_entry WITHOUT ROWID)', () => {
  it('keeps live and retired entries, and the engine goes on from them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dirsync-m16-'));
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.pragma('foreign_keys = ON');
    migrate(drizzle(old), { migrationsFolder: foldersUpTo(15) });
    old.prepare("insert into postoffice (id, network, name, admin_password_hash, file_server, gal_gen, gal_count) values (1, 'POLY', 'NOV', 'x', 'FS', 3, 2)").run();
    const insert = old.prepare(
      'insert into list_entry (po_id, list_key, address_key, full_name, address, template, added_gen, removed_gen) values (1, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('PCM:POLY/OCT', 'PCM:POLY/OCT/ANN', 'Ann Arbor', 'PCM:POLY/OCT/ANN', '', 1, null);
    insert.run('PCM:POLY/OCT', 'PCM:POLY/OCT/BEN', 'Ben Bow', 'ms:Poly/Oct/ben', '- Phone:/555', 2, null);
    // Ben's old name, retired at the pending generation (4): the GAL at 3 still shows it, not the new one.
    insert.run('PCM:POLY/OCT', 'PCM:POLY/OCT/BEN', 'Ben Old', 'ms:Poly/Oct/ben', '', 1, 4);
    old.prepare("update list_entry set added_gen = 4 where full_name = 'Ben Bow'").run();
    old.close();

    const db = openDatabase(file);
    const rows = db.$client.prepare('select * from list_entry order by address_key, removed_gen').all();
    expect(rows).toEqual([
      { po_id: 1, address_key: 'PCM:POLY/OCT/ANN', removed_gen: 0, full_name: 'Ann Arbor', address: 'PCM:POLY/OCT/ANN', template: '', added_gen: 1 },
      { po_id: 1, address_key: 'PCM:POLY/OCT/BEN', removed_gen: 0, full_name: 'Ben Bow', address: 'ms:Poly/Oct/ben', template: '- Phone:/555', added_gen: 4 },
      { po_id: 1, address_key: 'PCM:POLY/OCT/BEN', removed_gen: 4, full_name: 'Ben Old', address: 'ms:Poly/Oct/ben', template: '', added_gen: 1 },
    ]);
    expect(galView(db, 1).entries.map((e) => e.fullName)).toEqual(['Ann Arbor', 'Ben Old']);
    expect(db.$client.prepare("select wr from pragma_table_list where name = 'list_entry'").pluck().get()).toBe(1);

    // The key is the one-live-entry rule: putting Ann again changes nothing, a new name retires hers.
    expect(putListEntry(db, 1, { addressKey: 'PCM:POLY/OCT/ANN', fullName: 'Ann Arbor', address: 'PCM:POLY/OCT/ANN', template: '' }, 4)).toBe(0);
    expect(putListEntry(db, 1, { addressKey: 'PCM:POLY/OCT/ANN', fullName: 'Ann Ames', address: 'PCM:POLY/OCT/ANN', template: '' }, 4)).toBe(1);
    // Ben was added at 4, the pending generation: removing him deletes the row (one pending add less).
    expect(removeListEntry(db, 1, 'PCM:POLY/OCT/BEN', 4)).toBe(-1);
    expect(db.$client.prepare('select full_name as n, removed_gen as r from list_entry order by address_key, removed_gen').all()).toEqual([
      { n: 'Ann Ames', r: 0 },
      { n: 'Ann Arbor', r: 4 },
      { n: 'Ben Old', r: 4 },
    ]);
    db.$client.close();
  });
});
