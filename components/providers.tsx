'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { SelectionProvider } from '@/components/console/selection';
import { ToastProvider } from '@/components/console/toasts';

/**
 * Client-side providers shared by every page: one React Query client per browser tab, the toasts
 * and the console's selected object (read by File ▸ Properties and Edit ▸ Delete).
 */
export function Providers({ children }: { children: ReactNode }) {
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
      <ToastProvider>
        <SelectionProvider>{children}</SelectionProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
