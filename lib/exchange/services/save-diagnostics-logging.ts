import type { Db } from '@/db/client';
import { usage } from '@/lib/core/errors';
import { step } from '@/lib/core/statements';
import { LOGGING_SERVICES, type LoggingService } from './diagnostics-categories';
import { setLoggingLevel } from './set-logging-level';

/** The Diagnostics Logging tabs of the Administrator and the services each one shows. */
export const LOGGING_TABS = {
  connector: { services: ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'], title: "the MS Mail Connector's Diagnostics Logging tab" },
  'directory-sync': { services: ['MSExchangeDX'], title: "the Directory Synchronization object's Diagnostics Logging tab" },
} as const satisfies Record<string, { services: readonly LoggingService[]; title: string }>;

export type LoggingTab = keyof typeof LOGGING_TABS;

export interface LoggingChange {
  service: string;
  category: string;
  level: number;
}

/**
 * A Diagnostics Logging tab's Apply: each changed category's level, in one step. A tab sets only
 * the categories it shows (one by one, no `*`): a category of another tab's service is refused,
 * so nothing that calls this verb can change what the tab does not show.
 */
export function saveDiagnosticsLogging(db: Db, serverName: string, tab: LoggingTab, changes: LoggingChange[]): { restartNeeded: boolean; changed: number } {
  const { services, title } = LOGGING_TABS[tab];
  return step(db, () => {
    const results = changes.map((c) => {
      const service = (services as readonly string[]).includes(c.service) ? (c.service as LoggingService) : undefined;
      if (!service || !(LOGGING_SERVICES[service] as readonly string[]).includes(c.category)) {
        throw usage(`${c.service} ${c.category} is not a category of ${title}`, { code: 'logging.not-on-tab' });
      }
      return setLoggingLevel(db, serverName, service, c.category, String(c.level));
    });
    return { restartNeeded: results.some((r) => r.restartNeeded), changed: results.length };
  });
}
