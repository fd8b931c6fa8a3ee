/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), the checksum of GLB records and headers. */
const table = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  table[i] = c;
}

export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) & 0xffff) ^ table[((crc >> 8) ^ bytes[i]) & 0xff];
  return crc;
}

const encoder = new TextEncoder();
export const crc16Text = (text: string) => crc16(encoder.encode(text));
