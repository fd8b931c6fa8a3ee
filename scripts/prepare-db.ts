// `npm start`, step 1: open the database (creating and migrating it), and load the sample network
// POLYNOMIAL into an empty one unless DIRSYNC_EMPTY=1. Run with tsx (the seed imports the engine).
import { databasePath, openDatabase } from '@/db/client';
import { count } from 'drizzle-orm';
import { postoffice } from '@/db/schema';
import { loadSampleNetwork, SAMPLE } from '@/db/seed';

const file = databasePath();
const db = openDatabase(file);
try {
  const existing = db.select({ n: count() }).from(postoffice).get()?.n ?? 0;
  if (existing > 0) {
    console.log(`dirsync: database ${file}: ${existing} postoffice${existing === 1 ? '' : 's'}`);
  } else if (process.env.DIRSYNC_EMPTY === '1') {
    console.log(`dirsync: database ${file}: empty (DIRSYNC_EMPTY=1, no sample network loaded)`);
  } else {
    loadSampleNetwork(db);
    const pos = [SAMPLE.dss, ...SAMPLE.requestors].map((po) => `${SAMPLE.network}/${po}`);
    console.log(`dirsync: database ${file}: loaded the sample network ${SAMPLE.network}`);
    console.log(`dirsync:   dirsync server ${pos[0]}, requestors ${pos.slice(1).join(', ')}`);
    console.log(`dirsync:   postoffice admin password "${SAMPLE.adminPassword}" (set DIRSYNC_SAMPLE_PASSWORD to choose another)`);
  }
} finally {
  db.$client.close();
}
