import type { Db } from './client';
import { createPostoffice } from '@/lib/dirsync/create-postoffice';
import { addMailbox } from '@/lib/dirsync/add-mailbox';
import { setDirsyncServer } from '@/lib/dirsync/set-dirsync-server';
import { createServerRequestor } from '@/lib/dirsync/server-requestors';
import { registerRequestor } from '@/lib/dirsync/requestor-settings';
import { importProcessTimes } from '@/lib/dirsync/process-times';
import { step } from '@/lib/dirsync/statements';

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

export function loadSampleNetwork(db: Db): void {
  step(db, () => {
    const { network, dss } = SAMPLE;
    for (const po of [dss, ...SAMPLE.requestors]) {
      createPostoffice(db, { name: `${network}/${po}`, password: SAMPLE.adminPassword, fileServer: `FS-${po}`.slice(0, 15) });
      for (const [mailbox, fullName] of people[po]) addMailbox(db, `${network}/${po}`, mailbox, fullName);
    }
    setDirsyncServer(db, `${network}/${dss}`, true);
    for (const po of SAMPLE.requestors) {
      createServerRequestor(db, `${network}/${dss}`, `${network}/${po}`, SAMPLE.dirsyncPassword);
      registerRequestor(db, `${network}/${po}`, `${network}/${dss}`, SAMPLE.dirsyncPassword);
    }
    for (const po of [dss, ...SAMPLE.requestors]) importProcessTimes(db, `${network}/${po}`, schedules[po]);
  });
}
