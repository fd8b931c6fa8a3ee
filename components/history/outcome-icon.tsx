/** The outcome of a run as the Event Viewer draws types: a green tick, a yellow warning, a red cross. */
export function OutcomeIcon({ outcome }: { outcome: 'OK' | 'Warning' | 'Error' }) {
  if (outcome === 'OK') {
    return (
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0">
        <circle cx="8" cy="8" r="7" fill="#1a7f37" />
        <path d="M4.5 8.2l2.3 2.3 4.7-4.9" stroke="#fff" strokeWidth="1.8" fill="none" />
      </svg>
    );
  }
  if (outcome === 'Warning') {
    return (
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0">
        <path d="M8 1.2l7 13H1z" fill="#f5c400" stroke="#7a5d00" strokeWidth="0.8" />
        <path d="M8 5.5v4.6M8 11.6v1.4" stroke="#000" strokeWidth="1.6" />
      </svg>
    );
  }
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0">
      <circle cx="8" cy="8" r="7" fill="#c42b1c" />
      <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="1.8" />
    </svg>
  );
}
