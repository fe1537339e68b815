// Redeems an invitation token (already out of the address bar) once.
import { useEffect, useRef } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Loading, PageHeading } from '../../shared/ui/components';
import { describeError } from '../../shared/ui/errors';
import { adoptSession, auth } from '../api';
import { usePageTitle } from '../parts/Header';

export function Invite({
  token,
  onSignedIn,
  onFailed,
}: {
  token: string;
  onSignedIn: () => void;
  onFailed: (detail: string) => void;
}) {
  const { t, tr } = useI18n();
  usePageTitle(t('portal.invite.title'));
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redeemed once
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    auth.redeemLink(token).then(
      (answer) => {
        adoptSession(answer);
        onSignedIn();
      },
      (err) =>
        onFailed(err instanceof ApiError && err.status === 401 ? describeError(tr, err) : t('portal.invite.failed')),
    );
  }, []);
  return (
    <section className="card narrow stack" data-testid="invite">
      <PageHeading>{t('portal.invite.title')}</PageHeading>
      <Loading label={t('portal.invite.opening')} />
    </section>
  );
}
