import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { step, stmt } from '@/lib/core/statements';

/**
 * Config ▸ Dir-Sync ▸ Options: make a postoffice the network's dirsync server (it becomes a
 * registered requestor of itself), or stop being it — which deletes SRVCONF.GLB and MSTTRANS.GLB.
 */
export function setDirsyncServer(db: Db, poSpec: string, on: boolean): void {
  step(db, () => {
    const po = resolvePo(db, poSpec);
    const isDss = !!stmt(db, 'select 1 from srvconf where po_id = ?').get(po.id);
    if (on) {
      if (isDss) return;
      const other = stmt(
        db,
        'select p.network || \'/\' || p.name as name from srvconf s join postoffice p on p.id = s.po_id where p.network = ?',
      ).get(po.network) as { name: string } | undefined;
      if (other) throw conflict(`network ${po.network} already has a dirsync server, ${other.name}: turn it off there first`);
      stmt(db, 'insert into srvconf (po_id) values (?)').run(po.id);
      stmt(db, 'insert into srv_requestor (dss_po_id, requestor) values (?, ?)').run(po.id, poKey(po));
      stmt(db, "update reqconf set dss = ?, password = '' where po_id = ?").run(poKey(po), po.id);
    } else {
      if (!isDss) return;
      for (const table of ['srv_requestor', 'msttrans', 'master_entry']) {
        stmt(db, `delete from ${table} where dss_po_id = ?`).run(po.id);
      }
      stmt(db, 'delete from srvconf where po_id = ?').run(po.id);
      stmt(db, 'update reqconf set dss = null where po_id = ?').run(po.id);
    }
  });
}
