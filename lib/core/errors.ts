/**
 * Typed engine errors. `usage` is a bad request (CLI exit 2); `fatal` is what the MS Mail utility
 * reported as fatal (exit 1); `notFound` and `conflict` are bad requests about state.
 * `number` is the MS Mail error number where one exists.
 */
export type DirsyncErrorKind = 'usage' | 'fatal' | 'notFound' | 'conflict' | 'denied';

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
  constructor(
    readonly kind: DirsyncErrorKind,
    message: string,
    readonly number?: number,
    details: string[] = [],
  ) {
    super(message);
    this.name = 'DirsyncError';
    this.details = capDetails(details);
  }
}

export const usage = (message: string) => new DirsyncError('usage', message);
export const notFound = (message: string) => new DirsyncError('notFound', message);
export const conflict = (message: string) => new DirsyncError('conflict', message);
export const denied = (message: string) => new DirsyncError('denied', message);
export const fatal = (number: number, message: string, details: string[] = []) =>
  new DirsyncError('fatal', message, number, details);
