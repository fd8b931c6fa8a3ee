import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import { reqconfOf, type StepResult } from '@/lib/dirsync/reqconf';
import { srvmainReceive, type ReceiveHooks } from '@/lib/dirsync/srvmain-receive';
import { srvmainTransmit } from '@/lib/dirsync/srvmain-transmit';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';
import { links } from './dirsync-links';
import { dxEvent } from '../events/dx-events';
import { applyToContainer, containerImport, type ContainerImport } from './import-to-container';
import { returnRefusedDirsyncMail } from './return-refused-dirsync-mail';
import { connectorPo, type ServerRow } from '../servers/servers';
import type { PoRow } from '@/lib/dirsync/postoffices';

/**
 * T2 of an Exchange dirsync server (its Schedule, or pausing MSExchangeDX): the Exchange
 * postoffice's own changes enter MSTTRANS first, then every request in the connector postoffice's
 * mailbag is received — the addresses a requestor sends become custom recipients in its Import
 * Container — and every requestor that asked gets its reply. A requestor whose numbers show lost
 * or delayed messages gets events 220 and 221 and a full Import Reply.
 */
export function dxaServerCycle(db: Db, server: ServerRow): StepResult {
  return recordRun(db, 'DXA T2', () => server.name, () => {
    const po = connectorPo(db, server);
    const own = poKey(po);
    dxEvent(db, server, 'cycleStarted', 'Directory synchronization server cycle (T2) started.');
    // Delivery Restrictions: a refused requestor's request goes back unread.
    const returned = returnRefusedDirsyncMail(db, server, ['ReqTx', 'ReqStat']);
    const imports = new Map<string, ContainerImport>();
    const linkOf = new Map(links(db, server, 'remote').map((l) => [l.po, l]));
    const hooks: ReceiveHooks = {
      ownChanges: () => ({ origin: own, texts: takeOwnChanges(db, po) }),
      unknownRequestor: (_origin, m) =>
        dxEvent(db, server, 'unknownRequestor', `Message received from unknown DirSync requestor - X400:/ddat=ms /ddav="${m.fromAddr}".`),
      badPassword: (origin) => dxEvent(db, server, 'badPassword', `The dirsync password sent by ${origin} does not match its Remote Dirsync Requestor object; its update was discarded.`),
      accepted: (origin, txn) => {
        const link = linkOf.get(origin);
        if (!link) return;
        let ctx = imports.get(origin);
        if (!ctx) imports.set(origin, (ctx = containerImport(db, server, link.id)));
        applyToContainer(db, ctx, txn);
      },
    };
    const received = srvmainReceive(db, own, hooks);
    for (const line of received.lines) dxEvent(db, server, 'reqTxAccepted', line);
    const transmitted = srvmainTransmit(db, own, (record, s, sync) => {
      const name = linkOf.get(record.requestor)?.name ?? record.requestor;
      dxEvent(db, server, 'lost', `Multiple dirsync messages to and from ${name} have been lost or delayed. (S=${s}, server sync ${sync})`);
      dxEvent(db, server, 'importReplyNext', `An Import Reply (full export) will be done to ${name} on the next reply.`);
      return true;
    });
    for (const line of transmitted.lines) dxEvent(db, server, 'srvTxSent', line);
    const sync = (stmt(db, 'select sync from srvconf where po_id = ?').get(po.id) as { sync: number }).sync;
    stmt(db, 'update srv_requestor set srv_sync = ? where dss_po_id = ? and requestor = ?').run(sync, po.id, own);
    const lines = [...returned, ...received.lines, ...transmitted.lines, `T2 complete: server sync ${sync}, ${transmitted.lines.length} replies`];
    dxEvent(db, server, 'cycleDone', lines[lines.length - 1]);
    return { lines, fatal: transmitted.fatal };
  });
}

/** The Exchange postoffice's REQTRANS above ReqSync, taken for MSTTRANS: its own record moves on. */
function takeOwnChanges(db: Db, po: PoRow): string[] {
  const rc = reqconfOf(db, po.id);
  const rows = stmt(db, 'select txn from reqtrans where po_id = ? and sync > ? order by sync').all(po.id, rc.reqSync) as { txn: string }[];
  const high = Math.max(rc.reqtransHigh, rc.reqSync);
  stmt(db, 'delete from reqtrans where po_id = ? and sync <= ?').run(po.id, high);
  stmt(db, 'update reqconf set req_sync = ? where po_id = ?').run(high, po.id);
  stmt(db, 'update srv_requestor set req_sync = ?, last_update_at = null where dss_po_id = ? and requestor = ?').run(high, po.id, poKey(po));
  return rows.map((r) => r.txn);
}
