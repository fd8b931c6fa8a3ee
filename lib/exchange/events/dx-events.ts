import type { Db } from '@/db/client';
import { logEvent, type EventType } from './log-event';
import type { ServerRow } from '../servers/servers';

/**
 * The MSExchangeDX events this model writes (source MSExchangeDX). 136, 220 and 221 are the
 * documented ones (docs/exchange.md, "MSExchangeDX events") with their texts; the start/stop confirmations
 * and the cycle and resync events have no documented number, so this model numbers them in the
 * 9xxx range, out of the way of the real ones (docs/exchange.md lists them).
 */
const CATALOGUE = {
  started: { id: 9000, category: 'Startup', type: 'Information', significance: 0 },
  stopped: { id: 9001, category: 'Startup', type: 'Information', significance: 0 },
  cycleStarted: { id: 9010, category: 'MS Mail 3.2', type: 'Information', significance: 1 },
  cycleDone: { id: 9011, category: 'MS Mail 3.2', type: 'Information', significance: 1 },
  reqTxAccepted: { id: 9012, category: 'MS Mail 3.2', type: 'Information', significance: 3 },
  srvTxSent: { id: 9013, category: 'MS Mail 3.2', type: 'Information', significance: 3 },
  srvTxApplied: { id: 9014, category: 'MS Mail 3.2', type: 'Information', significance: 3 },
  resyncWritten: { id: 9020, category: 'Startup', type: 'Information', significance: 0 },
  resyncApplied: { id: 9021, category: 'Startup', type: 'Information', significance: 0 },
  resyncFailed: { id: 9022, category: 'Startup', type: 'Error', significance: 0 },
  resyncUnknownName: { id: 9023, category: 'Startup', type: 'Warning', significance: 0 },
  refusedSender: { id: 9024, category: 'Event Handler', type: 'Warning', significance: 0 },
  badPassword: { id: 9030, category: 'Event Handler', type: 'Error', significance: 0 },
  unknownRequestor: { id: 136, category: 'Event Handler', type: 'Error', significance: 0 },
  lost: { id: 220, category: 'Event Handler', type: 'Warning', significance: 0 },
  importReplyNext: { id: 221, category: 'Event Handler', type: 'Warning', significance: 0 },
} satisfies Record<string, { id: number; category: string; type: EventType; significance: number }>;

export type DxEvent = keyof typeof CATALOGUE;

export function dxEvent(db: Db, server: ServerRow, which: DxEvent, description: string): void {
  const e = CATALOGUE[which];
  logEvent(db, server, {
    service: 'MSExchangeDX',
    source: 'MSExchangeDX',
    category: e.category,
    eventId: e.id,
    type: e.type,
    significance: e.significance,
    description,
  });
}

export const DX_EVENT_IDS = Object.fromEntries(Object.entries(CATALOGUE).map(([k, v]) => [k, v.id])) as Record<DxEvent, number>;
