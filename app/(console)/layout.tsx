import type { ReactNode } from 'react';
import { sharedDatabase } from '@/db/client';
import { canChange, currentSession } from '@/lib/auth/request';
import { clockView } from '@/lib/queries/clock-view';
import { Clock } from '@/components/console/clock';
import { getConsoleTree } from '@/lib/queries/console-tree';
import { ConsoleMenus } from '@/components/console/console-menus';
import { TreePane, type TreeNode } from '@/components/console/tree';
import { SignedIn } from '@/components/auth/signed-in';
import { ExchangeIcon, PostofficeIcon, ServerIcon } from '@/components/ui/icons';
import { HealthStatus } from '@/components/console/health-status';
import { healthReport } from '@/lib/console/health-report';
import { signOutAction } from '../auth-actions';
import { advanceClockAction, advanceToPollAction, setClockSpeedAction, tickClockAction } from './clock/actions';
import { routes } from '@/lib/console/routes';
import { SessionEnded } from '@/components/auth/session-ended';

// The engine and the CLI change the database underneath: read it on every request.
export const dynamic = 'force-dynamic';

/**
 * The Administrator's frame around every console view: title bar, menus, the container tree on the
 * left, the open view on the right, the status bar. Pages check the session themselves; signed out
 * the frame shows nothing of the directory.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await currentSession();
  if (!session) return children;
  const tree = getConsoleTree(sharedDatabase());
  const nodes: TreeNode[] = [
    ...tree.organizations.map((org) => ({
      id: `org:${org.name}`,
      label: org.name,
      icon: <ExchangeIcon />,
      children: org.sites.map((site) => {
        const first = site.servers[0]?.name;
        return {
          id: `site:${org.name}/${site.name}`,
          label: site.name,
          children: [
            {
              id: `config:${site.name}`,
              label: 'Configuration',
              children: [
                { id: `connections:${site.name}`, label: 'Connections', href: first ? routes.connections(first) : undefined },
                {
                  id: `servers:${site.name}`,
                  label: 'Servers',
                  children: site.servers.map((s) => ({
                    id: `server:${s.name}`,
                    label: s.name,
                    icon: <ServerIcon />,
                    href: routes.services(s.name),
                    children: [
                      { id: `dxa:${s.name}`, label: 'Directory Synchronization', href: routes.directorySyncView(s.name) },
                      { id: `files:${s.name}`, label: 'Dxadata files', href: routes.serverFiles(s.name) },
                    ],
                  })),
                },
              ],
            },
            ...site.containers.map((c) => ({ id: `container:${site.name}/${c}`, label: c, href: first ? routes.recipients(first, c) : undefined })),
          ],
        };
      }),
    })),
    {
      id: 'msmail',
      label: 'MS Mail',
      href: '/',
      icon: <PostofficeIcon />,
      action: canChange(session.role) ? { label: 'New Postoffice…', href: routes.newPostoffice() } : undefined,
      children: tree.postoffices.map((p) => ({ id: `po:${p.name}`, label: p.name, icon: <PostofficeIcon />, href: routes.postoffice(p.name) })),
    },
    // The dirsync servers, requestors and Exchange servers as one picture.
    { id: 'topology', label: 'Topology', href: '/topology' },
  ];
  const servers = tree.organizations.flatMap((o) => o.sites.flatMap((s) => s.servers.map((x) => ({ name: x.name, role: x.role }))));
  return (
    // The frame fills the viewport and never grows past it: only the contents pane, a list or a
    // sheet's tab body scrolls inside it, so the menus, title and clock stay in view.
    <div className="flex h-dvh flex-col overflow-hidden sm:p-3">
      <div data-console-frame className="window mx-auto flex min-h-0 w-full max-w-[1600px] flex-1 flex-col">
        <div className="titlebar">
          <ExchangeIcon />
          <span className="flex-1 text-[13px] font-bold">Microsoft Exchange Administrator</span>
        </div>
        <ConsoleMenus servers={servers} canChange={canChange(session.role)} />
        <div className="flex min-h-0 flex-1 flex-col gap-1.5 p-1.5 lg:flex-row">
          <TreePane nodes={nodes} label="Containers" />
          <div data-console-view="" className="flex min-h-0 min-w-0 flex-1 flex-col">
            {children}
          </div>
        </div>
        {/* On a narrow window Health and the account give way to a line of their own, so the clock's controls and note keep the whole width. */}
        <section aria-label="Console status" className="flex flex-wrap justify-end gap-1 px-1.5 pb-1 text-[12px] text-ink-muted">
          <div className="min-w-[min(100%,40rem)] flex-1 px-1 py-0.5">
            <Clock
              initial={clockView(sharedDatabase())}
              canChange={canChange(session.role)}
              actions={{ tick: tickClockAction, setSpeed: setClockSpeedAction, advance: advanceClockAction, advanceToPoll: advanceToPollAction }}
            />
          </div>
          <SessionEnded />
          <div className="bevel-sunken self-start px-2 py-0.5">
            <HealthStatus counts={healthReport().counts} />
          </div>
          <div className="bevel-sunken self-start px-2 py-0.5">
            <SignedIn session={session} signOut={signOutAction} />
          </div>
        </section>
      </div>
    </div>
  );
}
