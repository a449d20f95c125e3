import { DomainError, Interview, INTERVIEW_KINDS, INTERVIEW_STATUSES, InterviewInput, InterviewKind, InterviewStatus, SkillAssessment } from '@kpa/contracts';

/**
 * Interviews with a member: the rules of their status, their fields and the one first interview of a
 * participation. Pure functions: the caller passes the current instant.
 *
 * Status transitions:
 * - `scheduled` → `held` (with `heldAt`, not in the future), `missed` (once `scheduledAt` has come),
 *   `cancelled`, or `scheduled` again at another time;
 * - `held` is final: its notes, assessment and `heldAt` may still be corrected, its status not
 *   (the `membership.interview.held` event was published);
 * - `missed` or `cancelled` → `scheduled` or `held` only with a new `scheduledAt` (the interview was
 *   rescheduled); never from one to the other.
 * `heldAt` is set exactly when the status is `held`. A `first` interview is scheduled or held at most
 * once per participation (missed and cancelled ones do not count).
 */
export { INTERVIEW_KINDS, INTERVIEW_STATUSES } from '@kpa/contracts';
export type { InterviewKind, InterviewStatus, SkillAssessment } from '@kpa/contracts';

export const NOTES_MAX_LENGTH = 5000;
export const CONDUCTED_BY_LENGTH = { min: 1, max: 100 };
export const SKILL_NAME_LENGTH = { min: 1, max: 60 };
export const MAX_ASSESSED_SKILLS = 50;
export const SKILL_LEVELS = { min: 1, max: 4 };

/** An interview as the rules see it: the API's shape without the site and the timestamps. */
export type InterviewState = Omit<Interview, 'siteId' | 'createdAt' | 'updatedAt'>;

export interface InterviewRulesContext {
  /** The current instant (ISO 8601). */
  now: string;
}

/** Which status may follow which (the same status is always allowed: other fields change). */
export const TRANSITIONS: Record<InterviewStatus, readonly InterviewStatus[]> = {
  scheduled: ['scheduled', 'held', 'missed', 'cancelled'],
  held: ['held'],
  missed: ['missed', 'scheduled', 'held'],
  cancelled: ['cancelled', 'scheduled', 'held'],
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function refused(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('INTERVIEW_TRANSITION_REFUSED', message, details);
}

/** An ISO 8601 instant with its zone, normalised to UTC (`2026-11-22T09:30:00.000Z`). */
export function isoInstant(value: unknown, field: string): string {
  const time = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalid(field, `${field} must be an instant written like 2026-11-22T09:30:00+01:00 (date, time and zone).`);
  return new Date(time).toISOString();
}

function kindOf(value: unknown): InterviewKind {
  if (!INTERVIEW_KINDS.includes(value as InterviewKind)) throw invalid('kind', `kind must be one of ${INTERVIEW_KINDS.join(', ')}.`);
  return value as InterviewKind;
}

function statusOf(value: unknown): InterviewStatus {
  if (!INTERVIEW_STATUSES.includes(value as InterviewStatus)) throw invalid('status', `status must be one of ${INTERVIEW_STATUSES.join(', ')}.`);
  return value as InterviewStatus;
}

function conductedByOf(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name.length < CONDUCTED_BY_LENGTH.min || name.length > CONDUCTED_BY_LENGTH.max) {
    throw invalid('conductedBy', `conductedBy must name in ${CONDUCTED_BY_LENGTH.min} to ${CONDUCTED_BY_LENGTH.max} characters who holds the interview.`);
  }
  return name;
}

function notesOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid('notes', 'notes must be text (or null).');
  const notes = value.trim();
  if (notes.length > NOTES_MAX_LENGTH) throw invalid('notes', `notes hold at most ${NOTES_MAX_LENGTH} characters (${notes.length} sent): shorten them.`);
  return notes === '' ? null : notes;
}

function privateOf(value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid('private', 'private must be true or false.');
  return value;
}

/** The member's own view of their skills: distinct names (case-insensitive), levels 1 to 4. */
export function skillsAssessmentOf(value: unknown): SkillAssessment[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_ASSESSED_SKILLS) {
    throw invalid('skillsAssessment', `skillsAssessment must be a list of at most ${MAX_ASSESSED_SKILLS} { name, level }.`);
  }
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const { name, level } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (trimmed.length < SKILL_NAME_LENGTH.min || trimmed.length > SKILL_NAME_LENGTH.max) {
      throw invalid(`skillsAssessment[${index}].name`, `skillsAssessment[${index}].name must be ${SKILL_NAME_LENGTH.min} to ${SKILL_NAME_LENGTH.max} characters.`);
    }
    if (!Number.isInteger(level) || (level as number) < SKILL_LEVELS.min || (level as number) > SKILL_LEVELS.max) {
      throw invalid(
        `skillsAssessment[${index}].level`,
        `skillsAssessment[${index}].level must be a whole number from ${SKILL_LEVELS.min} (discovering) to ${SKILL_LEVELS.max} (can teach it).`,
      );
    }
    const key = trimmed.toLocaleLowerCase('fr');
    if (seen.has(key)) throw invalid(`skillsAssessment[${index}].name`, `The skill "${trimmed}" is assessed twice: keep one line per skill.`);
    seen.add(key);
    return { name: trimmed, level: level as number };
  });
}

/** The status rules, checked on the state an interview would have (`previous` is undefined on creation). */
function checkStatus(previous: InterviewState | undefined, next: InterviewState, context: InterviewRulesContext): void {
  const from = previous?.status;
  if (from === undefined) {
    if (next.status !== 'scheduled' && next.status !== 'held') {
      throw refused(`A new interview is scheduled, or recorded as held once it took place; not "${next.status}".`, { field: 'status', status: next.status });
    }
  } else if (!TRANSITIONS[from].includes(next.status)) {
    const allowed = TRANSITIONS[from].filter((status) => status !== from);
    throw refused(
      from === 'held'
        ? 'This interview was held: its status is final (correct its notes, assessment or heldAt if needed).'
        : `An interview ${from} cannot become ${next.status}; it can become ${allowed.join(' or ')}.`,
      { field: 'status', from, to: next.status, allowed },
    );
  }
  if ((from === 'missed' || from === 'cancelled') && next.status !== from && next.scheduledAt === previous!.scheduledAt) {
    throw refused(`This interview was ${from}: give it a new scheduledAt to reschedule it, or to record it as held.`, {
      field: 'scheduledAt',
      from,
      to: next.status,
    });
  }
  if (next.status === 'held') {
    if (next.heldAt === null) throw refused('A held interview needs heldAt: when it took place.', { field: 'heldAt' });
    if (Date.parse(next.heldAt) > Date.parse(context.now)) {
      throw invalid('heldAt', `heldAt (${next.heldAt}) is in the future: an interview is recorded as held once it took place.`);
    }
  } else if (next.heldAt !== null) {
    throw refused(`heldAt goes with the status held; this interview is ${next.status}: send status "held" too, or no heldAt.`, {
      field: 'heldAt',
      status: next.status,
    });
  }
  if (next.status === 'missed' && from !== 'missed' && Date.parse(next.scheduledAt) > Date.parse(context.now)) {
    throw refused(`This interview is scheduled at ${next.scheduledAt}: it cannot be missed before then (cancel it instead).`, {
      field: 'status',
      scheduledAt: next.scheduledAt,
    });
  }
}

/** A `first` interview is scheduled or held once per participation; missed and cancelled ones do not count. */
function checkOneFirst(next: InterviewState, others: InterviewState[]): void {
  if (next.kind !== 'first' || !countsAsFirst(next)) return;
  const existing = others.find((other) => other.id !== next.id && other.kind === 'first' && other.participationJoinedOn === next.participationJoinedOn && countsAsFirst(other));
  if (existing) {
    throw new DomainError(
      'INTERVIEW_FIRST_ALREADY_EXISTS',
      `This member already has a first interview (${existing.status}) in this participation: record this one as a follow_up, or cancel the other first.`,
      { field: 'kind', interviewId: existing.id, status: existing.status },
    );
  }
}

function countsAsFirst(interview: InterviewState): boolean {
  return interview.status === 'scheduled' || interview.status === 'held';
}

/**
 * A new interview of a member in the participation begun on `participationJoinedOn`. `others` are the
 * member's other interviews. `conductedBy` is required (the gateway defaults it to the caller's name).
 */
export function newInterview(
  input: InterviewInput & { id: string; memberId: string; participationJoinedOn: string },
  context: InterviewRulesContext,
  others: InterviewState[],
): InterviewState {
  const next: InterviewState = {
    id: input.id,
    memberId: input.memberId,
    participationJoinedOn: input.participationJoinedOn,
    kind: kindOf(input.kind),
    scheduledAt: isoInstant(input.scheduledAt, 'scheduledAt'),
    heldAt: input.heldAt === undefined || input.heldAt === null ? null : isoInstant(input.heldAt, 'heldAt'),
    status: input.status === undefined ? 'scheduled' : statusOf(input.status),
    conductedBy: conductedByOf(input.conductedBy),
    notes: notesOf(input.notes),
    private: input.private === undefined ? false : privateOf(input.private),
    skillsAssessment: skillsAssessmentOf(input.skillsAssessment),
  };
  checkStatus(undefined, next, context);
  checkOneFirst(next, others);
  return next;
}

/**
 * Applies a coordinator's changes (absent fields unchanged), under the status rules above. `others`
 * are the member's other interviews.
 */
export function changeInterview(state: InterviewState, changes: Partial<InterviewInput>, context: InterviewRulesContext, others: InterviewState[]): InterviewState {
  const status = changes.status === undefined ? state.status : statusOf(changes.status);
  let heldAt = state.heldAt;
  if (changes.heldAt !== undefined) heldAt = changes.heldAt === null ? null : isoInstant(changes.heldAt, 'heldAt');
  const next: InterviewState = {
    ...state,
    kind: changes.kind === undefined ? state.kind : kindOf(changes.kind),
    scheduledAt: changes.scheduledAt === undefined ? state.scheduledAt : isoInstant(changes.scheduledAt, 'scheduledAt'),
    heldAt,
    status,
    conductedBy: changes.conductedBy === undefined ? state.conductedBy : conductedByOf(changes.conductedBy),
    notes: changes.notes === undefined ? state.notes : notesOf(changes.notes),
    private: changes.private === undefined ? state.private : privateOf(changes.private),
    skillsAssessment: changes.skillsAssessment === undefined ? state.skillsAssessment : skillsAssessmentOf(changes.skillsAssessment),
  };
  checkStatus(state, next, context);
  checkOneFirst(next, others);
  return next;
}

/** Whether a change made the interview held (the moment `membership.interview.held` is published). */
export function becameHeld(previous: InterviewState | undefined, next: InterviewState): boolean {
  return next.status === 'held' && previous?.status !== 'held';
}
