import { ChildWindow } from '@/components/console/child-window';

/** Shown in the view pane while a view reads the directory; the frame and tree stay put. */
export default function Loading() {
  return (
    <ChildWindow title="Microsoft Exchange Administrator">
      <div role="status" aria-live="polite" className="bevel-sunken flex-1 bg-white p-3">
        <span className="sr-only">Reading the directory…</span>
        <div aria-hidden="true" className="space-y-2">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="h-6 animate-pulse bg-chrome-light" style={{ opacity: 1 - i * 0.2 }} />
          ))}
        </div>
      </div>
    </ChildWindow>
  );
}
