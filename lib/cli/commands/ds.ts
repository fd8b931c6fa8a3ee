import { usage } from '@/lib/core/errors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { createServerRequestor, deleteServerRequestor } from '@/lib/dirsync/server-requestors';
import { registerRequestor, requestImport, setAcceptedTypes, setKeepUpdates } from '@/lib/dirsync/requestor-settings';
import { requestExport } from '@/lib/dirsync/request-export';
import { parseArgs, longValue, requiredPo } from '../args';
import { show, type Command } from '../context';

/** `ds …`: the MS Mail Administrator's Config ▸ Dir-Sync menus. */
export const ds: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', longValued: ['password'] });
  const po = requiredPo(a);
  const [verb, x, y] = a.words;
  const db = ctx.db();
  const done = (text: string) => {
    show(ctx, a, { ok: true, message: text }, () => text);
    return 0;
  };
  switch (verb) {
    case 'server':
      if (x !== 'on' && x !== 'off') throw usage('ds server needs on or off: dirsync ds server -dM on');
      setDirsyncServer(db, po, x === 'on');
      return done(x === 'on' ? 'This postoffice is now the Directory Synchronization Server' : 'This postoffice is no longer the dirsync server; SRVCONF.GLB and MSTTRANS.GLB deleted');
    case 'requestor':
      if ((x !== 'create' && x !== 'delete') || !y) throw usage('ds requestor needs create|delete and NET/PO: dirsync ds requestor create -dM POLY/NOV --password pw');
      if (x === 'create') createServerRequestor(db, po, y, longValue(a, 'password') ?? '');
      else deleteServerRequestor(db, po, y);
      return done(`Requestor ${y.toUpperCase()} ${x === 'create' ? 'created' : 'deleted'}`);
    case 'register':
      if (!x) throw usage('ds register needs the DSS: dirsync ds register -dN POLY/MONT --password pw');
      registerRequestor(db, po, x, longValue(a, 'password') ?? '');
      return done(`Registered with Dir-Sync Server ${x.toUpperCase()}`);
    case 'export':
      return done(`Export: ${requestExport(db, po)} local addresses queued in REQTRANS.GLB`);
    case 'import':
      requestImport(db, po);
      return done('Import requested: the next T1 asks the dirsync server for every list');
    case 'types':
      if (!x) throw usage('ds types needs a list: dirsync ds types -dM PCM,SMTP');
      return done(`Accepted address types: ${setAcceptedTypes(db, po, x.split(',')).join(', ')}`);
    case 'keep': {
      if (!/^\d{1,3}$/.test(x ?? '')) throw usage(`ds keep needs a number of cycles from 1 to 999, not "${x ?? ''}": dirsync ds keep -dM 14`);
      const n = Number(x);
      setKeepUpdates(db, po, n);
      return done(`Keep Updates: ${n} cycles`);
    }
    default:
      if (verb === undefined) throw usage('ds needs a command: server, requestor, register, export, import, types or keep');
      throw usage(`unknown ds command "${verb}": use server, requestor, register, export, import, types or keep`);
  }
};
