import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { contributionsControllerCreate, contributionsControllerList } from '../../api/generated/sdk.gen';
import type { ContributionDto, CreateContributionDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorText, fieldErrorText } from '../../ui/error-text';
import { dayProblem, isoDay, parseHours } from './member-rules';
import { useOwnMember } from './own-member';
import './member.css';

type Kind = CreateContributionDto['kind'];
type Task = NonNullable<CreateContributionDto['task']>;
const KINDS: readonly Kind[] = ['contributive_day', 'collective_task', 'peer_training'];
const TASKS: readonly Task[] = ['cleaning', 'accounting', 'communication', 'other'];

function Recent({ siteId, memberId }: { siteId: string; memberId: string }) {
  const t = useT();
  const query = useQuery({
    queryKey: ['contributions', siteId, memberId, 'recent'],
    queryFn: () => unwrap(contributionsControllerList({ path: { siteId }, query: { memberId, limit: 5 } })),
  });
  return (
    <Section title={t('member.log.recent')}>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('member.log.recent.empty')}</EmptyState>
          ) : (
            <ul className="member-list">
              {page.items.map((entry: ContributionDto) => (
                <li key={entry.id}>
                  {t('member.log.line', { date: frenchShortDate(entry.date), hours: frenchNumber(entry.hours), kind: t(`kind.${entry.kind}`) })} (
                  {t(`contribution.${entry.status}`)})
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

/** "Log my hours" on a phone in under 30 seconds: the day (today), the hours, the kind — one button. */
export function LogHoursScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const own = useOwnMember(siteId);
  const queryClient = useQueryClient();
  const today = isoDay(new Date());
  const [date, setDate] = useState(today);
  const [hours, setHours] = useState('');
  const [kind, setKind] = useState<Kind>('contributive_day');
  const [task, setTask] = useState<Task>('other');
  const [checked, setChecked] = useState(false);
  const create = useMutation({
    mutationFn: (body: CreateContributionDto) => unwrap(contributionsControllerCreate({ path: { siteId }, body })),
    onSuccess: () => {
      setHours('');
      setChecked(false);
      return queryClient.invalidateQueries({ queryKey: ['contributions', siteId] });
    },
  });
  if (!site) return null;

  const parsed = parseHours(hours);
  const dateIssue = dayProblem(date, today);
  const hoursError = checked && 'problem' in parsed ? t(`member.log.error.${parsed.problem}`) : fieldErrorText(create.error, 'hours', language, t);
  const dateError = checked && dateIssue ? t(`member.log.error.${dateIssue}`) : fieldErrorText(create.error, 'date', language, t);
  const otherError = create.error && !fieldErrorText(create.error, 'hours', language, t) && !fieldErrorText(create.error, 'date', language, t) ? create.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if ('problem' in parsed || dateIssue) return;
    create.mutate({ date, hours: parsed.hours, kind, ...(kind === 'collective_task' ? { task } : {}) });
  };

  return (
    <Page title={t('member.log.title')}>
      <p>{t('member.log.intro')}</p>
      <QueryState query={own}>
        {(mine) => (
          <div className="board">
            <Section title={t('member.log.title')}>
              <form className="form" onSubmit={submit} noValidate>
                <TextField label={t('member.log.date')} description={t('member.log.date.help')} type="date" value={date} onChange={setDate} errorMessage={dateError} />
                <TextField
                  label={t('member.log.hours')}
                  description={t('member.log.hours.help')}
                  inputMode="decimal"
                  value={hours}
                  onChange={(value) => {
                    setHours(value);
                    create.reset();
                  }}
                  errorMessage={hoursError}
                />
                <RadioGroup className="field member-choices" value={kind} onChange={(value) => setKind(value as Kind)}>
                  <Label className="field__label">{t('member.log.kind')}</Label>
                  {KINDS.map((choice) => (
                    <Radio key={choice} value={choice} className="member-choice">
                      {t(`kind.${choice}`)}
                    </Radio>
                  ))}
                </RadioGroup>
                {kind === 'collective_task' ? (
                  <Select label={t('member.log.task')} options={TASKS.map((id) => ({ id, label: t(`task.${id}`) }))} value={task} onChange={(id) => setTask(id as Task)} />
                ) : null}
                {create.isSuccess ? (
                  <Notice tone="success">{t('member.log.done', { hours: frenchNumber(create.data.hours), date: frenchShortDate(create.data.date) })}</Notice>
                ) : null}
                {otherError ? (
                  <Notice tone="error" title={t('app.error.title')}>
                    {errorText(otherError, language, t)}
                  </Notice>
                ) : null}
                <Button type="submit" icon="save" isPending={create.isPending}>
                  {t('member.log.submit')}
                </Button>
              </form>
            </Section>
            <Recent siteId={siteId} memberId={mine.member.id} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}
