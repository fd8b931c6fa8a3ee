'use client';

import Link from '@/components/ui/link';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useId, useLayoutEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import type { ActionResult, SafeAction } from '@/lib/actions/safe-action';
import { useConsoleActions } from '@/components/console/console-actions';
import { useToast } from '@/components/console/toasts';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { WarningIcon } from '@/components/ui/icons';
import { SavedRevisionContext } from '@/components/ui/revision-field';
import { answerOf } from '@/components/ui/use-action';

/**
 * A property sheet of the Administrator: tabs (each its own URL), the tab's form, then OK, Cancel,
 * Apply and Help.
 *
 * Given `panels` (every tab's page), the sheet behaves as a Windows property sheet: a page is made
 * the first time it is shown and stays open from then on, so switching tabs keeps every page's
 * edits (the URL follows the tab); a page never shown has nothing to keep, and is not in the
 * page's HTML until it is shown (the sheet's first render makes one page, not all). Apply saves every
 * changed page in one transaction (applySheetAction) and stays, OK saves and closes, Cancel or
 * Escape closes without saving, and leaving any other way with unsaved edits asks first. A refused
 * save shows its page with the reason next to each field and changes nothing; a save over someone
 * else's change is refused (the revision each page was opened at).
 *
 * Without `panels` (a sheet of one page), the SheetForm inside carries its own buttons.
 */
export interface SheetTab {
  id: string;
  label: string;
  href: string;
}

/** One page's form as the sheet sees it. */
interface PageEntry {
  tab: string;
  form: HTMLFormElement;
  action: SafeAction<unknown>;
  help: ReactNode;
  /** What the form sent when it was opened (or last saved): a page is changed when it sends something else. */
  initial: string;
  setErrors: (e: Errors) => void;
  /** This page's save made (or confirmed) `revision`. */
  saved: (revision: string) => void;
}

interface SheetApi {
  register: (entry: PageEntry) => () => void;
}
const SheetContext = createContext<SheetApi | null>(null);
const PanelContext = createContext<string | null>(null);

type Errors = Record<string, string>;
const ErrorsContext = createContext<Errors>({});
/** The error a field's last save got, by field name. */
export const useFieldError = (name: string) => useContext(ErrorsContext)[name];
/**
 * In a small dialog the refusal is said once, in the form's message under the fields: this is that
 * message's element id, which an invalid field names in aria-describedby instead of repeating the text.
 */
const MessageOnceContext = createContext<string | null>(null);
/** The id of the form's message when field errors are not repeated next to the fields (null: they are). */
export const useMessageOnce = () => useContext(MessageOnceContext);

/** What a form sends, without the revision (which only says when it was opened): compared to tell a changed page. */
function sent(form: HTMLFormElement): string {
  return JSON.stringify([...new FormData(form).entries()].filter(([k]) => k !== 'revision').map(([k, v]) => [k, typeof v === 'string' ? v : v.name]));
}

/** The form's fields as the action takes them (a name given more than once becomes a list). */
function fieldsOf(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new FormData(form).entries()) {
    const v = typeof value === 'string' ? value : value.name;
    out[key] = key in out ? [...([] as unknown[]).concat(out[key]), v] : v;
  }
  return out;
}

/**
 * State a page keeps while the sheet is open, even when the page is made again after an Apply
 * (Diagnostics Logging's chosen service): kept by the sheet per page and key.
 */
const KeptContext = createContext<Map<string, unknown> | null>(null);
export function useSheetState<T>(key: string, initial: T): [T, (v: T) => void] {
  const kept = useContext(KeptContext);
  const tab = useContext(PanelContext) ?? '';
  const id = `${tab}\u0000${key}`;
  const [value, setValue] = useState<T>(() => (kept?.has(id) ? (kept.get(id) as T) : initial));
  const set = useCallback(
    (v: T) => {
      kept?.set(id, v);
      setValue(v);
    },
    [kept, id],
  );
  return [value, set];
}

export function PropertySheet({
  title,
  tabs,
  current,
  panels,
  closeHref,
  readOnly = false,
  children,
}: {
  title: string;
  tabs: SheetTab[];
  current: string;
  /** Every tab's page, by tab id: made when first shown, then kept open (see above). */
  panels?: Record<string, ReactNode>;
  /** Where OK and Cancel go (with `panels`). */
  closeHref?: string;
  readOnly?: boolean;
  children?: ReactNode;
}) {
  if (!panels) {
    return (
      <SheetWindow title={title}>
        <nav aria-label="Property pages">
          <TabList tabs={tabs} active={current} />
        </nav>
        <div className="bevel-raised bg-chrome p-3">{children}</div>
      </SheetWindow>
    );
  }
  return <MultiPageSheet title={title} tabs={tabs} current={current} panels={panels} closeHref={closeHref ?? '/'} readOnly={readOnly} />;
}

/**
 * Show another page of the sheet in the address bar (a reload or a bookmark opens it) without
 * moving Next's router: its own `history.replaceState` moves the router too, and every later
 * refresh of the page (Apply, Advance to next event, a tick of the running clock) then rendered the
 * other tab's route segment, which Next mounts anew — every page's unsaved edits went. The
 * router's history state is kept, so Back and Forward still find their pages.
 */
function showTabInAddressBar(href: string): void {
  History.prototype.replaceState.call(window.history, window.history.state, '', href);
}

/**
 * Next writes its router's URL (the page the sheet was opened at) into the address bar at every
 * commit of its state, and the sheet renders again only after it: the browser held the other
 * page's address for that moment, and a reload in it opened that page. While a sheet is shown,
 * every write to the history goes through `addressOf`, which names the page shown instead.
 */
type HistoryUrl = Parameters<History['replaceState']>[2];
let addressOf: ((url: HistoryUrl) => HistoryUrl) | null = null;
let historyWatched = false;
function ownAddressBar(rewrite: (url: HistoryUrl) => HistoryUrl): () => void {
  if (!historyWatched) {
    historyWatched = true;
    for (const name of ['pushState', 'replaceState'] as const) {
      const write = window.history[name];
      window.history[name] = function (this: History, data: unknown, unused: string, url?: HistoryUrl) {
        write.call(this, data, unused, addressOf ? addressOf(url) : url);
      };
    }
  }
  addressOf = rewrite;
  return () => {
    if (addressOf === rewrite) addressOf = null;
  };
}

/**
 * The address of the page the sheet was opened at: Next's router's, which a tab click does not
 * move (showTabInAddressBar). A page's dialog opens at it (`?mta=…`) so the sheet stays, with every
 * page's edits; at the address of another page of the sheet, Next made that page's route and a
 * new sheet, and the edits were gone. The address bar still names the page shown (ownAddressBar).
 */
export function useSheetPath(): string {
  return usePathname();
}

/** The page of the sheet the address bar names (its path; a dialog's query string aside). */
const tabInAddressBar = (tabs: SheetTab[]) => tabs.find((t) => new URL(t.href, window.location.href).pathname === window.location.pathname);

function SheetWindow({ title, children, onKeyDown }: { title: string; children: ReactNode; onKeyDown?: (e: React.KeyboardEvent) => void }) {
  return (
    <section aria-labelledby="sheet-title" className="window mx-auto flex w-full max-w-2xl flex-col" onKeyDown={onKeyDown}>
      <header className="titlebar">
        <h1 id="sheet-title" className="flex-1 truncate text-[13px] font-bold">
          {title}
        </h1>
      </header>
      <div className="p-2">{children}</div>
    </section>
  );
}

function TabList({ tabs, active, onPick }: { tabs: SheetTab[]; active: string; onPick?: (t: SheetTab) => void }) {
  return (
    <ul className="flex flex-wrap gap-0.5">
      {tabs.map((t) => (
        <li key={t.id}>
          <Link
            href={t.href}
            aria-current={t.id === active ? 'page' : undefined}
            className={`bevel-raised -mb-px inline-block px-3 py-1 ${t.id === active ? 'relative z-10 bg-chrome font-semibold' : 'bg-chrome-light text-ink-muted hover:text-ink'}`}
            scroll={false}
            onClick={
              onPick &&
              ((e) => {
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
                e.preventDefault();
                onPick(t);
              })
            }
          >
            {t.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Apply's confirmation, by sheet (its tabs' URLs: a title can change with the Apply). After a tab
 * switch the URL names another tab's route, so the refresh that follows Apply renders that route
 * and mounts its sheet anew; the new sheet shows the confirmation the old one gave.
 */
const confirmations = new Map<string, { text: string; error: boolean }>();

function MultiPageSheet({ title, tabs, current, panels, closeHref, readOnly }: { title: string; tabs: SheetTab[]; current: string; panels: Record<string, ReactNode>; closeHref: string; readOnly: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const { applySheet } = useConsoleActions();
  const [active, setActive] = useState(current);
  const [pending, start] = useTransition();
  const sheetKey = tabs.map((t) => t.href).join(' ');
  const [message, setMessageState] = useState<{ text: string; error: boolean } | null>(() => confirmations.get(sheetKey) ?? null);
  const setMessage = (m: { text: string; error: boolean } | null) => {
    if (m && !m.error) confirmations.set(sheetKey, m);
    else confirmations.delete(sheetKey);
    setMessageState(m);
  };
  // Read by a sheet made anew in the same commit (its state starts from it) before this goes.
  useEffect(() => () => void confirmations.delete(sheetKey), [sheetKey]);
  const [showHelp, setShowHelp] = useState(false);
  const [leaving, setLeaving] = useState<string | null>(null);
  const pages = useRef(new Map<string, PageEntry>());
  const [kept] = useState(() => new Map<string, unknown>());
  const section = useRef<HTMLDivElement>(null);

  useEffect(() => setActive(current), [current]);
  // The pages shown so far: each stays made once shown (adding the active one is idempotent).
  const made = useRef(new Set<string>());
  made.current.add(active);

  const api = useRef<SheetApi>({
    register: (entry) => {
      pages.current.set(entry.tab, entry);
      return () => {
        if (pages.current.get(entry.tab) === entry) pages.current.delete(entry.tab);
      };
    },
  });

  const changed = useCallback(() => [...pages.current.values()].filter((p) => sent(p.form) !== p.initial), []);

  const pick = (t: SheetTab) => {
    setActive(t.id);
    setShowHelp(false);
    showTabInAddressBar(t.href);
  };

  // The address bar names the page shown: after every render, and in every write Next makes to it
  // (the URL the sheet was opened at, see showTabInAddressBar) that names a page of this sheet. On
  // the first render, a sheet opened by Back or Forward shows the page the address bar names.
  const shownNow = useRef({ tabs, active, current });
  shownNow.current = { tabs, active, current };
  const rendered = useRef(false);
  useLayoutEffect(() => {
    const named = tabInAddressBar(tabs);
    if (!rendered.current) {
      rendered.current = true;
      if (named && named.id !== active) {
        setActive(named.id);
        return;
      }
    }
    const shown = tabs.find((t) => t.id === active);
    if (shown && shown !== named) showTabInAddressBar(shown.href);
  });
  useLayoutEffect(
    () =>
      ownAddressBar((url) => {
        if (url === null || url === undefined) return url;
        // Only the page the sheet was opened at (the router's own URL): a link to another page of
        // the sheet still goes there.
        const { tabs, active, current } = shownNow.current;
        const opened = tabs.find((t) => t.id === current);
        const shown = tabs.find((t) => t.id === active);
        const to = new URL(url, window.location.href);
        if (!opened || !shown || opened === shown || to.pathname !== new URL(opened.href, window.location.href).pathname) return url;
        return new URL(shown.href, window.location.href).pathname + to.search + to.hash;
      }),
    [],
  );

  // Back to the tab the URL names (browser Back/Forward within the sheet).
  useEffect(() => {
    const onPop = () => {
      const t = tabInAddressBar(tabs);
      if (t) setActive(t.id);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [tabs]);

  // Leaving with unsaved edits asks: a link anywhere outside the sheet's tabs, a reload, closing the window.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!(a instanceof HTMLAnchorElement) || a.target === '_blank' || a.hasAttribute('download')) return;
      if (a.closest('[data-sheet-tabs]')) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin || to.href === window.location.href) return;
      if (changed().length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      setLeaving(to.pathname + to.search);
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (changed().length) e.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [changed]);

  const cancel = () => router.push(closeHref);

  const apply = (close: boolean) => {
    // The last Apply's confirmation goes at once (outside the transition, which would hold it until
    // this save ends): it must not stand for this Apply while it is still saving.
    setMessage(null);
    start(async () => {
      const all = [...pages.current.values()];
      let edited = changed();
      // Nothing changed: Apply and OK still save the page shown (as the old program's OK did).
      if (edited.length === 0) edited = all.filter((p) => p.tab === active);
      if (edited.length === 0) {
        if (close) router.push(closeHref);
        return;
      }
      const others = all.filter((p) => !edited.includes(p));
      const order = [...edited, ...others];
      const result = await answerOf(() => applySheet({
        items: order.map((p) => ({ action: p.action, fields: fieldsOf(p.form), probe: !edited.includes(p) })),
      }));
      for (const p of all) p.setErrors({});
      if (!result.ok) {
        const page = 'item' in result && result.item !== undefined ? order[result.item] : undefined;
        if (page) {
          page.setErrors(result.fieldErrors ?? {});
          setActive(page.tab);
          const tab = tabs.find((t) => t.id === page.tab);
          if (tab) showTabInAddressBar(tab.href);
        }
        const label = page && edited.length > 1 ? tabs.find((t) => t.id === page.tab)?.label : undefined;
        setMessage({ text: label ? `${label}: ${result.error}` : result.error, error: true });
        return;
      }
      order.forEach((p, k) => {
        const revision = result.data.revisions[k];
        if (revision !== null) p.saved(revision);
        p.initial = sent(p.form);
      });
      // One message, never two: Apply leaves the sheet open and says it inline; OK closes it, so
      // the toast (which outlives the navigation) says it on the page the sheet returns to.
      if (close) {
        toast(`${title.replace(/ Properties$/, '')}: changes saved`);
        router.push(closeHref);
      } else {
        setMessage({ text: 'The changes were saved.', error: false });
        router.refresh();
      }
    });
  };

  const help = pages.current.get(active)?.help;
  return (
    <SheetContext.Provider value={api.current}>
      <KeptContext.Provider value={kept}>
        <SheetWindow
          title={title}
          onKeyDown={(e) => {
            // Escape is Cancel, as in a Windows property sheet (a dialog or list inside handles its own first).
            if (e.key === 'Escape' && !e.defaultPrevented) {
              e.preventDefault();
              cancel();
            }
          }}
        >
          <nav aria-label="Property pages" data-sheet-tabs="">
            <TabList tabs={tabs} active={active} onPick={pick} />
          </nav>
          <div ref={section} className="bevel-raised grid gap-3 bg-chrome p-3">
            {tabs.map((t) =>
              made.current.has(t.id) ? (
                <div key={t.id} hidden={t.id !== active}>
                  <PanelContext.Provider value={t.id}>{panels[t.id]}</PanelContext.Provider>
                </div>
              ) : null,
            )}
            {message ? (
              <p role={message.error ? 'alert' : 'status'} className={message.error ? 'border border-red-700 bg-red-50 px-2 py-1.5 text-red-800' : 'text-[12px] text-green-900'}>
                {message.text}
              </p>
            ) : null}
            {readOnly ? <p className="text-[12px] text-ink-muted">You are signed in as a View Only Admin: nothing here can be changed.</p> : null}
            {showHelp && help ? (
              <div role="note" aria-label="Help" className="bevel-sunken bg-white p-2 text-[12px]">
                {help}
              </div>
            ) : null}
            <div className="flex flex-wrap justify-end gap-2">
              <button type="button" className="button min-w-20" disabled={readOnly || pending} onClick={() => apply(true)}>
                OK
              </button>
              <button type="button" className="button min-w-20" onClick={cancel}>
                Cancel
              </button>
              <button type="button" className="button min-w-20" disabled={readOnly || pending} onClick={() => apply(false)}>
                {pending ? 'Saving…' : 'Apply'}
              </button>
              <button type="button" className="button min-w-20" aria-expanded={showHelp} onClick={() => setShowHelp((h) => !h)}>
                Help
              </button>
            </div>
          </div>
        </SheetWindow>
        {leaving !== null ? (
          <DialogFrame title={title} role="alertdialog" width="max-w-md" describedBy="sheet-leave-text" onEscape={() => setLeaving(null)}>
            <div className="flex gap-3 p-4">
              <WarningIcon />
              <p id="sheet-leave-text">You have changed pages of this sheet and not applied the changes. Leave it and discard them?</p>
            </div>
            <div className="flex justify-center gap-2 pb-4">
              <button
                type="button"
                className="button min-w-24"
                onClick={() => {
                  const to = leaving;
                  setLeaving(null);
                  for (const p of pages.current.values()) p.initial = sent(p.form);
                  router.push(to);
                }}
              >
                Discard changes
              </button>
              <button type="button" className="button min-w-24" data-autofocus onClick={() => setLeaving(null)}>
                Stay
              </button>
            </div>
          </DialogFrame>
        ) : null}
      </KeptContext.Provider>
    </SheetContext.Provider>
  );
}

export function SheetForm<T>({
  action,
  closeHref,
  help,
  readOnly = false,
  messageOnce = false,
  children,
}: {
  action: (form: FormData) => Promise<ActionResult<T>>;
  closeHref: string;
  /** What this page is for, shown by Help. */
  help: ReactNode;
  /** A View Only Admin sees the values and cannot save. */
  readOnly?: boolean;
  /** A dialog: a refusal shows once, under the fields, and the invalid field points to it (not for sheet pages). */
  messageOnce?: boolean;
  children: ReactNode;
}) {
  const sheet = useContext(SheetContext);
  const tab = useContext(PanelContext);
  if (sheet && tab !== null) {
    return (
      <PageForm sheet={sheet} tab={tab} action={action as SafeAction<unknown>} help={help} readOnly={readOnly}>
        {children}
      </PageForm>
    );
  }
  return (
    <StandaloneForm action={action} closeHref={closeHref} help={help} readOnly={readOnly} messageOnce={messageOnce}>
      {children}
    </StandaloneForm>
  );
}

/** A page of a sheet with `panels`: its fields only; the sheet's buttons save it with the others. */
function PageForm({ sheet, tab, action, help, readOnly, children }: { sheet: SheetApi; tab: string; action: SafeAction<unknown>; help: ReactNode; readOnly: boolean; children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<{ revision: string; seq: number } | null>(null);
  // Kept in refs: a refresh brings new props (the action's reference, the help) but the page stays the one opened.
  const latest = useRef({ action, help });
  latest.current = { action, help };
  const initial = useRef<string | null>(null);
  useEffect(() => {
    const el = form.current!;
    initial.current ??= sent(el);
    // Once the page's own fields have settled (lists and grids fill their hidden values after mounting).
    const settle = requestAnimationFrame(() => {
      if (initial.current !== null && !el.matches(':focus-within')) initial.current = sent(el);
    });
    const entry: PageEntry = {
      tab,
      form: el,
      get action() {
        return latest.current.action;
      },
      get help() {
        return latest.current.help;
      },
      get initial() {
        return initial.current!;
      },
      set initial(v: string) {
        initial.current = v;
      },
      setErrors,
      saved: (revision) => setSaved((old) => ({ revision, seq: (old?.seq ?? 0) + 1 })),
    };
    const unregister = sheet.register(entry);
    return () => {
      cancelAnimationFrame(settle);
      unregister();
    };
  }, [sheet, tab]);
  return (
    <ErrorsContext.Provider value={errors}>
      <SavedRevisionContext.Provider value={saved}>
        <form ref={form} onSubmit={(e) => e.preventDefault()} className="grid gap-3">
          <fieldset disabled={readOnly} className="grid gap-3">
            {children}
          </fieldset>
        </form>
      </SavedRevisionContext.Provider>
    </ErrorsContext.Provider>
  );
}

function StandaloneForm<T>({
  action,
  closeHref,
  help,
  readOnly,
  messageOnce = false,
  children,
}: {
  action: (form: FormData) => Promise<ActionResult<T>>;
  closeHref: string;
  help: ReactNode;
  readOnly: boolean;
  messageOnce?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const messageId = useId();
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const [saved, setSaved] = useState<{ revision: string; seq: number } | null>(null);
  const toast = useToast();

  const save = (form: FormData, close: boolean, el: HTMLFormElement) =>
    start(async () => {
      const result = await answerOf(() => action(form));
      if (result.ok) {
        if (result.revision !== undefined) setSaved((old) => ({ revision: result.revision!, seq: (old?.seq ?? 0) + 1 }));
        setErrors({});
        // One message, never two: Apply says it inline (the form stays); OK's toast outlives its
        // navigation and names the sheet or dialog the form sat in. Failures stay next to the fields only.
        if (close) {
          const title = document.getElementById(el.closest('[aria-labelledby]')?.getAttribute('aria-labelledby') ?? '')?.textContent?.replace(/ Properties$/, '');
          toast(title ? `${title}: changes saved` : 'Changes saved');
          router.push(closeHref);
        } else {
          setMessage({ text: 'The changes were saved.', error: false });
          router.refresh();
        }
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ text: result.error, error: true });
      }
    });

  return (
    <ErrorsContext.Provider value={errors}>
      <MessageOnceContext.Provider value={messageOnce ? messageId : null}>
      <SavedRevisionContext.Provider value={saved}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
            save(new FormData(e.currentTarget), submitter?.value === 'ok', e.currentTarget);
          }}
          className="grid gap-3"
        >
          <fieldset disabled={readOnly || pending} className="grid gap-3">
            {children}
          </fieldset>
          {message ? (
            <p id={messageId} role={message.error ? 'alert' : 'status'} className={message.error ? 'border border-red-700 bg-red-50 px-2 py-1.5 text-red-800' : 'text-[12px] text-green-900'}>
              {message.text}
            </p>
          ) : null}
          {readOnly ? <p className="text-[12px] text-ink-muted">You are signed in as a View Only Admin: nothing here can be changed.</p> : null}
          {showHelp ? (
            <div role="note" aria-label="Help" className="bevel-sunken bg-white p-2 text-[12px]">
              {help}
            </div>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="submit" name="button" value="ok" className="button min-w-20" disabled={readOnly || pending}>
              OK
            </button>
            <button type="button" className="button min-w-20" onClick={() => router.push(closeHref)}>
              Cancel
            </button>
            <button type="submit" name="button" value="apply" className="button min-w-20" disabled={readOnly || pending}>
              {pending ? 'Saving…' : 'Apply'}
            </button>
            <button type="button" className="button min-w-20" aria-expanded={showHelp} onClick={() => setShowHelp((h) => !h)}>
              Help
            </button>
          </div>
        </form>
      </SavedRevisionContext.Provider>
      </MessageOnceContext.Provider>
    </ErrorsContext.Provider>
  );
}
