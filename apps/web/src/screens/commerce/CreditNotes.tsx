import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { creditNotesControllerGet, creditNotesControllerList, documentPdfsControllerCreditNote, invoicesControllerCredit } from '../../api/generated/sdk.gen';
import type { CreateCreditNoteDto, CreditNoteDto, InvoiceDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { creditableCents, creditNoteBody } from './commerce-rules';
import { CommerceNav, DocumentPdf, IssuedLines, LinesEditor, problemText, useClients } from './document-parts';
import { centsText, editorLinesFrom, type EditorLine, liveTotals } from './invoice-draft';

/**
 * "Faire un avoir" on an issued invoice: cancel all that remains (an unpaid invoice) or the lines
 * typed, with a reason; confirmed by a sentence that says the credit note is final.
 */
export function CreditNoteForm({ siteId, invoice }: { siteId: string; invoice: InvoiceDto }) {
  const t = useT();
  const { language } = usePreferences();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // All that is not credited yet, paid or not: beyond what is unpaid, the money is owed back (a refund).
  const creditable = centsText(creditableCents(invoice));
  const [mode, setMode] = useState<'full' | 'lines'>('full');
  const [lines, setLines] = useState<EditorLine[]>(() => editorLinesFrom(invoice.lines));
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const live = liveTotals(lines, invoice.totals.vatFranchise);
  const credit = useMutation({
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
    mutationFn: () => unwrap(invoicesControllerCredit({ path: { siteId, invoiceId: invoice.id }, body: creditNoteBody(mode, lines, reason) as unknown as CreateCreditNoteDto })),
    onSuccess: (note) => {
      void queryClient.invalidateQueries({ queryKey: ['invoice', siteId, invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
      void queryClient.invalidateQueries({ queryKey: ['credit-notes', siteId] });
      queryClient.setQueryData(['credit-note', siteId, note.id], note);
      navigate(ROUTES.creditNote(note.id), { state: { created: true } });
    },
  });
  const apiField = credit.error instanceof ApiError ? credit.error.field : null;
  const apiMessage = credit.error ? errorText(credit.error, language, t) : null;
  const fieldError = (field: string) => {
    if (apiField === field && apiMessage) return apiMessage;
    if (checked && !live.ok && live.field === field) return problemText(t, live.reason, live.field);
    return undefined;
  };
  const amount = mode === 'full' ? frenchAmount(creditable) : live.ok ? frenchAmount(centsText(live.totals.totalCents)) : '';
  if (!open) {
    return (
      <Section title={t('creditNote.make')}>
        <p>{t('creditNote.makeIntro')}</p>
        <div className="actions">
          <Button variant="secondary" onPress={() => setOpen(true)}>
            {t('creditNote.make')}
          </Button>
        </div>
      </Section>
    );
  }
  return (
    <Section title={t('creditNote.make')}>
      <form className="invoice-editor" noValidate onSubmit={(event) => event.preventDefault()}>
        <Select
          label={t('creditNote.mode')}
          options={[
            { id: 'full', label: t('creditNote.mode.full', { amount: frenchAmount(creditable) }) },
            { id: 'lines', label: t('creditNote.mode.lines') },
          ]}
          value={mode}
          onChange={(value) => setMode(value as 'full' | 'lines')}
        />
        {invoice.paid !== '0.00' ? <p>{t('creditNote.partlyPaid', { amount: frenchAmount(invoice.outstanding) })}</p> : null}
        {mode === 'lines' ? <LinesEditor siteId={siteId} lines={lines} onChange={setLines} live={live} fieldError={fieldError} /> : null}
        <TextField
          label={t('creditNote.reason')}
          description={t('creditNote.reasonHelp')}
          value={reason}
          maxLength={500}
          onChange={setReason}
          errorMessage={fieldError('reason')}
        />
        {apiMessage && apiField !== 'reason' && !(apiField ?? '').startsWith('lines[') ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{apiMessage}</p>
          </Notice>
        ) : null}
        <div className="actions">
          <ConfirmDialog
            triggerLabel={t('creditNote.issue')}
            triggerVariant="primary"
            icon="check"
            title={t('creditNote.issue.title')}
            sentence={t('creditNote.issue.sentence', { amount, number: invoice.number ?? '' })}
            confirmLabel={t('creditNote.issue.confirm')}
            cancelLabel={t('invoice.cancel')}
            onConfirm={() => {
              setChecked(true);
              if (mode === 'full' || live.ok) credit.mutate();
            }}
          />
          <Button variant="quiet" onPress={() => setOpen(false)}>
            {t('invoice.cancel')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** The credit notes of one invoice, under it. */
export function InvoiceCreditNotes({ siteId, invoiceId }: { siteId: string; invoiceId: string }) {
  const t = useT();
  const notes = useQuery({
    queryKey: ['credit-notes', siteId, invoiceId],
    queryFn: () => unwrap(creditNotesControllerList({ path: { siteId }, query: { invoiceId, limit: 100 } })),
  });
  if (!notes.data || notes.data.items.length === 0) return null;
  return (
    <Section title={t('creditNotes.ofInvoice')}>
      <ul className="commerce-links">
        {notes.data.items.map((note) => (
          <li key={note.id}>
            <Link href={ROUTES.creditNote(note.id)}>
              {t('creditNotes.item', { number: note.number, amount: frenchAmount(note.totals.total), date: frenchShortDate(note.issuedOn) })}
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** `/avoirs`: the site's credit notes, each a link to its page and PDF. */
export function CreditNotesScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const notes = useQuery({
    queryKey: ['credit-notes', siteId],
    queryFn: () => unwrap(creditNotesControllerList({ path: { siteId }, query: { limit: 100 } })),
    enabled: Boolean(site),
  });
  const clients = useClients(siteId);
  if (!site) return null;
  const clientName = (id: string) => clients.data?.items.find((client) => client.id === id)?.name ?? '';
  return (
    <Page title={t('creditNotes.title')}>
      <CommerceNav />
      <p>{t('creditNotes.intro')}</p>
      <QueryState query={notes}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('creditNotes.empty')}</EmptyState>
          ) : (
            <Table<CreditNoteDto>
              label={t('creditNotes.title')}
              rows={page.items}
              columns={[
                {
                  id: 'number',
                  title: t('creditNotes.col.number'),
                  isRowHeader: true,
                  cell: (note) => (
                    <Link href={ROUTES.creditNote(note.id)} aria-label={t('invoices.open', { what: note.number })}>
                      {note.number}
                    </Link>
                  ),
                },
                { id: 'date', title: t('creditNotes.col.date'), cell: (note) => frenchShortDate(note.issuedOn) },
                { id: 'invoice', title: t('creditNotes.col.invoice'), cell: (note) => <Link href={ROUTES.invoice(note.invoiceId)}>{note.invoiceNumber}</Link> },
                { id: 'client', title: t('invoices.col.client'), cell: (note) => clientName(note.clientId) },
                { id: 'total', title: t('invoices.col.total'), align: 'end', cell: (note) => frenchAmount(note.totals.total) },
              ]}
            />
          )
        }
      </QueryState>
    </Page>
  );
}

/** `/avoirs/:id`: one credit note — what it cancels, why, its totals and its PDF in the page. */
export function CreditNoteScreen({ id }: { id: string }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const note = useQuery({
    queryKey: ['credit-note', siteId, id],
    queryFn: () => unwrap(creditNotesControllerGet({ path: { siteId, creditNoteId: id } })),
    enabled: Boolean(site),
  });
  const created = (history.state as { created?: boolean } | null)?.created === true;
  if (!site) return null;
  return (
    <Page title={note.data ? t('creditNote.title', { number: note.data.number }) : t('creditNotes.title')}>
      <CommerceNav />
      <QueryState query={note}>
        {(credit) => (
          <div className="invoice-view">
            {created ? <Notice tone="success">{t('creditNote.created', { number: credit.number })}</Notice> : null}
            <p>
              {t('creditNote.of', { invoice: credit.invoiceNumber, date: frenchShortDate(credit.issuedOn) })}{' '}
              <ButtonLink href={ROUTES.invoice(credit.invoiceId)} variant="quiet" icon="arrow">
                {t('creditNote.toInvoice', { number: credit.invoiceNumber })}
              </ButtonLink>
            </p>
            {credit.reason ? <p>{t('creditNote.reasonIs', { reason: credit.reason })}</p> : null}
            <IssuedLines lines={credit.lines} totals={credit.totals} />
            <DocumentPdf
              title={t('creditNote.pdf')}
              frameTitle={t('creditNote.pdf.frame', { number: credit.number })}
              fileName={`${credit.number}.pdf`}
              queryKey={['credit-note-pdf', siteId, credit.id]}
              fetchPdf={() => unwrap(documentPdfsControllerCreditNote({ path: { siteId, creditNoteId: credit.id }, parseAs: 'blob' }))}
            />
          </div>
        )}
      </QueryState>
    </Page>
  );
}
