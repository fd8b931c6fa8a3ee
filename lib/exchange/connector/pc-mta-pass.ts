import type { Db } from '@/db/client';
import { now } from '@/lib/core/clock';
import { notFound } from '@/lib/core/errors';
import { attachmentLengthColumn } from '@/lib/dirsync/messages';
import { poKey } from '@/lib/dirsync/names';
import { poById } from '@/lib/dirsync/postoffices';
import { nextCounter, stmt } from '@/lib/core/statements';
import { noteMessage, recordRun } from '@/lib/history/record-run';
import { dxaOnArrival } from '../dxa/dxa-arrival';
import { logEvent } from '../events/log-event';
import { resolveServer, serverById, type ServerRow } from '../servers/servers';

/**
 * One pass of a Connector (PC) MTA instance (docs/exchange.md, "MS Mail Connector and the PC MTA"): one hop in each
 * direction between the connector postoffice and the MS Mail postoffices the instance services.
 *
 * (a) Every message in the connector postoffice's queue (OUTBOUND) whose destination is a serviced
 *     postoffice is delivered into that postoffice's SYSTEM mailbag: event 4395 `Sent` (it leaves
 *     `\\<SERVER>\MAILDAT$`) and 4355 `Moved In` (it arrives on `\\<FILESERVER>\MAILDATA`).
 * (b) Every message in a serviced postoffice's P1 directory or outbound queue whose destination is
 *     the connector postoffice is delivered into the connector postoffice's SYSTEM mailbag: 4395
 *     `Moved Out` and 4355 `Received`.
 * A message for an Indirect connection's postoffice goes to its "via" postoffice when the instance
 * services that one: into the via postoffice's outbound queue for it, from where the via
 * postoffice's own MS Mail transport (External) carries it on; mail from the indirect postoffice
 * reaches the via postoffice the same way (see `external-pass.ts`) and is picked up there by (b).
 * Only connections the instance's Connection Parameters allow are serviced (an Async one by an
 * "Async and LAN" instance, X.25 by "X.25 and LAN"; `pc-mta-fields.ts` keeps the lists so).
 * A message for a postoffice the instance does not service stays where it is. When anything reached
 * the connector postoffice, the DXA is told at once (`dxaOnArrival`: an Exchange requestor applies
 * an arriving SrvTx without waiting for a T3), in the same transaction.
 *
 * The events are Information, significance 5: written only when the MSExchangePCMTA level of their
 * category is Maximum (`logEvent` decides). Their Source is the instance's service name.
 */

export interface PcMtaPassResult {
  server: string;
  service: string;
  /** Messages delivered from the connector postoffice to MS Mail postoffices. */
  delivered: number;
  /** Messages picked up at MS Mail postoffices and delivered to the connector postoffice. */
  pickedUp: number;
  /** `<n> delivered to MS Mail, <m> picked up`, then what the DXA did with what arrived. */
  lines: string[];
}

interface Moving {
  id: number;
  fromAddr: string;
  toAddr: string;
  subject: string;
  /** Characters of the attachment (attachmentLengthColumn). */
  attachmentLength: number;
  messageId: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The description lines after the first: FROM, TO, Date, Time, Message ID, Size (KB Q133401's fields). */
function details(m: Moving, at: number): string[] {
  const d = new Date(at);
  return [
    `FROM: ${m.fromAddr}`,
    `TO: ${m.toAddr}`,
    `Date: ${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`,
    `Time: ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`,
    `Message ID: ${m.messageId}`,
    `Size: ${messageSize(m)}`,
  ];
}

/** Bytes of the message file's text: subject and attachment, one byte a character (Windows-1252). */
export const messageSize = (m: Pick<Moving, 'subject' | 'attachmentLength'>) => m.subject.length + m.attachmentLength;

const movingColumns = `id, from_addr as fromAddr, to_addr as toAddr, subject, message_id as messageId, ${attachmentLengthColumn()}`;

/** Run one pass of the instance named `serviceName` on `serverName`, as one transaction. */
export function pcMtaPass(db: Db, serverName: string, serviceName: string): PcMtaPassResult {
  return recordPass(db, () => {
    const server = resolveServer(db, serverName);
    const mta = stmt(db, 'select id, service_name as name, connection_type as type from pc_mta where server_id = ? and service_name = ? collate nocase').get(server.id, serviceName.trim()) as
      | { id: number; name: string; type: string }
      | undefined;
    if (!mta) throw notFound(`${server.name} has no Connector (PC) MTA "${serviceName.trim()}": "dirsync exchange mta list ${server.name}" shows its instances`, { code: 'pc-mta.not-found' });
    return runPass(db, server, mta);
  });
}

/** The same pass for an instance known by id (Dispatch's poll). */
export function pcMtaPassById(db: Db, mtaId: number): PcMtaPassResult {
  return recordPass(db, () => {
    const mta = stmt(db, 'select id, server_id as serverId, service_name as name, connection_type as type from pc_mta where id = ?').get(mtaId) as
      | { id: number; serverId: number; name: string; type: string }
      | undefined;
    if (!mta) throw notFound(`there is no Connector (PC) MTA with id ${mtaId}`, { code: 'pc-mta.not-found' });
    return runPass(db, serverById(db, mta.serverId), mta);
  });
}

/** A pass is one run in the history: what it moved, and any reply the DXA applied at once. */
const recordPass = (db: Db, fn: () => PcMtaPassResult) =>
  recordRun(db, 'PC MTA', (r) => `${r.server} ${r.service}`, fn, (r) => ({ idle: r.delivered + r.pickedUp === 0, moved: r.delivered + r.pickedUp, summary: r.lines.join(' · ') }));

function runPass(db: Db, server: ServerRow, mta: { id: number; name: string; type: string }): PcMtaPassResult {
  const at = now(db);
  const connector = poById(db, server.connectorPoId);
  const connectorKey = poKey(connector);
  const exchangeShare = `\\\\${server.name}\\MAILDAT$`;
  const serviced = stmt(
    db,
    `select p.id, p.network, p.name, p.file_server as fileServer
     from pc_mta_postoffice s join postoffice p on p.id = s.po_id
     join connector_connection c on c.server_id = ? and c.po_id = p.id
     where s.mta_id = ? and p.kind = 'msmail'
       and (c.kind = 'LAN' or (c.kind = 'Async' and ? = 'Async and LAN') or (c.kind = 'X.25' and ? = 'X.25 and LAN'))
     order by p.network, p.name`,
  ).all(server.id, mta.id, mta.type, mta.type) as { id: number; network: string; name: string; fileServer: string }[];
  // Indirect postoffices reached through a serviced one: NET/PO → the via postoffice.
  const indirect = stmt(
    db,
    `select p.network, p.name, c.via_po_id as viaId from connector_connection c join postoffice p on p.id = c.po_id
     where c.server_id = ? and c.kind = 'Indirect'`,
  ).all(server.id) as { network: string; name: string; viaId: number }[];

  const event = (category: 'Sent' | 'Moved In' | 'Moved Out' | 'Received', eventId: 4395 | 4355, first: string, m: Moving) =>
    logEvent(db, server, {
      service: 'MSExchangePCMTA',
      source: mta.name,
      category,
      eventId,
      type: 'Information',
      significance: 5,
      description: [first, ...details(m, at)].join('\n'),
    });
  const toMailbag = stmt(db, "update message set holder_po_id = ?, place = 'MAILBAG', arrival = ? where id = ?");
  const toViaQueue = stmt(db, "update message set holder_po_id = ?, place = 'OUTBOUND', arrival = null where id = ?");

  // (a) connector postoffice → serviced MS Mail postoffices, then (b) serviced postoffices (P1 or
  // their queue for the connector) → connector postoffice; each in the order the messages were written.
  const byKey = new Map(serviced.map((p) => [poKey(p), p]));
  const servicedById = new Map(serviced.map((p) => [p.id, p]));
  const viaOf = new Map(indirect.filter((i) => servicedById.has(i.viaId)).map((i) => [poKey(i), servicedById.get(i.viaId)!]));
  const share = (p: { fileServer: string }) => `\\\\${p.fileServer}\\MAILDATA`;
  let delivered = 0;
  const outgoing = stmt(db, `select ${movingColumns}, dest from message where holder_po_id = ? and place = 'OUTBOUND' order by id`).all(
    connector.id,
  ) as (Moving & { dest: string })[];
  for (const m of outgoing) {
    const po = byKey.get(m.dest);
    const via = po ? undefined : viaOf.get(m.dest);
    if (po) toMailbag.run(po.id, nextCounter(db, 'arrival'), m.id);
    else if (via) toViaQueue.run(via.id, m.id);
    else continue; // not serviced by this instance: stays queued
    const to = (po ?? via)!;
    event('Sent', 4395, `Mail sent from ${exchangeShare}`, m);
    event('Moved In', 4355, `Mail received on ${share(to)}`, m);
    noteMessage(db, 'moved', m);
    delivered++;
  }
  let pickedUp = 0;
  const incoming: (Moving & { holder: number })[] = [];
  const waiting = stmt(
    db,
    `select ${movingColumns}, holder_po_id as holder from message where holder_po_id = ? and place in ('P1', 'OUTBOUND') and dest = ?`,
  );
  for (const po of serviced) incoming.push(...(waiting.all(po.id, connectorKey) as (Moving & { holder: number })[]));
  incoming.sort((x, y) => x.id - y.id);
  const byId = servicedById;
  for (const m of incoming) {
    toMailbag.run(connector.id, nextCounter(db, 'arrival'), m.id);
    event('Moved Out', 4395, `Mail sent from ${share(byId.get(m.holder)!)}`, m);
    event('Received', 4355, `Mail received on ${exchangeShare}`, m);
    noteMessage(db, 'moved', m);
    pickedUp++;
  }
  const lines = [`${delivered} delivered to MS Mail, ${pickedUp} picked up`];
  if (pickedUp > 0) lines.push(...dxaOnArrival(db, server).lines);
  return { server: server.name, service: mta.name, delivered, pickedUp, lines };
}
