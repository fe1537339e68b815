// Home: a greeting, a clear card when a new message is waiting, what needs a decision, and the way
// to each section. One read (`GET /portal/home`) after the session: it is complete with it.
import { useEffect } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { LoadFailed, Loading, PageHeading } from '../../shared/ui/components';
import { paths, type S } from '../api';
import { personName, useAccess, useHome, usePageTitle } from '../parts/Header';

export function displayName(profile: Pick<S['ProfileView'], 'preferred_name' | 'given_name'>): string {
  return profile.preferred_name?.trim() || profile.given_name;
}

export function Home() {
  const { t } = useI18n();
  usePageTitle(t('portal.home.title'));
  const home = useHome();
  const access = useAccess();
  const ready = home.isSuccess;
  // The budget test reads this mark: which API calls started before home could be used.
  useEffect(() => {
    if (ready && !performance.getEntriesByName('portico:home-interactive').length)
      performance.mark('portico:home-interactive');
  }, [ready]);

  if (!home.data) {
    return (
      <section className="stack" data-testid="home">
        <PageHeading>{t('portal.home.title')}</PageHeading>
        {home.isError ? <LoadFailed error={home.error} retry={() => void home.refetch()} /> : <Loading />}
      </section>
    );
  }

  const {
    person = home.data.profile,
    unread_total: unread,
    latest_unread: latest,
    consents_needing_decision: waiting,
    next_appointment: next,
  } = home.data;
  const mayMessages = access.may('messages');
  const mayProfile = access.may('profile');
  const proxyOnly = !access.actingFor && Boolean(home.data.person?.proxy_only);
  return (
    <section className="stack" data-testid="home" data-interactive="true">
      <PageHeading testid="home-greeting">{t('portal.home.hello', { name: displayName(person) })}</PageHeading>
      {proxyOnly ? (
        <ProxyOnlyAccount people={home.data.people ?? []} />
      ) : (
        <p className="lead">{t('portal.home.lead')}</p>
      )}
      {mayMessages && latest && unread > 0 ? <NewMessage latest={latest} unread={unread} /> : null}
      {next && access.may('appointments') ? <NextAppointment next={next} /> : null}
      {mayProfile && waiting > 0 ? (
        <div className="alert alert-info" data-testid="home-consents-needed">
          <p>
            {t('portal.home.consentsNeeded', { n: waiting })}{' '}
            <Link href="/consents">{t('portal.home.reviewConsents')}</Link>
          </p>
        </div>
      ) : null}
      <ul className="tiles" aria-label={t('portal.home.sections')}>
        {mayMessages ? (
          <Tile
            href="/messages"
            testid="home-messages"
            title={t('portal.nav.messages')}
            text={t('portal.home.tile.messages')}
          >
            {unread > 0 ? t('portal.home.unread', { n: unread }) : ''}
          </Tile>
        ) : null}
        {access.may('billing') ? (
          <Tile
            href="/billing"
            testid="home-billing"
            title={t('portal.nav.billing')}
            text={t('portal.home.tile.billing')}
          />
        ) : null}
        {mayProfile ? (
          <>
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
          </>
        ) : null}
      </ul>
    </section>
  );
}

/**
 * An account made only to act for others, seen as itself: whom it is for (chosen in "Viewing" above),
 * or, when nobody is left, that the access ended and how to get it back.
 */
function ProxyOnlyAccount({ people }: { people: S['HomePerson'][] }) {
  const { t } = useI18n();
  if (people.length === 0) {
    return (
      <div className="alert alert-info stack" data-testid="home-proxy-only-none">
        <p>{t('portal.home.proxyOnly.noneTitle')}</p>
        <p>{t('portal.home.proxyOnly.none')}</p>
      </div>
    );
  }
  return (
    <div className="stack" data-testid="home-proxy-only">
      <p className="lead">{t('portal.home.proxyOnly.lead')}</p>
      <ul className="list" data-testid="home-proxy-only-people">
        {people.map((p) => (
          <li key={p.patient_id}>{personName(p)}</li>
        ))}
      </ul>
      <p>{t('portal.home.proxyOnly.how')}</p>
    </div>
  );
}

/** The soonest upcoming appointment (in the patient's zone), and the way to all of them. */
function NextAppointment({ next }: { next: S['HomeAppointment'] }) {
  const { t, tr } = useI18n();
  return (
    <article
      className="card stack-tight"
      data-testid="home-next-appointment"
      aria-labelledby="home-next-appointment-title"
    >
      <h2 id="home-next-appointment-title">{t('portal.home.nextAppointment.title')}</h2>
      <p>
        <time dateTime={next.start} data-testid="home-next-appointment-when">
          {tr.dateTime(next.start)}
        </time>
      </p>
      <p>
        <strong data-testid="home-next-appointment-service">{next.service_name}</strong>{' '}
        <span data-testid="home-next-appointment-clinician">
          {t('portal.appointments.with', { name: next.clinician_name })}
        </span>{' '}
        {next.status === 'requested' ? (
          <span className="tag" data-testid="home-next-appointment-requested">
            {t('portal.appointments.status.requested')}
          </span>
        ) : null}
      </p>
      <Link className="button button-secondary" href="/appointments" data-testid="home-next-appointment-open">
        {t('portal.home.nextAppointment.open')}
      </Link>
    </article>
  );
}

/** The newest unread message from the care team: its conversation, its first words, when; and the way to it. */
function NewMessage({ latest, unread }: { latest: S['HomeMessage']; unread: number }) {
  const { t, tr } = useI18n();
  return (
    <article className="card new-message" data-testid="home-new-message" aria-labelledby="home-new-message-title">
      <h2 id="home-new-message-title">{t('portal.home.newMessage.title', { n: unread })}</h2>
      <p>
        <span className="muted">{t('portal.home.newMessage.from')}</span>{' '}
        <strong data-testid="home-new-message-subject">{latest.subject}</strong>{' '}
        <time className="muted" dateTime={latest.at} data-testid="home-new-message-time">
          {tr.shortDate(latest.at)}
        </time>
      </p>
      <p className="new-message-preview" data-testid="home-new-message-preview">
        {latest.preview || t('portal.home.newMessage.onlyFiles')}
      </p>
      <Link className="button" href={paths.thread(latest.thread_id)} data-testid="home-new-message-open">
        {t('portal.home.newMessage.open')}
      </Link>
    </article>
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
