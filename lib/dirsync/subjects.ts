/** The exact dirsync message subjects (docs/engine.md, "The documents the code follows"). */
export const reqTxSubject = (r: number, was: number, s: number, i: number, n: number) =>
  `ReqTx R=${r} (was ${was}), S=${s}, I=${i} ${n} sent`;

export const srvTxSubject = (r: number, s: number, was: number, i: number, n: number) =>
  `SrvTx R=${r} S=${s} (was ${was}), I=${i} ${n} sent`;

/** The status report that goes with every ReqTx (this project's form; the documents give none). */
export const reqStatSubject = (r: number, s: number, i: number, outcome: string) =>
  `ReqStat R=${r}, S=${s}, I=${i} last cycle ${outcome}`;
