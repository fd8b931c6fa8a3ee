import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';
import { DXA_VALUES, type RegistryValueDto, valueName, parseDword, registryValueDto } from './registry';

/** `reg set`: add or replace a value. DWORD takes one number; MULTI_SZ one or more non-empty strings. */
export function setRegistryValue(db: Db, serverName: string, nameText: string, data: string[]): RegistryValueDto {
  const name = valueName(nameText);
  const type = DXA_VALUES[name];
  let text: string;
  if (type === 'REG_DWORD') {
    if (data.length !== 1) throw usage(`${name} is a REG_DWORD: give exactly one number (e.g. 1); got ${data.length} values`);
    text = String(parseDword(name, data[0]));
  } else {
    const strings = data.map((s) => s.trim());
    if (strings.length === 0) throw usage(`${name} is a REG_MULTI_SZ: give one or more strings, one per Remote Dirsync Requestor name`);
    const bad = strings.findIndex((s) => s === '' || /[\r\n\0]/.test(s));
    if (bad >= 0) throw usage(`${name}: string ${bad + 1} is empty or holds a line break; each string of a REG_MULTI_SZ is one non-empty line`);
    text = strings.join('\n');
  }
  return step(db, () => {
    const server = resolveServer(db, serverName);
    stmt(db, 'insert into registry_value (server_id, name, type, data) values (?, ?, ?, ?) on conflict (server_id, name) do update set type = excluded.type, data = excluded.data').run(
      server.id,
      name,
      type,
      text,
    );
    return registryValueDto(server, name, text);
  });
}
