import { useMutation, useQueryClient } from '@tanstack/react-query';
import { periodsControllerApprove, periodsControllerClose, periodsControllerExport, periodsControllerPaid, periodsControllerReopen } from '../../api/generated/sdk.gen';
import type { PeriodSummaryDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { download } from '../../ui/download';
import { ActionError } from './RemunerationNav';
import { payrollFileName, periodActions, type PeriodAction } from './remuneration-rules';

const noop = () => undefined;

/**
 * The next steps of a period for this role (close, reopen, approve, export the payroll file, mark
 * paid), each a final step confirmed by a sentence that says what happens.
 */
export function PeriodActions({
  period,
  openObjections = 0,
  compact = false,
}: {
  period: Pick<PeriodSummaryDto, 'id' | 'status' | 'startsOn' | 'endsOn'>;
  openObjections?: number;
  compact?: boolean;
}) {
  const t = useT();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const path = { siteId, periodId: period.id };
  const step = useMutation({
    mutationFn: async (action: PeriodAction) => {
      switch (action) {
        case 'close':
          return unwrap(periodsControllerClose({ path }));
        case 'reopen':
          return unwrap(periodsControllerReopen({ path }));
        case 'approve':
          return unwrap(periodsControllerApprove({ path }));
        case 'paid':
          return unwrap(periodsControllerPaid({ path }));
        case 'export': {
          const file = await unwrap(periodsControllerExport({ path, parseAs: 'blob' }));
          download(file as unknown as Blob, payrollFileName(period));
          return null;
        }
      }
    },
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['period', siteId] }), queryClient.invalidateQueries({ queryKey: ['periods', siteId] })]),
  });
  if (!site) return null;
  const actions = periodActions(period.status, site.role, openObjections);
  if (actions.length === 0) return compact ? null : <p>{t('period.steps.none')}</p>;
  return (
    <div className="pay-stack">
      {!compact && period.status === 'closed' && openObjections > 0 ? <Notice>{t('period.steps.objections', { count: openObjections })}</Notice> : null}
      {step.isSuccess && !compact ? <Notice tone="success">{t(`period.${step.variables}.done`)}</Notice> : null}
      <ActionError error={step.error} />
      <div className="actions">
        {actions.map((action, index) => (
          <ConfirmDialog
            key={action}
            triggerLabel={t(`period.${action}`)}
            triggerVariant={index === 0 ? 'primary' : 'secondary'}
            icon={action === 'export' ? 'save' : action === 'reopen' ? 'retry' : action === 'close' ? 'lock' : 'check'}
            title={t(`period.${action}.title`)}
            sentence={t(`period.${action}.sentence`)}
            confirmLabel={t(`period.${action}.confirm`)}
            cancelLabel={t('app.cancel')}
            onConfirm={() => step.mutateAsync(action).then(noop, noop)}
          />
        ))}
      </div>
    </div>
  );
}
