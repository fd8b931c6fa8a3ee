import type { IncomingMessage, ServerResponse } from 'node:http';

export function serveOptions(argv: string[], env: Record<string, string | undefined>): { hostname: string; port: number };
export function withClientAddress(
  trustProxy: boolean,
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => unknown;
