// The chart's communication facts (`GET /staff/patients/{id}/contact`): whether a "new message" notice
// can reach the patient by email and by text and, when not, why; their alert settings and text opt-out;
// their answers to the practice's consents; and their latest notices with status and reason. Staff
// record a text-message consent the patient gave them (or its withdrawal), with how it was given, and
// lift an email block after a bounce or complaint, for a reason from a fixed list; the facts are read
// again after each.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { may } from '../../shared/limits';
import { ConfirmDialog, ErrorMessage, Loading, useStatus } from '../../shared/ui/components';
import { type S, staff } from '../api';
import { useFieldErrors, useMe } from '../parts';

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

/**
 * What staff may record for the patient: `StaffConsentRequest.decision` is a `Decision`, of which the
 * route takes `accept` and `revoke` (its description; `decline` is refused): need 29.
 */
const STAFF_DECISIONS = ['accept', 'revoke'] as const satisfies readonly S['Decision'][];
type StaffDecision = (typeof STAFF_DECISIONS)[number];
const DECISION_KEYS = {
  accept: 'console.chart.smsConsent.accept',
  revoke: 'console.chart.smsConsent.revoke',
} as const satisfies Record<StaffDecision, string>;
const METHODS = enums.ConsentMethod as readonly S['ConsentMethod'][];
const METHOD_KEYS = {
  verbal: 'console.chart.smsConsent.verbal',
  written: 'console.chart.smsConsent.written',
} as const satisfies Record<S['ConsentMethod'], string>;
const CLEAR_REASONS = enums.ClearReason as readonly S['ClearReason'][];
const CLEAR_REASON_KEYS = {
  patient_confirmed_address: 'console.chart.unblock.reason.confirmed',
  provider_error: 'console.chart.unblock.reason.provider',
} as const satisfies Record<S['ClearReason'], string>;

export function PatientContact({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t } = useI18n();
  const { roles } = useMe();
  const facts = useQuery({ queryKey: ['contact-facts', patientId], queryFn: () => staff.contactFacts(patientId) });
  return (
    <section className="card stack" aria-labelledby="comm-title" data-testid="chart-communication">
      <h2 id="comm-title">{t('console.chart.communication')}</h2>
      {facts.isPending ? <Loading /> : null}
      {facts.isError ? <ErrorMessage error={facts.error} testid="chart-communication-error" /> : null}
      {facts.data ? (
        <>
          <Reach notices={facts.data.notices} />
          {facts.data.notices.email.blocked_by === 'suppressed' && may(roles, 'clearSuppression') ? (
            <LiftEmailBlock patientId={patientId} patientName={patientName} />
          ) : null}
          <AlertSettings preferences={facts.data.preferences} optedOut={facts.data.sms_opted_out} />
          <ConsentAnswers consents={facts.data.consents.consents} />
          {may(roles, 'recordSmsConsent') ? (
            <RecordTextConsent patientId={patientId} patientName={patientName} />
          ) : null}
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

/** A choice of one among a few, as radio buttons with a legend; an unanswered one says so beside it. */
function Choices<V extends string>({
  name,
  legend,
  values,
  keys,
  value,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  values: readonly V[];
  keys: Record<V, string>;
  value: V | '';
  error: string;
  onChange: (value: V) => void;
}) {
  const { t } = useI18n();
  return (
    // The answer missing or refused is part of the group's description (a group cannot be marked invalid).
    <fieldset className="choices" data-testid={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {values.map((v) => (
        <div className="choice" key={v}>
          <input
            type="radio"
            name={name}
            id={`${name}-${v}`}
            data-testid={`${name}-${v}`}
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
          />
          <label htmlFor={`${name}-${v}`}>{t(keys[v])}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A change on the chart that asks first; the facts are read again after it. */
function useChartChange<Body, Answer>(
  patientId: string,
  send: (body: Body) => Promise<Answer>,
  done: (answer: Answer, sent: Body) => void,
) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const change = useMutation({
    mutationFn: send,
    onSuccess: (answer, sent) => {
      setAsking(false);
      void client.invalidateQueries({ queryKey: ['contact-facts', patientId] });
      done(answer, sent);
    },
    // A field the server names is said next to it, not in the dialog.
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.length) setAsking(false);
    },
  });
  return { change, asking, setAsking };
}

/** Records a text-message consent the patient gave staff by phone, in person or on paper (or withdrew). */
function RecordTextConsent({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t } = useI18n();
  const status = useStatus();
  const [decision, setDecision] = useState<StaffDecision | ''>('');
  const [method, setMethod] = useState<S['ConsentMethod'] | ''>('');
  const [unanswered, setUnanswered] = useState(false);
  const { change, asking, setAsking } = useChartChange(
    patientId,
    (body: S['StaffConsentRequest']) => staff.recordSmsConsent(patientId, body),
    (_consents, sent) => {
      setDecision('');
      setMethod('');
      status.announce(
        sent.decision === 'accept' ? 'console.chart.smsConsent.doneAccept' : 'console.chart.smsConsent.doneRevoke',
        {
          name: patientName,
        },
      );
    },
  );
  const fieldError = useFieldErrors(change.error);
  const missing = (chosen: string) => (unanswered && !chosen ? t('console.chart.chooseOne') : '');
  return (
    <section className="stack" aria-labelledby="sms-consent-title" data-testid="sms-consent">
      <h3 id="sms-consent-title">{t('console.chart.smsConsent.title')}</h3>
      <p className="hint">{t('console.chart.smsConsent.hint')}</p>
      <form
        className="stack"
        noValidate
        data-testid="sms-consent-form"
        onSubmit={(e) => {
          e.preventDefault();
          change.reset();
          setUnanswered(!decision || !method);
          if (decision && method) setAsking(true);
        }}
      >
        <Choices
          name="sms-consent-decision"
          legend={t('console.chart.smsConsent.decision')}
          values={STAFF_DECISIONS}
          keys={DECISION_KEYS}
          value={decision}
          error={missing(decision) || fieldError('decision', t('console.chart.smsConsent.decision'))}
          onChange={setDecision}
        />
        <Choices
          name="sms-consent-method"
          legend={t('console.chart.smsConsent.method')}
          values={METHODS}
          keys={METHOD_KEYS}
          value={method}
          error={missing(method) || fieldError('method', t('console.chart.smsConsent.method'))}
          onChange={setMethod}
        />
        {!asking ? <ErrorMessage error={change.error} testid="sms-consent-error" focus /> : null}
        <div className="actions">
          <button type="submit" className="button button-secondary" data-testid="sms-consent-record">
            {t('console.chart.smsConsent.record')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking}
        testid="sms-consent-confirm"
        title={t('console.chart.smsConsent.confirmTitle', { decision, name: patientName })}
        body={[
          t('console.chart.smsConsent.confirmHow', { method }),
          t('console.chart.smsConsent.confirmEffect', { decision }),
        ]}
        confirmLabel={t('console.chart.smsConsent.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={change.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes && decision && method) change.mutate({ decision, method });
          else setAsking(false);
        }}
      >
        {asking && change.error ? <ErrorMessage error={change.error} testid="sms-consent-error" focus /> : null}
      </ConfirmDialog>
    </section>
  );
}

/** Lifts the block on the patient's email address (after a bounce or complaint), for a reason from the list. */
function LiftEmailBlock({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t } = useI18n();
  const status = useStatus();
  const [reason, setReason] = useState<S['ClearReason'] | ''>('');
  const [unanswered, setUnanswered] = useState(false);
  const { change, asking, setAsking } = useChartChange(
    patientId,
    (why: S['ClearReason']) => staff.clearSuppression(patientId, why),
    ({ cleared }) => {
      setReason('');
      status.announce(cleared ? 'console.chart.unblock.done' : 'console.chart.unblock.notBlocked', {
        name: patientName,
      });
    },
  );
  const fieldError = useFieldErrors(change.error);
  return (
    <section className="stack" aria-labelledby="unblock-title" data-testid="unblock">
      <h3 id="unblock-title">{t('console.chart.unblock.title')}</h3>
      <p className="hint">{t('console.chart.unblock.hint')}</p>
      <form
        className="stack"
        noValidate
        data-testid="unblock-form"
        onSubmit={(e) => {
          e.preventDefault();
          change.reset();
          setUnanswered(!reason);
          if (reason) setAsking(true);
        }}
      >
        <Choices
          name="unblock-reason"
          legend={t('console.chart.unblock.reason')}
          values={CLEAR_REASONS}
          keys={CLEAR_REASON_KEYS}
          value={reason}
          error={
            (unanswered && !reason ? t('console.chart.chooseOne') : '') ||
            fieldError('reason', t('console.chart.unblock.reason'))
          }
          onChange={setReason}
        />
        {!asking ? <ErrorMessage error={change.error} testid="unblock-error" focus /> : null}
        <div className="actions">
          <button type="submit" className="button button-secondary" data-testid="unblock-open">
            {t('console.chart.unblock.submit')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking}
        testid="unblock-confirm"
        title={t('console.chart.unblock.confirmTitle', { name: patientName })}
        body={[
          t('console.chart.unblock.confirmEffect'),
          reason ? t('console.chart.unblock.confirmReason', { reason: t(CLEAR_REASON_KEYS[reason]) }) : '',
        ].filter(Boolean)}
        confirmLabel={t('console.chart.unblock.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={change.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes && reason) change.mutate(reason);
          else setAsking(false);
        }}
      >
        {asking && change.error ? <ErrorMessage error={change.error} testid="unblock-error" focus /> : null}
      </ConfirmDialog>
    </section>
  );
}
