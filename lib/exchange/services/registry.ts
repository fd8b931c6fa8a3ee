import type { Db } from '@/db/client';
import { notFound, usage } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import { atLeastSp3, resolveServer, type ServerRow } from '../servers/servers';

/**
 * The DXA's registry values (docs/exchange.md, "Services, pause, registry"), under
 * `HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeDX` (the service key itself). Only the three
 * values this model reads are accepted. Names are matched case-insensitively, as the registry
 * does, and stored in their documented spelling. REG_MULTI_SZ data is stored newline-separated,
 * REG_DWORD data as a decimal number.
 */

export const DXA_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeDX';

export const DXA_VALUES = {
  PauseKicksDX: 'REG_DWORD',
  ResyncConnectionRDNs: 'REG_MULTI_SZ',
  GlobalMaxSeqInResync: 'REG_DWORD',
} as const;

export type DxaValueName = keyof typeof DXA_VALUES;
export type RegistryType = (typeof DXA_VALUES)[DxaValueName];

export interface RegistryValueDto {
  server: string;
  key: string;
  name: DxaValueName;
  type: RegistryType;
  /** REG_DWORD: the number; REG_MULTI_SZ: the strings. */
  data: number | string[];
  /** When the value is read, and by which versions. */
  note: string;
}

const DWORD_MAX = 0xffffffff;

/** The documented spelling of a value name, or a usage error listing the three. */
export function valueName(text: string): DxaValueName {
  const found = (Object.keys(DXA_VALUES) as DxaValueName[]).find((n) => n.toLowerCase() === text.trim().toLowerCase());
  if (!found) {
    throw usage(`"${text}" is not a value this model keeps under ${DXA_KEY}: use ${Object.keys(DXA_VALUES).join(', ')}`);
  }
  return found;
}

/** A REG_DWORD: 0–4294967295, decimal or 0x hexadecimal. */
export function parseDword(name: string, text: string): number {
  const t = text.trim();
  const n = /^\d{1,10}$/.test(t) ? Number(t) : /^0x[0-9a-f]{1,8}$/i.test(t) ? parseInt(t.slice(2), 16) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > DWORD_MAX) {
    throw usage(`${name} is a REG_DWORD: give a number from 0 to 4294967295, decimal or 0x hexadecimal (e.g. 1 or 0x1); got "${text}"`);
  }
  return n;
}

function note(server: ServerRow, name: DxaValueName): string {
  switch (name) {
    case 'PauseKicksDX':
      return server.version === '4.0'
        ? 'read when MSExchangeDX starts: restart the service for a change to apply'
        : `read when MSExchangeDX starts; on ${server.version} Pause already starts a cycle without it`;
    case 'ResyncConnectionRDNs':
      return 'read when MSExchangeDX starts on a dirsync server: RESYNC.GLB is written to Dxadata and the value removed';
    case 'GlobalMaxSeqInResync':
      return atLeastSp3(server)
        ? 'read when MSExchangeDX writes RESYNC.GLB (DXA 5.5 SP3 or later)'
        : `ignored on ${server.version}: only DXA 5.5 SP3 (build 2524) or later reads it`;
  }
}

export function registryValueDto(server: ServerRow, name: DxaValueName, stored: string): RegistryValueDto {
  const type = DXA_VALUES[name];
  const data = type === 'REG_DWORD' ? Number(stored) : stored === '' ? [] : stored.split('\n');
  return { server: server.name, key: DXA_KEY, name, type, data, note: note(server, name) };
}

export const storedValue = (db: Db, server: ServerRow, name: DxaValueName) =>
  stmt(db, 'select data from registry_value where server_id = ? and name = ?').get(server.id, name) as { data: string } | undefined;

export function missingValue(server: ServerRow, name: DxaValueName): Error {
  const example = DXA_VALUES[name] === 'REG_DWORD' ? '1' : '"<Remote Dirsync Requestor name>"';
  return notFound(`${server.name} has no value ${name} under ${DXA_KEY}: set it with "dirsync reg set ${server.name} ${name} ${example}"`);
}

/** `reg get`: one value; a notFound error when it is not set. */
export function getRegistryValue(db: Db, serverName: string, nameText: string): RegistryValueDto {
  const name = valueName(nameText);
  const server = resolveServer(db, serverName);
  const row = storedValue(db, server, name);
  if (!row) throw missingValue(server, name);
  return registryValueDto(server, name, row.data);
}

/** `reg list`: the values that are set, in the documented order. */
export function registryValues(db: Db, serverName: string): RegistryValueDto[] {
  const server = resolveServer(db, serverName);
  const out: RegistryValueDto[] = [];
  for (const name of Object.keys(DXA_VALUES) as DxaValueName[]) {
    const row = storedValue(db, server, name);
    if (row) out.push(registryValueDto(server, name, row.data));
  }
  return out;
}
