'use client';

import { usePathname } from 'next/navigation';
import { MenuBar, type MenuItem } from './menu-bar';
import { describeDeletable, useSelection, type SelectedObject } from './selection';
import { poFromSegment, routes } from '@/lib/console/routes';

export interface ServerRole {
  name: string;
  role: 'server' | 'requestor' | null;
}

/**
 * File / Edit / View / Tools for the view that is open. File ▸ New Other offers the three dirsync
 * objects for the server in view, unavailable where the old program made them unavailable: the
 * Remote Dirsync Requestor until the server is a dirsync server (xog11011), the Dirsync Server on
 * a requestor, the Dirsync Requestor on a dirsync server or a server that already has one. It
 * starts with what builds the network: MS Mail Postoffice and Exchange Server.
 *
 * Edit ▸ Delete acts on the object selected in the open list; with none selected, on the object
 * whose own view is open (the tree's selection): an MS Mail postoffice's page, a server's node.
 */
export function ConsoleMenus({ servers, canChange = true }: { servers: ServerRole[]; canChange?: boolean }) {
  const pathname = usePathname();
  const { selected: listSelection, openProperties, requestDelete } = useSelection();
  const selected = listSelection ?? openObject(pathname, canChange);
  const inView = /^\/exchange\/([^/]+)/.exec(pathname)?.[1];
  const server = servers.find((s) => s.name === decodeURIComponent(inView ?? '').toUpperCase()) ?? servers[0];
  const building: MenuItem[] = [
    { label: 'MS Mail Postoffice', href: routes.newPostoffice() },
    { label: 'Exchange Server', href: routes.newExchangeServer() },
  ];
  const newOther: MenuItem[] = server
    ? [
        ...building,
        {
          label: 'Dirsync Server',
          href: routes.newDirsyncServer(server.name),
          disabled: server.role !== null,
          why: server.role === 'server' ? `${server.name} already has a Dirsync Server` : server.role === 'requestor' ? `${server.name} is a dirsync requestor` : undefined,
        },
        {
          label: 'Remote Dirsync Requestor',
          href: routes.newRemoteRequestor(server.name),
          disabled: server.role !== 'server',
          why: server.role !== 'server' ? 'Unavailable until you set up a Microsoft Exchange Server dirsync server' : undefined,
        },
        {
          label: 'Dirsync Requestor',
          href: routes.newRequestor(server.name),
          disabled: server.role !== null,
          why: server.role === 'requestor' ? `${server.name} already has a Dirsync Requestor` : server.role === 'server' ? `${server.name} is the dirsync server` : undefined,
        },
      ]
    : [...building, { label: 'Dirsync Server', disabled: true, why: 'Create an Exchange server first' }];
  // Next to the audit trail: the security log and the accounts (their pages refuse a View Only Admin).
  const accountTools: MenuItem[] = [
    { label: 'Audit Trail', href: '/audit' },
    { label: 'Security Log', href: '/security-log' },
    { label: 'Accounts', href: routes.accounts() },
  ];
  const menus: MenuItem[] = [
    {
      label: 'File',
      items: [
        { label: 'New Other', items: newOther },
        { label: 'Properties', shortcut: 'Alt+Enter', disabled: !listSelection?.href, why: listSelection ? undefined : 'Select an object in the list first', onSelect: openProperties },
        { label: 'Change Password', href: '/account' },
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
          onSelect: () => requestDelete(selected),
        },
      ],
    },
    { label: 'View', items: [{ label: 'MS Mail postoffices', href: '/' }, ...(server ? [{ label: 'Connections', href: routes.connections(server.name) }] : []), { label: 'Topology', href: routes.topology() }] },
    {
      label: 'Tools',
      items: server
        ? [
            { label: 'Services', href: routes.services(server.name) },
            { label: 'Event Viewer', href: routes.events(server.name) },
            { label: 'Registry', href: routes.registry(server.name) },
            { label: 'Resync Wizard…', href: routes.newResyncWizard() },
            { label: 'Manual Dirsync Wizard…', href: routes.newManualWizard() },
            { label: 'Health', href: routes.health() },
            { label: 'Run History', href: routes.history() },
            ...accountTools,
          ]
        : [{ label: 'Resync Wizard…', href: routes.newResyncWizard() }, { label: 'Manual Dirsync Wizard…', href: routes.newManualWizard() }, { label: 'Health', href: routes.health() }, { label: 'Run History', href: routes.history() }, ...accountTools],
    },
  ];
  return <MenuBar menus={menus} />;
}

/** The object whose own view is open (what the tree has selected), for Edit ▸ Delete with nothing selected in a list. */
function openObject(pathname: string, canChange: boolean): SelectedObject | null {
  const po = /^\/msmail\/([^/]+)$/.exec(pathname)?.[1];
  if (po && po !== 'new') {
    const name = poFromSegment(po);
    return { kind: 'MS Mail postoffice', name, afterDelete: '/', ...describeDeletable(canChange, { kind: 'postoffice', postoffice: name }, '') };
  }
  const server = /^\/exchange\/([^/]+)\/services$/.exec(pathname)?.[1];
  if (server) {
    const name = decodeURIComponent(server).toUpperCase();
    return { kind: 'Exchange server', name, afterDelete: '/', ...describeDeletable(canChange, { kind: 'exchange-server', server: name }, '') };
  }
  return null;
}
