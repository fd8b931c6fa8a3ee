'use client';

import { useFieldError, useMessageOnce } from '@/components/sheet/property-sheet';

/** The last save's error for `name`, for fields that are not one control (the Address Space costs). */
export function FieldErrorNote({ name }: { name: string }) {
  const error = useFieldError(name);
  const once = useMessageOnce();
  return error && !once ? <p className="text-[12px] text-red-800">{error}</p> : null;
}
