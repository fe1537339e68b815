// Home: a greeting, a clear card when a new message is waiting, what needs a decision, and the way
// to each section. Interactive after the session and the profile (2 calls); the message card and the
// consent reminder follow.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { LoadFailed, Loading, PageHeading } from '../../shared/ui/components';
import { paths, portal, type S } from '../api';
import { needingDecision } from '../consents';
import { useAfterFirstRead, usePageTitle, useThreads } from '../parts/Header';

export function displayName(profile: Pick<S['ProfileView'], 'preferred_name' | 'given_name'>): string {
  return profile.preferred_name?.trim() || profile.given_name;
}

export function Home() {
  const { t } = useI18n();
  usePageTitle(t('portal.home.title'));
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me });
  const ready = me.isSuccess;
  // The budget test reads this mark: which API calls started before home could be used.
  useEffect(() => {
    if (ready && !performance.getEntriesByName('portico:home-interactive').length)
      performance.mark('portico:home-interactive');
  }, [ready]);
  const later = useAfterFirstRead(ready);
  const threads = useThreads(later);
  const consents = useQuery({ queryKey: ['consents'], queryFn: portal.consents, enabled: later });

  if (me.isError) {
    return (
      <section className="stack" data-testid="home">
        <PageHeading>{t('portal.home.title')}</PageHeading>
        <LoadFailed error={me.error} retry={() => void me.refetch()} />
      </section>
    );
  }
  if (!me.data) {
    return (
      <section className="stack" data-testid="home">
        <PageHeading>{t('portal.home.title')}</PageHeading>
        <Loading />
      </section>
    );
  }

  const unreadThread = threads.data?.threads.find((th) => th.unread > 0);
  const unread = threads.data?.unread_total ?? 0;
  const waiting = consents.data ? needingDecision(consents.data.consents).length : 0;

  return (
    <section className="stack" data-testid="home" data-interactive="true">
      <PageHeading testid="home-greeting">{t('portal.home.hello', { name: displayName(me.data) })}</PageHeading>
      <p className="lead">{t('portal.home.lead')}</p>
      {unreadThread ? (
        <article className="card new-message" data-testid="home-new-message" aria-labelledby="home-new-message-title">
          <h2 id="home-new-message-title">{t('portal.home.newMessage.title', { n: unread })}</h2>
          <p>
            <span className="muted">{t('portal.home.newMessage.from')}</span>{' '}
            <strong data-testid="home-new-message-subject">{unreadThread.subject}</strong>
          </p>
          <Link className="button" href={paths.thread(unreadThread.thread_id)} data-testid="home-new-message-open">
            {t('portal.home.newMessage.open')}
          </Link>
        </article>
      ) : null}
      {waiting > 0 ? (
        <div className="alert alert-info" data-testid="home-consents-needed">
          <p>
            {t('portal.home.consentsNeeded', { n: waiting })}{' '}
            <Link href="/consents">{t('portal.home.reviewConsents')}</Link>
          </p>
        </div>
      ) : null}
      <ul className="tiles" aria-label={t('portal.home.sections')}>
        <Tile
          href="/messages"
          testid="home-messages"
          title={t('portal.nav.messages')}
          text={t('portal.home.tile.messages')}
        >
          {unread > 0 ? t('portal.home.unread', { n: unread }) : ''}
        </Tile>
        <Tile
          href="/profile"
          testid="home-profile"
          title={t('portal.nav.profile')}
          text={t('portal.home.tile.profile')}
        />
        <Tile
          href="/consents"
          testid="home-consents"
          title={t('portal.nav.consents')}
          text={t('portal.home.tile.consents')}
        >
          {waiting > 0 ? t('portal.home.consentsBadge', { n: waiting }) : ''}
        </Tile>
        <Tile
          href="/preferences"
          testid="home-preferences"
          title={t('portal.nav.preferences')}
          text={t('portal.home.tile.preferences')}
        />
      </ul>
    </section>
  );
}

function Tile({
  href,
  testid,
  title,
  text,
  children,
}: {
  href: string;
  testid: string;
  title: string;
  text: string;
  children?: string;
}) {
  return (
    <li>
      <Link className="tile" href={href} data-testid={testid}>
        <span className="tile-title">{title}</span>
        <span className="tile-text">{text}</span>
        {children ? (
          <span className="badge" data-testid={`${testid}-note`}>
            {children}
          </span>
        ) : null}
      </Link>
    </li>
  );
}
