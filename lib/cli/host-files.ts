import fs from 'node:fs';
import { usage } from '@/lib/dirsync/errors';
import type { CliFiles } from './files-access';

/**
 * The host's files, for the command line only (bin/dirsync.mjs): its user names paths on their
 * own machine. The console never imports this module (test/console-files.test.ts checks it).
 */
export const hostFiles: CliFiles = {
  read(name, option, limit, what) {
    let size: number;
    try {
      // A named pipe or a device would block the process or never end: regular files only.
      const st = fs.statSync(name);
      if (!st.isFile()) throw new Error('not a regular file');
      size = st.size;
    } catch {
      throw usage(`cannot read ${what} ${name}: check the path given with ${option}`);
    }
    if (size > limit) throw usage(`${what} ${name} is ${size} bytes; the limit is ${limit}`);
    try {
      return new Uint8Array(fs.readFileSync(name));
    } catch {
      throw usage(`cannot read ${what} ${name}: check the path given with ${option}`);
    }
  },
  write(name, data, option) {
    try {
      fs.writeFileSync(name, data);
    } catch (e) {
      const why = e instanceof Error && 'code' in e ? ` (${(e as NodeJS.ErrnoException).code})` : '';
      throw usage(`cannot write ${name}${why}: check the path given with ${option}`);
    }
    return name;
  },
};
