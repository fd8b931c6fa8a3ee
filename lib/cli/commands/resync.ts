import { DirsyncError, notFound, usage } from '@/lib/core/errors';
import { resolvePlace } from '@/lib/dirsync/places';
import { readStoredFile } from '@/lib/dirsync/stored-files';
import { resolvePo } from '@/lib/dirsync/postoffices';
import { findServer, serverOfConnector, type ServerRow } from '@/lib/exchange/servers/servers';
import {
  predictResync,
  predictResyncFile,
  resyncDssName,
  resyncRequestorsOf,
  type ResyncPrediction,
  type SyncNumbers,
} from '@/lib/resync/predict-resync';
import { parseArgs, requiredPo } from '../args';
import type { Command, CommandContext } from '../context';

const SYNTAX =
  'dirsync resync plan -d<DSS> [-r<requestor> ...] [--name <RDN> ...] [--global-max|--no-global-max] [--json] | resync check -d<PO or SERVER> [--file <path>] [-r<requestor> ...] [--json]';

/** The same limit as `file import`: a RESYNC.GLB is read whole. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Pull out the options that may be repeated (`-r`, `--name`); parseArgs keeps one value per option. */
function repeated(tokens: string[]): { rest: string[]; requestors: string[]; names: string[] } {
  const rest: string[] = [];
  const requestors: string[] = [];
  const names: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (/^-r/i.test(t) && !t.startsWith('--')) {
      const value = t.length > 2 ? t.slice(2) : tokens[k + 1] !== undefined && !tokens[k + 1].startsWith('-') ? tokens[++k] : undefined;
      if (value === undefined) throw usage(`-r needs a requestor, e.g. -rPOLY/NOV: ${SYNTAX}`);
      requestors.push(value);
    } else if (t === '--name' || t.startsWith('--name=')) {
      const value = t.includes('=') ? t.slice(7) : tokens[k + 1] !== undefined && !tokens[k + 1].startsWith('--') ? tokens[++k] : undefined;
      if (value === undefined || value.trim() === '') throw usage(`--name needs a Remote Dirsync Requestor name: ${SYNTAX}`);
      names.push(value);
    } else rest.push(t);
  }
  return { rest, requestors, names };
}

const numbers = (n: SyncNumbers | null) => (n ? `ReqSync = ${n.reqSync}, SrvSync = ${n.srvSync}, ImpSync = ${n.impSync}` : 'not registered');

const DIRECTION_WORDS: Record<ResyncPrediction['direction'], string> = {
  'exchange-dss-to-msmail': 'Exchange DSS → MS Mail requestors',
  'msmail-dss-to-exchange': 'MS Mail DSS → Exchange requestor',
  'msmail-dss-to-msmail': 'MS Mail DSS → MS Mail requestors',
};

/** The direction in words; an MS Mail DSS's plan for both kinds of requestor says so. */
function directionWords(p: ResyncPrediction): string {
  const kinds = new Set(p.verdicts.map((v) => v.kind));
  return p.direction !== 'exchange-dss-to-msmail' && kinds.size === 2 ? 'MS Mail DSS → MS Mail and Exchange requestors' : DIRECTION_WORDS[p.direction];
}

/** The prediction as text: the header, then per requestor its numbers, its verdict, why and the fixes. */
export function predictionText(p: ResyncPrediction, title: string): string {
  const lines = [title];
  if (p.names) lines.push(`ResyncConnectionRDNs: ${p.names.length ? p.names.join('; ') : '(none)'}${p.ignoredNames ? ` (not a Remote Dirsync Requestor, ignored: ${p.ignoredNames.join('; ')})` : ''}`);
  if (p.globalMaxInForce !== undefined) {
    lines.push(
      `GlobalMaxSeqInResync: ${
        p.globalMaxInForce
          ? '1, in force (highest numbers over every registered requestor)'
          : p.globalMaxSet
            ? `1, but ignored by ${p.version}: only DXA 5.5 SP3 (build 2524) or later reads it (highest numbers over the requestors named)`
            : 'not set (highest numbers over the requestors named)'
      }`,
    );
  }
  if (p.header) {
    const h = p.header;
    lines.push(`RESYNC.GLB header: IMPSEQ = ${h.impSeq}, REQSEQ = ${h.reqSeq}, SRVSEQ = ${h.srvSeq}, ${h.records} records, DSS ${h.dss}`);
  } else if (p.damaged) lines.push(`RESYNC.GLB is damaged: ${p.damaged}`);
  else if (p.noFile) lines.push(`No RESYNC.GLB: ${p.noFile}`);
  if (!p.verdicts.length) lines.push('No requestors to predict for.');
  for (const v of p.verdicts) {
    lines.push('', `${v.requestor}  ${v.applies ? 'will apply' : p.noFile ? 'gets no file' : 'will be refused with Fatal [14] Error processing RESYNC.GLB'}`);
    lines.push(`    at the requestor: ${numbers(v.atRequestor)}`, `    in the DSS:       ${numbers(v.inDss)}`);
    if (v.rule) lines.push(`    why: ${v.rule}`);
    for (const f of v.fixes) lines.push(`    fix: ${f.text}`);
  }
  return lines.join('\n');
}

/** Print the prediction; exit 1 with one stderr line when any requestor would refuse. */
function finish(ctx: CommandContext, json: boolean, p: ResyncPrediction, title: string): number {
  ctx.io.out(json ? JSON.stringify(p, null, 2) : predictionText(p, title));
  const refused = p.verdicts.filter((v) => !v.applies).map((v) => v.requestor);
  if (!refused.length) return 0;
  ctx.io.err(
    p.noFile
      ? `dirsync resync: no RESYNC.GLB would be written for ${refused.join(', ')}; nothing was changed`
      : `dirsync resync: ${refused.join(', ')} would refuse this RESYNC.GLB with Fatal [14]; nothing was changed`,
  );
  return 1;
}

/**
 * `resync plan` (the prediction for a DSS, requestors and options) and `resync check` (the
 * prediction for a RESYNC.GLB already made or a host file). Neither changes anything. Exit 0 when
 * every requestor would apply the file, 1 when any would refuse it, 2 on bad usage.
 */
export const resync: Command = (ctx) => {
  const { rest, requestors, names } = repeated(ctx.tokens);
  const a = parseArgs(rest, { valued: 'd', longValued: ['file'], longFlags: ['global-max', 'no-global-max'] });
  const [verb, ...extra] = a.words;
  if (extra.length) throw usage(`resync ${verb} takes no word "${extra[0]}": ${SYNTAX}`);
  const json = a.long.has('json');
  const db = ctx.db();
  switch (verb?.toLowerCase()) {
    case 'plan': {
      if (a.long.has('file')) throw usage(`--file belongs to resync check: ${SYNTAX}`);
      if (a.long.has('global-max') && a.long.has('no-global-max')) throw usage('give --global-max or --no-global-max, not both');
      const dss = requiredPo(a);
      const targets = requestors.length ? requestors : resyncRequestorsOf(db, dss);
      const globalMax = a.long.has('global-max') ? true : a.long.has('no-global-max') ? false : undefined;
      const p = predictResync(db, { dss, requestors: targets, names: names.length ? names : undefined, globalMax });
      if ((names.length || globalMax !== undefined) && p.direction !== 'exchange-dss-to-msmail') {
        throw usage(`--name, --global-max and --no-global-max are for an Exchange DSS; ${p.dss} is an MS Mail DSS`);
      }
      return finish(ctx, json, p, `Resync plan: ${directionWords(p)}, DSS ${p.dss} (a prediction: nothing has been changed)`);
    }
    case 'check': {
      if (names.length || a.long.has('global-max') || a.long.has('no-global-max')) throw usage(`--name and --global-max belong to resync plan: ${SYNTAX}`);
      const at = requiredPo(a);
      // An Exchange server, named or by its connector postoffice, keeps the file in Dxadata.
      const server = !/^[A-Za-z]$/.test(at.trim()) && !at.includes('/') ? findServer(db, at) : connectorServer(db, at);
      const place = server ? `${server.name}:Dxadata` : resolvePlace(db, at);
      const host = typeof a.long.get('file') === 'string' ? (a.long.get('file') as string) : undefined;
      const bytes = host ? ctx.files.read(host, '--file', MAX_FILE_BYTES, 'the RESYNC.GLB file') : readStoredFile(db, place, 'RESYNC.GLB');
      if (!bytes) throw notFound(`there is no RESYNC.GLB in ${place}: "dirsync file list ${place}" shows what is there, or give a file with --file`);
      // In the DSS's own place the file is for its requestors; anywhere else, for that requestor.
      let dss: string | undefined;
      try {
        dss = resyncDssName(db, at);
      } catch (e) {
        if (!(e instanceof DirsyncError)) throw e;
      }
      // A file in an MS Mail DSS's own GLB also meets the DSS's own next import -q (Fatal 14 until it is deleted there).
      const own = dss && !host && !server && dss === place ? [dss] : [];
      const targets = requestors.length ? requestors : dss ? [...own, ...resyncRequestorsOf(db, dss)] : [at];
      const p = predictResyncFile(db, bytes, targets, dss);
      return finish(ctx, json, p, `Resync check: ${host ?? `RESYNC.GLB in ${place}`}${p.dss && p.dss !== place && `${p.dss}:Dxadata` !== place ? ` (from ${p.dss})` : ''} (a prediction: nothing has been changed)`);
    }
    default:
      if (verb === undefined) throw usage(`resync needs plan or check: ${SYNTAX}`);
      throw usage(`unknown resync command "${verb}": use plan or check: ${SYNTAX}`);
  }
};

function connectorServer(db: ReturnType<CommandContext['db']>, spec: string): ServerRow | undefined {
  const po = resolvePo(db, spec);
  return po.kind === 'connector' ? serverOfConnector(db, po.id) : undefined;
}
