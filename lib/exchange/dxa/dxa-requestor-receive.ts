import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { reqmainReceive } from '@/lib/dirsync/reqmain-receive';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';
import { parseTxn, splitRecords } from '@/lib/dirsync/transactions';
import { guardContainerApply } from './container-guard';
import { requestorLink } from './dirsync-links';
import { dxEvent } from '../events/dx-events';
import { applyToContainer, containerImport } from './import-to-container';
import { returnRefusedDirsyncMail } from './return-refused-dirsync-mail';
import { connectorPo, type ServerRow } from '../servers/servers';
import { mailbagHeads } from '@/lib/dirsync/messages';

/**
 * T3 on an Exchange requestor, applied as soon as a reply arrives (KB Q149451): every SrvTx in
 * the connector postoffice's mailbag is received as REQMAIN -R would (acknowledging what the DSS
 * has), and its transactions are applied to the Import Container at once — unless the delete
 * guard holds them (they stay in SRVTRANS, docs/engine.md "Delete guard").
 */
export function dxaRequestorReceive(db: Db, server: ServerRow): StepResult {
  return recordRun(db, 'DXA T3', () => server.name, () => {
    const po = connectorPo(db, server);
    // Delivery Restrictions: a reply from a refused sender goes back unread, and nothing is applied.
    const returned = returnRefusedDirsyncMail(db, server, ['SrvTx']);
    if (returned.length && mailbagHeads(db, po.id, ['SrvTx']).length === 0) return { lines: returned };
    const received = reqmainReceive(db, poKey(po));
    const applied = applyReceivedToContainer(db, server, true, received.lines);
    if ('fatal' in applied) return { lines: [...returned, ...received.lines], fatal: applied.fatal };
    return { lines: [...returned, ...received.lines, applied.result] };
  });
}

/** SRVTRANS of the connector postoffice into the Import Container (guarded unless `guard` is false); SRVTRANS is emptied. */
export function applyReceivedToContainer(db: Db, server: ServerRow, guard: boolean, received: string[] = []) {
  const po = connectorPo(db, server);
  const link = requestorLink(db, server)!;
  return guardContainerApply(db, server, 'SRVTRANS', guard, () => {
    const types = new Set(reqconfOf(db, po.id).types.split(','));
    const ctx = containerImport(db, server, link.id, types);
    const rows = stmt(db, 'select body from srvtrans where po_id = ? order by id').all(po.id) as { body: string }[];
    for (const row of rows) for (const text of splitRecords(row.body)) applyToContainer(db, ctx, parseTxn(text));
    stmt(db, 'delete from srvtrans where po_id = ?').run(po.id);
    const c = ctx.counts;
    const line = `Import Container ${link.importContainer}: ${c.created} created, ${c.changed} changed, ${c.deleted} deleted`;
    dxEvent(db, server, 'srvTxApplied', received.length ? `${received.join(' ')}. ${line}.` : `${line}.`);
    return { result: line, ctx };
  });
}
