import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { poKey } from '@/lib/dirsync/names';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { srvconfOf, requireDss } from '@/lib/dirsync/dss';
import { reqconfOf } from '@/lib/dirsync/reqconf';
import { processTimes } from '@/lib/dirsync/process-times';
import { stmt } from '@/lib/core/statements';
import { connectionDto } from '@/lib/exchange/connector/connections';
import { directorySyncObject } from '@/lib/exchange/dxa/directory-sync-object';
import { findRemoteLink, requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import type { LoggingService } from '@/lib/exchange/services/diagnostics-categories';
import { resolveRecipient } from '@/lib/exchange/recipients/recipients';
import { valueName } from '@/lib/exchange/services/registry';
import { eventLogSettings } from '@/lib/exchange/events/event-log-settings';
import { loggingLevels } from '@/lib/exchange/services/logging-levels';
import { resolveServer } from '@/lib/exchange/servers/servers';

/**
 * The revision of each object a console form edits: what the form carries from the moment it was
 * opened, and what the action wrapper (lib/actions/safe-action.ts) compares inside the save's own
 * transaction, refusing with "changed by someone else since you opened it". Objects with a
 * `revision` column keep it; the others (postoffice settings, diagnostics levels, a connection, a
 * registry value) get a short keyed hash of their saved state, like an HTTP ETag, so no schema
 * change is needed. The hash is keyed because some states hold a secret (the Registration
 * password): a View Only Admin sees the revision in the page and must not be able to test
 * guesses against it.
 */
export interface OpenedObject {
  revision: string | number;
  /** What the refusal calls the object, e.g. "Keep Updates of ADMIN/DSS". */
  object: string;
}

const keys = new WeakMap<object, Buffer>();
const KEY_NAME = 'revision key';

/**
 * The database's hashing key: one random 64-bit number kept as a row of `counter` (made on first
 * use), so every process of the console computes the same revisions and a restart keeps them.
 */
function revisionKey(db: Db): Buffer {
  let key = keys.get(db.$client);
  if (key) return key;
  db.$client.prepare('insert or ignore into counter (name, value) values (?, ?)').run(KEY_NAME, randomBytes(8).readBigInt64BE());
  const value = db.$client.prepare('select value from counter where name = ?').safeIntegers(true).get(KEY_NAME) as { value: bigint };
  key = Buffer.alloc(8);
  key.writeBigInt64BE(value.value);
  keys.set(db.$client, key);
  return key;
}

/** A short keyed hash of an object's saved state: equal states, equal revisions. */
export function stateRevision(db: Db, state: unknown): string {
  return createHmac('sha256', revisionKey(db)).update(JSON.stringify(state)).digest('base64url').slice(0, 16);
}

// ---- MS Mail postoffice (app/(console)/msmail/[po]) ----

/** Config ▸ Dir-Sync ▸ Requestor ▸ Registration: the dirsync server named and the password. */
export function registrationRevision(db: Db, poSpec: string): OpenedObject {
  const po = resolvePo(db, poSpec);
  const rc = reqconfOf(db, po.id);
  return { revision: stateRevision(db, ['registration', po.id, rc.dss, rc.password]), object: `The Registration of ${poKey(po)}` };
}

/** Config ▸ Dir-Sync ▸ Requestor ▸ Types. */
export function typesRevision(db: Db, poSpec: string): OpenedObject {
  const po = resolvePo(db, poSpec);
  return { revision: stateRevision(db, ['types', po.id, reqconfOf(db, po.id).types]), object: `The Types setting of ${poKey(po)}` };
}

/** Config ▸ Dir-Sync ▸ Server ▸ Options ▸ Keep Updates (a dirsync server only). */
export function keepUpdatesRevision(db: Db, poSpec: string): OpenedObject {
  const po = resolvePo(db, poSpec);
  const sc = srvconfOf(db, po) ?? requireDss(db, po, 'Keep Updates');
  return { revision: stateRevision(db, ['keep-updates', po.id, sc.keepUpdates]), object: `Keep Updates of ${poKey(po)}` };
}

/** The Schedule (PROCESS.GLB): the times, not when each last ran. */
export function scheduleRevision(db: Db, poSpec: string): OpenedObject {
  const po = resolvePo(db, poSpec);
  const times = processTimes(db, po.id).map((p) => [p.t, p.minute]);
  return { revision: stateRevision(db, ['schedule', po.id, times]), object: `The Schedule of ${poKey(po)}` };
}

// ---- Exchange server objects without a revision column ----

/** A Diagnostics Logging tab: the levels set (not those in force) of the tab's services. */
export function loggingRevision(db: Db, serverName: string, services: readonly LoggingService[]): OpenedObject {
  const all = loggingLevels(db, serverName);
  const levels = all.rows.filter((r) => services.includes(r.service)).map((r) => [r.service, r.category, r.level]);
  return { revision: stateRevision(db, ['logging', all.server, levels]), object: `Diagnostics Logging of ${all.server}` };
}

/** Connections tab ▸ Modify…: the fields of one connection. */
export function connectionRevision(db: Db, serverName: string, poSpec: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const c = connectionDto(db, server, poKey(resolvePo(db, poSpec)));
  return {
    revision: stateRevision(db, ['connection', server.name, c.postoffice, c.kind, c.uncPath, c.connectAs, c.phoneNumber, c.x121Address, c.connectionAttempts, c.via]),
    object: `The connection to ${c.postoffice}`,
  };
}

/** One DXA registry value; a value not set has a revision too, so Add over someone's Add is refused. */
export function registryValueRevision(db: Db, serverName: string, nameText: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const name = valueName(nameText);
  const row = stmt(db, 'select data from registry_value where server_id = ? and name = ?').get(server.id, name) as { data: string } | undefined;
  return { revision: stateRevision(db, ['registry', server.name, name, row?.data ?? null]), object: `The registry value ${name} on ${server.name}` };
}

// ---- Objects with a revision column: the column is the revision ----

export function connectorRevision(db: Db, serverName: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const row = stmt(db, 'select revision from ms_mail_connector where server_id = ?').get(server.id) as { revision: number } | undefined;
  if (!row) throw notFound(`${server.name} has no MS Mail Connector`);
  return { revision: row.revision, object: `The MS Mail Connector (${server.name})` };
}

export function pcMtaRevision(db: Db, serverName: string, serviceName: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const row = stmt(db, 'select service_name as name, revision from pc_mta where server_id = ? and service_name = ? collate nocase').get(server.id, serviceName.trim()) as
    | { name: string; revision: number }
    | undefined;
  if (!row) throw notFound(`${server.name} has no Connector (PC) MTA "${serviceName}"`);
  return { revision: row.revision, object: `The Connector (PC) MTA "${row.name}"` };
}

export function directorySyncRevision(db: Db, serverName: string): OpenedObject {
  const server = resolveServer(db, serverName);
  return { revision: directorySyncObject(db, server).revision, object: `The Directory Synchronization object of ${server.name}` };
}

export function dirsyncServerRevision(db: Db, serverName: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const row = stmt(db, 'select name, revision from dirsync_server where server_id = ?').get(server.id) as { name: string; revision: number } | undefined;
  if (!row) throw notFound(`${server.name} is not the dirsync server: make it one with File ▸ New Other ▸ Dirsync Server`);
  return { revision: row.revision, object: row.name };
}

export function dirsyncRequestorRevision(db: Db, serverName: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const link = requestorLink(db, server);
  if (!link) throw notFound(`${server.name} has no Dirsync Requestor`);
  return { revision: link.revision, object: link.name };
}

export function remoteRequestorRevision(db: Db, serverName: string, which: string): OpenedObject {
  const server = resolveServer(db, serverName);
  const link = findRemoteLink(db, server, which);
  if (!link) throw notFound(`${server.name} has no Remote Dirsync Requestor "${which}"`);
  return { revision: link.revision, object: link.name };
}

export function recipientRevision(db: Db, serverName: string, alias: string): OpenedObject {
  const r = resolveRecipient(db, resolveServer(db, serverName), alias);
  return { revision: r.revision, object: r.displayName };
}

export function logSettingsRevision(db: Db, computer: string): OpenedObject {
  const s = eventLogSettings(db, computer);
  return { revision: s.revision, object: `The Application log of ${s.computer}` };
}
