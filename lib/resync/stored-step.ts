/**
 * A step as both wizards store it (`resync_wizard_step`, `manual_wizard_step`): its status, what
 * it printed, its check, why it failed, who ran it and when. The wizards differ in their kinds of
 * step, not in how a step's run is kept.
 */
export interface StoredStepRow {
  status: 'pending' | 'done' | 'failed';
  output: string;
  checked: string | null;
  failure: string | null;
  ranBy: string | null;
  ranAt: number | null;
  runs: number;
}

export interface StoredStep<Failure> {
  status: StoredStepRow['status'];
  output: string[];
  checked: { ok: boolean; lines: string[] } | null;
  failure: Failure | null;
  ranBy: string | null;
  ranAt: number | null;
  runs: number;
}

/** The stored columns of a step, read back. */
export function storedStep<Failure>(s: StoredStepRow): StoredStep<Failure> {
  return {
    status: s.status,
    output: JSON.parse(s.output) as string[],
    checked: s.checked ? (JSON.parse(s.checked) as StoredStep<Failure>['checked']) : null,
    failure: s.failure ? (JSON.parse(s.failure) as Failure) : null,
    ranBy: s.ranBy,
    ranAt: s.ranAt,
    runs: s.runs,
  };
}
