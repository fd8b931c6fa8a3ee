import { describe, expect, it } from 'vitest';
import { ok, tempDbFile } from './helpers';

// A network can have more postoffices than there are drive letters (B1 has 50): past 26 a
// postoffice gets no drive and is named NET/PO on the command line.
describe('more postoffices than drive letters', () => {
  it('gives M…Z, A…L, then no drive; the 27th takes part in dirsync by name', () => {
    const file = tempDbFile('many');
    for (let k = 1; k <= 27; k++) ok(file, `po create NET/PO${k} --password SECRET`);
    const list = JSON.parse(ok(file, 'po list --json')) as { name: string; drive: string | null }[];
    expect(list.find((p) => p.name === 'NET/PO1')!.drive).toBe('M');
    expect(list.find((p) => p.name === 'NET/PO26')!.drive).toBe('L');
    expect(list.find((p) => p.name === 'NET/PO27')!.drive).toBeNull();
    expect(ok(file, 'po list')).toMatch(/\n- {6}NET\/PO27 /);

    ok(file, 'ds server -dNET/PO1 on');
    ok(file, 'ds requestor create -dM NET/PO27 --password P');
    ok(file, 'ds register -dNET/PO27 NET/PO1 --password P');
    ok(file, 'user add -dNET/PO27 ZED "Zed Zulu"');
    expect(ok(file, 'reqmain -t -dNET/PO27')).toContain('ReqTx R=1 (was 0), S=0, I=0 1 sent');
    // A letter range leaves it out; External over every postoffice carries its mail.
    expect(ok(file, 'external -0 -dMZ')).toBe('0 delivered, 0 queued');
    ok(file, 'external -0');
    ok(file, 'external -0');
    expect(ok(file, 'srvmain -r -dM')).toContain('NET/PO27: 1 of 1 updates accepted');
  });
});
