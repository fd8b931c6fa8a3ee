import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { externalPass } from '@/lib/dirsync/external-pass';
import { nsda } from '@/lib/dirsync/nsda';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { addContainer } from '@/lib/exchange/recipients/add-container';
import { controlService } from '@/lib/exchange/services/control-service';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { deleteRecipient } from '@/lib/exchange/recipients/delete-recipient';
import { modifyRecipient } from '@/lib/exchange/recipients/modify-recipient';
import { pcMtaPass } from '@/lib/exchange/connector/pc-mta-pass';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { tempDbFile } from './helpers';

/**
 * The DXA's export (T0 on the Exchange side, docs/exchange.md): whatever mix of recipient changes
 * (adds, renames, trust, hiding, moves between containers, deletes) and dirsync-object changes
 * (export containers, trust level, Export custom recipients) happens between cycles, after one
 * clean cycle the MS Mail dirsync server's GAL holds exactly what each recipient's "sent" record
 * says it holds, and that is exactly the rule: every visible recipient the object exports, with its
 * current name, plus hidden ones that were sent before they were hidden.
 */

const ALIASES = ['AMY', 'BEN', 'CAL', 'DEB', 'EVA', 'FOX'];
const NAMES = ['Amy Ames', 'Ben Bow', 'Cal Cole', 'Deb Dee', 'Eva Eng', 'Fox Fay'];
const CONTAINERS = ['Recipients', 'Other'];

type Action =
  | { k: 'add'; alias: number; name: number; trust: number; hidden: boolean; container: number; custom: boolean }
  | { k: 'rename'; alias: number; name: number }
  | { k: 'trust'; alias: number; trust: number }
  | { k: 'hide'; alias: number; hidden: boolean }
  | { k: 'move'; alias: number; container: number }
  | { k: 'delete'; alias: number }
  | { k: 'export'; containers: boolean[]; trust: number; custom: boolean }
  | { k: 'cycle' };

const trust = fc.constantFrom(0, 10, 50, 90, 100);
const alias = fc.nat(ALIASES.length - 1);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ k: fc.constant('add' as const), alias, name: fc.nat(NAMES.length - 1), trust, hidden: fc.boolean(), container: fc.nat(1), custom: fc.boolean() }),
  fc.record({ k: fc.constant('rename' as const), alias, name: fc.nat(NAMES.length - 1) }),
  fc.record({ k: fc.constant('trust' as const), alias, trust }),
  fc.record({ k: fc.constant('hide' as const), alias, hidden: fc.boolean() }),
  fc.record({ k: fc.constant('move' as const), alias, container: fc.nat(1) }),
  fc.record({ k: fc.constant('delete' as const), alias }),
  fc.record({ k: fc.constant('export' as const), containers: fc.tuple(fc.boolean(), fc.boolean()), trust, custom: fc.boolean() }),
  fc.constant({ k: 'cycle' as const }),
);

function network(): Db {
  const db = openDatabase(tempDbFile('xprop'));
  createPostoffice(db, { name: 'POLY/MONT', password: 'PW' });
  addMailbox(db, 'POLY/MONT', 'PAUL', 'Paul Allen');
  setDirsyncServer(db, 'POLY/MONT', true);
  createExchangeServer(db, { organization: 'ORG', site: 'HQ', server: 'EXCH01' });
  addContainer(db, 'EXCH01', 'Other');
  addConnection(db, 'EXCH01', 'POLY/MONT');
  addPcMta(db, 'EXCH01', 'PC MTA', { services: ['POLY/MONT'] });
  controlService(db, 'EXCH01', 'PC MTA', 'start');
  createServerRequestor(db, 'POLY/MONT', 'ORG/HQ', 'PW');
  saveDirsyncRequestor(db, 'EXCH01', 'POLY/MONT', { password: 'PW', exportContainers: ['Recipients'] });
  return db;
}

/** DX T1 (pause), the PC MTA to MONT, T1/T2/T3 on MONT, the PC MTA back (T3 on Exchange at once). */
function cycle(db: Db): void {
  controlService(db, 'EXCH01', 'MSExchangeDX', 'pause');
  pcMtaPass(db, 'EXCH01', 'PC MTA');
  nsda(db, 'POLY/MONT', 'RT');
  nsda(db, 'POLY/MONT', 'S');
  externalPass(db);
  pcMtaPass(db, 'EXCH01', 'PC MTA');
  nsda(db, 'POLY/MONT', 'RR');
}

/** Run one action; refusals (an alias that exists or does not) are part of the game. */
function run(db: Db, a: Action): void {
  const who = ALIASES[('alias' in a ? a.alias : 0) % ALIASES.length];
  try {
    if (a.k === 'add') addRecipient(db, 'EXCH01', { container: CONTAINERS[a.container], alias: who, displayName: NAMES[a.name], trust: a.trust, hidden: a.hidden, kind: a.custom ? 'custom' : 'mailbox', targetAddress: a.custom ? `SMTP:${who}@x.example` : undefined });
    else if (a.k === 'rename') modifyRecipient(db, 'EXCH01', who, { displayName: NAMES[a.name] });
    else if (a.k === 'trust') modifyRecipient(db, 'EXCH01', who, { trust: a.trust });
    else if (a.k === 'hide') modifyRecipient(db, 'EXCH01', who, { hidden: a.hidden });
    else if (a.k === 'move') modifyRecipient(db, 'EXCH01', who, { container: CONTAINERS[a.container] });
    else if (a.k === 'delete') deleteRecipient(db, 'EXCH01', who);
    else if (a.k === 'export') saveDirsyncRequestor(db, 'EXCH01', undefined, { exportContainers: CONTAINERS.filter((_, k) => a.containers[k]), exportTrust: a.trust, exportCustom: a.custom });
    else cycle(db);
  } catch (e) {
    if (!(e instanceof Error) || !/already used|no recipient/.test(e.message)) throw e;
  }
}

interface RecipientState {
  alias: string;
  displayName: string;
  container: string;
  kind: string;
  trust: number;
  hidden: number;
  sentName: string | null;
  sentAddress: string | null;
}

function check(db: Db): void {
  const q = <T,>(sql: string, ...p: unknown[]) => db.$client.prepare(sql).all(...p) as T[];
  const rule = q<{ trust: number; custom: number }>("select export_trust as trust, export_custom as custom from dirsync_link where kind = 'requestor'")[0];
  const containers = new Set(q<{ name: string }>('select c.name from dirsync_export_container e join recipient_container c on c.id = e.container_id').map((r) => r.name));
  const rows = q<RecipientState>(
    `select r.alias, r.display_name as displayName, c.name as container, r.kind, r.trust, r.hidden, r.sent_name as sentName, r.sent_address as sentAddress
     from recipient r join recipient_container c on c.id = r.container_id where r.imported_by is null and r.ms_mailbox is not null`,
  );
  for (const r of rows) {
    const exported = containers.has(r.container) && r.trust <= rule.trust && (r.kind !== 'custom' || !!rule.custom);
    if (!exported) expect(r.sentName, `${r.alias} is not exported`).toBeNull();
    else if (!r.hidden) expect([r.sentName, r.sentAddress], `${r.alias} is exported as it is now`).toEqual([r.displayName, `ms:ORG/HQ/${r.alias}`]);
  }
  const expected = rows.filter((r) => r.sentName !== null).map((r) => `${r.sentName}\t${r.sentAddress!.toUpperCase()}`).sort();
  const gal = q<{ e: string }>(
    `select l.full_name || char(9) || upper(l.address) as e from list_entry l join postoffice p on p.id = l.po_id
     where p.name = 'MONT' and l.address_key >= 'PCM:ORG/HQ/' and l.address_key < 'PCM:ORG/HQ0' and l.added_gen <= p.gal_gen and (l.removed_gen = 0 or l.removed_gen > p.gal_gen)`,
  ).map((r) => r.e).sort();
  expect(gal).toEqual(expected);
}

describe('the DXA exports exactly what its rules say (fast-check)', () => {
  it('after a clean cycle the dirsync server holds every exported recipient as it is now, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 25 }), (actions) => {
        const db = network();
        try {
          for (const a of actions) run(db, a);
          cycle(db);
          check(db);
        } finally {
          db.$client.close();
        }
      }),
      { numRuns: 100 },
    );
  });
});
