import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, ErrorMessage, Field, PageHeading } from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { adopt } from '../api';
import {
  type AuthSettings,
  beginHostedSignIn,
  bounceTarget,
  type CognitoSettings,
  callbackAnswer,
  completeHostedSignIn,
  localSignIn,
} from '../auth';

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

/**
 * The practice host's callback: the pool's answer comes in the fragment (from the sign-in host) or the
 * query; it leaves the address bar before anything else, and its state must be the one this tab began.
 */
export function Callback({ settings, onSignedIn }: { settings: CognitoSettings; onSignedIn: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const done = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const answer = callbackAnswer(location.hash, location.search);
    history.replaceState(null, '', '/console/callback');
    completeHostedSignIn(settings, answer).then((token) => {
      adopt(token, settings);
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

/**
 * The sign-in host, which is no practice's: its callback hands the pool's answer on to the practice host
 * the state names (or, when the state names none, says so and sends nobody anywhere); any other page
 * there says how to sign in again, with no sign-in of its own.
 */
export function SignInHost({
  settings,
  path,
  href = location.href,
  go = (url) => location.replace(url),
}: {
  settings: CognitoSettings;
  path: string;
  href?: string;
  go?: (url: string) => void;
}) {
  const { t } = useI18n();
  const callback = path === '/callback';
  useConsoleTitle(t(callback ? 'console.signIn.title' : 'console.signedOut.title'));
  // Read once, as the page opens: the answer then leaves this host's address bar and history.
  const [target] = useState(() => (callback ? bounceTarget(settings.redirectUri, href) : null));
  // biome-ignore lint/correctness/useExhaustiveDependencies: once
  useEffect(() => {
    if (!callback) return;
    history.replaceState(null, '', '/console/callback');
    if (target) go(target);
  }, []);
  if (callback && target)
    return (
      <section className="card narrow stack">
        <PageHeading>{t('console.signIn.title')}</PageHeading>
        <p role="status">{t('common.loading')}</p>
      </section>
    );
  return (
    <section className="card narrow stack" data-testid="signin-host">
      <PageHeading>{t(callback ? 'console.signIn.title' : 'console.signedOut.title')}</PageHeading>
      {callback ? (
        <Alert tone="error" testid="signin-host-invalid">
          <p>{t('console.signedOut.invalidLink')}</p>
        </Alert>
      ) : (
        <p data-testid="signin-host-signed-out">{t('console.signedOut.body')}</p>
      )}
    </section>
  );
}
