import type { GalView } from '@/lib/queries/gal-view';
import { ColumnHeads } from '@/components/ui/column-heads';

/** The postoffice's GAL as REBUILD last made it: what directory synchronization has converged to here. */
export function GalList({ gal }: { gal: GalView }) {
  return (
    <div className="grid gap-1">
      <div role="region" aria-label="Global Address List entries" tabIndex={0} className="bevel-sunken max-h-56 overflow-auto bg-white">
        <table className="w-full text-left text-[12px]">
          <ColumnHeads columns={['Name', 'Address']} className="px-2 py-0.5" />
          <tbody>
            {gal.entries.length === 0 ? (
              <tr>
                <td colSpan={2} className="px-2 py-1 text-ink-muted">
                  Empty: the GAL is made by REBUILD (T3) after an import.
                </td>
              </tr>
            ) : null}
            {gal.entries.map((e) => (
              <tr key={e.address} className="border-t border-chrome-light">
                <td className="px-2 py-0.5">{e.fullName}</td>
                <td className="px-2 py-0.5 font-mono">{e.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {gal.count > gal.entries.length ? (
        <p className="text-[12px] text-ink-muted">
          The first {gal.entries.length} of {gal.count} names.
        </p>
      ) : null}
    </div>
  );
}
