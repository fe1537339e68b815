import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, ErrorMessage, Field, PageHeading } from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { adopt } from '../api';
import { type AuthSettings, beginHostedSignIn, type CognitoSettings, completeHostedSignIn, localSignIn } from '../auth';

/** Why the sign-in page is showing: signed out, the session ended, or idle past the server's limit. */
export type SignInNotice = { kind: 'signedOut' } | { kind: 'expired' } | { kind: 'idle'; minutes: number };

const NOTICES = {
  signedOut: 'console.signIn.notice.signedOut',
  expired: 'console.signIn.notice.expired',
  idle: 'console.signIn.notice.idle',
} as const satisfies Record<SignInNotice['kind'], string>;

export function SignIn({
  settings,
  notice,
  onSignedIn,
}: {
  settings: AuthSettings;
  notice: SignInNotice | null;
  onSignedIn: () => void;
}) {
  const { t } = useI18n();
  useConsoleTitle(t('console.signIn.title'));
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card narrow stack" data-testid="staff-signin">
      <PageHeading>{t('console.signIn.title')}</PageHeading>
      {notice ? (
        <Alert tone="info" testid="signin-notice">
          <p>{t(NOTICES[notice.kind], notice.kind === 'idle' ? { minutes: notice.minutes } : undefined)}</p>
        </Alert>
      ) : null}
      {settings.mode === 'cognito' ? (
        <>
          <p>{t('console.signIn.hosted')}</p>
          <div className="actions">
            <BusyButton
              type="button"
              busy={busy}
              busyLabel={t('common.loading')}
              data-testid="hosted-signin"
              onClick={() => {
                setBusy(true);
                beginHostedSignIn(settings).catch((err) => {
                  setBusy(false);
                  setError(err);
                });
              }}
            >
              {t('console.signIn.hostedButton')}
            </BusyButton>
          </div>
          <ErrorMessage error={error} />
        </>
      ) : (
        <form
          className="stack"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setFailed(false);
            try {
              adopt(await localSignIn(email.trim()), null);
              onSignedIn();
            } catch {
              setFailed(true);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Alert tone="warn" testid="local-signin-note">
            <p>
              <strong>{t('console.signIn.localTitle')}</strong> {t('console.signIn.localBody')}
            </p>
          </Alert>
          <Field label={t('console.signIn.email')} hint={t('console.signIn.emailHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="email"
                autoComplete="username"
                data-testid="staff-email"
                aria-describedby={describedBy || undefined}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          {failed ? (
            <Alert tone="error" testid="staff-signin-error">
              <p>{t('console.signIn.failed')}</p>
            </Alert>
          ) : null}
          <div className="actions">
            <BusyButton type="submit" busy={busy} busyLabel={t('common.checking')} data-testid="staff-signin-submit">
              {t('console.signIn.submit')}
            </BusyButton>
          </div>
        </form>
      )}
    </section>
  );
}

export function Callback({ settings, onSignedIn }: { settings: CognitoSettings; onSignedIn: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const done = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const search = location.search;
    history.replaceState(null, '', '/console/callback');
    completeHostedSignIn(settings, search).then((answer) => {
      adopt(answer, settings);
      onSignedIn();
    }, setError);
  }, []);
  return (
    <section className="card narrow stack">
      <PageHeading>{t('console.signIn.title')}</PageHeading>
      {error ? <ErrorMessage error={error} /> : <p role="status">{t('common.loading')}</p>}
    </section>
  );
}
