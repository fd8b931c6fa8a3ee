'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { SelectionProvider } from '@/components/console/selection';
import { ToastProvider } from '@/components/console/toasts';
import { ConsoleActionsProvider, type ConsoleActions } from '@/components/console/console-actions';

/**
 * Client-side providers shared by every page: one React Query client per browser tab, the toasts
 * the console's selected object (read by File ▸ Properties and Edit ▸ Delete) and the server
 * actions shared components call (handed in by the root layout).
 */
export function Providers({ actions, children }: { actions: ConsoleActions; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConsoleActionsProvider actions={actions}>
        <ToastProvider>
          <SelectionProvider>{children}</SelectionProvider>
        </ToastProvider>
      </ConsoleActionsProvider>
    </QueryClientProvider>
  );
}
