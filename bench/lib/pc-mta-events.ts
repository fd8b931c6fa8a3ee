import type { Db } from '@/db/client';
import { now, setNow } from '@/lib/core/clock';
import { logEvent } from '@/lib/exchange/events/log-event';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { step } from '@/lib/core/statements';

/**
 * EXCH01's Application log as the PC MTA at Maximum logging fills it: `count` events 4395/4355,
 * a second apart (the Event Viewer pages of B4 and B7 read it).
 */
export function fillPcMtaEvents(db: Db, count: number): void {
  const server = resolveServer(db, 'EXCH01');
  db.$client.prepare('update diagnostics_level set level = 5, effective_level = 5 where server_id = ?').run(server.id);
  db.$client.prepare("update event_log_settings set max_kb = 65536 where computer = 'EXCH01'").run();
  step(db, () => {
    const t0 = now(db);
    for (let k = 0; k < count; k++) {
      setNow(db, t0 + k * 1000);
      const sent = k % 2 === 0;
      logEvent(db, server, {
        service: 'MSExchangePCMTA',
        source: 'Microsoft PC MTA',
        category: sent ? 'Sent' : 'Moved In',
        eventId: sent ? 4395 : 4355,
        type: 'Information',
        significance: 5,
        description: `${sent ? 'Mail sent from \\\\EXCH01\\MAILDAT$' : 'Mail received on \\\\FS-MONTGOMERY\\MAILDATA'}\nFROM: POLYNOMIAL/HQ/SYSTEM1\nTO: POLYNOMIAL/MONTGOMERY/$SYSTEM\nMessage ID: ${k.toString(16).padStart(8, '0').toUpperCase()}`,
      });
    }
  });
}
