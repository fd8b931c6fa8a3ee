import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The console's links: Next's Link without prefetching. Every console page is rendered on each
 * request (the engine, the CLI and the clock change the database underneath), so a prefetch is a
 * server render the user may never look at: Next prefetched every link in view — the tree, the
 * Event Viewer's rows — 25 to 47 renders, ~0.3–0.6 s of server CPU, for each page shown. A click
 * fetches the page it opens, as it did anyway.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
