import type { Db } from '@/db/client';
import { notFound, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/core/statements';
import { checkAttempts, checkKind, checkPathFree, checkPhone, checkUnc, checkVia, checkX121, type ConnectionKind, refuseOtherKindsFields } from './connection-fields';
import { connectionDto, type ConnectionDto } from './connections';
import { resolveServer } from '../servers/servers';

/**
 * Connections tab ▸ Modify…: the fields of the connection's own kind. The postoffice and the kind
 * (Connection Parameters) are fixed, as in the old program: to connect a postoffice another way,
 * delete the connection and Create… it again. LAN: Postoffice Path and Connect As (the path rules
 * are Create's). Async: Phone number and Connection attempts. X.25: X.121 address and Connection
 * attempts. Indirect: Indirect via (another directly connected postoffice). A field left out keeps
 * its value; a field of another kind is refused.
 */
export interface ModifyConnectionInput {
  /** When given, must be the connection's kind: the kind cannot change. */
  kind?: string;
  uncPath?: string;
  connectAs?: string;
  phoneNumber?: string;
  x121Address?: string;
  connectionAttempts?: number | string;
  via?: string;
}

export function modifyConnection(db: Db, serverName: string, poSpec: string, input: ModifyConnectionInput): ConnectionDto {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const po = resolvePo(db, poSpec);
    const key = poKey(po);
    const row = stmt(
      db,
      `select id, kind, unc_path as uncPath, connect_as as connectAs, phone_number as phoneNumber, x121_address as x121Address,
        connection_attempts as attempts, via_po_id as viaId
       from connector_connection where server_id = ? and po_id = ?`,
    ).get(server.id, po.id) as
      | { id: number; kind: ConnectionKind; uncPath: string; connectAs: string; phoneNumber: string; x121Address: string; attempts: number; viaId: number | null }
      | undefined;
    if (!row) throw notFound(`${server.name}'s MS Mail Connector has no connection to ${key}`);
    if (input.kind !== undefined && checkKind(input.kind) !== row.kind) {
      throw usage(
        `Connection Parameters cannot be changed: ${key} is a${row.kind === 'LAN' ? '' : 'n'} ${row.kind} connection. To connect it as ${checkKind(input.kind)}, delete this connection and create a new one`,
      );
    }
    refuseOtherKindsFields(row.kind, input, key);
    const next = { ...row };
    if (row.kind === 'LAN') {
      if (input.uncPath !== undefined) next.uncPath = checkUnc(input.uncPath);
      if (input.connectAs !== undefined) next.connectAs = input.connectAs.trim();
      checkPathFree(db, server, next.uncPath, row.id);
    } else if (row.kind === 'Async') {
      if (input.phoneNumber !== undefined) next.phoneNumber = checkPhone(input.phoneNumber, key);
      if (input.connectionAttempts !== undefined) next.attempts = checkAttempts(input.connectionAttempts);
    } else if (row.kind === 'X.25') {
      if (input.x121Address !== undefined) next.x121Address = checkX121(input.x121Address, key);
      if (input.connectionAttempts !== undefined) next.attempts = checkAttempts(input.connectionAttempts);
    } else if (input.via !== undefined) {
      next.viaId = checkVia(db, server, input.via, key).id;
    }
    stmt(
      db,
      'update connector_connection set unc_path = ?, connect_as = ?, phone_number = ?, x121_address = ?, connection_attempts = ?, via_po_id = ? where id = ?',
    ).run(next.uncPath, next.connectAs, next.phoneNumber, next.x121Address, next.attempts, next.viaId, row.id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return connectionDto(db, server, key);
  });
}
