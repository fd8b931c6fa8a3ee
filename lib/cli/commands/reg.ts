import { usage } from '@/lib/core/errors';
import { deleteRegistryValue } from '@/lib/exchange/services/delete-registry-value';
import { DXA_KEY, getRegistryValue, registryValues, type RegistryValueDto } from '@/lib/exchange/services/registry';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import { registryWarnings } from '@/lib/exchange/services/registry-context';
import { parseArgs } from '../args';
import { show, type Command, type CommandContext } from '../context';

const SYNTAX = 'dirsync reg get|delete <SERVER> <value> | reg set <SERVER> <value> <data...> | reg list <SERVER>';

/** `PauseKicksDX  REG_DWORD  0x1 (1)`; REG_MULTI_SZ strings joined with `\0`, as reg.exe shows them. */
export function valueLine(v: RegistryValueDto): string {
  const data = typeof v.data === 'number' ? `0x${v.data.toString(16)} (${v.data})` : v.data.join('\\0');
  return `${v.name}  ${v.type}  ${data}`;
}

/** A value with the warnings the console shows beside it (registry-context.ts): not read on this server, names matching nothing. */
const withWarnings = (ctx: CommandContext, v: RegistryValueDto) => ({ ...v, warnings: registryWarnings(ctx.db(), v.server, v.name, v.data) });
const warningLines = (warnings: string[], indent = '') => warnings.map((w) => `${indent}Warning: ${w}`);

/**
 * `reg get|set|delete <SERVER> <value> [data...]`, `reg list <SERVER>`: the DXA's values under
 * HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeDX (PauseKicksDX, ResyncConnectionRDNs,
 * GlobalMaxSeqInResync). A REG_DWORD takes one number (decimal or 0x hex); a REG_MULTI_SZ one
 * word per string (quote a name with spaces).
 */
export const reg: Command = (ctx) => {
  const a = parseArgs(ctx.tokens, {});
  const [verb, server, name, ...data] = a.words;
  const v = verb?.toLowerCase();
  if (v === 'list') {
    if (!server || name !== undefined) throw usage(`reg list takes a server: ${SYNTAX}`);
    const rows = registryValues(ctx.db(), server).map((r) => withWarnings(ctx, r));
    show(ctx, a, rows, () =>
      [
        `${DXA_KEY} on ${server.toUpperCase()}`,
        ...(rows.length ? rows.flatMap((r) => [`    ${valueLine(r)}`, ...warningLines(r.warnings, '      ')]) : ['    (none of PauseKicksDX, ResyncConnectionRDNs, GlobalMaxSeqInResync is set)']),
      ].join('\n'),
    );
    return 0;
  }
  if (v !== 'get' && v !== 'set' && v !== 'delete') throw usage(`reg needs get, set, delete or list: ${SYNTAX}`);
  if (!server || !name) throw usage(`reg ${v} needs <SERVER> <value>: ${SYNTAX}`);
  if (v !== 'set' && data.length) throw usage(`reg ${v} takes no data ("${data[0]}"): ${SYNTAX}`);
  if (v === 'get') {
    const r = withWarnings(ctx, getRegistryValue(ctx.db(), server, name));
    show(ctx, a, r, () => [valueLine(r), ...warningLines(r.warnings)].join('\n'));
    return 0;
  }
  if (v === 'set') {
    if (!data.length) throw usage(`reg set needs the data after the value name: ${SYNTAX}`);
    const r = withWarnings(ctx, setRegistryValue(ctx.db(), server, name, data));
    show(ctx, a, r, () => [`${r.server}: ${valueLine(r)}`, r.note, ...warningLines(r.warnings)].join('\n'));
    return 0;
  }
  const r = deleteRegistryValue(ctx.db(), server, name);
  show(ctx, a, r, () => `${r.server}: ${r.name} deleted (was ${valueLine(r).slice(r.name.length + 2)})`);
  return 0;
};
