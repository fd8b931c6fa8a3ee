import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';

/**
 * Files kept in a place: a postoffice's GLB directory (`NET/PO`) or an Exchange server's Dxadata
 * folder (`SERVER:Dxadata`). Names are upper case, like the DOS files they stand for.
 */
export function readStoredFile(db: Db, place: string, name: string): Uint8Array | undefined {
  const row = stmt(db, 'select bytes from stored_file where place = ? and name = ?').get(place, name.toUpperCase()) as
    | { bytes: Buffer }
    | undefined;
  return row ? new Uint8Array(row.bytes) : undefined;
}

export function writeStoredFile(db: Db, place: string, name: string, bytes: Uint8Array): void {
  stmt(
    db,
    `insert into stored_file (place, name, bytes, created_at) values (?, ?, ?, ?)
     on conflict(place, name) do update set bytes = excluded.bytes, created_at = excluded.created_at`,
  ).run(place, name.toUpperCase(), Buffer.from(bytes), now(db));
}

export function deleteStoredFile(db: Db, place: string, name: string): boolean {
  return stmt(db, 'delete from stored_file where place = ? and name = ?').run(place, name.toUpperCase()).changes > 0;
}

export function listStoredFiles(db: Db, place: string): { name: string; size: number; createdAt: number }[] {
  return stmt(
    db,
    'select name, length(bytes) as size, created_at as createdAt from stored_file where place = ? order by name',
  ).all(place) as { name: string; size: number; createdAt: number }[];
}
