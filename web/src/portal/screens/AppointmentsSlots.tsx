// The free times of one service, a week at a time, grouped by day in the patient's zone. Each time is
// a button (Tab, Enter); the days are headings, and each button names its day.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { LoadFailed, Loading } from '../../shared/ui/components';
import { appointments, dayLabel, localDay, type S, timeIn } from './AppointmentsApi';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export type Slot = S['Slot'];

export const slotKey = (s: Pick<Slot, 'start' | 'clinician_id'>) => `${s.clinician_id}@${s.start}`;

/** The query key prefix of free times: a taken time refreshes every week shown. */
export const AVAILABILITY = 'availability';

export function SlotPicker({
  serviceId,
  clinicianId,
  busyKey,
  disabled,
  onPick,
  horizonDays,
}: {
  serviceId: string;
  /** '' for every clinician who sees the service. */
  clinicianId: string;
  /** The time being held or booked (its button says so). */
  busyKey: string;
  disabled: boolean;
  onPick: (slot: Slot, zone: string) => void;
  /** How far ahead the service can be booked online (days): no week is offered past it. */
  horizonDays?: number;
}) {
  const { t, tr } = useI18n();
  const [now] = useState(() => Date.now());
  const [week, setWeek] = useState(0);
  const idBase = useId();
  const from = new Date(now + week * WEEK_MS).toISOString();
  const horizon = horizonDays === undefined ? Number.POSITIVE_INFINITY : now + horizonDays * DAY_MS;
  const to = new Date(Math.min(now + (week + 1) * WEEK_MS, horizon)).toISOString();
  const lastWeek = now + (week + 1) * WEEK_MS >= horizon;
  const slots = useQuery({
    queryKey: [AVAILABILITY, serviceId, clinicianId, week],
    queryFn: () =>
      appointments.availability({
        service: serviceId,
        ...(clinicianId ? { clinician: clinicianId } : {}),
        // The first week starts now, as the server counts it.
        ...(week > 0 ? { from } : {}),
        to,
      }),
  });
  const zone = slots.data?.time_zone;
  const days = new Map<string, Slot[]>();
  for (const slot of slots.data?.slots ?? []) {
    const day = localDay(slot.local_start);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  const count = slots.data?.slots.length ?? 0;
  // Whose time each is, when more than one clinician's times are shown.
  const named = !clinicianId && new Set(slots.data?.slots.map((x) => x.clinician_id)).size > 1;
  const range = t('portal.appointments.weekRange', {
    from: tr.dateTime(week > 0 ? from : new Date(now).toISOString()),
    to: tr.dateTime(to),
  });

  return (
    <section className="stack" data-testid="slot-picker" aria-labelledby={`${idBase}-title`}>
      <h2 id={`${idBase}-title`}>{t('portal.appointments.chooseTime')}</h2>
      <p className="hint" data-testid="slot-week">
        {range}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="slot-week-previous"
          disabled={week === 0}
          onClick={() => setWeek((w) => Math.max(0, w - 1))}
        >
          {t('portal.appointments.previousWeek')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          data-testid="slot-week-next"
          disabled={lastWeek}
          onClick={() => setWeek((w) => w + 1)}
        >
          {t('portal.appointments.nextWeek')}
        </button>
      </div>
      {lastWeek && horizonDays !== undefined ? (
        <p className="hint" data-testid="slot-horizon">
          {t('portal.appointments.horizonReached', { n: horizonDays })}
        </p>
      ) : null}
      <div aria-live="polite" data-testid="slot-summary" className="visually-hidden">
        {slots.data ? t('portal.appointments.slotCount', { n: count }) : ''}
      </div>
      {slots.isError ? (
        <LoadFailed error={slots.error} retry={() => void slots.refetch()} />
      ) : !slots.data || slots.isFetching ? (
        <Loading label={t('portal.appointments.loadingTimes')} />
      ) : count === 0 ? (
        <p data-testid="slot-empty">{t('portal.appointments.noTimes')}</p>
      ) : (
        <div className="stack" data-testid="slot-days">
          {[...days.entries()].map(([day, list]) => {
            const headingId = `${idBase}-${day}`;
            return (
              <div key={day} className="stack-tight" data-testid="slot-day" data-day={day}>
                <h3 id={headingId}>{dayLabel(tr.locale, day)}</h3>
                <ul className="slot-list">
                  {list.map((slot) => {
                    const key = slotKey(slot);
                    const busy = busyKey === key;
                    return (
                      <li key={key}>
                        <button
                          type="button"
                          className="button button-secondary"
                          data-testid="slot"
                          data-start={slot.start}
                          data-clinician={slot.clinician_id}
                          aria-describedby={headingId}
                          aria-busy={busy || undefined}
                          disabled={disabled}
                          onClick={() => onPick(slot, zone ?? slot.clinician_time_zone)}
                        >
                          {timeIn(tr.locale, zone, slot.start)}
                          {named ? <span className="slot-who"> {slot.clinician_name}</span> : null}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
