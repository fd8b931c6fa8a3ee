'use client';

import { createExchangeServerAction } from '../../build-actions';
import { DialogForm, Field } from '@/components/build/dialog-form';

/**
 * File ▸ New Other ▸ Exchange Server: what Setup asks (organization, site, server name, version)
 * and the MS Mail Connector's Local Postoffice names, which Setup derives from the organization
 * and site (their letters and digits, cut to 10) unless given.
 */
export function NewExchangeServerDialog({ versions, sites, readOnly }: { versions: readonly string[]; sites: { organization: string; site: string }[]; readOnly: boolean }) {
  const first = sites[0];
  return (
    <DialogForm title="New Exchange Server" action={createExchangeServerAction} cancelHref="/" readOnly={readOnly} done={(d) => `Exchange server ${d.name} created; its MS Mail Connector postoffice is ${d.postoffice}`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Organization" name="organization" hint={first ? `An existing one joins it, e.g. ${first.organization}.` : 'e.g. POLYNOMIAL'}>
          {(p) => <input {...p} maxLength={64} autoComplete="off" defaultValue={first?.organization ?? ''} />}
        </Field>
        <Field label="Site" name="site" hint={first ? `An existing site gets another server, e.g. ${first.site}.` : 'e.g. HQ'}>
          {(p) => <input {...p} maxLength={64} autoComplete="off" defaultValue={first?.site ?? ''} />}
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Server name" name="server" hint="1 to 15 letters, digits or hyphens.">
          {(p) => <input {...p} maxLength={15} autoComplete="off" className={`${p.className} font-mono uppercase`} />}
        </Field>
        <Field label="Version" name="version" hint="Microsoft Exchange Server version (5.5 SP3 reads GlobalMaxSeqInResync).">
          {(p) => (
            <select {...p} defaultValue="5.5 SP3" className={`${p.className} w-full`}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1">MS Mail Connector: Local Postoffice</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Network name" name="network" hint="Empty: the organization's name, letters and digits, up to 10.">
            {(p) => <input {...p} maxLength={10} autoComplete="off" className={`${p.className} font-mono uppercase`} />}
          </Field>
          <Field label="PostOffice name" name="postoffice" hint="Empty: the site's name, letters and digits, up to 10.">
            {(p) => <input {...p} maxLength={10} autoComplete="off" className={`${p.className} font-mono uppercase`} />}
          </Field>
        </div>
      </fieldset>
    </DialogForm>
  );
}
