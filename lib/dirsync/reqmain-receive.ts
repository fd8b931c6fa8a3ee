import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { writeLog } from './log';
import { deleteMessage, mailbagHeads } from './messages';
import { resolvePo } from './postoffices';
import { poKey } from './names';
import { reqconfOf, type StepResult } from './reqconf';
import { stmt } from '@/lib/core/statements';
import { noteMessage, recordRun } from '@/lib/history/record-run';

/**
 * T3 receive (`reqmain -r`): read every SrvTx in the mailbag in arrival order. An echoed R equal
 * to the pending R acknowledges REQTRANS; the transactions go to SRVTRANS for `import -q`.
 */
export function reqmainReceive(db: Db, poSpec: string): StepResult {
  let at = poSpec;
  return recordRun(db, 'T3 receive', () => at, () => {
    const po = resolvePo(db, poSpec);
    at = poKey(po);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 101, 'Begin execution REQMAIN -R');
    let received = 0;
    for (const m of mailbagHeads(db, po.id, ['SrvTx'])) {
      const rc = reqconfOf(db, po.id);
      // A duplicate of an older reply would move SrvSync backwards: it is already applied. A reply
      // to this requestor's latest request (it echoes the S sent) is applied even so: a restored
      // dirsync server answering with a full Import Reply from its lower numbers.
      if (m.s >= rc.srvSync || m.was === rc.srvSync) {
        if (rc.pendingR !== null && m.r === rc.pendingR) {
          stmt(db, 'update reqconf set req_sync = max(req_sync, ?) where po_id = ?').run(m.r, po.id);
          stmt(db, 'delete from reqtrans where po_id = ? and sync <= ?').run(po.id, m.r);
        }
        stmt(db, "update reqconf set srv_sync = ?, last_outcome = 'OK' where po_id = ?").run(m.s, po.id);
        // The attachment (~5 MB for a first sync) goes to SRVTRANS by SQL, never through JavaScript.
        if (m.n > 0) {
          stmt(db, 'insert into srvtrans (po_id, stamp, numbers, body) select ?, ?, ?, attachment from message_body where message_id = ?').run(
            po.id,
            now(db),
            m.numbers,
            m.id,
          );
        }
        received += m.n;
      }
      deleteMessage(db, m.id);
      noteMessage(db, 'read', m);
    }
    writeLog(db, po.id, 'DIRSYNC', 'Status', 105, `ReqRx received ${received} updates`);
    writeLog(db, po.id, 'DIRSYNC', 'Status', 102, 'End process REQMAIN -R');
    return { lines: [`ReqRx received ${received} updates`] };
  });
}
