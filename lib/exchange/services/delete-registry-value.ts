import type { Db } from '@/db/client';
import { step, stmt } from '@/lib/core/statements';
import { resolveServer } from '../servers/servers';
import { type RegistryValueDto, valueName, registryValueDto, storedValue, missingValue } from './registry';

/** `reg delete`: remove a value; a notFound error when it is not set. Returns what was removed. */
export function deleteRegistryValue(db: Db, serverName: string, nameText: string): RegistryValueDto {
  const name = valueName(nameText);
  return step(db, () => {
    const server = resolveServer(db, serverName);
    const row = storedValue(db, server, name);
    if (!row) throw missingValue(server, name);
    stmt(db, 'delete from registry_value where server_id = ? and name = ?').run(server.id, name);
    return registryValueDto(server, name, row.data);
  });
}
