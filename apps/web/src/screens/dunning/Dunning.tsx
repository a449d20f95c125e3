import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Checkbox } from 'react-aria-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  documentPdfsControllerInvoice,
  dunningControllerAddNote,
  dunningControllerCollection,
  dunningControllerDraftLetter,
  dunningControllerDrafts,
  dunningControllerPause,
  dunningControllerPolicy,
  dunningControllerResume,
  dunningControllerSendDraft,
  dunningControllerSetPolicy,
  receivablesControllerSite,
} from '../../api/generated/sdk.gen';
import type { CollectionLogDto, DunningDraftDto, DunningStatusDto, ReceivableDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { PdfInPage } from '../../ui/PdfInPage';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { SubNav } from '../../ui/SubNav';
import { Table, type TableColumn } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { dunningStep } from '../dunning-step';
import {
  checkNote,
  checkPolicy,
  type CollectionEntryView,
  entryMessage,
  LEVELS,
  NOTE_KINDS,
  type NoteDraft,
  type NoteKind,
  type PolicyDraft,
  policyDraftOf,
} from './dunning-rules';
import './dunning.css';

type Translate = ReturnType<typeof useT>;

/** Coordinators act (policy, notes, pauses, formal notices); accountants read; a network admin acts like a coordinator. */
function useDunningAccess(): { read: boolean; act: boolean } {
  const { site } = useSession();
  const role = site?.role;
  return { read: role === 'coordinator' || role === 'accountant' || role === 'admin', act: role === 'coordinator' || role === 'admin' };
}

function DunningNav() {
  const t = useT();
  const { act } = useDunningAccess();
  const links: { href: string; label: string }[] = [
    { href: ROUTES.dunning, label: t('dunning.sub.overdue') },
    { href: ROUTES.dunningPolicy, label: t('dunning.sub.policy') },
  ];
  if (act) links.push({ href: ROUTES.dunningDrafts, label: t('dunning.sub.drafts') });
  return <SubNav label={t('dunning.area')} links={links} />;
}

/** A dunning area screen: its title, the area's links, and the screen, or why this role does not see it. */
function DunningPage({ title, children, needs = 'read' }: { title: string; children: React.ReactNode; needs?: 'read' | 'act' }) {
  const t = useT();
  const access = useDunningAccess();
  return (
    <Page title={title}>
      <DunningNav />
      {access[needs] ? children : <Notice>{needs === 'act' ? t('dunning.drafts.coordinatorOnly') : t('dunning.forbidden')}</Notice>}
    </Page>
  );
}

/** The sentence of an invoice's dunning step (the same as "Aujourd'hui"'s). */
export function dunningText(t: Translate, status: DunningStatusDto | null): string {
  const step = dunningStep(status);
  const values = step.values && typeof step.values.date === 'string' ? { ...step.values, date: frenchShortDate(step.values.date) } : step.values;
  return t(step.key, values);
}

/** An overdue invoice's number as the table's row header: a link named for what it opens. */
function numberColumn<T extends { invoiceId: string; number: string }>(
  t: Translate,
  href: (invoiceId: string) => string,
  openLabel: 'dunning.overdue.open' | 'dunning.drafts.open',
): TableColumn<T> {
  return {
    id: 'number',
    title: t('dunning.col.number'),
    isRowHeader: true,
    cell: (row) => (
      <Link href={href(row.invoiceId)} aria-label={t(openLabel, { number: row.number })}>
        {row.number}
      </Link>
    ),
  };
}

/** `/relances`: the site's overdue invoices with their dunning step, each opening its collection. */
export function OverdueScreen() {
  const t = useT();
  const { site } = useSession();
  const { read } = useDunningAccess();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['receivables', siteId],
    queryFn: () => unwrap(receivablesControllerSite({ path: { siteId }, query: { limit: 100 } })),
    enabled: Boolean(site) && read,
  });
  if (!site) return null;
  return (
    <DunningPage title={t('dunning.overdue.title')}>
      <p>{t('dunning.overdue.intro', { site: site.name })}</p>
      <QueryState query={query}>
        {(board) => {
          const overdue = board.items.filter((row) => row.daysOverdue > 0).map((row) => ({ ...row, id: row.invoiceId }));
          return overdue.length === 0 ? (
            <EmptyState>{t('dunning.overdue.empty')}</EmptyState>
          ) : (
            <Table<ReceivableDto & { id: string }>
              label={t('dunning.overdue.title')}
              rows={overdue}
              columns={[
                numberColumn(t, ROUTES.collection, 'dunning.overdue.open'),
                { id: 'client', title: t('dunning.col.client'), cell: (row) => row.clientName },
                { id: 'outstanding', title: t('dunning.col.outstanding'), align: 'end', cell: (row) => frenchAmount(row.outstanding) },
                { id: 'late', title: t('dunning.col.late'), align: 'end', cell: (row) => t('today.overdue.days', { days: row.daysOverdue }) },
                { id: 'step', title: t('dunning.col.step'), cell: (row) => dunningText(t, row.dunning) },
              ]}
            />
          );
        }}
      </QueryState>
    </DunningPage>
  );
}

function PolicyLevel({
  title,
  enabled,
  days,
  daysLabel,
  onEnabled,
  onDays,
  error,
  readOnly,
}: {
  title: string;
  enabled: boolean;
  days: string;
  daysLabel: string;
  onEnabled(on: boolean): void;
  onDays(days: string): void;
  error?: string;
  readOnly: boolean;
}) {
  const t = useT();
  return (
    <fieldset className="policy-level">
      <legend className="policy-level__legend">{title}</legend>
      <Checkbox className="checkbox" isSelected={enabled} onChange={onEnabled} isDisabled={readOnly}>
        <span className="checkbox__box" aria-hidden="true" />
        {t('dunning.policy.enabled')}
      </Checkbox>
      <TextField label={daysLabel} inputMode="numeric" value={days} onChange={onDays} isReadOnly={readOnly} errorMessage={error} />
    </fieldset>
  );
}

/** `/relances/regles`: the site's dunning policy; coordinators change it, accountants read it. */
export function PolicyScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const { read, act } = useDunningAccess();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const query = useQuery({ queryKey: ['dunning-policy', siteId], queryFn: () => unwrap(dunningControllerPolicy({ path: { siteId } })), enabled: Boolean(site) && read });
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    if (query.data && !draft) setDraft(policyDraftOf(query.data));
  }, [query.data, draft]);
  const save = useMutation({
    mutationFn: (policy: Parameters<typeof dunningControllerSetPolicy>[0]['body']) => unwrap(dunningControllerSetPolicy({ path: { siteId }, body: policy })),
    onSuccess: (view) => {
      queryClient.setQueryData(['dunning-policy', siteId], view);
      setDraft(policyDraftOf(view));
      setChecked(false);
    },
  });
  if (!site) return null;
  const check = draft ? checkPolicy(draft) : null;
  const apiField = save.error instanceof ApiError ? save.error.field : null;
  const apiMessage = save.error ? errorText(save.error, language, t) : null;
  const error = (field: string): string | undefined => {
    if (apiField === field && apiMessage) return apiMessage;
    if (!checked || !check || check.ok) return undefined;
    const problem = check.problems.find((candidate) => candidate.field === field);
    return problem ? t(problem.key, problem.values) : undefined;
  };
  const set = (patch: Partial<PolicyDraft>) => {
    save.reset();
    setDraft((current) => (current ? { ...current, ...patch } : current));
  };
  return (
    <DunningPage title={t('dunning.policy.title')}>
      <p>{t('dunning.policy.intro')}</p>
      <QueryState query={query}>
        {(view) =>
          draft ? (
            <form
              className="policy-form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                setChecked(true);
                if (check?.ok) save.mutate(check.policy);
              }}
            >
              <p>{view.customised ? t('dunning.policy.customised') : t('dunning.policy.default')}</p>
              {!act ? <Notice>{t('dunning.policy.readOnly')}</Notice> : null}
              <PolicyLevel
                title={t('dunning.policy.courtesy')}
                enabled={draft.courtesy.enabled}
                days={draft.courtesy.daysBefore}
                daysLabel={t('dunning.policy.courtesy.days')}
                onEnabled={(enabled) => set({ courtesy: { ...draft.courtesy, enabled } })}
                onDays={(daysBefore) => set({ courtesy: { ...draft.courtesy, daysBefore } })}
                error={error('courtesy.daysBefore')}
                readOnly={!act}
              />
              {LEVELS.map((level) => (
                <PolicyLevel
                  key={level}
                  title={t(`dunning.policy.${level}`)}
                  enabled={draft[level].enabled}
                  days={draft[level].delayDays}
                  daysLabel={t('dunning.policy.delay')}
                  onEnabled={(enabled) => set({ [level]: { ...draft[level], enabled } })}
                  onDays={(delayDays) => set({ [level]: { ...draft[level], delayDays } })}
                  error={error(`${level}.delayDays`)}
                  readOnly={!act}
                />
              ))}
              <fieldset className="policy-level">
                <legend className="policy-level__legend">{t('dunning.policy.hours')}</legend>
                <div className="policy-hours">
                  <TextField
                    label={t('dunning.policy.from')}
                    inputMode="numeric"
                    value={draft.sendFromHour}
                    onChange={(sendFromHour) => set({ sendFromHour })}
                    isReadOnly={!act}
                    errorMessage={error('sendFromHour')}
                  />
                  <TextField
                    label={t('dunning.policy.until')}
                    inputMode="numeric"
                    value={draft.sendUntilHour}
                    onChange={(sendUntilHour) => set({ sendUntilHour })}
                    isReadOnly={!act}
                  />
                </div>
              </fieldset>
              {apiMessage && apiField === null ? (
                <Notice tone="error" title={t('app.error.title')}>
                  <p>{apiMessage}</p>
                </Notice>
              ) : null}
              {save.isSuccess ? <Notice tone="success">{t('dunning.policy.saved')}</Notice> : null}
              {act ? (
                <div className="actions">
                  <Button type="submit" icon="save" isPending={save.isPending}>
                    {t('dunning.policy.save')}
                  </Button>
                </div>
              ) : null}
            </form>
          ) : null
        }
      </QueryState>
    </DunningPage>
  );
}

function CollectionLogTable({ log }: { log: CollectionLogDto }) {
  const t = useT();
  const entries = (log.entries as unknown as CollectionEntryView[]).map((entry, index) => ({ ...entry, id: String(index) }));
  if (entries.length === 0) return <EmptyState>{t('dunning.collection.log.empty')}</EmptyState>;
  return (
    <Table
      label={t('dunning.collection.log')}
      rows={entries}
      columns={[
        { id: 'when', title: t('dunning.collection.when'), isRowHeader: true, cell: (entry) => frenchShortDate(entry.at.slice(0, 10)) },
        {
          id: 'what',
          title: t('dunning.collection.what'),
          cell: (entry) => {
            const message = entryMessage(entry);
            return (
              <>
                {t(message.key, message.values)}
                {entry.type === 'promise_to_pay' && entry.promisedOn ? ` ${t('dunning.entry.promisedOn', { date: frenchShortDate(entry.promisedOn) })}` : null}
                {entry.type === 'promise_to_pay' && entry.promisedAmount ? ` ${t('dunning.entry.promisedAmount', { amount: frenchAmount(entry.promisedAmount) })}` : null}
              </>
            );
          },
        },
      ]}
    />
  );
}

function PauseResume({ siteId, log }: { siteId: string; log: CollectionLogDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const onSuccess = (next: CollectionLogDto) => {
    queryClient.setQueryData(['collection', siteId, log.invoiceId], next);
    void queryClient.invalidateQueries({ queryKey: ['receivables', siteId] });
  };
  const pause = useMutation({
    mutationFn: () => unwrap(dunningControllerPause({ path: { siteId, invoiceId: log.invoiceId }, body: { reason: reason.trim() } })),
    onSuccess: (next) => {
      onSuccess(next);
      setReason('');
      setChecked(false);
    },
  });
  const resume = useMutation({ mutationFn: () => unwrap(dunningControllerResume({ path: { siteId, invoiceId: log.invoiceId } })), onSuccess });
  const failure = pause.error ?? resume.error;
  if (log.status.settled) return null;
  const reasonOk = reason.trim().length > 0 && reason.trim().length <= 500;
  return (
    <Section title={log.status.paused ? t('dunning.resume') : t('dunning.pause.title')}>
      {pause.isSuccess && log.status.paused ? <Notice tone="success">{t('dunning.pause.done')}</Notice> : null}
      {resume.isSuccess && !log.status.paused ? <Notice tone="success">{t('dunning.resume.done')}</Notice> : null}
      {failure ? (
        <Notice tone="error" title={t('app.error.title')}>
          <p>{errorText(failure, language, t)}</p>
        </Notice>
      ) : null}
      {log.status.paused ? (
        <ConfirmDialog
          triggerLabel={t('dunning.resume')}
          icon="retry"
          title={t('dunning.resume.title')}
          sentence={t('dunning.resume.sentence', { number: log.number })}
          confirmLabel={t('dunning.resume.confirm')}
          cancelLabel={t('dunning.cancel')}
          onConfirm={() => resume.mutate()}
        />
      ) : (
        <form
          className="collection-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setChecked(true);
            if (reasonOk) pause.mutate();
          }}
        >
          <TextField
            label={t('dunning.pause.reason')}
            description={t('dunning.pause.help')}
            value={reason}
            maxLength={500}
            onChange={setReason}
            errorMessage={checked && !reasonOk ? t('dunning.pause.problem') : undefined}
          />
          <div className="actions">
            <Button type="submit" variant="secondary" icon="save" isPending={pause.isPending}>
              {t('dunning.pause.submit')}
            </Button>
          </div>
        </form>
      )}
    </Section>
  );
}

function NoteForm({ siteId, invoiceId }: { siteId: string; invoiceId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const empty: NoteDraft = { kind: 'call', text: '', promisedOn: '', promisedAmount: '' };
  const [draft, setDraft] = useState<NoteDraft>(empty);
  const [checked, setChecked] = useState(false);
  const check = checkNote(draft);
  const add = useMutation({
    mutationFn: (body: Extract<ReturnType<typeof checkNote>, { ok: true }>['body']) => unwrap(dunningControllerAddNote({ path: { siteId, invoiceId }, body })),
    onSuccess: (next) => {
      queryClient.setQueryData(['collection', siteId, invoiceId], next);
      setDraft(empty);
      setChecked(false);
    },
  });
  const apiField = add.error instanceof ApiError ? add.error.field : null;
  const apiMessage = add.error ? errorText(add.error, language, t) : null;
  const error = (field: 'text' | 'promisedOn' | 'promisedAmount') => {
    if (apiField === field && apiMessage) return apiMessage;
    return checked && !check.ok && check.field === field ? t(check.key) : undefined;
  };
  const set = (patch: Partial<NoteDraft>) => {
    add.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  return (
    <Section title={t('dunning.note.title')}>
      <form
        className="collection-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (check.ok) add.mutate(check.body);
        }}
      >
        <Select
          label={t('dunning.note.kind')}
          options={NOTE_KINDS.map((id) => ({ id, label: t(`dunning.note.kind.${id}`) }))}
          value={draft.kind}
          onChange={(kind) => set({ kind: kind as NoteKind })}
        />
        <TextField label={t('dunning.note.text')} value={draft.text} maxLength={2000} onChange={(text) => set({ text })} errorMessage={error('text')} />
        {draft.kind === 'promise_to_pay' ? (
          <div className="policy-hours">
            <TextField
              label={t('dunning.note.promisedOn')}
              description={t('reports.dayHelp')}
              value={draft.promisedOn}
              onChange={(promisedOn) => set({ promisedOn })}
              errorMessage={error('promisedOn')}
            />
            <TextField
              label={t('dunning.note.promisedAmount')}
              inputMode="decimal"
              value={draft.promisedAmount}
              onChange={(promisedAmount) => set({ promisedAmount })}
              errorMessage={error('promisedAmount')}
            />
          </div>
        ) : null}
        {apiMessage && apiField === null ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{apiMessage}</p>
          </Notice>
        ) : null}
        {add.isSuccess ? <Notice tone="success">{t('dunning.note.added')}</Notice> : null}
        <div className="actions">
          <Button type="submit" icon="save" isPending={add.isPending}>
            {t('dunning.note.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** `/relances/factures/:id`: an invoice's collection — amounts, dunning step, what was done, notes, pause and resume. */
export function CollectionScreen({ invoiceId }: { invoiceId: string }) {
  const t = useT();
  const { site } = useSession();
  const { read, act } = useDunningAccess();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['collection', siteId, invoiceId],
    queryFn: () => unwrap(dunningControllerCollection({ path: { siteId, invoiceId } })),
    enabled: Boolean(site) && read,
  });
  if (!site) return null;
  const hasDraft = (log: CollectionLogDto) => (log.entries as unknown as CollectionEntryView[]).some((entry) => entry.type === 'reminder' && entry.status === 'draft');
  return (
    <DunningPage title={query.data ? t('dunning.collection.title', { number: query.data.number }) : t('dunning.overdue.title')}>
      <p className="actions">
        <ButtonLink href={ROUTES.dunning} variant="quiet" icon="arrow">
          {t('dunning.collection.back')}
        </ButtonLink>
        <ButtonLink href={ROUTES.invoice(invoiceId)} variant="quiet">
          {t('dunning.collection.invoice')}
        </ButtonLink>
      </p>
      <QueryState query={query}>
        {(log) => (
          <div className="collection">
            <Section title={t('dunning.collection.amounts')}>
              <dl className="collection-amounts">
                <div>
                  <dt>{t('dunning.collection.total')}</dt>
                  <dd>{frenchAmount(log.total)}</dd>
                </div>
                <div>
                  <dt>{t('dunning.collection.paid')}</dt>
                  <dd>{frenchAmount(log.paid)}</dd>
                </div>
                <div>
                  <dt>{t('dunning.collection.credited')}</dt>
                  <dd>{frenchAmount(log.credited)}</dd>
                </div>
                <div className="collection-amounts__due">
                  <dt>{t('dunning.collection.outstanding')}</dt>
                  <dd>{frenchAmount(log.outstanding)}</dd>
                </div>
              </dl>
              <p>{t('dunning.collection.dueOn', { date: frenchShortDate(log.dueOn) })}</p>
            </Section>
            <Section title={t('dunning.collection.status')}>
              <p data-testid="dunning-step">
                {log.status.settled
                  ? t('dunning.collection.settled')
                  : // A drafted formal notice counts as level 3 recorded, but nothing was sent yet: say so.
                    hasDraft(log)
                    ? t('dunning.collection.draftWaiting')
                    : dunningText(t, log.status)}
              </p>
              {act && hasDraft(log) ? (
                <ButtonLink href={ROUTES.dunningDraft(invoiceId)} variant="primary" icon="arrow">
                  {t('dunning.collection.readDraft')}
                </ButtonLink>
              ) : null}
            </Section>
            <Section title={t('dunning.collection.log')}>
              <CollectionLogTable log={log} />
            </Section>
            {act ? (
              <>
                <NoteForm siteId={siteId} invoiceId={invoiceId} />
                <PauseResume siteId={siteId} log={log} />
              </>
            ) : (
              <p>{t('dunning.collection.readOnly')}</p>
            )}
          </div>
        )}
      </QueryState>
    </DunningPage>
  );
}

function useDrafts(siteId: string, enabled: boolean) {
  return useQuery({ queryKey: ['dunning-drafts', siteId], queryFn: () => unwrap(dunningControllerDrafts({ path: { siteId } })), enabled });
}

/** `/relances/mises-en-demeure`: the formal notices prepared for review (never sent automatically). */
export function DraftsScreen() {
  const t = useT();
  const { site } = useSession();
  const { act } = useDunningAccess();
  const siteId = site?.siteId ?? '';
  const query = useDrafts(siteId, Boolean(site) && act);
  if (!site) return null;
  return (
    <DunningPage title={t('dunning.drafts.title')} needs="act">
      <p>{t('dunning.drafts.intro')}</p>
      <QueryState query={query}>
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState>{t('dunning.drafts.empty')}</EmptyState>
          ) : (
            <Table<DunningDraftDto & { id: string }>
              label={t('dunning.drafts.title')}
              rows={list.items.map((draft) => ({ ...draft, id: draft.invoiceId }))}
              columns={[
                numberColumn(t, ROUTES.dunningDraft, 'dunning.drafts.open'),
                { id: 'due', title: t('dunning.col.dueOn'), cell: (draft) => frenchShortDate(draft.dueOn) },
                { id: 'outstanding', title: t('dunning.col.outstanding'), align: 'end', cell: (draft) => frenchAmount(draft.outstanding) },
                { id: 'prepared', title: t('dunning.col.prepared'), cell: (draft) => frenchShortDate(draft.preparedAt.slice(0, 10)) },
              ]}
            />
          )
        }
      </QueryState>
    </DunningPage>
  );
}

/** `/relances/mises-en-demeure/:id`: read a formal notice's facts and its invoice, then send it after a confirmation. */
export function DraftScreen({ invoiceId }: { invoiceId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const { act } = useDunningAccess();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const query = useDrafts(siteId, Boolean(site) && act);
  const send = useMutation({
    mutationFn: () => unwrap(dunningControllerSendDraft({ path: { siteId, invoiceId } })),
    onSuccess: (log) => {
      queryClient.setQueryData(['collection', siteId, invoiceId], log);
      void queryClient.invalidateQueries({ queryKey: ['receivables', siteId] });
      void queryClient.invalidateQueries({ queryKey: ['dunning-drafts', siteId] });
    },
  });
  if (!site) return null;
  const draft = query.data?.items.find((item) => item.invoiceId === invoiceId);
  return (
    <DunningPage title={draft ? t('dunning.draft.title', { number: draft.number }) : t('dunning.drafts.title')} needs="act">
      <p>
        <ButtonLink href={ROUTES.dunningDrafts} variant="quiet" icon="arrow">
          {t('dunning.draft.back')}
        </ButtonLink>
      </p>
      {send.isSuccess ? (
        <>
          <Notice tone="success">{t('dunning.draft.sent')}</Notice>
          <ButtonLink href={ROUTES.collection(invoiceId)}>{t('dunning.draft.collection')}</ButtonLink>
        </>
      ) : (
        <QueryState query={query}>
          {() =>
            !draft ? (
              <>
                <Notice>{t('dunning.draft.gone')}</Notice>
                <ButtonLink href={ROUTES.collection(invoiceId)}>{t('dunning.draft.collection')}</ButtonLink>
              </>
            ) : (
              <>
                <p>{t('dunning.draft.summary', { number: draft.number, date: frenchShortDate(draft.dueOn), amount: frenchAmount(draft.outstanding) })}</p>
                <p>{t('dunning.draft.prepared', { date: frenchShortDate(draft.preparedAt.slice(0, 10)) })}</p>
                <p>{t('dunning.draft.letterText')}</p>
                <PdfInPage
                  title={t('dunning.draft.letter')}
                  queryKey={['dunning-letter', siteId, invoiceId]}
                  fetchPdf={() => unwrap(dunningControllerDraftLetter({ path: { siteId, invoiceId }, parseAs: 'blob' }))}
                  frameTitle={t('dunning.draft.letterFrame', { number: draft.number })}
                  downloadLabel={t('dunning.draft.letterDownload')}
                  loadingLabel={t('dunning.draft.pdfLoading')}
                  frameClassName="dunning-pdf"
                  fileName={`mise-en-demeure-${draft.number}.pdf`}
                />
                <PdfInPage
                  title={t('dunning.draft.invoicePdf')}
                  queryKey={['invoice-pdf', siteId, invoiceId]}
                  fetchPdf={() => unwrap(documentPdfsControllerInvoice({ path: { siteId, invoiceId }, parseAs: 'blob' }))}
                  frameTitle={t('dunning.draft.frame', { number: draft.number })}
                  downloadLabel={t('dunning.draft.download')}
                  loadingLabel={t('dunning.draft.pdfLoading')}
                  frameClassName="dunning-pdf"
                  fileName={`${draft.number}.pdf`}
                />
                {send.isError ? (
                  <Notice tone="error" title={t('app.error.title')}>
                    <p>{errorText(send.error, language, t)}</p>
                  </Notice>
                ) : null}
                <div className="actions">
                  <ConfirmDialog
                    triggerLabel={t('dunning.draft.send')}
                    triggerVariant="primary"
                    icon="check"
                    title={t('dunning.draft.send.title')}
                    sentence={t('dunning.draft.send.sentence', { number: draft.number })}
                    confirmLabel={t('dunning.draft.send.confirm')}
                    cancelLabel={t('dunning.cancel')}
                    onConfirm={() => send.mutate()}
                  />
                  <ButtonLink href={ROUTES.collection(invoiceId)} variant="quiet">
                    {t('dunning.draft.collection')}
                  </ButtonLink>
                </div>
              </>
            )
          }
        </QueryState>
      )}
    </DunningPage>
  );
}
