import { isElement, isPostofficeType } from './names';
import type { Txn } from './transactions';

/**
 * MS Mail text import/export files (`import -f`, `-x`): docs/engine.md, "The documents the code follows".
 * A line is `A Full Name<TAB>TYPE:ADDR` (tab form) or code in column 1, full name in columns 3–32,
 * address from column 34 (fixed-column form); `R TYPE:NET/PO` or `R TYPE:` replaces a list; `-`
 * lines are template data of the A or M above. Pure: checks that need a postoffice live in
 * import-text.ts.
 */
export interface ImportLineError {
  /** 1-based line number in the file. */
  line: number;
  /** MS Mail import error number (12, 13, 17, 19, 20, 46, 72). */
  number: number;
  message: string;
}

export interface ParsedImportFile {
  txns: Txn[];
  /** The line each transaction of `txns` starts on (same index). */
  lines: number[];
  errors: ImportLineError[];
}

const MAX_FULL_NAME = 30;
const NAME_END = 32; // columns 3–32 hold the full name
const ADDRESS_COLUMN = 34;
const TYPE = /^[A-Za-z0-9]{1,8}$/;
// C0 controls and DEL: a form feed would split an attachment record, a CR or LF a transaction.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

class LineError {
  constructor(
    readonly number: number,
    readonly message: string,
  ) {}
}

const trimBlanks = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

export function parseImportFile(text: string): ParsedImportFile {
  const out: ParsedImportFile = { txns: [], lines: [], errors: [] };
  // What the previous transaction line left: an A/M that template lines may follow, a line that
  // failed (its continuation lines are skipped silently), or anything else.
  let open: { txn: Extract<Txn, { template: string[] }>; repeatAllowed: boolean } | 'failed' | null = null;
  const rows = text.replace(/^\uFEFF/, '').split('\n');
  rows.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = index + 1;
    if (trimBlanks(line) === '') return;
    try {
      const first = line[0];
      const indented = first === ' ' ? line.replace(/^ +/, '') : null;
      if (first === '-' || indented?.startsWith('-')) {
        if (open === 'failed') return;
        if (!open) throw new LineError(13, 'Invalid transaction command: a template line (-) must follow an A or M transaction');
        if (CONTROL.test(line)) throw new LineError(13, 'Invalid transaction command: the template line contains a control character');
        open.txn.template.push(indented ?? line);
        open.repeatAllowed = false;
        return;
      }
      if (first === ' ') {
        if (open === 'failed') return;
        if (open?.repeatAllowed && line.startsWith('  ')) {
          const { fullName, address } = splitFields(line.slice(2));
          if (fullName === open.txn.fullName && address.toUpperCase() === open.txn.address.toUpperCase()) {
            open.repeatAllowed = false;
            return;
          }
          throw new LineError(13, 'Invalid transaction command: the indented line under an M must repeat its full name and address');
        }
        throw new LineError(
          13,
          'Invalid transaction command: a line starting with a space may only repeat the name and address of the M line above it',
        );
      }
      open = null;
      const txn = parseTransaction(line);
      out.txns.push(txn);
      out.lines.push(number);
      if (txn.code === 'A' || txn.code === 'M') open = { txn, repeatAllowed: txn.code === 'M' };
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      out.errors.push({ line: number, number: e.number, message: e.message });
      // A failed transaction line swallows its continuation lines; a failed continuation does not.
      if (line[0] !== ' ' && line[0] !== '-') open = 'failed';
    }
  });
  return out;
}

function parseTransaction(line: string): Txn {
  const first = line[0];
  if (!/\p{L}/u.test(first)) {
    throw new LineError(12, `Invalid character in column 1 (${JSON.stringify(first)}): use A, D, M or R, or - for a template line`);
  }
  const code = first.toUpperCase();
  if (code === 'T') throw new LineError(13, 'Invalid transaction command: template (T) records are not supported by this import');
  if (code !== 'A' && code !== 'D' && code !== 'M' && code !== 'R') {
    throw new LineError(13, `Invalid transaction command "${first}": use A, D, M or R`);
  }
  if (line.length > 1 && line[1] !== ' ' && line[1] !== '\t') {
    throw new LineError(13, `Invalid transaction command "${line.split(/[ \t]/)[0]}": column 2 must be a space or a tab`);
  }
  if (code === 'R') return { code, target: checkTarget(trimBlanks(line.slice(2))) };
  const { fullName, address } = splitFields(line.slice(2));
  checkFullName(fullName);
  checkAddress(address);
  return { code, fullName, address, template: [] };
}

/**
 * Full name and address from column 3 on. A tab separates them when present; otherwise the fixed
 * columns (space in column 33, address from 34); otherwise, as in the KB examples
 * (`A Doe, John D. SNADS:GATE/DGN/JDOE`), the address starts at the first blank followed by `TYPE:`.
 */
function splitFields(rest: string): { fullName: string; address: string } {
  const tab = rest.indexOf('\t');
  if (tab >= 0) return { fullName: trimBlanks(rest.slice(0, tab)), address: trimBlanks(rest.slice(tab + 1)) };
  const fixedAddress = rest.slice(ADDRESS_COLUMN - 3).replace(/^ +/, '');
  if (rest[NAME_END - 2] === ' ' && /^[A-Za-z0-9]{1,8}:/.test(fixedAddress)) {
    return { fullName: trimBlanks(rest.slice(0, NAME_END - 2)), address: trimBlanks(fixedAddress) };
  }
  const loose = /[ ]+[A-Za-z0-9]{1,8}:/.exec(rest);
  if (loose && trimBlanks(rest.slice(0, loose.index)) !== '') {
    return { fullName: trimBlanks(rest.slice(0, loose.index)), address: trimBlanks(rest.slice(loose.index)) };
  }
  if (rest[NAME_END - 2] === ' ' && trimBlanks(fixedAddress) !== '') {
    return { fullName: trimBlanks(rest.slice(0, NAME_END - 2)), address: trimBlanks(fixedAddress) };
  }
  return { fullName: trimBlanks(rest), address: '' };
}

function checkFullName(fullName: string): void {
  if (fullName === '') throw new LineError(46, 'No fullname');
  if (fullName.length > MAX_FULL_NAME) {
    throw new LineError(72, `Full name exceeds ${MAX_FULL_NAME} characters (${fullName.length}): "${fullName}"`);
  }
  if (CONTROL.test(fullName)) throw new LineError(46, 'No fullname: the full name contains a control character');
}

/** `TYPE:VALUE`; PCM and MS values are NET/PO/MAILBOX. */
function checkAddress(address: string): void {
  if (address === '') {
    throw new LineError(17, `Invalid address: none found — put it after a tab or start it in column ${ADDRESS_COLUMN}`);
  }
  const { type, value } = splitType(address);
  if (value === '') throw new LineError(17, `Invalid address "${address}": nothing after "${type}:"`);
  if (isPostofficeType(type)) checkElements(address, value, 3, 'NET/PO/MAILBOX');
}

/** `R TYPE:NET/PO` for a postoffice list, `R TYPE:` for a gateway list. */
function checkTarget(target: string): string {
  if (target === '') throw new LineError(17, 'Invalid address: R needs the list to replace, TYPE:NET/PO or TYPE:');
  const { type, value } = splitType(target);
  if (isPostofficeType(type)) checkElements(target, value, 2, 'NET/PO');
  else if (value !== '') {
    throw new LineError(17, `Invalid address "${target}": a gateway list is replaced with "R ${type}:" and nothing after the colon`);
  }
  return target;
}

function splitType(address: string): { type: string; value: string } {
  const colon = address.indexOf(':');
  const type = address.slice(0, colon);
  if (colon < 0 || !TYPE.test(type)) {
    throw new LineError(17, `Invalid address "${address}": it must start with an address type of 1 to 8 letters or digits and a colon`);
  }
  if (CONTROL.test(address) || address.includes('\t')) {
    throw new LineError(17, `Invalid address "${address}": it contains a control character or a tab`);
  }
  return { type, value: address.slice(colon + 1) };
}

function checkElements(address: string, value: string, count: number, form: string): void {
  const parts = value.split('/');
  if (parts.length !== count || parts.some((p) => p === '')) {
    throw new LineError(19, `Invalid postoffice address "${address}": write ${form}`);
  }
  const bad = parts.find((p) => !isElement(p));
  if (bad !== undefined) {
    throw new LineError(20, `Address element exceeds 10 characters: "${bad}" in "${address}" must be 1 to 10 letters or digits`);
  }
}

/**
 * The inverse of parseImportFile: one line per transaction and per template line, "\r\n" after
 * each. The fixed form pads the full name to column 32 so the address starts in column 34; a name
 * that cannot fit the columns is written in the tab form, which every reader also accepts.
 */
export function formatImportFile(txns: Txn[], form: 'tab' | 'fixed' = 'tab'): string {
  const lines: string[] = [];
  for (const txn of txns) {
    if (txn.code === 'R') {
      lines.push(`R ${txn.target}`);
      continue;
    }
    const fits = form === 'fixed' && txn.fullName.length <= MAX_FULL_NAME && !txn.fullName.includes('\t');
    lines.push(fits ? `${txn.code} ${txn.fullName.padEnd(MAX_FULL_NAME)} ${txn.address}` : `${txn.code} ${txn.fullName}\t${txn.address}`);
    lines.push(...txn.template);
  }
  return lines.map((l) => `${l}\r\n`).join('');
}
