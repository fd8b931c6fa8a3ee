import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';

export interface DirsyncServerRow {
  name: string;
  administrator: string;
  copyAdministrator: number;
  forwardToAdministrator: number;
  style: 'never' | 'always' | 'selected';
  grid: string;
  revision: number;
}

export function dirsyncServerOf(db: Db, serverName: string): DirsyncServerRow | undefined {
  const server = resolveServer(db, serverName);
  return stmt(
    db,
    `select name, administrator, copy_administrator as copyAdministrator, forward_to_administrator as forwardToAdministrator,
       schedule_style as style, schedule as grid, revision from dirsync_server where server_id = ?`,
  ).get(server.id) as DirsyncServerRow | undefined;
}
