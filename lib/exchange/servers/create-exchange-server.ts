import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { EXCHANGE_VERSIONS, type ExchangeVersion } from '@/db/schema';
import { now } from '@/lib/core/clock';
import { conflict, usage } from '@/lib/core/errors';
import { findPo } from '@/lib/dirsync/postoffices';
import { hashPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';
import { LOGGING_SERVICES } from '../services/diagnostics-categories';
import { checkLocalPostoffice, proxyName } from '../connector/local-postoffice';
import { resolveServer, type ServerRow } from './servers';

export interface CreateExchangeServerInput {
  organization: string;
  site: string;
  server: string;
  version?: string;
  /** Local Postoffice names; default the organization and site proxy names. */
  network?: string;
  postoffice?: string;
}

/** Accepts `5.5sp3`, `5.5 SP3`, `5.5-sp3` for the SP3 version. */
export function parseVersion(text: string): ExchangeVersion {
  const v = text.trim().toUpperCase().replace(/[\s-]*SP3$/, ' SP3');
  const found = EXCHANGE_VERSIONS.find((x) => x.toUpperCase() === v);
  if (!found) throw usage(`"${text}" is not an Exchange version: use one of ${EXCHANGE_VERSIONS.join(', ')} (5.5 SP3 may be written 5.5sp3)`);
  return found;
}

/**
 * An Exchange server in its organization and site (made with the site's Recipients container),
 * its MS Mail Connector with the connector postoffice, the MSExchangeDX and MSExchangeMSMI
 * services (running), diagnostics logging at None, and its Application event log.
 */
export function createExchangeServer(db: Db, input: CreateExchangeServerInput): ServerRow {
  const name = input.server.trim().toUpperCase();
  if (!/^[A-Z0-9-]{1,15}$/.test(name)) throw usage(`server name "${input.server}" must be 1 to 15 letters, digits or hyphens`);
  const organization = input.organization.trim();
  const site = input.site.trim();
  if (!organization || !site) throw usage('an Exchange server needs an organization and a site name');
  const version = parseVersion(input.version ?? '5.5 SP3');
  const local = checkLocalPostoffice(input.network ?? proxyName(organization), input.postoffice ?? proxyName(site));
  return step(db, () => {
    if (stmt(db, 'select 1 from exchange_server where name = ?').get(name)) throw conflict(`Exchange server ${name} already exists`);
    if (findPo(db, local)) {
      throw conflict(`a postoffice ${local.network}/${local.name} already exists: give the connector's Local Postoffice other names`);
    }
    stmt(db, 'insert or ignore into exchange_site (organization, site) values (?, ?)').run(organization, site);
    const { id: siteId } = stmt(db, 'select id from exchange_site where organization = ? and site = ?').get(organization, site) as { id: number };
    stmt(db, "insert or ignore into recipient_container (site_id, name) values (?, 'Recipients')").run(siteId);
    // The connector postoffice has no drive and no admin account anyone knows: the MS Mail
    // utilities are not run on it.
    const { id: poId } = stmt(
      db,
      "insert into postoffice (network, name, drive, admin_password_hash, file_server, kind) values (?, ?, null, ?, ?, 'connector') returning id",
    ).get(local.network, local.name, hashPassword(randomBytes(16).toString('hex')), name) as { id: number };
    stmt(db, 'insert into reqconf (po_id) values (?)').run(poId);
    const { id } = stmt(db, 'insert into exchange_server (site_id, name, version, connector_po_id) values (?, ?, ?, ?) returning id').get(
      siteId,
      name,
      version,
      poId,
    ) as { id: number };
    stmt(db, 'insert into ms_mail_connector (server_id) values (?)').run(id);
    const at = now(db);
    const service = stmt(db, "insert into exchange_service (server_id, name, display_name, state, started_at) values (?, ?, ?, 'Running', ?)");
    service.run(id, 'MSExchangeDX', 'Microsoft Exchange Directory Synchronization', at);
    service.run(id, 'MSExchangeMSMI', 'MS Mail Connector Interchange', at);
    const level = stmt(db, 'insert into diagnostics_level (server_id, service, category) values (?, ?, ?)');
    for (const [svc, categories] of Object.entries(LOGGING_SERVICES)) for (const c of categories) level.run(id, svc, c);
    stmt(db, 'insert or ignore into event_log_settings (computer) values (?)').run(name);
    return resolveServer(db, name);
  });
}
