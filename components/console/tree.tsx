'use client';

import Link from '@/components/ui/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TreeNode {
  id: string;
  label: string;
  href?: string;
  icon?: ReactNode;
  children?: TreeNode[];
  /** A command offered on the node itself, e.g. New Postoffice… on MS Mail. */
  action?: { label: string; href: string };
}

/**
 * The container tree of the Administrator's left pane (WAI-ARIA tree): arrow keys move and
 * open/close, Enter opens the node's view, Home/End jump. The node whose view is open is selected.
 */
export function Tree({ nodes, label }: { nodes: TreeNode[]; label: string }) {
  const pathname = usePathname();
  const router = useRouter();
  const [closed, setClosed] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLElement>());

  const visible = useMemo(() => {
    const out: { node: TreeNode; level: number; parent: string | null }[] = [];
    const walk = (list: TreeNode[], level: number, parent: string | null) => {
      for (const node of list) {
        out.push({ node, level, parent });
        if (node.children?.length && !closed.has(node.id)) walk(node.children, level + 1, node.id);
      }
    };
    walk(nodes, 1, null);
    return out;
  }, [nodes, closed]);

  const selected = visible.find((v) => v.node.href && v.node.href === pathname)?.node.id ?? null;
  const active = focus ?? selected ?? visible[0]?.node.id;
  const move = (id: string | undefined) => {
    if (!id) return;
    setFocus(id);
    refs.current.get(id)?.focus();
  };
  const toggle = (id: string, open?: boolean) =>
    setClosed((c) => {
      const next = new Set(c);
      if (open ?? next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKey = (e: KeyboardEvent, k: number) => {
    const { node, parent } = visible[k];
    const hasChildren = !!node.children?.length;
    const isOpen = hasChildren && !closed.has(node.id);
    if (e.key === 'ArrowDown') move(visible[k + 1]?.node.id);
    else if (e.key === 'ArrowUp') move(visible[k - 1]?.node.id);
    else if (e.key === 'Home') move(visible[0]?.node.id);
    else if (e.key === 'End') move(visible[visible.length - 1]?.node.id);
    else if (e.key === 'ArrowRight') {
      if (hasChildren && !isOpen) toggle(node.id, true);
      else if (isOpen) move(visible[k + 1]?.node.id);
    } else if (e.key === 'ArrowLeft') {
      if (isOpen) toggle(node.id, false);
      else if (parent) move(parent);
    } else if (e.key === 'Enter' && node.href) router.push(node.href);
    else return;
    e.preventDefault();
  };

  const render = (list: TreeNode[], level: number): ReactNode =>
    list.map((node) => {
      const k = visible.findIndex((v) => v.node.id === node.id);
      const hasChildren = !!node.children?.length;
      const isOpen = hasChildren && !closed.has(node.id);
      const isSelected = node.id === selected;
      return (
        <li
          key={node.id}
          role="treeitem"
          aria-level={level}
          aria-expanded={hasChildren ? isOpen : undefined}
          aria-selected={isSelected}
          tabIndex={node.id === active ? 0 : -1}
          ref={(el) => {
            if (el) refs.current.set(node.id, el);
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            onKey(e, k);
          }}
          onFocus={(e) => e.target === e.currentTarget && setFocus(node.id)}
          className="outline-none [&:focus-visible>div]:outline-dotted [&:focus-visible>div]:outline-1"
        >
          <div className="flex items-center gap-1 py-px" style={{ paddingLeft: (level - 1) * 14 }}>
            {hasChildren ? (
              <button
                type="button"
                tabIndex={-1}
                aria-hidden="true"
                onClick={() => toggle(node.id)}
                className="grid size-3.5 shrink-0 place-items-center border border-chrome-shadow bg-white text-[10px] leading-none"
              >
                {isOpen ? '−' : '+'}
              </button>
            ) : (
              <span className="size-3.5 shrink-0" />
            )}
            {node.icon}
            {node.href ? (
              <Link
                href={node.href}
                tabIndex={-1}
                className={`truncate px-1 ${isSelected ? 'bg-select text-white' : 'hover:underline'}`}
              >
                {node.label}
              </Link>
            ) : (
              <span className="truncate px-1">{node.label}</span>
            )}
            {node.action ? (
              <Link href={node.action.href} className="ml-1 shrink-0 px-1 text-[12px] text-title underline hover:no-underline">
                {node.action.label}
              </Link>
            ) : null}
          </div>
          {hasChildren && isOpen ? <ul role="group">{render(node.children!, level + 1)}</ul> : null}
        </li>
      );
    });

  return (
    <ul role="tree" aria-label={label} className="min-w-max text-[13px]">
      {render(nodes, 1)}
    </ul>
  );
}

/**
 * The left pane holding the tree. Below the lg breakpoint (1024 px) the contents list needs the width, so
 * the tree folds away behind a "Containers" button (aria-expanded) and folds again once a
 * container is chosen; from lg up it is always shown beside the view.
 */
export function TreePane({ nodes, label }: { nodes: TreeNode[]; label: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const id = useId();
  useEffect(() => {
    setOpen(false);
  }, [pathname]);
  return (
    <div className="flex shrink-0 flex-col gap-1 lg:w-64 xl:w-72">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} className="button gap-1.5 self-start lg:hidden">
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        {label}
      </button>
      <nav id={id} aria-label={label} className={`bevel-sunken max-h-[50dvh] min-h-0 flex-1 overflow-auto bg-white p-1 lg:max-h-none ${open ? '' : 'max-lg:hidden'}`}>
        <Tree nodes={nodes} label={label} />
      </nav>
    </div>
  );
}
