// A notice's single-use link (`/#/open/<token>`): the email or text said only that something is
// waiting. With a live session of the person it is for (or of someone acting for them), it opens at
// once; without one, a code goes to the notice's address and the item opens after it. Until then the
// page says only who wrote (the practice), never what.
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { Alert, ErrorMessage, Loading, PageHeading } from '../../shared/ui/components';
import { acting } from '../acting';
import { auth, paths, portal, type S, session } from '../api';
import type { PendingChallenge } from '../challenge';
import { usePageTitle, usePractice } from '../parts/Header';
import { CodeStep } from './SignIn';

type Phase =
  | { kind: 'checking' }
  | { kind: 'code'; opened: S['OpenedLink']; challenge: PendingChallenge }
  /** Spent, expired, replaced by a newer link, or signed out since (401). */
  | { kind: 'expired'; live: boolean }
  /** The signed-in person is neither the patient nor acting for them. */
  | { kind: 'elsewhere' }
  /** No code could go (the address changed since the notice), or the link could not be opened. */
  | { kind: 'signIn'; error: unknown };

/** Where the item lives in the portal. */
function pathOf(item: S['ItemRef']): string {
  switch (item.kind) {
    case 'thread':
      return paths.thread(item.id);
    case 'offer':
      return paths.offer(item.id);
    default:
      return '/home';
  }
}

export function OpenLink({
  token,
  onOpened,
  onSignIn,
}: {
  token: string;
  /** Signed in, acting for the right person: show this path. */
  onOpened: (path: string) => void;
  onSignIn: () => void;
}) {
  const { t } = useI18n();
  usePageTitle(t('portal.open.pageTitle'));
  const practice = usePractice(true);
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const started = useRef(false);

  /** Signed in now: act for the link's patient when they are someone the person acts for, and open it. */
  const open = async (opened: S['OpenedLink']) => {
    // Home's read names the signed-in person and whom they act for, as themselves.
    acting.choose(null);
    const home = await portal.home();
    const self = home.person?.patient_id;
    if (opened.patient_id === self) {
      onOpened(pathOf(opened.item));
    } else if (home.people?.some((p) => p.patient_id === opened.patient_id)) {
      acting.choose(opened.patient_id, self);
      onOpened(pathOf(opened.item));
    } else {
      setPhase({ kind: 'elsewhere' });
    }
  };

  // The token is single-use: asked about once, whatever renders again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, at start
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      const live = await session.refresh().catch(() => false);
      try {
        const opened = await auth.openLink(token, !live);
        if (live) return await open(opened);
        const code = opened.challenge;
        if (!code) return setPhase({ kind: 'signIn', error: null });
        setPhase({
          kind: 'code',
          opened,
          challenge: {
            challengeId: code.challenge_id,
            channel: code.channel,
            masked: code.destination,
            expiresAt: Date.now() + code.expires_in * 1000,
            resendAt: Date.now() + code.resend_after * 1000,
          },
        });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) setPhase({ kind: 'expired', live });
        else setPhase({ kind: 'signIn', error: err });
      }
    })();
  }, []);

  if (phase.kind === 'expired') {
    return (
      <section className="card narrow stack" data-testid="open-expired">
        <PageHeading>{t('portal.open.expiredTitle')}</PageHeading>
        <p>{phase.live ? t('portal.open.expiredLive') : t('portal.open.expiredBody')}</p>
        <div className="actions">
          {phase.live ? (
            <button type="button" className="button" data-testid="open-home" onClick={() => onOpened('/home')}>
              {t('portal.open.goHome')}
            </button>
          ) : (
            <button type="button" className="button" data-testid="open-sign-in" onClick={onSignIn}>
              {t('portal.open.signIn')}
            </button>
          )}
        </div>
      </section>
    );
  }

  const name = practice.data?.name;
  return (
    <section className="card narrow stack" data-testid="open-link" data-phase={phase.kind}>
      <PageHeading testid="open-title">
        {name ? t('portal.open.title', { practice: name }) : t('portal.open.titleNoPractice')}
      </PageHeading>
      {phase.kind === 'checking' ? <Loading /> : null}
      {phase.kind === 'code' ? (
        <CodeStep
          challenge={phase.challenge}
          restored={false}
          address=""
          resendable={false}
          sent={t(phase.challenge.channel === 'email' ? 'portal.open.sentEmail' : 'portal.open.sentSms', {
            address: phase.challenge.masked,
            digits: limits.signInCode.length,
          })}
          changeLabel={t('portal.open.signInInstead')}
          onNewChallenge={() => {}}
          onChange={onSignIn}
          onSignedIn={() => {
            const opened = phase.opened;
            setPhase({ kind: 'checking' });
            open(opened).catch((err: unknown) => setPhase({ kind: 'signIn', error: err }));
          }}
        />
      ) : null}
      {phase.kind === 'elsewhere' ? (
        <>
          <Alert tone="info" testid="open-elsewhere">
            <p>{t('portal.open.elsewhere')}</p>
          </Alert>
          <div className="actions">
            <button type="button" className="button" data-testid="open-home" onClick={() => onOpened('/home')}>
              {t('portal.open.goHome')}
            </button>
          </div>
        </>
      ) : null}
      {phase.kind === 'signIn' ? (
        <>
          {phase.error ? (
            <ErrorMessage error={phase.error} testid="open-error" focus />
          ) : (
            <p data-testid="open-no-code">{t('portal.open.noCode')}</p>
          )}
          <div className="actions">
            <button type="button" className="button" data-testid="open-sign-in" onClick={onSignIn}>
              {t('portal.open.signIn')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
