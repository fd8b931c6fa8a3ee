import type { Db } from '@/db/client';
import { notFound, usage } from '@/lib/core/errors';
import { parsePoName, poKey } from '@/lib/dirsync/names';
import { findPo } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';
import { type ServerRow } from '../servers/servers';

/**
 * The MS Mail Connector's Connector MTAs tab (docs/exchange.md, "MS Mail Connector and the PC MTA"): the Connector (PC)
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

export const SERVICE_NAME_MAX = 30;

/** Service Name: 1–30 characters, letters A–Z a–z and spaces, at least one letter; ends trimmed. */
export function checkServiceName(text: string): string {
  const name = text.trim();
  if (name.length === 0) throw usage('Service Name is required: give the Connector (PC) MTA a name of letters and spaces, e.g. "Microsoft PC MTA"');
  if (name.length > SERVICE_NAME_MAX) throw usage(`Service Name "${name}" is ${name.length} characters: it can be at most ${SERVICE_NAME_MAX}`);
  const bad = name.match(/[^A-Za-z ]/);
  if (bad) throw usage(`Service Name "${name}" contains "${bad[0]}": only the letters A–Z, a–z and spaces are allowed`);
  return name;
}

/** Connection Parameters in any case; `async`, `x25` and `x.25` name the two combined types. */
export function checkConnectionType(text: string): MtaConnectionType {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const found = MTA_CONNECTION_TYPES.find((c) => c.toLowerCase() === t) ?? (t === 'async' ? 'Async and LAN' : t === 'x25' || t === 'x.25' ? 'X.25 and LAN' : undefined);
  if (!found) throw usage(`Connection Parameters "${text.trim()}" is not one of LAN, Async and LAN, X.25 and LAN`);
  return found;
}

/** Communication Port: COM1 to COM256 (xog10016), any case. */
export function checkComPort(text: string): string {
  const m = /^com([1-9]\d{0,2})$/i.exec(text.trim());
  if (!m || Number(m[1]) > COM_PORT_MAX) throw usage(`Communication Port "${text.trim()}" is not one of COM1 to COM${COM_PORT_MAX}`);
  return `COM${m[1]}`;
}

/** A minutes field of the dialog: a whole number 1–999. */
export function checkMinutes(label: string, value: number | string): number {
  const text = String(value).trim();
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 999) throw usage(`"${label}" must be a whole number of minutes from 1 to 999; got "${text}"`);
  return n;
}

/**
 * The serviced postoffices, checked: each exists, has a direct connection on this server, and an
 * instance of `type` may service it (LAN any; Async only "Async and LAN"; X.25 only "X.25 and LAN").
 */
export function servicedPos(db: Db, server: ServerRow, list: string[], type: MtaConnectionType): number[] {
  const ids = new Map<number, string>();
  for (const text of list.map((s) => s.trim()).filter((s) => s !== '')) {
    const name = parsePoName(text);
    const key = poKey(name);
    const po = findPo(db, name);
    if (!po) throw notFound(`Postoffices Serviced: postoffice ${key} does not exist`);
    const connected = stmt(
      db,
      'select c.kind, v.network, v.name from connector_connection c left join postoffice v on v.id = c.via_po_id where c.server_id = ? and c.po_id = ?',
    ).get(server.id, po.id) as { kind: string; network: string | null; name: string | null } | undefined;
    if (!connected) {
      throw usage(
        `Postoffices Serviced: ${key} has no connection on ${server.name}'s MS Mail Connector: add one first with "dirsync exchange connection add ${server.name} ${key}"`,
      );
    }
    if (connected.kind === 'Indirect') {
      const via = `${connected.network}/${connected.name}`;
      throw usage(`Postoffices Serviced: ${key} is an indirect connection through ${via}: service ${via} instead, and its mail for ${key} goes through it`);
    }
    const needs = connected.kind === 'Async' ? 'Async and LAN' : connected.kind === 'X.25' ? 'X.25 and LAN' : null;
    if (needs && type !== needs) {
      throw usage(
        `Postoffices Serviced: ${key} is an ${connected.kind} connection: only a Connector (PC) MTA whose Connection Parameters is "${needs}" can service it, and this one is "${type}" — choose ${needs}, or service ${key} with another instance`,
      );
    }
    ids.set(po.id, key);
  }
  return [...ids.keys()];
}

export function writeServices(db: Db, mtaId: number, poIds: number[]): void {
  stmt(db, 'delete from pc_mta_postoffice where mta_id = ?').run(mtaId);
  const add = stmt(db, 'insert into pc_mta_postoffice (mta_id, po_id) values (?, ?)');
  for (const id of poIds) add.run(mtaId, id);
}

/** Communication Port given for a type without one is refused; undefined keeps (or defaults) the port. */
export function checkComPortFor(type: MtaConnectionType, comPort: string | undefined): string | undefined {
  if (comPort === undefined || comPort.trim() === '') return undefined;
  if (type !== 'Async and LAN') {
    throw usage(`Communication Port is used only by an "Async and LAN" Connector (PC) MTA; this one is "${type}": choose Async and LAN, or leave the port out`);
  }
  return checkComPort(comPort);
}
