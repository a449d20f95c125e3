import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSessionsControllerChangePassword } from '../../api/generated/sdk.gen';
import { ApiError } from '../../api/api-error';
import { unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { MIN_PASSWORD_LENGTH, passwordProblems, type PasswordDraft } from './password-rules';

const EMPTY: PasswordDraft = { currentPassword: '', newPassword: '', confirmation: '' };

/** "Mot de passe": change it with the current one; the other devices are logged out. */
export function PasswordSection() {
  const t = useT();
  const { language } = usePreferences();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(EMPTY);
  const [tried, setTried] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(meSessionsControllerChangePassword({ body })),
    onSuccess: () => {
      setDraft(EMPTY);
      setTried(false);
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const problems = tried ? passwordProblems(draft, me?.email) : {};
  const apiError = change.error instanceof ApiError ? change.error : null;
  const apiText = change.isError ? errorText(change.error, language, t) : '';
  const message = (field: keyof PasswordDraft) => {
    const problem = problems[field];
    if (problem) return t(`account.password.problem.${problem}`, { min: MIN_PASSWORD_LENGTH });
    return apiError?.field === field ? apiText : undefined;
  };
  const set = (change: Partial<PasswordDraft>) => setDraft({ ...draft, ...change });

  return (
    <Section title={t('account.password.title')}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (Object.keys(passwordProblems(draft, me?.email)).length > 0) return;
          change.mutate({ currentPassword: draft.currentPassword, newPassword: draft.newPassword });
        }}
      >
        <TextField
          label={t('account.password.current')}
          type="password"
          autoComplete="current-password"
          value={draft.currentPassword}
          onChange={(currentPassword) => set({ currentPassword })}
          errorMessage={message('currentPassword')}
        />
        <TextField
          label={t('account.password.new')}
          description={t('account.password.new.help', { min: MIN_PASSWORD_LENGTH })}
          type="password"
          autoComplete="new-password"
          value={draft.newPassword}
          onChange={(newPassword) => set({ newPassword })}
          errorMessage={message('newPassword')}
        />
        <TextField
          label={t('account.password.confirmation')}
          type="password"
          autoComplete="new-password"
          value={draft.confirmation}
          onChange={(confirmation) => set({ confirmation })}
          errorMessage={message('confirmation')}
        />
        {change.isError && !(apiError?.field === 'currentPassword' || apiError?.field === 'newPassword') ? <Notice tone="error">{apiText}</Notice> : null}
        {change.isSuccess ? (
          <Notice tone="success">
            {change.data.sessionsClosed > 0 ? t('account.password.changedOthersClosed', { count: change.data.sessionsClosed }) : t('account.password.changed')}
          </Notice>
        ) : null}
        <Button type="submit" icon="lock" isPending={change.isPending}>
          {t('account.password.submit')}
        </Button>
      </form>
    </Section>
  );
}
