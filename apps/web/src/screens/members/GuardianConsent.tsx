import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { membersControllerUpdate } from '../../api/generated/sdk.gen';
import { ApiError, unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { guardianBody, guardianProblems, localDay, type GuardianDraft } from './member-rules';
import { fieldMessage } from './problem-text';

/** The guardian's name, their link to the member and the day they consented (the API's `guardian.*` fields). */
export function GuardianFields({ draft, onChange, message }: { draft: GuardianDraft; onChange(draft: GuardianDraft): void; message(field: string): string | undefined }) {
  const t = useT();
  return (
    <>
      <TextField label={t('members.guardian.name')} value={draft.name} onChange={(name) => onChange({ ...draft, name })} errorMessage={message('guardian.name')} isRequired />
      <TextField
        label={t('members.guardian.relationship')}
        description={t('members.guardian.relationship.help')}
        value={draft.relationship}
        onChange={(relationship) => onChange({ ...draft, relationship })}
        errorMessage={message('guardian.relationship')}
        isRequired
      />
      <TextField
        label={t('members.guardian.consentedOn')}
        type="date"
        value={draft.consentedOn}
        onChange={(consentedOn) => onChange({ ...draft, consentedOn })}
        errorMessage={message('guardian.consentedOn')}
        isRequired
      />
    </>
  );
}

/** Records the guardian's consent in a member's file (PATCH guardian), then refreshes the file. */
export function GuardianConsentForm({ siteId, memberId, onRecorded }: { siteId: string; memberId: string; onRecorded?(): void }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const today = localDay();
  const [draft, setDraft] = useState<GuardianDraft>({ name: '', relationship: '', consentedOn: today });
  const [checked, setChecked] = useState(false);
  const record = useMutation({
    mutationFn: () => unwrap(membersControllerUpdate({ path: { siteId, memberId }, body: { guardian: guardianBody(draft) } })),
    onSuccess: (member) => {
      queryClient.setQueryData(['member', siteId, memberId], member);
      onRecorded?.();
    },
  });
  const problems = checked ? guardianProblems(draft, today) : {};
  const apiError = record.error instanceof ApiError ? record.error : null;
  const apiText = record.isError ? errorText(record.error, language, t) : '';
  const message = (field: string) => fieldMessage(field, problems, apiError, apiText, t);
  return (
    <form
      className="form"
      noValidate
      aria-label={t('members.guardian.record')}
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (Object.keys(guardianProblems(draft, today)).length === 0) record.mutate();
      }}
    >
      <GuardianFields draft={draft} onChange={setDraft} message={message} />
      {record.isError && !(apiError?.field && message(apiError.field)) ? <Notice tone="error">{apiText}</Notice> : null}
      <Button type="submit" icon="save" isPending={record.isPending}>
        {t('members.guardian.record')}
      </Button>
    </form>
  );
}
