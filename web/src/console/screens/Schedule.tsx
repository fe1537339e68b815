// The appointment book: a day or a week (one read per view), for every clinician or one, with the
// moves each role may make (confirm a request, arrived, fulfilled, no-show, cancel with a reason) and
// booking for a patient.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { wallClockToIso } from '../../shared/i18n/i18n';
import {
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { fullName, PatientName, useMe, useTeam } from '../parts';
import { addDays, BOOK, dayIn, mayDo, mondayOf, type S, type StaffAppointment, scheduling } from './ScheduleApi';
import { ScheduleBook } from './ScheduleBook';
import { JoinVideo } from './ScheduleJoin';
import './Schedule.css';

export const STATUS_KEYS = {
  requested: 'console.schedule.status.requested',
  booked: 'console.schedule.status.booked',
  arrived: 'console.schedule.status.arrived',
  fulfilled: 'console.schedule.status.fulfilled',
  no_show: 'console.schedule.status.noShow',
  cancelled: 'console.schedule.status.cancelled',
} as const satisfies Record<S['Status'], string>;

/** The moves offered from each status (the server refuses any other with 409). */
const MOVES: Record<S['Status'], readonly S['Status'][]> = {
  requested: ['booked', 'cancelled'],
  booked: ['arrived', 'no_show', 'cancelled'],
  arrived: ['fulfilled', 'no_show'],
  fulfilled: [],
  no_show: [],
  cancelled: [],
};
const MOVE_KEYS = {
  booked: 'console.schedule.move.confirm',
  arrived: 'console.schedule.move.arrived',
  fulfilled: 'console.schedule.move.fulfilled',
  no_show: 'console.schedule.move.noShow',
  cancelled: 'console.schedule.move.cancel',
  requested: 'console.schedule.move.confirm',
} as const satisfies Record<S['Status'], string>;

type View = 'day' | 'week';

export function Schedule() {
  const { t, tr } = useI18n();
  useConsoleTitle(t('console.schedule.title'));
  const me = useMe();
  const team = useTeam();
  const zone = tr.zoneName();
  const [view, setView] = useState<View>('day');
  const [day, setDay] = useState(() => dayIn(zone, new Date()));
  const [clinician, setClinician] = useState('');
  const [booking, setBooking] = useState(false);
  const viewId = useId();
  const first = view === 'day' ? day : mondayOf(day);
  const last = addDays(first, view === 'day' ? 1 : 7);
  const from = wallClockToIso(`${first}T00:00`, zone) ?? '';
  const to = wallClockToIso(`${last}T00:00`, zone) ?? '';
  const book = useQuery({
    queryKey: [BOOK, from, to, clinician],
    queryFn: () => scheduling.appointments(from, to, clinician || undefined),
    enabled: Boolean(from && to),
  });
  const clinicians = (team.data ?? []).filter((m) => m.roles.includes('clinician'));
  const mayMove = mayDo(me.roles, 'setStatus');
  const mayBook = mayDo(me.roles, 'book');
  const mayJoin = mayDo(me.roles, 'joinVideo');

  const days: string[] = [];
  for (let d = first; d < last; d = addDays(d, 1)) days.push(d);
  const byDay = new Map<string, StaffAppointment[]>(days.map((d) => [d, []]));
  for (const a of book.data?.appointments ?? []) byDay.get(dayIn(zone, new Date(a.start)))?.push(a);
  const dayName = (d: string) =>
    new Intl.DateTimeFormat(tr.locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${d}T12:00:00Z`),
    );

  return (
    <section className="stack" data-testid="schedule">
      <PageHeading>{t('console.schedule.title')}</PageHeading>
      <fieldset className="actions">
        <legend className="visually-hidden">{t('console.schedule.viewLabel')}</legend>
        {(['day', 'week'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className={view === v ? 'button' : 'button button-secondary'}
            aria-pressed={view === v}
            data-testid={`schedule-view-${v}`}
            onClick={() => setView(v)}
          >
            {v === 'day' ? t('console.schedule.day') : t('console.schedule.week')}
          </button>
        ))}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="schedule-previous"
          onClick={() => setDay(addDays(day, view === 'day' ? -1 : -7))}
        >
          {view === 'day' ? t('console.schedule.previousDay') : t('console.schedule.previousWeek')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          data-testid="schedule-today"
          onClick={() => setDay(dayIn(zone, new Date()))}
        >
          {t('console.schedule.today')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          data-testid="schedule-next"
          onClick={() => setDay(addDays(day, view === 'day' ? 1 : 7))}
        >
          {view === 'day' ? t('console.schedule.nextDay') : t('console.schedule.nextWeek')}
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${viewId}-clinician`}>{t('console.schedule.clinicianFilter')}</label>
        <select
          id={`${viewId}-clinician`}
          data-testid="schedule-clinician"
          value={clinician}
          onChange={(e) => setClinician(e.currentTarget.value)}
        >
          <option value="">{t('console.schedule.allClinicians')}</option>
          {clinicians.map((c) => (
            <option key={c.staff_id} value={c.staff_id}>
              {c.display_name}
            </option>
          ))}
        </select>
      </div>
      {mayBook ? (
        booking ? (
          <ScheduleBook onDone={() => setBooking(false)} />
        ) : (
          <div className="actions">
            <button type="button" className="button" data-testid="schedule-book-open" onClick={() => setBooking(true)}>
              {t('console.schedule.bookForPatient')}
            </button>
          </div>
        )
      ) : null}
      <h2 data-testid="schedule-range" aria-live="polite">
        {view === 'day' ? dayName(first) : t('console.schedule.weekOf', { day: dayName(first) })}
      </h2>
      {book.isError ? (
        <LoadFailed error={book.error} retry={() => void book.refetch()} />
      ) : !book.data ? (
        <Loading />
      ) : (
        <div className="stack" data-testid="schedule-days" data-count={book.data.appointments.length}>
          {days.map((d) => {
            const list = byDay.get(d) ?? [];
            if (view === 'week' && !list.length) return null;
            return (
              <section key={d} className="stack-tight" data-testid="schedule-day" data-day={d}>
                {view === 'week' ? <h3>{dayName(d)}</h3> : null}
                {list.length ? (
                  <ul className="list stack">
                    {list.map((a) => (
                      <Row
                        key={a.appointment_id}
                        a={a}
                        mayMove={mayMove}
                        mayJoin={mayJoin && a.clinician_id === me.staff_id}
                      />
                    ))}
                  </ul>
                ) : (
                  <p data-testid="schedule-empty">{t('console.schedule.none')}</p>
                )}
              </section>
            );
          })}
          {view === 'week' && !book.data.appointments.length ? (
            <p data-testid="schedule-empty">{t('console.schedule.noneWeek')}</p>
          ) : null}
        </div>
      )}
    </section>
  );
}

/** The statuses a video visit can still be joined in. */
const JOINABLE: readonly S['Status'][] = ['booked', 'arrived'];

function Row({ a, mayMove, mayJoin }: { a: StaffAppointment; mayMove: boolean; mayJoin: boolean }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (to: S['Status']) =>
      scheduling.setStatus(a.appointment_id, {
        patient_id: a.patient_id,
        status: to,
        ...(to === 'cancelled' && reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: (view) => {
      setCancelling(false);
      setReason('');
      status.announce('console.schedule.moved', {
        patient: view.patient ? fullName(view.patient) : '',
        status: t(STATUS_KEYS[view.status]),
      });
      void client.invalidateQueries({ queryKey: [BOOK] });
    },
  });
  const time = (iso: string) =>
    new Intl.DateTimeFormat(tr.locale, { hour: 'numeric', minute: '2-digit', timeZone: tr.zoneName() }).format(
      new Date(iso),
    );
  const moves = mayMove ? MOVES[a.status] : [];
  return (
    <li
      className="card stack-tight"
      data-testid="schedule-appointment"
      data-appointment-id={a.appointment_id}
      data-status={a.status}
    >
      <div className="schedule-row-top">
        <strong data-testid="schedule-time">
          {t('console.schedule.time', { from: time(a.start), to: time(a.end) })}
        </strong>{' '}
        <span className="tag" data-testid="schedule-status">
          {t(STATUS_KEYS[a.status])}
        </span>
        {a.mode === 'telehealth' ? (
          <span className="tag tag-note" data-testid="schedule-video">
            {t('console.schedule.video')}
          </span>
        ) : null}
      </div>
      <div data-testid="schedule-patient">
        <PatientName patientId={a.patient_id} names={a.patient} />
      </div>
      <div data-testid="schedule-service">
        {t('console.schedule.serviceWith', { service: a.service_name, clinician: a.clinician_name })}
      </div>
      {a.status === 'cancelled' && a.cancel_reason ? (
        <span className="hint">{t('console.schedule.reason', { reason: a.cancel_reason })}</span>
      ) : null}
      {mayJoin && a.mode === 'telehealth' && JOINABLE.includes(a.status) ? <JoinVideo a={a} /> : null}
      {move.error && !cancelling ? <ErrorMessage error={move.error} testid="schedule-move-error" /> : null}
      {moves.length ? (
        <div className="actions">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'cancelled' ? 'button button-secondary' : 'button'}
              data-testid={`schedule-move-${to}`}
              disabled={move.isPending}
              onClick={() => (to === 'cancelled' ? setCancelling(true) : move.mutate(to))}
            >
              {t(MOVE_KEYS[to])}
            </button>
          ))}
        </div>
      ) : null}
      <ConfirmDialog
        open={cancelling}
        title={t('console.schedule.cancelTitle')}
        body={[t('console.schedule.cancelBody', { service: a.service_name, when: tr.dateTime(a.start) })]}
        confirmLabel={t('console.schedule.cancelYes')}
        cancelLabel={t('console.schedule.cancelNo')}
        danger
        busy={move.isPending}
        testid="schedule-cancel-dialog"
        onAnswer={(yes) => {
          if (yes) move.mutate('cancelled');
          else {
            setCancelling(false);
            move.reset();
          }
        }}
      >
        <Field label={t('console.schedule.cancelReason')} optional>
          {({ id }) => (
            <textarea
              id={id}
              rows={2}
              data-testid="schedule-cancel-reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
        {move.error ? <ErrorMessage error={move.error} testid="schedule-cancel-error" focus /> : null}
      </ConfirmDialog>
    </li>
  );
}
