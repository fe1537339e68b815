// Appointments: what is coming (confirm, move, cancel), what has been, and booking a new one: a
// service, maybe a clinician, a free time (held while the patient checks it), then the booking, sent
// with one Idempotency-Key per attempt so a retry after a lost answer cannot book twice.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError, NetworkError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  Alert,
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { usePageTitle, usePractice } from '../parts/Header';
import { formatPhone } from '../phone';
import {
  type Appointment,
  appointments,
  cancelOutcome,
  newAttemptKey,
  type S,
  timeIn,
  zoneAbbr,
} from './AppointmentsApi';
import { AVAILABILITY, type Slot, SlotPicker, slotKey } from './AppointmentsSlots';
import { VideoVisit } from './VideoVisit';
import { JoinWaitlistForm, useWaitlist, WaitlistOffers, WaitlistPlaces } from './Waitlist';
import './Appointments.css';

export const APPOINTMENTS = ['appointments'] as const;
const BOOKABLE = ['bookable-services'] as const;

const STATUS = {
  requested: 'portal.appointments.status.requested',
  booked: 'portal.appointments.status.booked',
  arrived: 'portal.appointments.status.arrived',
  fulfilled: 'portal.appointments.status.fulfilled',
  no_show: 'portal.appointments.status.noShow',
  cancelled: 'portal.appointments.status.cancelled',
} as const satisfies Record<S['Status'], string>;

/** A video visit the server lets the patient join (booked or arrived; the window decides when). */
const joinable = (a: Appointment) => a.mode === 'telehealth' && (a.status === 'booked' || a.status === 'arrived');

const MODE = {
  in_person: 'portal.appointments.mode.inPerson',
  telehealth: 'portal.appointments.mode.telehealth',
} as const satisfies Record<S['VisitMode'], string>;

function statusKey(a: Appointment): string {
  if (a.status === 'booked' && a.confirmed_at) return 'portal.appointments.status.confirmed';
  if (a.status === 'cancelled' && a.late_cancel) return 'portal.appointments.status.cancelledLate';
  return STATUS[a.status];
}

function StatusBadge({ a }: { a: Appointment }) {
  const { t } = useI18n();
  const shown = a.status === 'booked' && a.confirmed_at ? 'confirmed' : a.status;
  return (
    <span className="tag" data-testid="appointment-status" data-status={shown}>
      {t(statusKey(a))}
    </span>
  );
}

/** When: in the patient's zone, and in the clinician's too when the clock there reads otherwise. */
export function When({ start, zone, testid = 'appointment-when' }: { start: string; zone: string; testid?: string }) {
  const { t, tr } = useI18n();
  const mine = tr.dateTime(start);
  const theirs = timeIn(tr.locale, zone, start, true);
  const same = timeIn(tr.locale, tr.zoneName(), start, true) === theirs;
  return (
    <div data-testid={testid}>
      <time dateTime={start}>{mine}</time>
      {same ? null : (
        <span className="hint" data-testid="appointment-their-time">
          {t('portal.appointments.theirTime', { time: theirs, zone: zoneAbbr(tr.locale, zone, start) })}
        </span>
      )}
    </div>
  );
}

/** The server's answer for one appointment, shown at once (the list is read again after). */
function replaceInList(client: QueryClient, view: Appointment) {
  client.setQueryData<S['AppointmentList']>(APPOINTMENTS, (list) =>
    list
      ? {
          ...list,
          upcoming: list.upcoming.map((x) => (x.appointment_id === view.appointment_id ? view : x)),
        }
      : list,
  );
}

// ------------------------------------------------------------------------------------------------
// The list.

export function Appointments({ focusOffer }: { focusOffer?: string } = {}) {
  const { t, tr } = useI18n();
  usePageTitle(t('portal.appointments.title'));
  const client = useQueryClient();
  const status = useStatus();
  const list = useQuery({ queryKey: APPOINTMENTS, queryFn: appointments.list });
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [reason, setReason] = useState('');
  const upcomingRef = useRef<HTMLHeadingElement>(null);
  // The services' rules (cancellation, waitlist), read once there is a booked appointment to act on.
  const services = useQuery({
    queryKey: BOOKABLE,
    queryFn: appointments.services,
    enabled: cancelling !== null || Boolean(list.data?.upcoming.some((a) => a.status === 'booked')),
  });
  const places = useWaitlist().data?.places;
  // The practice's phone, as home already read it (no read of its own).
  const practice = usePractice(false).data;
  const outcome = cancelling
    ? cancelOutcome(
        cancelling,
        services.data?.services.find((s) => s.service_id === cancelling.service_id),
      )
    : 'fine';
  const cancel = useMutation({
    mutationFn: (a: Appointment) => appointments.cancel(a.appointment_id, reason.trim()),
    onSuccess: (view) => {
      setCancelling(null);
      setReason('');
      status.announce(view.late_cancel ? 'portal.appointments.cancelledLate' : 'portal.appointments.cancelled', {
        service: view.service_name,
      });
      void client.invalidateQueries({ queryKey: APPOINTMENTS });
      upcomingRef.current?.focus();
    },
  });

  const heading = <PageHeading>{t('portal.appointments.title')}</PageHeading>;
  if (list.isError)
    return (
      <section className="stack">
        {heading}
        <LoadFailed error={list.error} retry={() => void list.refetch()} />
      </section>
    );
  if (!list.data)
    return (
      <section className="stack">
        {heading}
        <Loading />
      </section>
    );
  const { upcoming, past } = list.data;
  return (
    <section className="stack" data-testid="appointments">
      {heading}
      <div className="actions">
        <Link className="button" href="/appointments/book" data-testid="appointments-book">
          {t('portal.appointments.book')}
        </Link>
      </div>
      <WaitlistOffers focusOffer={focusOffer} />
      <h2 ref={upcomingRef} tabIndex={-1} id="appointments-upcoming-title">
        {t('portal.appointments.upcoming')}
      </h2>
      {upcoming.length ? (
        <ul
          className="appointment-list"
          data-testid="appointments-upcoming"
          aria-labelledby="appointments-upcoming-title"
        >
          {upcoming.map((a) => (
            <Upcoming
              key={a.appointment_id}
              a={a}
              service={services.data?.services.find((s) => s.service_id === a.service_id)}
              waiting={Boolean(places?.some((p) => p.replaces === a.appointment_id))}
              onCancel={() => setCancelling(a)}
            />
          ))}
        </ul>
      ) : (
        <p data-testid="appointments-none">{t('portal.appointments.none')}</p>
      )}
      <WaitlistPlaces services={services.data?.services} />
      {past.length ? (
        <details className="card" data-testid="appointments-past">
          <summary>{t('portal.appointments.past', { n: past.length })}</summary>
          <ul className="appointment-list">
            {past.map((a) => (
              <li key={a.appointment_id} className="stack-tight" data-testid="appointment-past">
                <strong>{a.service_name}</strong>
                <When start={a.start} zone={a.time_zone} />
                <div>{t('portal.appointments.with', { name: a.clinician_name })}</div>
                <div>
                  <StatusBadge a={a} />
                </div>
                {/* Past by its start, yet inside its window: still joined from here (it hides once closed). */}
                {joinable(a) ? <VideoVisit a={a} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ConfirmDialog
        open={cancelling !== null}
        title={t('portal.appointments.cancelTitle')}
        body={
          !cancelling
            ? []
            : outcome === 'blocked'
              ? [
                  t('portal.appointments.cancelBlocked', { service: cancelling.service_name }),
                  practice?.phone
                    ? t('portal.appointments.cancelCallAt', {
                        practice: practice.name,
                        phone: formatPhone(practice.phone),
                      })
                    : t('portal.appointments.cancelCall'),
                ]
              : [
                  t('portal.appointments.cancelBody', {
                    service: cancelling.service_name,
                    when: tr.dateTime(cancelling.start),
                  }),
                  ...(outcome === 'late' ? [t('portal.appointments.cancelLateWarning')] : []),
                ]
        }
        canConfirm={outcome !== 'blocked'}
        confirmLabel={t('portal.appointments.cancelYes')}
        cancelLabel={t('portal.appointments.cancelNo')}
        danger
        busy={cancel.isPending}
        busyLabel={t('portal.appointments.cancelling')}
        testid="appointment-cancel-dialog"
        onAnswer={(yes) => {
          if (yes && cancelling) cancel.mutate(cancelling);
          else {
            setCancelling(null);
            setReason('');
            cancel.reset();
          }
        }}
      >
        {outcome === 'blocked' ? null : (
          <Field label={t('portal.appointments.cancelReason')} optional>
            {({ id, describedBy }) => (
              <textarea
                id={id}
                data-testid="appointment-cancel-reason"
                aria-describedby={describedBy || undefined}
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
        )}
        {cancel.error ? <ErrorMessage error={cancel.error} testid="appointment-cancel-error" focus /> : null}
      </ConfirmDialog>
    </section>
  );
}

function Upcoming({
  a,
  service,
  waiting,
  onCancel,
}: {
  a: Appointment;
  /** The service's rules, once read (offers "Get an earlier time" when it has a waitlist). */
  service: S['BookableService'] | undefined;
  /** A waitlist place already looks for an earlier time for it. */
  waiting: boolean;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [earlier, setEarlier] = useState(false);
  // Joined for an earlier time: the button stays hidden (no second place from a double action), even
  // before the waitlist is read again.
  const [joinedEarlier, setJoinedEarlier] = useState(false);
  const confirm = useMutation({
    mutationFn: () => appointments.confirm(a.appointment_id),
    onSuccess: (view) => {
      status.announce('portal.appointments.confirmedDone', { service: a.service_name });
      replaceInList(client, view);
      void client.invalidateQueries({ queryKey: APPOINTMENTS });
    },
  });
  const open = a.status === 'booked' || a.status === 'requested';
  return (
    <li className="card stack-tight" data-testid="appointment" data-appointment-id={a.appointment_id}>
      <h3 data-testid="appointment-service">{a.service_name}</h3>
      <When start={a.start} zone={a.time_zone} />
      <div data-testid="appointment-clinician">
        {t('portal.appointments.with', { name: a.clinician_name })} · {t(MODE[a.mode])}
      </div>
      <div>
        <StatusBadge a={a} />
      </div>
      {a.status === 'requested' ? <p className="hint">{t('portal.appointments.requestedHint')}</p> : null}
      {confirm.error ? <ErrorMessage error={confirm.error} testid="appointment-error" /> : null}
      {joinable(a) ? <VideoVisit a={a} /> : null}
      {waiting ? (
        <p className="hint" data-testid="appointment-waiting">
          {t('portal.waitlist.waitingEarlier')}
        </p>
      ) : null}
      {open ? (
        <div className="actions">
          {a.status === 'booked' && !a.confirmed_at ? (
            <BusyButton
              type="button"
              busy={confirm.isPending}
              busyLabel={t('portal.appointments.confirming')}
              data-testid="appointment-confirm"
              onClick={() => confirm.mutate()}
            >
              {t('portal.appointments.confirm')}
            </BusyButton>
          ) : null}
          <Link
            className="button button-secondary"
            href={`/appointments/${encodeURIComponent(a.appointment_id)}/reschedule`}
            data-testid="appointment-reschedule"
          >
            {t('portal.appointments.reschedule')}
          </Link>
          <button type="button" className="button button-secondary" data-testid="appointment-cancel" onClick={onCancel}>
            {t('portal.appointments.cancel')}
          </button>
          {a.status === 'booked' && service?.waitlist && !waiting && !earlier && !joinedEarlier ? (
            <button
              type="button"
              className="button button-secondary"
              data-testid="appointment-earlier"
              onClick={() => setEarlier(true)}
            >
              {t('portal.waitlist.earlier')}
            </button>
          ) : null}
        </div>
      ) : null}
      {earlier && service ? (
        <JoinWaitlistForm
          service={service}
          replaces={a}
          onJoined={() => {
            setJoinedEarlier(true);
            setEarlier(false);
            status.announce('portal.waitlist.joinedEarlier', { service: a.service_name });
          }}
          onClose={() => setEarlier(false)}
        />
      ) : null}
    </li>
  );
}

// ------------------------------------------------------------------------------------------------
// Booking.

type Held = { slot: Slot; zone: string; expiresAt: string; key: string };

/** A failure worth sending again as is (with the same Idempotency-Key): no answer, or the server's own. */
const retryable = (err: unknown) => err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);

/** A refusal for a time someone else took first (hold or booking). */
const taken = (err: unknown) => err instanceof ApiError && err.status === 409;

function useFocusOnShow<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  return ref;
}

export function AppointmentsBook() {
  const { t } = useI18n();
  usePageTitle(t('portal.appointments.bookTitle'));
  const client = useQueryClient();
  const status = useStatus();
  const [, navigate] = useLocation();
  const [joining, setJoining] = useState(false);
  const services = useQuery({ queryKey: BOOKABLE, queryFn: appointments.services });
  const [serviceId, setServiceId] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [held, setHeld] = useState<Held | null>(null);
  const [notice, setNotice] = useState<'taken' | null>(null);
  const [done, setDone] = useState<Appointment | null>(null);
  const clinicianFieldId = useId();
  const service = services.data?.services.find((s) => s.service_id === serviceId) ?? null;
  // A time held and not booked is given back when the patient leaves the booking (best effort: it
  // would end by itself at its expiry, but others could not have it meanwhile).
  const unbooked = useRef<string | null>(null);
  unbooked.current = held && !done ? serviceId : null;
  useEffect(
    () => () => {
      if (unbooked.current) void appointments.release(unbooked.current);
    },
    [],
  );

  const hold = useMutation({
    mutationFn: ({ slot }: { slot: Slot; zone: string }) =>
      appointments.hold({ service_id: serviceId, clinician_id: slot.clinician_id, start: slot.start }),
    onMutate: () => setNotice(null),
    onSuccess: (answer, { slot, zone }) =>
      // One key per booking attempt: a new time is a new attempt; a retry of this one reuses it.
      setHeld({ slot, zone, expiresAt: answer.expires_at, key: newAttemptKey() }),
    onError: (err) => {
      if (taken(err)) {
        setNotice('taken');
        void client.invalidateQueries({ queryKey: [AVAILABILITY] });
      }
    },
  });
  const book = useMutation({
    mutationFn: (h: Held) =>
      appointments.book({ service_id: serviceId, clinician_id: h.slot.clinician_id, start: h.slot.start }, h.key),
    onSuccess: (view) => {
      setDone(view);
      void client.invalidateQueries({ queryKey: APPOINTMENTS });
    },
    onError: (err) => {
      if (taken(err)) {
        setHeld(null);
        setNotice('taken');
        void client.invalidateQueries({ queryKey: [AVAILABILITY] });
      }
    },
  });

  const heading = <PageHeading>{t('portal.appointments.bookTitle')}</PageHeading>;
  if (done) return <Booked view={done} />;
  if (services.isError)
    return (
      <section className="stack">
        {heading}
        <LoadFailed error={services.error} retry={() => void services.refetch()} />
      </section>
    );
  if (!services.data)
    return (
      <section className="stack">
        {heading}
        <Loading />
      </section>
    );
  const offered = services.data.services;
  return (
    <section className="stack" data-testid="appointments-booking">
      {heading}
      <p>
        <Link href="/appointments" data-testid="appointments-back">
          {t('portal.appointments.back')}
        </Link>
      </p>
      {offered.length === 0 ? (
        <p data-testid="services-none">{t('portal.appointments.noServices')}</p>
      ) : (
        <fieldset className="stack" disabled={Boolean(held)}>
          <legend>{t('portal.appointments.chooseService')}</legend>
          <div className="choices">
            {offered.map((s) => (
              <div className="choice" key={s.service_id}>
                <input
                  type="radio"
                  name="appointment-service"
                  id={`service-${s.service_id}`}
                  data-testid="service-option"
                  data-service-id={s.service_id}
                  checked={serviceId === s.service_id}
                  onChange={() => {
                    setServiceId(s.service_id);
                    setClinicianId('');
                    setJoining(false);
                    setNotice(null);
                    hold.reset();
                  }}
                />
                <label htmlFor={`service-${s.service_id}`}>
                  <strong>{s.name}</strong>{' '}
                  <span className="hint">
                    {t('portal.appointments.minutes', { n: s.duration_minutes })} · {t(MODE[s.mode])}
                  </span>{' '}
                  {s.booking === 'request_only' ? (
                    <span className="tag" data-testid="service-request-only">
                      {t('portal.appointments.requestBadge')}
                    </span>
                  ) : null}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      {service && service.clinicians.length > 1 && !held ? (
        <div className="field">
          <label htmlFor={clinicianFieldId}>
            {t('portal.appointments.clinician')}
            <span className="optional"> {t('common.optional')}</span>
          </label>
          <select
            id={clinicianFieldId}
            data-testid="clinician-select"
            value={clinicianId}
            onChange={(e) => setClinicianId(e.currentTarget.value)}
          >
            <option value="">{t('portal.appointments.anyClinician')}</option>
            {service.clinicians.map((c) => (
              <option key={c.clinician_id} value={c.clinician_id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {notice === 'taken' ? (
        <Alert tone="error" testid="slot-taken" focus>
          <p>{t('portal.appointments.taken')}</p>
        </Alert>
      ) : null}
      {hold.error && !taken(hold.error) ? <ErrorMessage error={hold.error} testid="hold-error" focus /> : null}
      {service && held ? (
        <ConfirmBooking
          service={service}
          held={held}
          busy={book.isPending}
          error={book.error && !taken(book.error) ? book.error : null}
          onBook={() => book.mutate(held)}
          onBack={() => {
            void appointments.release(serviceId);
            setHeld(null);
            book.reset();
          }}
        />
      ) : service ? (
        <SlotPicker
          key={`${service.service_id}/${clinicianId}`}
          serviceId={service.service_id}
          clinicianId={clinicianId}
          busyKey={hold.isPending && hold.variables ? slotKey(hold.variables.slot) : ''}
          disabled={hold.isPending}
          horizonDays={service.horizon_days}
          onPick={(slot, zone) => hold.mutate({ slot, zone })}
        />
      ) : null}
      {service?.waitlist && !held ? (
        joining ? (
          <JoinWaitlistForm
            service={service}
            onJoined={() => {
              status.announce('portal.waitlist.joined', { service: service.name }, '/appointments');
              navigate('/appointments');
            }}
            onClose={() => setJoining(false)}
          />
        ) : (
          <section className="card stack-tight" data-testid="waitlist-offer-join" aria-labelledby="waitlist-join-title">
            <h2 id="waitlist-join-title">{t('portal.waitlist.noneSuits')}</h2>
            <p>{t('portal.waitlist.noneSuitsBody')}</p>
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="waitlist-join"
                onClick={() => setJoining(true)}
              >
                {t('portal.waitlist.join')}
              </button>
            </div>
          </section>
        )
      ) : null}
    </section>
  );
}

function ConfirmBooking({
  service,
  held,
  busy,
  error,
  onBook,
  onBack,
}: {
  service: S['BookableService'];
  held: Held;
  busy: boolean;
  error: unknown;
  onBook: () => void;
  onBack: () => void;
}) {
  const { t, tr } = useI18n();
  const ref = useFocusOnShow<HTMLHeadingElement>(held.key);
  const request = service.booking === 'request_only';
  return (
    <section className="card stack" data-testid="booking-confirm" aria-labelledby="booking-confirm-title">
      <h2 id="booking-confirm-title" ref={ref} tabIndex={-1}>
        {request ? t('portal.appointments.checkRequest') : t('portal.appointments.checkBooking')}
      </h2>
      <Summary
        service={service.name}
        clinician={held.slot.clinician_name}
        mode={service.mode}
        when={<When start={held.slot.start} zone={held.slot.clinician_time_zone} />}
      />
      <p data-testid="hold-until">
        {t('portal.appointments.heldUntil', { time: timeIn(tr.locale, held.zone, held.expiresAt) })}
      </p>
      {error ? <ErrorMessage error={error} testid="booking-error" focus /> : null}
      <div className="actions">
        <BusyButton
          type="button"
          busy={busy}
          busyLabel={t('portal.appointments.booking')}
          data-testid="booking-submit"
          onClick={onBook}
        >
          {error && retryable(error)
            ? t('portal.appointments.tryAgain')
            : request
              ? t('portal.appointments.sendRequest')
              : t('portal.appointments.bookThis')}
        </BusyButton>
        <button
          type="button"
          className="button button-secondary"
          data-testid="booking-other-time"
          disabled={busy}
          onClick={onBack}
        >
          {t('portal.appointments.otherTime')}
        </button>
      </div>
    </section>
  );
}

function Summary({
  service,
  clinician,
  mode,
  when,
}: {
  service: string;
  clinician: string;
  mode: S['VisitMode'];
  when: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <dl className="details" data-testid="appointment-summary">
      <div className="row">
        <dt>{t('portal.appointments.service')}</dt>
        <dd>{service}</dd>
      </div>
      <div className="row">
        <dt>{t('portal.appointments.when')}</dt>
        <dd>{when}</dd>
      </div>
      <div className="row">
        <dt>{t('portal.appointments.clinician')}</dt>
        <dd>{clinician}</dd>
      </div>
      <div className="row">
        <dt>{t('portal.appointments.how')}</dt>
        <dd>{t(MODE[mode])}</dd>
      </div>
    </dl>
  );
}

function Booked({ view }: { view: Appointment }) {
  const { t } = useI18n();
  const requested = view.status === 'requested';
  return (
    <section className="stack" data-testid="booking-done" data-status={view.status}>
      <PageHeading testid="booking-done-title">
        {requested ? t('portal.appointments.requestedTitle') : t('portal.appointments.bookedTitle')}
      </PageHeading>
      <Alert tone="success" testid="booking-done-message">
        <p>{requested ? t('portal.appointments.requestedBody') : t('portal.appointments.bookedBody')}</p>
      </Alert>
      <Summary
        service={view.service_name}
        clinician={view.clinician_name}
        mode={view.mode}
        when={<When start={view.start} zone={view.time_zone} />}
      />
      <div className="actions">
        <Link className="button" href="/appointments" data-testid="booking-done-list">
          {t('portal.appointments.seeAll')}
        </Link>
      </div>
    </section>
  );
}

// ------------------------------------------------------------------------------------------------
// Moving an appointment: a new free time of the same service.

export function AppointmentsReschedule({ appointmentId }: { appointmentId: string }) {
  const { t } = useI18n();
  usePageTitle(t('portal.appointments.rescheduleTitle'));
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const status = useStatus();
  const list = useQuery({ queryKey: APPOINTMENTS, queryFn: appointments.list });
  const services = useQuery({ queryKey: BOOKABLE, queryFn: appointments.services });
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Slot | null>(null);
  const clinicianFieldId = useId();
  const move = useMutation({
    mutationFn: ({ a, slot }: { a: Appointment; slot: Slot }) =>
      appointments.reschedule(a.appointment_id, {
        start: slot.start,
        ...(slot.clinician_id !== a.clinician_id ? { clinician_id: slot.clinician_id } : {}),
      }),
    onSuccess: (view) => {
      status.announce('portal.appointments.rescheduled', { service: view.service_name }, '/appointments');
      replaceInList(client, view);
      void client.invalidateQueries({ queryKey: APPOINTMENTS });
      navigate('/appointments');
    },
    onError: (err) => {
      setChosen(null);
      if (taken(err)) void client.invalidateQueries({ queryKey: [AVAILABILITY] });
    },
  });
  const confirmRef = useFocusOnShow<HTMLHeadingElement>(chosen);

  const heading = <PageHeading>{t('portal.appointments.rescheduleTitle')}</PageHeading>;
  if (list.isError)
    return (
      <section className="stack">
        {heading}
        <LoadFailed error={list.error} retry={() => void list.refetch()} />
      </section>
    );
  if (!list.data)
    return (
      <section className="stack">
        {heading}
        <Loading />
      </section>
    );
  const a = list.data.upcoming.find((x) => x.appointment_id === appointmentId);
  if (!a)
    return (
      <section className="stack" data-testid="reschedule-missing">
        {heading}
        <p>{t('portal.appointments.rescheduleMissing')}</p>
        <p>
          <Link href="/appointments">{t('portal.appointments.back')}</Link>
        </p>
      </section>
    );
  const bookable = services.data?.services.find((s) => s.service_id === a.service_id);
  const clinicians = bookable?.clinicians ?? [];
  const who = clinicianId ?? a.clinician_id;
  return (
    <section className="stack" data-testid="appointments-reschedule">
      {heading}
      <p>
        <Link href="/appointments" data-testid="appointments-back">
          {t('portal.appointments.back')}
        </Link>
      </p>
      <Summary
        service={a.service_name}
        clinician={a.clinician_name}
        mode={a.mode}
        when={<When start={a.start} zone={a.time_zone} testid="reschedule-from" />}
      />
      {move.error ? (
        taken(move.error) ? (
          <Alert tone="error" testid="reschedule-error" focus>
            <p>{t('portal.appointments.rescheduleRefused')}</p>
            <ErrorDetail error={move.error} />
          </Alert>
        ) : (
          <ErrorMessage error={move.error} testid="reschedule-error" focus />
        )
      ) : null}
      {chosen ? (
        <section className="card stack" data-testid="reschedule-confirm" aria-labelledby="reschedule-confirm-title">
          <h2 id="reschedule-confirm-title" ref={confirmRef} tabIndex={-1}>
            {t('portal.appointments.rescheduleCheck')}
          </h2>
          <div>
            <p>{t('portal.appointments.rescheduleTo', { name: chosen.clinician_name })}</p>
            <When start={chosen.start} zone={chosen.clinician_time_zone} testid="reschedule-to" />
          </div>
          <div className="actions">
            <BusyButton
              type="button"
              busy={move.isPending}
              busyLabel={t('portal.appointments.moving')}
              data-testid="reschedule-submit"
              onClick={() => move.mutate({ a, slot: chosen })}
            >
              {t('portal.appointments.rescheduleYes')}
            </BusyButton>
            <button
              type="button"
              className="button button-secondary"
              data-testid="booking-other-time"
              disabled={move.isPending}
              onClick={() => setChosen(null)}
            >
              {t('portal.appointments.otherTime')}
            </button>
          </div>
        </section>
      ) : (
        <>
          {clinicians.length > 1 ? (
            <div className="field">
              <label htmlFor={clinicianFieldId}>{t('portal.appointments.clinician')}</label>
              <select
                id={clinicianFieldId}
                data-testid="clinician-select"
                value={who}
                onChange={(e) => setClinicianId(e.currentTarget.value)}
              >
                <option value="">{t('portal.appointments.anyClinician')}</option>
                {clinicians.map((c) => (
                  <option key={c.clinician_id} value={c.clinician_id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <SlotPicker
            key={who}
            serviceId={a.service_id}
            clinicianId={who}
            busyKey=""
            disabled={move.isPending}
            horizonDays={bookable?.horizon_days}
            onPick={(slot) => {
              move.reset();
              setChosen(slot);
            }}
          />
        </>
      )}
    </section>
  );
}

/** The server's own words for a refusal, when it gave some (English only: need 12). */
function ErrorDetail({ error }: { error: unknown }) {
  const { lang } = useI18n();
  if (lang !== 'en' || !(error instanceof ApiError) || !error.detail) return null;
  return <p>{error.detail}</p>;
}
