import type { Db } from '@/db/client';
import { formatImportFile } from './import-file';
import { notFound } from '@/lib/core/errors';
import { listKeyOfKey, parsePoName, poKey } from './names';
import { resolvePo } from './postoffices';
import type { Txn } from './transactions';
import { listRange } from './lists';
import { stmt } from '@/lib/core/statements';

/**
 * `import admin -p<pw> -x[NET/PO] [-g<type>] -f<file>`: a list as an import file — `R` for the list
 * then an `A` per address. `-xNET/PO` names a postoffice list (this postoffice's own is its local
 * mailboxes), `-g<type>` a gateway list; neither extracts every list.
 */
export function extractText(db: Db, poSpec: string, opts: { list?: string; gateway?: string }): { text: string; count: number } {
  const po = resolvePo(db, poSpec);
  const key = opts.list ? `PCM:${poKey(parsePoName(opts.list))}` : opts.gateway ? `${opts.gateway.toUpperCase()}:` : null;
  const [lo, hi] = key ? listRange(key) : ['', '\uffff'];
  const rows = stmt(
    db,
    // In address order each list's entries are together, and the lists in the order of their keys.
    `select address_key as addressKey, full_name as fullName, address, template from list_entry
     where po_id = ? and address_key >= ? and address_key < ? and removed_gen = 0 order by address_key`,
  ).all(po.id, lo, hi) as { addressKey: string; fullName: string; address: string; template: string }[];
  if (key && rows.length === 0) {
    throw notFound(`${poKey(po)} has no list ${key}; "dirsync file list" and "listq" show what it has`, { code: 'list.not-found' });
  }
  const txns: Txn[] = [];
  let current = '';
  for (const r of rows) {
    const listKey = listKeyOfKey(r.addressKey);
    if (listKey !== current) txns.push({ code: 'R', target: (current = listKey) });
    txns.push({ code: 'A', fullName: r.fullName, address: r.address, template: r.template ? r.template.split('\n') : [] });
  }
  return { text: formatImportFile(txns), count: rows.length };
}
