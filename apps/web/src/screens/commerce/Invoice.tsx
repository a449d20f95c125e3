import { Fragment, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  catalogueControllerList,
  documentPdfsControllerInvoice,
  invoicesControllerCreate,
  invoicesControllerGet,
  invoicesControllerIssue,
  invoicesControllerPayments,
  invoicesControllerRecordPayment,
  invoicesControllerUpdate,
} from '../../api/generated/sdk.gen';
import type { InvoiceDto, QuoteLineDto, QuoteVatBreakdownDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../../format';
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
import { apiLines, centsText, EDITOR_UNITS, EDITOR_VAT_RATES, type EditorLine, type EditorUnit, type EditorVatRate, lineIndexOf, liveTotals } from './invoice-draft';
import { useClients } from './Invoices';
import './commerce.css';

type Translate = ReturnType<typeof useT>;

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;
const freeLine = (): EditorLine => ({ key: newKey(), catalogueItemId: null, description: '', quantity: '1', unit: 'hour', unitPrice: '', vatRate: '20', exemptionReason: '' });

interface TotalsView {
  vatBreakdown: readonly Pick<QuoteVatBreakdownDto, 'rate' | 'base' | 'vat'>[];
  net: string;
  vat: string;
  total: string;
}

/** The totals per VAT rate and overall, in French amounts; announced politely as they change. */
function Totals({ totals, extra }: { totals: TotalsView; extra?: { label: string; amount: string }[] }) {
  const t = useT();
  const rate = (value: string) => frenchNumber(value);
  return (
    <dl className="totals" aria-live="polite" data-testid="totals">
      {totals.vatBreakdown.map((group) => (
        // A <dl> takes one level of <div> around its dt/dd pairs (axe: definition-list).
        <Fragment key={group.rate}>
          <div className="totals__row">
            <dt>{t('invoice.totals.base', { rate: rate(group.rate) })}</dt>
            <dd>{frenchAmount(group.base)}</dd>
          </div>
          <div className="totals__row">
            <dt>{t('invoice.totals.vat', { rate: rate(group.rate) })}</dt>
            <dd>{frenchAmount(group.vat)}</dd>
          </div>
        </Fragment>
      ))}
      <div className="totals__row">
        <dt>{t('invoice.totals.net')}</dt>
        <dd>{frenchAmount(totals.net)}</dd>
      </div>
      <div className="totals__row">
        <dt>{t('invoice.totals.vatTotal')}</dt>
        <dd>{frenchAmount(totals.vat)}</dd>
      </div>
      <div className="totals__row totals__row--total">
        <dt>{t('invoice.totals.total')}</dt>
        <dd>{frenchAmount(totals.total)}</dd>
      </div>
      {extra?.map((row) => (
        <div key={row.label} className="totals__row">
          <dt>{row.label}</dt>
          <dd>{frenchAmount(row.amount)}</dd>
        </div>
      ))}
    </dl>
  );
}

function problemText(t: Translate, reason: string, field: string): string {
  const index = lineIndexOf(field);
  const n = index === null ? 1 : index + 1;
  switch (reason) {
    case 'noLines':
      return t('invoice.problem.noLines');
    case 'description':
      return t('invoice.problem.description', { n });
    case 'quantity':
      return t('invoice.problem.quantity', { n });
    case 'unitPrice':
      return t('invoice.problem.unitPrice', { n });
    case 'exemptionReason':
      return t('invoice.problem.exemptionReason', { n });
    default:
      return t('invoice.problem.other', { message: field });
  }
}

/** The editor of a new or draft invoice: client, lines (catalogue or free), live totals, save, issue. */
function InvoiceEditor({ siteId, invoice }: { siteId: string; invoice: InvoiceDto | null }) {
  const t = useT();
  const { language } = usePreferences();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const clients = useClients(siteId);
  const catalogue = useQuery({ queryKey: ['catalogue', siteId], queryFn: () => unwrap(catalogueControllerList({ path: { siteId }, query: { limit: 100 } })) });
  const [clientId, setClientId] = useState<string | null>(invoice?.clientId ?? null);
  const [lines, setLines] = useState<EditorLine[]>(() =>
    invoice
      ? invoice.lines.map((line) => ({
          key: newKey(),
          catalogueItemId: line.catalogueItemId,
          description: line.description,
          quantity: line.quantity,
          unit: line.unit,
          unitPrice: line.unitPrice,
          vatRate: line.vatRate,
          exemptionReason: line.exemptionReason ?? '',
        }))
      : [freeLine()],
  );
  const [checked, setChecked] = useState(false);
  const created = useRef<string | null>(null);
  // A new draft's first save moves to its address (a new screen): the history entry says it was saved.
  const [saved, setSaved] = useState(() => invoice !== null && (history.state as { saved?: boolean } | null)?.saved === true);
  // A line added by a button takes the focus at its first field (keyboard and screen-reader users land on it).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const live = liveTotals(lines, invoice?.totals.vatFranchise ?? false);

  const update = (index: number, patch: Partial<EditorLine>) => {
    setSaved(false);
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  };

  const save = async (): Promise<InvoiceDto> => {
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
    const body = { clientId: clientId ?? undefined, lines: apiLines(lines) as unknown as QuoteLineDto[] };
    // A new invoice whose issue was refused after its draft was created: the retry replaces that draft, not a second one.
    const draftId = invoice?.id ?? created.current;
    const result = draftId
      ? await unwrap(invoicesControllerUpdate({ path: { siteId, invoiceId: draftId }, body }))
      : await unwrap(invoicesControllerCreate({ path: { siteId }, body }));
    created.current = result.id;
    queryClient.setQueryData(['invoice', siteId, result.id], result);
    void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
    return result;
  };

  const ready = () => {
    setChecked(true);
    return clientId !== null && live.ok;
  };

  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      setSaved(true);
      if (!invoice) navigate(ROUTES.invoice(result.id), { replace: true, state: { saved: true } });
    },
  });
  const issue = useMutation({
    mutationFn: async () => {
      const draft = await save();
      return unwrap(invoicesControllerIssue({ path: { siteId, invoiceId: draft.id } }));
    },
    onSuccess: (result) => {
      queryClient.setQueryData(['invoice', siteId, result.id], result);
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
      if (!invoice) navigate(ROUTES.invoice(result.id), { replace: true });
    },
  });

  const failure = saveDraft.error ?? issue.error;
  const apiField = failure instanceof ApiError ? failure.field : null;
  const apiMessage = failure ? errorText(failure, language, t) : null;
  const problemField = checked && !live.ok ? live.field : null;
  const fieldError = (field: string) => {
    if (apiField === field && apiMessage) return apiMessage;
    if (problemField === field && !live.ok) return problemText(t, live.reason, live.field);
    return undefined;
  };
  const catalogueItems = catalogue.data?.items.filter((item) => !item.archived) ?? [];

  return (
    <Page title={invoice ? t('invoice.draftTitle') : t('invoice.newTitle')}>
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
        <QueryState query={clients}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{t('invoice.client.none')}</EmptyState>
            ) : (
              <>
                <Select
                  label={t('invoice.client')}
                  placeholder={t('invoice.client.choose')}
                  options={page.items.map((client) => ({ id: client.id, label: client.name }))}
                  value={clientId}
                  onChange={(id) => {
                    setSaved(false);
                    setClientId(id);
                  }}
                />
                {checked && clientId === null ? <p className="field__error">{t('invoice.client.required')}</p> : null}
                {apiField === 'clientId' && apiMessage ? <p className="field__error">{apiMessage}</p> : null}
              </>
            )
          }
        </QueryState>

        <Section title={t('invoice.lines')}>
          {lines.map((line, index) => {
            const at = `lines[${index}]`;
            const n = index + 1;
            const net = live.ok ? live.totals.lines[index]?.netCents : undefined;
            return (
              <fieldset key={line.key} className="invoice-line">
                <legend className="invoice-line__legend">{t('invoice.line', { n })}</legend>
                <TextField
                  autoFocus={line.key === focusKey}
                  label={t('invoice.line.description')}
                  value={line.description}
                  maxLength={500}
                  onChange={(description) => update(index, { description })}
                  errorMessage={fieldError(`${at}.description`)}
                />
                <div className="invoice-line__figures">
                  <TextField
                    label={t('invoice.line.quantity')}
                    inputMode="decimal"
                    value={line.quantity}
                    onChange={(quantity) => update(index, { quantity })}
                    errorMessage={fieldError(`${at}.quantity`)}
                  />
                  <Select
                    label={t('invoice.line.unit')}
                    options={EDITOR_UNITS.map((unit) => ({ id: unit, label: t(`unit.${unit}`) }))}
                    value={line.unit}
                    onChange={(unit) => update(index, { unit: unit as EditorUnit })}
                  />
                  <TextField
                    label={t('invoice.line.unitPrice')}
                    inputMode="decimal"
                    value={line.unitPrice}
                    onChange={(unitPrice) => update(index, { unitPrice })}
                    errorMessage={fieldError(`${at}.unitPrice`)}
                  />
                  <Select
                    label={t('invoice.line.vatRate')}
                    options={EDITOR_VAT_RATES.map((rate) => ({ id: rate, label: t('invoice.rate', { rate: frenchNumber(rate) }) }))}
                    value={line.vatRate}
                    onChange={(rate) => update(index, { vatRate: rate as EditorVatRate })}
                  />
                </div>
                {line.vatRate === '0' ? (
                  <TextField
                    label={t('invoice.line.exemptionReason')}
                    description={t('invoice.line.exemptionHelp')}
                    value={line.exemptionReason}
                    maxLength={500}
                    onChange={(exemptionReason) => update(index, { exemptionReason })}
                    errorMessage={fieldError(`${at}.exemptionReason`)}
                  />
                ) : null}
                <div className="invoice-line__footer">
                  <span>{net === undefined ? null : t('invoice.line.net', { amount: frenchAmount(centsText(net)) })}</span>
                  {lines.length > 1 ? (
                    <Button variant="quiet" onPress={() => setLines((current) => current.filter((_, i) => i !== index))}>
                      {t('invoice.line.remove', { n })}
                    </Button>
                  ) : null}
                </div>
              </fieldset>
            );
          })}
          <div className="actions">
            <Button
              variant="secondary"
              onPress={() => {
                const added = freeLine();
                setFocusKey(added.key);
                setLines((current) => [...current, added]);
              }}
            >
              {t('invoice.addFree')}
            </Button>
            {catalogueItems.length > 0 ? (
              <Select
                label={t('invoice.addCatalogue')}
                placeholder={t('invoice.addCatalogue')}
                hideLabel
                options={catalogueItems.map((item) => ({ id: item.id, label: `${item.label} — ${frenchAmount(item.unitPrice)}` }))}
                value={null}
                onChange={(id) => {
                  const item = catalogueItems.find((candidate) => candidate.id === id);
                  if (!item) return;
                  const key = newKey();
                  setFocusKey(key);
                  setLines((current) => [
                    ...current,
                    {
                      key,
                      catalogueItemId: item.id,
                      description: item.label,
                      quantity: '1',
                      unit: item.unit,
                      unitPrice: item.unitPrice,
                      vatRate: item.vatRate,
                      exemptionReason: item.exemptionReason ?? '',
                    },
                  ]);
                }}
              />
            ) : null}
          </div>
        </Section>

        <Section title={t('invoice.totals')}>
          {live.ok ? (
            <Totals
              totals={{
                net: centsText(live.totals.netCents),
                vat: centsText(live.totals.vatCents),
                total: centsText(live.totals.totalCents),
                vatBreakdown: live.totals.vatBreakdown.map((group) => ({ rate: group.rate, base: centsText(group.baseCents), vat: centsText(group.vatCents) })),
              }}
            />
          ) : (
            <p className="totals__problem">{problemText(t, live.reason, live.field)}</p>
          )}
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

/** The PDF of an issued invoice, shown in the page through a blob URL (the CSP allows blob: frames). */
function InvoicePdf({ siteId, invoice }: { siteId: string; invoice: InvoiceDto }) {
  const t = useT();
  const pdf = useQuery({
    queryKey: ['invoice-pdf', siteId, invoice.id, invoice.status],
    queryFn: async () => {
      const blob = await unwrap(documentPdfsControllerInvoice({ path: { siteId, invoiceId: invoice.id }, parseAs: 'blob' }));
      return blob as unknown as Blob;
    },
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf.data) return;
    const next = URL.createObjectURL(pdf.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [pdf.data]);
  const number = invoice.number ?? '';
  return (
    <Section title={t('invoice.pdf')}>
      <QueryState query={pdf}>
        {() =>
          url ? (
            <>
              <p>
                <a className="button button--secondary" href={url} download={`${number}.pdf`}>
                  <span>{t('invoice.pdf.download')}</span>
                </a>
              </p>
              <iframe className="pdf-frame" title={t('invoice.pdf.frame', { number })} src={url} data-bytes={pdf.data?.size} />
            </>
          ) : (
            <p role="status">{t('invoice.pdf.loading')}</p>
          )
        }
      </QueryState>
    </Section>
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

/** An issued invoice: read-only lines and totals, its PDF in the page, its payments. */
function IssuedInvoice({ siteId, invoice }: { siteId: string; invoice: InvoiceDto }) {
  const t = useT();
  const number = invoice.number ?? '';
  return (
    <Page title={t('invoice.title', { number })}>
      <p>
        <ButtonLink href={ROUTES.invoices} variant="quiet" icon="arrow">
          {t('invoice.back')}
        </ButtonLink>
      </p>
      <Notice tone="success">
        {t('invoice.issued', { number, date: invoice.issuedOn ? frenchShortDate(invoice.issuedOn) : '' })} {t(`invoice.status.${invoice.status}`)}.
        {invoice.dueOn ? ` ${t('invoice.dueOn', { date: frenchShortDate(invoice.dueOn) })}` : null}
      </Notice>
      <div className="invoice-view">
        <Section title={t('invoice.lines')}>
          <Table
            label={t('invoice.lines')}
            rows={invoice.lines.map((line, index) => ({ ...line, id: String(index) }))}
            columns={[
              { id: 'description', title: t('invoice.line.description'), isRowHeader: true, cell: (line) => line.description },
              { id: 'quantity', title: t('invoice.line.quantity'), align: 'end', cell: (line) => frenchNumber(line.quantity) },
              { id: 'unitPrice', title: t('invoice.line.unitPrice'), align: 'end', cell: (line) => frenchAmount(line.unitPrice) },
              { id: 'vat', title: t('invoice.line.vatRate'), align: 'end', cell: (line) => t('invoice.rate', { rate: frenchNumber(line.vatRate) }) },
              { id: 'net', title: t('invoice.line.netTitle'), align: 'end', cell: (line) => frenchAmount(line.net) },
            ]}
          />
        </Section>
        <Section title={t('invoice.totals')}>
          <Totals
            totals={invoice.totals}
            extra={[
              { label: t('invoice.totals.paid'), amount: invoice.paid },
              { label: t('invoice.totals.outstanding'), amount: invoice.outstanding },
            ]}
          />
        </Section>
        <InvoicePdf siteId={siteId} invoice={invoice} />
        <Payments siteId={siteId} invoice={invoice} />
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
  if (!query.data) {
    return (
      <Page title={t('invoices.title')}>
        <QueryState query={query}>{() => null}</QueryState>
      </Page>
    );
  }
  return query.data.status === 'draft' ? <InvoiceEditor key={query.data.id} siteId={siteId} invoice={query.data} /> : <IssuedInvoice siteId={siteId} invoice={query.data} />;
}
