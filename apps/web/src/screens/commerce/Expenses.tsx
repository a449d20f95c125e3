import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  expensesControllerApprove,
  expensesControllerCreate,
  expensesControllerGetReceipt,
  expensesControllerList,
  expensesControllerPutReceipt,
  expensesControllerReimburse,
  expensesControllerReject,
} from '../../api/generated/sdk.gen';
import type { ExpenseDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { useOwnMember } from '../member/own-member';
import { type ExpenseForm, type ExpenseStatus, expenseActions, expenseBody, localDay, receiptProblem } from './commerce-rules';
import { CommerceNav } from './document-parts';
import { EditorSection } from './editing';

const CATEGORIES = ['supplies', 'travel', 'meals', 'equipment', 'rent', 'insurance', 'training', 'communication', 'other'] as const;
const STATUSES = ['submitted', 'approved', 'rejected', 'reimbursed'] as const;
const METHODS = ['bank_transfer', 'cheque', 'cash', 'payroll'] as const;

/** Record an expense: the day, what, how much (VAT inside), and the receipt photographed with the phone's camera. */
function RecordExpense({ siteId, member, onRecorded }: { siteId: string; member: boolean; onRecorded(expense: ExpenseDto): void }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const today = localDay(new Date());
  const [form, setForm] = useState<ExpenseForm>({ spentOn: today, description: '', amount: '', vat: '0', category: 'supplies' });
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<ExpenseForm>) => setForm((current) => ({ ...current, ...patch }));
  const body = expenseBody(form, today);
  const fileProblem = file ? receiptProblem(file) : null;
  const record = useMutation({
    mutationFn: async () => {
      if (!body.ok) throw new Error(body.field);
      // A member's expense is theirs (the API fills it in); the coordination's, the site's own.
      const expense = await unwrap(expensesControllerCreate({ path: { siteId }, body: member ? body.body : { ...body.body, paidByMemberId: null } }));
      if (!file) return expense;
      // The file itself as the body (not a form), with its own type: the API tells PDF, JPEG and PNG by their first bytes.
      return unwrap(expensesControllerPutReceipt({ path: { siteId, expenseId: expense.id }, body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } }));
    },
    onSuccess: (expense) => {
      void queryClient.invalidateQueries({ queryKey: ['expenses', siteId] });
      onRecorded(expense);
    },
  });
  const problem = checked && !body.ok ? body.field : null;
  const apiField = record.error instanceof ApiError ? record.error.field : null;
  const apiMessage = record.error ? errorText(record.error, language, t) : null;
  const error = (field: 'spentOn' | 'description' | 'amount' | 'vat') =>
    problem === field ? t(`expenses.problem.${field}`) : apiField === field && apiMessage ? apiMessage : undefined;
  return (
    <EditorSection
      title={t('expenses.record')}
      onSubmit={() => {
        setChecked(true);
        if (body.ok && !fileProblem) record.mutate();
      }}
      refusal={apiMessage && !['spentOn', 'description', 'amount', 'vat'].includes(apiField ?? '') ? apiMessage : null}
      isPending={record.isPending}
      submitLabel={t('expenses.send')}
    >
      <TextField label={t('expenses.spentOn')} value={form.spentOn} onChange={(spentOn) => set({ spentOn })} errorMessage={error('spentOn')} />
      <TextField label={t('expenses.description')} value={form.description} maxLength={500} onChange={(description) => set({ description })} errorMessage={error('description')} />
      <div className="commerce-form__pair">
        <TextField label={t('expenses.amount')} inputMode="decimal" value={form.amount} onChange={(amount) => set({ amount })} errorMessage={error('amount')} />
        <TextField
          label={t('expenses.vat')}
          description={t('expenses.vatHelp')}
          inputMode="decimal"
          value={form.vat}
          onChange={(vat) => set({ vat })}
          errorMessage={error('vat')}
        />
      </div>
      <Select
        label={t('expenses.category')}
        options={CATEGORIES.map((id) => ({ id, label: t(`expenses.category.${id}`) }))}
        value={form.category}
        onChange={(category) => set({ category: category as ExpenseForm['category'] })}
      />
      <div className="field">
        <label className="field__label" htmlFor="expense-receipt">
          {t('expenses.receipt')}
        </label>
        <input
          id="expense-receipt"
          className="receipt-input"
          type="file"
          accept="image/*,application/pdf"
          capture="environment"
          aria-describedby="expense-receipt-help"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <p id="expense-receipt-help" className="field__description">
          {file ? t('expenses.receiptChosen', { name: file.name }) : t('expenses.receiptHelp')}
        </p>
        {fileProblem ? <p className="field__error">{t(`expenses.receiptProblem.${fileProblem}`)}</p> : null}
      </div>
    </EditorSection>
  );
}

/** The receipt as the member sent it: a picture in the page, or the PDF in a frame. */
function Receipt({ siteId, expense }: { siteId: string; expense: ExpenseDto }) {
  const t = useT();
  const file = useQuery({
    queryKey: ['expense-receipt', siteId, expense.id, expense.receipt?.sha256],
    queryFn: async () => (await unwrap(expensesControllerGetReceipt({ path: { siteId, expenseId: expense.id }, parseAs: 'blob' }))) as unknown as Blob,
    enabled: expense.receipt !== null,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.data) return;
    const next = URL.createObjectURL(file.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file.data]);
  if (!expense.receipt) return <p>{t('expenses.noReceipt')}</p>;
  return (
    <QueryState query={file}>
      {() =>
        url ? (
          expense.receipt?.contentType === 'application/pdf' ? (
            <iframe className="pdf-frame" title={t('expenses.receiptOf', { what: expense.description })} src={url} />
          ) : (
            <img className="receipt-image" src={url} alt={t('expenses.receiptOf', { what: expense.description })} />
          )
        ) : (
          <p role="status">{t('app.loading')}</p>
        )
      }
    </QueryState>
  );
}

/** One expense: its facts, its receipt, and the coordination's decision (approve, reject with a reason, reimburse). */
function ExpenseDetail({ siteId, expense: shown, onClose }: { siteId: string; expense: ExpenseDto; onClose(): void }) {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('bank_transfer');
  const [reasonMissing, setReasonMissing] = useState(false);
  const decide = useMutation({
    mutationFn: (action: 'approve' | 'reject' | 'reimburse'): Promise<ExpenseDto> => {
      const path = { siteId, expenseId: shown.id };
      if (action === 'approve') return unwrap(expensesControllerApprove({ path }));
      if (action === 'reject') return unwrap(expensesControllerReject({ path, body: { reason: reason.trim() } }));
      return unwrap(expensesControllerReimburse({ path, body: { method } }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['expenses', siteId] }),
  });
  // Once decided, the expense as the API answered (it may leave the filtered list below).
  const expense = decide.data ?? shown;
  const actions = expenseActions(expense.status as ExpenseStatus, site?.role ?? 'member', expense.paidByMemberId !== null);
  // Opened from the list below: brought into view (on a phone it would open off screen).
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => top.current?.scrollIntoView({ block: 'start' }), []);
  return (
    <div ref={top}>
      <Section title={t('expenses.detail', { what: expense.description })}>
        <dl className="commerce-facts">
          <div>
            <dt>{t('expenses.date')}</dt>
            <dd>{frenchShortDate(expense.spentOn)}</dd>
          </div>
          <div>
            <dt>{t('expenses.amount')}</dt>
            <dd>{t('expenses.amountWithVat', { amount: frenchAmount(expense.amount), vat: frenchAmount(expense.vat) })}</dd>
          </div>
          <div>
            <dt>{t('expenses.col.status')}</dt>
            <dd>{t(`expenses.status.${expense.status}`)}</dd>
          </div>
          <div>
            <dt>{t('expenses.paidBy')}</dt>
            <dd>{expense.paidByMemberId ? t('expenses.paidBy.member') : t('expenses.paidBy.site')}</dd>
          </div>
          {expense.rejectionReason ? (
            <div>
              <dt>{t('expenses.rejectionReason')}</dt>
              <dd>{expense.rejectionReason}</dd>
            </div>
          ) : null}
        </dl>
        <Receipt siteId={siteId} expense={expense} />
        {decide.isError ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{errorText(decide.error, language, t)}</p>
          </Notice>
        ) : null}
        {decide.isSuccess ? <Notice tone="success">{t(`expenses.done.${decide.variables}`)}</Notice> : null}
        {actions.length > 0 ? (
          <div className="commerce-form">
            {actions.includes('approve') ? (
              <div className="actions">
                <Button icon="check" isPending={decide.isPending && decide.variables === 'approve'} onPress={() => decide.mutate('approve')}>
                  {t('expenses.approve')}
                </Button>
              </div>
            ) : null}
            {actions.includes('reject') ? (
              <>
                <TextField
                  label={t('expenses.reason')}
                  description={t('expenses.reasonHelp')}
                  value={reason}
                  maxLength={500}
                  onChange={setReason}
                  errorMessage={reasonMissing ? t('expenses.reasonMissing') : undefined}
                />
                <div className="actions">
                  <ConfirmDialog
                    triggerLabel={t('expenses.reject')}
                    title={t('expenses.reject.title')}
                    sentence={t('expenses.reject.sentence')}
                    confirmLabel={t('expenses.reject.confirm')}
                    cancelLabel={t('invoice.cancel')}
                    onConfirm={() => {
                      setReasonMissing(reason.trim() === '');
                      if (reason.trim() !== '') decide.mutate('reject');
                    }}
                  />
                </div>
              </>
            ) : null}
            {actions.includes('reimburse') ? (
              <>
                <Select
                  label={t('expenses.method')}
                  options={METHODS.map((id) => ({ id, label: t(`expenses.method.${id}`) }))}
                  value={method}
                  onChange={(id) => setMethod(id as (typeof METHODS)[number])}
                />
                <div className="actions">
                  <ConfirmDialog
                    triggerLabel={t('expenses.reimburse')}
                    triggerVariant="primary"
                    icon="check"
                    title={t('expenses.reimburse.title')}
                    sentence={t('expenses.reimburse.sentence', { amount: frenchAmount(expense.amount) })}
                    confirmLabel={t('expenses.reimburse.confirm')}
                    cancelLabel={t('invoice.cancel')}
                    onConfirm={() => decide.mutate('reimburse')}
                  />
                </div>
              </>
            ) : null}
          </div>
        ) : null}
        <div className="actions">
          <Button variant="quiet" onPress={onClose}>
            {t('app.close')}
          </Button>
        </div>
      </Section>
    </div>
  );
}

/** `/depenses`: a member records their expenses with a photo of the receipt; the coordination approves, rejects or reimburses them. */
export function ExpensesScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const member = site?.role === 'member';
  const own = useOwnMember(siteId, member);
  const [status, setStatus] = useState<(typeof STATUSES)[number] | 'all'>(member ? 'all' : 'submitted');
  const [open, setOpen] = useState<ExpenseDto | null>(null);
  const [recorded, setRecorded] = useState<ExpenseDto | null>(null);
  const [recording, setRecording] = useState(false);
  const memberId = member ? own.data?.member.id : undefined;
  const expenses = useQuery({
    queryKey: ['expenses', siteId, status, memberId ?? null],
    queryFn: () => unwrap(expensesControllerList({ path: { siteId }, query: { limit: 100, ...(status === 'all' ? {} : { status }), ...(memberId ? { memberId } : {}) } })),
    enabled: Boolean(site) && (!member || memberId !== undefined),
  });
  if (!site) return null;
  const mayRecord = site.role !== 'accountant';
  return (
    <Page title={member ? t('nav.myExpenses') : t('expenses.title')}>
      <CommerceNav />
      <p>{member ? t('expenses.intro.member') : t('expenses.intro')}</p>
      {recorded ? <Notice tone="success">{t('expenses.recorded', { amount: frenchAmount(recorded.amount) })}</Notice> : null}
      {/* A member comes to record; the coordination to decide: the form first for her, behind a button for them. */}
      {member ? <RecordExpense key={recorded?.id ?? 'first'} siteId={siteId} member onRecorded={setRecorded} /> : null}
      {open ? <ExpenseDetail key={open.id} siteId={siteId} expense={open} onClose={() => setOpen(null)} /> : null}
      <Section title={t('expenses.list')}>
        <Select
          label={t('invoices.filter')}
          options={[...STATUSES.map((id) => ({ id, label: t(`expenses.status.${id}`) })), { id: 'all', label: t('invoices.filter.all') }]}
          value={status}
          onChange={(value) => setStatus(value as (typeof STATUSES)[number] | 'all')}
        />
        <QueryState query={expenses}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{member ? t('expenses.empty.member') : t('expenses.empty')}</EmptyState>
            ) : (
              <Table<ExpenseDto>
                label={t('expenses.list')}
                rows={page.items}
                columns={[
                  { id: 'what', title: t('expenses.description'), isRowHeader: true, cell: (expense) => expense.description },
                  { id: 'date', title: t('expenses.date'), cell: (expense) => frenchShortDate(expense.spentOn) },
                  { id: 'status', title: t('expenses.col.status'), cell: (expense) => t(`expenses.status.${expense.status}`) },
                  { id: 'amount', title: t('expenses.amount'), align: 'end', cell: (expense) => frenchAmount(expense.amount) },
                  {
                    id: 'open',
                    title: t('quotes.col.action'),
                    cell: (expense) => (
                      <Button variant="secondary" onPress={() => setOpen(expense)}>
                        {t('expenses.open', { what: expense.description })}
                      </Button>
                    ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Section>
      {!member && mayRecord ? (
        recording ? (
          <RecordExpense
            key={recorded?.id ?? 'first'}
            siteId={siteId}
            member={false}
            onRecorded={(expense) => {
              setRecorded(expense);
              setRecording(false);
            }}
          />
        ) : (
          <div className="actions">
            <Button variant="secondary" icon="save" onPress={() => setRecording(true)}>
              {t('expenses.record')}
            </Button>
          </div>
        )
      ) : null}
    </Page>
  );
}
