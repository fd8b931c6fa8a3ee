import { usage } from '@/lib/core/errors';

/**
 * Command-line options the MS Mail way (`-dM`, `-d M`, `-p<password>`, case-insensitive letters)
 * plus this tool's long options (`--db <file>`, `--json`).
 */
export interface Args {
  words: string[];
  /** Single-letter options, lower case; `true` for flags. */
  short: Map<string, string | true>;
  long: Map<string, string | true>;
}

export interface ArgSpec {
  /** Letters that take a value (`-dM`, `-d M`). */
  valued?: string;
  /** Letters whose value is optional and only attached (`-x`, `-xNET/PO`). */
  optional?: string;
  /** Flag letters. */
  flags?: string;
  /** Multi-letter MS Mail options matched whole (`-rt`, `-rr`, `-0`). */
  words?: string[];
  /** Long options that take a value. */
  longValued?: string[];
  longFlags?: string[];
}

const common = { longValued: ['db'], longFlags: ['json'] };

export function parseArgs(tokens: string[], spec: ArgSpec): Args {
  const args: Args = { words: [], short: new Map(), long: new Map() };
  const longValued = new Set([...(spec.longValued ?? []), ...common.longValued]);
  const longFlags = new Set([...(spec.longFlags ?? []), ...common.longFlags]);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.startsWith('--')) {
      const [name, inline] = t.slice(2).split(/=(.*)/s, 2);
      if (longFlags.has(name) && inline === undefined) args.long.set(name, true);
      else if (longValued.has(name)) {
        const value = inline ?? tokens[++k];
        if (value === undefined) throw usage(`--${name} needs a value`);
        args.long.set(name, value);
      } else throw usage(`unknown option --${name}`);
      continue;
    }
    const lower = t.toLowerCase();
    if ((spec.words ?? []).includes(lower)) {
      args.short.set(lower.slice(1), true);
      continue;
    }
    if (!/^-[A-Za-z]/.test(t)) {
      args.words.push(t);
      continue;
    }
    const letter = lower[1];
    const rest = t.slice(2);
    if ((spec.valued ?? '').includes(letter)) {
      const value = rest !== '' ? rest : tokens[k + 1] !== undefined && !tokens[k + 1].startsWith('-') ? tokens[++k] : undefined;
      if (value === undefined) throw usage(`-${letter} needs a value, e.g. -${letter}M`);
      args.short.set(letter, value);
    } else if ((spec.optional ?? '').includes(letter)) {
      args.short.set(letter, rest === '' ? true : rest);
    } else if ((spec.flags ?? '').includes(letter) && rest === '') {
      args.short.set(letter, true);
    } else {
      throw usage(`unknown option ${t}`);
    }
  }
  return args;
}

export const shortValue = (a: Args, letter: string): string | undefined => {
  const v = a.short.get(letter);
  return typeof v === 'string' ? v : undefined;
};

export const longValue = (a: Args, name: string): string | undefined => {
  const v = a.long.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** The postoffice named by -d, required. */
export function requiredPo(a: Args): string {
  const d = shortValue(a, 'd');
  if (!d) throw usage('name the postoffice with -d<drive> or -d<NET/PO>');
  return d;
}

/** `admin -p<password>`: the word `admin` and the password. */
export function adminPassword(a: Args): string | undefined {
  return shortValue(a, 'p');
}
