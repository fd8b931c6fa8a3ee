import { describe, expect, it } from 'vitest';
import { loadSampleNetwork } from '@/db/seed';
import { formatEventLine, formatEventsCsv, queryEvents } from '@/lib/exchange/events/query-events';
import { filterErrors, hrefOf, parseEventLocation, searchParamsOf, VIEW_TYPES } from '@/lib/queries/event-search';
import { eventDetail, eventListPage, eventsCsv, eventsText, getEventViewer } from '@/lib/queries/event-viewer';
import { getPostofficeLogs, logFileOf, logFilterOf, poFromSegment } from '@/lib/queries/postoffice-logs';
import { ok, tempDb } from './helpers';

/** The sample network after a manual EXCH01 T1 and a PC MTA pass with logging at Maximum: 4395/4355 pairs. */
function sampleWithEvents(label: string) {
  const { db, file } = tempDb(label);
  loadSampleNetwork(db);
  ok(file, 'exchange logging EXCH01 MSExchangePCMTA * maximum');
  ok(file, 'service restart EXCH01 "Microsoft PC MTA"');
  ok(file, 'service pause EXCH01 MSExchangeDX');
  ok(file, 'dispatch --until +10m');
  return { db, file };
}

describe('Event Viewer location in the URL', () => {
  it('round-trips a filter, its page trail, the open event and a dialog', () => {
    const at = parseEventLocation(
      new URLSearchParams('from=1994-02-26T08:00&through=1994-02-26T09:00&types=information,Error&source=Microsoft PC MTA&id=4355&find=MONT&pages=1-2,3-4&event=7&dialog=filter&limit=5'),
    );
    expect(at.search).toEqual({
      from: '1994-02-26T08:00',
      through: '1994-02-26T09:00',
      types: ['Information', 'Error'],
      source: 'Microsoft PC MTA',
      category: undefined,
      eventId: '4355',
      user: undefined,
      computer: undefined,
      find: 'MONT',
    });
    expect(at).toMatchObject({ limit: 5, pages: ['1-2', '3-4'], event: 7, dialog: 'filter' });
    const q = searchParamsOf(at.search, { limit: at.limit, pages: at.pages, event: at.event, dialog: at.dialog });
    expect(parseEventLocation(q)).toEqual(at);
    expect(hrefOf('/x', searchParamsOf({ types: [...VIEW_TYPES] }))).toBe('/x');
  });

  it('ignores malformed cursors, dialogs and page sizes; reports bad filter values by field', () => {
    const at = parseEventLocation({ pages: 'x,12-3', dialog: 'nope', limit: '0', event: 'abc' });
    expect(at).toMatchObject({ pages: ['12-3'], dialog: undefined, limit: 50, event: undefined });
    expect(filterErrors({ types: [], eventId: '70000', from: '1994-02-30T10:00' })).toEqual({
      types: 'Check at least one of Information, Warning and Error',
      eventId: 'Event ID must be a whole number from 0 to 65535',
      from: 'View From must be a date and time, e.g. 1994-02-26 13:45',
    });
    expect(filterErrors({ types: ['Error'], from: '1994-02-26T10:00', through: '1994-02-26T09:00' }).through).toMatch(/before View From/);
  });
});

describe('Event Viewer read model', () => {
  it('lists the PC MTA events newest first, filters, finds and opens one', () => {
    const { db } = sampleWithEvents('viewer-list');
    const all = eventListPage(db, 'exch01', { types: [...VIEW_TYPES] }, 50);
    expect(all.rows.length).toBeGreaterThanOrEqual(4);
    expect(all.rows.map((r) => r.id)).toEqual([...all.rows.map((r) => r.id)].sort((a, b) => b - a));
    const moved = eventListPage(db, 'EXCH01', { types: [...VIEW_TYPES], eventId: '4355' }, 50);
    expect(moved.rows.length).toBeGreaterThan(0);
    expect(moved.rows.every((r) => r.eventId === 4355 && r.category === 'Moved In' && r.source === 'Microsoft PC MTA' && r.type === 'Information')).toBe(true);
    expect(eventListPage(db, 'EXCH01', { types: ['Warning', 'Error'] }, 50).rows.filter((r) => r.type === 'Information')).toEqual([]);
    expect(eventListPage(db, 'EXCH01', { types: [...VIEW_TYPES], computer: 'OTHER' }, 50).rows).toEqual([]);
    expect(eventListPage(db, 'EXCH01', { types: [...VIEW_TYPES], computer: 'exch01' }, 50).rows.length).toBe(all.rows.length);
    const found = eventListPage(db, 'EXCH01', { types: [...VIEW_TYPES], find: 'Mail sent from' }, 50);
    expect(found.rows.length).toBeGreaterThan(0);
    expect(found.rows.every((r) => r.eventId === 4395)).toBe(true);

    const detail = eventDetail(db, 'EXCH01', moved.rows[0].id)!;
    expect(detail.description).toMatch(/^Mail received on \\\\FS-MONTGOMERY\\MAILDATA\nFROM: POLYNOMIAL\/HQ\/SYSTEM1\nTO: POLYNOMIAL\/MONTGOMERY\/\$SYSTEM/);
    expect(eventDetail(db, 'EXCH01', 999_999)).toBeNull();

    const view = getEventViewer(db, 'exch01', parseEventLocation({ id: '4355', event: String(detail.id) }));
    expect(view).toMatchObject({ server: 'EXCH01', filtered: true, pageNumber: 1, errors: [] });
    expect(view.detail?.id).toBe(detail.id);
    expect(view.sources).toContain('Microsoft PC MTA');
    expect(view.settings).toMatchObject({ maxKb: 512, overwrite: 'as_needed', events: all.rows.length });
    expect(getEventViewer(db, 'EXCH01', parseEventLocation({ id: 'x' })).errors).toEqual(['Event ID must be a whole number from 0 to 65535']);
  });

  it('pages through the cursor without gaps or repeats, also with two types merged', () => {
    const { db } = sampleWithEvents('viewer-pages');
    const search = { types: [...VIEW_TYPES] };
    const everything = eventListPage(db, 'EXCH01', search, 1000).rows.map((r) => r.id);
    const seen: number[] = [];
    let before: string | undefined;
    for (;;) {
      const page = eventListPage(db, 'EXCH01', search, 3, before);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(everything);
    const two = { types: ['Information' as const, 'Warning' as const] };
    const merged: number[] = [];
    before = undefined;
    for (;;) {
      const page = eventListPage(db, 'EXCH01', two, 2, before);
      merged.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(merged).toEqual(eventListPage(db, 'EXCH01', two, 1000).rows.map((r) => r.id));
  });

  it('exports exactly the filtered events, every page, as CSV and as NT text', () => {
    const { db } = sampleWithEvents('viewer-export');
    const search = { types: [...VIEW_TYPES], eventId: '4395' };
    const rows = queryEvents(db, { computer: 'EXCH01', eventId: 4395, limit: 1000 }).events;
    expect(rows.length).toBeGreaterThan(0);
    // A chunk of 1 event forces the export to follow the cursor.
    expect([...eventsCsv(db, 'EXCH01', search, 1)].join('')).toBe(formatEventsCsv(rows));
    expect([...eventsText(db, 'EXCH01', search, 1)].join('')).toBe(['Date Time Source Type Category Event User Computer Description', ...rows.map(formatEventLine)].map((l) => `${l}\r\n`).join(''));
    expect([...eventsCsv(db, 'EXCH01', { types: [...VIEW_TYPES], computer: 'NOPE' })].join('')).toBe(formatEventsCsv([]));
  });
});

describe('postoffice log files', () => {
  it('names postoffices and files as the tree and the CLI do', () => {
    expect(poFromSegment('polynomial~montgomery')).toEqual({ network: 'POLYNOMIAL', name: 'MONTGOMERY' });
    expect(poFromSegment('POLYNOMIAL%2FMONTGOMERY')).toEqual({ network: 'POLYNOMIAL', name: 'MONTGOMERY' });
    expect(poFromSegment('nope')).toBeNull();
    expect(['dispatch', 'CENTRAL.LOG', undefined, 'x'].map(logFileOf)).toEqual(['DISPATCH', 'CENTRAL', 'DIRSYNC', 'DIRSYNC']);
  });

  it('shows DIRSYNC.LOG newest first, a page at a time, as `dirsync log` prints it', () => {
    const { db, file } = tempDb('viewer-logs');
    loadSampleNetwork(db);
    for (const po of ['POLYNOMIAL/NOVEMBER', 'POLYNOMIAL/OCTOBER']) ok(file, `reqmain -t -d${po}`);
    ok(file, 'external -0');
    ok(file, 'srvmain -r -dPOLYNOMIAL/MONTGOMERY');
    ok(file, 'srvmain -t -dPOLYNOMIAL/MONTGOMERY');
    const printed = ok(file, 'log -dPOLYNOMIAL/MONTGOMERY dirsync').split('\n');
    expect(printed.length).toBeGreaterThan(2);
    expect(getPostofficeLogs(db, 'POLYNOMIAL~NOPE', 'DIRSYNC')).toBeNull();
    // A row's fields as the file's line holds them (formatLogLine).
    const asLine = (r: { date: string; time: string; severity: string; number: number; text: string }) => `${r.date} ${r.time} ${r.severity} [${r.number}] ${r.text}`;
    const lines: string[] = [];
    let before: number | undefined;
    for (let k = 0; k < 100; k++) {
      const view = getPostofficeLogs(db, 'POLYNOMIAL~MONTGOMERY', 'DIRSYNC', before, 2)!;
      expect(view.rows.length).toBeLessThanOrEqual(2);
      lines.push(...view.rows.map(asLine));
      if (view.next === null) break;
      before = view.next;
    }
    expect(lines).toEqual([...printed].reverse());
    const first = getPostofficeLogs(db, 'POLYNOMIAL~MONTGOMERY', 'DIRSYNC')!;
    expect(first.postoffice).toBe('POLYNOMIAL/MONTGOMERY');
    expect(first.files.find((f) => f.file === 'DIRSYNC')?.lines).toBe(printed.length);

    // Filter and Find: each part narrows; the pages follow the filtered lines.
    const status = printed.filter((l) => / Status /.test(l));
    const filtered = getPostofficeLogs(db, 'POLYNOMIAL~MONTGOMERY', 'DIRSYNC', undefined, 50, logFilterOf({ severity: 'status' }))!;
    expect(filtered.rows.map(asLine)).toEqual([...status].reverse().slice(0, 50));
    const word = /\[\d+\] (\S+)/.exec(printed[0])![1];
    const found = getPostofficeLogs(db, 'POLYNOMIAL~MONTGOMERY', 'DIRSYNC', undefined, 50, logFilterOf({ find: word.toLowerCase() }))!;
    expect(found.rows.length).toBe(printed.filter((l) => l.slice(l.indexOf(']') + 2).toLowerCase().includes(word.toLowerCase())).length);
    expect(getPostofficeLogs(db, 'POLYNOMIAL~MONTGOMERY', 'DIRSYNC', undefined, 50, logFilterOf({ find: '%' }))!.rows).toEqual([]);
    expect(logFilterOf({ severity: 'nonsense', number: 'x', find: '  ' })).toEqual({ severity: undefined, number: undefined, find: undefined });
  });
});
