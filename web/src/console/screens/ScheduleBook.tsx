// Booking for a patient at the desk: find the patient, a service, a clinician, a day, and one of the
// clinician's free times that day as the server counts them (`GET /staff/availability`: bookings,
// holds, blocks and buffers; no online notice or horizon). A time taken meanwhile still answers 409.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { BusyButton, ErrorMessage, Field, Loading, useStatus } from '../../shared/ui/components';
import { type S, staff } from '../api';
import { fullName, Refusal, useTeam } from '../parts';
import { addDays, BOOK, dayIn, isoToWallClock, scheduling } from './ScheduleApi';

/** Half a day and more: a calendar day anywhere on Earth lies inside the day widened by this on both sides. */
const ANY_ZONE_MS = 14 * 3_600_000;

export function ScheduleBook({ onDone }: { onDone: () => void }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const team = useTeam();
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [patient, setPatient] = useState<S['PatientSummary'] | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  const [day, setDay] = useState(() => dayIn(tr.zoneName(), new Date()));
  /** The chosen free time's start (the server's instant). */
  const [start, setStart] = useState('');
  const results = useQuery({
    queryKey: ['search', asked],
    queryFn: () => staff.search(asked),
    enabled: asked.length > 0,
  });
  const services = useQuery({ queryKey: ['staff-services'], queryFn: scheduling.services });
  // The day is on the clinician's clock, which only the answer names: ask for the day widened to
  // cover every zone, and keep the times that fall on it there.
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const free = useQuery({
    queryKey: ['staff-availability', serviceId, clinicianId, day],
    queryFn: () =>
      scheduling.availability({
        service: serviceId,
        clinician: clinicianId,
        from: new Date(dayStart - ANY_ZONE_MS).toISOString(),
        to: new Date(Date.parse(`${addDays(day, 1)}T00:00:00Z`) + ANY_ZONE_MS).toISOString(),
      }),
    enabled: Boolean(serviceId && clinicianId && !Number.isNaN(dayStart)),
  });
  const service = services.data?.services.find((s) => s.service_id === serviceId) ?? null;
  const names = new Map((team.data ?? []).map((m) => [m.staff_id, m.display_name]));
  const times = (free.data?.slots ?? []).filter(
    (slot) => slot.clinician_id === clinicianId && dayIn(slot.clinician_time_zone, new Date(slot.start)) === day,
  );
  const zone = times[0]?.clinician_time_zone;
  const book = useMutation({
    mutationFn: (body: S['StaffBookRequest']) => scheduling.book(body),
    onSuccess: (view) => {
      status.announce('console.schedule.booked', {
        patient: patient ? `${patient.given_name} ${patient.family_name}` : '',
        when: tr.dateTime(view.start),
      });
      void client.invalidateQueries({ queryKey: [BOOK] });
      void client.invalidateQueries({ queryKey: ['staff-availability'] });
      onDone();
    },
    onError: (err) => {
      // Taken meanwhile: the free times are read again, without it.
      if (err instanceof ApiError && err.status === 409) {
        setStart('');
        void client.invalidateQueries({ queryKey: ['staff-availability'] });
      }
    },
  });

  return (
    <section className="card stack" data-testid="schedule-book" aria-labelledby="schedule-book-title">
      <h2 id="schedule-book-title">{t('console.schedule.bookForPatient')}</h2>
      {patient ? (
        <p data-testid="schedule-book-patient">
          {t('console.schedule.bookPatient', { name: fullName(patient) })}{' '}
          <button type="button" className="link-button" onClick={() => setPatient(null)}>
            {t('console.schedule.changePatient')}
          </button>
        </p>
      ) : (
        <form
          className="search stack"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(query.trim());
          }}
        >
          <Field label={t('console.schedule.findPatient')} hint={t('console.patients.searchHint')}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="search"
                data-testid="schedule-book-search"
                aria-describedby={describedBy || undefined}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-secondary" data-testid="schedule-book-search-submit">
              {t('console.patients.find')}
            </button>
          </div>
          {results.isError ? <ErrorMessage error={results.error} /> : null}
          {results.isFetching ? <Loading /> : null}
          <div aria-live="polite">
            {results.data ? (
              results.data.patients.length ? (
                <ul className="list">
                  {results.data.patients.map((p) => (
                    <li key={p.patient_id} className="list-row">
                      <button
                        type="button"
                        className="link-button"
                        data-testid="schedule-book-result"
                        onClick={() => setPatient(p)}
                      >
                        {t('console.schedule.choosePatient', { name: `${p.given_name} ${p.family_name}` })}
                      </button>
                      <span className="hint">
                        {t('console.patients.born', { date: tr.calendarDate(p.date_of_birth) })}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('console.patients.none')}</p>
              )
            ) : null}
          </div>
        </form>
      )}
      {patient ? (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!patient || !service || !clinicianId || !start) return;
            book.mutate({
              patient_id: patient.patient_id,
              service_id: service.service_id,
              clinician_id: clinicianId,
              start,
            });
          }}
        >
          <Field label={t('console.schedule.service')}>
            {({ id }) => (
              <select
                id={id}
                data-testid="schedule-book-service"
                value={serviceId}
                onChange={(e) => {
                  setServiceId(e.currentTarget.value);
                  setClinicianId('');
                  setStart('');
                }}
              >
                <option value="">{t('console.schedule.choose')}</option>
                {(services.data?.services ?? [])
                  .filter((s) => s.active)
                  .map((s) => (
                    <option key={s.service_id} value={s.service_id}>
                      {s.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {service ? (
            <Field label={t('console.schedule.clinician')}>
              {({ id }) => (
                <select
                  id={id}
                  data-testid="schedule-book-clinician"
                  value={clinicianId}
                  onChange={(e) => {
                    setClinicianId(e.currentTarget.value);
                    setStart('');
                  }}
                >
                  <option value="">{t('console.schedule.choose')}</option>
                  {service.clinicians.map((c) => (
                    <option key={c} value={c}>
                      {names.get(c) ?? c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {clinicianId ? (
            <Field label={t('console.schedule.date')}>
              {({ id }) => (
                <input
                  id={id}
                  type="date"
                  data-testid="schedule-book-date"
                  value={day}
                  onChange={(e) => {
                    setDay(e.currentTarget.value);
                    setStart('');
                  }}
                />
              )}
            </Field>
          ) : null}
          {free.isFetching ? <Loading /> : null}
          {free.isError ? <ErrorMessage error={free.error} /> : null}
          {free.data && !free.isFetching ? (
            times.length ? (
              <Field label={t('console.schedule.startTime')} hint={t('console.schedule.startTimeHint', { zone })}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    data-testid="schedule-book-time"
                    aria-describedby={describedBy || undefined}
                    value={start}
                    onChange={(e) => setStart(e.currentTarget.value)}
                  >
                    <option value="">{t('console.schedule.choose')}</option>
                    {times.map((slot) => (
                      <option key={slot.start} value={slot.start}>
                        {isoToWallClock(slot.start, slot.clinician_time_zone).slice(11)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <p data-testid="schedule-book-no-times">{t('console.schedule.noTimesThatDay')}</p>
            )
          ) : null}
          {book.error ? (
            <Refusal error={book.error} words={{ 409: 'console.schedule.taken' }} testid="schedule-book-error" focus />
          ) : null}
          <div className="actions">
            <BusyButton
              type="submit"
              busy={book.isPending}
              busyLabel={t('console.schedule.booking')}
              disabled={!start || !service}
              data-testid="schedule-book-submit"
            >
              {t('console.schedule.book')}
            </BusyButton>
            <button type="button" className="button button-secondary" onClick={onDone}>
              {t('console.schedule.close')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t('console.schedule.close')}
          </button>
        </div>
      )}
    </section>
  );
}
