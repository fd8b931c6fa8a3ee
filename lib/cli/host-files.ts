import fs from 'node:fs';
import { DirsyncError, usage } from '@/lib/core/errors';
import type { CliFiles } from './files-access';

/**
 * The host's files, for the command line only (bin/dirsync.mjs): its user names paths on their
 * own machine. The console never imports this module (test/console-files.test.ts checks it).
 */
export const hostFiles: CliFiles = {
  read(name, option, limit, what) {
    const refuse = () => usage(`cannot read ${what} ${name}: check the path given with ${option}`);
    let fd: number;
    try {
      // O_NONBLOCK: opening a named pipe must not wait for a writer; the checks below run on what was opened.
      fd = fs.openSync(name, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch {
      throw refuse();
    }
    try {
      // A named pipe or a device would block the process or never end: regular files only.
      const st = fs.fstatSync(fd);
      if (!st.isFile()) throw refuse();
      if (st.size > limit) throw usage(`${what} ${name} is ${st.size} bytes; the limit is ${limit}`);
      const bytes = new Uint8Array(st.size);
      let got = 0;
      while (got < st.size) {
        const n = fs.readSync(fd, bytes, got, st.size - got, got);
        if (n === 0) break;
        got += n;
      }
      return bytes.subarray(0, got);
    } catch (e) {
      if (e instanceof DirsyncError) throw e;
      throw refuse();
    } finally {
      fs.closeSync(fd);
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
