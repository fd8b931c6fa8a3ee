import type { Db } from '@/db/client';
import { mailbagHeads } from '@/lib/dirsync/messages';
import { dxaRequestorReceive } from './dxa-requestor-receive';
import { serviceState } from '../services/services';
import { dxaRole, type ServerRow } from '../servers/servers';

/**
 * Mail has reached the connector postoffice's mailbag: a running requestor DXA applies replies at
 * once. A dirsync server's DXA leaves requests there for its next T2; a stopped or paused DXA
 * leaves everything until it runs again.
 */
export function dxaOnArrival(db: Db, server: ServerRow): { lines: string[] } {
  if (dxaRole(db, server) !== 'requestor' || serviceState(db, server, 'MSExchangeDX') !== 'Running') return { lines: [] };
  if (mailbagHeads(db, server.connectorPoId, ['SrvTx']).length === 0) return { lines: [] };
  return dxaRequestorReceive(db, server);
}
