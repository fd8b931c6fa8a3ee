'use client';

import { usePathname } from 'next/navigation';
import Link from '@/components/ui/link';
import { ChildWindow } from '@/components/console/child-window';
import { WarningIcon } from '@/components/ui/icons';

/**
 * A link to an object that is gone — deleted or renamed by another administrator, the command
 * line or a wizard since the page holding the link was drawn — or an address the console does not
 * have: said inside the frame, so the tree and the status bar stay and the way on is a click away.
 */
export default function ObjectNotFound() {
  const address = usePathname();
  return (
    <ChildWindow title="Not found">
      <title>Not found — Dirsync Console</title>
      <div className="flex gap-4 p-4">
        <WarningIcon className="size-8 shrink-0" />
        <div className="max-w-prose space-y-2">
          <p>
            Nothing in the directory answers to <code className="break-all">{address}</code>.
          </p>
          <p className="text-[12px] text-ink-muted">
            The object it names may have been deleted or renamed since the link was made — by another administrator, the command
            line or a wizard. The container tree shows what there is now.
          </p>
          <p>
            <Link className="underline" href="/">
              Network overview
            </Link>
          </p>
        </div>
      </div>
    </ChildWindow>
  );
}
