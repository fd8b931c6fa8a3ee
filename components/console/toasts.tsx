'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Toast {
  id: number;
  text: string;
  error?: boolean;
}

type Notify = (text: string, opts?: { error?: boolean }) => void;

const ToastContext = createContext<Notify>(() => {});

/** Show the result of an action in the console's toast region (no-op outside the provider). */
export const useToast = () => useContext(ToastContext);

/** How long a toast stays; errors stay until dismissed, so they can be read. */
const LIFETIME_MS = 5_000;

/**
 * The results of actions (saved sheets, service control, deletes, …) as toasts at the bottom
 * right. Fixed position, so nothing in the page moves. Two live regions exist from the start —
 * polite for results, assertive (role=alert) for failures — so screen readers announce the
 * first toast too. Each can be dismissed.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const notify = useCallback<Notify>((text, opts) => {
    const id = next.current++;
    // At most four at once: the oldest goes first.
    setToasts((t) => [...t.slice(-3), { id, text, error: opts?.error }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const shown = (error: boolean) =>
    toasts
      .filter((t) => !!t.error === error)
      .map((t) => <ToastItem key={t.id} toast={t} onDismiss={dismiss} />);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      {/* Above the console's status bar (clock, what waits for it, the account), never over it. */}
      <div className="pointer-events-none fixed right-3 bottom-32 z-[60] flex w-[min(24rem,calc(100vw-1rem))] flex-col gap-1.5">
        <div role="alert" aria-label="Errors" className="flex flex-col gap-1.5">
          {shown(true)}
        </div>
        <div role="status" aria-live="polite" aria-label="Notifications" className="flex flex-col gap-1.5">
          {shown(false)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [hover, setHover] = useState(false);
  useEffect(() => {
    if (toast.error || hover) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), LIFETIME_MS);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.error, hover, onDismiss]);
  return (
    <div
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
      className={`window pointer-events-auto flex items-center gap-2 py-1.5 pr-1.5 pl-2.5 text-[13px] shadow-lg ${toast.error ? 'border-l-4 border-l-red-700' : 'border-l-4 border-l-green-700'}`}
    >
      <p className="min-w-0 flex-1 break-words">{toast.text}</p>
      <button type="button" aria-label="Dismiss" onClick={() => onDismiss(toast.id)} className="bevel-raised grid size-6 shrink-0 place-items-center bg-chrome text-[14px] leading-none active:bevel-sunken">
        ×
      </button>
    </div>
  );
}
