import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { parsePoName, poKey, isPostofficeType } from './names';
import { resolvePo } from './postoffices';
import { requireDss } from './dss';
import { step, stmt } from '@/lib/core/statements';

/** Requestor ▸ Registration: name the DSS and the dirsync password. */
export function registerRequestor(db: Db, poSpec: string, dss: string, password = ''): void {
  const dssName = poKey(parsePoName(dss));
  step(db, () => {
    const po = resolvePo(db, poSpec);
    stmt(db, 'update reqconf set dss = ?, password = ? where po_id = ?').run(dssName, password, po.id);
  });
}

/** Requestor ▸ Import: the next T1 raises ImpSync and the DSS answers with an Import Reply. */
export function requestImport(db: Db, poSpec: string): void {
  step(db, () => {
    const po = resolvePo(db, poSpec);
    stmt(db, 'update reqconf set import_next = 1 where po_id = ?').run(po.id);
  });
}

/** Requestor ▸ Types: the gateway address types this postoffice accepts (PCM is always accepted). */
export function setAcceptedTypes(db: Db, poSpec: string, types: string[]): string[] {
  const list = [...new Set(['PCM', ...types.map((t) => t.trim().toUpperCase()).filter(Boolean)])];
  for (const t of list) {
    if (!/^[A-Z0-9]{1,8}$/.test(t)) throw usage(`address type "${t}" must be 1 to 8 letters or digits`);
  }
  const stored = list.filter((t) => t === 'PCM' || !isPostofficeType(t));
  step(db, () => {
    const po = resolvePo(db, poSpec);
    stmt(db, 'update reqconf set types = ? where po_id = ?').run(stored.join(','), po.id);
  });
  return stored;
}

/** Server ▸ Options ▸ Keep Updates: cycles of MSTTRANS kept (default 14). */
export function setKeepUpdates(db: Db, dssSpec: string, cycles: number): void {
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > 999) {
    throw usage(`Keep Updates must be a whole number of cycles from 1 to 999, not "${cycles}"`);
  }
  step(db, () => {
    const dss = resolvePo(db, dssSpec);
    requireDss(db, dss, 'Keep Updates');
    stmt(db, 'update srvconf set keep_updates = ? where po_id = ?').run(cycles, dss.id);
  });
}
