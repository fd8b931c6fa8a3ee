'use client';

import { useId, useState } from 'react';
import type { ActionResult, SafeAction } from '@/lib/actions/safe-action';
import { DialogFrame } from '@/components/ui/dialog-frame';
import { ColumnHeads } from '@/components/ui/column-heads';
import { useToast } from '@/components/console/toasts';
import { useAction } from '@/components/ui/use-action';
import type { FilesView as View } from '@/lib/queries/files-view';

const UPLOAD_LIMIT = 512 * 1024;

/** Copy to…, Delete and Upload (app/(console)/file-actions.ts), handed in by the page. */
export interface FileActions {
  copy: SafeAction<unknown>;
  remove: SafeAction<unknown>;
  upload: SafeAction<{ name: string }>;
}

const fmtDate = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

/** Bytes as base64, a chunk at a time (String.fromCharCode takes a bounded argument list). */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let k = 0; k < bytes.length; k += 8192) s += String.fromCharCode(...bytes.subarray(k, k + 8192));
  return btoa(s);
}

/**
 * A place's files as a list (Name, Size, Date), the selected one's LISTQ-style dump below, and
 * Copy to…, Delete (confirmed), Download and Upload. Queues are the utilities' own: shown only.
 */
export function FilesView({ view, readOnly, actions }: { view: View; readOnly: boolean; actions: FileActions }) {
  const toast = useToast();
  const { pending, status, run } = useAction();
  const [selected, setSelected] = useState<string | null>(view.files.find((f) => f.kind === 'file')?.name ?? view.files[0]?.name ?? null);
  const [dialog, setDialog] = useState<'copy' | 'delete' | 'upload' | null>(null);
  const [target, setTarget] = useState(view.targets[0]?.place ?? '');
  const [uploadName, setUploadName] = useState('RESYNC.GLB');
  const [uploadFile, setUploadFile] = useState<File | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const ids = { target: useId(), file: useId(), name: useId(), text: useId() };
  const file = view.files.find((f) => f.name === selected) ?? null;
  const movable = file?.kind === 'file';
  const close = () => {
    setDialog(null);
    setDialogError(null);
  };
  /** A dialog's action: a refusal stays in the dialog; a success closes it and is said in the result line and a toast. */
  const act = <T,>(call: () => Promise<ActionResult<T>>, done: string, then?: (data: T) => void) =>
    run(call, {
      done: (data) => {
        then?.(data);
        close();
        toast(done);
        return done;
      },
      failed: (r) => setDialogError(r.error),
    });

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1.5">
      {view.warnings.map((w) => (
        <p key={w} role="alert" className="border border-amber-700 bg-amber-50 px-2 py-1.5 text-amber-900">
          {w}
        </p>
      ))}
      <div role="toolbar" aria-label="File commands" className="flex flex-wrap gap-1.5">
        <button type="button" className="button" disabled={!movable || readOnly || !view.targets.length} onClick={() => setDialog('copy')}>
          Copy to…
        </button>
        <button type="button" className="button" disabled={!movable || readOnly} onClick={() => setDialog('delete')}>
          Delete
        </button>
        {movable ? (
          <a className="button" href={`${view.href}/download?name=${encodeURIComponent(file!.name)}`} download>
            Download
          </a>
        ) : (
          <span className="button text-ink-muted" aria-disabled="true">
            Download
          </span>
        )}
        <button type="button" className="button" disabled={readOnly} onClick={() => setDialog('upload')}>
          Upload…
        </button>
      </div>
      <div className="bevel-sunken max-h-64 min-h-24 overflow-auto bg-white" tabIndex={0} aria-label="Files list">
        <table aria-label={`Files of ${view.title}`} className="w-full border-collapse text-left text-[13px]">
          <ColumnHeads columns={['Name', 'Size', 'Date', 'Kind']} className="bevel-raised px-2 py-1 font-normal" />
          <tbody>
            {view.files.map((f) => (
              <tr key={f.name} aria-selected={f.name === selected} className={`h-7 cursor-default ${f.name === selected ? 'bg-select text-white' : 'hover:bg-chrome-light'}`} onClick={() => setSelected(f.name)}>
                <td className="px-2">
                  <button type="button" className="text-left font-mono" onClick={() => setSelected(f.name)} aria-pressed={f.name === selected}>
                    {f.name}
                  </button>
                </td>
                <td className="px-2 tabular-nums">{f.size.toLocaleString('en')}</td>
                <td className="px-2 whitespace-nowrap tabular-nums">{fmtDate(f.date)}</td>
                <td className="px-2">{f.kind === 'queue' ? 'Queue (kept by the utilities)' : 'File'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.files.length === 0 ? <p className="px-3 py-4">No files in {view.title}.</p> : null}
      </div>
      <p role="status" aria-label="Files result" className={`min-h-5 text-[12px] ${status?.error ? 'text-red-800' : ''}`}>
        {status?.text}
      </p>
      {file ? (
        <section aria-label={`Contents of ${file.name}`} className="flex min-h-0 flex-1 flex-col">
          <h2 className="font-semibold">{file.name}</h2>
          <pre tabIndex={0} className="bevel-sunken min-h-24 flex-1 overflow-auto bg-black p-2 font-mono text-[12px] whitespace-pre text-[#c0c0c0]">
            {file.dump || '(empty)'}
          </pre>
        </section>
      ) : null}

      {dialog === 'copy' && file ? (
        <DialogFrame title={`Copy ${file.name} to`} onEscape={close}>
          <form
            className="grid gap-3 p-3"
            onSubmit={(e) => {
              e.preventDefault();
              act(() => actions.copy({ place: view.place, name: file.name, to: target }), `${file.name} copied to ${target}`);
            }}
          >
            <label htmlFor={ids.target}>Copy to</label>
            <select id={ids.target} className="field" value={target} onChange={(e) => setTarget(e.target.value)}>
              {view.targets.map((t) => (
                <option key={t.place} value={t.place}>
                  {t.label}
                </option>
              ))}
            </select>
            {dialogError ? (
              <p role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
                {dialogError}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button type="submit" className="button min-w-20" disabled={pending}>
                OK
              </button>
              <button type="button" className="button min-w-20" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </DialogFrame>
      ) : null}

      {dialog === 'delete' && file ? (
        <DialogFrame title="Confirm File Delete" role="alertdialog" describedBy={ids.text} onEscape={close}>
          <div className="grid gap-3 p-3">
            <p id={ids.text}>
              Are you sure you want to delete {file.name} from {view.title}? It cannot be brought back.
            </p>
            {dialogError ? (
              <p role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
                {dialogError}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button
                type="button"
                className="button min-w-20"
                disabled={pending}
                onClick={() => act(() => actions.remove({ place: view.place, name: file.name }), `${file.name} deleted from ${view.place}`)}
              >
                Yes
              </button>
              <button type="button" className="button min-w-20" data-autofocus onClick={close}>
                No
              </button>
            </div>
          </div>
        </DialogFrame>
      ) : null}

      {dialog === 'upload' ? (
        <DialogFrame title={`Upload to ${view.title}`} onEscape={close}>
          <form
            className="grid gap-3 p-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (!uploadFile) return setDialogError('Choose a file to upload');
              if (uploadFile.size > UPLOAD_LIMIT) return setDialogError(`${uploadFile.name} is ${uploadFile.size} bytes; the limit is ${UPLOAD_LIMIT}`);
              const chosen = uploadFile;
              act(
                async () => actions.upload({ place: view.place, name: uploadName, content: base64(new Uint8Array(await chosen.arrayBuffer())) }),
                `${uploadName.toUpperCase()} uploaded to ${view.place}`,
                (d) => setSelected(d.name),
              );
            }}
          >
            <label htmlFor={ids.file}>File</label>
            <input
              id={ids.file}
              type="file"
              className="field"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setUploadFile(f);
                if (f) setUploadName(f.name.toUpperCase().slice(0, 12));
              }}
            />
            <label htmlFor={ids.name}>Save as</label>
            <input id={ids.name} className="field font-mono" value={uploadName} maxLength={12} onChange={(e) => setUploadName(e.target.value)} />
            <p className="text-[12px]">RESYNC.GLB is checked record by record; other files must be text (an import list, a schedule). At most 512 KB.</p>
            {dialogError ? (
              <p role="alert" className="border border-red-700 bg-red-50 px-2 py-1.5 text-red-800">
                {dialogError}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <button type="submit" className="button min-w-20" disabled={pending}>
                Upload
              </button>
              <button type="button" className="button min-w-20" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </DialogFrame>
      ) : null}
    </div>
  );
}
