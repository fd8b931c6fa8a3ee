import type { Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { resolvePo } from './postoffices';
import { srvconfOf } from './dss';
import { now } from '@/lib/core/clock';
import { step, stmt } from '@/lib/core/statements';

/** PROCESS.GLB: weekly times, the DSSCHED file form `T1 Sat 13:45` (minutes since Sunday 00:00). */
export interface ProcessTime {
  t: 1 | 2 | 3;
  minute: number;
}

export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const line = /^T([123])\s+(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\s+([01]?\d|2[0-3]):([0-5]\d)$/i;

/** Parse a DSSCHED file; every bad line is reported with its number and nothing is returned. */
export function parseProcessTimes(text: string): ProcessTime[] {
  const times: ProcessTime[] = [];
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((raw, k) => {
    const s = raw.trim();
    if (!s || s.startsWith(';')) return;
    const m = line.exec(s);
    if (!m) {
      bad.push(`line ${k + 1}: "${s}" is not "T<1|2|3> <Sun..Sat> <HH>:<MM>"`);
      return;
    }
    const day = DAYS.findIndex((d) => d.toLowerCase() === m[2].toLowerCase());
    times.push({ t: Number(m[1]) as 1 | 2 | 3, minute: day * 1440 + Number(m[3]) * 60 + Number(m[4]) });
  });
  if (bad.length) throw new DirsyncError('usage', `the schedule file has ${bad.length} bad line(s); nothing was changed`, undefined, bad);
  return times;
}

export const formatProcessTime = (p: ProcessTime) =>
  `T${p.t} ${DAYS[Math.floor(p.minute / 1440)]} ${String(Math.floor((p.minute % 1440) / 60)).padStart(2, '0')}:${String(p.minute % 60).padStart(2, '0')}`;

export function processTimes(db: Db, poId: number): ProcessTime[] {
  return stmt(db, 'select t, minute from process_time where po_id = ? order by minute, t').all(poId) as ProcessTime[];
}

/** `dssched -i`: replace the postoffice's times. A requestor ignores T2 lines. */
export function importProcessTimes(db: Db, poSpec: string, text: string): ProcessTime[] {
  const parsed = parseProcessTimes(text);
  return step(db, () => {
    const po = resolvePo(db, poSpec);
    const isDss = !!srvconfOf(db, po);
    const kept = parsed.filter((p) => p.t !== 2 || isDss);
    stmt(db, 'delete from process_time where po_id = ?').run(po.id);
    // A new time is first due at its next weekly occurrence from now.
    for (const p of kept) {
      stmt(db, 'insert or ignore into process_time (po_id, t, minute, last_done) values (?, ?, ?, ?)').run(po.id, p.t, p.minute, now(db));
    }
    return processTimes(db, po.id);
  });
}
