import type { Db } from '@/db/client';
import { ctime } from '@/lib/core/clock';
import { queryRuns, RUN_KINDS, RUN_OUTCOMES, runDetail, type RunDetail, type RunFilter, type RunRow } from '@/lib/history/query-runs';
import { runRetention, type RunRetention } from '@/lib/history/retention';
import { stmt } from '@/lib/core/statements';
import { parseViewTime } from './event-search';

/** The Run History view's place: its filter, page and open run, all in the URL. */
export interface RunHistorySearch {
  object?: string;
  kind?: string;
  outcome?: string;
  from?: string;
  through?: string;
  /** Runs started together: a wizard's run (`manual-wizard-3`, `resync-wizard-2`). */
  group?: string;
  before?: string;
  run?: string;
  dialog?: string;
}

export const RUN_PAGE = 100;
const KEYS = ['object', 'kind', 'outcome', 'from', 'through', 'group', 'before', 'run', 'dialog'] as const;

export function parseRunHistorySearch(q: Record<string, string | string[] | undefined> | URLSearchParams): RunHistorySearch {
  const get = (k: string) => {
    const v = q instanceof URLSearchParams ? q.get(k) ?? undefined : q[k];
    const one = Array.isArray(v) ? v[0] : v;
    return one === undefined || one.trim() === '' ? undefined : one.trim().slice(0, 100);
  };
  return Object.fromEntries(KEYS.map((k) => [k, get(k)]).filter(([, v]) => v !== undefined)) as RunHistorySearch;
}

/** The URL of the view with these values (empty ones left out). */
export function runHistoryHref(base: string, s: RunHistorySearch): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (s[k]) q.set(k, s[k]!);
  const text = q.toString();
  return text ? `${base}?${text}` : base;
}

/** The engine filter a search stands for, or what is wrong with it. */
export function runFilterOf(s: RunHistorySearch): { filter: RunFilter; errors: string[] } {
  const errors: string[] = [];
  const time = (text: string | undefined, label: string) => {
    if (text === undefined) return undefined;
    const t = parseViewTime(text);
    if (!t) errors.push(`${label} must be a date and time, e.g. 1994-02-26T13:45`);
    return t?.ms;
  };
  const since = time(s.from, 'From');
  const until = time(s.through, 'Through');
  if (since !== undefined && until !== undefined && since > until) errors.push('Through is before From: no run can be shown');
  if (s.outcome !== undefined && !(RUN_OUTCOMES as readonly string[]).includes(s.outcome)) errors.push(`Outcome must be one of ${RUN_OUTCOMES.join(', ')}`);
  if (s.kind !== undefined && !(RUN_KINDS as readonly string[]).includes(s.kind)) errors.push(`"${s.kind}" is not a kind of run`);
  const before = s.before !== undefined && /^\d{1,15}$/.test(s.before) ? Number(s.before) : undefined;
  // A "through" minute includes its whole minute.
  return { filter: { object: s.object, kind: s.kind, outcome: s.outcome, groupId: s.group, since, until: until === undefined ? undefined : until + 59_999, before, limit: RUN_PAGE }, errors };
}

/** A run as the list draws it: the times it does not show stay on the server. */
export type RunListRow = Omit<RunRow, 'groupId' | 'simStart' | 'simEnd' | 'wallStart' | 'wallEnd'> & { when: string; durationMs: number };

export interface RunHistoryView {
  runs: RunListRow[];
  next: number | null;
  errors: string[];
  objects: string[];
  kinds: readonly string[];
  detail: (RunDetail & { when: string }) | null | undefined;
  retention: RunRetention;
}

/** Everything the Run History page shows: one page of runs, the filter's choices, the open run. */
export function getRunHistoryView(db: Db, s: RunHistorySearch): RunHistoryView {
  const { filter, errors } = runFilterOf(s);
  const page = errors.length ? { runs: [], next: null } : queryRuns(db, filter);
  const objects = (
    stmt(
      db,
      `select network || '/' || name as name from postoffice where kind = 'msmail'
       union all select name from exchange_server order by 1`,
    ).all() as { name: string }[]
  ).map((r) => r.name);
  let detail: RunHistoryView['detail'];
  if (s.run !== undefined) {
    try {
      const d = runDetail(db, Number(s.run));
      detail = { ...d, when: ctime(d.simStart) };
    } catch {
      detail = null;
    }
  }
  return {
    runs: page.runs.map(({ groupId, simStart, simEnd, wallStart, wallEnd, ...run }) => ({ ...run, when: ctime(simStart), durationMs: wallEnd - wallStart })),
    next: page.next,
    errors,
    objects,
    kinds: RUN_KINDS,
    detail,
    retention: runRetention(db),
  };
}
