'use client';

import { usePathname } from 'next/navigation';
import { MenuBar, type MenuItem } from './menu-bar';
import { useSelection } from './selection';

export interface ServerRole {
  name: string;
  role: 'server' | 'requestor' | null;
}

/**
 * File / Edit / View / Tools for the view that is open. File ▸ New Other offers the three dirsync
 * objects for the server in view, unavailable where the old program made them unavailable: the
 * Remote Dirsync Requestor until the server is a dirsync server (xog11011), the Dirsync Server on
 * a requestor, the Dirsync Requestor on a dirsync server or a server that already has one.
 */
export function ConsoleMenus({ servers }: { servers: ServerRole[] }) {
  const pathname = usePathname();
  const { selected, openProperties, requestDelete } = useSelection();
  const inView = /^\/exchange\/([^/]+)/.exec(pathname)?.[1];
  const server = servers.find((s) => s.name === decodeURIComponent(inView ?? '').toUpperCase()) ?? servers[0];
  const base = server ? `/exchange/${server.name}` : undefined;
  const newOther: MenuItem[] = server
    ? [
        {
          label: 'Dirsync Server',
          href: `${base}/dirsync-server/new`,
          disabled: server.role !== null,
          why: server.role === 'server' ? `${server.name} already has a Dirsync Server` : server.role === 'requestor' ? `${server.name} is a dirsync requestor` : undefined,
        },
        {
          label: 'Remote Dirsync Requestor',
          href: `${base}/remote-requestors/new`,
          disabled: server.role !== 'server',
          why: server.role !== 'server' ? 'Unavailable until you set up a Microsoft Exchange Server dirsync server' : undefined,
        },
        {
          label: 'Dirsync Requestor',
          href: `${base}/requestor/new`,
          disabled: server.role !== null,
          why: server.role === 'requestor' ? `${server.name} already has a Dirsync Requestor` : server.role === 'server' ? `${server.name} is the dirsync server` : undefined,
        },
      ]
    : [{ label: 'No Exchange server', disabled: true }];
  const menus: MenuItem[] = [
    {
      label: 'File',
      items: [
        { label: 'New Other', items: newOther },
        { label: 'Properties', shortcut: 'Alt+Enter', disabled: !selected?.href, why: selected ? undefined : 'Select an object in the list first', onSelect: openProperties },
      ],
    },
    {
      label: 'Edit',
      items: [
        {
          label: 'Delete',
          shortcut: 'Del',
          disabled: !selected?.deleteTarget,
          why: !selected ? 'Select an object in the list first' : selected.deleteTarget ? undefined : selected.deleteWhy,
          onSelect: requestDelete,
        },
      ],
    },
    { label: 'View', items: [{ label: 'MS Mail postoffices', href: '/' }, ...(base ? [{ label: 'Connections', href: `${base}/connections` }] : [])] },
    {
      label: 'Tools',
      items: base
        ? [
            { label: 'Services', href: `${base}/services` },
            { label: 'Event Viewer', href: `${base}/events` },
            { label: 'Registry', href: `${base}/registry` },
            { label: 'Health', href: '/health' },
            { label: 'Audit Trail', href: '/audit' },
          ]
        : [
            { label: 'Health', href: '/health' },
            { label: 'Audit Trail', href: '/audit' },
          ],
    },
  ];
  return <MenuBar menus={menus} />;
}
