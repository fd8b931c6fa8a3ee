/**
 * Arrow keys, Home and End in a 7 × 24 week-by-hour grid (cell k = day * 24 + hour): the cell a key
 * moves to, `null` at the grid's edge, `undefined` for a key the grid does not handle. Shared by the
 * Exchange Schedule tabs and the MS Mail Dispatch schedule.
 */
export function weekGridMove(key: string, k: number): number | null | undefined {
  const day = Math.floor(k / 24);
  const hour = k % 24;
  switch (key) {
    case 'ArrowRight':
      return hour < 23 ? k + 1 : null;
    case 'ArrowLeft':
      return hour > 0 ? k - 1 : null;
    case 'ArrowDown':
      return day < 6 ? k + 24 : null;
    case 'ArrowUp':
      return day > 0 ? k - 24 : null;
    case 'Home':
      return day * 24;
    case 'End':
      return day * 24 + 23;
    default:
      return undefined;
  }
}
