import type { Db } from '@/db/client';
import { conflict } from '@/lib/dirsync/errors';
import { poKey } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/dirsync/statements';
import { dailyAt, parseSchedule } from './schedule-grid';
import { connectorPo, dxaRole, resolveServer } from './servers';

export interface DirsyncServerInput {
  name?: string;
  /** `always`, `never` or selected hours (schedule-grid.ts); default every day at 01:00. */
  schedule?: string;
  administrator?: string;
  copyAdministrator?: boolean;
  forwardToAdministrator?: boolean;
}

/**
 * File ▸ New Other ▸ Dirsync Server, or a change to it: the server's DXA becomes the network's
 * dirsync server. Its connector postoffice gets SRVCONF (with its own record first) and MSTTRANS.
 */
export function saveDirsyncServer(db: Db, serverName: string, input: DirsyncServerInput = {}): { created: boolean } {
  const schedule = input.schedule === undefined ? undefined : parseSchedule(input.schedule);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const existing = stmt(db, 'select name from dirsync_server where server_id = ?').get(server.id) as { name: string } | undefined;
    if (!existing) {
      if (dxaRole(db, server) === 'requestor') {
        throw conflict(`${server.name} is a dirsync requestor (it has a Dirsync Requestor object): delete that first; a server is either the dirsync server or a requestor`);
      }
      const po = connectorPo(db, server);
      const other = stmt(db, "select p.network || '/' || p.name as name from srvconf s join postoffice p on p.id = s.po_id where p.network = ?").get(
        po.network,
      ) as { name: string } | undefined;
      if (other) throw conflict(`network ${po.network} already has a dirsync server, ${other.name}: only one per MS Mail system`);
      stmt(db, 'insert into dirsync_server (server_id, schedule) values (?, ?)').run(server.id, dailyAt(1));
      stmt(db, 'insert into srvconf (po_id) values (?)').run(po.id);
      stmt(db, 'insert into srv_requestor (dss_po_id, requestor) values (?, ?)').run(po.id, poKey(po));
      stmt(db, "update reqconf set dss = ?, password = '' where po_id = ?").run(poKey(po), po.id);
    }
    stmt(
      db,
      `update dirsync_server set name = coalesce(?, name), administrator = coalesce(?, administrator),
         copy_administrator = coalesce(?, copy_administrator), forward_to_administrator = coalesce(?, forward_to_administrator),
         schedule_style = coalesce(?, schedule_style), schedule = case when ? is null then schedule when ? = 'selected' then ? else schedule end,
         revision = revision + 1 where server_id = ?`,
    ).run(
      input.name?.trim() || null,
      input.administrator ?? null,
      input.copyAdministrator === undefined ? null : input.copyAdministrator ? 1 : 0,
      input.forwardToAdministrator === undefined ? null : input.forwardToAdministrator ? 1 : 0,
      schedule?.style ?? null,
      schedule?.style ?? null,
      schedule?.style ?? null,
      schedule?.grid ?? null,
      server.id,
    );
    return { created: !existing };
  });
}

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
