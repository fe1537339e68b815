// Your activity: what happened in the patient's care at the practice (`GET /portal/timeline`): messages
// both ways (by conversation, never their words), consent decisions, sign-ins and appointment changes
// (booked, moved, cancelled, by the patient or the practice; checked in and taken place), newest first, grouped
// by day in the patient's time zone, older pages on request.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { Translator } from '../../shared/i18n/i18n';
import { BusyButton, LoadFailed, Loading, PageHeading } from '../../shared/ui/components';
import { paths, portal, type S } from '../api';
import { usePageTitle } from '../parts/Header';

/** The consent documents, named as the patient knows them; one this map does not know is shown as named. */
const DOCUMENTS: Record<string, string> = {
  terms_of_use: 'portal.activity.document.termsOfUse',
  privacy_notice: 'portal.activity.document.privacyNotice',
  sms_messages: 'portal.activity.document.smsMessages',
  email_messages: 'portal.activity.document.emailMessages',
  telehealth: 'portal.activity.document.telehealth',
  financial_policy: 'portal.activity.document.financialPolicy',
};

/** A consent decision, by who made it: the patient, or the practice recording the patient's answer. */
const DECISIONS: Record<string, Record<string, string>> = {
  patient: {
    accept: 'portal.activity.you.accept',
    decline: 'portal.activity.you.decline',
    revoke: 'portal.activity.you.revoke',
  },
  staff: {
    accept: 'portal.activity.staff.accept',
    decline: 'portal.activity.staff.decline',
    revoke: 'portal.activity.staff.revoke',
  },
};

/** A change to an appointment, by who made it. */
const APPOINTMENT_CHANGES: Record<string, Record<string, string>> = {
  patient: {
    appointment_booked: 'portal.activity.you.booked',
    appointment_moved: 'portal.activity.you.moved',
    appointment_cancelled: 'portal.activity.you.cancelled',
  },
  staff: {
    appointment_booked: 'portal.activity.staff.booked',
    appointment_moved: 'portal.activity.staff.moved',
    appointment_cancelled: 'portal.activity.staff.cancelled',
  },
};

const isAppointment = (kind: S['TimelineKind']) =>
  kind === 'appointment_booked' ||
  kind === 'appointment_moved' ||
  kind === 'appointment_cancelled' ||
  kind === 'appointment_arrived' ||
  kind === 'appointment_completed';

/**
 * What an entry says happened, in the patient's words; a kind this screen does not know, in general
 * ones. `when` words an appointment's time (in the patient's zone).
 */
export function entryText(
  entry: S['TimelineEntry'],
  t: Translator['t'],
  when: (iso: string) => string = String,
): string {
  const title = entry.title || t('portal.activity.untitled');
  switch (entry.kind) {
    case 'message_from_care_team':
      return t('portal.activity.fromCareTeam', { title });
    case 'message_to_care_team':
      return t('portal.activity.toCareTeam', { title });
    case 'consent': {
      const kind = entry.consent_kind ?? '';
      const document = DOCUMENTS[kind] ? t(DOCUMENTS[kind] as string) : kind;
      const key = DECISIONS[entry.by ?? 'patient']?.[entry.decision ?? ''] ?? 'portal.activity.consentOther';
      return t(key, { document });
    }
    case 'signed_in':
      return t('portal.activity.signedIn');
    case 'appointment_booked':
    case 'appointment_moved':
    case 'appointment_cancelled': {
      const key = APPOINTMENT_CHANGES[entry.by ?? 'patient']?.[entry.kind] ?? 'portal.activity.other';
      return t(key, {
        service: entry.title || t('portal.activity.untitledService'),
        when: entry.starts_at ? when(entry.starts_at) : 'none',
      });
    }
    case 'appointment_arrived':
      return t('portal.activity.arrived', { service: entry.title || t('portal.activity.untitledService') });
    case 'appointment_completed':
      return t('portal.activity.completed', { service: entry.title || t('portal.activity.untitledService') });
    default:
      return t('portal.activity.other');
  }
}

/** The calendar day of an instant in the patient's zone (`2026-03-03`): entries group by it. */
function dayOf(at: string, zone: string | undefined): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime())
    ? ''
    : new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(d);
}

interface Day {
  key: string;
  heading: string;
  entries: S['TimelineEntry'][];
}

/** Entries, newest first, in runs of one day each, with the day's heading in the patient's language and zone. */
function byDay(entries: readonly S['TimelineEntry'][], tr: Translator): Day[] {
  const heading = new Intl.DateTimeFormat(tr.locale, { dateStyle: 'full', timeZone: tr.timeZone });
  const days: Day[] = [];
  for (const entry of entries) {
    const key = dayOf(entry.at, tr.timeZone);
    const last = days[days.length - 1];
    if (last && last.key === key) last.entries.push(entry);
    else days.push({ key, heading: key ? heading.format(new Date(entry.at)) : '', entries: [entry] });
  }
  return days;
}

export function Activity() {
  const { t, tr } = useI18n();
  usePageTitle(t('portal.activity.title'));
  const timeline = useInfiniteQuery({
    queryKey: ['timeline'],
    queryFn: ({ pageParam }) => portal.timeline(pageParam || undefined),
    initialPageParam: '',
    // A cursor already followed would only go round again.
    getNextPageParam: (last, _pages, _param, params) =>
      last.next_cursor && !params.includes(last.next_cursor) ? last.next_cursor : undefined,
    staleTime: 60_000,
  });
  const entries = (timeline.data?.pages ?? []).flatMap((p) => p.entries);
  const days = byDay(entries, tr);
  return (
    <section className="stack" data-testid="activity">
      <PageHeading>{t('portal.activity.title')}</PageHeading>
      <p className="lead">{t('portal.activity.lead')}</p>
      {timeline.isError ? <LoadFailed error={timeline.error} retry={() => void timeline.refetch()} /> : null}
      {timeline.isPending ? <Loading /> : null}
      {days.map((day, i) => (
        <section key={day.key || `day-${i}`} aria-labelledby={`activity-day-${i}`} data-testid="activity-day">
          <h2 className="feed-day" id={`activity-day-${i}`} data-testid="activity-day-heading">
            {day.heading}
          </h2>
          <ol className="feed">
            {day.entries.map((entry) => (
              // The API gives no id: the time (to the nanosecond), the kind and what it is about tell entries apart.
              <Entry
                key={`${entry.at} ${entry.kind} ${entry.thread_id ?? entry.consent_kind ?? entry.appointment_id ?? ''}`}
                entry={entry}
              />
            ))}
          </ol>
        </section>
      ))}
      {timeline.data && !entries.length ? (
        <p data-testid="activity-empty">
          {t(timeline.hasNextPage ? 'portal.activity.noneYet' : 'portal.activity.none')}
        </p>
      ) : null}
      {timeline.hasNextPage ? (
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={timeline.isFetchingNextPage}
            busyLabel={t('common.loading')}
            data-testid="activity-more"
            onClick={() => void timeline.fetchNextPage()}
          >
            {t('portal.activity.more')}
          </BusyButton>
        </div>
      ) : null}
    </section>
  );
}

function Entry({ entry }: { entry: S['TimelineEntry'] }) {
  const { t, tr } = useI18n();
  const time = new Intl.DateTimeFormat(tr.locale, { timeStyle: 'short', timeZone: tr.timeZone });
  const at = new Date(entry.at);
  const isMessage = entry.kind === 'message_from_care_team' || entry.kind === 'message_to_care_team';
  return (
    <li className="feed-item" data-testid="activity-entry" data-kind={entry.kind}>
      <p data-testid="activity-what">{entryText(entry, t, (iso) => tr.dateTime(iso))}</p>
      <p className="hint">
        <time dateTime={entry.at} data-testid="activity-when">
          {Number.isNaN(at.getTime()) ? '' : time.format(at)}
        </time>
        {isMessage && entry.thread_id ? (
          <>
            {' · '}
            <Link href={paths.thread(entry.thread_id)} data-testid="activity-open">
              {t('portal.activity.openThread', { title: entry.title || t('portal.activity.untitled') })}
            </Link>
          </>
        ) : null}
        {isAppointment(entry.kind) ? (
          <>
            {' · '}
            <Link href="/appointments" data-testid="activity-open">
              {t('portal.activity.openAppointments')}
            </Link>
          </>
        ) : null}
      </p>
    </li>
  );
}
