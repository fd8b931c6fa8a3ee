import type { Db } from '@/db/client';
import { conflict, notFound, usage } from '@/lib/dirsync/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { step, stmt } from '@/lib/dirsync/statements';
import { resolveServer, type ServerRow } from './servers';

/**
 * The MS Mail Connector's Connector MTAs tab (exchange-admin-reference.md 2.6): the Connector (PC)
 * MTA instances, each a Windows NT service of its own, and the postoffices each services.
 *
 * The New / Configure dialog's rules: Service Name up to 30 characters, letters and spaces only,
 * fixed once created; "Check for mail every" (default 5) and "Update configuration every"
 * (default 60) are whole numbers of minutes, 1 to 999. A running instance keeps the interval it
 * read when it started: a change applies after the service is restarted.
 *
 * Connection Parameters: LAN, Async and LAN, or X.25 and LAN. One instance serves one connection
 * type (xog10009): a LAN instance services LAN connections only; an "Async and LAN" instance
 * services Async connections and LAN ones (its LAN component), likewise "X.25 and LAN" for X.25.
 * Indirect connections are never serviced themselves: the instance servicing their "via"
 * postoffice carries their mail. Communication Port (COM1–COM256, default COM1) belongs to an
 * "Async and LAN" instance only; it is kept when the type changes.
 */

export const MTA_CONNECTION_TYPES = ['LAN', 'Async and LAN', 'X.25 and LAN'] as const;
export type MtaConnectionType = (typeof MTA_CONNECTION_TYPES)[number];
export const COM_PORT_MAX = 256;

export interface PcMtaOptions {
  /** Check for mail every N minutes (1–999). */
  pollMinutes?: number | string;
  /** Update configuration every N minutes (1–999). */
  configMinutes?: number | string;
  /** Logging: Sent at Serviced Postoffices. */
  logSent?: boolean;
  /** Logging: Received at Serviced Postoffices. */
  logReceived?: boolean;
  /** Postoffices Serviced, `NET/PO` each; replaces the list. Each needs a connection on the server. */
  services?: string[];
  /** Connection Parameters: `LAN`, `Async and LAN` (or `async`), `X.25 and LAN` (or `x25`). */
  connectionType?: string;
  /** Communication Port COM1–COM256: "Async and LAN" only. */
  comPort?: string;
  /** Configure…: the instance's revision when the dialog was opened; a save over a newer one is refused. */
  revision?: number;
}

export interface PcMtaDto {
  server: string;
  serviceName: string;
  pollMinutes: number;
  configMinutes: number;
  logSent: boolean;
  logReceived: boolean;
  /** Postoffices Serviced, `NET/PO`, by name. */
  services: string[];
  connectionType: MtaConnectionType;
  /** Communication Port; used by an "Async and LAN" instance only. */
  comPort: string;
  /** State of the instance's NT service. */
  state: 'Running' | 'Paused' | 'Stopped';
  /** The interval the running service reads (set when it started); null when it has not started. */
  runningPollMinutes: number | null;
  /** Simulation time (ISO) of the next poll while running; null otherwise. */
  nextPollAt: string | null;
  /** The service runs with an interval other than the configured one: restart it to apply. */
  restartNeeded: boolean;
}

export const SERVICE_NAME_MAX = 30;

/** Service Name: 1–30 characters, letters A–Z a–z and spaces, at least one letter; ends trimmed. */
export function checkServiceName(text: string): string {
  const name = text.trim();
  if (name.length === 0) throw usage('Service Name is required: give the Connector (PC) MTA a name of letters and spaces, e.g. "Microsoft PC MTA"', { code: 'pc-mta.name-missing', field: 'serviceName' });
  if (name.length > SERVICE_NAME_MAX) throw usage(`Service Name "${name}" is ${name.length} characters: it can be at most ${SERVICE_NAME_MAX}`, { code: 'pc-mta.name-too-long', field: 'serviceName' });
  const bad = name.match(/[^A-Za-z ]/);
  if (bad) throw usage(`Service Name "${name}" contains "${bad[0]}": only the letters A–Z, a–z and spaces are allowed`, { code: 'pc-mta.name-invalid', field: 'serviceName' });
  return name;
}

/** Connection Parameters in any case; `async`, `x25` and `x.25` name the two combined types. */
export function checkConnectionType(text: string): MtaConnectionType {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const found = MTA_CONNECTION_TYPES.find((c) => c.toLowerCase() === t) ?? (t === 'async' ? 'Async and LAN' : t === 'x25' || t === 'x.25' ? 'X.25 and LAN' : undefined);
  if (!found) throw usage(`Connection Parameters "${text.trim()}" is not one of LAN, Async and LAN, X.25 and LAN`, { code: 'pc-mta.type-invalid', field: 'connectionType' });
  return found;
}

/** Communication Port: COM1 to COM256 (xog10016), any case. */
export function checkComPort(text: string): string {
  const m = /^com([1-9]\d{0,2})$/i.exec(text.trim());
  if (!m || Number(m[1]) > COM_PORT_MAX) throw usage(`Communication Port "${text.trim()}" is not one of COM1 to COM${COM_PORT_MAX}`, { code: 'pc-mta.port-invalid', field: 'comPort' });
  return `COM${m[1]}`;
}

/** A minutes field of the dialog: a whole number 1–999. */
export function checkMinutes(label: string, value: number | string): number {
  const text = String(value).trim();
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 999) throw usage(`"${label}" must be a whole number of minutes from 1 to 999; got "${text}"`, { code: 'pc-mta.minutes-invalid', field: label === 'Update configuration every' ? 'configMinutes' : 'pollMinutes' });
  return n;
}

interface MtaRow {
  id: number;
  serviceName: string;
  pollMinutes: number;
  configMinutes: number;
  logSent: number;
  logReceived: number;
  connectionType: MtaConnectionType;
  comPort: string;
  runningPollMinutes: number | null;
  nextPollAt: number | null;
  state: 'Running' | 'Paused' | 'Stopped' | null;
}

const mtaColumns = `m.id, m.service_name as serviceName, m.poll_minutes as pollMinutes, m.config_minutes as configMinutes,
  m.log_sent as logSent, m.log_received as logReceived, m.connection_type as connectionType, m.com_port as comPort, m.running_poll_minutes as runningPollMinutes,
  m.next_poll_at as nextPollAt, s.state
  from pc_mta m left join exchange_service s on s.mta_id = m.id`;

/** An instance by name (case-insensitive, as NT service names are). */
function findMta(db: Db, server: ServerRow, name: string): MtaRow | undefined {
  return stmt(db, `select ${mtaColumns} where m.server_id = ? and m.service_name = ? collate nocase`).get(server.id, name.trim()) as MtaRow | undefined;
}

function resolveMta(db: Db, server: ServerRow, name: string): MtaRow {
  const row = findMta(db, server, name);
  if (!row) {
    throw notFound(`${server.name} has no Connector (PC) MTA "${name.trim()}": "dirsync exchange mta list ${server.name}" shows its instances`, { code: 'pc-mta.not-found' });
  }
  return row;
}

function toDto(db: Db, server: ServerRow, row: MtaRow): PcMtaDto {
  const services = (
    stmt(
      db,
      'select p.network, p.name from pc_mta_postoffice s join postoffice p on p.id = s.po_id where s.mta_id = ? order by p.network, p.name',
    ).all(row.id) as { network: string; name: string }[]
  ).map(poKey);
  const state = row.state ?? 'Stopped';
  const running = state !== 'Stopped' && row.runningPollMinutes !== null;
  return {
    server: server.name,
    serviceName: row.serviceName,
    pollMinutes: row.pollMinutes,
    configMinutes: row.configMinutes,
    logSent: !!row.logSent,
    logReceived: !!row.logReceived,
    services,
    connectionType: row.connectionType,
    comPort: row.comPort,
    state,
    runningPollMinutes: row.runningPollMinutes,
    nextPollAt: row.nextPollAt === null ? null : new Date(row.nextPollAt).toISOString(),
    restartNeeded: running && row.runningPollMinutes !== row.pollMinutes,
  };
}

/**
 * The serviced postoffices, checked: each exists, has a direct connection on this server, and an
 * instance of `type` may service it (LAN any; Async only "Async and LAN"; X.25 only "X.25 and LAN").
 */
function servicedPos(db: Db, server: ServerRow, list: string[], type: MtaConnectionType): number[] {
  const ids = new Map<number, string>();
  for (const text of list.map((s) => s.trim()).filter((s) => s !== '')) {
    const name = parsePoName(text);
    const key = poKey(name);
    const po = findPo(db, name);
    if (!po) throw notFound(`Postoffices Serviced: postoffice ${key} does not exist`, { code: 'pc-mta.serviced-not-found', field: 'services' });
    const connected = stmt(
      db,
      'select c.kind, v.network, v.name from connector_connection c left join postoffice v on v.id = c.via_po_id where c.server_id = ? and c.po_id = ?',
    ).get(server.id, po.id) as { kind: string; network: string | null; name: string | null } | undefined;
    if (!connected) {
      throw usage(`Postoffices Serviced: ${key} has no connection on ${server.name}'s MS Mail Connector: add one first with "dirsync exchange connection add ${server.name} ${key}"`, { code: 'pc-mta.serviced-not-connected', field: 'services' });
    }
    if (connected.kind === 'Indirect') {
      const via = `${connected.network}/${connected.name}`;
      throw usage(`Postoffices Serviced: ${key} is an indirect connection through ${via}: service ${via} instead, and its mail for ${key} goes through it`, { code: 'pc-mta.serviced-indirect', field: 'services' });
    }
    const needs = connected.kind === 'Async' ? 'Async and LAN' : connected.kind === 'X.25' ? 'X.25 and LAN' : null;
    if (needs && type !== needs) {
      throw usage(`Postoffices Serviced: ${key} is an ${connected.kind} connection: only a Connector (PC) MTA whose Connection Parameters is "${needs}" can service it, and this one is "${type}" — choose ${needs}, or service ${key} with another instance`, { code: 'pc-mta.serviced-wrong-kind', field: 'services' });
    }
    ids.set(po.id, key);
  }
  return [...ids.keys()];
}

function writeServices(db: Db, mtaId: number, poIds: number[]): void {
  stmt(db, 'delete from pc_mta_postoffice where mta_id = ?').run(mtaId);
  const add = stmt(db, 'insert into pc_mta_postoffice (mta_id, po_id) values (?, ?)');
  for (const id of poIds) add.run(mtaId, id);
}

/** Communication Port given for a type without one is refused; undefined keeps (or defaults) the port. */
function checkComPortFor(type: MtaConnectionType, comPort: string | undefined): string | undefined {
  if (comPort === undefined || comPort.trim() === '') return undefined;
  if (type !== 'Async and LAN') {
    throw usage(`Communication Port is used only by an "Async and LAN" Connector (PC) MTA; this one is "${type}": choose Async and LAN, or leave the port out`, { code: 'pc-mta.port-not-async', field: 'comPort' });
  }
  return checkComPort(comPort);
}

/** Connector MTAs tab ▸ New…: a new instance and its NT service (Stopped: a new service must be started). */
export function addPcMta(db: Db, serverName: string, serviceName: string, opts: PcMtaOptions = {}): PcMtaDto {
  const name = checkServiceName(serviceName);
  const poll = checkMinutes('Check for mail every', opts.pollMinutes ?? 5);
  const config = checkMinutes('Update configuration every', opts.configMinutes ?? 60);
  const type = checkConnectionType(opts.connectionType ?? 'LAN');
  const comPort = checkComPortFor(type, opts.comPort);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const taken = stmt(db, 'select name from exchange_service where server_id = ? and name = ? collate nocase').get(server.id, name) as
      | { name: string }
      | undefined;
    if (taken || findMta(db, server, name)) {
      throw conflict(`Service Name "${name}": a service named "${taken?.name ?? name}" already exists on ${server.name}; choose another name`, { code: 'pc-mta.name-taken', field: 'serviceName' });
    }
    const poIds = servicedPos(db, server, opts.services ?? [], type);
    const { id } = stmt(
      db,
      `insert into pc_mta (server_id, service_name, poll_minutes, config_minutes, log_sent, log_received, connection_type, com_port)
       values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    ).get(server.id, name, poll, config, opts.logSent ? 1 : 0, opts.logReceived ? 1 : 0, type, comPort ?? 'COM1') as { id: number };
    writeServices(db, id, poIds);
    stmt(db, "insert into exchange_service (server_id, name, display_name, mta_id, state) values (?, ?, ?, ?, 'Stopped')").run(server.id, name, name, id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return toDto(db, server, resolveMta(db, server, name));
  });
}

/** Connector MTAs tab ▸ Configure…: change an instance (its name is fixed). A new interval applies after a restart. */
export function setPcMta(db: Db, serverName: string, serviceName: string, opts: PcMtaOptions): PcMtaDto {
  const poll = opts.pollMinutes === undefined ? undefined : checkMinutes('Check for mail every', opts.pollMinutes);
  const config = opts.configMinutes === undefined ? undefined : checkMinutes('Update configuration every', opts.configMinutes);
  const newType = opts.connectionType === undefined ? undefined : checkConnectionType(opts.connectionType);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = resolveMta(db, server, serviceName);
    if (opts.revision !== undefined && opts.revision !== mtaRevision(db, row.id)) {
      throw conflict(`The Connector (PC) MTA "${row.serviceName}" was changed by someone else since you opened it: close it and open it again`, { code: 'revision.changed' });
    }
    const type = newType ?? row.connectionType;
    const comPort = checkComPortFor(type, opts.comPort);
    // A new type is checked against the list it will service: the new one, or the current one.
    const current = toDto(db, server, row).services;
    const poIds = opts.services === undefined && newType === undefined ? undefined : servicedPos(db, server, opts.services ?? current, type);
    stmt(
      db,
      `update pc_mta set poll_minutes = ?, config_minutes = ?, log_sent = ?, log_received = ?, connection_type = ?, com_port = ?, revision = revision + 1 where id = ?`,
    ).run(
      poll ?? row.pollMinutes,
      config ?? row.configMinutes,
      opts.logSent === undefined ? row.logSent : opts.logSent ? 1 : 0,
      opts.logReceived === undefined ? row.logReceived : opts.logReceived ? 1 : 0,
      type,
      comPort ?? row.comPort,
      row.id,
    );
    if (poIds) writeServices(db, row.id, poIds);
    return toDto(db, server, resolveMta(db, server, row.serviceName));
  });
}

/** Connector MTAs tab ▸ Remove: refused while the instance's service runs. */
export function removePcMta(db: Db, serverName: string, serviceName: string): { server: string; serviceName: string } {
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = resolveMta(db, server, serviceName);
    if (row.state === 'Running' || row.state === 'Paused') {
      throw conflict(`the Connector (PC) MTA service "${row.serviceName}" on ${server.name} is ${row.state.toLowerCase()}: stop it first (dirsync service stop ${server.name} "${row.serviceName}")`, { code: 'pc-mta.running' });
    }
    stmt(db, 'delete from exchange_service where mta_id = ?').run(row.id);
    stmt(db, 'delete from pc_mta_postoffice where mta_id = ?').run(row.id);
    stmt(db, 'delete from pc_mta where id = ?').run(row.id);
    stmt(db, 'update ms_mail_connector set revision = revision + 1 where server_id = ?').run(server.id);
    return { server: server.name, serviceName: row.serviceName };
  });
}

/** The revision of an instance (raised by each Configure…). */
export function mtaRevision(db: Db, mtaId: number): number {
  return (stmt(db, 'select revision from pc_mta where id = ?').get(mtaId) as { revision: number }).revision;
}

/** The MS Mail Connector (PC) MTA Services list of a server, by name. */
export function pcMtas(db: Db, serverName: string): PcMtaDto[] {
  const server = resolveServer(db, serverName);
  const rows = stmt(db, `select ${mtaColumns} where m.server_id = ? order by m.service_name collate nocase`).all(server.id) as MtaRow[];
  return rows.map((r) => toDto(db, server, r));
}

/** One instance. */
export function pcMta(db: Db, serverName: string, serviceName: string): PcMtaDto {
  const server = resolveServer(db, serverName);
  return toDto(db, server, resolveMta(db, server, serviceName));
}
