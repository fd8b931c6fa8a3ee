import { usage } from '@/lib/core/errors';

/** A postoffice name `NET/PO`, stored upper case. */
export interface PoName {
  network: string;
  name: string;
}

const element = /^[A-Za-z0-9]{1,10}$/;

export function isElement(s: string): boolean {
  return element.test(s);
}

/** Parse `NET/PO`; each part 1–10 letters or digits. */
export function parsePoName(text: string): PoName {
  const parts = text.trim().split('/');
  if (parts.length !== 2 || !parts.every(isElement)) {
    throw usage(`"${text}" is not a postoffice name: write NET/PO, each part 1 to 10 letters or digits`, { code: 'postoffice.spec-invalid', field: 'postoffice' });
  }
  return { network: parts[0].toUpperCase(), name: parts[1].toUpperCase() };
}

export const poKey = (po: PoName) => `${po.network}/${po.name}`;
export const systemAddress = (po: PoName) => `${po.network}/${po.name}/$SYSTEM`;
export const mailboxAddress = (po: PoName, mailbox: string) => `PCM:${po.network}/${po.name}/${mailbox.toUpperCase()}`;

/** Address types whose value is `NET/PO/MAILBOX` (MS Mail's PCM and Exchange's MS). */
export const isPostofficeType = (type: string) => type.toUpperCase() === 'PCM' || type.toUpperCase() === 'MS';

export interface Address {
  type: string;
  value: string;
  /** For PCM/MS addresses: the `NET/PO` part. */
  po?: PoName;
  /**
   * For PCM/MS addresses (set whenever `po` is): their list `PCM:NET/PO`, made once per checked
   * prefix, so an import's map lookups hash it once.
   */
  list?: string;
}

/** Split `TYPE:VALUE`; PCM/MS values must be NET/PO/MAILBOX. Returns null when malformed. */
export function parseAddress(text: string): Address | null {
  // Fast path: an import reads ~100,000 addresses of a few postoffices, so the checked
  // `TYPE:NET/PO` part is remembered and only the mailbox part is checked again; the addresses of
  // one postoffice come one after another, so the last prefix is tried before the map.
  const slash = text.lastIndexOf('/');
  if (slash > 0) {
    const known = slash === last.prefix.length && text.startsWith(last.prefix) ? last.known : knownPrefixes.get(text.slice(0, slash));
    if (known) {
      if (known !== last.known) last = { prefix: text.slice(0, slash), known };
      const mailbox = text.slice(slash + 1);
      return isElement(mailbox) ? { type: known.type, value: text.slice(known.valueStart), po: known.po, list: known.list } : null;
    }
  }
  const address = checkAddress(text);
  if (address?.po) {
    if (knownPrefixes.size >= MAX_PREFIXES) knownPrefixes.clear();
    knownPrefixes.set(text.slice(0, slash), { type: address.type, valueStart: text.indexOf(':') + 1, po: address.po, list: address.list! });
  }
  return address;
}

/** parseAddress without the remembered prefixes: every part checked. */
export function checkAddress(text: string): Address | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon).toUpperCase();
  const value = text.slice(colon + 1);
  if (!/^[A-Z0-9]{1,8}$/.test(type) || value.length === 0) return null;
  if (!isPostofficeType(type)) return { type, value };
  const parts = value.split('/');
  if (parts.length !== 3 || !parts.every(isElement)) return null;
  const po = { network: parts[0].toUpperCase(), name: parts[1].toUpperCase() };
  return { type, value, po, list: `PCM:${poKey(po)}` };
}

/** Checked `TYPE:NET/PO` prefixes of PCM/MS addresses (as written, any case), for parseAddress. */
interface KnownPrefix {
  type: string;
  valueStart: number;
  po: PoName;
  list: string;
}
const knownPrefixes = new Map<string, KnownPrefix>();
let last: { prefix: string; known: KnownPrefix | undefined } = { prefix: '', known: undefined };
const MAX_PREFIXES = 4096;

/** The list an address belongs to: `PCM:NET/PO` for postoffice addresses, `TYPE:` for gateways. */
export function listKeyOf(address: Address): string {
  return address.list ?? `${address.type}:`;
}

/** The list of an address key (`PCM:NET/PO/MBX` is in `PCM:NET/PO`, `SMTP:…` in `SMTP:`): list_entry keeps no list column. */
export function listKeyOfKey(addressKey: string): string {
  return addressKey.startsWith('PCM:') ? addressKey.slice(0, addressKey.lastIndexOf('/')) : addressKey.slice(0, addressKey.indexOf(':') + 1);
}

/** Case-insensitive identity of an address (MS and PCM are the same thing). */
export function addressKey(address: Address): string {
  return address.po ? `PCM:${address.value.toUpperCase()}` : `${address.type}:${address.value.toUpperCase()}`;
}
