import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { dxaRole } from '@/lib/exchange/servers/servers';

/** What the Administrator's tree shows: organizations ▸ sites ▸ servers and containers, and the MS Mail postoffices. */
export interface ConsoleTree {
  organizations: { name: string; sites: SiteNode[] }[];
  postoffices: { name: string; drive: string | null; role: 'server' | 'requestor' | 'none' }[];
}

export interface SiteNode {
  name: string;
  servers: { name: string; version: string; role: 'server' | 'requestor' | null }[];
  containers: string[];
}

export function getConsoleTree(db: Db): ConsoleTree {
  const sites = stmt(db, 'select id, organization, site from exchange_site order by organization, site').all() as { id: number; organization: string; site: string }[];
  const organizations: ConsoleTree['organizations'] = [];
  for (const s of sites) {
    let org = organizations.find((o) => o.name === s.organization);
    if (!org) organizations.push((org = { name: s.organization, sites: [] }));
    const servers = (stmt(db, 'select id, name, version from exchange_server where site_id = ? order by name').all(s.id) as { id: number; name: string; version: string }[]).map(
      (x) => ({ name: x.name, version: x.version, role: dxaRole(db, x) }),
    );
    const containers = (stmt(db, 'select name from recipient_container where site_id = ? order by name collate nocase').all(s.id) as { name: string }[]).map((c) => c.name);
    org.sites.push({ name: s.site, servers, containers });
  }
  const postoffices = (
    stmt(
      db,
      `select p.network || '/' || p.name as name, p.drive, (select 1 from srvconf s where s.po_id = p.id) as dss, r.dss as registered
       from postoffice p left join reqconf r on r.po_id = p.id where p.kind = 'msmail' order by p.network, p.name`,
    ).all() as { name: string; drive: string | null; dss: number | null; registered: string | null }[]
  ).map((p) => ({ name: p.name, drive: p.drive, role: p.dss ? ('server' as const) : p.registered ? ('requestor' as const) : ('none' as const) }));
  return { organizations, postoffices };
}
