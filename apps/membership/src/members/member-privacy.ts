import { DomainError, ERASED_FIRST_NAME, JourneyChange, JourneyStage, NextPath, pseudonymOf } from '@kpa/contracts';
import { MemberData } from './member';

/**
 * Erasure (GDPR art. 17) of a member who left: pure rules, no I/O.
 *
 * What goes: the name (replaced by a pseudonym), contact details, address, guardian, situation
 * and priority neighbourhood, who referred them (the free text), skills, passions, the reasons
 * written in the journey, free text of contracts and of other records about them.
 *
 * What stays, and why:
 * - the birth YEAR (`birthDate` becomes the 1st of January of that year; the column is NOT
 *   NULL): funders' figures count people by age band, never by birthday;
 * - gender, the referrer's kind (mission locale…), dates of joining and leaving, outcomes, the
 *   journey's stages: the site's statistics, none of which names the person;
 * - CAPE contracts with their dates and activity: payroll-related records under legal retention
 *   (only their free-text termination reason goes).
 */

/** Replaces free text that cannot be null (e.g. a stage override's reason). */
export const ERASED_TEXT = '(effacé)';

/** `2009-05-14` → `2009-01-01`: keeps the age band, not the birthday. */
export function birthYearOnly(birthDate: string): string {
  return `${birthDate.slice(0, 4)}-01-01`;
}

/** The member's state as the erasure sees it: the file and its journey fields. */
export interface ErasableMember extends MemberData {
  stageOverride: { stage: JourneyStage; reason: string; on: string } | null;
  nextPath: NextPath | null;
  journeyHistory: JourneyChange[];
  erasedAt: Date | null;
}

/** An erased member can no longer change: there is no one left to change. */
export function assertNotErased(member: { erasedAt: Date | null }): void {
  if (member.erasedAt !== null && member.erasedAt !== undefined) {
    throw new DomainError('MEMBER_ERASED', `This member was erased on ${member.erasedAt.toISOString().slice(0, 10)}: their file can no longer change.`, {
      erasedAt: member.erasedAt.toISOString(),
    });
  }
}

/** Only a member who left may be erased (and only once). */
export function assertErasable(member: { erasedAt: Date | null; leftOn: string | null }): void {
  assertNotErased(member);
  if (member.leftOn === null) {
    throw new DomainError('MEMBER_STILL_ACTIVE', 'This member is still active: record their departure (POST …/leave) before erasing them.');
  }
}

/** The pseudonymised member. */
export function eraseMember(memberId: string, member: ErasableMember, now: Date): ErasableMember {
  assertErasable(member);
  return {
    ...member,
    firstName: ERASED_FIRST_NAME,
    lastName: pseudonymOf(memberId),
    email: null,
    phone: null,
    birthDate: birthYearOnly(member.birthDate),
    address: null,
    // Not null columns: set to the value that says nothing about the person.
    priorityNeighbourhood: false,
    situation: 'other',
    referredByDetail: null,
    guardian: null,
    skills: [],
    passions: [],
    stageOverride: member.stageOverride === null ? null : { ...member.stageOverride, reason: ERASED_TEXT },
    journeyHistory: member.journeyHistory.map((change) => ({ ...change, reason: null })),
    erasedAt: now,
  };
}

/** A CAPE contract keeps its dates (legal retention) but loses its free-text reason. */
export function eraseContract<T extends { terminationReason: string | null }>(contract: T): T {
  return { ...contract, terminationReason: null };
}

/**
 * Other records about the member (e.g. interviews), known only by their columns: nullable text
 * (notes…) becomes null; the columns named here get the value given.
 */
export const OTHER_RECORDS_ERASED_VALUES: Record<string, unknown> = { skillsAssessment: [] };

export interface ColumnShape {
  propertyName: string;
  type: string;
  nullable: boolean;
}

/** What to write over another table's rows of the member; keys (ids, member and site ids, dates) are never touched. */
export function erasedValuesOf(columns: ColumnShape[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    if (column.propertyName in OTHER_RECORDS_ERASED_VALUES) values[column.propertyName] = OTHER_RECORDS_ERASED_VALUES[column.propertyName];
    else if (column.nullable && column.type === 'text' && !/Id$/.test(column.propertyName)) values[column.propertyName] = null;
  }
  return values;
}
