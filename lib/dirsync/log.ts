import type { Db } from '@/db/client';
import { now, logStamp } from '@/lib/core/clock';
import { stmt } from '@/lib/core/statements';

export type LogFile = 'DIRSYNC' | 'DISPATCH' | 'CENTRAL';
export type Severity = 'Status' | 'Warning' | 'Fatal';

/** Append a numbered line to a postoffice's log file. */
export function writeLog(db: Db, poId: number, file: LogFile, severity: Severity, number: number, text: string): void {
  stmt(db, 'insert into log_line (po_id, file, at, severity, number, text) values (?, ?, ?, ?, ?, ?)').run(
    poId,
    file,
    now(db),
    severity,
    number,
    text,
  );
}

export interface LogLineRow {
  at: number;
  severity: Severity;
  number: number;
  text: string;
}

/** A log line as the file shows it: `02/26/94 13:45:00 Status [106] ReqTx send 3 updates`. */
export const formatLogLine = (l: LogLineRow) => `${logStamp(l.at)} ${l.severity} [${l.number}] ${l.text}`;
