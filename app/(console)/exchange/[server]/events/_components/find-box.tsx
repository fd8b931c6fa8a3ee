'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { hrefOf, searchParamsOf, type EventSearch } from '@/lib/queries/event-search';

/** View ▸ Find…: the events whose description holds the text (kept in the URL with the filter). */
export function FindBox({ base, search, limit }: { base: string; search: EventSearch; limit: number }) {
  const router = useRouter();
  const [text, setText] = useState(search.find ?? '');
  const go = (find: string | undefined) => router.push(hrefOf(base, searchParamsOf({ ...search, find }, { limit })));
  return (
    <form
      role="search"
      aria-label="Find"
      className="flex min-w-0 items-center gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        go(text.trim() === '' ? undefined : text);
      }}
    >
      <label htmlFor="event-find" className="whitespace-nowrap">
        Description
      </label>
      <input id="event-find" type="search" className="field w-36 min-w-0 lg:w-44" value={text} onChange={(e) => setText(e.target.value)} placeholder="text in the description" />
      <button type="submit" className="button px-2.5">
        Find
      </button>
      {search.find !== undefined ? (
        <button
          type="button"
          className="button px-2.5"
          onClick={() => {
            setText('');
            go(undefined);
          }}
        >
          Clear Find
        </button>
      ) : null}
    </form>
  );
}
