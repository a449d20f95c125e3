/**
 * The member screens' pure rules: the form's limits (the same the API enforces on a contribution),
 * the month's range, the next interview, the last settled period, the pot chart's bars. No React,
 * no fetch: unit-tested in member-rules.spec.ts.
 */

/** A day as the API writes it (YYYY-MM-DD), in the person's own time zone. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first and last day of the month of `day` (YYYY-MM-DD), for "my hours this month". */
export function monthOf(day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

export type HoursProblem = 'hoursRequired' | 'hoursFormat' | 'hoursRange';

/**
 * The hours a person typed ("2,5" on a French keyboard, "2.5" elsewhere) as the API's decimal
 * string, or what is wrong: the API takes above 0, at most 24, up to 2 decimals.
 */
export function parseHours(input: string): { hours: string } | { problem: HoursProblem } {
  const text = input.trim().replace(',', '.');
  if (!text) return { problem: 'hoursRequired' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { problem: 'hoursFormat' };
  const [whole, decimals = ''] = text.split('.');
  const value = Number(text);
  if (value <= 0 || value > 24 || decimals.length > 2) return { problem: 'hoursRange' };
  const trimmed = decimals.replace(/0+$/, '');
  return { hours: trimmed ? `${Number(whole)}.${trimmed}` : String(Number(whole)) };
}

export type DayProblem = 'dateFormat' | 'dateFuture';

/** The day of the work: a real date, not in the future (the API refuses one). */
export function dayProblem(day: string, today: string): DayProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return 'dateFormat';
  return day > today ? 'dateFuture' : null;
}

export const STAGES = ['immersion', 'exploration', 'focus_and_test', 'opening', 'next_step'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage after this one on the journey, or null at the last. */
export function nextStage(stage: Stage): Stage | null {
  const index = STAGES.indexOf(stage);
  return index >= 0 && index < STAGES.length - 1 ? STAGES[index + 1] : null;
}

/** The member's next interview: the earliest still scheduled from now on. */
export function nextInterview<T extends { status: string; scheduledAt: string }>(interviews: readonly T[], now: Date): T | null {
  const upcoming = interviews.filter((interview) => interview.status === 'scheduled' && Date.parse(interview.scheduledAt) >= now.getTime());
  upcoming.sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
  return upcoming[0] ?? null;
}

/** The newest period whose figures are frozen (closed or after): "my share of the last period". */
export function lastSettledPeriod<T extends { status: string; endsOn: string }>(periods: readonly T[]): T | null {
  const settled = periods.filter((period) => period.status !== 'open');
  settled.sort((a, b) => (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : 0));
  return settled[0] ?? null;
}

export interface Bar {
  /** Share of the longest bar, 0–100 (a term of 0 € gets no bar). */
  percent: number;
  negative: boolean;
}

/** The pot chart: each term's bar, as long as its amount against the largest one, and its sign. */
export function potBars(amounts: readonly string[]): Bar[] {
  const values = amounts.map(Number);
  const largest = Math.max(0, ...values.map(Math.abs));
  return values.map((value) => ({ percent: largest === 0 ? 0 : Math.round((Math.abs(value) / largest) * 1000) / 10, negative: value < 0 }));
}

/** Where the member stands on a mission: not signed up, signed up, in the confirmed team. */
export function missionPlace(mission: { signUps: readonly { memberId: string }[]; team: readonly { memberId: string }[] }, memberId: string): 'out' | 'signed-up' | 'team' {
  if (mission.team.some((person) => person.memberId === memberId)) return 'team';
  if (mission.signUps.some((person) => person.memberId === memberId)) return 'signed-up';
  return 'out';
}

/** An instant as the person's own day and "14 h 30"-style clock (HH:MM), for an interview. */
export function localDayAndTime(instant: string): { day: string; time: string } {
  const date = new Date(instant);
  return { day: isoDay(date), time: `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}` };
}
