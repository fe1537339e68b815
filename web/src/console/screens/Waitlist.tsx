// The waitlist: every service's waiting line in offer order (priority, then first come), each place
// with what the patient can make and whether they would move a booked appointment earlier, the desk's
// "Raise priority" on the version read (a change meanwhile answers 409: the lines are read again and
// the page says so), and how the waitlist did over the last 7, 30 or 90 days.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  Alert,
  BusyButton,
  ErrorMessage,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { fullName, PatientName, useMe, useTeam } from '../parts';
import { DAYS, type Day, mayDo, type S, scheduling, WAITLIST } from './ScheduleApi';
import './Schedule.css';

type Place = S['StaffPlaceView'];

/** The periods the report offers, in days back from now. */
export const PERIODS = [7, 30, 90] as const;
type Period = (typeof PERIODS)[number];

const DAY_KEYS = {
  mon: 'console.schedule.weekly.day.mon',
  tue: 'console.schedule.weekly.day.tue',
  wed: 'console.schedule.weekly.day.wed',
  thu: 'console.schedule.weekly.day.thu',
  fri: 'console.schedule.weekly.day.fri',
  sat: 'console.schedule.weekly.day.sat',
  sun: 'console.schedule.weekly.day.sun',
} as const satisfies Record<Day, string>;

const PART_KEYS = {
  morning: 'console.waitlist.part.morning',
  afternoon: 'console.waitlist.part.afternoon',
  evening: 'console.waitlist.part.evening',
} as const satisfies Record<S['PartOfDay'], string>;

const PERIOD_KEYS = {
  7: 'console.waitlist.period.7',
  30: 'console.waitlist.period.30',
  90: 'console.waitlist.period.90',
} as const satisfies Record<Period, string>;

const STATUS_KEYS = {
  waiting: 'console.waitlist.status.waiting',
  booked: 'console.waitlist.status.booked',
  left: 'console.waitlist.status.left',
} as const satisfies Record<S['PlaceStatus'], string>;

/** The places by service, each line in the order the server gives (its offer order), services as first met. */
export function byService(places: readonly Place[]): { serviceId: string; name: string; places: Place[] }[] {
  const lines = new Map<string, { serviceId: string; name: string; places: Place[] }>();
  for (const p of places) {
    const line = lines.get(p.service_id) ?? { serviceId: p.service_id, name: p.service_name, places: [] };
    line.places.push(p);
    lines.set(p.service_id, line);
  }
  return [...lines.values()];
}

/** The period's bounds, as the server reads them: from `days` days ago until now. */
function rangeOf(days: Period, now: number): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

export function Waitlist() {
  const { t } = useI18n();
  useConsoleTitle(t('console.waitlist.title'));
  const me = useMe();
  const [period, setPeriod] = useState<Period>(30);
  // The period ends when it was chosen, so the query's key stays the same between renders.
  const [range, setRange] = useState(() => rangeOf(30, Date.now()));
  const [stale, setStale] = useState(false);
  const waitlist = useQuery({
    queryKey: [WAITLIST, range.from, range.to],
    queryFn: () => scheduling.waitlist(range.from, range.to),
  });
  const mayChange = mayDo(me.roles, 'setPriority');
  const choose = (days: Period) => {
    setPeriod(days);
    setRange(rangeOf(days, Date.now()));
  };

  return (
    <section className="stack" data-testid="waitlist">
      <PageHeading>{t('console.waitlist.title')}</PageHeading>
      <p className="lead">{t('console.waitlist.lead')}</p>
      {stale ? (
        <Alert tone="error" testid="waitlist-stale" focus>
          <p>{t('console.waitlist.stale')}</p>
        </Alert>
      ) : null}
      {waitlist.isError ? (
        <LoadFailed error={waitlist.error} retry={() => void waitlist.refetch()} />
      ) : !waitlist.data ? (
        <Loading />
      ) : (
        <>
          <Lines places={waitlist.data.places} mayChange={mayChange} onStale={setStale} />
          <section className="card stack" aria-labelledby="waitlist-report-title" data-testid="waitlist-report">
            <h2 id="waitlist-report-title">{t('console.waitlist.reportTitle')}</h2>
            <fieldset className="actions">
              <legend className="visually-hidden">{t('console.waitlist.periodLabel')}</legend>
              {PERIODS.map((days) => (
                <button
                  key={days}
                  type="button"
                  className={period === days ? 'button' : 'button button-secondary'}
                  aria-pressed={period === days}
                  data-testid={`waitlist-period-${days}`}
                  onClick={() => choose(days)}
                >
                  {t(PERIOD_KEYS[days])}
                </button>
              ))}
            </fieldset>
            <Report report={waitlist.data.report} fetching={waitlist.isFetching} period={t(PERIOD_KEYS[period])} />
          </section>
        </>
      )}
    </section>
  );
}

function Lines({
  places,
  mayChange,
  onStale,
}: {
  places: readonly Place[];
  mayChange: boolean;
  onStale: (stale: boolean) => void;
}) {
  const { t } = useI18n();
  const lines = byService(places);
  if (!lines.length) return <p data-testid="waitlist-empty">{t('console.waitlist.none')}</p>;
  return (
    <div className="stack" data-testid="waitlist-lines">
      {lines.map((line) => (
        <section
          key={line.serviceId}
          className="stack-tight"
          aria-labelledby={`waitlist-${line.serviceId}`}
          data-testid="waitlist-line"
          data-service-id={line.serviceId}
        >
          <h2 id={`waitlist-${line.serviceId}`}>
            {t('console.waitlist.line', { service: line.name, n: line.places.length })}
          </h2>
          <p className="hint">{t('console.waitlist.orderHint')}</p>
          <ol className="list stack-tight waitlist-places">
            {line.places.map((p) => (
              <PlaceRow key={p.entry_id} place={p} mayChange={mayChange} onStale={onStale} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function PlaceRow({
  place,
  mayChange,
  onStale,
}: {
  place: Place;
  mayChange: boolean;
  onStale: (stale: boolean) => void;
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const team = useTeam();
  const names = new Map((team.data ?? []).map((m) => [m.staff_id, m.display_name]));
  const high = place.priority === 'high';
  const change = useMutation({
    mutationFn: () =>
      scheduling.setPriority(place.entry_id, {
        patient_id: place.patient_id,
        priority: high ? 'normal' : 'high',
        version: place.version,
      }),
    onMutate: () => onStale(false),
    onSuccess: (view) => {
      status.announce(view.priority === 'high' ? 'console.waitlist.raised' : 'console.waitlist.lowered', {
        patient: view.patient ? fullName(view.patient) : '',
        service: view.service_name,
      });
      // The line's order follows priority: read it again, then keep the focus on this place's button
      // (found by its entry, wherever the new order put it).
      void client
        .invalidateQueries({ queryKey: [WAITLIST] })
        .then(() =>
          setTimeout(() =>
            document
              .querySelector<HTMLElement>(
                `[data-testid="waitlist-place"][data-entry-id="${CSS.escape(place.entry_id)}"] [data-testid="waitlist-priority"]`,
              )
              ?.focus(),
          ),
        );
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 409) {
        onStale(true);
        void client.invalidateQueries({ queryKey: [WAITLIST] });
      }
    },
  });
  const any = t('console.waitlist.any');
  // In Spanish, a weekday's name is lowercase after the list's first word.
  const days = place.days.length
    ? DAYS.filter((d) => place.days.includes(d))
        .map((d, i) =>
          i > 0 && tr.locale.startsWith('es') ? t(DAY_KEYS[d]).toLocaleLowerCase(tr.locale) : t(DAY_KEYS[d]),
        )
        .join(', ')
    : any;
  const parts = place.parts_of_day.length ? place.parts_of_day.map((p) => t(PART_KEYS[p])).join(', ') : any;
  const clinicians = place.clinicians.length
    ? place.clinicians.map((c) => names.get(c) ?? t('console.colleague', { id: c })).join(', ')
    : t('console.waitlist.anyClinician');
  const conflict = change.error instanceof ApiError && change.error.status === 409;
  return (
    <li
      className="card stack-tight"
      data-testid="waitlist-place"
      data-entry-id={place.entry_id}
      data-priority={place.priority}
    >
      <div className="schedule-row-top">
        <Link href={`/patients/${encodeURIComponent(place.patient_id)}`} data-testid="waitlist-patient">
          <PatientName patientId={place.patient_id} names={place.patient} />
        </Link>{' '}
        {high ? (
          <span className="tag tag-warn" data-testid="waitlist-high">
            {t('console.waitlist.high')}
          </span>
        ) : null}{' '}
        {place.status !== 'waiting' ? (
          <span className="tag" data-testid="waitlist-status">
            {t(STATUS_KEYS[place.status])}
          </span>
        ) : null}
      </div>
      <dl className="details details-compact">
        <div className="row">
          <dt>{t('console.waitlist.days')}</dt>
          <dd data-testid="waitlist-days">{days}</dd>
        </div>
        <div className="row">
          <dt>{t('console.waitlist.parts')}</dt>
          <dd data-testid="waitlist-parts">{parts}</dd>
        </div>
        <div className="row">
          <dt>{t('console.waitlist.dates')}</dt>
          <dd data-testid="waitlist-dates">
            {t('console.waitlist.dateRange', { from: tr.calendarDate(place.from), to: tr.calendarDate(place.to) })}
          </dd>
        </div>
        <div className="row">
          <dt>{t('console.waitlist.clinicians')}</dt>
          <dd data-testid="waitlist-clinicians">{clinicians}</dd>
        </div>
        <div className="row">
          <dt>{t('console.waitlist.wants')}</dt>
          <dd data-testid="waitlist-wants">
            {place.replaces
              ? place.replaces_start
                ? t('console.waitlist.moveEarlier', { when: tr.dateTime(place.replaces_start) })
                : t('console.waitlist.moveEarlierUnknown')
              : t('console.waitlist.newVisit')}
          </dd>
        </div>
        <div className="row">
          <dt>{t('console.waitlist.since')}</dt>
          <dd data-testid="waitlist-since">{tr.dateTime(place.created_at)}</dd>
        </div>
      </dl>
      {change.error && !conflict ? <ErrorMessage error={change.error} testid="waitlist-priority-error" /> : null}
      {mayChange && place.status === 'waiting' ? (
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={change.isPending}
            busyLabel={t('common.saving')}
            data-testid="waitlist-priority"
            onClick={() => change.mutate()}
          >
            {high
              ? t('console.waitlist.makeNormal', { patient: place.patient ? fullName(place.patient) : '' })
              : t('console.waitlist.raise', { patient: place.patient ? fullName(place.patient) : '' })}
          </BusyButton>
        </div>
      ) : null}
    </li>
  );
}

function Report({ report, fetching, period }: { report: S['Report']; fetching: boolean; period: string }) {
  const { t, tr } = useI18n();
  const percent = (share: number) =>
    new Intl.NumberFormat(tr.locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  // `+ 0` turns a negative zero (no days gained) into a plain one.
  const number = (n: number) => new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 }).format(n + 0);
  const figures: [string, string, string][] = [
    ['openings', t('console.waitlist.report.openings'), number(report.openings)],
    ['offers', t('console.waitlist.report.offers'), number(report.offers)],
    [
      'filled',
      t('console.waitlist.report.filled'),
      t('console.waitlist.report.filledValue', { n: number(report.filled), rate: percent(report.fill_rate) }),
    ],
    ['accept-rate', t('console.waitlist.report.acceptRate'), percent(report.accept_rate)],
    [
      'days-gained',
      t('console.waitlist.report.daysGained'),
      t('console.waitlist.report.daysGainedValue', {
        total: number(report.days_gained),
        average: number(report.average_days_gained),
      }),
    ],
  ];
  return (
    <div aria-busy={fetching || undefined}>
      {/* Only a short summary of the period is read out when it changes, not the whole report. */}
      <p className="visually-hidden" aria-live="polite" data-testid="waitlist-report-summary">
        {fetching
          ? ''
          : t('console.waitlist.report.summary', {
              period,
              openings: number(report.openings),
              filled: number(report.filled),
            })}
      </p>
      {fetching ? <Loading /> : null}
      <dl className="details waitlist-figures">
        {figures.map(([id, label, value]) => (
          <div className="row" key={id}>
            <dt>{label}</dt>
            <dd data-testid={`waitlist-report-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('console.waitlist.report.hint')}</p>
    </div>
  );
}
