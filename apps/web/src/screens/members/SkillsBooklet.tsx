import { useState } from 'react';
import { Checkbox } from 'react-aria-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { interviewsControllerList, membersControllerUpdate } from '../../api/generated/sdk.gen';
import type { MemberDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { SKILL_LEVELS, skillProblem, skillsBooklet, withSkill, type BookletRow, type SkillLevel } from './skills-booklet';

/** Add a skill to the profile, or change the level of one already there (same name). */
function AddSkill({ siteId, member }: { siteId: string; member: MemberDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [level, setLevel] = useState('1');
  const [wantsToLearn, setWantsToLearn] = useState(false);
  const [tried, setTried] = useState(false);
  const skills = member.skills ?? [];
  const save = useMutation({
    mutationFn: () => unwrap(membersControllerUpdate({ path: { siteId, memberId: member.id }, body: { skills: withSkill(skills, { name, level: Number(level), wantsToLearn }) } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['member', siteId, member.id], updated);
      setName('');
      setLevel('1');
      setWantsToLearn(false);
      setTried(false);
    },
  });
  const problem = tried ? skillProblem(name, skills) : null;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!skillProblem(name, skills)) save.mutate();
      }}
    >
      <TextField label={t('members.skills.name')} value={name} onChange={setName} errorMessage={problem ? t(`members.skills.problem.${problem}`) : undefined} />
      <Select
        label={t('members.skills.level')}
        options={SKILL_LEVELS.map((value) => ({ id: String(value), label: t(`members.skills.level.${value}`) }))}
        value={level}
        onChange={setLevel}
      />
      <Checkbox className="checkbox" isSelected={wantsToLearn} onChange={setWantsToLearn}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('members.skills.wantsToLearn')}
      </Checkbox>
      {save.isError ? <Notice tone="error">{errorText(save.error, language, t)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t('members.skills.saved')}</Notice> : null}
      <Button type="submit" icon="save" isPending={save.isPending}>
        {t('members.skills.add')}
      </Button>
    </form>
  );
}

/** The skills booklet tab: each skill, its level in words, and how the member assessed it at each interview. */
export function SkillsBooklet({ siteId, member }: { siteId: string; member: MemberDto }) {
  const t = useT();
  // The API holds levels to 1…4.
  const levelText = (level: number) => t(`members.skills.level.${level as SkillLevel}`);
  const interviews = useQuery({
    queryKey: ['interviews', siteId, member.id],
    queryFn: () => unwrap(interviewsControllerList({ path: { siteId, memberId: member.id }, query: { limit: 100 } })),
  });
  return (
    <>
      <p>{t('members.skills.intro')}</p>
      <QueryState query={interviews}>
        {(page) => {
          const rows = skillsBooklet(member.skills ?? [], page.items);
          return rows.length === 0 ? (
            <EmptyState>{t('members.skills.empty')}</EmptyState>
          ) : (
            <Table<BookletRow & { id: string }>
              label={t('members.skills.table')}
              rows={rows.map((row) => ({ ...row, id: row.name }))}
              columns={[
                { id: 'name', title: t('members.skills.col.name'), isRowHeader: true, cell: (row) => row.name },
                {
                  id: 'level',
                  title: t('members.skills.col.level'),
                  cell: (row) => (row.inProfile ? levelText(row.level) : t('members.skills.onlyAssessed', { level: levelText(row.level) })),
                },
                { id: 'learn', title: t('members.skills.col.wantsToLearn'), cell: (row) => (row.wantsToLearn ? t('members.skills.yes') : '') },
                {
                  id: 'history',
                  title: t('members.skills.col.history'),
                  cell: (row) =>
                    row.history.length === 0
                      ? t('members.skills.noAssessment')
                      : row.history.map((step) => t('members.skills.step', { date: frenchShortDate(step.on), level: step.level })).join(' → '),
                },
              ]}
            />
          );
        }}
      </QueryState>
      <h2 className="members-subtitle">{t('members.skills.addTitle')}</h2>
      <AddSkill siteId={siteId} member={member} />
    </>
  );
}
