import type { InterviewDto, SkillDto } from '../../api/generated/types.gen';

/** Levels of the booklet, as the API counts them: 1 discovering … 4 can teach it. */
export const SKILL_LEVELS = [1, 2, 3, 4] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface BookletRow {
  name: string;
  /** The level in the member's profile; else the one of their last assessment. */
  level: number;
  wantsToLearn: boolean;
  /** In the profile (editable), or only seen in interviews. */
  inProfile: boolean;
  /** How the member assessed it at each held interview, oldest first. */
  history: { on: string; level: number }[];
}

const key = (name: string) => name.trim().toLocaleLowerCase('fr');

/**
 * The skills booklet: the member's skills with, for each, how they assessed it interview after
 * interview (`skillsAssessment` of the held ones). A skill assessed but not in the profile is shown
 * too, at its last assessed level. Sorted by name, French order.
 */
export function skillsBooklet(skills: readonly SkillDto[], interviews: readonly InterviewDto[]): BookletRow[] {
  const rows = new Map<string, BookletRow>();
  for (const skill of skills) rows.set(key(skill.name), { name: skill.name, level: skill.level, wantsToLearn: skill.wantsToLearn, inProfile: true, history: [] });
  const held = interviews.filter((interview) => interview.status === 'held' && interview.heldAt).sort((a, b) => (a.heldAt ?? '').localeCompare(b.heldAt ?? ''));
  for (const interview of held) {
    for (const assessed of interview.skillsAssessment) {
      const row = rows.get(key(assessed.name)) ?? { name: assessed.name, level: assessed.level, wantsToLearn: false, inProfile: false, history: [] };
      row.history.push({ on: (interview.heldAt ?? '').slice(0, 10), level: assessed.level });
      if (!row.inProfile) row.level = assessed.level;
      rows.set(key(assessed.name), row);
    }
  }
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The profile's skills with one added or changed (same name, any case: replaced), ready for `PATCH …/members/:id`. */
export function withSkill(skills: readonly SkillDto[], skill: SkillDto): SkillDto[] {
  const name = skill.name.trim();
  return [...skills.filter((existing) => key(existing.name) !== key(name)), { ...skill, name }];
}

/** What stops a skill from being added: a name of 1 to 60 characters (the API's limits), and room for it (50 skills at most). */
export function skillProblem(name: string, skills: readonly SkillDto[]): 'nameRequired' | 'nameTooLong' | 'tooMany' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'nameRequired';
  if (trimmed.length > 60) return 'nameTooLong';
  if (skills.length >= 50 && !skills.some((existing) => key(existing.name) === key(trimmed))) return 'tooMany';
  return null;
}
