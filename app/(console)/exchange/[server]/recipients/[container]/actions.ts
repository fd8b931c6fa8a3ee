'use server';

import { z } from 'zod';
import { recipientRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { checkbox, required, revision, wholeNumber } from '@/lib/actions/form-fields';
import { modifyRecipient } from '@/lib/exchange/recipients/modify-recipient';
import { resolveRecipient } from '@/lib/exchange/recipients/recipients';
import { resolveServer } from '@/lib/exchange/servers/servers';
import { TEMPLATE_ATTRIBUTES } from '@/lib/exchange/dxa/template-attributes';
import { recipientAttributes } from '@/lib/exchange/dxa/directory-sync-object';

const server = z.string().min(1);
const alias = z.string().min(1);
/** The General tab's attribute fields, named `attr.<Attribute>`. */
const attributeFields = Object.fromEntries(TEMPLATE_ATTRIBUTES.map((a) => [`attr.${a}`, z.string().optional()]));
const attributesOf = (input: Record<string, unknown>) =>
  Object.fromEntries(TEMPLATE_ATTRIBUTES.filter((a) => typeof input[`attr.${a}`] === 'string').map((a) => [a, input[`attr.${a}`] as string]));

/** A recipient's General (Display name, Title, Company, Department, …) or Advanced (Trust level, Hide from address book) tab: Apply / OK. */
export const saveRecipientAction = defineAction({
  name: 'Recipient: Properties',
  revisionOf: (db, input) => recipientRevision(db, input.server, input.alias),
  schema: z.discriminatedUnion('tab', [
    z.object({ tab: z.literal('general'), server, alias, revision, displayName: required('Display name'), ...attributeFields }),
    z.object({ tab: z.literal('advanced'), server, alias, revision, trust: wholeNumber('Trust level', 0, 100), hidden: checkbox }),
  ]),
  fieldOf: (e) =>
    /display name/i.test(e.message)
      ? 'displayName'
      : /trust level/i.test(e.message)
        ? 'trust'
        : TEMPLATE_ATTRIBUTES.map((a) => `attr.${a}`).find((f) => e.message.startsWith(`${f.slice(5)} `)),
  run: ({ db, input, audit }) => {
    const s = resolveServer(db, input.server);
    const show = (r: { id: number; displayName: string; trust: number; hidden: number }) => ({
      displayName: r.displayName,
      trust: r.trust,
      hidden: !!r.hidden,
      attributes: recipientAttributes(db, r.id),
    });
    const before = resolveRecipient(db, s, input.alias);
    const beforeShown = show(before);
    const after = modifyRecipient(
      db,
      input.server,
      input.alias,
      input.tab === 'general' ? { displayName: input.displayName, attributes: attributesOf(input), revision: input.revision } : { trust: input.trust, hidden: input.hidden, revision: input.revision },
    );
    audit(`${s.site} recipient ${after.alias}`, beforeShown, show(after));
    return { revision: after.revision };
  },
});
