import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { RevisionField } from '@/components/ui/revision-field';
import { routes } from '@/lib/console/routes';

/** The scrolling area a property sheet sits in, inside the Administrator's view pane. */
export function SheetArea({ children }: { children: ReactNode }) {
  return <div className="min-h-0 flex-1 overflow-auto p-1 sm:p-3">{children}</div>;
}

/** Values the form sends besides its fields: which object, which tab, the revision it was opened at. */
export function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        name === 'revision' ? <RevisionField key={name} value={value} /> : <input key={name} type="hidden" name={name} value={value} />,
      )}
    </>
  );
}

/** A value shown, not edited (the old program's grey text boxes), still reachable with Tab and read by name. */
export function ReadOnlyField({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  // One of each label per page, so the label names the id (this is a server component: no useId).
  const id = `ro-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div className="grid gap-1">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={value} aria-describedby={hint ? `${id}-hint` : undefined} className="field bg-chrome-light text-ink" />
      {hint ? (
        <span id={`${id}-hint`} className="text-[12px] text-ink-muted">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A group box of a property page. */
export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid gap-2 border border-chrome-shadow/60 px-3 pt-1 pb-3">
      <legend className="px-1">{title}</legend>
      {children}
    </fieldset>
  );
}

/** An object that is not there (yet): what it is, why, and where to go. */
export function Unavailable({ title, children, links }: { title: string; children: ReactNode; links: { href: string; label: string }[] }) {
  return (
    <SheetArea>
      <section aria-labelledby="sheet-title" className="window mx-auto w-full max-w-2xl">
        <header className="titlebar">
          <h1 id="sheet-title" className="text-[13px] font-bold">
            {title}
          </h1>
        </header>
        <div className="grid gap-3 p-4">
          <div className="grid gap-2">{children}</div>
          <p className="flex flex-wrap gap-2">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="button inline-block min-w-24 text-center">
                {l.label}
              </Link>
            ))}
          </p>
        </div>
      </section>
    </SheetArea>
  );
}

/**
 * File ▸ New Other ▸ Dirsync Server or Dirsync Requestor on a server that already has a dirsync
 * role: which object it has, a link to it, and why a second cannot be made.
 */
export function RoleTaken({ title, server, role, wanted }: { title: string; server: string; role: 'server' | 'requestor'; wanted: 'server' | 'requestor' }) {
  const object = role === 'server' ? 'Dirsync Server' : 'Dirsync Requestor';
  return (
    <Unavailable title={title} links={[{ href: role === 'server' ? routes.dirsyncServer(server) : routes.requestor(server), label: object }]}>
      <p>
        {role === wanted
          ? `${server} already has a ${object}.`
          : `${server} is ${role === 'server' ? 'the dirsync server' : 'a dirsync requestor'} (it has a ${object} object): a server is either the dirsync server or a requestor.`}
      </p>
    </Unavailable>
  );
}
