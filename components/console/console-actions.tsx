'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { SafeAction, SheetApplyResult, SheetItem } from '@/lib/actions/safe-action';

/**
 * The server actions that shared components call wherever they are shown — a property sheet's
 * Apply, Edit ▸ Delete. The root layout hands them in (app/layout.tsx), so no component imports
 * from a route folder (docs/console.md, "Where components live").
 */
export interface ConsoleActions {
  applySheet: (input: { items?: SheetItem[] }) => Promise<SheetApplyResult>;
  deleteObject: SafeAction<unknown>;
}

const ConsoleActionsContext = createContext<ConsoleActions | null>(null);

export function ConsoleActionsProvider({ actions, children }: { actions: ConsoleActions; children: ReactNode }) {
  return <ConsoleActionsContext.Provider value={actions}>{children}</ConsoleActionsContext.Provider>;
}

export function useConsoleActions(): ConsoleActions {
  const actions = useContext(ConsoleActionsContext);
  if (!actions) throw new Error('useConsoleActions: render inside Providers (app/layout.tsx), which hands the actions in');
  return actions;
}
