import { crc16 } from './crc16';
import { fatal, usage } from '@/lib/core/errors';

/**
 * RESYNC.GLB, the documented binary layout (little-endian; docs/engine.md, "RESYNC.GLB layout notes"):
 *
 *   header  0 signature "RESYNCGL" · 8 u16 version 1 · 10 u32 IMPSEQ · 14 u32 REQSEQ · 18 u32 SRVSEQ
 *          22 u32 record count · 26 u32 creation time (Unix s) · 30 16-byte DSS name (ASCII, NUL-padded)
 *          46 u16 CRC-16 of bytes 0–45
 *   record  0 u16 CRC of bytes 2… · 2 u32 date stamp (Unix s) · 6 u32 sync# · 10 u16 text length
 *          12 transaction text (Windows-1252)
 */
export interface ResyncRecord {
  /** Unix ms; stored in whole seconds. */
  stamp: number;
  sync: number;
  /** One transaction in the tab form of transactions.ts; not parsed here. */
  text: string;
}

export interface ResyncFile {
  impSeq: number;
  reqSeq: number;
  srvSeq: number;
  /** Unix ms; stored in whole seconds. */
  createdAt: number;
  /** `NET/PO`; a name longer than 16 characters is cut to 16 (the field is informational). */
  dss: string;
  records: ResyncRecord[];
}

const SIGNATURE = 'RESYNCGL';
const VERSION = 1;
const DSS_BYTES = 16;
const HEADER_BYTES = 48;
const RECORD_HEAD = 12;
const MAX_TEXT = 0xffff;

// ---- Windows-1252 -------------------------------------------------------------------------------

/** Code points of bytes 80–9F; -1 marks the five bytes that are not characters (81 8D 8F 90 9D). */
const HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];
const DECODE = new Int32Array(256).map((_, b) => (b >= 0x80 && b < 0xa0 ? HIGH[b - 0x80] : b));
const ENCODE_HIGH = new Map<number, number>();
HIGH.forEach((cp, k) => cp >= 0 && ENCODE_HIGH.set(cp, 0x80 + k));

/** One byte per character (a surrogate pair is one character, so one '?'); returns the end offset. */
function encodeCp1252Into(text: string, out: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[o++] = c;
    else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out[o++] = 0x3f;
      i++;
    } else out[o++] = ENCODE_HIGH.get(c) ?? 0x3f;
  }
  return o;
}

const CHUNK = 8192; // keeps String.fromCharCode's argument count well inside engine limits
// apply() is much faster on a plain array than on a typed array; short texts reuse one array per
// length (bounded memory) so 100,000 records do not leave 100,000 arrays for the collector.
const POOLED = 256;
const pool: number[][] = [];

/** The text, or the offset of the first byte that is not a Windows-1252 character. */
function decodeCp1252(bytes: Uint8Array, start: number, end: number): string | number {
  let s = '';
  for (let from = start; from < end; from += CHUNK) {
    const n = Math.min(CHUNK, end - from);
    const codes = n <= POOLED ? (pool[n] ??= new Array<number>(n)) : new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const c = DECODE[bytes[from + k]];
      if (c < 0) return from + k;
      codes[k] = c;
    }
    s += String.fromCharCode.apply(null, codes);
  }
  return s;
}

// ---- encode -------------------------------------------------------------------------------------

const fitsU32 = (v: number) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const outOfRange = (what: string, v: number) =>
  usage(`RESYNC.GLB: ${what} ${v} does not fit the file's 32-bit field (0 to 4294967295)`);

function u32(what: string, v: number): number {
  if (!fitsU32(v)) throw outOfRange(what, v);
  return v;
}

/** Unix ms → whole seconds. */
const toSeconds = (ms: number) => (Number.isFinite(ms) ? Math.floor(ms / 1000) : ms);

/** The DSS name as the header's 16-byte field holds it. */
export const dssField = (dss: string) => dss.slice(0, DSS_BYTES);

export function encodeResyncGlb(file: ResyncFile): Uint8Array {
  // Upper bound: at most one byte per UTF-16 unit. One buffer, cut once at the end if needed.
  let size = HEADER_BYTES;
  for (const r of file.records) size += RECORD_HEAD + r.text.length;
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);

  for (let i = 0; i < SIGNATURE.length; i++) buf[i] = SIGNATURE.charCodeAt(i);
  view.setUint16(8, VERSION, true);
  view.setUint32(10, u32('IMPSEQ', file.impSeq), true);
  view.setUint32(14, u32('REQSEQ', file.reqSeq), true);
  view.setUint32(18, u32('SRVSEQ', file.srvSeq), true);
  view.setUint32(22, file.records.length, true);
  view.setUint32(26, u32('creation time (s)', toSeconds(file.createdAt)), true);
  const dss = dssField(file.dss);
  for (let i = 0; i < dss.length; i++) {
    const c = dss.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw usage(`RESYNC.GLB: the DSS name "${file.dss}" must be printable ASCII`);
    buf[30 + i] = c;
  }
  view.setUint16(46, crc16(buf.subarray(0, 46)), true);

  let o = HEADER_BYTES;
  for (let k = 0; k < file.records.length; k++) {
    const r = file.records[k];
    const end = encodeCp1252Into(r.text, buf, o + RECORD_HEAD);
    const length = end - o - RECORD_HEAD;
    if (length > MAX_TEXT) throw usage(`RESYNC.GLB: record ${k + 1} is ${length} bytes; a record holds at most ${MAX_TEXT}`);
    const stamp = toSeconds(r.stamp);
    // Messages are built only on failure: this loop runs once per record.
    if (!fitsU32(stamp)) throw outOfRange(`record ${k + 1} date stamp (s)`, stamp);
    if (!fitsU32(r.sync)) throw outOfRange(`record ${k + 1} sync#`, r.sync);
    view.setUint32(o + 2, stamp, true);
    view.setUint32(o + 6, r.sync, true);
    view.setUint16(o + 10, length, true);
    view.setUint16(o, crc16(buf.subarray(o + 2, end)), true);
    o = end;
  }
  return o === size ? buf : buf.slice(0, o);
}

// ---- decode -------------------------------------------------------------------------------------

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const damaged = (reason: string) => fatal(14, 'Error processing RESYNC.GLB', [reason]);

/** Every field is checked against the bytes actually present; any damage is Fatal 14 with a reason. */
export function decodeResyncGlb(bytes: Uint8Array): ResyncFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = bytes.subarray(0, SIGNATURE.length);
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== SIGNATURE.charCodeAt(i)) {
      const shown = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
      throw damaged(`bad signature "${shown}" (expected "${SIGNATURE}")`);
    }
  }
  if (bytes.length < HEADER_BYTES) {
    throw damaged(`truncated header: the file is ${bytes.length} bytes, a header needs ${HEADER_BYTES}`);
  }
  const version = view.getUint16(8, true);
  if (version !== VERSION) throw damaged(`unsupported version ${version} (expected ${VERSION})`);
  const storedHead = view.getUint16(46, true);
  const computedHead = crc16(bytes.subarray(0, 46));
  if (storedHead !== computedHead) {
    throw damaged(`header CRC mismatch (stored ${hex4(storedHead)}, computed ${hex4(computedHead)})`);
  }
  const dss = decodeDss(bytes.subarray(30, 30 + DSS_BYTES));

  // The count is not trusted for allocation: records are read only while bytes remain.
  const count = view.getUint32(22, true);
  const records: ResyncRecord[] = [];
  let o = HEADER_BYTES;
  while (records.length < count) {
    const k = records.length + 1;
    const left = bytes.length - o;
    if (left === 0) throw damaged(`truncated: the header announces ${count} records, the file holds ${records.length}`);
    if (left < RECORD_HEAD) throw damaged(`record ${k}: truncated (${left} bytes left, a record header needs ${RECORD_HEAD})`);
    const length = view.getUint16(o + 10, true);
    if (length > left - RECORD_HEAD) {
      throw damaged(`record ${k}: length ${length} exceeds the ${left - RECORD_HEAD} bytes left (truncated or damaged length)`);
    }
    const end = o + RECORD_HEAD + length;
    const stored = view.getUint16(o, true);
    const computed = crc16(bytes.subarray(o + 2, end));
    if (stored !== computed) throw damaged(`record ${k}: CRC mismatch (stored ${hex4(stored)}, computed ${hex4(computed)})`);
    const text = decodeCp1252(bytes, o + RECORD_HEAD, end);
    if (typeof text === 'number') {
      throw damaged(`record ${k}: byte ${hex2(bytes[text])} at offset ${text} is not a Windows-1252 character`);
    }
    records.push({ stamp: view.getUint32(o + 2, true) * 1000, sync: view.getUint32(o + 6, true), text });
    o = end;
  }
  if (o !== bytes.length) {
    throw damaged(`${bytes.length - o} trailing bytes after the ${count} records the header announces`);
  }
  return {
    impSeq: view.getUint32(10, true),
    reqSeq: view.getUint32(14, true),
    srvSeq: view.getUint32(18, true),
    createdAt: view.getUint32(26, true) * 1000,
    dss,
    records,
  };
}

/** Printable ASCII, then NULs only: anything else in the field is damage. */
function decodeDss(field: Uint8Array): string {
  let n = field.indexOf(0);
  if (n < 0) n = field.length;
  for (let i = 0; i < field.length; i++) {
    const b = field[i];
    if (i < n ? b < 0x20 || b > 0x7e : b !== 0) throw damaged(`DSS name field is not NUL-padded ASCII (byte ${hex2(b)} at ${30 + i})`);
  }
  return String.fromCharCode(...field.subarray(0, n));
}
