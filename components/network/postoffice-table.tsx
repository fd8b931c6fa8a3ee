'use client';

import Link from '@/components/ui/link';
import type { PostofficeOverview } from '@/lib/queries/network-overview';
import { ExchangeIcon, PostofficeIcon, ServerIcon } from '@/components/ui/icons';
import { describeDeletable, useListSelection } from '@/components/console/selection';
import { routes } from '@/lib/console/routes';

const th = 'bg-chrome bevel-raised px-1.5 lg:px-2.5 py-1 text-left align-bottom text-[12px] font-normal whitespace-nowrap text-ink';
const num = 'px-1.5 lg:px-2.5 py-1.5 text-right tabular-nums whitespace-nowrap';

const poHref = (po: PostofficeOverview) => (po.kind === 'msmail' ? routes.postoffice(po.address) : undefined);

/**
 * The postoffices of the network as the Administrator's list view: one row each, a grid with one
 * selected row (arrow keys, Home/End; Enter or double-click opens an MS Mail postoffice's page).
 * Edit ▸ Delete (Del) deletes an MS Mail postoffice after the Yes/No confirmation; a connector
 * postoffice goes with its Exchange server.
 */
export function PostofficeTable({ postoffices, canDelete = false }: { postoffices: PostofficeOverview[]; canDelete?: boolean }) {
  const { rowProps, focusProps } = useListSelection({
    items: postoffices,
    keyOf: (po) => po.address,
    describe: (po) => ({
      kind: po.kind === 'msmail' ? 'MS Mail postoffice' : 'Exchange connector postoffice',
      name: po.address,
      href: poHref(po),
      ...describeDeletable(
        canDelete,
        po.kind === 'msmail' ? { kind: 'postoffice', postoffice: po.address } : undefined,
        `${po.address} is the postoffice of an Exchange server's MS Mail Connector: it goes with the server (select the server in the tree, then Edit ▸ Delete)`,
      ),
    }),
  });
  return (
    <div
      role="region"
      aria-labelledby="postoffices-caption"
      tabIndex={0}
      data-contents-list
      className="bevel-sunken min-h-0 flex-1 overflow-auto bg-white p-[2px]"
    >
      <table role="grid" aria-labelledby="postoffices-caption" className="w-full min-w-[600px] border-separate border-spacing-0 text-[12px] lg:text-[13px]">
        <caption id="postoffices-caption" className="px-2.5 pt-2 pb-2.5 text-left">
          {/* Sticky, so the caption stays in view while a narrow screen scrolls the columns. */}
          <span className="sticky left-2.5 inline-block max-w-[calc(100vw-2.5rem)]">
            <span className="block text-[14px] font-semibold text-ink">MS Mail postoffices</span>
            <span className="block text-[12px] text-ink-muted">
              Dirsync role, sync numbers, queued dirsync messages and GAL size of every postoffice.
            </span>
          </span>
        </caption>
        <colgroup>
          <col />
          <col />
          <col />
          <col span={2} />
        </colgroup>
        <colgroup span={3} />
        <colgroup>
          <col />
          <col />
        </colgroup>
        <thead className="sticky top-0 z-10">
          <tr>
            <th scope="col" rowSpan={2} className={`${th} sticky left-0 z-20 lg:min-w-56`}>
              Postoffice
            </th>
            {/* Below lg, Drive and Local mailboxes give way (the postoffice's page shows both), never ReqSync and SrvSync. */}
            <th scope="col" rowSpan={2} className={`${th} max-lg:hidden`}>
              Drive
            </th>
            <th scope="col" rowSpan={2} className={`${th} max-lg:w-32 lg:min-w-52`}>
              Role
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right`}>
              ReqSync
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right`}>
              SrvSync
            </th>
            <th scope="colgroup" colSpan={3} className={`${th} text-center`}>
              Queued messages
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right`}>
              GAL size
            </th>
            <th scope="col" rowSpan={2} className={`${th} text-right max-lg:hidden`}>
              Local mailboxes
            </th>
          </tr>
          <tr>
            <th scope="col" className={`${th} text-right`}>
              P1
            </th>
            <th scope="col" className={`${th} text-right`}>
              Outbound
            </th>
            <th scope="col" className={`${th} text-right`}>
              Mailbag
            </th>
          </tr>
        </thead>
        <tbody>
          {postoffices.map((po, k) => (
            <PostofficeRow key={po.id} po={po} row={rowProps(k)} focus={focusProps(k)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = ReturnType<ReturnType<typeof useListSelection<PostofficeOverview>>['rowProps']>;
type FocusProps = ReturnType<ReturnType<typeof useListSelection<PostofficeOverview>>['focusProps']>;

function PostofficeRow({ po, row, focus }: { po: PostofficeOverview; row: RowProps; focus: FocusProps }) {
  const cell = 'border-b border-[#ecebe6] group-hover:bg-[#eef3fb] group-aria-selected:bg-[#d6e0f5]';
  const href = poHref(po);
  const label = 'font-medium outline-none focus-visible:outline-dotted focus-visible:outline-1';
  return (
    <tr className="group cursor-default" {...row}>
      {/* The first column stays put while narrow screens scroll the numbers sideways. */}
      <th
        scope="row"
        className={`${cell} sticky left-0 z-[1] bg-white px-1.5 py-1.5 lg:px-2.5 text-left font-normal whitespace-nowrap max-sm:shadow-[1px_0_0_#d4d0c8]`}
      >
        <span className="flex items-center gap-2">
          {po.kind === 'connector' ? <ExchangeIcon /> : <PostofficeIcon />}
          {href ? (
            <Link href={href} {...focus} className={`${label} underline-offset-2 hover:underline`}>
              {po.address}
            </Link>
          ) : (
            <span {...focus} className={label}>
              {po.address}
            </span>
          )}
          {po.kind === 'connector' && <span className="text-[11px] text-ink-muted max-lg:sr-only">Exchange connector</span>}
        </span>
      </th>
      <td className={`${cell} px-2.5 py-1.5 font-medium max-lg:hidden`}>{po.drive ? `${po.drive}:` : '—'}</td>
      <td className={`${cell} px-1.5 py-1.5 lg:px-2.5`}>
        <Role role={po.role} />
      </td>
      <td className={`${cell} ${num}`}>{po.reqSync ?? '—'}</td>
      <td className={`${cell} ${num}`}>{po.srvSync ?? '—'}</td>
      <Count className={cell} n={po.queued.p1} />
      <Count className={cell} n={po.queued.outbound} />
      <Count className={cell} n={po.queued.mailbag} />
      <td className={`${cell} ${num} font-semibold`}>{po.galCount}</td>
      <td className={`${cell} ${num} max-lg:hidden`}>{po.mailboxes}</td>
    </tr>
  );
}

function Count({ n, className }: { n: number; className: string }) {
  return (
    <td className={`${className} ${num} ${n === 0 ? 'text-[#595959]' : 'font-semibold text-[#8a4b00]'}`}>{n}</td>
  );
}

function Role({ role }: { role: PostofficeOverview['role'] }) {
  if (role.kind === 'server') {
    return (
      <span className="flex flex-col items-start gap-0.5">
        <span className="chip bg-title text-white">
          <ServerIcon className="size-3.5" />
          {role.label}
        </span>
        <span className="text-[11px] text-ink-muted">
          Highest SrvSync {role.sync}, cycle {role.cycle}
        </span>
      </span>
    );
  }
  if (role.kind === 'requestor') {
    return <span className="chip bg-[#e4e8f0] text-[#1d2f55] max-lg:whitespace-normal">{role.label}</span>;
  }
  return <span className="text-ink-muted italic">{role.label}</span>;
}
