// Signed out on this page, but the server did not confirm that the session ended (offline, a server
// failure, a refusal). The page says so instead of "signed out", and offers to ask again: the session
// may still be alive behind the refresh cookie until the server ends it or the browser closes.
import { useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, PageHeading } from '../../shared/ui/components';
import { usePageTitle } from '../parts/Header';

/** `idleMinutes`: signed out after the server's idle limit (its minutes), or null. */
export function SignOutUnconfirmed({
  idleMinutes,
  retry,
}: {
  idleMinutes: number | null;
  retry: () => Promise<boolean>;
}) {
  const { t } = useI18n();
  usePageTitle(t('portal.signOut.title'));
  const [busy, setBusy] = useState(false);
  const [failedAgain, setFailedAgain] = useState(false);

  const tryAgain = async () => {
    setBusy(true);
    setFailedAgain(false);
    const confirmed = await retry();
    // Once confirmed this screen gives way to the signed-out one.
    if (!confirmed) {
      setBusy(false);
      setFailedAgain(true);
    }
  };

  return (
    <section className="card narrow stack" data-testid="signout-unconfirmed">
      <PageHeading>{t('portal.signOut.title')}</PageHeading>
      {idleMinutes !== null ? <p>{t('portal.signOut.idle', { minutes: idleMinutes })}</p> : null}
      <p>{t('portal.signOut.body')}</p>
      <p>{t('portal.signOut.sharedDevice')}</p>
      {failedAgain ? (
        <Alert tone="error" testid="signout-still-unconfirmed">
          <p>{t('portal.signOut.stillUnconfirmed')}</p>
        </Alert>
      ) : null}
      <div className="actions">
        <BusyButton
          type="button"
          busy={busy}
          busyLabel={t('portal.signOut.signingOut')}
          data-testid="signout-retry"
          onClick={() => void tryAgain()}
        >
          {t('common.tryAgain')}
        </BusyButton>
      </div>
    </section>
  );
}
