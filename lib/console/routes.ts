/**
 * Every URL of the console in one place (docs/console.md, "URLs"): pages, redirects, links and the
 * hrefs the read models and Health hand out are built here, so a route's shape is changed once.
 * Framework-free: the engine's read models (lib/queries, lib/health) use it as well as app/.
 *
 * An MS Mail address NET/PO is one path segment as NET~PO (a slash would split the path).
 */

const seg = encodeURIComponent;

/** NET/PO → `NET~PO`, encoded as a path segment. */
export const poSegment = (po: string) => seg(po.replace('/', '~'));
/** A path segment `NET~PO` (as the route receives it, encoded or not) → `NET/PO`, upper case. */
export const poFromSegment = (segment: string) => decodeURIComponent(segment).replace('~', '/').toUpperCase();

const exchange = (server: string) => `/exchange/${seg(server)}`;
const query = (params: Record<string, string | undefined>) => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return q.size ? `?${q}` : '';
};

export const routes = {
  home: () => '/',
  /** The sign-in page, coming back to `next` afterwards. */
  signIn: (next?: string) => `/login${query({ next })}`,
  health: () => '/health',
  history: () => '/history',
  topology: () => '/topology',
  accounts: () => '/accounts',

  /** An Exchange server: its Services view is where the tree opens it. */
  exchange,
  services: (server: string) => `${exchange(server)}/services`,
  registry: (server: string) => `${exchange(server)}/registry`,
  events: (server: string) => `${exchange(server)}/events`,
  serverFiles: (server: string) => `${exchange(server)}/files`,
  connections: (server: string) => `${exchange(server)}/connections`,
  addressBook: (server: string, params: URLSearchParams) => `${exchange(server)}/address-book?${params}`,
  /** The MS Mail Connector's property sheet at a tab (the URL segment of the tab). */
  connector: (server: string, tab: string = 'general') => `${exchange(server)}/connector/${seg(tab)}`,
  directorySync: (server: string, tab: string = 'general') => `${exchange(server)}/directory-synchronization/${seg(tab)}`,
  /** The server's own Directory Synchronization view (the sheet's container, as the tree names it). */
  directorySyncView: (server: string) => `${exchange(server)}/directory-synchronization`,
  dirsyncServer: (server: string, tab: string = 'general') => `${exchange(server)}/dirsync-server/${seg(tab)}`,
  newDirsyncServer: (server: string) => `${exchange(server)}/dirsync-server/new`,
  requestor: (server: string, tab: string = 'general') => `${exchange(server)}/requestor/${seg(tab)}`,
  newRequestor: (server: string) => `${exchange(server)}/requestor/new`,
  remoteRequestors: (server: string) => `${exchange(server)}/remote-requestors`,
  newRemoteRequestor: (server: string) => `${exchange(server)}/remote-requestors/new`,
  remoteRequestor: (server: string, po: string, tab: string = 'general') => `${exchange(server)}/remote-requestors/${poSegment(po)}/${seg(tab)}`,
  recipients: (server: string, container: string) => `${exchange(server)}/recipients/${seg(container)}`,
  recipient: (server: string, container: string, alias: string, tab: string = 'general') => `${exchange(server)}/recipients/${seg(container)}/${seg(alias)}/${seg(tab)}`,

  /** An MS Mail postoffice (NET/PO). */
  postoffice: (po: string) => `/msmail/${poSegment(po)}`,
  postofficeFiles: (po: string) => `/msmail/${poSegment(po)}/files`,
  postofficeLogs: (po: string) => `/msmail/${poSegment(po)}/logs`,
  /** The postoffice page's Schedule panel. */
  postofficeSchedule: (po: string) => `/msmail/${poSegment(po)}#panel-schedule`,

  newPostoffice: () => '/new/postoffice',
  newExchangeServer: () => '/new/exchange-server',

  /** The Resync Wizard: a new run (pre-filled with a DSS and/or a requestor), a stored run at a page, its RESYNC.GLB. */
  /** `all`: list every open run, not only the newest. */
  newResyncWizard: (prefill: { dss?: string; requestor?: string; all?: '1' } = {}) => `/wizards/resync/new${query(prefill)}`,
  resyncWizard: (id: number | string, page?: string) => `/wizards/resync/${seg(String(id))}${query({ page })}`,
  resyncWizardFile: (id: number | string) => `/wizards/resync/${seg(String(id))}/file`,

  /** The Manual Dirsync Wizard (document 003's cycle as a checklist) and the preview of a requestor's next cycle. */
  newManualWizard: () => '/wizards/manual/new',
  manualWizard: (id: number | string, page?: string) => `/wizards/manual/${seg(String(id))}${query({ page })}`,
  preview: (requestor: string) => `/preview${query({ requestor })}`,
};
