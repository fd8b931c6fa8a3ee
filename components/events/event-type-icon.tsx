/**
 * The Event Viewer's type icons, as NT 4 drew them: a blue "i" for Information, a yellow "!" for
 * Warning, a red stop sign for Error. Each is an image named by its type. The MS Mail log files'
 * severities draw the same way: Status as Information, Fatal as Error.
 */
export function EventTypeIcon({ type, className = 'size-4 shrink-0' }: { type: string; className?: string }) {
  const common = { viewBox: '0 0 16 16', className, role: 'img', 'aria-label': type, focusable: 'false' as const };
  if (type === 'Error' || type === 'Fatal') {
    return (
      <svg {...common}>
        <title>{type}</title>
        <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" fill="#c62828" stroke="#6d1010" />
        <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  }
  if (type === 'Warning') {
    return (
      <svg {...common}>
        <title>{type}</title>
        <path d="M8 1.2l7 13.3H1z" fill="#f5c518" stroke="#7a5d00" strokeLinejoin="round" />
        <path d="M8 5.6v4.6" stroke="#1b1b1b" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="8" cy="12.4" r="1" fill="#1b1b1b" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <title>{type}</title>
      <circle cx="8" cy="8" r="7" fill="#1f5fbf" stroke="#0d2f66" />
      <circle cx="8" cy="4.6" r="1.1" fill="#fff" />
      <path d="M8 7v5" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
