'use client';

import type { ReactNode } from 'react';

export interface WizardButton {
  onClick?: () => void;
  disabled?: boolean;
  /** Why it is unavailable, shown as its description. */
  why?: string;
}

/**
 * A Windows wizard: the title bar ("Resync Wizard"), a panel listing the pages (the current one
 * marked), the page with its heading, and the row `< Back`, `Next >`, `Cancel`, `Finish`.
 */
export function WizardFrame({
  title,
  pages,
  current,
  heading,
  children,
  back,
  next,
  cancel,
  finish,
  status,
}: {
  title: string;
  pages: { id: string; label: string }[];
  current: string;
  heading: string;
  children: ReactNode;
  back: WizardButton;
  next: WizardButton;
  cancel: WizardButton;
  finish: WizardButton;
  status?: ReactNode;
}) {
  const button = (label: string, b: WizardButton, primary = false) => (
    <button
      type="button"
      className={`button min-w-24 ${primary ? 'outline outline-1 outline-ink' : ''}`}
      onClick={b.onClick}
      disabled={b.disabled}
      title={b.disabled ? b.why : undefined}
      aria-description={b.disabled ? b.why : undefined}
    >
      {label}
    </button>
  );
  return (
    <section aria-labelledby="child-title" className="window mx-auto flex min-h-0 w-full max-w-[1100px] flex-1 flex-col">
      <header className="titlebar">
        <h1 id="child-title" className="min-w-0 flex-1 truncate text-[13px] font-bold">
          {title}
        </h1>
      </header>
      <div className="flex min-h-0 flex-1 gap-3 p-2 sm:p-3">
        <nav aria-label="Wizard pages" className="hidden w-44 shrink-0 bg-title/90 p-3 text-white lg:block">
          <ol className="grid gap-1 text-[13px]">
            {pages.map((p, k) => (
              <li key={p.id} aria-current={p.id === current ? 'step' : undefined} className={p.id === current ? 'font-bold' : 'opacity-80'}>
                {k + 1}. {p.label}
              </li>
            ))}
          </ol>
        </nav>
        <div className="flex min-w-0 flex-1 flex-col gap-2 overflow-auto">
          <h2 className="text-[15px] font-bold">{heading}</h2>
          <p className="text-[12px] text-ink-muted lg:hidden">
            Page {pages.findIndex((p) => p.id === current) + 1} of {pages.length}
          </p>
          {children}
        </div>
      </div>
      {status}
      {/* The buttons stay in view when a long page (the steps) scrolls the window. */}
      <div className="sticky bottom-0 z-10 flex flex-wrap justify-end gap-2 border-t border-chrome-shadow bg-chrome px-3 py-2 shadow-[0_1px_0_var(--color-chrome-light)_inset]">
        {button('< Back', back)}
        {button('Next >', next, true)}
        {button('Cancel', cancel)}
        {button('Finish', finish)}
      </div>
    </section>
  );
}
