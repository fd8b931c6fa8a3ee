/**
 * Deterministic names for the benchmark networks: postoffices `NET/PO01…`, mailboxes `U0001…`,
 * full names that do not sort in creation order (so the GAL index sees realistic, scattered
 * inserts), at most 30 characters as MS Mail requires.
 */
const FIRST = [
  'Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Ida', 'Jon', 'Kay', 'Lou', 'Max', 'Ned', 'Olga', 'Pat',
  'Quinn', 'Rita', 'Sam', 'Tess', 'Uma', 'Vic', 'Walt', 'Xena', 'Yves', 'Zoe', 'Abel', 'Bea', 'Cora', 'Dirk', 'Edna', 'Finn',
];
const LAST = [
  'Arbor', 'Bow', 'Cole', 'Dee', 'Eng', 'Frost', 'Gale', 'Hart', 'Irwin', 'Jones', 'Kent', 'Lowe', 'Marsh', 'Nash', 'Orr', 'Page',
  'Quill', 'Reed', 'Stone', 'Tate', 'Underhill', 'Vance', 'Wells', 'Young', 'Zell', 'Ames', 'Burke', 'Crane', 'Drake', 'Ellis',
  'Fox', 'Grant',
];

export const NETWORK = 'NET';

/** `PO01` … `PO50` (index from 0). */
export const poName = (p: number) => `PO${String(p + 1).padStart(2, '0')}`;
export const poSpec = (p: number) => `${NETWORK}/${poName(p)}`;
/** `U0001` … (index from 0). */
export const mailboxName = (i: number) => `U${String(i + 1).padStart(4, '0')}`;

/** A scrambled, reproducible full name for mailbox i of postoffice p: `Stone Rita 07-1234`. */
export function fullName(p: number, i: number): string {
  const h = Math.imul((p + 1) * 2654435761 + (i + 1) * 40503, 2246822519) >>> 0;
  return `${LAST[h % LAST.length]} ${FIRST[(h >>> 8) % FIRST.length]} ${String(p + 1).padStart(2, '0')}-${i + 1}`;
}

/** The mailbox's dirsync address, as `localEntry` writes it. */
export const address = (p: number, i: number) => `PCM:${poSpec(p)}/${mailboxName(i)}`;

/** Exchange recipient aliases `X00001` … (index from 0). */
export const recipientAlias = (i: number) => `X${String(i + 1).padStart(5, '0')}`;
