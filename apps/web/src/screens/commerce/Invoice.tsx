import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  documentPdfsControllerInvoice,
  invoicesControllerCreate,
  invoicesControllerGet,
  invoicesControllerIssue,
  invoicesControllerPayments,
  invoicesControllerRecordPayment,
  invoicesControllerRecordRefund,
  invoicesControllerRefunds,
  invoicesControllerUpdate,
} from '../../api/generated/sdk.gen';
import type { InvoiceDto, QuoteLineDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { ROUTES } from '../../routes';
import { creditableCents } from './commerce-rules';
import { CreditNoteForm, InvoiceCreditNotes } from './CreditNotes';
import { InvoiceEInvoice } from './EInvoice';
import { ClientChoice, CommerceNav, DocumentLoading, DocumentPdf, IssuedLines, LinesEditor, problemText, useDraftSaving } from './document-parts';
import { localDay } from './commerce-rules';
import { apiLines, editorLinesFrom, type EditorLine, freeLine, liveTotals, operationOf, supplyBody, type SupplyForm } from './invoice-draft';
import './commerce.css';

/** The editor of a new or draft invoice: client, lines (catalogue or free), live totals, save, issue. */
function InvoiceEditor({ siteId, invoice }: { siteId: string; invoice: InvoiceDto | null }) {
  const t = useT();
  const { language } = usePreferences();
  const [clientId, setClientId] = useState<string | null>(invoice?.clientId ?? null);
  const [lines, setLines] = useState<EditorLine[]>(() => (invoice ? editorLinesFrom(invoice.lines) : [freeLine()]));
  // A new free invoice is for work done by the day it is issued: today, to change if it was earlier.
  const [supply, setSupply] = useState<SupplyForm>(() => ({
    supplyDate: invoice ? (invoice.supplyDate ?? '') : localDay(new Date()),
    deliveryStartsOn: invoice?.deliveryStartsOn ?? '',
    deliveryEndsOn: invoice?.deliveryEndsOn ?? '',
    deliveryAddress: invoice?.deliveryAddress ?? '',
  }));
  const [checked, setChecked] = useState(false);
  const live = liveTotals(lines, invoice?.totals.vatFranchise ?? false);
  const operation = operationOf(lines);
  // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
  const body = () => ({ clientId: clientId ?? undefined, lines: apiLines(lines) as unknown as QuoteLineDto[], ...(supplyBody(supply, lines) as object) });
  const {
    saveDraft,
    nextStep: issue,
    saved,
    setSaved,
    failure,
  } = useDraftSaving({
    draft: invoice,
    kind: 'invoice',
    siteId,
    route: ROUTES.invoice,
    create: () => unwrap(invoicesControllerCreate({ path: { siteId }, body: body() })),
    update: (invoiceId) => unwrap(invoicesControllerUpdate({ path: { siteId, invoiceId }, body: body() })),
    next: (invoiceId) => unwrap(invoicesControllerIssue({ path: { siteId, invoiceId } })),
  });
  const setSupplyField = (patch: Partial<SupplyForm>) => {
    setSaved(false);
    setSupply((current) => ({ ...current, ...patch }));
  };

  const ready = () => {
    setChecked(true);
    return clientId !== null && live.ok;
  };

  const apiField = failure instanceof ApiError ? (failure.field ?? null) : null;
  const apiMessage = failure ? errorText(failure, language, t) : null;
  const problemField = checked && !live.ok ? live.field : null;
  const fieldError = (field: string) => {
    if (apiField === field && apiMessage) return apiMessage;
    if (problemField === field && !live.ok) return problemText(t, live.reason, live.field);
    return undefined;
  };

  return (
    <Page title={invoice ? t('invoice.draftTitle') : t('invoice.newTitle')}>
      <CommerceNav />
      <p>
        <ButtonLink href={ROUTES.invoices} variant="quiet" icon="arrow">
          {t('invoice.back')}
        </ButtonLink>
      </p>
      <form
        className="invoice-editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready()) saveDraft.mutate();
        }}
      >
        <ClientChoice
          siteId={siteId}
          value={clientId}
          onChange={(id) => {
            setSaved(false);
            setClientId(id);
          }}
          error={checked && clientId === null ? t('invoice.client.required') : apiField === 'clientId' ? apiMessage : null}
        />

        <LinesEditor
          siteId={siteId}
          lines={lines}
          onChange={(next) => {
            setSaved(false);
            setLines(next);
          }}
          live={live}
          fieldError={fieldError}
        />

        <Section title={t('invoice.supply')}>
          <p>{t('invoice.supply.help', { operation: t(`invoice.operation.${operation}`) })}</p>
          <TextField
            label={t('invoice.supplyDate')}
            description={t('invoice.supplyDate.help')}
            value={supply.supplyDate}
            onChange={(supplyDate) => setSupplyField({ supplyDate })}
            errorMessage={fieldError('supplyDate')}
          />
          <div className="commerce-form__pair">
            <TextField
              label={t('invoice.deliveryStartsOn')}
              value={supply.deliveryStartsOn}
              onChange={(deliveryStartsOn) => setSupplyField({ deliveryStartsOn })}
              errorMessage={fieldError('deliveryStartsOn')}
            />
            <TextField
              label={t('invoice.deliveryEndsOn')}
              value={supply.deliveryEndsOn}
              onChange={(deliveryEndsOn) => setSupplyField({ deliveryEndsOn })}
              errorMessage={fieldError('deliveryEndsOn')}
            />
          </div>
          {operation !== 'services' ? (
            <TextField
              label={t('invoice.deliveryAddress')}
              description={t('invoice.deliveryAddress.help')}
              value={supply.deliveryAddress}
              maxLength={300}
              onChange={(deliveryAddress) => setSupplyField({ deliveryAddress })}
              errorMessage={fieldError('deliveryAddress')}
            />
          ) : null}
        </Section>

        {apiMessage && apiField === null ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{apiMessage}</p>
          </Notice>
        ) : null}
        {saved ? <Notice tone="success">{t('invoice.saved')}</Notice> : null}
        <div className="actions">
          <Button type="submit" variant="secondary" icon="save" isPending={saveDraft.isPending}>
            {t('invoice.save')}
          </Button>
          <IssueButton
            onIssue={() => {
              if (ready()) issue.mutate();
            }}
          />
        </div>
      </form>
    </Page>
  );
}

function IssueButton({ onIssue }: { onIssue(): void }) {
  const t = useT();
  return (
    <ConfirmDialog
      triggerLabel={t('invoice.issue')}
      triggerVariant="primary"
      icon="check"
      title={t('invoice.issue.title')}
      sentence={t('invoice.issue.sentence')}
      confirmLabel={t('invoice.issue.confirm')}
      cancelLabel={t('invoice.cancel')}
      onConfirm={onIssue}
    />
  );
}

const AMOUNT = /^\d{1,13}(?:[.,]\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const METHODS = ['transfer', 'cheque', 'cash', 'card'] as const;

function Payments({ siteId, invoice }: { siteId: string; invoice: InvoiceDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const payments = useQuery({
    queryKey: ['payments', siteId, invoice.id],
    queryFn: () => unwrap(invoicesControllerPayments({ path: { siteId, invoiceId: invoice.id }, query: { limit: 100 } })),
  });
  const [amount, setAmount] = useState(invoice.outstanding.replace('.', ','));
  const [receivedOn, setReceivedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<(typeof METHODS)[number]>('transfer');
  const [checked, setChecked] = useState(false);
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        invoicesControllerRecordPayment({
          path: { siteId, invoiceId: invoice.id },
          body: { amount: amount.trim().replace(',', '.'), receivedOn: receivedOn.trim(), method },
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(['invoice', siteId, invoice.id], result.invoice);
      void queryClient.invalidateQueries({ queryKey: ['payments', siteId, invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
    },
  });
  const amountOk = AMOUNT.test(amount.trim()) && Number(amount.trim().replace(',', '.')) > 0;
  const dateOk = ISO_DATE.test(receivedOn.trim());
  const apiField = record.error instanceof ApiError ? record.error.field : null;
  const apiMessage = record.error ? errorText(record.error, language, t) : null;
  const canRecord = invoice.status === 'issued' || invoice.status === 'partially_paid';
  return (
    <Section title={t('invoice.payments')}>
      <QueryState query={payments}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('invoice.payments.empty')}</EmptyState>
          ) : (
            <Table
              label={t('invoice.payments')}
              rows={page.items}
              columns={[
                { id: 'date', title: t('invoice.payments.date'), isRowHeader: true, cell: (payment) => frenchShortDate(payment.receivedOn) },
                { id: 'method', title: t('invoice.payments.method'), cell: (payment) => t(`payment.method.${payment.method}`) },
                { id: 'amount', title: t('invoice.payments.amount'), align: 'end', cell: (payment) => frenchAmount(payment.amount) },
              ]}
            />
          )
        }
      </QueryState>
      {canRecord ? (
        <form
          className="payment-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setChecked(true);
            if (amountOk && dateOk) record.mutate();
          }}
        >
          <TextField
            label={t('invoice.payment.amount')}
            description={t('invoice.payment.amountHelp', { amount: frenchAmount(invoice.outstanding) })}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            errorMessage={checked && !amountOk ? t('invoice.payment.amountInvalid') : apiField === 'amount' ? (apiMessage ?? undefined) : undefined}
          />
          <TextField
            label={t('invoice.payment.receivedOn')}
            value={receivedOn}
            onChange={setReceivedOn}
            errorMessage={checked && !dateOk ? t('invoice.payment.receivedOnInvalid') : apiField === 'receivedOn' ? (apiMessage ?? undefined) : undefined}
          />
          <Select
            label={t('invoice.payment.method')}
            options={METHODS.map((id) => ({ id, label: t(`payment.method.${id}`) }))}
            value={method}
            onChange={(id) => setMethod(id as (typeof METHODS)[number])}
          />
          {apiMessage && apiField !== 'amount' && apiField !== 'receivedOn' ? (
            <Notice tone="error" title={t('app.error.title')}>
              <p>{apiMessage}</p>
            </Notice>
          ) : null}
          {record.isSuccess ? <Notice tone="success">{t('invoice.payment.recorded')}</Notice> : null}
          <div className="actions">
            <Button type="submit" icon="save" isPending={record.isPending}>
              {t('invoice.payment.record')}
            </Button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

/**
 * Money given back to the client after a credit note on a paid part (issue 15): the refunds made,
 * and while some is still due, a form to record one (at most what is due, the payment methods).
 */
function Refunds({ siteId, invoice, mayRecord }: { siteId: string; invoice: InvoiceDto; mayRecord: boolean }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const refunds = useQuery({
    queryKey: ['refunds', siteId, invoice.id],
    queryFn: () => unwrap(invoicesControllerRefunds({ path: { siteId, invoiceId: invoice.id }, query: { limit: 100 } })),
  });
  const [amount, setAmount] = useState(invoice.refundDue.replace('.', ','));
  const [refundedOn, setRefundedOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<(typeof METHODS)[number]>('transfer');
  const [checked, setChecked] = useState(false);
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        invoicesControllerRecordRefund({
          path: { siteId, invoiceId: invoice.id },
          body: { amount: amount.trim().replace(',', '.'), refundedOn: refundedOn.trim(), method },
        }),
      ),
    onSuccess: (result) => {
      queryClient.setQueryData(['invoice', siteId, invoice.id], result.invoice);
      void queryClient.invalidateQueries({ queryKey: ['refunds', siteId, invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
    },
  });
  const amountOk = AMOUNT.test(amount.trim()) && Number(amount.trim().replace(',', '.')) > 0;
  const dateOk = ISO_DATE.test(refundedOn.trim());
  const apiField = record.error instanceof ApiError ? record.error.field : null;
  const apiMessage = record.error ? errorText(record.error, language, t) : null;
  if (invoice.refunded === '0.00' && invoice.refundDue === '0.00') return null;
  return (
    <Section title={t('invoice.refunds')}>
      {invoice.refundDue !== '0.00' ? <Notice tone="info">{t('invoice.refunds.due', { amount: frenchAmount(invoice.refundDue) })}</Notice> : null}
      <QueryState query={refunds}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('invoice.refunds.empty')}</EmptyState>
          ) : (
            <Table
              label={t('invoice.refunds')}
              rows={page.items}
              columns={[
                { id: 'date', title: t('invoice.refunds.date'), isRowHeader: true, cell: (refund) => frenchShortDate(refund.refundedOn) },
                { id: 'method', title: t('invoice.payments.method'), cell: (refund) => t(`payment.method.${refund.method}`) },
                { id: 'amount', title: t('invoice.payments.amount'), align: 'end', cell: (refund) => frenchAmount(refund.amount) },
              ]}
            />
          )
        }
      </QueryState>
      {mayRecord && invoice.refundDue !== '0.00' ? (
        <form
          className="payment-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setChecked(true);
            if (amountOk && dateOk) record.mutate();
          }}
        >
          <TextField
            label={t('invoice.refund.amount')}
            description={t('invoice.refund.amountHelp', { amount: frenchAmount(invoice.refundDue) })}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            errorMessage={checked && !amountOk ? t('invoice.payment.amountInvalid') : apiField === 'amount' ? (apiMessage ?? undefined) : undefined}
          />
          <TextField
            label={t('invoice.refund.refundedOn')}
            value={refundedOn}
            onChange={setRefundedOn}
            errorMessage={checked && !dateOk ? t('invoice.payment.receivedOnInvalid') : apiField === 'refundedOn' ? (apiMessage ?? undefined) : undefined}
          />
          <Select
            label={t('invoice.payment.method')}
            options={METHODS.map((id) => ({ id, label: t(`payment.method.${id}`) }))}
            value={method}
            onChange={(id) => setMethod(id as (typeof METHODS)[number])}
          />
          {apiMessage && apiField !== 'amount' && apiField !== 'refundedOn' ? (
            <Notice tone="error" title={t('app.error.title')}>
              <p>{apiMessage}</p>
            </Notice>
          ) : null}
          <div className="actions">
            <Button type="submit" icon="save" isPending={record.isPending}>
              {t('invoice.refund.record')}
            </Button>
          </div>
        </form>
      ) : null}
      {record.isSuccess ? <Notice tone="success">{t('invoice.refund.recorded')}</Notice> : null}
    </Section>
  );
}

/** An issued invoice: read-only lines and totals, its PDF in the page, its payments, credit notes and refunds. */
function IssuedInvoice({ siteId, invoice }: { siteId: string; invoice: InvoiceDto }) {
  const t = useT();
  const { site } = useSession();
  const mayCredit = site?.role === 'coordinator' || site?.role === 'admin';
  const followsDunning = site?.role !== 'member' && invoice.outstanding !== '0.00';
  const number = invoice.number ?? '';
  return (
    <Page title={t('invoice.title', { number })}>
      <CommerceNav />
      <p className="actions">
        <ButtonLink href={ROUTES.invoices} variant="quiet" icon="arrow">
          {t('invoice.back')}
        </ButtonLink>
        {followsDunning ? (
          <ButtonLink href={ROUTES.collection(invoice.id)} variant="quiet" icon="bell">
            {t('invoice.collection')}
          </ButtonLink>
        ) : null}
      </p>
      <Notice tone="success">
        {t('invoice.issued', { number, date: invoice.issuedOn ? frenchShortDate(invoice.issuedOn) : '' })} {t(`invoice.status.${invoice.status}`)}.
        {invoice.dueOn ? ` ${t('invoice.dueOn', { date: frenchShortDate(invoice.dueOn) })}` : null}
      </Notice>
      <div className="invoice-view">
        <IssuedLines
          lines={invoice.lines}
          totals={invoice.totals}
          extra={[
            { label: t('invoice.totals.paid'), amount: invoice.paid },
            { label: t('invoice.totals.outstanding'), amount: invoice.outstanding },
            ...(invoice.refunded !== '0.00' ? [{ label: t('invoice.totals.refunded'), amount: invoice.refunded }] : []),
            ...(invoice.refundDue !== '0.00' ? [{ label: t('invoice.totals.refundDue'), amount: invoice.refundDue }] : []),
          ]}
        />
        <DocumentPdf
          title={t('invoice.pdf')}
          frameTitle={t('invoice.pdf.frame', { number })}
          fileName={`${number}.pdf`}
          queryKey={['invoice-pdf', siteId, invoice.id, invoice.status]}
          fetchPdf={() => unwrap(documentPdfsControllerInvoice({ path: { siteId, invoiceId: invoice.id }, parseAs: 'blob' }))}
        />
        <InvoiceEInvoice siteId={siteId} invoiceId={invoice.id} number={number} />
        <Payments siteId={siteId} invoice={invoice} />
        <InvoiceCreditNotes siteId={siteId} invoiceId={invoice.id} />
        <Refunds key={`refunds-${invoice.updatedAt}`} siteId={siteId} invoice={invoice} mayRecord={mayCredit} />
        {mayCredit && creditableCents(invoice) > 0 ? <CreditNoteForm key={invoice.updatedAt} siteId={siteId} invoice={invoice} /> : null}
      </div>
    </Page>
  );
}

/** `/factures/nouvelle` and `/factures/:id`: the editor while a draft, the issued invoice after. */
export function InvoiceScreen({ id }: { id?: string }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['invoice', siteId, id],
    queryFn: () => unwrap(invoicesControllerGet({ path: { siteId, invoiceId: id ?? '' } })),
    enabled: Boolean(site && id),
  });
  if (!site) return null;
  if (!id) return <InvoiceEditor key="new" siteId={siteId} invoice={null} />;
  if (!query.data) return <DocumentLoading title={t('invoices.title')} query={query} />;
  return query.data.status === 'draft' ? <InvoiceEditor key={query.data.id} siteId={siteId} invoice={query.data} /> : <IssuedInvoice siteId={siteId} invoice={query.data} />;
}
