import { NetworkViewer } from '@kpa/contracts';

/**
 * Who may see someone of a skill pool. The rules of issue 12 §2, as one pure function that the
 * repository's query mirrors (and the tests hold to):
 * - a member is listed only while they chose to be (visible), are an active member and not erased;
 * - a minor is never listed outside their own site: only the viewer's own sites see them
 *   (a network admin is no site's member: they do not see minors either);
 * - a team person added by a coordinator is listed while visible.
 */
export interface PoolEntry {
  siteId: string;
  kind: 'member' | 'team';
  visible: boolean;
  /** Member entries: from membership's events. */
  active: boolean;
  erased: boolean;
  /** The day a minor turns 18; null for adults and team people. */
  adultOn: string | null;
}

export function isMinorOn(adultOn: string | null, today: string): boolean {
  return adultOn !== null && adultOn > today;
}

export function listedFor(entry: PoolEntry, viewer: NetworkViewer, today: string): boolean {
  if (!entry.visible) return false;
  if (entry.kind === 'member' && (!entry.active || entry.erased)) return false;
  if (isMinorOn(entry.adultOn, today) && !viewer.siteIds.includes(entry.siteId)) return false;
  return true;
}

/** The initial a pool shows of a last name: its first letter, upper case, with a dot ("Benali" → "B."). */
export function lastInitialOf(lastName: string): string {
  const first = [...lastName.trim()][0];
  return first ? `${first.toLocaleUpperCase('fr-FR')}.` : '';
}
