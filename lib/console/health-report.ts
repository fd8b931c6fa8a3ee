import { cache } from 'react';
import { sharedDatabase } from '@/db/client';
import { checkHealth } from '@/lib/health/check-health';

/**
 * Health for the page being rendered: the status bar (in the layout) and the overview or Health
 * page ask in the same request, and the checks run once for both.
 */
export const healthReport = cache(() => checkHealth(sharedDatabase()));
