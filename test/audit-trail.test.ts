import { describe, expect, it } from 'vitest';
import { auditChanges, auditPage, recordAudit } from '@/lib/auth/audit';
import { tempDb } from './helpers';

describe('the audit trail: changes as field: before → after, filtered and paged on the server', () => {
  it('shows an object change field by field, leaving unchanged fields out', () => {
    expect(auditChanges('{"poll":5,"name":"Microsoft PC MTA","services":["POLY/NOV"]}', '{"poll":1,"name":"Microsoft PC MTA","services":["POLY/NOV","POLY/OCT"]}')).toEqual([
      { field: 'poll', before: '5', after: '1' },
      { field: 'services', before: 'POLY/NOV', after: 'POLY/NOV, POLY/OCT' },
    ]);
    expect(auditChanges(null, '1')).toEqual([{ field: 'value', before: '(none)', after: '1' }]);
    expect(auditChanges('{"speed":0}', null)).toEqual([{ field: 'speed', before: '0', after: '(none)' }]);
    expect(auditChanges('"x"', '"x"')).toEqual([]);
  });

  it('filters by who, what, object and time, and pages both ways by id', () => {
    const { db } = tempDb('audit');
    for (let i = 1; i <= 25; i++) {
      recordAudit(db, { accountName: i % 2 ? 'admin' : 'pat', action: i % 5 ? 'Services: control' : 'Registry: set value', object: `EXCH0${i % 3}`, after: { i } }, i * 1000);
    }
    const first = auditPage(db, { limit: 10 });
    expect(first.rows.map((r) => r.at / 1000)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(first).toMatchObject({ newer: false, older: true });
    const second = auditPage(db, { limit: 10, beforeId: first.rows.at(-1)!.id });
    expect(second.rows[0].at).toBe(15_000);
    expect(second).toMatchObject({ newer: true, older: true });
    const back = auditPage(db, { limit: 10, afterId: second.rows[0].id });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));

    const who = auditPage(db, { filter: { who: 'PAT' } }).rows;
    expect(who.length).toBe(12);
    expect(who.every((r) => r.accountName === 'pat')).toBe(true);
    expect(auditPage(db, { filter: { what: 'registry' } }).rows.map((r) => r.at / 1000)).toEqual([25, 20, 15, 10, 5]);
    expect(auditPage(db, { filter: { object: 'EXCH00', since: 10_000, until: 20_000 } }).rows.map((r) => r.at / 1000)).toEqual([18, 15, 12]);
    // LIKE's wildcards are taken literally.
    expect(auditPage(db, { filter: { what: '%' } }).rows).toEqual([]);
  });
});
