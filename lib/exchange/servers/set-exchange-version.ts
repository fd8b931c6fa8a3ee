import type { Db } from '@/db/client';
import type { ExchangeVersion } from '@/db/schema';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer, type ServerRow } from './servers';

/** Change a server's version (an upgrade or, for experiments, a downgrade); services keep running. */
export function setExchangeVersion(db: Db, serverName: string, version: ExchangeVersion): ServerRow {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    stmt(db, 'update exchange_server set version = ?, revision = revision + 1 where id = ?').run(version, server.id);
    return { ...server, version };
  });
}
