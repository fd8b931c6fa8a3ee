import type { Db } from '@/db/client';
import { stmt } from '@/lib/core/statements';
import { findRemoteLink } from '../dxa/dirsync-links';
import { DXA_VALUES, registryValues, valueName, type DxaValueName, type RegistryType } from './registry';
import { atLeastSp3, dxaRole, resolveServer, type ServerRow } from '../servers/servers';
import { readAtStart } from './services';

/**
 * What each DXA registry value does, when the DXA reads it, and whether THIS server's DXA will
 * read it at all (KB Q150976, Q215505; docs/exchange.md, "Services, pause, registry"): the registry takes any value, so a value
 * the DXA never reads — ResyncConnectionRDNs on a requestor, GlobalMaxSeqInResync before 5.5 SP3,
 * PauseKicksDX after 4.0 — or a requestor name that matches nothing makes the restart silently do
 * nothing. The console and `dirsync reg` show the same warnings from here.
 */
export interface RegistryValueContext {
  name: DxaValueName;
  type: RegistryType;
  /** The stored data (DWORD: the number; MULTI_SZ: the strings), or null when not set. */
  data: number | string[] | null;
  /** What the value does. */
  does: string;
  /** When the DXA reads it. */
  readWhen: string;
  /** Whether this server's DXA reads it (its role and version). */
  read: boolean;
  /** Why it does or does not. */
  readWhy: string;
  /** Problems with the stored (or proposed) data: not read here, names matching no Remote Dirsync Requestor, a restart pending. */
  warnings: string[];
}

const DOES: Record<DxaValueName, { does: string; readWhen: string }> = {
  PauseKicksDX: {
    does: '1: pausing MSExchangeDX starts a dirsync cycle at once (T1 on a requestor, T2 on the dirsync server) instead of only pausing it.',
    readWhen: 'Read when MSExchangeDX starts: restart the service for a change to apply.',
  },
  ResyncConnectionRDNs: {
    does:
      'The Remote Dirsync Requestors (one Display Name or NET/PO per string) whose master lists and largest sequence numbers the DXA writes to Dxadata\\RESYNC.GLB, to rebuild a dirsync server (KB Q150976).',
    readWhen: 'Read once when MSExchangeDX starts on a dirsync server; the DXA then removes the value.',
  },
  GlobalMaxSeqInResync: {
    does: '1: RESYNC.GLB carries the largest ReqSync, SrvSync and ImpSync over every Remote Dirsync Requestor, not only the ones named (KB Q215505).',
    readWhen: 'Read when MSExchangeDX starts; used when it writes RESYNC.GLB.',
  },
};

function readsIt(db: Db, server: ServerRow, name: DxaValueName): { read: boolean; readWhy: string } {
  const role = dxaRole(db, server);
  const roleText = role === 'server' ? 'the dirsync server' : role === 'requestor' ? 'a dirsync requestor' : 'neither a dirsync server nor a requestor';
  switch (name) {
    case 'PauseKicksDX':
      return server.version === '4.0'
        ? { read: true, readWhy: `${server.name} runs Exchange 4.0: its DXA reads this value.` }
        : { read: false, readWhy: `${server.name} runs Exchange ${server.version}: Pause already starts a cycle there, so only Exchange 4.0 needs this value.` };
    case 'ResyncConnectionRDNs':
      return role === 'server'
        ? { read: true, readWhy: `${server.name} is the dirsync server: its DXA reads this value at its next start.` }
        : { read: false, readWhy: `${server.name} is ${roleText}: only a dirsync server's DXA reads this value, so restarting it does nothing with it.` };
    case 'GlobalMaxSeqInResync':
      if (!atLeastSp3(server)) return { read: false, readWhy: `${server.name} runs Exchange ${server.version}: only DXA 5.5 SP3 (build 2524) or later reads this value.` };
      return role === 'server'
        ? { read: true, readWhy: `${server.name} is a dirsync server running ${server.version}: its DXA reads this value when it writes RESYNC.GLB.` }
        : { read: false, readWhy: `${server.name} is ${roleText}: only a dirsync server writes RESYNC.GLB, so its DXA never uses this value.` };
  }
}

/** The names of a ResyncConnectionRDNs that match no Remote Dirsync Requestor of the server (by Display Name or NET/PO). */
export function unmatchedRequestorNames(db: Db, server: ServerRow, names: string[]): string[] {
  return names.filter((n) => !findRemoteLink(db, server, n));
}

function warningsFor(db: Db, server: ServerRow, name: DxaValueName, data: number | string[], reads: { read: boolean; readWhy: string }): string[] {
  const out: string[] = [];
  if (!reads.read) out.push(`${server.name} will not read ${name}: ${reads.readWhy}`);
  if (name === 'ResyncConnectionRDNs' && reads.read && Array.isArray(data)) {
    for (const n of unmatchedRequestorNames(db, server, data)) {
      out.push(`"${n}" matches no Remote Dirsync Requestor of ${server.name} (by Display Name or NET/PO): the DXA will ignore it and write no RESYNC.GLB for it.`);
    }
  }
  // A value read at start only: MSExchangeDX running with another value than the stored one.
  if (reads.read && (name === 'PauseKicksDX' || name === 'GlobalMaxSeqInResync')) {
    const dx = stmt(db, "select state, read_at_start as readAtStart from exchange_service where server_id = ? and name = 'MSExchangeDX'").get(server.id) as
      | { state: string; readAtStart: string | null }
      | undefined;
    const was = dx ? readAtStart({ readAtStart: dx.readAtStart ?? '{}' }, name) : undefined;
    if (dx && dx.state !== 'Stopped' && was !== String(data)) {
      out.push(`MSExchangeDX is running with the value it read when it started (${was ?? 'not set'}): restart it to read ${name} = ${String(data)}.`);
    }
  }
  return out;
}

/** Every DXA value of a server with its meaning, whether the server reads it, and the warnings on its stored data. */
export function registryContext(db: Db, serverName: string): RegistryValueContext[] {
  const server = resolveServer(db, serverName);
  const stored = new Map(registryValues(db, server.name).map((v) => [v.name, v.data]));
  return (Object.keys(DXA_VALUES) as DxaValueName[]).map((name) => {
    const reads = readsIt(db, server, name);
    const data = stored.get(name) ?? null;
    return { name, type: DXA_VALUES[name], data, ...DOES[name], ...reads, warnings: data === null ? [] : warningsFor(db, server, name, data, reads) };
  });
}

/** The warnings one value would get with this data (what `reg set` prints after setting it). */
export function registryWarnings(db: Db, serverName: string, nameText: string, data: number | string[]): string[] {
  const server = resolveServer(db, serverName);
  const name = valueName(nameText);
  return warningsFor(db, server, name, data, readsIt(db, server, name));
}
