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
    throw usage(`"${text}" is not a postoffice name: write NET/PO, each part 1 to 10 letters or digits`);
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
}

/** Split `TYPE:VALUE`; PCM/MS values must be NET/PO/MAILBOX. Returns null when malformed. */
export function parseAddress(text: string): Address | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon).toUpperCase();
  const value = text.slice(colon + 1);
  if (!/^[A-Z0-9]{1,8}$/.test(type) || value.length === 0) return null;
  if (!isPostofficeType(type)) return { type, value };
  const parts = value.split('/');
  if (parts.length !== 3 || !parts.every(isElement)) return null;
  return { type, value, po: { network: parts[0].toUpperCase(), name: parts[1].toUpperCase() } };
}

/** The list an address belongs to: `PCM:NET/PO` for postoffice addresses, `TYPE:` for gateways. */
export function listKeyOf(address: Address): string {
  return address.po ? `PCM:${poKey(address.po)}` : `${address.type}:`;
}

/** Case-insensitive identity of an address (MS and PCM are the same thing). */
export function addressKey(address: Address): string {
  return address.po ? `PCM:${address.value.toUpperCase()}` : `${address.type}:${address.value.toUpperCase()}`;
}
