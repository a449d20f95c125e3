import type { CreateMemberDto, GuardianDto, SignCapeContractDto } from '../../api/generated/types.gen';

/**
 * The members screens' form rules, with the limits the membership service enforces (apps/membership
 * src/members/member.ts, src/cape-contracts/cape-contract.ts): a person reads what to fix before
 * sending, and the API's own message when it still refuses. Pure: no React, no fetch.
 */

/** Under 18 on the contract's first day, a CAPE needs a guardian's consent (C. civ. art. 388-1-1). */
export const ADULT_AGE = 18;
const OLDEST_AGE = 100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .()-]{6,20}$/;

export const SITUATIONS = ['job_seeker', 'rsa', 'student', 'employed_part_time', 'other'] as const;
export const REFERRERS = ['mission_locale', 'social_centre', 'word_of_mouth', 'other'] as const;
export type Situation = (typeof SITUATIONS)[number];
export type Referrer = (typeof REFERRERS)[number];

/** A field's problem, as a message key of `members.error.*` with its values. */
export interface FieldProblem {
  key: 'required' | 'length' | 'date' | 'future' | 'tooOld' | 'email' | 'phone' | 'endsBeforeStart';
  values?: Record<string, number>;
}
export type Problems = Record<string, FieldProblem>;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A minor on `day` needs a guardian's consent before a CAPE can be signed. */
export function needsGuardian(birthDate: string | undefined, day: string): boolean {
  return Boolean(birthDate && isIsoDate(birthDate) && ageOn(birthDate, day) < ADULT_AGE);
}

/** The local calendar day (the coordinator's, not UTC's) as YYYY-MM-DD. */
export function localDay(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** `date` plus `months` (the day clamped to the month's end), minus one day: a span's last day. */
export function lastDayAfterMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastOfMonth));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

function text(problems: Problems, field: string, value: string, min: number, max: number): void {
  const length = value.trim().length;
  if (length === 0 && min > 0) problems[field] = { key: 'required' };
  else if (length < min || length > max) problems[field] = { key: 'length', values: { min, max } };
}

function pastDate(problems: Problems, field: string, value: string, today: string): void {
  if (!value) problems[field] = { key: 'required' };
  else if (!isIsoDate(value)) problems[field] = { key: 'date' };
  else if (value > today) problems[field] = { key: 'future' };
}

export interface GuardianDraft {
  name: string;
  relationship: string;
  consentedOn: string;
}

export function guardianProblems(draft: GuardianDraft, today: string): Problems {
  const problems: Problems = {};
  text(problems, 'guardian.name', draft.name, 2, 120);
  text(problems, 'guardian.relationship', draft.relationship, 2, 60);
  pastDate(problems, 'guardian.consentedOn', draft.consentedOn, today);
  return problems;
}

export function guardianBody(draft: GuardianDraft): GuardianDto {
  return { name: draft.name.trim(), relationship: draft.relationship.trim(), consentedOn: draft.consentedOn };
}

export interface RegistrationDraft {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  phone: string;
  situation: Situation | null;
  referredBy: Referrer | null;
  referredByDetail: string;
  /** Filled only when the guardian already gave their consent (it can be recorded later too). */
  guardian: GuardianDraft | null;
}

export const EMPTY_REGISTRATION: RegistrationDraft = {
  firstName: '',
  lastName: '',
  birthDate: '',
  email: '',
  phone: '',
  situation: null,
  referredBy: null,
  referredByDetail: '',
  guardian: null,
};

/** What to fix in a registration, field by field (the API's field names); empty when it can be sent. */
export function registrationProblems(draft: RegistrationDraft, today: string): Problems {
  const problems: Problems = {};
  text(problems, 'firstName', draft.firstName, 1, 100);
  text(problems, 'lastName', draft.lastName, 1, 100);
  pastDate(problems, 'birthDate', draft.birthDate, today);
  if (!problems.birthDate && ageOn(draft.birthDate, today) > OLDEST_AGE) problems.birthDate = { key: 'tooOld', values: { max: OLDEST_AGE } };
  const email = draft.email.trim();
  if (email && (email.length > 254 || !EMAIL.test(email))) problems.email = { key: 'email' };
  const phone = draft.phone.trim();
  if (phone && !PHONE.test(phone)) problems.phone = { key: 'phone' };
  if (!draft.situation) problems.situation = { key: 'required' };
  if (!draft.referredBy) problems.referredBy = { key: 'required' };
  if (draft.referredBy === 'other') text(problems, 'referredByDetail', draft.referredByDetail, 1, 200);
  if (draft.guardian) Object.assign(problems, guardianProblems(draft.guardian, today));
  return problems;
}

/** The API's body for a registration that has no problem left. */
export function registrationBody(draft: RegistrationDraft): CreateMemberDto {
  return {
    firstName: draft.firstName.trim(),
    lastName: draft.lastName.trim(),
    birthDate: draft.birthDate,
    ...(draft.email.trim() ? { email: draft.email.trim() as unknown as CreateMemberDto['email'] } : {}),
    ...(draft.phone.trim() ? { phone: draft.phone.trim() as unknown as CreateMemberDto['phone'] } : {}),
    situation: draft.situation ?? 'other',
    referredBy: draft.referredBy ?? 'other',
    ...(draft.referredBy === 'other' ? { referredByDetail: draft.referredByDetail.trim() as unknown as CreateMemberDto['referredByDetail'] } : {}),
    ...(draft.guardian ? { guardian: guardianBody(draft.guardian) } : {}),
  };
}

export interface CapeDraft {
  activity: string;
  startsOn: string;
  endsOn: string;
}

/** What to fix before signing a CAPE; the age, consent, charter and 12-month rules stay the API's (it says which). */
export function capeProblems(draft: CapeDraft): Problems {
  const problems: Problems = {};
  text(problems, 'activity', draft.activity, 2, 200);
  if (!draft.startsOn) problems.startsOn = { key: 'required' };
  else if (!isIsoDate(draft.startsOn)) problems.startsOn = { key: 'date' };
  if (!draft.endsOn) problems.endsOn = { key: 'required' };
  else if (!isIsoDate(draft.endsOn)) problems.endsOn = { key: 'date' };
  else if (!problems.startsOn && draft.endsOn < draft.startsOn) problems.endsOn = { key: 'endsBeforeStart' };
  return problems;
}

export function capeBody(draft: CapeDraft): SignCapeContractDto {
  return { activity: draft.activity.trim(), startsOn: draft.startsOn, endsOn: draft.endsOn };
}

export type CapeFilter = 'all' | 'with' | 'without';

/** The list's CAPE filter, applied to a page of members with the ids of those under a running contract. */
export function byCape<T extends { id: string }>(members: readonly T[], filter: CapeFilter, underContract: ReadonlySet<string>): T[] {
  if (filter === 'all') return [...members];
  return members.filter((member) => underContract.has(member.id) === (filter === 'with'));
}

/** The export's file name: the person's name in plain ASCII letters, digits and dashes. */
export function exportFileName(firstName: string, lastName: string): string {
  const slug = `${firstName}-${lastName}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `donnees-${slug || 'membre'}.json`;
}

/** The import's file limit, as saved (UTF-8 bytes): the API refuses a bigger one before reading it. */
export const MAX_IMPORT_BYTES = 512 * 1024;

export function importFileProblem(file: { name: string; size: number }): 'notCsv' | 'tooBig' | 'empty' | null {
  if (!/\.(csv|txt)$/i.test(file.name)) return 'notCsv';
  if (file.size === 0) return 'empty';
  return file.size > MAX_IMPORT_BYTES ? 'tooBig' : null;
}
