import {
  ageOn,
  invalidField,
  optionalEmail,
  optionalPhone,
  optionalText,
  postalAddress,
  requiredText,
  compareDates,
  DomainError,
  ENTRY_SITUATIONS,
  GENDERS,
  GuardianConsent,
  isIsoDate,
  LEAVING_OUTCOMES,
  LeavingOutcome,
  MemberFile,
  MemberInput,
  MemberAsSeen,
  MemberView,
  Participation,
  PostalAddress,
  REFERRERS,
  Skill,
} from '@kpa/contracts';

/** A member's data as the rules see it (what is stored, without ids and timestamps). */
export type MemberData = Omit<MemberFile, 'id' | 'siteId' | 'active' | 'createdAt' | 'updatedAt'>;

const MAX_SKILLS = 50;
const MAX_PASSIONS = 30;
const OLDEST_AGE = 100;

function pastDate(value: unknown, field: string, today: string): string {
  if (!isIsoDate(value)) throw invalidField(field, `${field} must be a date written YYYY-MM-DD.`);
  if (compareDates(value, today) > 0) throw invalidField(field, `${field} cannot be in the future.`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw invalidField(field, `${field} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

function birthDate(value: unknown, today: string): string {
  const date = pastDate(value, 'birthDate', today);
  if (ageOn(date, today) > OLDEST_AGE) throw invalidField('birthDate', `birthDate gives an age over ${OLDEST_AGE}; check the year.`);
  return date;
}

function address(value: PostalAddress | null | undefined): PostalAddress | null {
  return value === undefined || value === null ? null : postalAddress(value, 'address');
}

function guardian(value: GuardianConsent | null | undefined, today: string): GuardianConsent | null {
  if (value === undefined || value === null) return null;
  return {
    name: requiredText(value.name, 'guardian.name', 2, 120),
    relationship: requiredText(value.relationship, 'guardian.relationship', 2, 60),
    consentedOn: pastDate(value.consentedOn, 'guardian.consentedOn', today),
  };
}

function skills(value: Skill[] | undefined): Skill[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_SKILLS) throw invalidField('skills', `skills must be a list of at most ${MAX_SKILLS}.`);
  const seen = new Set<string>();
  return value.map((skill, i) => {
    const name = requiredText(skill?.name, `skills[${i}].name`, 1, 60);
    if (seen.has(name.toLowerCase())) throw invalidField(`skills[${i}].name`, `The skill "${name}" is listed twice.`);
    seen.add(name.toLowerCase());
    if (!Number.isInteger(skill.level) || skill.level < 1 || skill.level > 4) {
      throw invalidField(`skills[${i}].level`, 'A skill level is 1 (discovering), 2, 3 or 4 (can teach it).');
    }
    return { name, level: skill.level, wantsToLearn: skill.wantsToLearn === true };
  });
}

function passions(value: string[] | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_PASSIONS) throw invalidField('passions', `passions must be a list of at most ${MAX_PASSIONS}.`);
  return [...new Set(value.map((passion, i) => requiredText(passion, `passions[${i}]`, 1, 60)))];
}

function referral(input: Pick<MemberInput, 'referredBy' | 'referredByDetail'>): Pick<MemberData, 'referredBy' | 'referredByDetail'> {
  const referredBy = oneOf(input.referredBy, REFERRERS, 'referredBy');
  const referredByDetail = optionalText(input.referredByDetail, 'referredByDetail', 200);
  if (referredBy === 'other' && referredByDetail === null) throw invalidField('referredByDetail', 'Say who referred the member when referredBy is other.');
  return { referredBy, referredByDetail };
}

/** Checks and normalises a new member's data; `today` is the site's current date. */
export function newMember(input: MemberInput, today: string): MemberData {
  return {
    firstName: requiredText(input.firstName, 'firstName', 1, 100),
    lastName: requiredText(input.lastName, 'lastName', 1, 100),
    email: optionalEmail(input.email),
    phone: optionalPhone(input.phone),
    birthDate: birthDate(input.birthDate, today),
    gender: oneOf(input.gender ?? 'not_said', GENDERS, 'gender'),
    address: address(input.address),
    priorityNeighbourhood: input.priorityNeighbourhood === true,
    situation: oneOf(input.situation, ENTRY_SITUATIONS, 'situation'),
    ...referral(input),
    charterSignedOn: input.charterSignedOn ? pastDate(input.charterSignedOn, 'charterSignedOn', today) : null,
    guardian: guardian(input.guardian, today),
    joinedOn: input.joinedOn === undefined ? today : pastDate(input.joinedOn, 'joinedOn', today),
    leftOn: null,
    leavingOutcome: null,
    history: [],
    skills: skills(input.skills),
    passions: passions(input.passions),
  };
}

/** Applies a PATCH: only the fields sent, each checked as on creation. */
export function changeMember(current: MemberData, changes: Partial<MemberInput>, today: string): MemberData {
  if (Object.keys(changes).length === 0) throw new DomainError('VALIDATION_FAILED', 'Nothing to change: send at least one field.');
  const merged: MemberInput = {
    ...current,
    ...changes,
    joinedOn: changes.joinedOn ?? current.joinedOn,
  };
  const checked = newMember(merged, today);
  return { ...checked, leftOn: current.leftOn, leavingOutcome: current.leavingOutcome, history: current.history };
}

export function leave(current: MemberData, leftOn: string, outcome: LeavingOutcome, today: string): MemberData {
  if (current.leftOn !== null) {
    throw new DomainError('MEMBER_ALREADY_LEFT', `This member already left on ${current.leftOn}; record a return first.`, { leftOn: current.leftOn });
  }
  const date = pastDate(leftOn, 'leftOn', today);
  if (compareDates(date, current.joinedOn) < 0) throw invalidField('leftOn', `leftOn cannot be before the member joined (${current.joinedOn}).`);
  return { ...current, leftOn: date, leavingOutcome: oneOf(outcome, LEAVING_OUTCOMES, 'outcome') };
}

/** A member who left comes back: a new participation starts, the previous one goes to the history. */
export function rejoin(current: MemberData, joinedOn: string, today: string): MemberData {
  if (current.leftOn === null) throw new DomainError('VALIDATION_FAILED', 'This member is still active: nothing to rejoin.', { field: 'joinedOn' });
  const date = pastDate(joinedOn, 'joinedOn', today);
  if (compareDates(date, current.leftOn) < 0) throw invalidField('joinedOn', `joinedOn cannot be before the member left (${current.leftOn}).`);
  const previous: Participation = { joinedOn: current.joinedOn, leftOn: current.leftOn, outcome: current.leavingOutcome };
  return { ...current, joinedOn: date, leftOn: null, leavingOutcome: null, history: [...current.history, previous] };
}

/** What a caller sees of a member: the whole file, the public profile, or only the name. */
export function asSeen(file: MemberFile, view: MemberView): MemberAsSeen {
  const name = { id: file.id, siteId: file.siteId, firstName: file.firstName, lastName: file.lastName };
  if (view === 'name') return name;
  if (view === 'profile') return { ...name, skills: file.skills, passions: file.passions, active: file.active };
  return file;
}
