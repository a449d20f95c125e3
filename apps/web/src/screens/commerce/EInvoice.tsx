import { useMutation, useQuery } from '@tanstack/react-query';
import { eInvoicesControllerInvoiceFacturX, eInvoicesControllerInvoiceTransmission } from '../../api/generated/sdk.gen';
import type { EInvoiceTransmissionDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { download } from '../../ui/download';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { errorText } from '../../ui/error-text';
import { transmissionTone } from './commerce-rules';

/** The transmission, or null when the invoice is not transmitted (B2C, or issued before a PA was connected). */
async function transmissionOf(siteId: string, invoiceId: string): Promise<EInvoiceTransmissionDto | null> {
  try {
    return await unwrap(eInvoicesControllerInvoiceTransmission({ path: { siteId, invoiceId } }));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'TRANSMISSION_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * An issued invoice as an e-invoice (docs/e-invoicing.md): its Factur-X to download, and where its
 * transmission to the host structure's approved platform stands, with every status the PA reported.
 */
export function InvoiceEInvoice({ siteId, invoiceId, number }: { siteId: string; invoiceId: string; number: string }) {
  const t = useT();
  const { language } = usePreferences();
  const transmission = useQuery({ queryKey: ['invoice-transmission', siteId, invoiceId], queryFn: () => transmissionOf(siteId, invoiceId) });
  const facturX = useMutation({
    mutationFn: () => unwrap(eInvoicesControllerInvoiceFacturX({ path: { siteId, invoiceId }, parseAs: 'blob' })),
    onSuccess: (blob) => download(blob as unknown as Blob, `${number}_factur-x.pdf`),
  });
  return (
    <Section title={t('einvoice.title')}>
      <p>{t('einvoice.explain')}</p>
      <p className="actions">
        <Button variant="secondary" icon="save" isPending={facturX.isPending} onPress={() => facturX.mutate()}>
          {t('einvoice.facturX')}
        </Button>
      </p>
      {facturX.isError ? (
        <Notice tone="error" title={t('app.error.title')}>
          <p>{errorText(facturX.error, language, t)}</p>
        </Notice>
      ) : null}
      <QueryState query={transmission}>
        {(data) =>
          data === null ? (
            <p>{t('einvoice.notTransmitted')}</p>
          ) : (
            <>
              <Notice tone={transmissionTone(data.status)}>
                {t(`einvoice.status.${data.status}`)}
                {data.status === 'pending' && data.lastError ? ` ${t('einvoice.retrying', { attempts: String(data.attempts) })}` : null}
              </Notice>
              {data.history.length > 0 ? (
                <Table
                  label={t('einvoice.history')}
                  columns={[
                    { id: 'status', title: t('einvoice.col.status'), isRowHeader: true, cell: (row) => `${t(`einvoice.status.${row.status}`)} (${row.code})` },
                    { id: 'date', title: t('einvoice.col.date'), cell: (row) => frenchShortDate(row.occurredAt.slice(0, 10)) },
                    { id: 'reason', title: t('einvoice.col.reason'), cell: (row) => row.reason ?? '' },
                  ]}
                  rows={data.history.map((entry) => ({ ...entry, id: entry.status, reason: entry.reason as string | null }))}
                />
              ) : null}
            </>
          )
        }
      </QueryState>
    </Section>
  );
}
