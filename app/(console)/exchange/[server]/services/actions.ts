'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { controlService, SERVICE_ACTIONS } from '@/lib/exchange/services/control-service';
import { dxaRole, resolveServer } from '@/lib/exchange/servers/servers';

/** Control Panel ▸ Services: Start, Stop, Pause, Continue (and Restart) one service. */
export const controlServiceAction = defineAction({
  name: 'Services',
  noRevision: 'starts, stops, pauses or continues a service: an act, not a form',
  schema: z.object({ server: z.string().min(1), service: z.string().min(1), action: z.enum(SERVICE_ACTIONS) }),
  run: ({ db, input, audit }) => {
    const result = controlService(db, input.server, input.service, input.action);
    audit(`${result.server} service ${result.service}`, undefined, { action: input.action, state: result.state });
    const role = result.error2140 ? dxaRole(db, resolveServer(db, input.server)) : null;
    return {
      state: result.state,
      lines: result.lines,
      error2140: result.error2140 ?? null,
      /** Which cycle the 2140 "pause" started: T1 on a requestor, T2 on the dirsync server. */
      cycle: role === 'server' ? ('T2' as const) : role === 'requestor' ? ('T1' as const) : null,
      cycleLines: result.cycle?.lines ?? [],
      fatal: result.cycle?.fatal ?? null,
    };
  },
});
