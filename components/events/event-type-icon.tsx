/**
 * The Event Viewer's type icons, as NT 4 drew them: a blue "i" for Information, a yellow "!" for
 * Warning, a red stop sign for Error. Each is an image named by its type. The MS Mail log files'
 * severities draw the same way: Status as Information, Fatal as Error.
 *
 * A plain image of a static file (public/icons), not inline SVG: a page of events draws one per
 * row, and five SVG elements a row were a fifth of what the server renders for the Event Viewer.
 */
export function EventTypeIcon({ type, className = 'size-4 shrink-0' }: { type: string; className?: string }) {
  const file = type === 'Error' || type === 'Fatal' ? 'error' : type === 'Warning' ? 'warning' : 'information';
  // eslint-disable-next-line @next/next/no-img-element -- a 16-pixel static icon: nothing to optimize
  return <img src={`/icons/event-${file}.svg`} alt={type} width={16} height={16} className={className} />;
}
