import type { Db } from './client';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { registerRequestor } from '@/lib/dirsync/requestor-settings';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { step } from '@/lib/core/statements';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { controlService } from '@/lib/exchange/services/control-service';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { saveDirsyncRequestor } from '@/lib/exchange/dxa/save-dirsync-requestor';
import { saveDirsyncServer } from '@/lib/exchange/dxa/save-dirsync-server';
import { addRemoteRequestor } from '@/lib/exchange/dxa/add-remote-requestor';

/** The network of the documents: POLYNOMIAL, with MONTGOMERY as the DSS and two requestors. */
export const SAMPLE = {
  network: 'POLYNOMIAL',
  dss: 'MONTGOMERY',
  requestors: ['NOVEMBER', 'OCTOBER'],
  /** The postoffice admin password of the sample; printed by `npm start`, change it for real use. */
  adminPassword: process.env.DIRSYNC_SAMPLE_PASSWORD ?? 'PASSWORD',
  dirsyncPassword: 'POLYSYNC',
};

const people: Record<string, [string, string][]> = {
  MONTGOMERY: [
    ['PAUL', 'Paul Allen'], ['APPLE', 'Apple Orchard'], ['MARGE', 'Marge Simmons'], ['DEREK', 'Derek Lowe'],
    ['HELEN', 'Helen Park'], ['IVAN', 'Ivan Petrov'], ['JUDY', 'Judy Chen'], ['KARL', 'Karl Meyer'],
    ['LINDA', 'Linda Gray'], ['MIKE', 'Mike Brown'], ['NORA', 'Nora Quinn'], ['OSCAR', 'Oscar Diaz'],
  ],
  NOVEMBER: [
    ['ALICE', 'Alice Walker'], ['BOB', 'Bob Stone'], ['CAROL', 'Carol King'], ['DAVE', 'Dave Wilson'],
    ['ERIN', 'Erin Moore'], ['FRANK', 'Frank Hall'], ['GRACE', 'Grace Young'], ['HANK', 'Hank Green'],
    ['IRIS', 'Iris Adams'], ['JACK', 'Jack Baker'], ['KATE', 'Kate Nelson'], ['LEO', 'Leo Carter'],
  ],
  OCTOBER: [
    ['MARY', 'Mary Mitchell'], ['NED', 'Ned Perez'], ['OLGA', 'Olga Roberts'], ['PETE', 'Pete Turner'],
    ['QUINN', 'Quinn Phillips'], ['ROSE', 'Rose Campbell'], ['SAM', 'Sam Parker'], ['TINA', 'Tina Evans'],
    ['UMA', 'Uma Edwards'], ['VIC', 'Vic Collins'], ['WANDA', 'Wanda Stewart'], ['XAVIER', 'Xavier Sanchez'],
  ],
};

/** Schedules: T1 on every requestor, T2 on the DSS, T3 after — every weekday, as DSSCHED would set them. */
const schedules: Record<string, string> = {
  MONTGOMERY: ['T1 Sat 13:45', 'T2 Sat 14:15', 'T3 Sat 14:45'].join('\n'),
  NOVEMBER: ['T1 Sat 13:45', 'T3 Sat 14:45'].join('\n'),
  OCTOBER: ['T1 Sat 13:45', 'T3 Sat 14:45'].join('\n'),
};

/** The Exchange server of both samples: organization POLYNOMIAL, site HQ, EXCH01, 5.5 SP3. */
export const SAMPLE_EXCHANGE = {
  organization: 'POLYNOMIAL',
  site: 'HQ',
  server: 'EXCH01',
  version: '5.5 SP3',
  /** The connector postoffice: the organization and site proxy names. */
  postoffice: 'POLYNOMIAL/HQ',
  mta: 'Microsoft PC MTA',
};

const exchangePeople: [string, string, number][] = [
  ['ANNA', 'Anna Schmidt', 0], ['BRUNO', 'Bruno Rossi', 0], ['CHLOE', 'Chloe Martin', 0], ['DANIEL', 'Daniel Kim', 10],
  ['EMMA', 'Emma Novak', 0], ['FELIX', 'Felix Braun', 20],
  // Trust above the export trust level (50): stays out of dirsync (KB Q152935).
  ['BOARDROOM', 'Board Room', 80],
];

export type SampleName = 'msmail-dss' | 'exchange-dss';

/** Which sample `npm start` loads: `DIRSYNC_SAMPLE=exchange-dss` makes EXCH01 the dirsync server. */
export function sampleFromEnv(): SampleName {
  const v = process.env.DIRSYNC_SAMPLE ?? 'msmail-dss';
  if (v !== 'msmail-dss' && v !== 'exchange-dss') throw new Error(`DIRSYNC_SAMPLE must be msmail-dss or exchange-dss, not "${v}"`);
  return v;
}

/**
 * The sample network POLYNOMIAL: three MS Mail postoffices and the Exchange server EXCH01 with its
 * MS Mail Connector (a connection and a running PC MTA per postoffice it talks to).
 * - `msmail-dss`: MONTGOMERY is the dirsync server; NOVEMBER, OCTOBER and EXCH01 are its requestors.
 * - `exchange-dss`: EXCH01 is the dirsync server; the three postoffices are its Remote Dirsync Requestors.
 */
export function loadSampleNetwork(db: Db, which: SampleName = 'msmail-dss'): void {
  step(db, () => {
    const { network, dss } = SAMPLE;
    const all = [dss, ...SAMPLE.requestors];
    for (const po of all) {
      createPostoffice(db, { name: `${network}/${po}`, password: SAMPLE.adminPassword, fileServer: `FS-${po}`.slice(0, 15) });
      for (const [mailbox, fullName] of people[po]) addMailbox(db, `${network}/${po}`, mailbox, fullName);
    }
    const x = SAMPLE_EXCHANGE;
    createExchangeServer(db, { organization: x.organization, site: x.site, server: x.server, version: x.version });
    for (const [alias, name, trust] of exchangePeople) addRecipient(db, x.server, { container: 'Recipients', alias, displayName: name, trust });
    const served = which === 'msmail-dss' ? [dss] : all;
    for (const po of served) addConnection(db, x.server, `${network}/${po}`);
    addPcMta(db, x.server, x.mta, { services: served.map((po) => `${network}/${po}`) });
    controlService(db, x.server, x.mta, 'start');

    if (which === 'msmail-dss') {
      setDirsyncServer(db, `${network}/${dss}`, true);
      for (const po of [...SAMPLE.requestors]) {
        createServerRequestor(db, `${network}/${dss}`, `${network}/${po}`, SAMPLE.dirsyncPassword);
        registerRequestor(db, `${network}/${po}`, `${network}/${dss}`, SAMPLE.dirsyncPassword);
      }
      createServerRequestor(db, `${network}/${dss}`, x.postoffice, SAMPLE.dirsyncPassword);
      // T1 on EXCH01 at 13:00 on Saturdays, so its update waits at MONTGOMERY for T2 at 14:15.
      saveDirsyncRequestor(db, x.server, `${network}/${dss}`, {
        name: 'MONTGOMERY Dirsync Requestor',
        password: SAMPLE.dirsyncPassword,
        exportContainers: ['Recipients'],
        exportTrust: 50,
        schedule: 'Sat:13',
      });
      for (const po of all) importProcessTimes(db, `${network}/${po}`, schedules[po]);
    } else {
      saveDirsyncServer(db, x.server, { name: 'Dirsync Server', schedule: 'Sat:14' });
      for (const po of all) {
        addRemoteRequestor(db, x.server, `${network}/${po}`, {
          password: SAMPLE.dirsyncPassword,
          exportContainers: ['Recipients'],
          exportTrust: 50,
        });
        registerRequestor(db, `${network}/${po}`, x.postoffice, SAMPLE.dirsyncPassword);
        importProcessTimes(db, `${network}/${po}`, ['T1 Sat 13:45', 'T3 Sat 14:45'].join('\n'));
      }
    }
  });
}
