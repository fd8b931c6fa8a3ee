import Link from '@/components/ui/link';

/** The Preview button of a requestor's page: its next cycle, computed without changing anything. */
export function PreviewLink({ requestor, className = 'button' }: { requestor: string; className?: string }) {
  return (
    <Link className={className} href={`/preview?${new URLSearchParams({ requestor })}`} prefetch={false}>
      Preview next cycle…
    </Link>
  );
}
