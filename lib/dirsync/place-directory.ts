import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { srvconfOf } from './dss';
import { DirsyncError } from '@/lib/core/errors';
import { formatQueue, queueEntries, type QueueEntry, type QueueFile } from './listq';
import { resolvePo } from './postoffices';
import { RESYNC_GLB, serverOfPlace } from './places';
import { crc16Text } from './crc16';
import { decodeResyncGlb } from './resync-glb';
import { listStoredFiles, readStoredFile } from './stored-files';

export interface PlaceFile {
  name: string;
  /** Bytes; for a queue (a table of the model) the size of its records in the RESYNC.GLB layout. */
  size: number;
  /** Unix ms: when it was written, or a queue's newest entry; null for an empty queue. */
  date: number | null;
  /** `file`: bytes the user may copy, delete, download; `queue`: kept by the utilities, shown only. */
  kind: 'file' | 'queue';
  /** LISTQ's dump (queues, RESYNC.GLB) or the text of a text file, cut to a screenful of lines. */
  dump: string;
}

export interface PlaceDirectory {
  place: string;
  /** `POLY/MONT GLB directory (M:)` or `EXCH01 Dxadata`. */
  title: string;
  files: PlaceFile[];
  /** What is wrong with what lies here (a RESYNC.GLB left on a DSS). */
  warnings: string[];
}

const MAX_DUMP_LINES = 200;
const cutLines = (text: string) => {
  const lines = text.split('\n');
  return lines.length <= MAX_DUMP_LINES ? text : [...lines.slice(0, MAX_DUMP_LINES), `… ${lines.length - MAX_DUMP_LINES} more lines`].join('\n');
};

const QUEUES: [QueueFile, string][] = [
  ['reqtrans', 'REQTRANS.GLB'],
  ['srvtrans', 'SRVTRANS.GLB'],
  ['msttrans', 'MSTTRANS.GLB'],
];
const queueSize = (entries: QueueEntry[]) => entries.reduce((n, e) => n + 12 + e.text.length, 0);

/** The dump the Files view shows for a stored file: LISTQ -T for RESYNC.GLB, the text otherwise. */
export function dumpStoredFile(name: string, bytes: Uint8Array): string {
  if (name === RESYNC_GLB) {
    try {
      const f = decodeResyncGlb(bytes);
      const head = `RESYNC.GLB from ${f.dss}: IMPSEQ ${f.impSeq}, REQSEQ ${f.reqSeq}, SRVSEQ ${f.srvSeq}, ${f.records.length} records, created ${ctime(f.createdAt)}`;
      const entries = f.records.map((r) => ({ crc: crc16Text(r.text), stamp: r.stamp, sync: r.sync, text: r.text, crcOk: true }));
      return cutLines(`${head}\n${formatQueue(entries, { dates: true, checkCrc: false })}`);
    } catch (e) {
      if (e instanceof DirsyncError) return `Fatal [${e.number}] ${e.message}${e.details.length ? `: ${e.details[0]}` : ''}`;
      throw e;
    }
  }
  return cutLines(Buffer.from(bytes.slice(0, 64 * 1024)).toString('latin1'));
}

/**
 * What a place holds, as the Files view lists it: a postoffice's GLB directory (its queues, read
 * like LISTQ, and the files kept as bytes) or an Exchange server's Dxadata folder.
 */
export function placeDirectory(db: Db, place: string): PlaceDirectory {
  const server = serverOfPlace(place);
  const files: PlaceFile[] = [];
  const warnings: string[] = [];
  let title = `${server} Dxadata`;
  if (!server) {
    const po = resolvePo(db, place);
    title = `${place} GLB directory${po.drive ? ` (${po.drive}:)` : ''}`;
    const dss = srvconfOf(db, po) !== undefined;
    for (const [queue, name] of QUEUES) {
      if (queue === 'msttrans' && !dss) continue;
      const entries = queueEntries(db, po, queue);
      const stamps = entries.map((e) => e.stamp).filter(Boolean);
      files.push({ name, size: queueSize(entries), date: stamps.length ? Math.max(...stamps) : null, kind: 'queue', dump: cutLines(formatQueue(entries, { dates: true, checkCrc: true })) });
    }
    if (dss && readStoredFile(db, place, RESYNC_GLB)) {
      warnings.push(
        `RESYNC.GLB is still in the GLB directory of the dirsync server ${place}: copy it where it is needed, then delete it here. Left on the DSS it may cause problems with the Global Address List of the DSS (KB Q156124).`,
      );
    }
  }
  for (const f of listStoredFiles(db, place)) {
    files.push({ name: f.name, size: f.size, date: f.createdAt, kind: 'file', dump: dumpStoredFile(f.name, readStoredFile(db, place, f.name)!) });
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  return { place, title, files, warnings };
}
