/**
 * The outcome of a run as the Event Viewer draws types: a green tick, a yellow warning, a red
 * cross — a static image (public/icons), as the Event Viewer's, not inline SVG repeated on every row.
 */
export function OutcomeIcon({ outcome }: { outcome: 'OK' | 'Warning' | 'Error' }) {
  // eslint-disable-next-line @next/next/no-img-element -- a 16-pixel static icon: nothing to optimize
  return <img src={`/icons/outcome-${outcome.toLowerCase()}.svg`} alt="" width={16} height={16} className="size-4 shrink-0" />;
}
