import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { missionsControllerCreate } from '../../api/generated/sdk.gen';
import type { CreateMissionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { isoDay } from '../member/member-rules';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { coordinates, missionBody, missionProblems, type MissionField, type MissionForm } from './remuneration-rules';

const FIELDS: readonly { field: MissionField; type?: string; help?: boolean; inputMode?: 'numeric' }[] = [
  { field: 'title' },
  { field: 'activityPole', help: true },
  { field: 'startsOn', type: 'date' },
  { field: 'endsOn', type: 'date', help: true },
  { field: 'place' },
  { field: 'peopleNeeded', inputMode: 'numeric' },
  { field: 'description' },
];

/** `/missions/nouvelle`: the coordination describes a mission; members then see it and sign up. */
export function NewMissionScreen() {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const today = isoDay(new Date());
  const [form, setForm] = useState<MissionForm>({ title: '', activityPole: '', startsOn: today, endsOn: today, place: '', peopleNeeded: '2', description: '' });
  const [checked, setChecked] = useState(false);
  const create = useMutation({
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the description is a string.
    mutationFn: () => unwrap(missionsControllerCreate({ path: { siteId }, body: missionBody(form) as unknown as CreateMissionDto })),
    onSuccess: async (mission) => {
      await queryClient.invalidateQueries({ queryKey: ['missions', siteId] });
      navigate(ROUTES.mission(mission.id));
    },
  });
  if (!site) return null;
  if (!coordinates(site.role)) {
    return (
      <Page title={t('newMission.title')}>
        <Notice tone="error" title={t('app.notFound.title')}>
          {t('app.notFound.body')}
        </Notice>
      </Page>
    );
  }
  const problems = checked ? missionProblems(form) : {};
  const errorOf = (field: MissionField) => (problems[field] ? t(`newMission.problem.${problems[field]}`) : apiFieldError(create.error, field));
  const fieldError = FIELDS.some(({ field }) => apiFieldError(create.error, field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(missionProblems(form)).length > 0) return;
    create.mutate();
  };
  return (
    <Page title={t('newMission.title')}>
      <RemunerationNav />
      <p>{t('newMission.intro')}</p>
      <Section title={t('newMission.title')}>
        <form className="form narrow" onSubmit={submit} noValidate>
          {FIELDS.map(({ field, type, help, inputMode }) => (
            <TextField
              key={field}
              label={t(`newMission.field.${field}`)}
              description={help ? t(`newMission.field.${field}.help` as 'newMission.field.endsOn.help') : undefined}
              type={type}
              inputMode={inputMode}
              value={form[field]}
              onChange={(value) => {
                setForm((current) => ({ ...current, [field]: value }));
                create.reset();
              }}
              errorMessage={errorOf(field)}
            />
          ))}
          {create.error && !fieldError ? <ActionError error={create.error} /> : null}
          <Button type="submit" icon="save" isPending={create.isPending}>
            {t('newMission.submit')}
          </Button>
        </form>
      </Section>
    </Page>
  );
}
