// A clinician joins their own video visit from the book (`POST /staff/appointments/{id}/join`). The
// answer holds the attendee's token: it stays in memory, is never logged, and goes in no URL of ours;
// the local video page (`join_url`) is offered as a link to open in a new tab, as the server gives it (a
// tab opened after the answer arrives would be blocked as a popup). The link goes once it is used or
// when the visit's window closes. Outside the visit's
// window the server answers `not-open` with when it opens and closes, and the page says so.
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton } from '../../shared/ui/components';
import { Refusal } from '../parts';
import { type S, type StaffAppointment, scheduling } from './ScheduleApi';

/** The problem type of a join outside the visit's window. */
const NOT_OPEN = 'not-open';

export function JoinVideo({ a }: { a: StaffAppointment }) {
  const { t, tr } = useI18n();
  const join = useMutation({
    mutationFn: (): Promise<S['JoinView']> => scheduling.join(a.appointment_id, { patient_id: a.patient_id }),
  });
  const closesAt = join.data ? Date.parse(join.data.closes_at) : Number.NaN;
  const { reset } = join;
  useEffect(() => {
    if (Number.isNaN(closesAt)) return;
    // Clear the seat's link when the visit's window closes (capped: timers take 32-bit delays).
    const timer = setTimeout(reset, Math.min(Math.max(0, closesAt - Date.now()), 2_147_000_000));
    return () => clearTimeout(timer);
  }, [closesAt, reset]);
  const time = (iso: string | null | undefined) =>
    iso
      ? new Intl.DateTimeFormat(tr.locale, { hour: 'numeric', minute: '2-digit', timeZone: tr.zoneName() }).format(
          new Date(iso),
        )
      : '';
  const error = join.error;
  const notOpen = error instanceof ApiError && error.status === 403 && error.kind === NOT_OPEN ? error : null;
  return (
    <div className="stack-tight" data-testid="schedule-join">
      <div className="actions">
        <BusyButton
          type="button"
          busy={join.isPending}
          busyLabel={t('console.schedule.join.joining')}
          data-testid="schedule-join-button"
          onClick={() => join.mutate()}
        >
          {t('console.schedule.join.button')}
        </BusyButton>
      </div>
      {join.data ? (
        join.data.join_url ? (
          <div className="stack-tight" data-testid="schedule-join-opened">
            <p>{t('console.schedule.join.ready')}</p>
            <div className="actions">
              <a
                className="button"
                href={join.data.join_url}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="schedule-join-link"
                onClick={() => setTimeout(reset, 0)}
              >
                {t('console.schedule.join.openAgain')}
              </a>
            </div>
          </div>
        ) : (
          <Alert tone="info" testid="schedule-join-ready">
            <p>{t('console.schedule.join.readyNoClient')}</p>
          </Alert>
        )
      ) : null}
      {notOpen ? (
        <Alert tone="error" testid="schedule-join-not-open">
          <p>
            {notOpen.problem?.opens_at
              ? t('console.schedule.join.notOpen', {
                  opens: tr.dateTime(notOpen.problem.opens_at),
                  closes: time(notOpen.problem.closes_at),
                })
              : t('console.schedule.join.notOpenUnknown')}
          </p>
        </Alert>
      ) : error ? (
        <Refusal error={error} words={{ 403: 'console.schedule.join.forbidden' }} testid="schedule-join-error" />
      ) : null}
    </div>
  );
}
