import type { Db } from '@/db/client';
import { poKey } from '@/lib/dirsync/names';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { reqmainTransmit } from '@/lib/dirsync/reqmain-transmit';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';
import { requestorLink } from './dirsync-links';
import { dxEvent } from '../events/dx-events';
import { fullExport } from './export-recipients';
import { connectorPo, dxaAddress, type ServerRow } from '../servers/servers';

/**
 * T1 of an Exchange requestor (its Schedule, or pausing MSExchangeDX): Export on next cycle first
 * makes a full export (one-shot), then the status report and update go from the DXA's
 * `…/SYSTEM1` address to the DSS, through the connector postoffice's queue.
 */
export function dxaRequestorTransmit(db: Db, server: ServerRow): StepResult {
  return recordRun(db, 'DXA T1', () => server.name, () => {
    const link = requestorLink(db, server)!;
    const po = connectorPo(db, server);
    if (link.exportNext) {
      fullExport(db, server);
      stmt(db, 'update dirsync_link set export_next = 0 where id = ?').run(link.id);
    }
    dxEvent(db, server, 'cycleStarted', `Directory synchronization requestor cycle (T1) started: sending updates to ${link.po}.`);
    const result = reqmainTransmit(db, poKey(po), { fromAddr: dxaAddress(db, server) });
    if (!result.fatal) dxEvent(db, server, 'cycleDone', `Messages sent to ${link.dirsyncAddress}:\n${result.lines.join('\n')}`);
    return result;
  });
}
