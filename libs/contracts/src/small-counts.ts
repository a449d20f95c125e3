/**
 * Small-cell suppression: in figures that leave a site (region, host structure), a count from 1 to
 * 4 could point at one person, so it is hidden (null). Zero is shown (it singles nobody out), and
 * so are totals, which a reader cannot narrow down without the hidden cells.
 */
export const SMALLEST_COUNT_SHOWN = 5;

export function hideSmallCount(count: number): number | null;
export function hideSmallCount(count: number | null): number | null;
export function hideSmallCount(count: number | null): number | null {
  return count !== null && count > 0 && count < SMALLEST_COUNT_SHOWN ? null : count;
}
