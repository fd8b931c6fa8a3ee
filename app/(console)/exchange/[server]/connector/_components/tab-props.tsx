import { cache } from 'react';
import type { Db } from '@/db/client';
import { connectionsTab, mtasTab, type SheetHeader } from '@/lib/queries/connector-sheet';
import { RevisionField } from '@/components/ui/revision-field';

/** What every page of the MS Mail Connector sheet is given by the sheet's route (connector/[tab]/page.tsx). */
export interface ConnectorTabProps {
  db: Db;
  server: string;
  header: SheetHeader;
  /** Where OK and Cancel go: the Connections container. */
  closeHref: string;
  /** The sheet's route, the page it was opened at: every page's dialog (`?create`, `?modify=`,
   * `?queue=`, `?mta=`) opens and closes there, so the sheet is not made anew (useSheetPath). */
  sheetHref: string;
  readOnly: boolean;
  search: Record<string, string | string[] | undefined>;
}

/** Read once a render: the sheet renders every page and the open dialog, and a page and its dialog show the same. */
export const readConnections = cache(connectionsTab);
export const readMtas = cache(mtasTab);

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The fields every connector form sends besides its own: the server, the page, the revision it was opened at. */
export function ConnectorFormHidden({ server, tab, revision }: { server: string; tab: string; revision: string | number }) {
  return (
    <>
      <input type="hidden" name="server" value={server} />
      <input type="hidden" name="tab" value={tab} />
      <RevisionField value={revision} />
    </>
  );
}
