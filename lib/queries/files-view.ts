import type { Db } from '@/db/client';
import { findPo } from '@/lib/dirsync/postoffices';
import { placeDirectory, type PlaceDirectory } from '@/lib/dirsync/place-directory';
import { stmt } from '@/lib/core/statements';
import { findServer } from '@/lib/exchange/servers/servers';
import { poFromSegment } from './postoffice-logs';
import { routes } from '@/lib/console/routes';

export interface FilesView extends PlaceDirectory {
  /** Where Copy to… can put a file: every postoffice's GLB directory and every server's Dxadata. */
  targets: { place: string; label: string }[];
  /** The Files view's own URL (download links hang off it). */
  href: string;
}

/** The place a Files URL names: `/msmail/<NET~PO>/files` or `/exchange/<SERVER>/files`; null when there is none. */
export function placeOfRoute(db: Db, route: { po?: string; server?: string }): { place: string; href: string } | null {
  if (route.po !== undefined) {
    const name = poFromSegment(route.po);
    const po = name ? findPo(db, name) : undefined;
    if (!po || po.kind !== 'msmail') return null;
    return { place: `${po.network}/${po.name}`, href: routes.postofficeFiles(`${po.network}/${po.name}`) };
  }
  const server = route.server === undefined ? undefined : findServer(db, decodeURIComponent(route.server));
  return server ? { place: `${server.name}:Dxadata`, href: routes.serverFiles(server.name) } : null;
}

/** The Files view of a place: its directory (lib/dirsync/place-directory.ts) and where its files can go. */
export function getFilesView(db: Db, route: { po?: string; server?: string }): FilesView | null {
  const at = placeOfRoute(db, route);
  if (!at) return null;
  const pos = stmt(db, "select network || '/' || name as name, drive from postoffice where kind = 'msmail' order by network, name").all() as { name: string; drive: string | null }[];
  const servers = stmt(db, 'select name from exchange_server order by name').all() as { name: string }[];
  const targets = [
    ...pos.map((p) => ({ place: p.name, label: `${p.name} GLB${p.drive ? ` (${p.drive}:\\GLB)` : ''}` })),
    ...servers.map((s) => ({ place: `${s.name}:Dxadata`, label: `${s.name} Dxadata` })),
  ].filter((t) => t.place !== at.place);
  return { ...placeDirectory(db, at.place), targets, href: at.href };
}
