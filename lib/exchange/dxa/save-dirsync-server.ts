import type { Db } from '@/db/client';
import { conflict, usage } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { step, stmt } from '@/lib/core/statements';
import { findRecipient } from '../recipients/recipients';
import { dailyAt, toSchedule, type Schedule } from './schedule-grid';
import { connectorPo, dxaRole, resolveServer, type ServerRow } from '../servers/servers';

export interface DirsyncServerInput {
  name?: string;
  /** `always`, `never` or selected hours (schedule-grid.ts), or the Schedule tab's style and grid; default every day at 01:00. */
  schedule?: string | Schedule;
  /** Dirsync administrator: a mailbox of the site (alias or display name); empty for none. */
  administrator?: string;
  copyAdministrator?: boolean;
  forwardToAdministrator?: boolean;
  /** File ▸ New Other ▸ Dirsync Server: refused when the server already has one. */
  create?: boolean;
  /** The revision the property sheet was opened at: a save over a newer one is refused. */
  revision?: number;
}

/**
 * File ▸ New Other ▸ Dirsync Server, or a change to it: the server's DXA becomes the network's
 * dirsync server. Its connector postoffice gets SRVCONF (with its own record first) and MSTTRANS.
 */
export function saveDirsyncServer(db: Db, serverName: string, input: DirsyncServerInput = {}): { created: boolean } {
  const schedule = input.schedule === undefined ? undefined : toSchedule(input.schedule);
  const name = input.name === undefined ? undefined : input.name.trim();
  if (name !== undefined && (!name || name.length > 64 || /[\t\r\n]/.test(name))) throw usage(`Name "${input.name}" must be 1 to 64 characters on one line`);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const existing = stmt(db, 'select name, revision from dirsync_server where server_id = ?').get(server.id) as { name: string; revision: number } | undefined;
    if (existing && input.create) throw conflict(`${server.name} already has a Dirsync Server, "${existing.name}": open it from Connections`);
    if (existing && input.revision !== undefined && input.revision !== existing.revision) {
      throw conflict(`${existing.name} was changed by someone else since you opened it: close it and open it again`);
    }
    const administrator = input.administrator === undefined ? undefined : checkAdministrator(db, server, input.administrator);
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
      name || null,
      administrator ?? null,
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

/** The Dirsync administrator must be a mailbox of the site (the old program's address-book picker offers no other). */
function checkAdministrator(db: Db, server: ServerRow, who: string): string {
  const w = who.trim();
  if (!w) return '';
  const byAlias = findRecipient(db, server, w);
  const mailbox =
    byAlias?.kind === 'mailbox'
      ? byAlias.alias
      : (stmt(db, "select alias from recipient where site_id = ? and display_name = ? collate nocase and kind = 'mailbox'").get(server.siteId, w) as { alias: string } | undefined)?.alias;
  if (!mailbox) throw usage(`Dirsync administrator "${w}" is not a mailbox in site ${server.site}`);
  return mailbox;
}
