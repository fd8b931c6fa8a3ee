'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { WarningIcon } from '@/components/ui/icons';
import { useConsoleActions } from './console-actions';
import { useToast } from './toasts';

/** What Edit ▸ Delete sends to `deleteObjectAction` (app/(console)/delete-actions.ts). */
export type DeleteTarget =
  | { kind: 'recipient'; server: string; alias: string }
  | { kind: 'remote-requestor'; server: string; postoffice: string }
  | { kind: 'dirsync-server' | 'dirsync-requestor'; server: string }
  | { kind: 'postoffice'; postoffice: string }
  | { kind: 'exchange-server'; server: string }
  | { kind: 'mailbox'; postoffice: string; mailbox: string };

/** The object selected in the open contents list, as the menus need it. */
export interface SelectedObject {
  /** e.g. "Mailbox", "Remote Dirsync Requestor". */
  kind: string;
  name: string;
  /** Its property sheet (File ▸ Properties, Alt+Enter, Enter). */
  href?: string;
  /** Set when Edit ▸ Delete may delete it here. */
  deleteTarget?: DeleteTarget;
  /** Why Edit ▸ Delete is unavailable for it. */
  deleteWhy?: string;
  /** Where to go once it is deleted, when its own view is open (a postoffice, a server). */
  afterDelete?: string;
}

interface SelectionApi {
  selected: SelectedObject | null;
  select: (o: SelectedObject | null) => void;
  openProperties: () => void;
  /** Edit ▸ Delete: asks first, then deletes through the server action. `object` when it is not the list's selection (the open view's own object). */
  requestDelete: (object?: SelectedObject | null) => void;
}

const SelectionContext = createContext<SelectionApi>({ selected: null, select: () => {}, openProperties: () => {}, requestDelete: () => {} });
export const useSelection = () => useContext(SelectionContext);

/** Edit ▸ Delete's part of a SelectedObject: the target, or why there is none. */
export function describeDeletable(canDelete: boolean, target: DeleteTarget | undefined, cannot: string): Pick<SelectedObject, 'deleteTarget' | 'deleteWhy'> {
  if (!target) return { deleteWhy: cannot };
  if (!canDelete) return { deleteWhy: 'A View Only Admin cannot delete objects' };
  return { deleteTarget: target };
}

const inField = (t: EventTarget | null) => t instanceof HTMLElement && !!t.closest('input, textarea, select, [contenteditable=true]');

/**
 * The console frame's selection: the contents list of the open view reports its selected row
 * here, and File ▸ Properties (Alt+Enter) and Edit ▸ Delete (Del in the list) act on it. The
 * delete confirmation is the old program's Yes/No message box.
 */
export function SelectionProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const toast = useToast();
  const { deleteObject } = useConsoleActions();
  const [selected, setSelected] = useState<SelectedObject | null>(null);
  const [confirming, setConfirming] = useState<SelectedObject | null>(null);
  const [busy, setBusy] = useState(false);

  const select = useCallback((o: SelectedObject | null) => setSelected(o), []);
  const openProperties = useCallback(() => {
    if (selected?.href) router.push(selected.href);
  }, [selected, router]);
  const requestDelete = useCallback(
    (object?: SelectedObject | null) => {
      const o = object ?? selected;
      if (o?.deleteTarget) setConfirming(o);
      else if (o?.deleteWhy) toast(o.deleteWhy, { error: true });
    },
    [selected, toast],
  );

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      // Alt+Enter is File ▸ Properties, as in the old program.
      if (e.key === 'Enter' && e.altKey && !e.defaultPrevented && !inField(e.target) && selected?.href) {
        e.preventDefault();
        router.push(selected.href);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, router]);

  const close = () => {
    setConfirming(null);
    // Back to the list the object was selected in.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-contents-list] [tabindex="0"]')?.focus());
  };
  const confirm = async () => {
    const object = confirming;
    if (!object?.deleteTarget || busy) return;
    setBusy(true);
    try {
      const result = await deleteObject(object.deleteTarget);
      if (result.ok) {
        toast(`${object.name} was deleted`);
        setSelected(null);
        if (object.afterDelete) router.push(object.afterDelete);
      } else toast(result.error, { error: true });
    } finally {
      setBusy(false);
      close();
      router.refresh();
    }
  };

  const api = useMemo(() => ({ selected, select, openProperties, requestDelete }), [selected, select, openProperties, requestDelete]);
  return (
    <SelectionContext.Provider value={api}>
      {children}
      {confirming ? <ConfirmDelete object={confirming} busy={busy} onYes={confirm} onNo={close} /> : null}
    </SelectionContext.Provider>
  );
}

function ConfirmDelete({ object, busy, onYes, onNo }: { object: SelectedObject; busy: boolean; onYes: () => void; onNo: () => void }) {
  const id = useId();
  return (
    <DialogFrame title="Microsoft Exchange Administrator" role="alertdialog" width="max-w-sm" describedBy={`${id}-d`} onEscape={onNo}>
      <div id={`${id}-d`} className="flex gap-3 p-4">
        <WarningIcon />
        <div className="grid gap-1">
          <p>Are you sure you want to delete this object?</p>
          <p className="text-ink-muted">
            {object.kind}: {object.name}
          </p>
        </div>
      </div>
      <div className="flex justify-center gap-2 pb-4">
        <button type="button" className="button min-w-20" disabled={busy} onClick={onYes} data-autofocus>
          Yes
        </button>
        <button type="button" className="button min-w-20" disabled={busy} onClick={onNo}>
          No
        </button>
      </div>
    </DialogFrame>
  );
}

/**
 * One selected row in a contents list (WAI-ARIA grid): the row carries `aria-selected`, one
 * element per row takes part in a roving tab stop (`focusProps`, the name's link). Arrow keys,
 * Home/End move; Enter (or double-click) opens the property sheet; Alt+Enter too; Del is Edit ▸
 * Delete. The selection follows the object, not the position, so sorting keeps it and a deleted
 * or paged-away object leaves nothing selected.
 */
export function useListSelection<T>({ items, keyOf, describe }: { items: T[]; keyOf: (item: T) => string; describe: (item: T) => SelectedObject }) {
  const router = useRouter();
  const { select, requestDelete } = useSelection();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const refs = useRef<(HTMLElement | null)[]>([]);
  const index = selectedKey === null ? -1 : items.findIndex((i) => keyOf(i) === selectedKey);
  const object = index >= 0 ? describe(items[index]) : null;
  const objectKey = JSON.stringify(object);

  useEffect(() => {
    select(object);
    // objectKey stands for object: a new but equal object (every render makes one) must not re-render the frame.
  }, [objectKey, select]);
  useEffect(() => () => select(null), [select]);

  const move = (k: number) => {
    const item = items[Math.max(0, Math.min(k, items.length - 1))];
    if (!item) return;
    setSelectedKey(keyOf(item));
    refs.current[items.indexOf(item)]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, k: number) => {
    const href = describe(items[k]).href;
    if (e.key === 'ArrowDown') move(k + 1);
    else if (e.key === 'ArrowUp') move(k - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Delete') requestDelete();
    else if (e.key === 'Enter' && href && (e.altKey || !(e.currentTarget instanceof HTMLAnchorElement))) router.push(href);
    else return; // a plain Enter on a link follows it
    e.preventDefault();
    e.stopPropagation();
  };
  const tabStop = index >= 0 ? index : 0;
  return {
    index,
    rowProps: (k: number) => ({
      'aria-selected': k === index,
      onClick: () => setSelectedKey(keyOf(items[k])),
      onDoubleClick: () => {
        const href = describe(items[k]).href;
        if (href) router.push(href);
      },
    }),
    focusProps: (k: number) => ({
      ref: (el: HTMLElement | null) => {
        refs.current[k] = el;
      },
      tabIndex: k === tabStop ? 0 : -1,
      onFocus: () => setSelectedKey(keyOf(items[k])),
      onKeyDown: (e: KeyboardEvent) => onKeyDown(e, k),
    }),
  };
}
