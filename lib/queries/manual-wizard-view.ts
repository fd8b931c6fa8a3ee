import type { Db } from '@/db/client';
import { DirsyncError } from '@/lib/core/errors';
import { cycleNetwork, dirsyncServers } from '@/lib/manual/cycle-network';
import { readManualWizard, type ManualWizardDto } from '@/lib/manual/manual-wizard';
import { previewNetworkCycle, type CyclePreview } from '@/lib/manual/preview-cycle';

export const MANUAL_PAGES = ['server', 'preview', 'steps', 'finish'] as const;
export type ManualPage = (typeof MANUAL_PAGES)[number];

export interface ManualWizardView {
  wizard: ManualWizardDto;
  page: Exclude<ManualPage, 'server'>;
  /** The preview: the one taken when the first step ran, or (before that) one made now. */
  preview: { taken: 'first step' | 'now'; previews: CyclePreview[] } | { error: string };
}

/** The run and what its page shows (`page` from the URL, else Steps once started, else Preview). */
export function manualWizardView(db: Db, id: number, page?: string): ManualWizardView {
  const wizard = readManualWizard(db, id);
  const chosen = page === 'preview' || page === 'steps' || page === 'finish' ? page : wizard.started ? 'steps' : 'preview';
  let preview: ManualWizardView['preview'];
  if (wizard.expected) preview = { taken: 'first step', previews: wizard.expected };
  else if (chosen === 'preview') {
    try {
      preview = { taken: 'now', previews: previewNetworkCycle(db, wizard.dss) };
    } catch (e) {
      if (!(e instanceof DirsyncError)) throw e;
      preview = { error: e.message };
    }
  } else preview = { error: 'not made yet' };
  return { wizard, page: chosen, preview };
}

/** The first page: every dirsync server with the requestors its cycle would run. */
export function manualWizardChoices(db: Db): { dss: string; kind: 'msmail' | 'exchange'; requestors: string[] }[] {
  return dirsyncServers(db)
    .map((d) => {
      const n = cycleNetwork(db, d.key);
      return { dss: d.key, kind: d.kind, requestors: [...n.msmail, ...n.exchange] };
    })
    .filter((d) => d.requestors.length > 0);
}
