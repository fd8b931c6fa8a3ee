import type { Db } from '@/db/client';
import { conflict } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';
import { resolveMta } from './pc-mtas';

/** Connector MTAs tab ▸ Remove: refused while the instance's service runs. */
export function removePcMta(db: Db, serverName: string, serviceName: string): { server: string; serviceName: string } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = resolveMta(db, server, serviceName);
    if (row.state === 'Running' || row.state === 'Paused') {
      throw conflict(
        `the Connector (PC) MTA service "${row.serviceName}" on ${server.name} is ${row.state.toLowerCase()}: stop it first (dirsync service stop ${server.name} "${row.serviceName}")`,
      );
    }
    stmt(db, 'delete from exchange_service where mta_id = ?').run(row.id);
    stmt(db, 'delete from pc_mta_postoffice where mta_id = ?').run(row.id);
    stmt(db, 'delete from pc_mta where id = ?').run(row.id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { server: server.name, serviceName: row.serviceName };
  });
}
