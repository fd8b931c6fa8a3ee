import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { poKey } from './names';
import { resolvePo } from './postoffices';
import { step, stmt } from '@/lib/core/statements';

/** Delete a postoffice and everything it holds. Refused while it is the dirsync server, and for a connector postoffice. */
export function deletePostoffice(db: Db, spec: string): void {
  step(db, () => {
    const po = resolvePo(db, spec);
    if (stmt(db, 'select 1 from srvconf where po_id = ?').get(po.id)) {
      throw conflict(`${poKey(po)} is the dirsync server: turn that off first ("dirsync ds server -d${poKey(po)} off")`);
    }
    if (po.kind === 'connector') {
      throw conflict(`${poKey(po)} is the postoffice of an Exchange server's MS Mail Connector: it goes with the server, not on its own`);
    }
    stmt(db, `delete from stored_file where place = ?`).run(poKey(po));
    // Connections to it go by cascade; the Address Space entry the connection added goes with them.
    stmt(db, "delete from address_space where type = 'MS' and address = ?").run(poKey(po));
    // Indirect connections routed through it go by cascade (via_po_id); their Address Space entries do not.
    const routed = stmt(
      db,
      `select c.server_id as serverId, p.network, p.name from connector_connection c join postoffice p on p.id = c.po_id where c.via_po_id = ?`,
    ).all(po.id) as { serverId: number; network: string; name: string }[];
    for (const r of routed) stmt(db, "delete from address_space where server_id = ? and type = 'MS' and address = ?").run(r.serverId, poKey(r));
    stmt(db, 'delete from postoffice where id = ?').run(po.id);
  });
}
