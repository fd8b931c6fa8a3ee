import type { Db } from '@/db/client';
import { conflict, notFound } from '@/lib/core/errors';
import { parsePoName, poKey } from './names';
import { resolvePo } from './postoffices';
import { requireDss, srvRequestor } from './dss';
import { step, stmt } from '@/lib/core/statements';

/** Server ▸ Requestors ▸ Create: register a requestor postoffice on the DSS. */
export function createServerRequestor(db: Db, dssSpec: string, requestor: string, password = ''): void {
  const name = poKey(parsePoName(requestor));
  step(db, () => {
    const dss = resolvePo(db, dssSpec);
    requireDss(db, dss, 'Server ▸ Requestors');
    if (srvRequestor(db, dss, name)) throw conflict(`${name} is already a requestor of ${poKey(dss)}`);
    stmt(db, 'insert into srv_requestor (dss_po_id, requestor, password) values (?, ?, ?)').run(dss.id, name, password);
  });
}

/** Server ▸ Requestors ▸ Delete. */
export function deleteServerRequestor(db: Db, dssSpec: string, requestor: string): void {
  const name = poKey(parsePoName(requestor));
  step(db, () => {
    const dss = resolvePo(db, dssSpec);
    requireDss(db, dss, 'Server ▸ Requestors');
    if (name === poKey(dss)) throw conflict(`the dirsync server's own record cannot be deleted; turn dirsync server off instead`);
    if (!srvRequestor(db, dss, name)) throw notFound(`${name} is not a requestor of ${poKey(dss)}`);
    stmt(db, 'delete from srv_requestor where dss_po_id = ? and requestor = ?').run(dss.id, name);
  });
}
