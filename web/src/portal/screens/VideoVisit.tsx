// "Join video visit" on a booked or arrived telehealth appointment (upcoming, or past while its window is
// still open). Before its window the button says when it
// opens; the server decides (a 403 `not-open` names the window, which then replaces the estimate). A
// seat's link is opened as the server gives it; the attendee token is never logged or put in a query.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, ErrorMessage } from '../../shared/ui/components';
import { type Appointment, appointments, timeIn, videoWindow } from './AppointmentsApi';
import { useNow } from './Waitlist';

/** Opens the local video page (a seam for tests: navigation leaves the page). */
export const video = {
  open: (url: string) => window.location.assign(url),
};

const notOpen = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status === 403 && err.kind === 'not-open';

export function VideoVisit({ a }: { a: Appointment }) {
  const { t, tr } = useI18n();
  const now = useNow(15_000);
  // The window comes from the appointment on every render; a 403 `not-open` answer for this same
  // appointment and version overrides it (a changed appointment states its own window again).
  const [stated, setStated] = useState<{ id: string; version: number; opensAt: number; closesAt: number } | null>(null);
  const [ready, setReady] = useState(false);
  const join = useMutation({
    mutationFn: () => appointments.join(a.appointment_id),
    onSuccess: (seat) => {
      if (seat.join_url) video.open(seat.join_url);
      else setReady(true);
    },
    onError: (err) => {
      if (!notOpen(err)) return;
      const opens = Date.parse(err.problem?.opens_at ?? '');
      const closes = Date.parse(err.problem?.closes_at ?? '');
      if (!Number.isNaN(opens) && !Number.isNaN(closes))
        setStated({ id: a.appointment_id, version: a.version, opensAt: opens, closesAt: closes });
    },
  });
  const window_ = stated && stated.id === a.appointment_id && stated.version === a.version ? stated : videoWindow(a);
  if (now > window_.closesAt) return null;
  const early = now < window_.opensAt;
  const opensAt = new Date(window_.opensAt).toISOString();
  const opensText = timeIn(tr.locale, tr.zoneName(), opensAt, true);
  return (
    <div className="stack-tight" data-testid="video-visit">
      {early ? (
        <p className="hint" data-testid="video-opens">
          {t('portal.appointments.video.opensAt', { time: opensText })}
        </p>
      ) : null}
      {join.error && notOpen(join.error) ? (
        <Alert tone="info" testid="video-not-open" focus>
          <p>{t('portal.appointments.video.notOpen', { time: opensText })}</p>
        </Alert>
      ) : join.error ? (
        <ErrorMessage error={join.error} testid="video-error" focus />
      ) : null}
      {ready ? (
        <Alert tone="success" testid="video-ready" focus>
          <p>{t('portal.appointments.video.readyElsewhere')}</p>
        </Alert>
      ) : null}
      <div className="actions">
        <BusyButton
          type="button"
          busy={join.isPending}
          busyLabel={t('portal.appointments.video.joining')}
          data-testid="video-join"
          disabled={early}
          onClick={() => join.mutate()}
        >
          {early
            ? t('portal.appointments.video.joinFrom', { time: timeIn(tr.locale, tr.zoneName(), opensAt) })
            : t('portal.appointments.video.join')}
        </BusyButton>
      </div>
    </div>
  );
}
