import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { stmt } from '@/lib/core/statements';
import type { ServerRow } from '../servers/servers';

export type ServiceState = 'Running' | 'Paused' | 'Stopped';

export interface ServiceRow {
  id: number;
  name: string;
  displayName: string;
  mtaId: number | null;
  state: ServiceState;
  startedAt: number | null;
  readAtStart: string;
}

const columns = 'id, name, display_name as displayName, mta_id as mtaId, state, started_at as startedAt, read_at_start as readAtStart';

export function services(db: Db, server: Pick<ServerRow, 'id'>): ServiceRow[] {
  return stmt(db, `select ${columns} from exchange_service where server_id = ? order by mta_id is not null, name`).all(server.id) as ServiceRow[];
}

/** A service by its registry name or display name (case-insensitive). */
export function resolveService(db: Db, server: Pick<ServerRow, 'id' | 'name'>, name: string): ServiceRow {
  const row = stmt(db, `select ${columns} from exchange_service where server_id = ? and (name = ? collate nocase or display_name = ? collate nocase)`).get(
    server.id,
    name.trim(),
    name.trim(),
  ) as ServiceRow | undefined;
  if (!row) {
    const known = services(db, server).map((s) => s.name).join(', ');
    throw notFound(`there is no service "${name}" on ${server.name}; its services are ${known}`);
  }
  return row;
}

export function serviceState(db: Db, server: Pick<ServerRow, 'id'>, name: string): ServiceState | undefined {
  return (stmt(db, 'select state from exchange_service where server_id = ? and name = ?').get(server.id, name) as { state: ServiceState } | undefined)?.state;
}

/** A registry value the service read when it last started (PauseKicksDX, GlobalMaxSeqInResync). */
export function readAtStart(service: Pick<ServiceRow, 'readAtStart'>, value: string): string | undefined {
  return (JSON.parse(service.readAtStart) as Record<string, string>)[value];
}
