import type { ReactNode } from 'react';

/**
 * An application window in the NT 4 style: navy title bar holding the page's <h1>, a grey
 * frame, the content, and an optional status bar. The caption buttons are decoration only.
 */
export function Window({
  title,
  titleId = 'window-title',
  icon,
  toolbar,
  statusBar,
  children,
}: {
  title: string;
  titleId?: string;
  icon?: ReactNode;
  toolbar?: ReactNode;
  statusBar?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col sm:p-4 lg:p-6">
      <main
        aria-labelledby={titleId}
        className="window mx-auto flex w-full max-w-[1500px] flex-1 flex-col sm:min-h-[calc(100dvh-2rem)] lg:min-h-[calc(100dvh-3rem)]"
      >
        <header className="titlebar">
          {icon}
          <h1 id={titleId} className="min-w-0 flex-1 text-[13px] font-bold tracking-[0.01em] break-words sm:truncate" title={title}>
            {title}
          </h1>
          <span aria-hidden="true" className="hidden shrink-0 gap-0.5 sm:flex">
            {['_', '□', '×'].map((glyph) => (
              <span
                key={glyph}
                className="bg-chrome bevel-raised grid size-[18px] place-items-center text-[11px] leading-none font-bold text-ink"
              >
                {glyph}
              </span>
            ))}
          </span>
        </header>
        {toolbar}
        <div className="flex min-h-0 flex-1 flex-col p-1.5 sm:p-2">{children}</div>
        {statusBar}
      </main>
    </div>
  );
}

/** The status bar of a window: sunken panes, the first one stretching. */
export function StatusBar({ children, label = 'Status bar' }: { children: ReactNode; label?: string }) {
  return (
    <section aria-label={label} className="flex flex-wrap gap-1 px-1.5 pt-0.5 pb-1 text-[12px] text-ink-muted sm:px-2">
      {children}
    </section>
  );
}

export function StatusPane({ children, grow = false }: { children: ReactNode; grow?: boolean }) {
  return <div className={`bevel-sunken px-2 py-0.5 whitespace-nowrap ${grow ? 'flex-1' : ''}`}>{children}</div>;
}
