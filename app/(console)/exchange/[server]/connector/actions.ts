'use server';

import { z } from 'zod';
import { connectionRevision, connectorRevision, loggingRevision, pcMtaRevision } from '@/lib/queries/revisions';
import { defineAction } from '@/lib/actions/safe-action';
import { usage } from '@/lib/core/errors';
import { checkbox, revision } from '@/lib/actions/form-fields';
import { addConnection } from '@/lib/exchange/connector/add-connection';
import { removeConnection } from '@/lib/exchange/connector/remove-connection';
import { type ConnectionDto } from '@/lib/exchange/connector/connections';
import { deleteQueuedMessage } from '@/lib/exchange/connector/delete-queued-message';
import { LOGGING_SERVICES } from '@/lib/exchange/services/diagnostics-categories';
import { modifyConnection } from '@/lib/exchange/connector/modify-connection';
import { returnQueuedMessage } from '@/lib/exchange/connector/return-queued-message';
import { saveAddressSpace } from '@/lib/exchange/connector/save-address-space';
import { saveMsMailConnector } from '@/lib/exchange/connector/save-ms-mail-connector';
import { addPcMta } from '@/lib/exchange/connector/add-pc-mta';
import { removePcMta } from '@/lib/exchange/connector/remove-pc-mta';
import { setPcMta } from '@/lib/exchange/connector/set-pc-mta';
import { setLocalPostoffice } from '@/lib/exchange/connector/set-local-postoffice';
import { setLoggingLevel } from '@/lib/exchange/services/set-logging-level';

/** The MS Mail Connector (<SERVER>) Properties sheet: one action per button, each one engine verb. */

const server = z.string().min(1);
const text = z.string().optional();
/** `NET/PO`, or `NET~PO` as URLs carry it. */
const postoffice = z.string().min(1).transform((s) => s.replace('~', '/'));

/** Which field of the dialog an engine message is about: the message names the field as the dialog labels it. */
const fieldByMessage = (pairs: [RegExp, string][]) => (e: Error) => pairs.find(([re]) => re.test(e.message))?.[1];

/** General, Interchange and the Connections tab's check box: the fields each tab sends. */
export const saveConnectorAction = defineAction({
  name: 'MS Mail Connector: Properties',
  revisionOf: (db, input) => connectorRevision(db, input.server),
  schema: z.object({
    server,
    revision,
    displayName: text,
    messageSize: z.enum(['none', 'max']).optional(),
    maxMessageKb: text,
    adminNote: text,
    administratorMailbox: text,
    primaryLanguage: text,
    maximizeCompatibility: checkbox.optional(),
    messageTracking: checkbox.optional(),
    appleTalk: checkbox.optional(),
    confirmConnectionChanges: checkbox.optional(),
    tab: z.enum(['general', 'interchange', 'connections']),
  }),
  run: ({ db, input, audit }) => {
    const general = input.tab === 'general';
    const interchange = input.tab === 'interchange';
    const result = saveMsMailConnector(db, input.server, {
      revision: input.revision,
      ...(general
        ? { displayName: input.displayName ?? '', adminNote: input.adminNote ?? '', maxMessageKb: input.messageSize === 'max' ? (input.maxMessageKb ?? '') : null }
        : {}),
      ...(interchange
        ? {
            administratorMailbox: input.administratorMailbox ?? '',
            primaryLanguage: input.primaryLanguage ?? 'English',
            maximizeCompatibility: input.maximizeCompatibility,
            messageTracking: input.messageTracking,
            appleTalk: input.appleTalk,
          }
        : {}),
      ...(input.tab === 'connections' ? { confirmConnectionChanges: input.confirmConnectionChanges } : {}),
    });
    audit(`${result.server} MS Mail Connector`, undefined, result);
    return { revision: result.revision };
  },
  fieldOf: fieldByMessage([
    [/^Display name/, 'displayName'],
    [/^Max \(K\)/, 'maxMessageKb'],
    [/^Administrative note/, 'adminNote'],
    [/^Administrator's mailbox/, 'administratorMailbox'],
    [/^Primary language/, 'primaryLanguage'],
  ]),
});

export const saveLocalPostofficeAction = defineAction({
  name: 'MS Mail Connector: Local Postoffice',
  revisionOf: (db, input) => connectorRevision(db, input.server),
  schema: z.object({ server, revision, network: z.string(), postoffice: z.string() }),
  run: ({ db, input, audit }) => {
    const r = setLocalPostoffice(db, input.server, { network: input.network, postoffice: input.postoffice, revision: input.revision });
    audit(`${r.server} MS Mail Connector Local Postoffice`, undefined, { network: r.network, postoffice: r.postoffice });
    return { network: r.network, postoffice: r.postoffice };
  },
  fieldOf: fieldByMessage([
    [/^Network name|reserved network name/, 'network'],
    [/^PostOffice name/, 'postoffice'],
  ]),
});

/** Which Create/Modify Connection field an engine message is about (the messages name the field first). */
const connectionFieldOf = fieldByMessage([
  [/^Postoffice Path|already the path/, 'uncPath'],
  [/^Phone number/, 'phoneNumber'],
  [/^X\.121 address/, 'x121Address'],
  [/^Connection attempts/, 'connectionAttempts'],
  [/^Indirect via/, 'via'],
  [/^Connection Parameters/, 'kind'],
  [/^Network|reserved network name/, 'network'],
  [/^[Pp]ostoffice|connector postoffice|already has a connection/, 'postoffice'],
]);

/** What the audit trail keeps of a connection: its kind and that kind's fields. */
const connectionAudit = (r: ConnectionDto) => ({
  kind: r.kind,
  ...(r.kind === 'LAN' ? { uncPath: r.uncPath, connectAs: r.connectAs } : {}),
  ...(r.kind === 'Async' ? { phoneNumber: r.phoneNumber, connectionAttempts: r.connectionAttempts } : {}),
  ...(r.kind === 'X.25' ? { x121Address: r.x121Address, connectionAttempts: r.connectionAttempts } : {}),
  ...(r.kind === 'Indirect' ? { via: r.via } : {}),
});

/** Create…: the fields of the kind chosen (the dialog sends only those). LAN picks `postoffice`; the others type `network` and `remotePostoffice`. */
export const createConnectionAction = defineAction({
  name: 'MS Mail Connector: Create connection',
  noRevision: 'creates a connection; one that exists already is refused',
  schema: z.object({
    server,
    kind: z.string().default('LAN'),
    postoffice: text,
    network: text,
    remotePostoffice: text,
    uncPath: text,
    connectAs: text,
    phoneNumber: text,
    x121Address: text,
    connectionAttempts: text,
    via: text,
  }),
  run: ({ db, input, audit }) => {
    const lan = input.kind.trim().toUpperCase() === 'LAN';
    const po = lan ? (input.postoffice ?? '').replace('~', '/') : `${input.network ?? ''}/${input.remotePostoffice ?? ''}`;
    const r = addConnection(db, input.server, po, {
      kind: input.kind,
      uncPath: lan && (input.uncPath ?? '').trim() !== '' ? input.uncPath : undefined,
      connectAs: input.connectAs,
      phoneNumber: input.phoneNumber,
      x121Address: input.x121Address,
      connectionAttempts: input.connectionAttempts === undefined || input.connectionAttempts.trim() === '' ? undefined : input.connectionAttempts,
      via: input.via,
    });
    audit(`${r.server} connection ${r.postoffice}`, null, connectionAudit(r));
    return { postoffice: r.postoffice, kind: r.kind };
  },
  fieldOf: connectionFieldOf,
});

/** Modify…: the fields of the connection's own kind; `kind` is sent back unchanged (it is fixed). */
export const modifyConnectionAction = defineAction({
  name: 'MS Mail Connector: Modify connection',
  revisionOf: (db, input) => connectionRevision(db, input.server, input.postoffice),
  schema: z.object({ server, postoffice, revision: z.string(), kind: text, uncPath: text, connectAs: text, phoneNumber: text, x121Address: text, connectionAttempts: text, via: text }),
  run: ({ db, input, audit }) => {
    const { server: serverName, postoffice: po, revision: _opened, ...fields } = input;
    const r = modifyConnection(db, serverName, po, fields);
    audit(`${r.server} connection ${r.postoffice}`, undefined, connectionAudit(r));
    return { postoffice: r.postoffice };
  },
  fieldOf: connectionFieldOf,
});

export const deleteConnectionAction = defineAction({
  name: 'MS Mail Connector: Delete connection',
  noRevision: 'deletes the connection selected, after the confirmation',
  schema: z.object({ server, postoffice }),
  run: ({ db, input, audit }) => {
    const r = removeConnection(db, input.server, input.postoffice);
    audit(`${r.server} connection ${r.postoffice}`, { postoffice: r.postoffice }, null);
    return r;
  },
});

export const deleteQueuedMessageAction = defineAction({
  name: 'MS Mail Connector: Queue Delete',
  noRevision: 'takes the message selected out of the queue: an act on one message, not a form',
  schema: z.object({ server, postoffice, messageId: z.string().regex(/^[0-9A-Fa-f]{1,8}$/, 'Select a message first'), ndr: z.boolean() }),
  run: ({ db, input, audit }) => {
    const r = deleteQueuedMessage(db, input.server, input.postoffice, input.messageId, { ndr: input.ndr });
    audit(`${input.server.toUpperCase()} queue ${input.postoffice}`, { messageId: r.messageId, subject: r.subject }, { deleted: true, ndr: r.ndr });
    return r;
  },
});

export const returnQueuedMessageAction = defineAction({
  name: 'MS Mail Connector: Queue Return',
  noRevision: 'returns the message selected to its sender: an act on one message, not a form',
  schema: z.object({ server, postoffice, messageId: z.string().regex(/^[0-9A-Fa-f]{1,8}$/, 'Select a message first') }),
  run: ({ db, input, audit }) => {
    const r = returnQueuedMessage(db, input.server, input.postoffice, input.messageId);
    audit(`${input.server.toUpperCase()} queue ${input.postoffice}`, { messageId: r.messageId, subject: r.subject }, { returnedTo: r.returnedTo });
    return r;
  },
});

const mtaFields = {
  server,
  pollMinutes: z.string(),
  configMinutes: z.string(),
  logSent: checkbox,
  logReceived: checkbox,
  connectionType: text,
  comPort: text,
  services: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : ([] as string[]).concat(v))),
};
/** The MTA dialog's settings as the engine takes them (a hidden "off" says the Postoffices Serviced list was sent, even empty). */
const mtaSettings = (input: z.infer<z.ZodObject<typeof mtaFields>>) => ({
  pollMinutes: input.pollMinutes,
  configMinutes: input.configMinutes,
  logSent: input.logSent,
  logReceived: input.logReceived,
  connectionType: input.connectionType,
  comPort: input.comPort,
  services: input.services.filter((s) => s !== 'off'),
});
const mtaFieldOf = fieldByMessage([
  [/^"Check for mail every"/, 'pollMinutes'],
  [/^"Update configuration every"/, 'configMinutes'],
  [/^Service Name/, 'serviceName'],
  [/^Postoffices Serviced/, 'services'],
  [/^Connection Parameters/, 'connectionType'],
  [/^Communication Port/, 'comPort'],
]);

export const newMtaAction = defineAction({
  name: 'Connector MTAs: New',
  noRevision: 'creates an instance; a service name in use is refused',
  schema: z.object({ ...mtaFields, serviceName: z.string() }),
  run: ({ db, input, audit }) => {
    const r = addPcMta(db, input.server, input.serviceName, mtaSettings(input));
    audit(`${r.server} Connector (PC) MTA ${r.serviceName}`, null, r);
    return { serviceName: r.serviceName };
  },
  fieldOf: mtaFieldOf,
});

export const configureMtaAction = defineAction({
  name: 'Connector MTAs: Configure',
  revisionOf: (db, input) => pcMtaRevision(db, input.server, input.serviceName),
  schema: z.object({ ...mtaFields, serviceName: z.string().min(1), revision }),
  run: ({ db, input, audit }) => {
    const r = setPcMta(db, input.server, input.serviceName, { ...mtaSettings(input), revision: input.revision });
    audit(`${r.server} Connector (PC) MTA ${r.serviceName}`, undefined, r);
    return { serviceName: r.serviceName, restartNeeded: r.restartNeeded };
  },
  fieldOf: mtaFieldOf,
});

export const removeMtaAction = defineAction({
  name: 'Connector MTAs: Remove',
  noRevision: 'removes the instance selected, after the confirmation',
  schema: z.object({ server, serviceName: z.string().min(1) }),
  run: ({ db, input, audit }) => {
    const r = removePcMta(db, input.server, input.serviceName);
    audit(`${r.server} Connector (PC) MTA ${r.serviceName}`, { serviceName: r.serviceName }, null);
    return r;
  },
});

/** Address Space: `cost:<id>`, `remove:<id>` per entry, and the New fields. */
export const saveAddressSpaceAction = defineAction({
  name: 'MS Mail Connector: Address Space',
  revisionOf: (db, input) => connectorRevision(db, input.server),
  schema: z
    .object({ server, revision, newType: text, newAddress: text, newCost: text })
    .catchall(z.union([z.string(), z.array(z.string())])),
  run: ({ db, input, audit }) => {
    const costs: Record<number, string> = {};
    const remove: number[] = [];
    for (const [k, v] of Object.entries(input)) {
      const cost = /^cost:(\d+)$/.exec(k);
      if (cost && typeof v === 'string') costs[Number(cost[1])] = v;
      const rm = /^remove:(\d+)$/.exec(k);
      if (rm && ([] as unknown[]).concat(v).includes('on')) remove.push(Number(rm[1]));
    }
    const adding = (input.newAddress ?? '').trim() !== '';
    const list = saveAddressSpace(db, input.server, {
      costs,
      remove,
      add: adding ? { type: input.newType ?? 'MS', address: input.newAddress ?? '', cost: input.newCost ?? '1' } : undefined,
      revision: input.revision,
    });
    audit(`${input.server.toUpperCase()} MS Mail Connector Address Space`, undefined, list);
    return { entries: list.length };
  },
  fieldOf: (e) => (/^Cost/.test(e.message) ? 'cost' : /^Type/.test(e.message) ? 'newType' : /^Address|already exists/.test(e.message) ? 'newAddress' : undefined),
});

const changes = z
  .string()
  .transform((s, ctx) => {
    try {
      return z.array(z.object({ service: z.string(), category: z.string(), level: z.number().int() })).parse(JSON.parse(s || '[]'));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The logging levels could not be read: reload the page' });
      return z.NEVER;
    }
  });

/** The services of the connector's Diagnostics Logging tab. */
const CONNECTOR_LOGGING = ['MSExchangeMSMI', 'MSExchangePCMTA', 'MSExchangeATMTA'] as const;

/** Diagnostics Logging tab (MSExchangeMSMI, MSExchangePCMTA, MSExchangeATMTA). */
export const connectorLoggingAction = defineAction({
  name: 'MS Mail Connector: Diagnostics Logging',
  schema: z.object({ server, changes }),
  revisionOf: (db, input) => loggingRevision(db, input.server, CONNECTOR_LOGGING),
  run: ({ db, input, audit }) => {
    const allowed: string[] = [...CONNECTOR_LOGGING];
    const results = input.changes.map((c) => {
      if (!allowed.includes(c.service) || !(LOGGING_SERVICES[c.service as keyof typeof LOGGING_SERVICES] as readonly string[] | undefined)?.includes(c.category)) {
        throw usage(`${c.service} ${c.category} is not a category of the MS Mail Connector's Diagnostics Logging tab`);
      }
      return setLoggingLevel(db, input.server, c.service, c.category, String(c.level));
    });
    audit(`${input.server.toUpperCase()} diagnostics logging`, undefined, input.changes);
    return { restartNeeded: results.some((r) => r.restartNeeded), changed: results.length };
  },
});
