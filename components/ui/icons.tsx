/** Small 16×16 pictograms in the spirit of the Exchange 5.5 Administrator's tree icons. */

export function PostofficeIcon({ className = 'size-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true" focusable="false">
      <rect x="1.5" y="4.5" width="13" height="9" fill="#fffbe6" stroke="#5b4a1e" />
      <path d="M1.5 4.5 8 9.5l6.5-5" fill="none" stroke="#5b4a1e" />
      <rect x="10" y="1.5" width="4" height="3" fill="#c0392b" stroke="#7b1d14" />
    </svg>
  );
}

export function ServerIcon({ className = 'size-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true" focusable="false">
      <rect x="3.5" y="1.5" width="9" height="13" fill="#d4d0c8" stroke="#404040" />
      <path d="M5 4.5h6M5 6.5h6" stroke="#404040" />
      <circle cx="10.5" cy="11.5" r="1" fill="#2e9e3e" />
    </svg>
  );
}

export function ExchangeIcon({ className = 'size-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.5" fill="#3a6ea5" stroke="#fff" />
      <path d="M4.5 8h7M8 4.5v7" stroke="#fff" strokeWidth="1.5" />
    </svg>
  );
}

export function WarningIcon({ className = 'size-8' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" fill="#c0392b" stroke="#7b1d14" />
      <path d="M10.5 10.5l11 11M21.5 10.5l-11 11" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
