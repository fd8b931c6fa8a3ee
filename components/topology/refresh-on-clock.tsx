'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { ClockView } from '@/lib/queries/clock-view';

/**
 * Keeps a server-rendered view live while the simulation clock moves: the status bar's clock
 * (components/console/clock.tsx) polls `/clock` and, while it runs, ticks it; whenever the time it
 * holds differs from the time this page was rendered at, the page is rendered again. Whoever moves
 * the clock — this console, another one, the command line — the view follows.
 */
export function RefreshOnClock({ renderedAt }: { renderedAt: number }) {
  const client = useQueryClient();
  const router = useRouter();
  // The time last asked for, so one change asks for one render while that render is on its way.
  const asked = useRef(renderedAt);
  useEffect(() => {
    asked.current = renderedAt;
    const check = () => {
      const clock = client.getQueryData<ClockView>(['clock']);
      if (!clock || clock.now === renderedAt || clock.now === asked.current) return;
      asked.current = clock.now;
      router.refresh();
    };
    check();
    return client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.query.queryKey[0] === 'clock') check();
    });
  }, [renderedAt, client, router]);
  return null;
}
