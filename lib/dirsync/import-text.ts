import type { Db } from '@/db/client';
import { applyToLists, finishLists, listContext } from './apply-to-lists';
import { DirsyncError } from '@/lib/core/errors';
import { parseImportFile, type ImportLineError } from './import-file';
import { normalTarget } from './master-lists';
import { parseAddress, poKey } from './names';
import { resolvePo, type PoRow } from './postoffices';
import { appendReqtrans } from './reqtrans';
import { formatTxn, type Txn } from './transactions';
import { listRange } from './lists';
import { stmt } from '@/lib/core/statements';
import { recordRun } from '@/lib/history/record-run';

export interface ImportTextOptions {
  /** `-e`: append the transactions to REQTRANS (inject them into dirsync) instead of the lists. */
  toReqtrans?: boolean;
  /** `-g<type>`: the gateway type the file is for. */
  gateway?: string;
  /** `-a`: also change postoffice address lists. */
  postofficeLists?: boolean;
  /** `-c`: autocreate unknown postoffices. */
  autocreate?: boolean;
}

/**
 * `import admin -p<pw> -f<file> [-e] [-g<type>] [-a] [-c]`: every line is checked first; a file with
 * any error changes nothing and the errors come back with line numbers and MS Mail error numbers.
 */
export function importText(db: Db, poSpec: string, text: string, opts: ImportTextOptions = {}): { imported: number } {
  const parsed = parseImportFile(text);
  let at = poSpec;
  return recordRun(db, 'Text import', () => at, () => {
    const po = resolvePo(db, poSpec);
    at = poKey(po);
    const errors = [...parsed.errors, ...(opts.toReqtrans ? [] : listErrors(db, po, parsed.txns, parsed.lines, opts))];
    if (errors.length) throw importFailed(errors);
    if (opts.toReqtrans) {
      for (const txn of parsed.txns) appendReqtrans(db, po.id, formatTxn(txn));
    } else {
      const ctx = listContext(db, po, !!opts.autocreate);
      if (opts.gateway) ctx.types.add(opts.gateway.toUpperCase());
      for (const txn of parsed.txns) applyToLists(db, ctx, txn);
      finishLists(db, ctx);
    }
    return { imported: parsed.txns.length };
  }, (r) => ({ txnIn: r.imported, summary: `${r.imported} transactions imported${opts.toReqtrans ? ' into REQTRANS' : ''}` }));
}

function importFailed(errors: ImportLineError[]): DirsyncError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return new DirsyncError('usage', `the import file has ${sorted.length} error(s); nothing was imported — correct the lines and run import again`, { number: sorted[0].number, details: sorted.map((e) => `line ${e.line}: [${e.number}] ${e.message}`), code: 'import.bad-lines' });
}

/** Checks that need the postoffice: own addresses, -a for postoffice lists, -c for unknown ones, -g. */
function listErrors(db: Db, po: PoRow, txns: Txn[], lines: number[], opts: ImportTextOptions): ImportLineError[] {
  const errors: ImportLineError[] = [];
  const accepted = listContext(db, po).types;
  // A postoffice is known when it has a definition or a list here.
  const isKnown = (name: string) => {
    const [network, office] = name.split('/');
    const [lo, hi] = listRange(`PCM:${name}`);
    return !!(
      stmt(db, 'select 1 from external_po where po_id = ? and network = ? and name = ?').get(po.id, network, office) ||
      stmt(db, 'select 1 from list_entry where po_id = ? and address_key >= ? and address_key < ? and removed_gen = 0 limit 1').get(po.id, lo, hi)
    );
  };
  txns.forEach((txn, k) => {
    const line = lines[k];
    const target = txn.code === 'R' ? normalTarget(txn.target) : null;
    const address = txn.code === 'R' ? null : parseAddress(txn.address);
    const poName = target?.startsWith('PCM:') ? target.slice(4) : address?.po ? poKey(address.po) : null;
    const type = target ? target.slice(0, target.indexOf(':')) : address?.type;
    if (poName) {
      if (poName === poKey(po)) errors.push({ line, number: 66, message: `Local postoffice transaction ignored: ${poName} is this postoffice` });
      else if (!opts.postofficeLists) errors.push({ line, number: 19, message: `postoffice list ${poName} is changed only with -a` });
      else if (!opts.autocreate && !isKnown(poName)) errors.push({ line, number: 64, message: `Postoffice ${poName} not defined: use -c to autocreate it` });
    } else if (opts.gateway && type !== opts.gateway.toUpperCase()) {
      errors.push({ line, number: 17, message: `address type ${type} is not the gateway type ${opts.gateway.toUpperCase()} given with -g` });
    } else if (!opts.gateway && type && !accepted.has(type)) {
      // Without this check the line would be dropped silently and still counted as imported.
      errors.push({
        line,
        number: 44,
        message: `Gateway not installed: ${poKey(po)} does not accept ${type} addresses — add the type with "dirsync ds types" or name it with -g${type}`,
      });
    }
  });
  return errors;
}
