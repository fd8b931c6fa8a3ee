import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';

/** Address Space tab entries of a server's MS Mail Connector. */
export function addressSpaces(db: Db, serverName: string): { type: string; address: string; cost: number }[] {
  const server = resolveServer(db, serverName);
  return stmt(db, 'select type, address, cost from address_space where server_id = ? order by type, address').all(server.id) as {
    type: string;
    address: string;
    cost: number;
  }[];
}
