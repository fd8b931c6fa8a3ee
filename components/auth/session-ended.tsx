'use client';

import { useEffect, useState } from 'react';
import { routes } from '@/lib/console/routes';

const SESSION_ENDED = 'dirsync:session-ended';

/**
 * Say that the server no longer knows this page's session (a refused action, or a 401 from the
 * clock's or a list's poll): the console then says so once, in its status bar, with the way back.
 */
export function announceSessionEnded(): void {
  window.dispatchEvent(new Event(SESSION_ENDED));
}

/** Whether a fetch's answer says the session has ended (announced if so). */
export function sessionEndedBy(res: Response): boolean {
  if (res.status !== 401) return false;
  announceSessionEnded();
  return true;
}

/**
 * The status bar's notice of an ended session (ended elsewhere, timed out, the account disabled):
 * nothing until one is announced, then an alert with "Sign in again", back to this very view.
 * The page stays as it is, so what is on screen can still be read or copied before leaving.
 */
export function SessionEnded() {
  const [back, setBack] = useState<string | null>(null);
  useEffect(() => {
    const ended = () => setBack(`${window.location.pathname}${window.location.search}`);
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);
  if (back === null) return null;
  return (
    <p role="alert" className="bevel-sunken self-start bg-white px-2 py-0.5 font-bold text-red-800">
      Your session has ended.{' '}
      <a className="underline underline-offset-2" href={routes.signIn(back)}>
        Sign in again
      </a>
    </p>
  );
}
