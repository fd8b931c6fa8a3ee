import { sqliteTable, integer, text, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { postoffice } from './postoffice';

/**
 * The Exchange side (docs/exchange.md). Every object an administrator edits carries a
 * `revision`, raised on each save, so a property sheet can refuse a save made over someone else's.
 */

/** An organization and one of its sites. */
export const exchangeSite = sqliteTable(
  'exchange_site',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organization: text('organization').notNull(),
    site: text('site').notNull(),
  },
  (t) => [uniqueIndex('exchange_site_name').on(t.organization, t.site)],
);

export const EXCHANGE_VERSIONS = ['4.0', '5.0', '5.5', '5.5 SP3', '2000'] as const;
export type ExchangeVersion = (typeof EXCHANGE_VERSIONS)[number];

/** An Exchange server; its MS Mail Connector's postoffice is `connectorPoId` (kind `connector`). */
export const exchangeServer = sqliteTable('exchange_server', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  siteId: integer('site_id').notNull().references(() => exchangeSite.id),
  /** NetBIOS name, upper case (≤ 15 characters). */
  name: text('name').notNull().unique(),
  version: text('version', { enum: EXCHANGE_VERSIONS }).notNull().default('5.5 SP3'),
  connectorPoId: integer('connector_po_id').notNull().unique().references(() => postoffice.id),
  revision: integer('revision').notNull().default(0),
});

/** The MS Mail Connector's own settings (General, Interchange tabs). */
export const msMailConnector = sqliteTable('ms_mail_connector', {
  serverId: integer('server_id').primaryKey().references(() => exchangeServer.id, { onDelete: 'cascade' }),
  displayName: text('display_name').notNull().default('MS Mail Connector'),
  administratorMailbox: text('administrator_mailbox').notNull().default(''),
  primaryLanguage: text('primary_language').notNull().default('English'),
  maximizeCompatibility: integer('maximize_compatibility', { mode: 'boolean' }).notNull().default(true),
  messageTracking: integer('message_tracking', { mode: 'boolean' }).notNull().default(false),
  appleTalk: integer('apple_talk', { mode: 'boolean' }).notNull().default(false),
  /** Message size limit in KB; null = No limit. */
  maxMessageKb: integer('max_message_kb'),
  adminNote: text('admin_note').notNull().default(''),
  confirmConnectionChanges: integer('confirm_connection_changes', { mode: 'boolean' }).notNull().default(true),
  revision: integer('revision').notNull().default(0),
});

/** Connections tab: a LAN connection to an MS Mail postoffice (its queue is the connector PO's outbound queue for it). */
export const connectorConnection = sqliteTable(
  'connector_connection',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
    /** `\\FILESERVER\MAILDATA`. */
    uncPath: text('unc_path').notNull(),
    connectAs: text('connect_as').notNull().default(''),
    /** Connection Parameters of the Create Connection dialog. LAN is read from the postoffice's path;
     * Async and X.25 name the remote postoffice and how to reach it; Indirect goes through `viaPoId`. */
    kind: text('kind', { enum: ['LAN', 'Async', 'X.25', 'Indirect'] }).notNull().default('LAN'),
    /** Indirect: the directly connected postoffice mail for this one is handed to. */
    viaPoId: integer('via_po_id').references(() => postoffice.id, { onDelete: 'cascade' }),
    /** Async: the remote postoffice's modem number. */
    phoneNumber: text('phone_number').notNull().default(''),
    /** X.25: the remote postoffice's X.121 address. */
    x121Address: text('x121_address').notNull().default(''),
    /** Async and X.25: attempts before a message is returned. */
    connectionAttempts: integer('connection_attempts').notNull().default(3),
  },
  (t) => [uniqueIndex('connector_connection_po').on(t.serverId, t.poId)],
);

/** Address Space tab entries (an `MS` entry is added with each connection). */
export const addressSpace = sqliteTable('address_space', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  address: text('address').notNull(),
  cost: integer('cost').notNull().default(1),
});

/** A Connector (PC) MTA instance: a Windows NT service of its own. */
export const pcMta = sqliteTable(
  'pc_mta',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(),
    /** Check for mail every N minutes (1–999). */
    pollMinutes: integer('poll_minutes').notNull().default(5),
    /** Update configuration every N minutes (1–999). */
    configMinutes: integer('config_minutes').notNull().default(60),
    logSent: integer('log_sent', { mode: 'boolean' }).notNull().default(false),
    logReceived: integer('log_received', { mode: 'boolean' }).notNull().default(false),
    /** Connection Parameters of the MTA dialog: the instance's own connection type. */
    connectionType: text('connection_type', { enum: ['LAN', 'Async and LAN', 'X.25 and LAN'] }).notNull().default('LAN'),
    /** Async: Communication Port COM1–COM256. */
    comPort: text('com_port').notNull().default('COM1'),
    /** The interval read when the service last started: a change applies after a restart. */
    runningPollMinutes: integer('running_poll_minutes'),
    /** Simulation time of the next poll while running (ms). */
    nextPollAt: integer('next_poll_at'),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('pc_mta_name').on(t.serverId, sql`service_name collate nocase`)],
);

/** Postoffices Serviced by a PC MTA instance. */
export const pcMtaPostoffice = sqliteTable(
  'pc_mta_postoffice',
  {
    mtaId: integer('mta_id').notNull().references(() => pcMta.id, { onDelete: 'cascade' }),
    poId: integer('po_id').notNull().references(() => postoffice.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.mtaId, t.poId] })],
);

export const SERVICE_STATES = ['Running', 'Paused', 'Stopped'] as const;

/** MSExchangeDX, MSExchangeMSMI and each PC MTA instance of a server. */
export const exchangeService = sqliteTable(
  'exchange_service',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    /** Registry (service) name: `MSExchangeDX`, `MSExchangeMSMI`, or the PC MTA instance's name. */
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    mtaId: integer('mta_id').references(() => pcMta.id, { onDelete: 'cascade' }),
    state: text('state', { enum: SERVICE_STATES }).notNull().default('Running'),
    startedAt: integer('started_at'),
    /** Registry values the service read when it started (JSON), e.g. PauseKicksDX. */
    readAtStart: text('read_at_start').notNull().default('{}'),
  },
  (t) => [uniqueIndex('exchange_service_name').on(t.serverId, sql`name collate nocase`)],
);

/** Values under HKLM\SYSTEM\CurrentControlSet\Services\MSExchangeDX. MULTI_SZ data is newline-separated. */
export const registryValue = sqliteTable(
  'registry_value',
  {
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type', { enum: ['REG_DWORD', 'REG_MULTI_SZ', 'REG_SZ'] }).notNull(),
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.name] })],
);

/** A recipients container of a site (`Recipients` is made with the site). */
export const recipientContainer = sqliteTable(
  'recipient_container',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id').notNull().references(() => exchangeSite.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('recipient_container_name').on(t.siteId, t.name)],
);

/**
 * A mailbox, custom recipient or distribution list. Native recipients have the MS proxy
 * `MS:<NET>/<PO>/<msMailbox>`; custom recipients made by dirsync carry the address they were
 * imported with (`targetAddress`, `addressKey`) and the list and link they came from.
 * `sentName`/`sentAddress` are what the dirsync server last had from this recipient (null: not
 * exported), so a change sends exactly the A, M or D it needs.
 */
export const recipient = sqliteTable(
  'recipient',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: integer('site_id').notNull().references(() => exchangeSite.id, { onDelete: 'cascade' }),
    containerId: integer('container_id').notNull().references(() => recipientContainer.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    displayName: text('display_name').notNull(),
    kind: text('kind', { enum: ['mailbox', 'custom', 'dl'] }).notNull(),
    trust: integer('trust').notNull().default(0),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    /** Mailbox part of the MS proxy address (≤ 10 letters or digits, upper case); null for custom
     * recipients made by dirsync, whose MS Mail address is their target address. */
    msMailbox: text('ms_mailbox'),
    /** Custom recipients: the foreign address `TYPE:VALUE`. */
    targetAddress: text('target_address'),
    /** Imported by dirsync: the case-insensitive key of targetAddress, its list and its link. */
    addressKey: text('address_key'),
    importedList: text('imported_list'),
    importedBy: integer('imported_by'),
    sentName: text('sent_name'),
    sentAddress: text('sent_address'),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [
    uniqueIndex('recipient_alias').on(t.siteId, sql`alias collate nocase`),
    uniqueIndex('recipient_proxy').on(t.siteId, t.msMailbox),
    uniqueIndex('recipient_imported').on(t.containerId, t.addressKey).where(sql`address_key is not null`),
    index('recipient_list').on(t.containerId, t.importedList),
    // A container's page in the Administrator's default order (display name), and its hidden
    // count, read from indexes instead of sorting and summing the whole container (100,000
    // custom recipients after a full dirsync): page 1 at that size 11.5 → 0.07 ms.
    index('recipient_by_name').on(t.containerId, sql`display_name collate nocase`, sql`alias collate nocase`),
    index('recipient_hidden').on(t.containerId).where(sql`hidden`),
  ],
);

/** The Dirsync Server object (Exchange is the DSS); at most one per server. */
export const dirsyncServer = sqliteTable('dirsync_server', {
  serverId: integer('server_id').primaryKey().references(() => exchangeServer.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default('Dirsync Server'),
  administrator: text('administrator').notNull().default(''),
  copyAdministrator: integer('copy_administrator', { mode: 'boolean' }).notNull().default(false),
  forwardToAdministrator: integer('forward_to_administrator', { mode: 'boolean' }).notNull().default(false),
  scheduleStyle: text('schedule_style', { enum: ['never', 'always', 'selected'] }).notNull().default('selected'),
  /** 168 characters `0`/`1`, Sunday 00:00 first: the hours T2 starts at. */
  schedule: text('schedule').notNull(),
  /** Top of the hour the schedule last ran at (ms). */
  lastRunAt: integer('last_run_at'),
  revision: integer('revision').notNull().default(0),
});

/**
 * A Remote Dirsync Requestor (`kind = 'remote'`, an MS Mail requestor of this Exchange DSS; its
 * numbers are the connector PO's SRVCONF record) or the Dirsync Requestor (`kind = 'requestor'`,
 * Exchange as requestor of an MS Mail DSS; its numbers and Settings are the connector PO's REQCONF).
 */
export const dirsyncLink = sqliteTable(
  'dirsync_link',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['remote', 'requestor'] }).notNull(),
    /** `NET/PO`: the requestor postoffice (remote) or the dirsync server postoffice (requestor). */
    po: text('po').notNull(),
    name: text('name').notNull(),
    appendName: integer('append_name', { mode: 'boolean' }).notNull().default(false),
    /** `NET/PO/$SYSTEM` of the other side. */
    dirsyncAddress: text('dirsync_address').notNull(),
    addressType: text('address_type').notNull().default('MS'),
    language: text('language').notNull().default('English'),
    /** Fixed once set. */
    importContainerId: integer('import_container_id').references(() => recipientContainer.id),
    importTrust: integer('import_trust').notNull().default(0),
    exportTrust: integer('export_trust').notNull().default(100),
    exportCustom: integer('export_custom', { mode: 'boolean' }).notNull().default(true),
    sendTemplates: integer('send_templates', { mode: 'boolean' }).notNull().default(false),
    receiveTemplates: integer('receive_templates', { mode: 'boolean' }).notNull().default(false),
    /** Dirsync Requestor ▸ Settings ▸ Export on next cycle (one-shot, at the next T1). */
    exportNext: integer('export_next', { mode: 'boolean' }).notNull().default(false),
    scheduleStyle: text('schedule_style', { enum: ['never', 'always', 'selected'] }).notNull().default('selected'),
    schedule: text('schedule').notNull(),
    lastRunAt: integer('last_run_at'),
    revision: integer('revision').notNull().default(0),
  },
  (t) => [uniqueIndex('dirsync_link_po').on(t.serverId, t.kind, t.po), uniqueIndex('dirsync_link_name').on(t.serverId, t.name)],
);

/** Export Containers of a dirsync link. */
export const dirsyncExportContainer = sqliteTable(
  'dirsync_export_container',
  {
    linkId: integer('link_id').notNull().references(() => dirsyncLink.id, { onDelete: 'cascade' }),
    containerId: integer('container_id').notNull().references(() => recipientContainer.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.containerId] })],
);

/** The Directory Synchronization object's settings: General, E-mail Addresses and Delivery Restrictions (xog11024; docs/exchange.md). */
export const directorySyncObject = sqliteTable('directory_sync_object', {
  serverId: integer('server_id')
    .primaryKey()
    .references(() => exchangeServer.id, { onDelete: 'cascade' }),
  acceptFrom: text('accept_from', { enum: ['All', 'List'] }).notNull().default('All'),
  rejectFrom: text('reject_from', { enum: ['None', 'List'] }).notNull().default('None'),
  revision: integer('revision').notNull().default(0),
  /** General tab ▸ Display name; null: "Directory Synchronization". */
  displayName: text('display_name'),
  /** E-mail Addresses ▸ MS: the mailbox part of the DXA's address when edited (KB Q187779); null: generated (KB Q150828). */
  msMailbox: text('ms_mailbox'),
});

/** Members of the Accept / Reject lists of the Delivery Restrictions tab. */
export const deliveryRestriction = sqliteTable(
  'delivery_restriction',
  {
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    list: text('list', { enum: ['accept', 'reject'] }).notNull(),
    recipientId: integer('recipient_id').notNull().references(() => recipient.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.list, t.recipientId] })],
);

/** Incoming Templates (MS Mail prompt → Exchange attribute) and Outgoing Templates (attribute → prompt). */
export const templateMap = sqliteTable(
  'template_map',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    serverId: integer('server_id').notNull().references(() => exchangeServer.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['incoming', 'outgoing'] }).notNull(),
    /** MS Mail template prompt with its colon, e.g. `Department:`. */
    prompt: text('prompt').notNull(),
    /** Exchange attribute, e.g. `Department`. */
    attribute: text('attribute').notNull(),
  },
  (t) => [
    uniqueIndex('template_map_incoming').on(t.serverId, sql`prompt collate nocase`).where(sql`direction = 'incoming'`),
    uniqueIndex('template_map_outgoing').on(t.serverId, t.attribute).where(sql`direction = 'outgoing'`),
  ],
);

/** A recipient's directory attributes beyond its name (Title, Company, Department, …). */
export const recipientAttribute = sqliteTable(
  'recipient_attribute',
  {
    recipientId: integer('recipient_id').notNull().references(() => recipient.id, { onDelete: 'cascade' }),
    attribute: text('attribute').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipientId, t.attribute] })],
);
