// The chart's communication facts (`GET /staff/patients/{id}/contact`): whether a "new message" notice
// can reach the patient by email and by text and, when not, why; their alert settings and text opt-out;
// their answers to the practice's consents; and their latest notices with status and reason.
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { ErrorMessage, Loading } from '../../shared/ui/components';
import { type S, staff } from '../api';

type Channel = S['Channel'];
const CHANNELS: readonly Channel[] = ['email', 'sms'];

const CHANNEL_KEYS = {
  email: 'console.chart.channel.email',
  sms: 'console.chart.channel.sms',
} as const satisfies Record<Channel, string>;

/** What stops a notice, in staff's words (the channel picks the noun where it matters). */
export const BLOCKED_KEYS = {
  no_address: 'console.chart.blocked.noAddress',
  opted_out: 'console.chart.blocked.optedOut',
  country_not_served: 'console.chart.blocked.countryNotServed',
  undeliverable: 'console.chart.blocked.undeliverable',
  no_consent: 'console.chart.blocked.noConsent',
  preference_off: 'console.chart.blocked.preferenceOff',
  suppressed: 'console.chart.blocked.suppressed',
} as const satisfies Record<S['Blocked'], string>;

/**
 * A notice's status. The document lists these in prose only (`NotificationView.status` is a string:
 * need 27 asks for an enum); one it does not list is shown as the server names it.
 */
const NOTICE_STATUS_KEYS: Record<string, string> = {
  queued: 'console.chart.notice.queued',
  sent: 'console.chart.notice.sent',
  delivered: 'console.chart.notice.delivered',
  undelivered: 'console.chart.notice.undelivered',
  failed: 'console.chart.notice.failed',
  skipped: 'console.chart.notice.skipped',
  refused: 'console.chart.notice.refused',
};
/** Statuses that mean the notice did not reach the patient. */
const NOT_DELIVERED = ['undelivered', 'failed', 'skipped', 'refused'];

const CONSENT_KEYS = {
  accepted: 'console.chart.consent.accepted',
  not_given: 'console.chart.consent.notGiven',
  revoked: 'console.chart.consent.revoked',
  outdated: 'console.chart.consent.outdated',
  declined: 'console.chart.consent.declined',
} as const satisfies Record<S['ConsentStatus'], string>;

export function PatientContact({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const facts = useQuery({ queryKey: ['contact-facts', patientId], queryFn: () => staff.contactFacts(patientId) });
  return (
    <section className="card stack" aria-labelledby="comm-title" data-testid="chart-communication">
      <h2 id="comm-title">{t('console.chart.communication')}</h2>
      {facts.isPending ? <Loading /> : null}
      {facts.isError ? <ErrorMessage error={facts.error} testid="chart-communication-error" /> : null}
      {facts.data ? (
        <>
          <Reach notices={facts.data.notices} />
          <AlertSettings preferences={facts.data.preferences} optedOut={facts.data.sms_opted_out} />
          <ConsentAnswers consents={facts.data.consents.consents} />
          <RecentNotices notices={facts.data.recent_notifications} />
        </>
      ) : null}
    </section>
  );
}

/** Whether a new-message notice reaches the patient on each channel, and plainly why not. */
function Reach({ notices }: { notices: S['NoticeReach'] }) {
  const { t } = useI18n();
  const none = CHANNELS.every((c) => !notices[c].reachable);
  return (
    <section className="stack" aria-labelledby="reach-title">
      <h3 id="reach-title">{t('console.chart.reachTitle')}</h3>
      {none ? (
        <div className="alert alert-warn" data-testid="chart-unreachable">
          <p>{t('console.chart.noChannel')}</p>
        </div>
      ) : null}
      <ul className="list">
        {CHANNELS.map((channel) => {
          const reach = notices[channel];
          return (
            <li
              key={channel}
              className="list-row reach-row"
              data-testid={`chart-reach-${channel}`}
              data-reachable={reach.reachable ? 'yes' : 'no'}
              data-blocked-by={reach.blocked_by ?? undefined}
            >
              <strong>{t(CHANNEL_KEYS[channel])}:</strong>{' '}
              {reach.reachable ? (
                <span data-testid="chart-reach-state">{t('console.chart.reachable')}</span>
              ) : (
                <>
                  <span className="tag tag-warn" data-testid="chart-reach-state">
                    {t('console.chart.unreachable')}
                  </span>{' '}
                  <span data-testid="chart-reach-why">
                    {reach.blocked_by
                      ? t(BLOCKED_KEYS[reach.blocked_by], { channel })
                      : t('console.chart.blocked.unknown')}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AlertSettings({ preferences, optedOut }: { preferences: S['PreferencesView']; optedOut: boolean }) {
  const { t } = useI18n();
  const onOff = (on: boolean) => t(on ? 'console.chart.on' : 'console.chart.off');
  const quiet = preferences.quiet_hours;
  return (
    <section className="stack" aria-labelledby="alerts-title">
      <h3 id="alerts-title">{t('console.chart.alertsTitle')}</h3>
      <dl className="details" data-testid="chart-alerts">
        {CHANNELS.map((channel) => (
          <div className="row" key={channel}>
            <dt>{t('console.chart.messageAlerts', { channel })}</dt>
            <dd data-testid={`chart-alerts-${channel}`}>{onOff(preferences[channel].messages)}</dd>
          </div>
        ))}
        <div className="row">
          <dt>{t('console.chart.quietHours')}</dt>
          <dd data-testid="chart-quiet-hours">
            {quiet
              ? t('console.chart.quietHoursFromTo', {
                  start: quiet.start,
                  end: quiet.end,
                  zone: preferences.time_zone.replace(/_/g, ' '),
                })
              : t('console.chart.none')}
          </dd>
        </div>
        <div className="row">
          <dt>{t('console.chart.textOptOut')}</dt>
          <dd data-testid="chart-opted-out">{t(optedOut ? 'console.chart.optedOut' : 'console.chart.notOptedOut')}</dd>
        </div>
      </dl>
    </section>
  );
}

function ConsentAnswers({ consents }: { consents: S['ConsentView'][] }) {
  const { t, tr } = useI18n();
  return (
    <section className="stack" aria-labelledby="consents-title">
      <h3 id="consents-title">{t('console.chart.consentsTitle')}</h3>
      <dl className="details" data-testid="chart-consents">
        {consents.map((c) => (
          <div className="row" key={c.kind} data-testid={`chart-consent-${c.kind}`} data-status={c.status}>
            <dt>{c.title}</dt>
            <dd>
              {t(CONSENT_KEYS[c.status], { version: c.decided_version ?? c.current_version })}
              {c.decided_at && c.status !== 'not_given' ? (
                <span className="hint"> {t('console.chart.consentWhen', { when: tr.dateTime(c.decided_at) })}</span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The latest notices, newest first: when, on which channel, how it ended and why. */
function RecentNotices({ notices }: { notices: S['NotificationView'][] }) {
  const { t, tr } = useI18n();
  return (
    <section className="stack" aria-labelledby="notices-title">
      <h3 id="notices-title">{t('console.chart.recent')}</h3>
      {notices.length ? (
        <ul className="list" data-testid="chart-notices">
          {notices.map((n) => {
            const statusKey = NOTICE_STATUS_KEYS[n.status];
            return (
              <li
                key={n.notification_id}
                className="list-row notice-row"
                data-testid="chart-notice"
                data-status={n.status}
                data-channel={n.channel ?? 'none'}
              >
                <time dateTime={n.at}>{tr.dateTime(n.at)}</time>
                <span data-testid="chart-notice-channel">
                  {n.channel ? t(CHANNEL_KEYS[n.channel]) : t('console.chart.channel.none')}
                </span>
                <strong
                  className={NOT_DELIVERED.includes(n.status) ? 'tag tag-warn' : undefined}
                  data-testid="chart-notice-status"
                >
                  {statusKey ? t(statusKey) : n.status}
                </strong>
                {n.reason ? (
                  <span data-testid="chart-notice-reason">
                    {t('console.chart.notice.reason', { reason: n.reason })}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted" data-testid="chart-notices-none">
          {t('console.chart.noNotices')}
        </p>
      )}
    </section>
  );
}
