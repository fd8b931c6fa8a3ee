'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/actions/safe-action';
import { required } from '@/lib/actions/form-fields';
import { copyFile } from '@/lib/dirsync/copy-file';
import { deleteFile } from '@/lib/dirsync/delete-file';
import { usage } from '@/lib/core/errors';
import { MAX_UPLOAD_BYTES, placeFile } from '@/lib/dirsync/place-file';
import { resolvePlace } from '@/lib/dirsync/places';

/** A place as the Files view sends it: `NET/PO` or `SERVER:Dxadata`, checked by the engine. */
const place = required('Place').max(40, 'A place is NET/PO or SERVER:Dxadata');
const name = required('File name').max(12, 'A file name is at most 8.3 characters');
/** Base64 of at most MAX_UPLOAD_BYTES: refused before it is decoded. */
const MAX_BASE64 = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

/** Files view ▸ Copy to…: a file of one place into another (lib/dirsync/copy-file.ts). */
export const copyFileAction = defineAction({
  name: 'Files: Copy to',
  noRevision: 'copies a file of the model: an act, not a form',
  schema: z.object({ place, name, to: place }),
  fieldOf: () => 'to',
  run: ({ db, input, audit }) => {
    const from = resolvePlace(db, input.place);
    const to = resolvePlace(db, input.to);
    const done = copyFile(db, from, to, input.name);
    audit(`${to} ${done.name}`, null, { copiedFrom: from, bytes: done.size });
    return { ...done, to };
  },
});

/** Files view ▸ Delete (after the confirmation). */
export const deleteFileAction = defineAction({
  name: 'Files: Delete',
  noRevision: 'deletes the file selected, after Yes',
  schema: z.object({ place, name }),
  run: ({ db, input, audit }) => {
    const at = resolvePlace(db, input.place);
    const gone = deleteFile(db, at, input.name);
    audit(`${at} ${gone}`, { file: gone }, null);
    return gone;
  },
});

/**
 * Files view ▸ Upload: the file's bytes as base64, at most 512 KB; RESYNC.GLB must decode and any
 * other file be text (lib/dirsync/place-file.ts). Nothing reaches the host's disk.
 */
export const uploadFileAction = defineAction({
  name: 'Files: Upload',
  noRevision: 'writes a new file (or replaces one, as a DOS copy would)',
  schema: z.object({
    place,
    name,
    content: z.string().max(MAX_BASE64, `The file is larger than ${MAX_UPLOAD_BYTES / 1024} KB, the upload limit`),
  }),
  fieldOf: (e) => (/not a DOS file name|own files/.test(e.message) ? 'name' : 'content'),
  run: ({ db, input, audit }) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.content) || input.content.length % 4 !== 0) throw usage('the upload did not arrive whole: choose the file again');
    const at = resolvePlace(db, input.place);
    const bytes = new Uint8Array(Buffer.from(input.content, 'base64'));
    const done = placeFile(db, at, input.name, bytes);
    audit(`${at} ${done.name}`, null, { uploaded: done.name, bytes: done.size });
    return done;
  },
});
