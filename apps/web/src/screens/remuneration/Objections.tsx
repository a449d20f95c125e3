import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { periodsControllerAnswer, periodsControllerObject, periodsControllerObjections } from '../../api/generated/sdk.gen';
import type { ObjectionViewDto } from '../../api/generated/types.gen';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { unwrap } from '../../api/client';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { ActionError } from './RemunerationNav';
import { coordinates } from './remuneration-rules';
import './remuneration.css';

function useRefreshPeriod(periodId: string) {
  const { site } = useSession();
  const queryClient = useQueryClient();
  // The period's own count of open objections changes too (it holds the approval back).
  return () => queryClient.invalidateQueries({ queryKey: ['period', site?.siteId ?? '', periodId] });
}

/** A short text of 1 to 2 000 characters (the API's limits on an objection and its answer). */
function TextForm({
  label,
  help,
  submitLabel,
  onSend,
  error,
  pending,
  field,
}: {
  label: string;
  help?: string;
  submitLabel: string;
  onSend(text: string): Promise<unknown>;
  error: unknown;
  pending: boolean;
  field: string;
}) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!text.trim()) return;
    onSend(text.trim()).then(
      () => {
        setText('');
        setChecked(false);
      },
      () => undefined,
    );
  };
  return (
    <form className="form narrow" onSubmit={submit} noValidate>
      <TextField label={label} description={help} value={text} onChange={setText} errorMessage={checked && !text.trim() ? t('objections.required') : apiFieldError(error, field)} />
      {error && !apiFieldError(error, field) ? <ActionError error={error} /> : null}
      <Button type="submit" icon="check" isPending={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

function ObjectionLine({ objection, periodId, mayAnswer }: { objection: ObjectionViewDto; periodId: string; mayAnswer: boolean }) {
  const t = useT();
  const { site } = useSession();
  const refresh = useRefreshPeriod(periodId);
  const answer = useMutation({
    mutationFn: (text: string) => unwrap(periodsControllerAnswer({ path: { siteId: site?.siteId ?? '', periodId, objectionId: objection.id }, body: { answer: text } })),
    onSuccess: refresh,
  });
  return (
    <li className="card">
      <h3 className="card__title member-card__title">{t('objections.from', { name: objection.name })}</h3>
      <p className="pay-quote">{objection.text}</p>
      {objection.answer ? <p>{t('objections.answer', { answer: objection.answer })}</p> : <p className="card__meta">{t('objections.waiting')}</p>}
      {answer.isSuccess ? <Notice tone="success">{t('objections.answered')}</Notice> : null}
      {mayAnswer && objection.status === 'open' ? (
        <TextForm
          label={t('objections.answerTo', { name: objection.name })}
          submitLabel={t('objections.answer.send')}
          onSend={(text) => answer.mutateAsync(text)}
          error={answer.error}
          pending={answer.isPending}
          field="answer"
        />
      ) : null}
    </li>
  );
}

/**
 * Objections on the period page: once the period is closed a member objects to their share with a
 * reason and reads the answer; the coordination reads every objection and answers each.
 */
export function Objections({ periodId, status }: { periodId: string; status: string }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const refresh = useRefreshPeriod(periodId);
  const list = useQuery({
    queryKey: ['period', siteId, periodId, 'objections'],
    queryFn: () => unwrap(periodsControllerObjections({ path: { siteId, periodId } })),
    enabled: Boolean(site) && status !== 'open',
  });
  const object = useMutation({
    mutationFn: (text: string) => unwrap(periodsControllerObject({ path: { siteId, periodId }, body: { text } })),
    onSuccess: refresh,
  });
  if (!site || status === 'open') return null;
  const isMember = site.role === 'member';
  return (
    <Section title={isMember ? t('objections.title') : t('objections.coordination')}>
      <div className="pay-stack">
        {isMember && status === 'closed' ? (
          <>
            <p>{t('objections.intro')}</p>
            {object.isSuccess ? <Notice tone="success">{t('objections.sent')}</Notice> : null}
            <TextForm
              label={t('objections.text')}
              help={t('objections.text.help')}
              submitLabel={t('objections.send')}
              onSend={(text) => object.mutateAsync(text)}
              error={object.error}
              pending={object.isPending}
              field="text"
            />
          </>
        ) : null}
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              isMember ? null : (
                <EmptyState>{t('objections.none')}</EmptyState>
              )
            ) : (
              <div>
                {isMember ? <h3 className="member-subtitle">{t('objections.mine')}</h3> : null}
                <ul className="cards">
                  {data.items.map((objection) => (
                    <ObjectionLine key={objection.id} objection={objection} periodId={periodId} mayAnswer={coordinates(site.role)} />
                  ))}
                </ul>
              </div>
            )
          }
        </QueryState>
      </div>
    </Section>
  );
}
