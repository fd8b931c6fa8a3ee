import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { clock, mailbox, message, postoffice, reqconf, srvconf } from '@/db/schema';
import { CLOCK_START, ctime } from '@/lib/core/clock';

/** What a postoffice is in dirsync: the network's server, a requestor of a server, or neither. */
export type OverviewRole =
  | { kind: 'server'; label: 'Dirsync server'; sync: number; cycle: number }
  | { kind: 'requestor'; label: string; dss: string }
  | { kind: 'none'; label: 'Not in dirsync' };

/** One row of the network overview: a small DTO, never a database row. */
export interface PostofficeOverview {
  id: number;
  /** `NET/PO`. */
  address: string;
  network: string;
  name: string;
  drive: string | null;
  kind: 'msmail' | 'connector';
  role: OverviewRole;
  /** REQCONF numbers; null when the postoffice has no requestor record. */
  reqSync: number | null;
  srvSync: number | null;
  queued: { p1: number; outbound: number; mailbag: number; total: number };
  galCount: number;
  mailboxes: number;
}

export interface NetworkOverview {
  /** The networks present, sorted. */
  networks: string[];
  /** The simulation clock: Unix ms and the ctime form the MS Mail utilities print. */
  clock: { now: number; text: string };
  postoffices: PostofficeOverview[];
  totals: { postoffices: number; servers: number; requestors: number; queued: number };
}

/** Places where a dirsync message waits for a process (P1, outbound queue, SYSTEM mailbag); INBOX is delivered. */
const QUEUED_PLACES = ['P1', 'OUTBOUND', 'MAILBAG'] as const;

/**
 * Every postoffice with its dirsync role, numbers, queues and GAL size, read in one consistent
 * snapshot. Read-only: it never creates the clock row (the engine's `now()` would).
 */
export function getNetworkOverview(db: Db): NetworkOverview {
  return db.transaction(
    (tx) => {
      const pos = tx
        .select({
          id: postoffice.id,
          network: postoffice.network,
          name: postoffice.name,
          drive: postoffice.drive,
          kind: postoffice.kind,
          galCount: postoffice.galCount,
          dss: reqconf.dss,
          reqSync: reqconf.reqSync,
          srvSync: reqconf.srvSync,
          serverSync: srvconf.sync,
          serverCycle: srvconf.cycle,
        })
        .from(postoffice)
        .leftJoin(reqconf, eq(reqconf.poId, postoffice.id))
        .leftJoin(srvconf, eq(srvconf.poId, postoffice.id))
        // Exchange servers' connector postoffices belong to the Exchange side of the console.
        .where(eq(postoffice.kind, 'msmail'))
        .orderBy(asc(postoffice.network), asc(postoffice.name))
        .all();

      const mailboxCounts = new Map(
        tx
          .select({ poId: mailbox.poId, n: count() })
          .from(mailbox)
          .groupBy(mailbox.poId)
          .all()
          .map((r) => [r.poId, r.n]),
      );

      const queues = new Map<number, PostofficeOverview['queued']>();
      for (const r of tx
        .select({ poId: message.holderPoId, place: message.place, n: count() })
        .from(message)
        .where(inArray(message.place, [...QUEUED_PLACES]))
        .groupBy(message.holderPoId, message.place)
        .all()) {
        const q = queues.get(r.poId) ?? { p1: 0, outbound: 0, mailbag: 0, total: 0 };
        if (r.place === 'P1') q.p1 = r.n;
        else if (r.place === 'OUTBOUND') q.outbound = r.n;
        else if (r.place === 'MAILBAG') q.mailbag = r.n;
        q.total = q.p1 + q.outbound + q.mailbag;
        queues.set(r.poId, q);
      }

      const clockRow = tx.select({ now: clock.now }).from(clock).where(eq(clock.id, 1)).get();
      const now = clockRow?.now ?? CLOCK_START;

      const postoffices = pos.map((p): PostofficeOverview => {
        const role: OverviewRole =
          p.serverSync !== null
            ? { kind: 'server', label: 'Dirsync server', sync: p.serverSync, cycle: p.serverCycle ?? 0 }
            : p.dss
              ? { kind: 'requestor', label: `Requestor of ${p.dss}`, dss: p.dss }
              : { kind: 'none', label: 'Not in dirsync' };
        return {
          id: p.id,
          address: `${p.network}/${p.name}`,
          network: p.network,
          name: p.name,
          drive: p.drive,
          kind: p.kind,
          role,
          reqSync: p.reqSync,
          srvSync: p.srvSync,
          queued: queues.get(p.id) ?? { p1: 0, outbound: 0, mailbag: 0, total: 0 },
          galCount: p.galCount,
          mailboxes: mailboxCounts.get(p.id) ?? 0,
        };
      });

      return {
        networks: [...new Set(postoffices.map((p) => p.network))].sort(),
        clock: { now, text: ctime(now) },
        postoffices,
        totals: {
          postoffices: postoffices.length,
          servers: postoffices.filter((p) => p.role.kind === 'server').length,
          requestors: postoffices.filter((p) => p.role.kind === 'requestor').length,
          queued: postoffices.reduce((sum, p) => sum + p.queued.total, 0),
        },
      };
    },
    { behavior: 'deferred' },
  );
}

/** The window title of the old program: `Microsoft Exchange Administrator - [Dirsync network POLYNOMIAL]`. */
export function overviewTitle(networks: string[]): string {
  const what =
    networks.length === 0
      ? 'No dirsync network'
      : networks.length === 1
        ? `Dirsync network ${networks[0]}`
        : `Dirsync networks ${networks.join(', ')}`;
  return `Microsoft Exchange Administrator - [${what}]`;
}
