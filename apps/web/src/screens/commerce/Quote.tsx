import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  documentPdfsControllerQuote,
  quotesControllerAccept,
  quotesControllerCreate,
  quotesControllerDecline,
  quotesControllerGet,
  quotesControllerSend,
  quotesControllerSubmit,
  quotesControllerUpdate,
  quotesControllerValidate,
} from '../../api/generated/sdk.gen';
import type { CreateQuoteDto, QuoteDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { defaultValidUntil, localDay, type QuoteAction, quoteActions } from './commerce-rules';
import { ClientChoice, CommerceNav, DocumentLoading, DocumentPdf, IssuedLines, LinesEditor, problemText, useClients, useDraftSaving } from './document-parts';
import { apiLines, editorLinesFrom, type EditorLine, freeLine, liveTotals } from './invoice-draft';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The quote being drafted: client, last day it holds, where the work is done, lines with live totals; saved, then submitted to the coordination. */
function QuoteEditor({ siteId, quote }: { siteId: string; quote: QuoteDto | null }) {
  const t = useT();
  const { language } = usePreferences();
  const [clientId, setClientId] = useState<string | null>(quote?.clientId ?? null);
  const [validUntil, setValidUntil] = useState(() => quote?.validUntil ?? defaultValidUntil(localDay(new Date())));
  const [place, setPlace] = useState(quote?.executionPlace ?? '');
  const [deposit, setDeposit] = useState(quote?.depositPercent?.replace('.', ',') ?? '');
  const [deliveryAddress, setDeliveryAddress] = useState(quote?.deliveryAddress ?? '');
  const [lines, setLines] = useState<EditorLine[]>(() => (quote ? editorLinesFrom(quote.lines) : [freeLine()]));
  const [checked, setChecked] = useState(false);
  const live = liveTotals(lines, quote?.totals.vatFranchise ?? false);
  const dateOk = ISO_DATE.test(validUntil.trim());
  // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
  const body = () =>
    ({
      clientId: clientId ?? undefined,
      validUntil: validUntil.trim(),
      executionPlace: place.trim() || null,
      depositPercent: deposit.trim().replace(',', '.') || null,
      deliveryAddress: deliveryAddress.trim() || null,
      lines: apiLines(lines),
    }) as unknown as CreateQuoteDto;
  const {
    saveDraft,
    nextStep: submit,
    saved,
    setSaved,
    failure,
  } = useDraftSaving({
    draft: quote,
    kind: 'quote',
    siteId,
    route: ROUTES.quote,
    create: () => unwrap(quotesControllerCreate({ path: { siteId }, body: body() })),
    update: (quoteId) => unwrap(quotesControllerUpdate({ path: { siteId, quoteId }, body: body() })),
    next: (quoteId) => unwrap(quotesControllerSubmit({ path: { siteId, quoteId } })),
  });
  const ready = () => {
    setChecked(true);
    return clientId !== null && dateOk && live.ok;
  };
  const apiField = failure instanceof ApiError ? (failure.field ?? null) : null;
  const apiMessage = failure ? errorText(failure, language, t) : null;
  const fieldError = (field: string) => {
    if (apiField === field && apiMessage) return apiMessage;
    if (checked && !live.ok && live.field === field) return problemText(t, live.reason, live.field);
    return undefined;
  };
  const known = ['clientId', 'validUntil', 'executionPlace', 'depositPercent', 'deliveryAddress'];
  return (
    <Page title={quote ? t('quote.draftTitle') : t('quote.newTitle')}>
      <CommerceNav />
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
          error={checked && clientId === null ? t('quote.client.required') : apiField === 'clientId' ? apiMessage : null}
        />
        <div className="commerce-form__pair">
          <TextField
            label={t('quote.validUntil')}
            description={t('quote.validUntilHelp')}
            value={validUntil}
            onChange={(value) => {
              setSaved(false);
              setValidUntil(value);
            }}
            errorMessage={checked && !dateOk ? t('invoice.payment.receivedOnInvalid') : (fieldError('validUntil') ?? undefined)}
          />
          <TextField
            label={t('quote.place')}
            value={place}
            maxLength={200}
            onChange={(value) => {
              setSaved(false);
              setPlace(value);
            }}
            errorMessage={fieldError('executionPlace')}
          />
        </div>
        <div className="commerce-form__pair">
          <TextField
            label={t('quote.deposit')}
            description={t('quote.depositHelp')}
            inputMode="decimal"
            value={deposit}
            onChange={(value) => {
              setSaved(false);
              setDeposit(value);
            }}
            errorMessage={fieldError('depositPercent')}
          />
          <TextField
            label={t('quote.deliveryAddress')}
            description={t('quote.deliveryAddressHelp')}
            value={deliveryAddress}
            maxLength={300}
            onChange={(value) => {
              setSaved(false);
              setDeliveryAddress(value);
            }}
            errorMessage={fieldError('deliveryAddress')}
          />
        </div>
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
        {apiMessage && (apiField === null || !(known.includes(apiField) || apiField.startsWith('lines['))) ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{apiMessage}</p>
          </Notice>
        ) : null}
        {saved ? <Notice tone="success">{t('invoice.saved')}</Notice> : null}
        <div className="actions">
          {/* Pressed, not a native submit: a press right after the catalogue's listbox closed was seen lost under load. */}
          <Button
            variant="secondary"
            icon="save"
            isPending={saveDraft.isPending}
            onPress={() => {
              if (ready()) saveDraft.mutate();
            }}
          >
            {t('invoice.save')}
          </Button>
          <Button
            icon="check"
            isPending={submit.isPending}
            onPress={() => {
              if (ready()) submit.mutate();
            }}
          >
            {t('quote.submit')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

function quoteAction(action: Exclude<QuoteAction, 'edit'>, path: { siteId: string; quoteId: string }) {
  switch (action) {
    case 'submit':
      return quotesControllerSubmit({ path });
    case 'validate':
      return quotesControllerValidate({ path });
    case 'send':
      return quotesControllerSend({ path });
    case 'accept':
      // The whole quote is invoiced (a deposit percent would draft a deposit invoice instead).
      return quotesControllerAccept({ path, body: {} });
    case 'decline':
      return quotesControllerDecline({ path });
  }
}

/** A quote past its draft: its lines, totals and PDF, and what the person's role may do now (validate, send, record the client's answer). */
function QuoteView({ siteId, quote }: { siteId: string; quote: QuoteDto }) {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const clients = useClients(siteId);
  const act = useMutation({
    mutationFn: (action: Exclude<QuoteAction, 'edit'>) => unwrap(quoteAction(action, { siteId, quoteId: quote.id })),
    onSuccess: (result) => {
      queryClient.setQueryData(['quote', siteId, result.id], result);
      void queryClient.invalidateQueries({ queryKey: ['quotes', siteId] });
      void queryClient.invalidateQueries({ queryKey: ['invoices', siteId] });
    },
  });
  const actions = quoteActions(quote.status, site?.role ?? 'member');
  const client = clients.data?.items.find((candidate) => candidate.id === quote.clientId)?.name ?? '';
  const number = quote.number ?? '';
  const title = quote.number ? t('quote.title', { number }) : t('quotes.draftOf', { date: frenchShortDate(quote.createdAt.slice(0, 10)) });
  return (
    <Page title={title}>
      <CommerceNav />
      <Notice tone="info">
        {t('quote.state', { status: t(`quote.status.${quote.status}`), client, date: frenchShortDate(quote.validUntil) })} {t(`quote.next.${quote.status}`)}
        {quote.depositPercent ? ` ${t('quote.view.deposit', { percent: quote.depositPercent.replace('.', language === 'fr' ? ',' : '.') })}` : null}
        {quote.deliveryAddress ? ` ${t('quote.view.deliveryAddress', { address: quote.deliveryAddress })}` : null}
      </Notice>
      {act.isError ? (
        <Notice tone="error" title={t('app.error.title')}>
          <p>{errorText(act.error, language, t)}</p>
        </Notice>
      ) : null}
      {act.isSuccess ? <Notice tone="success">{t(`quote.done.${act.variables}`)}</Notice> : null}
      {actions.length > 0 ? (
        <div className="actions">
          {actions.includes('validate') ? (
            <Button icon="check" isPending={act.isPending} onPress={() => act.mutate('validate')}>
              {t('quote.validate')}
            </Button>
          ) : null}
          {actions.includes('send') ? (
            <ConfirmDialog
              triggerLabel={t('quote.send')}
              triggerVariant="primary"
              icon="arrow"
              title={t('quote.send.title')}
              sentence={t('quote.send.sentence', { client })}
              confirmLabel={t('quote.send.confirm')}
              cancelLabel={t('invoice.cancel')}
              onConfirm={() => act.mutate('send')}
            />
          ) : null}
          {actions.includes('accept') ? (
            <ConfirmDialog
              triggerLabel={t('quote.accept')}
              triggerVariant="primary"
              icon="check"
              title={t('quote.accept.title')}
              sentence={t('quote.accept.sentence', { client })}
              confirmLabel={t('quote.accept.confirm')}
              cancelLabel={t('invoice.cancel')}
              onConfirm={() => act.mutate('accept')}
            />
          ) : null}
          {actions.includes('decline') ? (
            <ConfirmDialog
              triggerLabel={t('quote.decline')}
              title={t('quote.decline.title')}
              sentence={t('quote.decline.sentence', { client })}
              confirmLabel={t('quote.decline.confirm')}
              cancelLabel={t('invoice.cancel')}
              onConfirm={() => act.mutate('decline')}
            />
          ) : null}
        </div>
      ) : null}
      {quote.status === 'accepted' && quote.invoiceId ? (
        <p>
          <ButtonLink href={ROUTES.invoice(quote.invoiceId)} variant="primary" icon="arrow">
            {t('quote.invoice')}
          </ButtonLink>
        </p>
      ) : null}
      <div className="invoice-view">
        <IssuedLines lines={quote.lines} totals={quote.totals} />
        <DocumentPdf
          title={t('quote.pdf')}
          frameTitle={t('quote.pdf.frame', { number: number || title })}
          fileName={`${number || 'devis'}.pdf`}
          queryKey={['quote-pdf', siteId, quote.id, quote.status]}
          fetchPdf={() => unwrap(documentPdfsControllerQuote({ path: { siteId, quoteId: quote.id }, parseAs: 'blob' }))}
        />
      </div>
    </Page>
  );
}

/** `/devis/nouveau` and `/devis/:id`: the editor while a draft (for who may edit it), the quote and its next step after. */
export function QuoteScreen({ id }: { id?: string }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['quote', siteId, id],
    queryFn: () => unwrap(quotesControllerGet({ path: { siteId, quoteId: id ?? '' } })),
    enabled: Boolean(site && id),
  });
  if (!site) return null;
  if (!id) return <QuoteEditor key="new" siteId={siteId} quote={null} />;
  if (!query.data) return <DocumentLoading title={t('quotes.title')} query={query} />;
  const editable = quoteActions(query.data.status, site.role).includes('edit');
  return editable ? <QuoteEditor key={query.data.id} siteId={siteId} quote={query.data} /> : <QuoteView siteId={siteId} quote={query.data} />;
}
