import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { keptHealth } from '@/lib/console/health-report';
import { setNow, now } from '@/lib/core/clock';
import { deleteFile } from '@/lib/dirsync/delete-file';
import { resolvePlace } from '@/lib/dirsync/places';
import { ok, smallNetwork, tempDbFile } from './helpers';

/** The console keeps Health between page renders until the database changes (lib/console/health-report.ts). */
describe('Health kept per database state', () => {
  it('is the same report while nothing changes, and a new one after a commit by another connection, by this one, or a clock move', () => {
    const file = tempDbFile('health-kept');
    smallNetwork(file, { M: [['ANNA', 'Anna Ames']] });
    const db = openDatabase(file);
    try {
      const first = keptHealth(db);
      expect(first.findings.filter((f) => f.check === 'resync-glb-on-dss')).toEqual([]);
      expect(keptHealth(db)).toBe(first);

      // Another connection (the dirsync command) leaves a RESYNC.GLB on the DSS: the next render sees it.
      ok(file, 'import admin -pSECRET -dM -s -y');
      const second = keptHealth(db);
      expect(second).not.toBe(first);
      expect(second.findings.filter((f) => f.check === 'resync-glb-on-dss')).toHaveLength(1);
      expect(keptHealth(db)).toBe(second);

      // This connection's own commit (data_version does not move for it): checked again.
      deleteFile(db, resolvePlace(db, 'POLY/MONT'), 'RESYNC.GLB');
      const third = keptHealth(db);
      expect(third.findings.filter((f) => f.check === 'resync-glb-on-dss')).toEqual([]);

      // The simulated clock moves: checked again at the new time.
      setNow(db, now(db) + 60_000);
      expect(keptHealth(db).at).toBe(now(db));
      expect(keptHealth(db)).not.toBe(third);
    } finally {
      db.$client.close();
    }
  });
});
