import type { InterviewDto } from '../../api/generated/types.gen';
import { skillProblem, skillsBooklet, withSkill } from './skills-booklet';

function interview(heldAt: string | null, status: InterviewDto['status'], skillsAssessment: InterviewDto['skillsAssessment']): InterviewDto {
  return {
    id: `i-${heldAt}-${status}`,
    siteId: 's',
    memberId: 'm',
    participationJoinedOn: '2026-01-05',
    kind: 'follow_up',
    scheduledAt: heldAt ?? '2026-12-20T10:00:00.000Z',
    heldAt,
    status,
    conductedBy: 'u',
    notes: null,
    private: false,
    skillsAssessment,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
  };
}

describe('skillsBooklet', () => {
  it('follows each skill of the profile interview after interview, oldest first, whatever the case of its name', () => {
    const booklet = skillsBooklet(
      [
        { name: 'Cuisine', level: 3, wantsToLearn: false },
        { name: 'accueil', level: 2, wantsToLearn: true },
      ],
      [
        interview('2026-06-10T09:00:00.000Z', 'held', [{ name: 'cuisine', level: 2 }]),
        interview('2026-02-03T09:00:00.000Z', 'held', [
          { name: 'Cuisine', level: 1 },
          { name: 'Couture', level: 1 },
        ]),
        interview(null, 'scheduled', [{ name: 'Cuisine', level: 4 }]),
        interview('2026-09-01T09:00:00.000Z', 'missed', [{ name: 'Cuisine', level: 4 }]),
      ],
    );
    expect(booklet).toEqual([
      { name: 'accueil', level: 2, wantsToLearn: true, inProfile: true, history: [] },
      { name: 'Couture', level: 1, wantsToLearn: false, inProfile: false, history: [{ on: '2026-02-03', level: 1 }] },
      {
        name: 'Cuisine',
        level: 3,
        wantsToLearn: false,
        inProfile: true,
        history: [
          { on: '2026-02-03', level: 1 },
          { on: '2026-06-10', level: 2 },
        ],
      },
    ]);
  });

  it('shows a skill seen only in interviews at its last assessed level', () => {
    const booklet = skillsBooklet(
      [],
      [interview('2026-03-01T09:00:00.000Z', 'held', [{ name: 'Jardin', level: 1 }]), interview('2026-05-01T09:00:00.000Z', 'held', [{ name: 'jardin', level: 3 }])],
    );
    expect(booklet.map(({ name, level, inProfile }) => ({ name, level, inProfile }))).toEqual([{ name: 'Jardin', level: 3, inProfile: false }]);
  });

  it('is empty for a member with no skill and no assessment', () => {
    expect(skillsBooklet([], [interview('2026-03-01T09:00:00.000Z', 'held', [])])).toEqual([]);
  });
});

describe('withSkill and skillProblem', () => {
  const skills = [{ name: 'Cuisine', level: 2, wantsToLearn: false }];

  it('adds a skill, or replaces the one of the same name', () => {
    expect(withSkill(skills, { name: ' Couture ', level: 1, wantsToLearn: true })).toEqual([...skills, { name: 'Couture', level: 1, wantsToLearn: true }]);
    expect(withSkill(skills, { name: 'cuisine', level: 3, wantsToLearn: false })).toEqual([{ name: 'cuisine', level: 3, wantsToLearn: false }]);
  });

  it('holds the API’s limits: a name of 1 to 60 characters, 50 skills at most', () => {
    expect(skillProblem('  ', skills)).toBe('nameRequired');
    expect(skillProblem('x'.repeat(61), skills)).toBe('nameTooLong');
    const full = Array.from({ length: 50 }, (_, index) => ({ name: `s${index}`, level: 1, wantsToLearn: false }));
    expect(skillProblem('Couture', full)).toBe('tooMany');
    expect(skillProblem('S3', full)).toBeNull();
    expect(skillProblem('Couture', skills)).toBeNull();
  });
});
