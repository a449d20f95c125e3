import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contributionsControllerGet, contributionsControllerReject, contributionsControllerValidate } from '../../api/generated/sdk.gen';
import type { RejectContributionDto } from '../../api/generated/types.gen';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { coordinates, elidesDe } from './remuneration-rules';
import './remuneration.css';

const noop = () => undefined;

/** `/contributions/:id` ("Aujourd'hui" and notifications link here): the entry, validated in one click or refused with a reason, confirmed in words. */
export function ContributionScreen({ id }: { id: string }) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const [reason, setReason] = useState('');
  const query = useQuery({
    queryKey: ['contributions', siteId, 'one', id],
    queryFn: () => unwrap(contributionsControllerGet({ path: { siteId, contributionId: id } })),
    enabled: Boolean(site),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['contributions', siteId] });
  const validate = useMutation({ mutationFn: () => unwrap(contributionsControllerValidate({ path: { siteId, contributionId: id } })), onSuccess: refresh });
  const reject = useMutation({
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the value is a string.
    mutationFn: () =>
      unwrap(contributionsControllerReject({ path: { siteId, contributionId: id }, body: (reason.trim() ? { reason: reason.trim() } : {}) as unknown as RejectContributionDto })),
    onSuccess: refresh,
  });
  if (!site) return null;
  const runs = coordinates(site.role);
  return (
    <Page title={query.data ? t(elidesDe(query.data.memberName) ? 'contribution.titleElided' : 'contribution.title', { name: query.data.memberName }) : t('contributions.title')}>
      <RemunerationNav />
      <QueryState query={query}>
        {(entry) => (
          <div className="pay-stack">
            <Section title={t('contributions.title')}>
              <ul className="pay-facts">
                <li>{t('contribution.day', { date: frenchShortDate(entry.date) })}</li>
                <li>{t('contribution.kind', { kind: t(`kind.${entry.kind}`) })}</li>
                <li>
                  <strong>{t('contribution.hours', { hours: frenchNumber(entry.hours) })}</strong>
                </li>
                {entry.note ? <li>{t('contribution.note', { note: entry.note })}</li> : null}
                <li>{t('contribution.status', { status: t(`contribution.${entry.status}`) })}</li>
                {entry.reason ? <li>{t('contribution.reason', { reason: entry.reason })}</li> : null}
              </ul>
              {validate.isSuccess ? <Notice tone="success">{t('contributions.validated')}</Notice> : null}
              {reject.isSuccess ? <Notice tone="success">{t('contribution.rejected.done')}</Notice> : null}
            </Section>
            {runs && entry.status === 'submitted' ? (
              <Section title={t('contribution.decide')}>
                <div className="form narrow">
                  <Button icon="check" isPending={validate.isPending} onPress={() => validate.mutate()}>
                    {t('contribution.validate')}
                  </Button>
                  <ActionError error={validate.error} />
                  <TextField
                    label={t('contribution.reject.reason')}
                    description={t('contribution.reject.reason.help')}
                    value={reason}
                    onChange={(value) => {
                      setReason(value);
                      reject.reset();
                    }}
                    errorMessage={apiFieldError(reject.error, 'reason')}
                  />
                  {reject.error && !apiFieldError(reject.error, 'reason') ? <ActionError error={reject.error} /> : null}
                  <ConfirmDialog
                    triggerLabel={t('contribution.reject')}
                    icon="door"
                    title={t('contribution.reject.title')}
                    sentence={t('contribution.reject.sentence', { name: entry.memberName, hours: frenchNumber(entry.hours), date: frenchShortDate(entry.date) })}
                    confirmLabel={t('contribution.reject.confirm')}
                    cancelLabel={t('app.cancel')}
                    onConfirm={() => reject.mutateAsync().then(noop, noop)}
                  />
                </div>
              </Section>
            ) : null}
            <div className="actions">
              <ButtonLink href={site.role === 'member' ? ROUTES.myHours : ROUTES.contributions} icon="arrow">
                {site.role === 'member' ? t('nav.myHours') : t('contribution.back')}
              </ButtonLink>
            </div>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
