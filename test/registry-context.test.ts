import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { registryContext, registryWarnings } from '@/lib/exchange/services/registry-context';
import { exchangeDssNetwork, exchangeRequestorNetwork, ok } from './helpers';

const ctx = (file: string, server = 'EXCH01') => {
  const db = openDatabase(file);
  try {
    return Object.fromEntries(registryContext(db, server).map((v) => [v.name, v]));
  } finally {
    db.$client.close();
  }
};

describe('registry context: what each DXA value does and whether this server reads it', () => {
  it('on a 5.5 SP3 dirsync server: reads ResyncConnectionRDNs and GlobalMaxSeqInResync, not PauseKicksDX; warns on a name matching no Remote Dirsync Requestor', () => {
    const file = exchangeDssNetwork('regctx-dss');
    ok(file, 'reg set EXCH01 ResyncConnectionRDNs POLY/NOV "NOWHERE Requestor"');
    const v = ctx(file);
    expect(v.ResyncConnectionRDNs.read).toBe(true);
    expect(v.ResyncConnectionRDNs.data).toEqual(['POLY/NOV', 'NOWHERE Requestor']);
    expect(v.ResyncConnectionRDNs.warnings).toEqual([
      '"NOWHERE Requestor" matches no Remote Dirsync Requestor of EXCH01 (by Display Name or NET/PO): the DXA will ignore it and write no RESYNC.GLB for it.',
    ]);
    expect(v.GlobalMaxSeqInResync.read).toBe(true);
    expect(v.GlobalMaxSeqInResync.data).toBeNull();
    expect(v.PauseKicksDX.read).toBe(false);
    expect(v.PauseKicksDX.readWhy).toMatch(/only Exchange 4\.0 needs this value/);
    // The CLI prints the same warning after setting it.
    expect(ok(file, 'reg set EXCH01 ResyncConnectionRDNs NOWHERE')).toContain('Warning: "NOWHERE" matches no Remote Dirsync Requestor of EXCH01');
  });

  it('on 5.5 (before SP3) GlobalMaxSeqInResync is not read; on 4.0 PauseKicksDX is, and a running DXA needs a restart to read a change', () => {
    const file = exchangeDssNetwork('regctx-ver');
    ok(file, 'exchange version EXCH01 5.5');
    ok(file, 'reg set EXCH01 GlobalMaxSeqInResync 1');
    expect(ctx(file).GlobalMaxSeqInResync.warnings).toEqual([
      'EXCH01 will not read GlobalMaxSeqInResync: EXCH01 runs Exchange 5.5: only DXA 5.5 SP3 (build 2524) or later reads this value.',
    ]);
    ok(file, 'exchange version EXCH01 4.0');
    ok(file, 'reg set EXCH01 PauseKicksDX 1');
    const v = ctx(file).PauseKicksDX;
    expect(v.read).toBe(true);
    expect(v.warnings).toEqual(['MSExchangeDX is running with the value it read when it started (not set): restart it to read PauseKicksDX = 1.']);
    ok(file, 'service restart EXCH01 MSExchangeDX');
    expect(ctx(file).PauseKicksDX.warnings).toEqual([]);
  });

  it('on a requestor, ResyncConnectionRDNs and GlobalMaxSeqInResync are never read', () => {
    const file = exchangeRequestorNetwork('regctx-req');
    ok(file, 'exchange requestor EXCH01 POLY/MONT --password HQPW');
    const db = openDatabase(file);
    try {
      expect(registryWarnings(db, 'EXCH01', 'resyncconnectionrdns', ['MONT'])).toEqual([
        "EXCH01 will not read ResyncConnectionRDNs: EXCH01 is a dirsync requestor: only a dirsync server's DXA reads this value, so restarting it does nothing with it.",
      ]);
      expect(registryContext(db, 'EXCH01').find((v) => v.name === 'GlobalMaxSeqInResync')!.read).toBe(false);
    } finally {
      db.$client.close();
    }
  });
});
