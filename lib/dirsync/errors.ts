/**
 * Typed engine errors. `usage` is a bad request (CLI exit 2); `fatal` is what the MS Mail utility
 * reported as fatal (exit 1); `notFound` and `conflict` are bad requests about state.
 * `number` is the MS Mail error number where one exists.
 */
export type DirsyncErrorKind = 'usage' | 'fatal' | 'notFound' | 'conflict' | 'denied';

export class DirsyncError extends Error {
  constructor(
    readonly kind: DirsyncErrorKind,
    message: string,
    readonly number?: number,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'DirsyncError';
  }
}

export const usage = (message: string) => new DirsyncError('usage', message);
export const notFound = (message: string) => new DirsyncError('notFound', message);
export const conflict = (message: string) => new DirsyncError('conflict', message);
export const denied = (message: string) => new DirsyncError('denied', message);
export const fatal = (number: number, message: string, details: string[] = []) =>
  new DirsyncError('fatal', message, number, details);
