import { ExchangeIcon } from '@/components/ui/icons';
import { StatusBar, StatusPane, Window } from '@/components/ui/window';

export default function Loading() {
  return (
    <Window
      title="Microsoft Exchange Administrator"
      icon={<ExchangeIcon />}
      statusBar={
        <StatusBar>
          <StatusPane grow>Reading the directory…</StatusPane>
        </StatusBar>
      }
    >
      <div role="status" aria-live="polite" className="bevel-sunken flex-1 bg-white p-3">
        <span className="sr-only">Loading…</span>
        <div aria-hidden="true" className="space-y-2">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="h-6 animate-pulse bg-chrome-light" style={{ opacity: 1 - i * 0.2 }} />
          ))}
        </div>
      </div>
    </Window>
  );
}
