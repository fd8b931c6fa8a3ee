/**
 * The services of the Diagnostics Logging tabs and their categories (docs/exchange.md,
 * "Diagnostics logging levels"). Only categories the documents show are listed; PCMTA's `Moved Out`, `Sent` and
 * `Received` come from the manual dirsync procedure (its 4395/4355 entries; docs/engine.md).
 */
export const LOGGING_SERVICES = {
  MSExchangeMSMI: ['Session Error', 'NDR', 'Routing', 'Sent', 'Debug Data', 'Warning'],
  MSExchangePCMTA: ['Moved In', 'Moved Out', 'Sent', 'Received', 'Session'],
  MSExchangeATMTA: ['General'],
  MSExchangeDX: ['Event Handler', 'Startup', 'MS Mail 3.2'],
} as const;

export type LoggingService = keyof typeof LOGGING_SERVICES;

export const LOGGING_LEVELS = { none: 0, minimum: 1, medium: 3, maximum: 5 } as const;
export type LoggingLevelName = keyof typeof LOGGING_LEVELS;
