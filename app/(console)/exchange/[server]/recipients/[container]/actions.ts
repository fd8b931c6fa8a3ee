'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, required, revision, wholeNumber } from '@/lib/actions/form-fields';
import { modifyRecipient } from '@/lib/exchange/modify-recipient';
import { resolveRecipient } from '@/lib/exchange/recipients';
import { resolveServer } from '@/lib/exchange/servers';

const server = z.string().min(1);
const alias = z.string().min(1);

/** A recipient's General (Display name) or Advanced (Trust level, Hide from address book) tab: Apply / OK. */
export const saveRecipientAction = defineAction({
  name: 'Recipient: Properties',
  schema: z.discriminatedUnion('tab', [
    z.object({ tab: z.literal('general'), server, alias, revision, displayName: required('Display name') }),
    z.object({ tab: z.literal('advanced'), server, alias, revision, trust: wholeNumber('Trust level', 0, 100), hidden: checkbox }),
  ]),
  fieldOf: (e) => (/display name/i.test(e.message) ? 'displayName' : /trust level/i.test(e.message) ? 'trust' : undefined),
  run: ({ db, input, audit }) => {
    const s = resolveServer(db, input.server);
    const show = (r: { displayName: string; trust: number; hidden: number }) => ({ displayName: r.displayName, trust: r.trust, hidden: !!r.hidden });
    const before = resolveRecipient(db, s, input.alias);
    const after = modifyRecipient(
      db,
      input.server,
      input.alias,
      input.tab === 'general' ? { displayName: input.displayName, revision: input.revision } : { trust: input.trust, hidden: input.hidden, revision: input.revision },
    );
    audit(`${s.site} recipient ${after.alias}`, show(before), show(after));
    return { revision: after.revision };
  },
});
