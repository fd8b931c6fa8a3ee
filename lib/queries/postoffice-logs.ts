import type { Db } from '@/db/client';
import { logStamp } from '@/lib/core/clock';
import type { LogFile, LogLineRow, Severity } from '@/lib/dirsync/log';
import { findPo } from '@/lib/dirsync/postoffices';
import { stmt } from '@/lib/core/statements';

export const LOG_FILES: readonly LogFile[] = ['DIRSYNC', 'DISPATCH', 'CENTRAL'];
export const DEFAULT_LOG_PAGE = 50;

/** One line of a postoffice log file as the viewer lists it. */
export interface LogViewRow {
  id: number;
  date: string;
  time: string;
  severity: LogLineRow['severity'];
  number: number;
  text: string;
}

export interface PostofficeLogsView {
  /** `NET/PO`. */
  postoffice: string;
  /** The URL segment, `NET~PO`. */
  segment: string;
  file: LogFile;
  files: { file: LogFile; name: string; lines: number }[];
  rows: LogViewRow[];
  /** The id the next (older) page starts below, null on the last page. */
  next: number | null;
}

export const LOG_SEVERITIES: readonly Severity[] = ['Status', 'Warning', 'Fatal'];

/** The viewer's Filter and Find: a severity, a message number, text in the line (case-insensitive for ASCII, as `like`). */
export interface LogFilter {
  severity?: Severity;
  number?: number;
  find?: string;
}

/** The filter from the address's text (unknown or empty parts left out). */
export function logFilterOf(q: { severity?: string; number?: string; find?: string }): LogFilter {
  const severity = LOG_SEVERITIES.find((s) => s.toLowerCase() === q.severity?.trim().toLowerCase());
  const number = /^\d{1,6}$/.test(q.number?.trim() ?? '') ? Number(q.number) : undefined;
  const find = q.find?.trim() ? q.find.trim().slice(0, 200) : undefined;
  return { severity, number, find };
}

/** `NET~PO` (the tree's link) or `NET/PO` as a postoffice name; null when it is not one. */
export function poFromSegment(segment: string): { network: string; name: string } | null {
  const m = /^([A-Za-z0-9]{1,10})[~/]([A-Za-z0-9]{1,10})$/.exec(decodeURIComponent(segment).trim());
  return m ? { network: m[1].toUpperCase(), name: m[2].toUpperCase() } : null;
}

/** `dirsync`, `DIRSYNC.LOG`, … as a log file; DIRSYNC when absent or unknown. */
export function logFileOf(text: string | undefined): LogFile {
  const t = (text ?? '').trim().toUpperCase().replace(/\.LOG$/, '');
  return (LOG_FILES as readonly string[]).includes(t) ? (t as LogFile) : 'DIRSYNC';
}

/**
 * A postoffice's DIRSYNC.LOG, DISPATCH.LOG or CENTRAL.LOG, newest line first, a page at a time
 * (`before` = the id the page starts below), read through the `log_line_file` index. Null when
 * there is no MS Mail postoffice of that name.
 */
export function getPostofficeLogs(db: Db, segment: string, file: LogFile, before?: number, limit = DEFAULT_LOG_PAGE, filter: LogFilter = {}): PostofficeLogsView | null {
  const name = poFromSegment(segment);
  const po = name ? findPo(db, name) : undefined;
  if (!po || po.kind !== 'msmail') return null;
  const where = ['po_id = @po', 'file = @file', 'id < @before'];
  if (filter.severity) where.push('severity = @severity');
  if (filter.number !== undefined) where.push('number = @number');
  if (filter.find) where.push("text like @find escape '\\'");
  const rows = stmt(db, `select id, at, severity, number, text from log_line where ${where.join(' and ')} order by id desc limit @limit`).all({
    po: po.id,
    file,
    before: before ?? Number.MAX_SAFE_INTEGER,
    limit: limit + 1,
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.number !== undefined ? { number: filter.number } : {}),
    ...(filter.find ? { find: `%${filter.find.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } : {}),
  }) as (LogLineRow & { id: number })[];
  const page = rows.slice(0, limit);
  const count = stmt(db, 'select count(*) from log_line where po_id = ? and file = ?').pluck();
  return {
    postoffice: `${po.network}/${po.name}`,
    segment: `${po.network}~${po.name}`,
    file,
    files: LOG_FILES.map((f) => ({ file: f, name: `${f}.LOG`, lines: count.get(po.id, f) as number })),
    rows: page.map((l) => {
      const [date, time] = logStamp(l.at).split(' ');
      return { id: l.id, date, time, severity: l.severity, number: l.number, text: l.text };
    }),
    next: rows.length > limit ? page[page.length - 1].id : null,
  };
}
