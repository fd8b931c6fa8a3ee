import { usage } from '@/lib/core/errors';

/** One dirsync transaction in the MS Mail import format (docs/engine.md, "The documents the code follows"). */
export type Txn =
  | { code: 'A' | 'M' | 'D'; fullName: string; address: string; template: string[] }
  | { code: 'R'; target: string };

/** `A Full Name\tTYPE:ADDR` plus its template lines, joined by newlines. */
export function formatTxn(txn: Txn): string {
  if (txn.code === 'R') return `R ${txn.target}`;
  const head = `${txn.code} ${txn.fullName}\t${txn.address}`;
  return txn.template.length ? `${head}\n${txn.template.join('\n')}` : head;
}

/**
 * Parse transactions the engine wrote itself (REQTRANS, MSTTRANS, attachments): the tab form, one
 * per entry, template lines starting with `-`. Text from people goes through `parseImportFile`.
 */
export function parseTxn(text: string): Txn {
  // Most entries have no template: one line, no split.
  const nl = text.indexOf('\n');
  const head = nl < 0 ? text : text.slice(0, nl);
  const code = head[0];
  if (code === 'R') return { code, target: head.slice(2) };
  const tab = head.indexOf('\t');
  if ((code !== 'A' && code !== 'M' && code !== 'D') || head[1] !== ' ' || tab < 0) {
    throw usage(`damaged transaction "${head}"`, { code: 'transaction.damaged' });
  }
  return { code, fullName: head.slice(2, tab), address: head.slice(tab + 1), template: nl < 0 ? [] : text.slice(nl + 1).split('\n') };
}

/** Attachments keep one transaction per record; records are separated by a form feed. */
export const RECORD_SEPARATOR = '\f';
export const joinRecords = (records: string[]) => records.join(RECORD_SEPARATOR);
export const splitRecords = (text: string) => (text === '' ? [] : text.split(RECORD_SEPARATOR));
