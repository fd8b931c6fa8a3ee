import type { Db } from '@/db/client';
import { notFound, usage, denied } from '@/lib/core/errors';
import { parsePoName, poKey, type PoName } from './names';
import { stmt } from '@/lib/core/statements';
import { verifyPassword } from '@/lib/core/password';

export interface PoRow {
  id: number;
  network: string;
  name: string;
  drive: string | null;
  kind: 'msmail' | 'connector';
  fileServer: string;
  galGen: number;
  galCount: number;
  adminPasswordHash: string;
}

const columns =
  'id, network, name, drive, kind, file_server as fileServer, gal_gen as galGen, gal_count as galCount, admin_password_hash as adminPasswordHash';

export const poLabel = (po: PoName) => poKey(po);

export function findPo(db: Db, name: PoName): PoRow | undefined {
  return stmt(db, `select ${columns} from postoffice where network = ? and name = ?`).get(name.network, name.name) as
    | PoRow
    | undefined;
}

export function poById(db: Db, id: number): PoRow {
  return stmt(db, `select ${columns} from postoffice where id = ?`).get(id) as PoRow;
}

export function allPos(db: Db): PoRow[] {
  return stmt(db, `select ${columns} from postoffice order by drive`).all() as PoRow[];
}

/** Resolve `-d<x>`: a drive letter or `NET/PO`. */
export function resolvePo(db: Db, spec: string): PoRow {
  const s = spec.trim();
  if (/^[A-Za-z]$/.test(s)) {
    const po = stmt(db, `select ${columns} from postoffice where drive = ?`).get(s.toUpperCase()) as PoRow | undefined;
    if (!po) throw notFound(`no postoffice on drive ${s.toUpperCase()}: run "dirsync po list" to see the drives`);
    return po;
  }
  if (!s.includes('/')) throw usage(`"${spec}" is neither a drive letter nor NET/PO`);
  const po = findPo(db, parsePoName(s));
  if (!po) throw notFound(`postoffice ${s.toUpperCase()} does not exist: create it with "dirsync po create ${s.toUpperCase()}"`);
  return po;
}

/** Resolve a drive range (`-dmp` = M through P) or a single postoffice; empty = every MS Mail postoffice. */
export function resolveRange(db: Db, spec: string | undefined): PoRow[] {
  const all = allPos(db).filter((p) => p.kind === 'msmail');
  if (!spec) return all;
  if (/^[A-Za-z]{2}$/.test(spec)) {
    const [from, to] = [spec[0].toUpperCase(), spec[1].toUpperCase()];
    if (from > to) throw usage(`drive range ${spec} runs backwards: write the first drive first, e.g. -dMP`);
    return all.filter((p) => p.drive !== null && p.drive >= from && p.drive <= to);
  }
  return [resolvePo(db, spec)];
}

/** The `admin -p<password>` check of the MS Mail utilities. */
export function checkAdmin(po: PoRow, password: string | undefined): void {
  if (password === undefined) throw usage(`this utility needs "admin -p<password>" for ${poKey(po)}`);
  if (!verifyPassword(password, po.adminPasswordHash)) {
    throw denied(`wrong administrator password for ${poKey(po)}: give the postoffice's admin password with -p`);
  }
}
