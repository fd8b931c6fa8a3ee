/**
 * Typed engine errors. `usage` is a bad request (CLI exit 2); `fatal` is what the MS Mail utility
 * reported as fatal (exit 1); `notFound` and `conflict` are bad requests about state.
 * `number` is the MS Mail error number where one exists.
 *
 * Every error a verb raises carries a stable `code` (docs/errors.md lists them all: meaning, field,
 * what to do) and, when it is about one value the caller gave, the `field` that value came in as,
 * so a form marks that field without reading the English message (lib/actions/safe-action.ts).
 */
export type DirsyncErrorKind = 'usage' | 'fatal' | 'notFound' | 'conflict' | 'denied';

export interface DirsyncErrorOptions {
  /** The stable code, e.g. 'postoffice.not-found' (docs/errors.md). */
  code?: string;
  /** The input the error is about, by the verb's name for it (e.g. 'displayName'). */
  field?: string;
  /** The MS Mail error number, where one exists. */
  number?: number;
  /** Bad lines of a file: capped to MAX_DETAILS lines of MAX_DETAIL_CHARS. */
  details?: string[];
}

/** What an error without a code of its own is called; a test refuses such errors in lib/ (test/error-codes.test.ts). */
export const GENERIC_CODES: Record<DirsyncErrorKind, string> = {
  usage: 'generic.usage',
  fatal: 'generic.fatal',
  notFound: 'generic.not-found',
  conflict: 'generic.conflict',
  denied: 'generic.denied',
};

/** At most this many detail lines (bad lines of a file) travel with an error, each cut to MAX_DETAIL_CHARS. */
export const MAX_DETAILS = 50;
export const MAX_DETAIL_CHARS = 200;

/** A file of many bad lines must not turn into a huge answer: the first ones, then how many more. */
export function capDetails(lines: string[]): string[] {
  const cut = (l: string) => (l.length > MAX_DETAIL_CHARS ? `${l.slice(0, MAX_DETAIL_CHARS - 1)}…` : l);
  if (lines.length <= MAX_DETAILS) return lines.map(cut);
  return [...lines.slice(0, MAX_DETAILS).map(cut), `… and ${lines.length - MAX_DETAILS} more bad line(s) not shown`];
}

export class DirsyncError extends Error {
  readonly details: string[];
  readonly number?: number;
  readonly code: string;
  readonly field?: string;
  /** The third argument is the MS Mail error number (the older form) or the options. */
  constructor(
    readonly kind: DirsyncErrorKind,
    message: string,
    numberOrOptions?: number | DirsyncErrorOptions,
    details: string[] = [],
  ) {
    super(message);
    const o: DirsyncErrorOptions = typeof numberOrOptions === 'object' ? numberOrOptions : { number: numberOrOptions, details };
    this.name = 'DirsyncError';
    this.number = o.number;
    this.details = capDetails(o.details ?? []);
    this.code = o.code ?? GENERIC_CODES[kind];
    this.field = o.field;
  }
}

export const usage = (message: string, options?: DirsyncErrorOptions) => new DirsyncError('usage', message, { ...options });
export const notFound = (message: string, options?: DirsyncErrorOptions) => new DirsyncError('notFound', message, { ...options });
export const conflict = (message: string, options?: DirsyncErrorOptions) => new DirsyncError('conflict', message, { ...options });
export const denied = (message: string, options?: DirsyncErrorOptions) => new DirsyncError('denied', message, { ...options });
export const fatal = (number: number, message: string, details: string[] = [], options?: DirsyncErrorOptions) =>
  new DirsyncError('fatal', message, { ...options, number, details });
