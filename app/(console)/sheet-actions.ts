'use server';

import { defineSheetApply } from '@/lib/actions/safe-action';

/** A property sheet's Apply / OK: every changed page in one transaction (components/sheet/property-sheet.tsx). */
export const applySheetAction = defineSheetApply();
