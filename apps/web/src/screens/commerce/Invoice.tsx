import { type ReactNode, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  documentPdfsControllerInvoice,
  documentPdfsControllerReceiptedInvoice,
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
import type { MessageKey } from '../../i18n/fr';
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

/** One movement of money on an invoice as the page lists it: a payment received or a refund given back. */
interface Movement {
  id: string;
  date: string;
  method: Method;
  amount: string;
}

type Method = (typeof METHODS)[number];
type MovementBody = { amount: string; date: string; method: Method };

/**
 * What differs between the invoice's payments and its refunds: where they are read and recorded,
 * the amount offered by default (what is still due, what is due back), and the words.
 */
interface MovementKind {
  queryKey: 'payments' | 'refunds';
  /** The API field the date goes to, and where its error comes back. */
  dateField: 'receivedOn' | 'refundedOn';
  list(siteId: string, invoiceId: string): Promise<Movement[]>;
  record(siteId: string, invoiceId: string, body: MovementBody): Promise<{ invoice: InvoiceDto }>;
  labels: Record<'title' | 'empty' | 'date' | 'amount' | 'amountHelp' | 'dateField' | 'record' | 'recorded', MessageKey>;
}

const PAYMENTS: MovementKind = {
  queryKey: 'payments',
  dateField: 'receivedOn',
  list: async (siteId, invoiceId) =>
    (await unwrap(invoicesControllerPayments({ path: { siteId, invoiceId }, query: { limit: 100 } }))).items.map((p) => ({
      id: p.id,
      date: p.receivedOn,
      method: p.method,
      amount: p.amount,
    })),
  record: (siteId, invoiceId, { date, ...body }) => unwrap(invoicesControllerRecordPayment({ path: { siteId, invoiceId }, body: { ...body, receivedOn: date } })),
  labels: {
    title: 'invoice.payments',
    empty: 'invoice.payments.empty',
    date: 'invoice.payments.date',
    amount: 'invoice.payment.amount',
    amountHelp: 'invoice.payment.amountHelp',
    dateField: 'invoice.payment.receivedOn',
    record: 'invoice.payment.record',
    recorded: 'invoice.payment.recorded',
  },
};

const REFUNDS: MovementKind = {
  queryKey: 'refunds',
  dateField: 'refundedOn',
  list: async (siteId, invoiceId) =>
    (await unwrap(invoicesControllerRefunds({ path: { siteId, invoiceId }, query: { limit: 100 } }))).items.map((r) => ({
      id: r.id,
      date: r.refundedOn,
      method: r.method,
      amount: r.amount,
    })),
  record: (siteId, invoiceId, { date, ...body }) => unwrap(invoicesControllerRecordRefund({ path: { siteId, invoiceId }, body: { ...body, refundedOn: date } })),
  labels: {
    title: 'invoice.refunds',
    empty: 'invoice.refunds.empty',
    date: 'invoice.refunds.date',
    amount: 'invoice.refund.amount',
    amountHelp: 'invoice.refund.amountHelp',
    dateField: 'invoice.refund.refundedOn',
    record: 'invoice.refund.record',
    recorded: 'invoice.refund.recorded',
  },
};

/**
 * The payments of an invoice, or its refunds (money given back after a credit note on a paid part,
 * issue 15): the ones recorded, and while `offered` is more than 0 and `mayRecord`, a form to record
 * one (at most `offered`, one of the payment methods).
 */
function MoneyMovements({
  siteId,
  invoice,
  kind,
  offered,
  mayRecord,
  children,
}: {
  siteId: string;
  invoice: InvoiceDto;
  kind: MovementKind;
  offered: string;
  mayRecord: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const movements = useQuery({ queryKey: [kind.queryKey, siteId, invoice.id], queryFn: () => kind.list(siteId, invoice.id) });
  const [amount, setAmount] = useState(offered.replace('.', ','));
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<Method>('transfer');
  const [checked, setChecked] = useState(false);
  const record = useMutation({
    mutationFn: () => kind.record(siteId, invoice.id, { amount: amount.trim().replace(',', '.'), date: date.trim(), method }),
    onSuccess: (result) => {
      queryClient.setQueryData(['invoice', siteId, invoice.id], result.invoice);
      void queryClient.invalidateQueries({ queryKey: [kind.queryKey, siteId, invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
    },
  });
  const amountOk = AMOUNT.test(amount.trim()) && Number(amount.trim().replace(',', '.')) > 0;
  const dateOk = ISO_DATE.test(date.trim());
  const apiField = record.error instanceof ApiError ? record.error.field : null;
  const apiMessage = record.error ? errorText(record.error, language, t) : null;
  const label = kind.labels;
  return (
    <Section title={t(label.title)}>
      {children}
      <QueryState query={movements}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>{t(label.empty)}</EmptyState>
          ) : (
            <Table
              label={t(label.title)}
              rows={items}
              columns={[
                { id: 'date', title: t(label.date), isRowHeader: true, cell: (movement) => frenchShortDate(movement.date) },
                { id: 'method', title: t('invoice.payments.method'), cell: (movement) => t(`payment.method.${movement.method}`) },
                { id: 'amount', title: t('invoice.payments.amount'), align: 'end', cell: (movement) => frenchAmount(movement.amount) },
              ]}
            />
          )
        }
      </QueryState>
      {mayRecord && offered !== '0.00' ? (
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
            label={t(label.amount)}
            description={t(label.amountHelp, { amount: frenchAmount(offered) })}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
            errorMessage={checked && !amountOk ? t('invoice.payment.amountInvalid') : apiField === 'amount' ? (apiMessage ?? undefined) : undefined}
          />
          <TextField
            label={t(label.dateField)}
            value={date}
            onChange={setDate}
            errorMessage={checked && !dateOk ? t('invoice.payment.receivedOnInvalid') : apiField === kind.dateField ? (apiMessage ?? undefined) : undefined}
          />
          <Select
            label={t('invoice.payment.method')}
            options={METHODS.map((id) => ({ id, label: t(`payment.method.${id}`) }))}
            value={method}
            onChange={(id) => setMethod(id as Method)}
          />
          {apiMessage && apiField !== 'amount' && apiField !== kind.dateField ? (
            <Notice tone="error" title={t('app.error.title')}>
              <p>{apiMessage}</p>
            </Notice>
          ) : null}
          <div className="actions">
            <Button type="submit" icon="save" isPending={record.isPending}>
              {t(label.record)}
            </Button>
          </div>
        </form>
      ) : null}
      {record.isSuccess ? <Notice tone="success">{t(label.recorded)}</Notice> : null}
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
  // A receipted copy ("facture acquittée") exists once the client has paid it all, with at least one payment.
  const receipted = invoice.status === 'paid' && invoice.paid !== '0.00';
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
        {receipted ? (
          <DocumentPdf
            title={t('invoice.receipted')}
            frameTitle={t('invoice.receipted.frame', { number })}
            fileName={`${number}_acquittee.pdf`}
            queryKey={['invoice-receipted-pdf', siteId, invoice.id]}
            fetchPdf={() => unwrap(documentPdfsControllerReceiptedInvoice({ path: { siteId, invoiceId: invoice.id }, parseAs: 'blob' }))}
          />
        ) : null}
        <InvoiceEInvoice siteId={siteId} invoiceId={invoice.id} number={number} />
        <MoneyMovements
          siteId={siteId}
          invoice={invoice}
          kind={PAYMENTS}
          offered={invoice.outstanding}
          mayRecord={invoice.status === 'issued' || invoice.status === 'partially_paid'}
        />
        <InvoiceCreditNotes siteId={siteId} invoiceId={invoice.id} />
        {invoice.refunded !== '0.00' || invoice.refundDue !== '0.00' ? (
          <MoneyMovements key={`refunds-${invoice.updatedAt}`} siteId={siteId} invoice={invoice} kind={REFUNDS} offered={invoice.refundDue} mayRecord={mayCredit}>
            {invoice.refundDue !== '0.00' ? <Notice tone="info">{t('invoice.refunds.due', { amount: frenchAmount(invoice.refundDue) })}</Notice> : null}
          </MoneyMovements>
        ) : null}
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
