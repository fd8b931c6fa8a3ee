import type { LinkSheet } from '@/lib/queries/dirsync-objects';
import { CheckField, NumberField } from '@/components/sheet/fields';
import { ExportContainersField } from './export-containers-field';
import { ReadOnlyField } from './sheet-bits';

/** xog11013, quoted on the Import Container tab. */
export const IMPORT_CONTAINER_FIXED =
  'You cannot choose another directory import container once one has been specified. If you want to modify where imported directory information is placed, you must delete the existing requestor and configure a new one.';

/** Import Container tab (both requestor objects): the container, fixed once chosen, and the trust level of what is imported. */
export function ImportContainerTab({ sheet }: { sheet: LinkSheet }) {
  return (
    <>
      <ReadOnlyField label="Import container" value={sheet.importContainer ?? '(none)'} hint={IMPORT_CONTAINER_FIXED} />
      <NumberField
        label="Trust level"
        name="importTrust"
        defaultValue={sheet.importTrust}
        hint="Imported custom recipients get this trust level (0–100); changes made to them by hand are overwritten by the next import that includes them."
      />
    </>
  );
}

/** Export Containers tab (both requestor objects). */
export function ExportContainersTab({ sheet, site, containers }: { sheet: LinkSheet; site: string; containers: string[] }) {
  return (
    <>
      <ExportContainersField site={site} containers={containers} selected={sheet.exportContainers} />
      <NumberField label="Trust level" name="exportTrust" defaultValue={sheet.exportTrust} hint="Only recipients with a trust level at or below this (0–100) are exported." />
      <CheckField label="Export custom recipients" name="exportCustom" defaultChecked={sheet.exportCustom} />
      <p className="text-[12px] text-ink-muted">
        A change to the containers, the trust level or Export custom recipients sends a full Replace of this server&apos;s addresses to the dirsync server (KB Q200062).
      </p>
    </>
  );
}
