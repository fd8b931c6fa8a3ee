import type { Db } from '@/db/client';
import { routes } from '@/lib/console/routes';
import { stmt } from '@/lib/core/statements';
import type { NetworkFacts } from './network-facts';
import type { Finding } from './types';

/** The Diagnostics Logging page that sets a service's levels, with the service chosen: the DX's is Directory Synchronization's, the others the MS Mail Connector's. */
const loggingPage = (server: string, service: string) =>
  `${service === 'MSExchangeDX' ? routes.directorySync(server, 'diagnostics-logging') : routes.connector(server, 'diagnostics-logging')}?service=${encodeURIComponent(service)}`;

/** The Exchange side: PC MTAs with nothing to serve, diagnostics logging left at Maximum, the DX paused or stopped. */
export function exchangeChecks(db: Db, facts: NetworkFacts): Finding[] {
  const findings: Finding[] = [];
  for (const m of facts.mtas) {
    if (m.serves.length) continue;
    findings.push({
      check: 'pc-mta-serves-nothing',
      severity: 'warning',
      object: `${m.server} ${m.service}`,
      title: `${m.service} services no postoffice`,
      meaning: 'A Connector (PC) MTA instance with an empty Postoffices Serviced list carries no mail: messages between Exchange and its MS Mail postoffices wait in their queues until an instance services them.',
      source: 'MS Mail Connector ▸ Connector MTAs, Postoffices Serviced (docs/exchange.md)',
      fixes: [],
    });
  }
  const maximum = stmt(
    db,
    `select s.name as server, d.service, group_concat(d.category, ', ') as categories from diagnostics_level d
     join exchange_server s on s.id = d.server_id where d.level = 5 group by s.name, d.service order by s.name, d.service`,
  ).all() as { server: string; service: string; categories: string }[];
  for (const d of maximum) {
    findings.push({
      check: 'logging-at-maximum',
      severity: 'warning',
      object: `${d.server} ${d.service}`,
      title: `Diagnostics logging at Maximum: ${d.categories}`,
      meaning: 'Maximum logging is for a troubleshooting session (a manual dirsync): left on it writes an event for every message moved and fills the Application log. Set it back to None or Minimum.',
      source: 'The manual dirsync procedure with Exchange as requestor, section I (docs/engine.md, seed 003)',
      fixes: [{ kind: 'open-logging', label: 'Open Diagnostics Logging', href: loggingPage(d.server, d.service) }],
    });
  }
  const dx = stmt(
    db,
    `select s.name as server, e.state from exchange_service e join exchange_server s on s.id = e.server_id
     where e.name = 'MSExchangeDX' and e.state <> 'Running' order by s.name`,
  ).all() as { server: string; state: 'Paused' | 'Stopped' }[];
  for (const d of dx) {
    const role = facts.servers.find((s) => s.name === d.server)?.role;
    if (d.state === 'Stopped' && !role) continue;
    findings.push({
      check: d.state === 'Paused' ? 'dx-paused' : 'dx-stopped',
      severity: d.state === 'Paused' ? 'warning' : 'error',
      object: `${d.server} MSExchangeDX`,
      title: `Microsoft Exchange Directory Synchronization is ${d.state.toLowerCase()}`,
      meaning:
        d.state === 'Paused'
          ? `The DX on ${d.server} is paused: it runs no scheduled ${role === 'server' ? 'T2' : 'T1'} and applies no reply until it is continued or restarted.`
          : `The DX on ${d.server} is stopped: ${d.server} takes no part in dirsync until it is started.`,
      source: 'KB Q146738 (pausing MSExchangeDX runs a cycle); docs/exchange.md (services)',
      fixes: [{ kind: 'restart-service', label: 'Restart MSExchangeDX', server: d.server, service: 'MSExchangeDX' }],
    });
  }
  return findings;
}
