// A clinician joins their own video visit from the book (`POST /staff/appointments/{id}/join`). The
// answer holds the attendee's token: it stays in memory, is never logged, and goes in no URL of ours;
// the local video page (`join_url`) opens in a new tab as the server gives it. Outside the visit's
// window the server answers `not-open` with when it opens and closes, and the page says so.
import { useMutation } from '@tanstack/react-query';
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
    mutationFn: () => scheduling.join(a.appointment_id, { patient_id: a.patient_id }),
    onSuccess: (view: S['JoinView']) => {
      if (view.join_url) window.open(view.join_url, '_blank', 'noopener,noreferrer');
    },
  });
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
          <Alert tone="info" testid="schedule-join-opened">
            <p>
              {t('console.schedule.join.opened')}{' '}
              <a href={join.data.join_url} target="_blank" rel="noopener noreferrer" data-testid="schedule-join-link">
                {t('console.schedule.join.openAgain')}
              </a>
            </p>
          </Alert>
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
