/**
 * How the `dirsync` command reaches the files its options name (`import -f`, `dssched -i/-x`,
 * `file import/export`). The caller decides: the command line passes the host's files
 * (host-files.ts, its user's own machine); the console's command prompt passes the files of the
 * model (lib/console/model-files.ts), so nothing a browser sends reaches the host file system.
 */
export interface CliFiles {
  /**
   * The whole content of the file the user named with `option`; refused (usage error naming the
   * option) unless it is a regular file of at most `limit` bytes. `what` names it in messages
   * ("the schedule file").
   */
  read(name: string, option: string, limit: number, what: string): Uint8Array;
  /** Write (create or replace) the file named with `option`; returns how messages name it. */
  write(name: string, data: Uint8Array, option: string): string;
}

/** Text files (import lists, schedules) are Latin-1, as the DOS utilities wrote them. */
export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
export const latin1Bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
