import Link from '@/components/ui/link';
import type { HealthReport } from '@/lib/health/types';
import { healthSummary } from '@/lib/health/check-health';

/** The status bar's Health pane: OK, or the number of errors and warnings, a click from the Health page. */
export function HealthStatus({ counts }: { counts: HealthReport['counts'] }) {
  const text = healthSummary(counts);
  const tone = counts.error ? 'text-red-800' : counts.warning ? 'text-amber-800' : 'text-green-900';
  return (
    <Link href="/health" className={`font-semibold underline-offset-2 hover:underline ${tone}`} aria-label={`Health: ${text}`}>
      <span aria-hidden="true">{counts.error ? '✖' : counts.warning ? '▲' : '✔'} </span>Health: {text}
    </Link>
  );
}
