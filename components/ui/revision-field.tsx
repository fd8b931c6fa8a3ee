'use client';

import { createContext, useContext, useState } from 'react';

/** The revision the form's last own save made (`seq` counts the saves), given by SheetForm and ActionForm. */
export const SavedRevisionContext = createContext<{ revision: string; seq: number } | null>(null);

/**
 * The revision a form was opened at, sent as `revision` for the action wrapper's "changed by
 * someone else since you opened it" check. It is held from the moment the field mounts: a page
 * refreshed meanwhile (the clock, the command prompt) brings newer values but does not move it, so
 * a save over someone else's change is refused instead of silently winning. Only this form's own
 * successful save moves it, to the revision that save made.
 */
export function RevisionField({ value }: { value: string | number }) {
  const saved = useContext(SavedRevisionContext);
  const [opened] = useState(() => ({ revision: String(value), seq: saved?.seq ?? 0 }));
  const current = saved && saved.seq > opened.seq ? saved.revision : opened.revision;
  return <input type="hidden" name="revision" value={current} />;
}
