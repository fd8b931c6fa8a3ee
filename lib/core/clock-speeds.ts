/**
 * The clock's speeds in words, apart from the clock's query: the status bar's clock (a client
 * component) imports them, and a client import of the query would bundle the whole engine into
 * every page's scripts (test/client-bundle.test.ts).
 */

/** The speeds the console offers, in the words both the speed box and the status show. */
export const CLOCK_SPEEDS = [
  { value: 1, label: 'Real time' },
  { value: 60, label: '1 minute per second' },
  { value: 600, label: '10 minutes per second' },
  { value: 3600, label: '1 hour per second' },
] as const;

/** One wording for a speed wherever it shows: the offered label, else simulated seconds per second. */
export function speedText(speed: number): string {
  const offered = CLOCK_SPEEDS.find((s) => s.value === speed);
  if (offered) return offered.label;
  const n = Number(speed.toPrecision(3));
  return `${n.toLocaleString('en', { maximumSignificantDigits: 3 })} simulated ${n === 1 ? 'second' : 'seconds'} per second`;
}
