/** The Resync Wizard's page names, as the panel and the links show them. */
export const PAGE_LABELS: Record<string, string> = {
  direction: 'Direction',
  requestors: 'Requestors',
  exchange: 'Exchange DSS',
  prediction: 'Prediction',
  files: 'Files',
  steps: 'Steps',
  finish: 'Finish',
};
