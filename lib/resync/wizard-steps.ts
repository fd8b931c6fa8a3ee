import type { Db } from '@/db/client';
import { notFound } from '@/lib/core/errors';
import { importSrvtrans } from '@/lib/dirsync/import-srvtrans';
import { rebuildGal } from '@/lib/dirsync/rebuild-gal';
import { resyncExtract } from '@/lib/dirsync/resync-extract';
import { decodeResyncGlb, type ResyncFile } from '@/lib/dirsync/resync-glb';
import type { StepResult } from '@/lib/dirsync/reqconf';
import { deleteStoredFile, readStoredFile, writeStoredFile } from '@/lib/dirsync/stored-files';
import { step, stmt } from '@/lib/core/statements';
import { controlService } from '@/lib/exchange/services/control-service';
import { registryValues } from '@/lib/exchange/services/registry';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import { requestorLink } from '@/lib/exchange/dxa/dirsync-links';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { dssPlace, requestorState, requestorTarget, type WizardDirection } from './wizard-targets';

/**
 * The documents' procedures as steps (docs/console.md, "Resync Wizard"):
 * - Exchange DSS → MS Mail requestors (KB Q150976, Q215505): [GlobalMaxSeqInResync = 1,]
 *   ResyncConnectionRDNs, restart MSExchangeDX (Resync.glb appears in Dxadata, the value is removed),
 *   then for each requestor: copy to its GLB, import -q -y, rebuild -f.
 * - MS Mail DSS → Exchange requestor (KB Q156124): import -s on the DSS, copy to Dxadata, remove it
 *   from the DSS, stop and start MSExchangeDX.
 * - MS Mail DSS → MS Mail requestors (KB Q119449 with Q96060's T3): import -s, copy to each GLB,
 *   remove it from the DSS, then for each requestor import -q -y and rebuild -f.
 * With an uploaded file the steps that make and carry the DSS's file become "place the file".
 */
export type StepCode =
  | 'setGlobalMax'
  | 'setRdns'
  | 'restartDxDss'
  | 'extract'
  | 'copy'
  | 'placeUpload'
  | 'deleteFromDss'
  | 'import'
  | 'rebuild'
  | 'restartDxRequestor';

export interface StepPlan {
  code: StepCode;
  target: string;
}

export interface WizardContext {
  id: number;
  direction: WizardDirection;
  dss: string;
  requestors: string[];
  names: string[];
  globalMax: boolean;
  file: Uint8Array | null;
  fileSource: 'dss' | 'upload' | null;
}

/** What a step did: the output lines and the MS Mail / NT error it met, if any. */
export interface StepRun {
  lines: string[];
  error?: { number?: number; text: string };
  /** The RESYNC.GLB the step made, kept by the wizard for download. */
  made?: Uint8Array;
}

export interface CheckResult {
  ok: boolean;
  lines: string[];
}

export interface StepKind {
  title: (ctx: WizardContext, target: string) => string;
  does: (ctx: WizardContext, target: string) => string;
  cli: (ctx: WizardContext, target: string) => string;
  run: (db: Db, ctx: WizardContext, target: string) => StepRun;
  check: (db: Db, ctx: WizardContext, target: string, run: StepRun) => CheckResult;
}

/** The steps of a run, in order. */
export function planSteps(ctx: Pick<WizardContext, 'direction' | 'dss' | 'requestors' | 'globalMax' | 'fileSource'>): StepPlan[] {
  const upload = ctx.fileSource === 'upload';
  const out: StepPlan[] = [];
  const each = (code: StepCode) => ctx.requestors.forEach((r) => out.push({ code, target: r }));
  switch (ctx.direction) {
    case 'exchange-dss-to-msmail':
      if (!upload) {
        if (ctx.globalMax) out.push({ code: 'setGlobalMax', target: ctx.dss });
        out.push({ code: 'setRdns', target: ctx.dss }, { code: 'restartDxDss', target: ctx.dss });
      }
      for (const r of ctx.requestors) out.push({ code: upload ? 'placeUpload' : 'copy', target: r }, { code: 'import', target: r }, { code: 'rebuild', target: r });
      return out;
    case 'msmail-dss-to-exchange':
      if (!upload) out.push({ code: 'extract', target: ctx.dss });
      each(upload ? 'placeUpload' : 'copy');
      if (!upload) out.push({ code: 'deleteFromDss', target: ctx.dss });
      each('restartDxRequestor');
      return out;
    case 'msmail-dss-to-msmail':
      if (!upload) out.push({ code: 'extract', target: ctx.dss });
      each(upload ? 'placeUpload' : 'copy');
      if (!upload) out.push({ code: 'deleteFromDss', target: ctx.dss });
      for (const r of ctx.requestors) out.push({ code: 'import', target: r }, { code: 'rebuild', target: r });
      return out;
  }
}

const quote = (s: string) => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '')}"` : s);
const placeOf = (db: Db, name: string) => requestorTarget(db, name).place;
const fromResult = (r: StepResult): StepRun => ({ lines: r.lines, error: r.fatal ? { number: r.fatal.number, text: r.fatal.text } : undefined });

/** The file a step should find, decoded; null when the wizard has none or it is damaged. */
function header(ctx: WizardContext): ResyncFile | null {
  if (!ctx.file) return null;
  try {
    return decodeResyncGlb(ctx.file);
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function numbersMatch(db: Db, ctx: WizardContext, target: string, lines: string[]): boolean {
  const h = header(ctx);
  const s = requestorState(db, requestorTarget(db, target));
  const now = `ReqSync ${s.reqSync}, SrvSync ${s.srvSync}, ImpSync ${s.impSync}`;
  if (!h) {
    lines.push(`Numbers now: ${now}`);
    return true;
  }
  const ok = s.reqSync === h.reqSeq && s.srvSync === h.srvSeq && s.impSync === h.impSeq;
  lines.push(ok ? `Numbers set from the header: ${now}` : `Numbers are ${now}; the header says REQSEQ ${h.reqSeq}, SRVSEQ ${h.srvSeq}, IMPSEQ ${h.impSeq}`);
  return ok;
}

function copyFile(db: Db, from: string, to: string): StepRun {
  return step(db, () => {
    const bytes = readStoredFile(db, from, 'RESYNC.GLB');
    if (!bytes) throw notFound(`there is no RESYNC.GLB in ${from}: "dirsync file list ${from}" shows what is there`);
    writeStoredFile(db, to, 'RESYNC.GLB', bytes);
    return { lines: [`RESYNC.GLB copied from ${from} to ${to} (${bytes.length} bytes)`] };
  });
}

export const STEP_KINDS: Record<StepCode, StepKind> = {
  setGlobalMax: {
    title: (_c, s) => `Set GlobalMaxSeqInResync on ${s}`,
    does: () =>
      'Adds GlobalMaxSeqInResync = 1 (REG_DWORD) under MSExchangeDX, so the DXA takes IMPSEQ, REQSEQ and SRVSEQ over every registered requestor, not only the ones named (KB Q215505).',
    cli: (_c, s) => `dirsync reg set ${s} GlobalMaxSeqInResync 1`,
    run: (db, _c, s) => {
      const v = setRegistryValue(db, s, 'GlobalMaxSeqInResync', ['1']);
      return { lines: [`${v.key}\\${v.name} = 1 (${v.type})`] };
    },
    check: (db, _c, s) => {
      const v = registryValues(db, s).find((r) => r.name === 'GlobalMaxSeqInResync');
      return v?.data === 1 ? { ok: true, lines: ['GlobalMaxSeqInResync is 1'] } : { ok: false, lines: ['GlobalMaxSeqInResync is not 1 in the registry'] };
    },
  },
  setRdns: {
    title: (_c, s) => `Set ResyncConnectionRDNs on ${s}`,
    does: (c) =>
      `Adds ResyncConnectionRDNs (REG_MULTI_SZ) under MSExchangeDX naming the Remote Dirsync Requestor objects the master list is for: ${c.names.join(', ')} (KB Q150976 steps 1–9).`,
    cli: (c, s) => `dirsync reg set ${s} ResyncConnectionRDNs ${c.names.map(quote).join(' ')}`,
    run: (db, c, s) => {
      const v = setRegistryValue(db, s, 'ResyncConnectionRDNs', c.names);
      return { lines: [`${v.key}\\${v.name} = ${(v.data as string[]).join(' | ')} (${v.type})`] };
    },
    check: (db, c, s) => {
      const v = registryValues(db, s).find((r) => r.name === 'ResyncConnectionRDNs');
      const got = Array.isArray(v?.data) ? v.data : [];
      const ok = got.length === c.names.length && got.every((n, k) => n === c.names[k]);
      return ok ? { ok, lines: [`ResyncConnectionRDNs names ${got.join(', ')}`] } : { ok, lines: ['ResyncConnectionRDNs is not set to the names chosen'] };
    },
  },
  restartDxDss: {
    title: (_c, s) => `Stop and restart Microsoft Exchange Directory Synchronization on ${s}`,
    does: (_c, s) =>
      `The DXA reads ResyncConnectionRDNs as it starts, writes Resync.glb to ${s}'s Dxadata folder and removes the value from the registry (KB Q150976 step 10).`,
    cli: (_c, s) => `dirsync service restart ${s} MSExchangeDX`,
    run: (db, c, s) => {
      const r = controlService(db, s, 'MSExchangeDX', 'restart');
      const made = readStoredFile(db, dssPlace(db, c.direction, s), 'RESYNC.GLB');
      const wrote = r.lines.some((l) => l.startsWith('Resync.glb written'));
      if (!wrote) return { lines: r.lines, error: { text: 'the DXA wrote no Resync.glb: ResyncConnectionRDNs named no Remote Dirsync Requestor of this server' } };
      return { lines: r.lines, made };
    },
    check: (db, c, s, run) => {
      const place = dssPlace(db, c.direction, s);
      const bytes = readStoredFile(db, place, 'RESYNC.GLB');
      const gone = !registryValues(db, s).some((v) => v.name === 'ResyncConnectionRDNs');
      const lines = [bytes ? `Resync.glb is in ${place} (${bytes.length} bytes)` : `no Resync.glb in ${place}`, gone ? 'ResyncConnectionRDNs was removed from the registry' : 'ResyncConnectionRDNs is still in the registry'];
      return { ok: !!bytes && gone && sameBytes(bytes, run.made), lines };
    },
  },
  extract: {
    title: (_c, s) => `Make RESYNC.GLB on ${s} (import -s)`,
    does: (_c, s) => `Writes RESYNC.GLB to ${s}'s GLB directory: the sync numbers as the DSS sees them and every address list it keeps (KB Q156124).`,
    cli: (_c, s) => `dirsync import admin -p<password> -d${s} -s -y`,
    run: (db, c, s) => {
      const r = fromResult(resyncExtract(db, s));
      return r.error ? r : { ...r, made: readStoredFile(db, dssPlace(db, c.direction, s), 'RESYNC.GLB') };
    },
    check: (db, c, s, run) => {
      const bytes = readStoredFile(db, dssPlace(db, c.direction, s), 'RESYNC.GLB');
      let ok = !!bytes && sameBytes(bytes, run.made);
      const lines = [bytes ? `RESYNC.GLB is in ${s}'s GLB directory (${bytes.length} bytes)` : `no RESYNC.GLB in ${s}'s GLB directory`];
      if (bytes) {
        try {
          const f = decodeResyncGlb(bytes);
          lines.push(`header: IMPSEQ ${f.impSeq}, REQSEQ ${f.reqSeq}, SRVSEQ ${f.srvSeq}, ${f.records.length} records`);
        } catch {
          ok = false;
          lines.push('the file does not decode');
        }
      }
      return { ok, lines };
    },
  },
  copy: {
    title: (c, r) => `Copy RESYNC.GLB to ${r}${c.direction === 'msmail-dss-to-exchange' ? "'s Dxadata folder" : "'s GLB directory"}`,
    does: (c, r) =>
      c.direction === 'msmail-dss-to-exchange'
        ? `Places the DSS's RESYNC.GLB in the Dxadata folder of ${r}, where MSExchangeDX reads it when it starts (KB Q156124).`
        : `Copies the DSS's RESYNC.GLB into ${r}'s GLB directory, where import -q reads it (KB Q150976, "Copy the Resync.glb file to the remote requestor's GLB directory").`,
    cli: (c, r) => `dirsync file copy ${c.direction === 'exchange-dss-to-msmail' ? `${c.dss}:Dxadata` : c.dss} ${r.includes('/') ? r : `${r}:Dxadata`} RESYNC.GLB`,
    run: (db, c, r) => copyFile(db, dssPlace(db, c.direction, c.dss), placeOf(db, r)),
    check: (db, c, r) => {
      const to = placeOf(db, r);
      const ok = sameBytes(readStoredFile(db, to, 'RESYNC.GLB'), readStoredFile(db, dssPlace(db, c.direction, c.dss), 'RESYNC.GLB'));
      return { ok, lines: [ok ? `${to} holds the same RESYNC.GLB as the DSS` : `${to} does not hold the DSS's RESYNC.GLB`] };
    },
  },
  placeUpload: {
    title: (_c, r) => `Place the uploaded RESYNC.GLB at ${r}`,
    does: (c, r) =>
      `Puts the file you uploaded (its prediction was shown before this) into ${c.direction === 'msmail-dss-to-exchange' ? `${r}'s Dxadata folder` : `${r}'s GLB directory`}.`,
    cli: (_c, r) => `dirsync file import RESYNC.GLB ${r.includes('/') ? r : `${r}:Dxadata`} RESYNC.GLB`,
    run: (db, c, r) => {
      if (!c.file) throw notFound('no file was uploaded to this wizard: upload one on the Files page');
      const to = placeOf(db, r);
      writeStoredFile(db, to, 'RESYNC.GLB', c.file);
      return { lines: [`RESYNC.GLB placed in ${to} (${c.file.length} bytes)`] };
    },
    check: (db, c, r) => {
      const to = placeOf(db, r);
      const ok = sameBytes(readStoredFile(db, to, 'RESYNC.GLB'), c.file);
      return { ok, lines: [ok ? `${to} holds the uploaded file` : `${to} does not hold the uploaded file`] };
    },
  },
  deleteFromDss: {
    title: (_c, s) => `Remove RESYNC.GLB from ${s}`,
    does: () =>
      'Deletes the DSS\'s own RESYNC.GLB after it was copied out: "If you do not remove this file, it may cause problems with the Global Address List of the DSS" (KB Q156124) — its next import -q would stop with Fatal 14.',
    cli: (_c, s) => `dirsync file delete ${s} RESYNC.GLB`,
    run: (db, c, s) => {
      const at = dssPlace(db, c.direction, s);
      if (!deleteStoredFile(db, at, 'RESYNC.GLB')) throw notFound(`there is no RESYNC.GLB in ${at}: "dirsync file list ${at}" shows what is there`);
      return { lines: [`RESYNC.GLB deleted from ${at}`] };
    },
    check: (db, c, s) => {
      const at = dssPlace(db, c.direction, s);
      const ok = !readStoredFile(db, at, 'RESYNC.GLB');
      return { ok, lines: [ok ? `no RESYNC.GLB left in ${at}` : `RESYNC.GLB is still in ${at}`] };
    },
  },
  import: {
    title: (_c, r) => `Import the file on ${r} (import -q -y)`,
    does: (_c, r) => `Import checks RESYNC.GLB against ${r}'s numbers, sets ReqSync, SrvSync and ImpSync from its header, replaces the external lists and deletes the file; then it imports SRVTRANS.`,
    cli: (_c, r) => `dirsync import admin -p<password> -d${r} -q -y`,
    run: (db, _c, r) => fromResult(importSrvtrans(db, r)),
    check: (db, c, r, run) => {
      const lines: string[] = [];
      const gone = !readStoredFile(db, placeOf(db, r), 'RESYNC.GLB');
      lines.push(run.error ? `import -q stopped: Fatal [${run.error.number}]` : 'import -q ran without Fatal 14');
      lines.push(gone ? 'RESYNC.GLB was processed and deleted' : 'RESYNC.GLB is still in the GLB directory');
      const numbers = numbersMatch(db, c, r, lines);
      return { ok: !run.error && gone && numbers, lines };
    },
  },
  rebuild: {
    title: (_c, r) => `Rebuild the GAL on ${r} (rebuild -f)`,
    does: () => 'Rebuild -f builds the global address list and its index from the local list and the external lists the file replaced (KB Q96060 T3).',
    cli: (_c, r) => `dirsync rebuild -d${r} -f`,
    run: (db, _c, r) => fromResult(rebuildGal(db, r)),
    check: (db, _c, r, run) => {
      const po = requestorTarget(db, r).po;
      const row = stmt(db, 'select gal_count as n, pending_adds as p from postoffice where id = ?').get(po.id) as { n: number; p: number };
      const said = Number(/GAL rebuilt: (\d+) names/.exec(run.lines.join('\n'))?.[1] ?? NaN);
      const ok = said === row.n && row.p === 0;
      return { ok, lines: [ok ? `GAL rebuilt: ${row.n} names, nothing left pending` : `the GAL says ${row.n} names, rebuild reported ${said}`] };
    },
  },
  restartDxRequestor: {
    title: (_c, r) => `Stop and start Microsoft Exchange Directory Synchronization on ${r}`,
    does: (_c, r) =>
      `MSExchangeDX on ${r} finds Resync.glb in Dxadata as it starts: it checks it, resets the requestor's sync numbers, repopulates the Import Container with the MS Mail addresses and removes the file (KB Q156124).`,
    cli: (_c, r) => `dirsync service restart ${r} MSExchangeDX`,
    run: (db, _c, r) => {
      const res = controlService(db, r, 'MSExchangeDX', 'restart');
      return { lines: res.lines, error: res.cycle?.fatal ? { number: res.cycle.fatal.number, text: res.cycle.fatal.text } : undefined };
    },
    check: (db, c, r, run) => {
      const server = resolveServer(db, r);
      const lines: string[] = [];
      const gone = !readStoredFile(db, `${server.name}:Dxadata`, 'RESYNC.GLB');
      lines.push(gone ? 'Resync.glb was applied and removed from Dxadata' : 'Resync.glb is still in Dxadata');
      const numbers = numbersMatch(db, c, r, lines);
      const link = requestorLink(db, server);
      const count = (stmt(db, 'select count(*) as n from recipient where imported_by = ?').get(link?.id ?? -1) as { n: number }).n;
      const applied = /Import Container ([^:]+):/.exec(run.lines.join('\n'));
      lines.push(`Import Container ${link?.importContainer ?? '?'}: ${count} imported recipients`);
      return { ok: !run.error && gone && numbers && !!applied, lines };
    },
  },
};
