/** What Health reports (docs/engine.md, "Health"). */
export type Severity = 'error' | 'warning' | 'info';

/**
 * The fix a finding offers. Those with an `href` open a page (the Resync Wizard, a schedule, a
 * service's Diagnostics Logging); the others change state through an engine verb
 * (lib/health/apply-fix.ts) and are cleared by the next cycle.
 */
export type Fix =
  | { kind: 'resync-wizard'; label: string; href: string }
  | { kind: 'open-schedule'; label: string; href: string }
  | { kind: 'open-logging'; label: string; href: string }
  | { kind: 'import-next'; label: string; requestor: string }
  | { kind: 'export-next'; label: string; requestor: string }
  | { kind: 'restart-service'; label: string; server: string; service: string }
  /** A held import (delete guard): `target` is the postoffice `NET/PO` or the Exchange requestor's server. */
  | { kind: 'guard-apply'; label: string; target: string }
  | { kind: 'guard-discard'; label: string; target: string };

export interface Finding {
  /** Stable id of the check, e.g. `reqsync-above-srvsync`. */
  check: string;
  severity: Severity;
  /** The object it is about: `NET/PO`, an Exchange server, `SERVER service`. */
  object: string;
  title: string;
  /** What it means, in one or two sentences. */
  meaning: string;
  /** The document it comes from (docs/ or a seed). */
  source: string;
  fixes: Fix[];
}

/** One requestor as Health's table shows it: its numbers at the requestor against the DSS's record. */
export interface RequestorHealth {
  requestor: string;
  /** The Exchange server when the requestor is an Exchange Dirsync Requestor. */
  server: string | null;
  dss: string;
  atRequestor: { reqSync: number; srvSync: number; impSync: number; reqtransHigh: number };
  /** Null when the DSS has no record of it. */
  atDss: { reqSync: number; srvSync: number; impSync: number; lastCycle: number; lastUpdateAt: number | null } | null;
  dssSync: number | null;
  dssCycle: number | null;
  keepUpdates: number | null;
  /** Simulation times of its last T1 (sent) and last reply applied (received); null when none is in the run history. */
  lastSent: number | null;
  lastReceived: number | null;
}

export interface HealthReport {
  /** Simulation time it was computed at. */
  at: number;
  findings: Finding[];
  requestors: RequestorHealth[];
  counts: { error: number; warning: number; info: number };
}
