import { Fragment, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { catalogueControllerList, clientsControllerList } from '../../api/generated/sdk.gen';
import type { QuoteLineViewDto, QuoteVatBreakdownDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchNumber } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { Link, useLocation } from 'wouter';
import { ROUTES } from '../../routes';
import { EmptyState } from '../../ui/Notice';
import { Button } from '../../ui/Button';
import { Page, Section } from '../../ui/Page';
import { PdfInPage, type PdfInPageProps } from '../../ui/PdfInPage';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { SubNav } from '../../ui/SubNav';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import {
  centsText,
  EDITOR_UNITS,
  EDITOR_NATURES,
  EDITOR_VAT_RATES,
  type EditorLine,
  type EditorNature,
  type EditorUnit,
  type EditorVatRate,
  freeLine,
  lineFromCatalogue,
  lineIndexOf,
  type LiveTotals,
} from './invoice-draft';
import './commerce.css';

/**
 * The pieces the commerce documents share — quotes, invoices, credit notes: the area's sub
 * navigation, the lines being typed with their live totals, the read-only lines, the totals per
 * VAT rate, and a document's PDF shown in the page.
 */

type Translate = ReturnType<typeof useT>;

/** The commerce area's screens, under every commerce page's title (those the person's role opens). */
export function CommerceNav() {
  const t = useT();
  const { site } = useSession();
  const role = site?.role ?? 'member';
  const member = role === 'member';
  const links = [
    { href: ROUTES.quotes, label: t('quotes.title') },
    ...(member ? [] : [{ href: ROUTES.invoices, label: t('invoices.title') }]),
    ...(member ? [] : [{ href: ROUTES.creditNotes, label: t('creditNotes.title') }]),
    ...(member ? [] : [{ href: ROUTES.receivables, label: t('receivables.title') }]),
    ...(member ? [] : [{ href: ROUTES.dunning, label: t('dunning.nav') }]),
    { href: ROUTES.clients, label: t('clients.title') },
    { href: ROUTES.catalogue, label: t('catalogue.title') },
    { href: ROUTES.expenses, label: member ? t('nav.myExpenses') : t('expenses.title') },
  ];
  return <SubNav label={t('commerce.nav')} links={links} />;
}

export interface TotalsView {
  vatBreakdown: readonly Pick<QuoteVatBreakdownDto, 'rate' | 'base' | 'vat'>[];
  net: string;
  vat: string;
  total: string;
}

/** The live totals as the API would print them (decimal strings). */
export function totalsView(live: Extract<LiveTotals, { ok: true }>): TotalsView {
  return {
    net: centsText(live.totals.netCents),
    vat: centsText(live.totals.vatCents),
    total: centsText(live.totals.totalCents),
    vatBreakdown: live.totals.vatBreakdown.map((group) => ({ rate: group.rate, base: centsText(group.baseCents), vat: centsText(group.vatCents) })),
  };
}

/** The totals per VAT rate and overall, in French amounts; announced politely as they change. */
export function Totals({ totals, extra }: { totals: TotalsView; extra?: { label: string; amount: string }[] }) {
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

/** Why the lines cannot be totalled yet, naming the line. */
export function problemText(t: Translate, reason: string, field: string): string {
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

/** The site's clients (one page of 100: a KPA has tens of clients, not thousands). */
export function useClients(siteId: string) {
  return useQuery({ queryKey: ['clients', siteId], queryFn: () => unwrap(clientsControllerList({ path: { siteId }, query: { limit: 100 } })) });
}

/** The site's catalogue (one page of 100 items), for lines and the catalogue screen. */
export function useCatalogue(siteId: string) {
  return useQuery({ queryKey: ['catalogue', siteId], queryFn: () => unwrap(catalogueControllerList({ path: { siteId }, query: { limit: 100 } })) });
}

/** The client of a quote or an invoice: a select that also chooses by typing; what to do when the site has none. */
export function ClientChoice({ siteId, value, onChange, error }: { siteId: string; value: string | null; onChange(id: string): void; error: string | null }) {
  const t = useT();
  const clients = useClients(siteId);
  return (
    <QueryState query={clients}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>
            {t('invoice.client.none')} <Link href={ROUTES.clients}>{t('clients.title')}</Link>
          </EmptyState>
        ) : (
          <>
            <Select
              label={t('invoice.client')}
              placeholder={t('invoice.client.choose')}
              options={page.items.map((client) => ({ id: client.id, label: client.name }))}
              value={value}
              onChange={onChange}
            />
            {error ? <p className="field__error">{error}</p> : null}
          </>
        )
      }
    </QueryState>
  );
}

interface DraftSavingOptions<T> {
  /** The draft on screen; null for a new document. */
  draft: T | null;
  /** Names the query keys: the document's (`invoice`) and its list's (`invoices`). */
  kind: 'invoice' | 'quote';
  siteId: string;
  route(id: string): string;
  create(): Promise<T>;
  update(id: string): Promise<T>;
  /** The step after the draft (issue, submit), on the draft just saved. */
  next(id: string): Promise<T>;
}

/**
 * A quote's or an invoice's draft being saved, and its next step (saved first): a new draft moves to
 * its address once created, and is updated, not created again, when its next step was refused.
 */
export function useDraftSaving<T extends { id: string }>({ draft, kind, siteId, route, create, update, next }: DraftSavingOptions<T>) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const created = useRef<string | null>(null);
  // A new draft's first save moves to its address (a new screen): the history entry says it was saved.
  const [saved, setSaved] = useState(() => draft !== null && (history.state as { saved?: boolean } | null)?.saved === true);
  const remember = (result: T) => {
    queryClient.setQueryData([kind, siteId, result.id], result);
    void queryClient.invalidateQueries({ queryKey: [`${kind}s`, siteId] });
  };
  const save = async (): Promise<T> => {
    const draftId = draft?.id ?? created.current;
    const result = draftId ? await update(draftId) : await create();
    created.current = result.id;
    remember(result);
    return result;
  };
  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      setSaved(true);
      if (!draft) navigate(route(result.id), { replace: true, state: { saved: true } });
    },
  });
  const nextStep = useMutation({
    mutationFn: async () => next((await save()).id),
    onSuccess: (result) => {
      remember(result);
      if (!draft) navigate(route(result.id), { replace: true });
    },
  });
  return { saveDraft, nextStep, saved, setSaved, failure: saveDraft.error ?? nextStep.error };
}

interface LinesEditorProps {
  siteId: string;
  lines: EditorLine[];
  onChange(lines: EditorLine[]): void;
  live: LiveTotals;
  /** The message to show under a field (`lines[0].quantity`): the API's or the live check's. */
  fieldError(field: string): string | undefined;
}

/**
 * The lines of a quote or an invoice being typed (catalogue or free: description, quantity, unit,
 * unit price, VAT rate, an exemption reason at 0 %), each line's net, and the live totals.
 */
export function LinesEditor({ siteId, lines, onChange, live, fieldError }: LinesEditorProps) {
  const t = useT();
  const catalogue = useCatalogue(siteId);
  // A line added by a button takes the focus at its first field (keyboard and screen-reader users land on it).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const update = (index: number, patch: Partial<EditorLine>) => onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const catalogueItems = catalogue.data?.items.filter((item) => !item.archived) ?? [];
  return (
    <>
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
                <Select
                  label={t('invoice.line.nature')}
                  options={EDITOR_NATURES.map((nature) => ({ id: nature, label: t(`nature.${nature}`) }))}
                  value={line.nature}
                  onChange={(nature) => update(index, { nature: nature as EditorNature })}
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
                  <Button variant="quiet" onPress={() => onChange(lines.filter((_, i) => i !== index))}>
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
              onChange([...lines, added]);
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
                const added = lineFromCatalogue(item);
                setFocusKey(added.key);
                onChange([...lines, added]);
              }}
            />
          ) : null}
        </div>
      </Section>

      <Section title={t('invoice.totals')}>{live.ok ? <Totals totals={totalsView(live)} /> : <p className="totals__problem">{problemText(t, live.reason, live.field)}</p>}</Section>
    </>
  );
}

/** The lines of an issued document, read-only. */
export function LinesTable({ lines }: { lines: readonly QuoteLineViewDto[] }) {
  const t = useT();
  return (
    <Table
      label={t('invoice.lines')}
      rows={lines.map((line, index) => ({ ...line, id: String(index) }))}
      columns={[
        { id: 'description', title: t('invoice.line.description'), isRowHeader: true, cell: (line) => line.description },
        { id: 'quantity', title: t('invoice.line.quantity'), align: 'end', cell: (line) => frenchNumber(line.quantity) },
        { id: 'unitPrice', title: t('invoice.line.unitPrice'), align: 'end', cell: (line) => frenchAmount(line.unitPrice) },
        { id: 'vat', title: t('invoice.line.vatRate'), align: 'end', cell: (line) => t('invoice.rate', { rate: frenchNumber(line.vatRate) }) },
        { id: 'nature', title: t('invoice.line.nature'), cell: (line) => t(`nature.${line.nature}`) },
        { id: 'net', title: t('invoice.line.netTitle'), align: 'end', cell: (line) => frenchAmount(line.net) },
      ]}
    />
  );
}

/** An issued document's lines and totals (the totals with `extra` rows: paid, outstanding), read-only. */
export function IssuedLines({ lines, totals, extra }: { lines: readonly QuoteLineViewDto[]; totals: TotalsView; extra?: { label: string; amount: string }[] }) {
  const t = useT();
  return (
    <>
      <Section title={t('invoice.lines')}>
        <LinesTable lines={lines} />
      </Section>
      <Section title={t('invoice.totals')}>
        <Totals totals={totals} extra={extra} />
      </Section>
    </>
  );
}

/** A quote's or an invoice's screen until the document comes: the area's title and links, and the query's state (loading, not found, failed). */
export function DocumentLoading({ title, query }: { title: string; query: UseQueryResult<unknown> }) {
  return (
    <Page title={title}>
      <CommerceNav />
      <QueryState query={query}>{() => null}</QueryState>
    </Page>
  );
}

/** An issued document's PDF in the page, with its download link. */
export function DocumentPdf(props: Pick<PdfInPageProps, 'title' | 'frameTitle' | 'fileName' | 'queryKey' | 'fetchPdf'>) {
  const t = useT();
  return <PdfInPage {...props} downloadLabel={t('invoice.pdf.download')} loadingLabel={t('invoice.pdf.loading')} frameClassName="pdf-frame" withBytes />;
}
