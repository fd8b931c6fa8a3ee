import { openDatabase } from '@/db/client';
import { loadSampleNetwork } from '@/db/seed';
import { getPostofficeView } from '@/lib/queries/postoffice-view';
import { runPostofficeCommand } from '@/lib/console/run-command';
const db = openDatabase(`/tmp/pv-${Date.now()}.db`);
loadSampleNetwork(db);
console.log(runPostofficeCommand(db, 'POLYNOMIAL/NOVEMBER', 'reqmain -t'));
const v = getPostofficeView(db, 'POLYNOMIAL~NOVEMBER', undefined);
console.log(v?.messages, v?.listq);
