import type { Db } from '@/db/client';
import { conflict, DirsyncError, usage } from '@/lib/core/errors';
import { isElement, parsePoName, poKey } from './names';
import { findPo, poById, type PoRow } from './postoffices';
import { hashPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';

export interface CreatePostofficeInput {
  name: string;
  drive?: string;
  password: string;
  fileServer?: string;
  kind?: 'msmail' | 'connector';
}

/** Create an MS Mail postoffice with its REQCONF record; the next free drive from M unless given. */
export function createPostoffice(db: Db, input: CreatePostofficeInput): PoRow {
  // Which part is wrong, so a form can say it next to that field (the numbers of the Local Postoffice tab).
  const parts = input.name.trim().split('/');
  if (parts.length === 2) {
    if (!isElement(parts[0])) throw new DirsyncError('usage', `Network name "${parts[0]}" must be 1 to 10 letters or digits (the standard MS Mail characters)`, 69);
    if (!isElement(parts[1])) throw new DirsyncError('usage', `PostOffice name "${parts[1]}" must be 1 to 10 letters or digits (the standard MS Mail characters)`, 70);
  }
  const po = parsePoName(input.name);
  if (!input.password) throw usage(`a postoffice needs an admin password: give --password`);
  return step(db, () => {
    if (findPo(db, po)) throw conflict(`postoffice ${poKey(po)} already exists`);
    const drive = input.drive ? checkDrive(db, input.drive) : nextDrive(db);
    const { id } = stmt(
      db,
      'insert into postoffice (network, name, drive, admin_password_hash, file_server, kind) values (?, ?, ?, ?, ?, ?) returning id',
    ).get(po.network, po.name, drive, hashPassword(input.password), input.fileServer ?? `FS-${po.name}`, input.kind ?? 'msmail') as {
      id: number;
    };
    stmt(db, 'insert into reqconf (po_id) values (?)').run(id);
    return poById(db, id);
  });
}

function checkDrive(db: Db, letter: string): string {
  const drive = letter.toUpperCase();
  if (!/^[A-Z]$/.test(drive)) throw usage(`drive "${letter}" is not a letter A–Z`);
  if (stmt(db, 'select 1 from postoffice where drive = ?').get(drive)) throw conflict(`drive ${drive} is already in use`);
  return drive;
}

/** M, N, O, … then the letters before M; past 26 postoffices, none (they are named NET/PO). */
function nextDrive(db: Db): string | null {
  const used = new Set((stmt(db, 'select drive from postoffice where drive is not null').all() as { drive: string }[]).map((r) => r.drive));
  for (const d of 'MNOPQRSTUVWXYZABCDEFGHIJKL') if (!used.has(d)) return d;
  return null;
}
