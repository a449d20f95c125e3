import { useEffect, useState, type FormEvent } from 'react';
import { Form } from 'react-aria-components';
import { Redirect, useLocation } from 'wouter';
import { ApiError } from '../api/api-error';
import { logIn } from '../api/client';
import { loadAreaMessages } from '../i18n/messages';
import { loadHomeScreen } from './home-screen';
import { usePreferences, useT } from '../preferences';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { Page } from '../ui/Page';
import { useSession } from '../session';
import { TextField } from '../ui/TextField';
import { errorText, fieldErrorText } from '../ui/error-text';
import { ROUTES } from '../routes';

/** The same limits as the API's LoginDto: an e-mail address, a password that is not empty. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginScreen() {
  const t = useT();
  const { language } = usePreferences();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const { state } = useSession();
  // Once the page is drawn, the next screen and the areas' strings are fetched ahead: the log-in waits for nothing.
  useEffect(() => {
    void loadAreaMessages();
    void loadHomeScreen();
  }, []);

  const emailProblem = checked && !EMAIL.test(email.trim()) ? t('login.error.email') : fieldErrorText(error, 'email', language, t);
  const passwordProblem = checked && !password ? t('app.required') : fieldErrorText(error, 'password', language, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (!EMAIL.test(email.trim()) || !password) return;
    setPending(true);
    setError(null);
    try {
      await logIn(email.trim(), password);
      navigate(ROUTES.today);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }

  // A wrong password is said in plain words, not with the API's code.
  const message =
    error instanceof ApiError && error.status === 401
      ? t('login.error.credentials')
      : error instanceof ApiError && error.status === 429
        ? t('login.error.tooMany')
        : error && !(error instanceof ApiError && error.field)
          ? errorText(error, language, t)
          : null;

  // Already logged in (a bookmark, the back button): straight to the day's board.
  if (state === 'signed-in' && !pending) return <Redirect to={ROUTES.today} />;

  return (
    <Page title={t('login.title')}>
      <div className="narrow">
        <p>{t('login.intro')}</p>
        {message ? <Notice tone="error">{message}</Notice> : null}
        <Form onSubmit={submit} className="form" validationBehavior="aria">
          <TextField label={t('login.email')} type="email" name="email" autoComplete="username" isRequired value={email} onChange={setEmail} errorMessage={emailProblem} />
          <TextField
            label={t('login.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            isRequired
            value={password}
            onChange={setPassword}
            errorMessage={passwordProblem}
          />
          <Button type="submit" icon="arrow" isPending={pending}>
            {t('login.submit')}
          </Button>
        </Form>
        <p className="hint">{t('login.forgotten')}</p>
      </div>
    </Page>
  );
}
