import { describe, expect, it } from 'vitest';
import { createExchangeServer } from '@/lib/exchange/servers/create-exchange-server';
import { addRecipient } from '@/lib/exchange/recipients/add-recipient';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { getRecipientsView, PAGE_SIZE, recipientPageSql } from '@/lib/queries/recipients-view';
import { tempDb } from './helpers';

describe('a recipients container as the Administrator lists it', () => {
  it('pages by display name (then alias), counts its recipients and the hidden ones, from its indexes', () => {
    const { db } = tempDb('recipients-view');
    createExchangeServer(db, { organization: 'ORG', site: 'HQ', server: 'EXCH01', version: '5.5 SP3' });
    const n = PAGE_SIZE + 7;
    // Names out of alias order, some equal (the alias breaks the tie), every tenth hidden.
    for (let k = 0; k < n; k++) {
      addRecipient(db, 'EXCH01', { container: 'Recipients', alias: `U${String(k).padStart(3, '0')}`, displayName: `${['smith', 'Jones', 'brown'][k % 3]} ${k % 20}`, hidden: k % 10 === 0 });
    }
    const server = resolveServer(db, 'EXCH01');
    const first = getRecipientsView(db, server, 'Recipients', { sort: 'displayName', dir: 'asc', page: 1 })!;
    const second = getRecipientsView(db, server, 'Recipients', { sort: 'displayName', dir: 'asc', page: 2 })!;
    expect(first.total).toBe(n);
    expect(first.hiddenCount).toBe(Math.ceil(n / 10));
    expect(first.pages).toBe(2);
    const listed = [...first.rows, ...second.rows];
    expect(listed.map((r) => r.alias).sort()).toEqual(Array.from({ length: n }, (_, k) => `U${String(k).padStart(3, '0')}`));
    const key = (r: { displayName: string; alias: string }) => [r.displayName.toLowerCase(), r.alias.toLowerCase()];
    const sorted = [...listed].sort((a, b) => (key(a)[0] < key(b)[0] ? -1 : key(a)[0] > key(b)[0] ? 1 : key(a)[1] < key(b)[1] ? -1 : 1));
    expect(listed).toEqual(sorted);
    // The page the view reads is read in index order, not sorted after reading the container.
    const plan = db.$client
      .prepare(`explain query plan ${recipientPageSql('displayName', 'asc')}`)
      .all(1, PAGE_SIZE, 0)
      .map((r) => (r as { detail: string }).detail)
      .join(' ');
    expect(plan).toContain('recipient_by_name');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
