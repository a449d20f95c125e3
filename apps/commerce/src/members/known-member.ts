import { compareDates } from '@kpa/contracts';

/** A member of a site as commerce knows them from membership's events: names, and for minors the day they turn 18. */
export interface KnownMember {
  id: string;
  siteId: string;
  firstName: string;
  lastName: string;
  /** Null for adults. */
  adultOn: string | null;
  active: boolean;
  erased: boolean;
}

/** Pure: is the member under 18 on that day? */
export function isMinorOn(member: Pick<KnownMember, 'adultOn'>, date: string): boolean {
  return member.adultOn !== null && compareDates(date, member.adultOn) < 0;
}

/** "Prénom Nom" (already pseudonymised for an erased member). */
export function displayName(member: Pick<KnownMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`;
}

/** The R127-3 mention names a member's CAPE contract running on the document's date. */
export interface RunningCapeContract {
  hostStructureId: string;
  /** The day it ends (or was terminated). */
  endsOn: string;
}
