import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memberPrivacyControllerErase, memberPrivacyControllerExport } from '../../api/generated/sdk.gen';
import type { MemberDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { errorText } from '../../ui/error-text';
import { exportFileName } from './member-rules';

/** Offers a JSON document to the browser as a download (no server round trip: the data is already here). */
function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** The member's data rights (GDPR): a copy of everything (art. 15 and 20), and erasure once they left (art. 17). */
export function MemberPrivacy({ siteId, member }: { siteId: string; member: MemberDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const exportData = useMutation({
    mutationFn: () => unwrap(memberPrivacyControllerExport({ path: { siteId, memberId: member.id } })),
    onSuccess: (data) => download(exportFileName(member.firstName, member.lastName), data),
  });
  const erase = useMutation({
    mutationFn: () => unwrap(memberPrivacyControllerErase({ path: { siteId, memberId: member.id } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['member', siteId, member.id] });
      void queryClient.invalidateQueries({ queryKey: ['members', siteId] });
    },
  });
  return (
    <Section title={t('members.privacy.title')}>
      <p>{t('members.privacy.export.intro')}</p>
      <Button variant="secondary" icon="save" isPending={exportData.isPending} onPress={() => exportData.mutate()}>
        {t('members.privacy.export')}
      </Button>
      {exportData.isError ? <Notice tone="error">{errorText(exportData.error, language, t)}</Notice> : null}
      {erase.isSuccess ? (
        <Notice tone="success">{t('members.privacy.erased', { name: `${erase.data.firstName} ${erase.data.lastName}`, contracts: erase.data.contractsKept })}</Notice>
      ) : member.leftOn ? (
        <>
          <p>{t('members.privacy.erase.intro')}</p>
          <ConfirmDialog
            triggerLabel={t('members.privacy.erase')}
            triggerVariant="danger"
            title={t('members.privacy.erase.title', { name: `${member.firstName} ${member.lastName}` })}
            sentence={t('members.privacy.erase.sentence')}
            confirmLabel={t('members.privacy.erase.confirm')}
            cancelLabel={t('members.cancel')}
            onConfirm={() => erase.mutate()}
          />
        </>
      ) : (
        <p>{t('members.privacy.erase.notLeft')}</p>
      )}
      {erase.isError ? <Notice tone="error">{errorText(erase.error, language, t)}</Notice> : null}
    </Section>
  );
}
