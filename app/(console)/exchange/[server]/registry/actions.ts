'use server';

import { z } from 'zod';
import { registryValueRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { deleteRegistryValue } from '@/lib/exchange/services/delete-registry-value';
import { DXA_VALUES, getRegistryValue } from '@/lib/exchange/services/registry';
import { setRegistryValue } from '@/lib/exchange/services/set-registry-value';
import type { Db } from '@/db/client';

const names = Object.keys(DXA_VALUES) as [keyof typeof DXA_VALUES, ...(keyof typeof DXA_VALUES)[]];
const current = (db: Db, server: string, name: string) => {
  try {
    return getRegistryValue(db, server, name).data;
  } catch {
    return null;
  }
};

/** Regedt32 ▸ Add Value / edit: a DWORD (decimal or 0x…) or a MULTI_SZ (one string per line). */
export const setRegistryValueAction = defineAction({
  name: 'Registry: set value',
  schema: z.object({ server: z.string().min(1), name: z.enum(names), data: z.string() }),
  revisionOf: (db, input) => registryValueRevision(db, input.server, input.name),
  fieldOf: () => 'data',
  run: ({ db, input, audit }) => {
    const before = current(db, input.server, input.name);
    const lines = DXA_VALUES[input.name] === 'REG_DWORD' ? [input.data] : input.data.split(/\r?\n/).filter((l) => l.trim() !== '');
    const dto = setRegistryValue(db, input.server, input.name, lines);
    audit(`${dto.server} ${dto.key}\\${dto.name}`, before, dto.data);
    return dto;
  },
});

/** Regedt32 ▸ Delete. */
export const deleteRegistryValueAction = defineAction({
  name: 'Registry: delete value',
  noRevision: 'deletes the value selected: it writes no data over anyone\'s',
  schema: z.object({ server: z.string().min(1), name: z.enum(names) }),
  run: ({ db, input, audit }) => {
    const dto = deleteRegistryValue(db, input.server, input.name);
    audit(`${dto.server} ${dto.key}\\${dto.name}`, dto.data, null);
    return dto;
  },
});
