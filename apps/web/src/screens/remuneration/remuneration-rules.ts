/**
 * The remuneration screens' pure rules: the mission board's columns, the mission and period forms'
 * limits (the same the API enforces), which period steps a role may take, the amounts and points a
 * person types. No React, no fetch: unit-tested in remuneration-rules.spec.ts.
 */
import { parseHours } from '../member/member-rules';

export type Role = 'member' | 'coordinator' | 'accountant' | 'admin';

/** The coordination's roles: they run missions, validate contributions, close periods. */
export function coordinates(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

export const BOARD_COLUMNS = ['planned', 'team_confirmed', 'completed'] as const;
export type MissionStatus = (typeof BOARD_COLUMNS)[number] | 'cancelled';

/** The board: one column per step (planned → team confirmed → completed), the cancelled ones apart; each by first day. */
export function missionBoard<T extends { status: MissionStatus; startsOn: string; title: string }>(missions: readonly T[]): Record<MissionStatus, T[]> {
  const board: Record<MissionStatus, T[]> = { planned: [], team_confirmed: [], completed: [], cancelled: [] };
  for (const mission of missions) board[mission.status].push(mission);
  for (const column of Object.values(board)) column.sort((a, b) => (a.startsOn === b.startsOn ? a.title.localeCompare(b.title, 'fr') : a.startsOn < b.startsOn ? -1 : 1));
  return board;
}

export interface MissionForm {
  title: string;
  activityPole: string;
  startsOn: string;
  endsOn: string;
  place: string;
  peopleNeeded: string;
  description: string;
}

export type MissionField = keyof MissionForm;
export type MissionProblem = 'required' | 'tooLong' | 'date' | 'endsBefore' | 'people';

/** The API's limits on a new mission (commerce's CreateMissionDto): texts 1–200/100/300 characters, dates in order, 1–500 people. */
export const MISSION_LIMITS = { title: 200, activityPole: 100, place: 300, description: 2000 } as const;

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
function isDay(text: string): boolean {
  return CALENDAR_DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** What is wrong with each field of the mission form, before sending. */
export function missionProblems(form: MissionForm): Partial<Record<MissionField, MissionProblem>> {
  const problems: Partial<Record<MissionField, MissionProblem>> = {};
  for (const field of ['title', 'activityPole', 'place'] as const) {
    const text = form[field].trim();
    if (!text) problems[field] = 'required';
    else if (text.length > MISSION_LIMITS[field]) problems[field] = 'tooLong';
  }
  if (form.description.trim().length > MISSION_LIMITS.description) problems.description = 'tooLong';
  if (!isDay(form.startsOn)) problems.startsOn = 'date';
  if (!isDay(form.endsOn)) problems.endsOn = 'date';
  else if (!problems.startsOn && form.endsOn < form.startsOn) problems.endsOn = 'endsBefore';
  const people = form.peopleNeeded.trim();
  if (!/^\d+$/.test(people) || Number(people) < 1 || Number(people) > 500) problems.peopleNeeded = 'people';
  return problems;
}

/** The form as the API's body (trimmed; no description when left empty). */
export function missionBody(form: MissionForm) {
  const description = form.description.trim();
  return {
    title: form.title.trim(),
    activityPole: form.activityPole.trim(),
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    place: form.place.trim(),
    peopleNeeded: Number(form.peopleNeeded.trim()),
    ...(description ? { description } : {}),
  };
}

/**
 * The hours typed for each team member at completion ("3,5" or "3.5"), as the API's participants,
 * or the problem for each person whose hours are wrong. Nobody left out: everyone in the team worked.
 */
export function completion(
  team: readonly { memberId: string }[],
  typed: Readonly<Record<string, string>>,
): { participants: { memberId: string; hours: string }[] } | { problems: Record<string, 'hoursRequired' | 'hoursFormat' | 'hoursRange'> } {
  const participants: { memberId: string; hours: string }[] = [];
  const problems: Record<string, 'hoursRequired' | 'hoursFormat' | 'hoursRange'> = {};
  for (const { memberId } of team) {
    const parsed = parseHours(typed[memberId] ?? '');
    if ('problem' in parsed) problems[memberId] = parsed.problem;
    else participants.push({ memberId, hours: parsed.hours });
  }
  return Object.keys(problems).length > 0 ? { problems } : { participants };
}

export type PeriodStatus = 'open' | 'closed' | 'approved' | 'exported' | 'paid';
export type PeriodAction = 'close' | 'reopen' | 'approve' | 'export' | 'paid';

/**
 * The steps a role may take on a period in its state (the remuneration service's lifecycle):
 * open → close; closed → reopen or approve (once every objection is answered); approved → export
 * (the payroll file); exported → export again or mark paid. The coordination closes, reopens and
 * approves; the coordination and the accountant export and mark paid.
 */
export function periodActions(status: PeriodStatus, role: Role, openObjections: number): PeriodAction[] {
  const runs = coordinates(role);
  const pays = runs || role === 'accountant';
  switch (status) {
    case 'open':
      return runs ? ['close'] : [];
    case 'closed':
      return runs ? (openObjections === 0 ? ['approve', 'reopen'] : ['reopen']) : [];
    case 'approved':
      return pays ? ['export'] : [];
    case 'exported':
      return pays ? ['paid', 'export'] : [];
    case 'paid':
      return [];
  }
}

export type PeriodProblem = 'date' | 'endsBefore' | 'sameMonth';

/** A period by hand: two days, in order, in one month (pay is monthly). */
export function periodProblems(startsOn: string, endsOn: string): { startsOn?: PeriodProblem; endsOn?: PeriodProblem } {
  if (!isDay(startsOn)) return { startsOn: 'date', ...(isDay(endsOn) ? {} : { endsOn: 'date' as const }) };
  if (!isDay(endsOn)) return { endsOn: 'date' };
  if (endsOn < startsOn) return { endsOn: 'endsBefore' };
  if (endsOn.slice(0, 7) !== startsOn.slice(0, 7)) return { endsOn: 'sameMonth' };
  return {};
}

export type AmountProblem = 'amountRequired' | 'amountFormat' | 'amountRange';

/** An amount in euros typed as a French person does ("300", "300,50", "1 200"), as the API's decimal string with two decimals. */
export function parseEuros(input: string): { amount: string } | { problem: AmountProblem } {
  const text = input.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!text) return { problem: 'amountRequired' };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return { problem: 'amountFormat' };
  const [whole, decimals = ''] = text.split('.');
  if (Number(whole) === 0 && Number(decimals || '0') === 0) return { problem: 'amountRange' };
  if (whole.length > 7) return { problem: 'amountRange' };
  return { amount: `${Number(whole)}.${decimals.padEnd(2, '0')}` };
}

export type PointsProblem = 'pointsRequired' | 'pointsFormat' | 'pointsRange';

/** Recognition points: whole, at least 1, at most what the member has left this period. */
export function parsePoints(input: string, remaining: number): { points: number } | { problem: PointsProblem } {
  const text = input.trim();
  if (!text) return { problem: 'pointsRequired' };
  if (!/^\d+$/.test(text)) return { problem: 'pointsFormat' };
  const points = Number(text);
  if (points < 1 || points > remaining) return { problem: 'pointsRange' };
  return { points };
}

/** The payroll file's name for a period. */
export function payrollFileName(period: { startsOn: string; endsOn: string }): string {
  return `paie-${period.startsOn}-${period.endsOn}.csv`;
}

/** The sum of hours written as the API's decimal strings ("3.5", "2.25"), exact (in hundredths), as a decimal string. */
export function sumHours(hours: readonly string[]): string {
  const hundredths = hours.reduce((sum, value) => {
    const [whole, decimals = ''] = value.split('.');
    return sum + Number(whole) * 100 + Number(decimals.padEnd(2, '0').slice(0, 2));
  }, 0);
  const cents = String(hundredths % 100).padStart(2, '0');
  return `${Math.floor(hundredths / 100)}.${cents}`;
}

export const RULES = ['time', 'equal', 'peer', 'mission'] as const;
export type Rule = (typeof RULES)[number];
export type WholeProblem = 'whole' | 'range' | 'allZero';

/** A whole number typed by a person, within [min, max], or the problem. */
function whole(input: string, min: number, max: number): number | 'whole' | 'range' {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return 'whole';
  const value = Number(text);
  return value < min || value > max ? 'range' : value;
}

/**
 * The settings a coordinator edits on the console: the four rules' weights (whole, 0–10 000, at
 * least one above 0) and the recognition budget (whole points, 1–10 000) — the API's limits.
 */
export function settingsForm(
  weights: Readonly<Record<Rule, string>>,
  budget: string,
): { rules: Record<Rule, number>; recognitionBudget: number } | { problems: Partial<Record<Rule | 'budget', WholeProblem>> } {
  const problems: Partial<Record<Rule | 'budget', WholeProblem>> = {};
  const rules = { time: 0, equal: 0, peer: 0, mission: 0 };
  for (const rule of RULES) {
    const value = whole(weights[rule], 0, 10_000);
    if (typeof value === 'number') rules[rule] = value;
    else problems[rule] = value;
  }
  if (Object.keys(problems).length === 0 && RULES.every((rule) => rules[rule] === 0)) problems.time = 'allZero';
  const recognitionBudget = whole(budget, 1, 10_000);
  if (typeof recognitionBudget !== 'number') problems.budget = recognitionBudget;
  return Object.keys(problems).length > 0 || typeof recognitionBudget !== 'number' ? { problems } : { rules, recognitionBudget };
}

/** Each rule's weight as a share of the whole, in whole percents (what "poids 50 sur 100" means). */
export function weightPercents(rules: Readonly<Record<Rule, number>>): Record<Rule, number> {
  const total = RULES.reduce((sum, rule) => sum + rules[rule], 0);
  const percents = { time: 0, equal: 0, peer: 0, mission: 0 };
  for (const rule of RULES) percents[rule] = total === 0 ? 0 : Math.round((rules[rule] / total) * 100);
  return percents;
}

/**
 * Whether French elides "de" before this name: "d’Inès Benali", but "de Karim Haddad" ("h" is
 * left alone: "de Hugo" is as common as "d’Hugo"). The message files hold both sentences.
 */
export function elidesDe(name: string): boolean {
  return /^[aeiouyàâäéèêëîïôöûü]/i.test(name.trim());
}
