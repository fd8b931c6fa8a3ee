'use client';

import { createPostofficeAction } from '../../build-actions';
import { DialogForm, Field } from '@/components/build/dialog-form';

/**
 * File ▸ New Other ▸ MS Mail Postoffice: the postoffice's Network and Postoffice names, its
 * drive (the next free from M unless chosen), the administrator's password and its file server.
 */
export function NewPostofficeDialog({ freeDrives, readOnly }: { freeDrives: string[]; readOnly: boolean }) {
  return (
    <DialogForm title="New MS Mail Postoffice" action={createPostofficeAction} cancelHref="/" readOnly={readOnly} done={(d) => `Postoffice ${d.name} created${d.drive ? ` on drive ${d.drive}:` : ''}`}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Network" name="network" hint="1 to 10 letters or digits, e.g. POLYNOMIAL.">
          {(p) => <input {...p} maxLength={10} autoComplete="off" className={`${p.className} font-mono uppercase`} />}
        </Field>
        <Field label="Postoffice" name="postoffice" hint="1 to 10 letters or digits, e.g. MONTGOMERY.">
          {(p) => <input {...p} maxLength={10} autoComplete="off" className={`${p.className} font-mono uppercase`} />}
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Drive" name="drive" hint="The drive the MS Mail utilities name it by (-dM).">
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">{freeDrives.length ? `Next free (${freeDrives[0]}:)` : 'None (all 26 in use)'}</option>
              {freeDrives.map((d) => (
                <option key={d} value={d}>
                  {d}:
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="File server" name="fileServer" hint="\\server\MAILDATA holds it; default FS-<postoffice>.">
          {(p) => <input {...p} maxLength={15} autoComplete="off" />}
        </Field>
      </div>
      <Field label="Administrator password" name="password" hint="The ADMIN account's password: IMPORT asks for it.">
        {(p) => <input {...p} type="password" autoComplete="new-password" />}
      </Field>
    </DialogForm>
  );
}
