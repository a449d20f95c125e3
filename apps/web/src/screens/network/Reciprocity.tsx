import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  reciprocityControllerBoard,
  reciprocityControllerConfirmEntry,
  reciprocityControllerRejectEntry,
  reciprocityControllerSite,
  reciprocityControllerStatement,
} from '../../api/generated/sdk.gen';
import type { BalanceDto, ManualEntryDto, MovementDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { errorText } from '../../ui/error-text';
import { useSession } from '../../session';
import { NetworkPage, useNetworkRole } from './NetworkPage';
import { balanceTone, localDay } from './network-rules';

/** A balance with its sign ("+12 h", "−4 h", "0 h"): a contribution to the commons, never a debt. */
function signedHours(balance: string, t: ReturnType<typeof useT>): string {
  const tone = balanceTone(balance);
  const hours = frenchNumber(balance.replace(/^-/, ''));
  if (tone === 'gave-more') return t('network.reciprocity.signedGiven', { hours });
  if (tone === 'received-more') return t('network.reciprocity.signedReceived', { hours });
  return t('network.hoursValue', { hours });
}

function PendingEntry({ entry, siteId }: { entry: ManualEntryDto; siteId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: ['reciprocity'] });
  const confirm = useMutation({ mutationFn: () => unwrap(reciprocityControllerConfirmEntry({ path: { entryId: entry.id } })), onSuccess });
  const reject = useMutation({ mutationFn: () => unwrap(reciprocityControllerRejectEntry({ path: { entryId: entry.id }, body: {} })), onSuccess });
  const forUs = entry.proposedBySiteId !== siteId;
  const failed = confirm.error ?? reject.error;
  return (
    <li className="card">
      <p>{t('network.reciprocity.entry', { giver: entry.giverSiteName, receiver: entry.receiverSiteName, hours: frenchNumber(entry.hours), label: entry.label })}</p>
      {forUs ? (
        <div className="actions">
          <ConfirmDialog
            triggerLabel={t('network.reciprocity.entry.confirm')}
            triggerVariant="primary"
            icon="check"
            title={t('network.reciprocity.entry.confirmTitle')}
            sentence={t('network.reciprocity.entry.confirmSentence', { hours: frenchNumber(entry.hours), giver: entry.giverSiteName, receiver: entry.receiverSiteName })}
            confirmLabel={t('network.reciprocity.entry.confirm')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => confirm.mutate()}
          />
          <ConfirmDialog
            triggerLabel={t('network.reciprocity.entry.reject')}
            title={t('network.reciprocity.entry.rejectTitle')}
            sentence={t('network.reciprocity.entry.rejectSentence')}
            confirmLabel={t('network.reciprocity.entry.reject')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => reject.mutate()}
          />
        </div>
      ) : (
        <p className="hint">{t('network.reciprocity.entry.waiting')}</p>
      )}
      {failed ? <Notice tone="error">{errorText(failed, language, t)}</Notice> : null}
    </li>
  );
}

/** `/reseau/reciprocite`: every site's balance (the board) and my site's statement of movements. */
export function ReciprocityScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { siteId, siteName, mayAct, isMember } = useNetworkRole();
  const { site } = useSession();
  const board = useQuery({ queryKey: ['reciprocity', 'board'], queryFn: () => unwrap(reciprocityControllerBoard({ query: { limit: 1 } })) });
  const mine = useQuery({ queryKey: ['reciprocity', siteId], queryFn: () => unwrap(reciprocityControllerSite({ path: { siteId }, query: { limit: 100 } })), enabled: !isMember });
  const year = Number(localDay(new Date().toISOString()).slice(0, 4));
  const download = useMutation({
    mutationFn: async () => {
      const csv = await unwrap(reciprocityControllerStatement({ path: { siteId }, query: { year }, parseAs: 'blob' }));
      const url = URL.createObjectURL(csv as unknown as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `reciprocite-${year}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
  const mayDownload = mayAct || site?.role === 'accountant';
  return (
    <NetworkPage title={t('network.reciprocity.title')}>
      <p>{t('network.reciprocity.intro')}</p>
      <Section title={t('network.reciprocity.board')}>
        <QueryState query={board}>
          {(data) =>
            data.balances.length === 0 ? (
              <EmptyState>{t('network.reciprocity.board.empty')}</EmptyState>
            ) : (
              <>
                <Table<BalanceDto & { id: string }>
                  label={t('network.reciprocity.board')}
                  rows={data.balances.map((balance) => ({ ...balance, id: balance.siteId }))}
                  columns={[
                    { id: 'name', title: t('network.reciprocity.col.site'), isRowHeader: true, cell: (row) => row.name },
                    { id: 'given', title: t('network.reciprocity.col.given'), align: 'end', cell: (row) => t('network.hoursValue', { hours: frenchNumber(row.given) }) },
                    { id: 'received', title: t('network.reciprocity.col.received'), align: 'end', cell: (row) => t('network.hoursValue', { hours: frenchNumber(row.received) }) },
                    {
                      id: 'balance',
                      title: t('network.reciprocity.col.balance'),
                      align: 'end',
                      cell: (row) => (
                        <span className={`network-balance network-balance--${balanceTone(row.balance)}`}>
                          {signedHours(row.balance, t)}
                          {row.belowSoftLimit ? ` · ${t('network.reciprocity.belowLimit')}` : ''}
                        </span>
                      ),
                    },
                  ]}
                />
                <p className="hint">{t('network.reciprocity.total')}</p>
              </>
            )
          }
        </QueryState>
      </Section>
      {isMember ? null : (
        <Section title={t('network.reciprocity.mine', { site: siteName })}>
          <QueryState query={mine}>
            {(data) => (
              <>
                <p className="network-status">{t('network.reciprocity.mySummary', { given: frenchNumber(data.given), received: frenchNumber(data.received) })}</p>
                {data.pendingEntries.length > 0 ? (
                  <>
                    <h3 className="network-subform__title">{t('network.reciprocity.pending')}</h3>
                    <ul className="cards">
                      {data.pendingEntries.map((entry) => (
                        <PendingEntry key={entry.id} entry={entry} siteId={siteId} />
                      ))}
                    </ul>
                  </>
                ) : null}
                {data.movements.items.length === 0 ? (
                  <EmptyState>{t('network.reciprocity.movements.empty')}</EmptyState>
                ) : (
                  <Table<MovementDto>
                    label={t('network.reciprocity.movements')}
                    rows={data.movements.items}
                    columns={[
                      { id: 'date', title: t('network.reciprocity.col.date'), isRowHeader: true, cell: (row) => frenchShortDate(localDay(row.recordedAt)) },
                      { id: 'kind', title: t('network.reciprocity.col.kind'), cell: (row) => t(`network.reciprocity.kind.${row.kind}`) },
                      {
                        id: 'what',
                        title: t('network.reciprocity.col.what'),
                        cell: (row) =>
                          row.giverSiteId === siteId
                            ? t('network.reciprocity.gaveTo', { site: row.receiverSiteName, label: row.label })
                            : t('network.reciprocity.receivedFrom', { site: row.giverSiteName, label: row.label }),
                      },
                      {
                        id: 'hours',
                        title: t('network.reciprocity.col.hours'),
                        align: 'end',
                        cell: (row) => t(row.giverSiteId === siteId ? 'network.reciprocity.signedGiven' : 'network.reciprocity.signedReceived', { hours: frenchNumber(row.hours) }),
                      },
                    ]}
                  />
                )}
                {mayDownload ? (
                  <div className="actions">
                    <Button variant="secondary" icon="save" isPending={download.isPending} onPress={() => download.mutate()}>
                      {t('network.reciprocity.download', { year })}
                    </Button>
                  </div>
                ) : null}
                {download.isError ? <Notice tone="error">{errorText(download.error, language, t)}</Notice> : null}
              </>
            )}
          </QueryState>
        </Section>
      )}
    </NetworkPage>
  );
}
