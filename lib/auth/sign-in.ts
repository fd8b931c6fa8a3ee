import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { denied } from '@/lib/core/errors';
import { hashPassword, verifyPassword } from '@/lib/core/password';
import { step, stmt } from '@/lib/core/statements';
import { accountByName, type AccountRow } from './accounts';
import { recordSecurity, securityCount } from './security-log';

/**
 * Sign-in throttling (docs/console.md, "Sign-in throttling").
 *
 * The slowdown is kept per account name *and* client: the client is the address the server saw
 * plus the browser's own random key (the `dirsync_client` cookie). Behind one address — loopback,
 * a shared proxy — all browsers share the address, so the browser key is what keeps one person's
 * wrong guesses from slowing another. Only the client that failed waits: the right password from
 * any other client goes through, so nobody can lock an account out.
 *
 * A guesser who throws the browser key away gets a fresh one, so a global budget bounds guessing
 * across all names and clients: past GLOBAL_BUDGET failures in GLOBAL_WINDOW_MS, only browsers
 * that have signed in to that account before may try it until the window moves on.
 */
export const FREE_FAILURES = 3;
const MAX_WAIT_S = 300;
export const GLOBAL_BUDGET = 100;
export const GLOBAL_WINDOW_MS = 15 * 60 * 1000;
/** Throttle rows older than this are purged (the longest wait is 5 minutes). */
export const THROTTLE_KEEP_MS = 24 * 60 * 60 * 1000;
/** A typed name longer than this cannot be an account (names are at most 32): it is never stored. */
const MAX_NAME = 32;

export interface SignInClient {
  /** The client address as the server saw it (never a header a client can set). */
  address: string;
  /** The browser's own random key, when it sent one. */
  browser?: string;
}

const hash = (v: string) => createHash('sha256').update(v).digest('base64url');

/** The typed name as it may be stored and shown: trimmed, lower case, or null when it cannot be an account name. */
function storableName(name: string): string | null {
  const n = name.trim();
  return n.length >= 1 && n.length <= MAX_NAME && /^[A-Za-z0-9._-]+$/.test(n) ? n : null;
}

/** The throttle key `name|address|browser` (browser hashed; names cannot hold `|`). Bounded in length whatever was typed or sent. */
export function throttleKey(name: string, client: SignInClient): string {
  const n = storableName(name)?.toLowerCase() ?? '?';
  return `${n}|${client.address.slice(0, 64)}|${client.browser ? hash(client.browser.slice(0, 200)) : '-'}`;
}

/** Seconds this client must still wait before its next try for this name (0: may try now). */
export function waitSeconds(db: Db, name: string, client: SignInClient, now: number): number {
  const row = stmt(db, 'select failures, last_at as lastAt from sign_in_throttle where key = ?').get(throttleKey(name, client)) as
    | { failures: number; lastAt: number }
    | undefined;
  if (!row || row.failures < FREE_FAILURES) return 0;
  const wait = Math.min(2 ** (row.failures - FREE_FAILURES), MAX_WAIT_S) * 1000;
  return Math.max(0, Math.ceil((row.lastAt + wait - now) / 1000));
}

/** A hash to compare against when the name is unknown, so both cases cost the same. */
let decoy: string | undefined;

/**
 * Check a name and password from a client. Refused while this client must wait after its own
 * repeated failures; a wrong name or password is one message (no hint which) and counts against
 * this client only. Failures, lock-outs and refusals go to the security log.
 */
export function signIn(db: Db, name: string, password: string, client: SignInClient, now = Date.now()): AccountRow {
  const shown = storableName(name);
  const key = throttleKey(name, client);
  const log = (kind: 'sign-in failed' | 'sign-in locked' | 'sign-in refused' | 'signed in', detail: string) =>
    recordSecurity(db, { kind, accountName: shown ?? '(not an account name)', address: client.address, detail }, now);
  // Old rows go first: rows for names that never existed do not pile up.
  step(db, () => stmt(db, 'delete from sign_in_throttle where last_at < ?').run(now - THROTTLE_KEEP_MS));

  const wait = waitSeconds(db, name, client, now);
  if (wait > 0) {
    step(db, () => log('sign-in refused', `Still waiting ${wait} s after repeated failures from this browser`));
    throw denied(`Too many failed sign-ins for ${shown ?? 'this name'} from this browser: try again in ${wait} second${wait === 1 ? '' : 's'}`);
  }
  const found = shown ? accountByName(db, shown) : undefined;
  if (securityCount(db, 'sign-in failed', now - GLOBAL_WINDOW_MS) >= GLOBAL_BUDGET && !isKnownClient(db, found?.id, client)) {
    step(db, () => log('sign-in refused', `Global budget of ${GLOBAL_BUDGET} failed sign-ins in ${GLOBAL_WINDOW_MS / 60000} minutes spent; browser new to this account`));
    throw denied('Too many failed sign-ins on this console: for the next minutes only a browser that signed in to this account before may try. Try again later');
  }
  const ok = password.length <= 1024 && verifyPassword(password, found?.passwordHash ?? (decoy ??= hashPassword('decoy password, never valid')));
  if (!found || !ok) {
    // Recorded in its own transaction: the refusal must not roll it back.
    step(db, () => {
      const { failures } = stmt(
        db,
        `insert into sign_in_throttle (key, failures, last_at) values (?, 1, ?)
         on conflict(key) do update set failures = failures + 1, last_at = excluded.last_at returning failures`,
      ).get(key, now) as { failures: number };
      log('sign-in failed', found ? 'Wrong password' : 'No such account');
      if (failures === FREE_FAILURES) log('sign-in locked', `${FREE_FAILURES} failures from this browser: each further try from it waits, doubling up to ${MAX_WAIT_S / 60} minutes`);
    });
    throw denied('The account name or password is not correct');
  }
  if (found.disabledAt !== null) {
    step(db, () => log('sign-in refused', 'Account disabled'));
    throw denied(`The account ${found.name} is disabled: ask an Admin to enable it`);
  }
  step(db, () => {
    stmt(db, 'delete from sign_in_throttle where key = ?').run(key);
    if (client.browser)
      stmt(db, 'insert into known_client (client_hash, account_id, last_at) values (?, ?, ?) on conflict do update set last_at = excluded.last_at').run(
        hash(client.browser.slice(0, 200)),
        found.id,
        now,
      );
    stmt(db, 'delete from known_client where last_at < ?').run(now - 90 * 24 * 60 * 60 * 1000);
    log('signed in', 'Signed in');
  });
  const { passwordHash: _, ...row } = found;
  return row;
}

function isKnownClient(db: Db, accountId: number | undefined, client: SignInClient): boolean {
  if (accountId === undefined || !client.browser) return false;
  return !!stmt(db, 'select 1 from known_client where client_hash = ? and account_id = ?').get(hash(client.browser.slice(0, 200)), accountId);
}
