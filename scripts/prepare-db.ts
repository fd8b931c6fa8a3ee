// `npm start`, step 1: open the database (creating and migrating it), and load the sample network
// POLYNOMIAL into an empty one unless DIRSYNC_EMPTY=1, then play its first days (db/story.ts) unless
// DIRSYNC_STORY=0 (the e2e tests start on the plain sample). Run with tsx (the seed imports the engine).
import { databasePath, openDatabase } from '@/db/client';
import { count } from 'drizzle-orm';
import { postoffice } from '@/db/schema';
import { accountCount, createAccount } from '@/lib/auth/accounts';
import { loadSampleNetwork, SAMPLE, SAMPLE_EXCHANGE, sampleFromEnv } from '@/db/seed';
import { tellSampleStory } from '@/db/story';
import { ctime } from '@/lib/core/clock';

const file = databasePath();
const db = openDatabase(file);
try {
  const existing = db.select({ n: count() }).from(postoffice).get()?.n ?? 0;
  if (existing > 0) {
    console.log(`dirsync: database ${file}: ${existing} postoffice${existing === 1 ? '' : 's'}`);
  } else if (process.env.DIRSYNC_EMPTY === '1') {
    console.log(`dirsync: database ${file}: empty (DIRSYNC_EMPTY=1, no sample network loaded)`);
  } else {
    const which = sampleFromEnv();
    loadSampleNetwork(db, which);
    const pos = [SAMPLE.dss, ...SAMPLE.requestors].map((po) => `${SAMPLE.network}/${po}`);
    const exch = `${SAMPLE_EXCHANGE.server} (${SAMPLE_EXCHANGE.organization}/${SAMPLE_EXCHANGE.site}, Exchange ${SAMPLE_EXCHANGE.version})`;
    console.log(`dirsync: database ${file}: loaded the sample network ${SAMPLE.network} (${which}; DIRSYNC_SAMPLE=msmail-dss|exchange-dss)`);
    if (which === 'msmail-dss') console.log(`dirsync:   dirsync server ${pos[0]}, requestors ${[...pos.slice(1), exch].join(', ')}`);
    else console.log(`dirsync:   dirsync server ${exch}, requestors ${pos.join(', ')}`);
    // The story is told on the MS Mail DSS sample only (docs/console.md, "The sample's story").
    if (which === 'msmail-dss' && process.env.DIRSYNC_STORY !== '0') {
      const { lines, story } = tellSampleStory(db);
      console.log(`dirsync:   ran its first ${lines.length} scheduled steps and passes to ${ctime(story.restoreAt)} (DIRSYNC_STORY=0 skips them)`);
      console.log(`dirsync:   ${story.requestor}'s dirsync files were restored from an old backup: Health shows what went wrong`);
    }
    console.log(`dirsync:   postoffice admin password "${SAMPLE.adminPassword}" (set DIRSYNC_SAMPLE_PASSWORD to choose another)`);
  }
  // The first administrator: DIRSYNC_ADMIN_PASSWORD at start, else the setup page. No default password.
  if (accountCount(db) === 0) {
    const password = process.env.DIRSYNC_ADMIN_PASSWORD;
    if (password) {
      const name = process.env.DIRSYNC_ADMIN_NAME ?? 'admin';
      createAccount(db, { name, password, role: 'admin' }, { firstRun: true });
      console.log(`dirsync: created the administrator account "${name}" from DIRSYNC_ADMIN_PASSWORD`);
    } else {
      console.log('dirsync: no console account yet: open the console to create the first administrator (or set DIRSYNC_ADMIN_PASSWORD)');
    }
  }
} finally {
  db.$client.close();
}
