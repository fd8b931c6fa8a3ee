import { DirsyncError } from '@/lib/dirsync/errors';

/** Network names the connector refuses (KB Q175978). */
export const RESERVED_NETWORK_NAMES = [
  'ATTMAIL', 'COMPUSERVE', 'DISOSS', 'EASYLINK', 'ENVOY', 'FAX', 'GTE', 'MCI', 'MHS', 'MSMAIL', 'OV', 'PROFS', 'SMTP',
  'SNADS', 'SOURCE', 'VMGATE', 'X400', '*EMS',
];

/** Setup's proxy name from an organization or site name: its letters and digits, cut to 10 (KB Q198898). */
export function proxyName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').slice(0, 10).toUpperCase();
}

/** Local Postoffice tab: Network name and PostOffice name, ≤ 10 standard MS Mail characters each. */
export function checkLocalPostoffice(network: string, postoffice: string): { network: string; name: string } {
  const net = network.trim().toUpperCase();
  const po = postoffice.trim().toUpperCase();
  if (RESERVED_NETWORK_NAMES.includes(net)) throw new DirsyncError('usage', `${net} is a reserved network name. Enter a different name.`, { code: 'network.reserved', field: 'network' });
  for (const [label, value, number, field] of [['Network name', net, 69, 'network'], ['PostOffice name', po, 70, 'postoffice']] as const) {
    if (!/^[A-Z0-9]{1,10}$/.test(value)) {
      throw new DirsyncError('usage', `${label} "${value}" must be 1 to 10 letters or digits (the standard MS Mail characters)`, { number: number, code: 'local-postoffice.name-invalid', field });
    }
  }
  return { network: net, name: po };
}
