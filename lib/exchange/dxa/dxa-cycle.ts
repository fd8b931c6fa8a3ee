import type { Db } from '@/db/client';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { dxaRequestorTransmit } from './dxa-requestor-transmit';
import { dxaServerCycle } from './dxa-server-cycle';
import { dxaRole, type ServerRow } from '../servers/servers';

/** A DXA cycle now: T2 on a dirsync server, T1 on a requestor (KB Q146738). */
export function dxaCycleNow(db: Db, server: ServerRow): StepResult {
  const role = dxaRole(db, server);
  if (role === 'server') return dxaServerCycle(db, server);
  if (role === 'requestor') return dxaRequestorTransmit(db, server);
  return { lines: [`${server.name} has neither a Dirsync Server nor a Dirsync Requestor object: no cycle to run`] };
}
