import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { periodsControllerGive, periodsControllerRecognitions } from '../../api/generated/sdk.gen';
import type { GiveRecognitionDto, PointsTotalDto } from '../../api/generated/types.gen';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { unwrap } from '../../api/client';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ActionError } from './RemunerationNav';
import { parsePoints } from './remuneration-rules';
import './remuneration.css';

interface Person {
  memberId: string;
  name: string;
}

/** A member gives points with a word of thanks, within what they have left (the form's limits are the API's). */
function GiveForm({ periodId, people, remaining }: { periodId: string; people: readonly Person[]; remaining: number }) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const queryClient = useQueryClient();
  const [to, setTo] = useState<string | null>(null);
  const [points, setPoints] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const parsed = parsePoints(points, remaining);
  const give = useMutation({
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the note is a string.
    mutationFn: (body: { toMemberId: string; points: number; note?: string }) =>
      unwrap(periodsControllerGive({ path: { siteId, periodId }, body: body as unknown as GiveRecognitionDto })),
    onSuccess: () => {
      setPoints('');
      setNote('');
      setChecked(false);
      return queryClient.invalidateQueries({ queryKey: ['period', siteId, periodId, 'recognitions'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!to || 'problem' in parsed) return;
    give.mutate({ toMemberId: to, points: parsed.points, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  if (people.length === 0) return <EmptyState>{t('recognition.nobody')}</EmptyState>;
  const fieldErrors = ['toMemberId', 'points', 'note'].some((field) => apiFieldError(give.error, field));
  return (
    <form className="form narrow" onSubmit={submit} noValidate>
      <Select
        label={t('recognition.to')}
        placeholder={t('recognition.to.placeholder')}
        options={people.map((person) => ({ id: person.memberId, label: person.name }))}
        value={to}
        onChange={(value) => {
          setTo(value);
          give.reset();
        }}
        description={checked && !to ? t('recognition.problem.to') : apiFieldError(give.error, 'toMemberId')}
      />
      <TextField
        label={t('recognition.points')}
        description={t('recognition.points.help', { remaining })}
        inputMode="numeric"
        value={points}
        onChange={(value) => {
          setPoints(value);
          give.reset();
        }}
        errorMessage={checked && 'problem' in parsed ? t(`recognition.problem.${parsed.problem}`, { remaining }) : apiFieldError(give.error, 'points')}
      />
      <TextField label={t('recognition.note')} value={note} onChange={setNote} errorMessage={apiFieldError(give.error, 'note')} />
      {give.isSuccess ? <Notice tone="success">{t('recognition.given', { points: give.data.points, name: give.data.toName })}</Notice> : null}
      {give.error && !fieldErrors ? <ActionError error={give.error} /> : null}
      <Button type="submit" icon="check" isPending={give.isPending}>
        {t('recognition.give')}
      </Button>
    </form>
  );
}

/**
 * The recognition round on the period page: while the period is open a member gives their points
 * with a word of thanks and sees their own gifts; once closed, everyone reads the points received.
 */
export function RecognitionRound({ periodId, status, people, memberId }: { periodId: string; status: string; people: readonly Person[]; memberId: string | undefined }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const round = useQuery({
    queryKey: ['period', siteId, periodId, 'recognitions'],
    queryFn: () => unwrap(periodsControllerRecognitions({ path: { siteId, periodId } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const isMember = site.role === 'member';
  return (
    <Section title={t('recognition.title')}>
      <QueryState query={round}>
        {(data) => {
          const totals = (data.totals ?? []).map((line) => ({ ...line, id: line.memberId }));
          return (
            <div className="pay-stack">
              {status === 'open' && isMember && memberId ? (
                <>
                  <p>{t('recognition.intro', { remaining: data.remaining, budget: data.budget })}</p>
                  {data.remaining > 0 ? <GiveForm periodId={periodId} people={people.filter((person) => person.memberId !== memberId)} remaining={data.remaining} /> : null}
                </>
              ) : null}
              {status === 'open' && !isMember ? <p>{t('recognition.coordination')}</p> : null}
              {status !== 'open' ? <p>{t('recognition.closed')}</p> : null}
              {data.given.length > 0 ? (
                <div>
                  <h3 className="member-subtitle">{t('recognition.mine')}</h3>
                  <ul className="member-list">
                    {data.given.map((gift) => (
                      <li key={gift.id}>
                        <strong>{t('recognition.mine.line', { points: gift.points, name: gift.toName })}</strong>
                        {gift.note ? <p className="pay-quote">{gift.note}</p> : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {data.totalsVisible && totals.length > 0 ? (
                <Table<PointsTotalDto & { id: string }>
                  label={t('recognition.totals')}
                  rows={totals}
                  columns={[
                    { id: 'name', title: t('recognition.totals.name'), isRowHeader: true, cell: (line) => line.name },
                    { id: 'points', title: t('recognition.totals.points'), align: 'end', cell: (line) => String(line.points) },
                  ]}
                />
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </Section>
  );
}
