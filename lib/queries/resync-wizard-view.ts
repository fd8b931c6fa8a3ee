import type { Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { links } from '@/lib/exchange/dxa/dirsync-links';
import { registryValues } from '@/lib/exchange/services/registry';
import { atLeastSp3, findServer } from '@/lib/exchange/servers/servers';
import { predictResync, predictResyncFile, resyncDirections, type ResyncPrediction } from '@/lib/resync/predict-resync';
import { readWizard, WIZARD_PAGES, wizardFile, wizardFileHeader, type WizardDto, type WizardPage } from '@/lib/resync/wizard-state';
import { DIRECTION_TITLES, type WizardDirection } from '@/lib/resync/wizard-targets';

/** What the Resync Wizard's pages show: the run, the prediction and the choices (plain data for the client). */
export interface RequestorChoice {
  requestor: string;
  kind: 'msmail' | 'exchange';
  atRequestor: { reqSync: number; srvSync: number; impSync: number };
  inDss: { reqSync: number; srvSync: number; impSync: number } | null;
}

export interface ResyncWizardView {
  wizard: WizardDto;
  page: WizardPage;
  pages: WizardPage[];
  directionTitle: string;
  choices: RequestorChoice[];
  /** Exchange DSS: its version, whether it reads GlobalMaxSeqInResync, the Remote Dirsync Requestor names, the registry's value now. */
  exchange: { server: string; version: string; sp3: boolean; remoteNames: { name: string; po: string }[]; registryGlobalMax: boolean } | null;
  /** The prediction for the run's options (or its uploaded file); an error when it cannot be made. */
  prediction: ResyncPrediction | { error: string };
  /** The file of the run: its header or why it is damaged. */
  file: { source: 'dss' | 'upload'; size: number; header: ReturnType<typeof wizardFileHeader> } | null;
}

const guard = <T,>(f: () => T): T | { error: string } => {
  try {
    return f();
  } catch (e) {
    if (e instanceof DirsyncError) return { error: e.message };
    throw e;
  }
};

export function pagesOf(direction: WizardDirection): WizardPage[] {
  return WIZARD_PAGES.filter((p) => p !== 'exchange' || direction === 'exchange-dss-to-msmail');
}

export function resyncWizardView(db: Db, id: number, asked?: string): ResyncWizardView {
  const wizard = readWizard(db, id);
  const pages = pagesOf(wizard.direction);
  const page = pages.includes(asked as WizardPage) ? (asked as WizardPage) : wizard.page;
  const all = resyncDirections(db).find((d) => d.direction === wizard.direction && d.dss === wizard.dss)?.requestors ?? wizard.requestors;
  const everyone = guard(() => predictResync(db, { dss: wizard.dss, requestors: [...new Set([...all, ...wizard.requestors])], names: wizard.direction === 'exchange-dss-to-msmail' ? wizard.names : undefined }));
  const choices: RequestorChoice[] = 'error' in everyone ? [] : everyone.verdicts.map(({ requestor, kind, atRequestor, inDss }) => ({ requestor, kind, atRequestor, inDss }));
  let exchange: ResyncWizardView['exchange'] = null;
  if (wizard.direction === 'exchange-dss-to-msmail') {
    const server = findServer(db, wizard.dss);
    if (server) {
      exchange = {
        server: server.name,
        version: server.version,
        sp3: atLeastSp3(server),
        remoteNames: links(db, server, 'remote').map((l) => ({ name: l.name, po: l.po })),
        registryGlobalMax: registryValues(db, server.name).some((v) => v.name === 'GlobalMaxSeqInResync' && v.data === 1),
      };
    }
  }
  const f = wizardFile(db, id);
  const prediction =
    f && f.source === 'upload'
      ? guard(() => predictResyncFile(db, f.bytes, wizard.requestors, wizard.dss))
      : guard(() =>
          predictResync(db, {
            dss: wizard.dss,
            requestors: wizard.requestors,
            ...(wizard.direction === 'exchange-dss-to-msmail' ? { names: wizard.names, globalMax: wizard.globalMax || !!exchange?.registryGlobalMax } : {}),
          }),
        );
  return {
    wizard,
    page,
    pages,
    directionTitle: DIRECTION_TITLES[wizard.direction],
    choices,
    exchange,
    prediction,
    file: f ? { source: f.source, size: f.bytes.length, header: wizardFileHeader(db, id) } : null,
  };
}

/** The Direction page of a new run: the directions this network has, and what the link that opened it names. */
export function newWizardChoices(db: Db, prefill: { dss?: string; requestor?: string }) {
  const directions = resyncDirections(db).map((d) => ({ ...d, title: DIRECTION_TITLES[d.direction] }));
  const want = (s?: string) => s?.trim().toUpperCase();
  const dss = want(prefill.dss);
  const requestor = want(prefill.requestor);
  let chosen = directions.findIndex((d) => (dss ? d.dss === dss : false) && (!requestor || d.requestors.includes(requestor)));
  if (chosen < 0 && requestor) chosen = directions.findIndex((d) => d.requestors.includes(requestor));
  if (chosen < 0 && dss) chosen = directions.findIndex((d) => d.dss === dss);
  const dssOf = (name: string) => {
    const server = findServer(db, name);
    return server ? `Exchange server ${server.name} (${server.version})` : `MS Mail postoffice ${name}`;
  };
  return {
    directions: directions.map((d) => ({ ...d, dssLabel: dssOf(d.dss) })),
    chosen: chosen < 0 ? (directions.length ? 0 : -1) : chosen,
    requestor: requestor && chosen >= 0 && directions[chosen].requestors.includes(requestor) ? requestor : undefined,
  };
}
