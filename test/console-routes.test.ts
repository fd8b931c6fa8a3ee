import { describe, expect, it } from 'vitest';
import { poFromSegment, poSegment, routes } from '@/lib/console/routes';

describe('console URLs (lib/console/routes.ts)', () => {
  it('writes NET/PO as one path segment NET~PO, and reads it back in upper case', () => {
    expect(poSegment('CONTOSO/HQ')).toBe('CONTOSO~HQ');
    expect(poFromSegment('contoso~hq')).toBe('CONTOSO/HQ');
    expect(poFromSegment('CONTOSO%7EHQ')).toBe('CONTOSO/HQ');
    expect(poFromSegment(poSegment('NET1/PO 2'))).toBe('NET1/PO 2');
    expect(routes.postoffice('CONTOSO/HQ')).toBe('/msmail/CONTOSO~HQ');
    expect(routes.postofficeSchedule('CONTOSO/HQ')).toBe('/msmail/CONTOSO~HQ#panel-schedule');
  });

  it('builds the pages of an Exchange server, encoding every segment', () => {
    expect(routes.services('EXCH01')).toBe('/exchange/EXCH01/services');
    expect(routes.connector('EXCH01')).toBe('/exchange/EXCH01/connector/general');
    expect(routes.connector('EXCH01', 'connector-mtas')).toBe('/exchange/EXCH01/connector/connector-mtas');
    expect(routes.remoteRequestor('EXCH01', 'ADATUM/MAIN')).toBe('/exchange/EXCH01/remote-requestors/ADATUM~MAIN/general');
    expect(routes.recipients('EXCH01', 'Sales & Marketing')).toBe('/exchange/EXCH01/recipients/Sales%20%26%20Marketing');
    expect(routes.recipient('EXCH01', 'Recipients', 'A/B?', 'e-mail-addresses')).toBe('/exchange/EXCH01/recipients/Recipients/A%2FB%3F/e-mail-addresses');
  });

  it('builds the sign-in page with the view to come back to (the redirect and "Sign in again" alike)', () => {
    expect(routes.signIn()).toBe('/login');
    expect(routes.signIn('/msmail/CONTOSO~HQ?x=1&y=2')).toBe('/login?next=%2Fmsmail%2FCONTOSO%7EHQ%3Fx%3D1%26y%3D2');
  });

  it('builds the Resync Wizard URLs, with a pre-fill only when given', () => {
    expect(routes.newResyncWizard()).toBe('/wizards/resync/new');
    expect(routes.newResyncWizard({ dss: 'CONTOSO/HQ' })).toBe('/wizards/resync/new?dss=CONTOSO%2FHQ');
    expect(routes.newResyncWizard({ dss: 'A/B', requestor: 'C/D' })).toBe('/wizards/resync/new?dss=A%2FB&requestor=C%2FD');
    expect(routes.resyncWizard(7)).toBe('/wizards/resync/7');
    expect(routes.resyncWizard(7, 'finish')).toBe('/wizards/resync/7?page=finish');
    expect(routes.resyncWizardFile(7)).toBe('/wizards/resync/7/file');
  });
});
