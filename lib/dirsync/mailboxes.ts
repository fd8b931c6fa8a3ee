import type { Db } from '@/db/client';
import { DirsyncError, notFound } from '@/lib/core/errors';
import { isElement, mailboxAddress, poKey } from './names';
import type { PoRow } from './postoffices';
import { stmt } from '@/lib/core/statements';

export interface MailboxRow {
  id: number;
  name: string;
  fullName: string;
  dirsync: boolean;
}

export function checkMailboxName(name: string): string {
  if (!isElement(name)) {
    throw new DirsyncError('usage', `mailbox name "${name}" must be 1 to 10 letters or digits`, { number: 20, code: 'mailbox.name-invalid', field: 'mailbox' });
  }
  return name.toUpperCase();
}

export function checkFullName(fullName: string): string {
  const f = fullName.trim();
  if (!f) throw new DirsyncError('usage', 'No fullname: give the mailbox a full name', { number: 46, code: 'mailbox.full-name-missing', field: 'fullName' });
  if (f.length > 30) throw new DirsyncError('usage', `Full name "${f}" exceeds 30 characters`, { number: 72, code: 'mailbox.full-name-too-long', field: 'fullName' });
  if (/[\t\r\n\f]/.test(f)) throw new DirsyncError('usage', 'a full name cannot contain tabs or line breaks', { number: 12, code: 'mailbox.full-name-invalid', field: 'fullName' });
  return f;
}

export function findMailbox(db: Db, po: PoRow, name: string): MailboxRow {
  const row = stmt(
    db,
    'select id, name, full_name as fullName, dirsync from mailbox where po_id = ? and name = ?',
  ).get(po.id, name.toUpperCase()) as (Omit<MailboxRow, 'dirsync'> & { dirsync: number }) | undefined;
  if (!row) throw notFound(`mailbox ${name.toUpperCase()} does not exist on ${poKey(po)}`, { code: 'mailbox.not-found' });
  return { ...row, dirsync: !!row.dirsync };
}

/** The local list (ADMIN.NME) entry of a mailbox. */
export function localEntry(po: PoRow, name: string, fullName: string) {
  const address = mailboxAddress(po, name);
  return { addressKey: address.toUpperCase(), fullName, address, template: '' };
}

export const txnLine = (code: 'A' | 'M' | 'D', fullName: string, address: string) => `${code} ${fullName}\t${address}`;
