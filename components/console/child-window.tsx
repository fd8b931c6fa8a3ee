import type { ReactNode } from 'react';

/**
 * An MDI child window of the Administrator: its own title bar holding the page's <h1> (e.g.
 * "Server EXCH01 in Site HQ - Connections"), its contents and an optional status bar (components/ui/window.tsx StatusBar).
 */
export function ChildWindow({ title, icon, toolbar, status, children }: { title: string; icon?: ReactNode; toolbar?: ReactNode; status?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="child-title" className="window flex min-h-0 min-w-0 flex-1 flex-col">
      <header className="titlebar">
        {icon}
        <h1 id="child-title" className="min-w-0 flex-1 truncate text-[13px] font-bold" title={title}>
          {title}
        </h1>
      </header>
      {toolbar}
      {/* The contents pane scrolls when what it holds is taller than the window (a list inside scrolls itself). */}
      <div className="flex min-h-0 flex-1 flex-col overflow-auto p-1.5">{children}</div>
      {status}
    </section>
  );
}
