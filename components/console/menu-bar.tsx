'use client';

import Link from '@/components/ui/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';

export interface MenuItem {
  label: string;
  href?: string;
  /** Greyed out, as the old program greyed out what does not apply here. */
  disabled?: boolean;
  /** Why it is unavailable (shown as its description). */
  why?: string;
  items?: MenuItem[];
  /** A command run in place (Properties, Delete) instead of a page to open. */
  onSelect?: () => void;
  /** Its keyboard shortcut as shown, e.g. "Alt+Enter" (also aria-keyshortcuts). */
  shortcut?: string;
}

/**
 * The menu bar (File, Edit, View, Tools) as a WAI-ARIA menubar: Alt or F10 focuses it, arrows
 * move, Enter/Space open, Escape closes. Items lead to pages (every view has its URL).
 */
export function MenuBar({ menus }: { menus: MenuItem[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState<number | null>(null);
  const [sub, setSub] = useState<number | null>(null);
  const bar = useRef<HTMLUListElement>(null);

  useEffect(() => {
    setOpen(null);
  }, [pathname]);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F10') {
        e.preventDefault();
        bar.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
      }
    };
    // A click anywhere else closes the open menu, as in Windows.
    const onDown = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, []);

  const focusTop = (k: number) => bar.current?.querySelectorAll<HTMLElement>(':scope > li > [role=menuitem]')[k]?.focus();
  const activate = (item: MenuItem) => {
    if (item.disabled) return;
    if (item.onSelect) {
      setOpen(null);
      setSub(null);
      item.onSelect();
      return;
    }
    if (!item.href) return;
    setOpen(null);
    router.push(item.href);
  };

  const onTopKey = (e: KeyboardEvent, k: number) => {
    // Alt+Enter is File ▸ Properties (components/console/selection.tsx), not "open this menu".
    if (e.altKey) return;
    if (e.key === 'ArrowRight') focusTop((k + 1) % menus.length);
    else if (e.key === 'ArrowLeft') focusTop((k - 1 + menus.length) % menus.length);
    else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      // Rendered at once, so the next key already lands on the first item (not on the menu title).
      flushSync(() => {
        setOpen(k);
        setSub(null);
      });
      bar.current?.querySelector<HTMLElement>(`#menu-${k} [role=menuitem]`)?.focus();
    } else if (e.key === 'Escape') setOpen(null);
    else return;
    e.preventDefault();
  };

  const onItemKey = (e: KeyboardEvent, items: MenuItem[], k: number, top: number) => {
    const list = e.currentTarget.closest('[role=menu]')!.querySelectorAll<HTMLElement>(':scope > li > [role=menuitem]');
    if (e.key === 'ArrowDown') list[(k + 1) % list.length]?.focus();
    else if (e.key === 'ArrowUp') list[(k - 1 + list.length) % list.length]?.focus();
    else if (e.key === 'ArrowRight' && items[k].items) {
      flushSync(() => setSub(k));
      bar.current?.querySelector<HTMLElement>(`#submenu-${top}-${k} [role=menuitem]`)?.focus();
    } else if (e.key === 'Escape' || e.key === 'ArrowLeft') {
      if (sub !== null && e.currentTarget.closest('[data-sub]')) setSub(null);
      else {
        setOpen(null);
        focusTop(top);
      }
    } else if (e.key === 'Enter' || e.key === ' ') activate(items[k]);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const renderItems = (items: MenuItem[], top: number, id: string, nested = false) => (
    <ul id={id} role="menu" data-sub={nested || undefined} className="window absolute z-40 min-w-48 py-1 shadow-lg" style={nested ? { left: '100%', top: 0 } : { top: '100%', left: 0 }}>
      {items.map((item, k) => (
        <li key={item.label} role="none" className="relative">
          {item.href && !item.disabled ? (
            <Link
              role="menuitem"
              href={item.href}
              tabIndex={-1}
              onKeyDown={(e) => onItemKey(e, items, k, top)}
              className="block px-5 py-1 whitespace-nowrap hover:bg-select hover:text-white focus:bg-select focus:text-white focus:outline-none"
            >
              {item.label}
            </Link>
          ) : (
            <span
              role="menuitem"
              tabIndex={-1}
              aria-disabled={item.disabled || undefined}
              aria-haspopup={item.items ? 'menu' : undefined}
              aria-expanded={item.items ? sub === k : undefined}
              aria-keyshortcuts={item.shortcut?.replace('Del', 'Delete')}
              title={item.why}
              onKeyDown={(e) => onItemKey(e, items, k, top)}
              onMouseEnter={() => item.items && setSub(k)}
              onClick={() => (item.items ? setSub(k) : activate(item))}
              className={`flex cursor-default gap-6 px-5 py-1 whitespace-nowrap focus:outline-none ${item.disabled ? 'text-ink-muted' : 'hover:bg-select hover:text-white focus:bg-select focus:text-white'}`}
            >
              <span className="flex-1">{item.label}</span>
              {item.shortcut ? <span aria-hidden="true">{item.shortcut}</span> : null}
              {item.items ? <span aria-hidden="true"> ▸</span> : null}
            </span>
          )}
          {item.items && sub === k ? renderItems(item.items, top, `submenu-${top}-${k}`, true) : null}
        </li>
      ))}
    </ul>
  );

  return (
    <nav aria-label="Menu" className="border-b border-chrome-shadow/50 px-1">
      <ul ref={bar} role="menubar" aria-label="Main menu" className="flex text-[13px]">
        {menus.map((m, k) => (
          <li key={m.label} role="none" className="relative">
            <span
              role="menuitem"
              tabIndex={k === 0 ? 0 : -1}
              aria-haspopup="menu"
              aria-expanded={open === k}
              onKeyDown={(e) => onTopKey(e, k)}
              onClick={() => setOpen(open === k ? null : k)}
              className={`block cursor-default px-2.5 py-0.5 focus:outline-dotted ${open === k ? 'bg-select text-white' : ''}`}
            >
              {m.label}
            </span>
            {open === k && m.items ? renderItems(m.items, k, `menu-${k}`) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}
