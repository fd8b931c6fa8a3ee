import { deleteGuardOf, guardWords } from '@/lib/dirsync/delete-guard';
import { usage } from '@/lib/core/errors';
import { ctime } from '@/lib/core/clock';
import { applyHeldImport } from '@/lib/guard/apply-held-import';
import { discardHeldImport } from '@/lib/guard/discard-held-import';
import { guardTarget } from '@/lib/guard/guard-target';
import { setDeleteGuard } from '@/lib/guard/set-delete-guard';
import { longValue, parseArgs, requiredPo } from '../args';
import { report, show, type Command } from '../context';

const whole = (name: 'names' | 'percent', v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d{1,7}$/.test(v)) {
    // The verb's own codes: a bad limit is the same refusal from the command line and the console.
    const message = `--${name} needs a whole number (0 turns that limit off), not "${v}"`;
    throw name === 'names' ? usage(message, { code: 'delete-guard.names-invalid', field: 'names' }) : usage(message, { code: 'delete-guard.percent-invalid', field: 'percent' });
  }
  return Number(v);
};

/**
 * `guard show|set|apply|discard -d<PO|SERVER>`: the delete guard (docs/engine.md, "Delete guard") —
 * its limits, and an import it holds applied anyway or discarded.
 */
export const guard: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, { valued: 'd', longValued: ['names', 'percent'], longFlags: ['off'] });
  const [verb = 'show'] = a.words;
  const spec = requiredPo(a);
  const db = ctx.db();
  switch (verb) {
    case 'show': {
      const t = guardTarget(db, spec);
      const g = deleteGuardOf(db, t.po.id);
      const data = { target: t.label, names: g.names, percent: g.percent, held: g.hold };
      show(ctx, a, data, () =>
        [
          `${t.label}: delete guard ${guardWords(g) === 'off' ? 'off' : `holds an import that removes more than ${guardWords(g)}`}`,
          g.hold
            ? `Held since ${ctime(g.hold.at)}: ${g.hold.source} would remove ${g.hold.removed} of ${g.hold.gal} names (limit ${g.hold.limit}). Run "dirsync guard apply -d${spec}" or "dirsync guard discard -d${spec}".`
            : 'Nothing held.',
        ].join('\n'),
      );
      return 0;
    }
    case 'set': {
      const off = a.long.has('off');
      const names = off ? 0 : whole('names', longValue(a, 'names'));
      const percent = off ? 0 : whole('percent', longValue(a, 'percent'));
      if (names === undefined && percent === undefined) throw usage(`guard set needs --names <n>, --percent <p> or --off: dirsync guard set -d${spec} --names 500 --percent 20`, { code: 'cli.usage' });
      const message = setDeleteGuard(db, spec, { names, percent });
      show(ctx, a, { ok: true, message }, () => message);
      return 0;
    }
    case 'apply':
      return report(ctx, a, applyHeldImport(db, spec));
    case 'discard':
      return report(ctx, a, discardHeldImport(db, spec));
    default:
      throw usage(`unknown guard command "${verb}": use show, set, apply or discard`, { code: 'cli.usage' });
  }
};
