import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Remove the temporary database directory of this run (kept when PW_KEEP_DB=1, for debugging). */
export default function globalTeardown(): void {
  const file = process.env.DIRSYNC_E2E_DB;
  if (!file || process.env.PW_KEEP_DB === '1') return;
  const dir = path.dirname(file);
  // Only ever a directory this config created under the system temp directory.
  if (path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith('dirsync-e2e-')) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
