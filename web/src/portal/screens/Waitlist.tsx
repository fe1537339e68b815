// The waitlist: joining a service's line for an earlier time (or for any time, when none suits), the
// patient's places (with Leave, asked first), and the freed times offered to them. A live offer stands
// out with its claim-by time; the first claim wins, and a refused claim keeps the patient's place.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError, isMissingRoute } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, ConfirmDialog, ErrorMessage, Field, useStatus } from '../../shared/ui/components';
import { describeFieldError, fieldDetail, sentence } from '../../shared/ui/errors';
import { type Appointment, dayAfter, dayLabel, liveOffer, type S, timeIn, waitlist, zoneAbbr } from './AppointmentsApi';
import { AVAILABILITY } from './AppointmentsSlots';

export const WAITLIST = ['waitlist'] as const;
/** Appointments and free times change when a claim lands. */
const APPOINTMENTS = ['appointments'] as const;

type Place = S['PlaceView'];
type Offer = S['OfferView'];
type Part = S['PartOfDay'];

/** The API's day codes (`mon` … `sun`, given in prose only: need 34), in the week's order. */
const DAYS = {
  mon: 'portal.waitlist.day.mon',
  tue: 'portal.waitlist.day.tue',
  wed: 'portal.waitlist.day.wed',
  thu: 'portal.waitlist.day.thu',
  fri: 'portal.waitlist.day.fri',
  sat: 'portal.waitlist.day.sat',
  sun: 'portal.waitlist.day.sun',
} as const;
type Day = keyof typeof DAYS;

const PARTS = {
  morning: 'portal.waitlist.part.morning',
  afternoon: 'portal.waitlist.part.afternoon',
  evening: 'portal.waitlist.part.evening',
} as const satisfies Record<Part, string>;

/** How long the form offers by default: today and the next two weeks. */
const DEFAULT_DAYS = 14;

/** The patient's waitlist, read once for the offers and the places alike. */
export function useWaitlist() {
  return useQuery({
    queryKey: WAITLIST,
    queryFn: waitlist.view,
    // An offer is claimed by whoever is first: while the patient waits, look again now and then.
    refetchInterval: (q) => (q.state.data?.places.length ? 30_000 : false),
  });
}

/** A clock that moves on every `ms`, for countdowns. */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((x) => x !== value) : [...list, value];
}

// ------------------------------------------------------------------------------------------------
// Joining.

export function JoinWaitlistForm({
  service,
  replaces,
  onJoined,
  onClose,
}: {
  service: S['BookableService'];
  /** The booked appointment an earlier time would replace. */
  replaces?: Appointment;
  onJoined: (place: Place) => void;
  onClose: () => void;
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const zone = tr.zoneName();
  const today = dayAfter(0, zone);
  const last = dayAfter(service.horizon_days, zone);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => dayAfter(Math.min(DEFAULT_DAYS, service.horizon_days), zone));
  const [days, setDays] = useState<Day[]>([]);
  const [parts, setParts] = useState<Part[]>([]);
  const [clinicians, setClinicians] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const join = useMutation({
    mutationFn: () =>
      waitlist.join({
        service_id: service.service_id,
        from,
        to,
        ...(days.length ? { days } : {}),
        ...(parts.length ? { parts_of_day: parts } : {}),
        ...(clinicians.length ? { clinicians } : {}),
        ...(replaces ? { replaces: replaces.appointment_id } : {}),
      }),
    onSuccess: (place) => {
      // Shown at once (the appointment's "Get an earlier time" goes with it), then read again.
      client.setQueryData<S['WaitlistView']>(WAITLIST, (v) =>
        v ? { ...v, places: [...v.places.filter((x) => x.entry_id !== place.entry_id), place] } : v,
      );
      void client.invalidateQueries({ queryKey: WAITLIST });
      onJoined(place);
    },
  });

  // The form's own checks: both days, in order, from today up to how far ahead the service is booked.
  const fromError = !from ? t('portal.waitlist.fromMissing') : from < today ? t('portal.waitlist.fromPast') : '';
  const toError = !to
    ? t('portal.waitlist.toMissing')
    : from && to < from
      ? t('portal.waitlist.toBeforeFrom')
      : to > last
        ? t('portal.waitlist.toTooFar', { n: service.horizon_days })
        : '';
  const serverField = (field: string, what: string) => {
    const detail = fieldDetail(join.error, field);
    return detail ? describeFieldError(tr, what, detail) : '';
  };
  const shownFrom = (checked && fromError) || serverField('from', t('portal.waitlist.fromNoun'));
  const shownTo = (checked && toError) || serverField('to', t('portal.waitlist.toNoun'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (fromError || toError) {
      summaryRef.current?.focus();
      return;
    }
    join.mutate();
  };

  // Only a refusal naming a field of this form's own (the dates) is shown next to it; any other is the
  // server's problem detail, with its field details.
  const fieldRefused = Boolean(fieldDetail(join.error, 'from') || fieldDetail(join.error, 'to'));
  return (
    <form
      className="card stack"
      data-testid="waitlist-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="waitlist-form-title"
    >
      <h3 id="waitlist-form-title" ref={titleRef} tabIndex={-1}>
        {replaces
          ? t('portal.waitlist.earlierTitle', { service: service.name })
          : t('portal.waitlist.joinTitle', { service: service.name })}
      </h3>
      <p className="hint">{t('portal.waitlist.howItWorks')}</p>
      {replaces ? (
        <p data-testid="waitlist-replaces">
          {t('portal.waitlist.replacesExplain', { when: tr.dateTime(replaces.start) })}
        </p>
      ) : null}
      <div ref={summaryRef} tabIndex={-1}>
        {checked && (fromError || toError) ? (
          <Alert tone="error" testid="waitlist-form-invalid">
            <p>{t('common.checkHighlighted')}</p>
          </Alert>
        ) : null}
      </div>
      <div className="waitlist-dates">
        <Field label={t('portal.waitlist.from')} error={shownFrom}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="date"
              data-testid="waitlist-from"
              min={today}
              max={last}
              value={from}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy || undefined}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('portal.waitlist.to')} error={shownTo}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="date"
              data-testid="waitlist-to"
              min={from || today}
              max={last}
              value={to}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy || undefined}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="stack-tight">
        <legend>
          {t('portal.waitlist.days')} <span className="optional">{t('common.optional')}</span>
        </legend>
        <p className="hint">{t('portal.waitlist.anyIfNone')}</p>
        <div className="choices waitlist-choices">
          {(Object.keys(DAYS) as Day[]).map((d) => (
            <div className="choice" key={d}>
              <input
                type="checkbox"
                id={`waitlist-day-${d}`}
                data-testid="waitlist-day"
                value={d}
                checked={days.includes(d)}
                onChange={() => setDays((x) => toggle(x, d))}
              />
              <label htmlFor={`waitlist-day-${d}`}>{t(DAYS[d])}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="stack-tight">
        <legend>
          {t('portal.waitlist.parts')} <span className="optional">{t('common.optional')}</span>
        </legend>
        <div className="choices waitlist-choices">
          {(enums.PartOfDay as readonly Part[]).map((p) => (
            <div className="choice" key={p}>
              <input
                type="checkbox"
                id={`waitlist-part-${p}`}
                data-testid="waitlist-part"
                value={p}
                checked={parts.includes(p)}
                onChange={() => setParts((x) => toggle(x, p))}
              />
              <label htmlFor={`waitlist-part-${p}`}>{t(PARTS[p])}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {service.clinicians.length > 1 ? (
        <fieldset className="stack-tight">
          <legend>
            {t('portal.waitlist.clinicians')} <span className="optional">{t('common.optional')}</span>
          </legend>
          <p className="hint">{t('portal.waitlist.anyClinicianIfNone')}</p>
          <div className="choices">
            {service.clinicians.map((c) => (
              <div className="choice" key={c.clinician_id}>
                <input
                  type="checkbox"
                  id={`waitlist-clinician-${c.clinician_id}`}
                  data-testid="waitlist-clinician"
                  value={c.clinician_id}
                  checked={clinicians.includes(c.clinician_id)}
                  onChange={() => setClinicians((x) => toggle(x, c.clinician_id))}
                />
                <label htmlFor={`waitlist-clinician-${c.clinician_id}`}>{c.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      {join.error && !fieldRefused && isConflict(join.error) ? (
        <Alert tone="error" testid="waitlist-join-error" focus>
          <ConflictText error={join.error} fallback="portal.waitlist.conflict.tooMany" />
        </Alert>
      ) : join.error && !fieldRefused ? (
        <ErrorMessage error={join.error} testid="waitlist-join-error" focus />
      ) : null}
      {join.error && fieldRefused ? (
        <Alert tone="error" testid="waitlist-join-error" focus>
          <p>{t('common.checkHighlighted')}</p>
        </Alert>
      ) : null}
      <div className="actions">
        <BusyButton
          type="submit"
          busy={join.isPending}
          busyLabel={t('portal.waitlist.joining')}
          data-testid="waitlist-submit"
        >
          {t('portal.waitlist.joinSubmit')}
        </BusyButton>
        <button
          type="button"
          className="button button-secondary"
          data-testid="waitlist-form-close"
          disabled={join.isPending}
          onClick={onClose}
        >
          {t('portal.waitlist.notNow')}
        </button>
      </div>
    </form>
  );
}

// ------------------------------------------------------------------------------------------------
// Offers.

/** The times offered to the patient: live ones first and prominent, the rest quietly. */
export function WaitlistOffers({ focusOffer }: { focusOffer?: string }) {
  const { t } = useI18n();
  const view = useWaitlist();
  const now = useNow();
  const [claimed, setClaimed] = useState<S['ClaimView'] | null>(null);
  // A refused claim is said at the section's level: read again, the offer moves to the quiet list.
  const [refused, setRefused] = useState<unknown>(null);
  const focused = useRef(false);
  const offers = view.data?.offers ?? [];
  const found = Boolean(focusOffer && offers.some((o) => o.offer_id === focusOffer));

  // Opened from a notice: bring that offer into view and focus, once it has been read.
  useEffect(() => {
    if (!focusOffer || focused.current || !view.data) return;
    focused.current = true;
    const el = Array.from(document.querySelectorAll<HTMLElement>('[data-offer-id]')).find(
      (x) => x.dataset.offerId === focusOffer,
    );
    el?.scrollIntoView?.({ block: 'center' });
    el?.focus();
  }, [focusOffer, view.data]);

  if (view.isError && !isMissingRoute(view.error) && focusOffer)
    return <ErrorMessage error={view.error} testid="waitlist-error" />;
  if (!view.data) return null;
  const live = offers.filter((o) => liveOffer(o, now));
  const quiet = offers.filter((o) => !liveOffer(o, now));
  if (!offers.length && !claimed && !(focusOffer && !found)) return null;
  return (
    <section
      className="stack"
      data-testid="waitlist-offers"
      aria-labelledby="waitlist-offers-title"
      id="waitlist-offers"
    >
      <h2 id="waitlist-offers-title">{t('portal.waitlist.offersTitle')}</h2>
      {claimed ? <ClaimDone claim={claimed} /> : null}
      {refused ? (
        <div className="stack-tight">
          {isConflict(refused) ? (
            <Alert tone="error" testid="offer-claim-error" focus>
              <ConflictText
                error={refused}
                fallback={
                  /passed|expired/i.test(refused.detail ?? '') || refused.kind === 'expired'
                    ? 'portal.waitlist.conflict.passed'
                    : 'portal.waitlist.conflict.taken'
                }
              />
            </Alert>
          ) : (
            <ErrorMessage error={refused} testid="offer-claim-error" focus />
          )}
          {isConflict(refused) ? <p data-testid="offer-keep-place">{t('portal.waitlist.keepPlace')}</p> : null}
        </div>
      ) : null}
      {focusOffer && !found ? (
        <Alert tone="info" testid="waitlist-offer-missing">
          <p>{t('portal.waitlist.offerMissing')}</p>
        </Alert>
      ) : null}
      {live.length ? (
        <ul className="appointment-list">
          {live.map((o) => (
            <LiveOffer
              key={o.offer_id}
              offer={o}
              now={now}
              onClaiming={() => setRefused(null)}
              onClaimed={setClaimed}
              onRefused={setRefused}
            />
          ))}
        </ul>
      ) : null}
      {quiet.length ? (
        <ul className="appointment-list quiet-list" data-testid="waitlist-offers-past">
          {quiet.map((o) => (
            <QuietOffer key={o.offer_id} offer={o} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** When, in the patient's zone and (when it reads otherwise) the clinician's. */
function OfferWhen({ offer }: { offer: Offer }) {
  const { t, tr } = useI18n();
  const theirs = timeIn(tr.locale, offer.time_zone, offer.start, true);
  const same = timeIn(tr.locale, tr.zoneName(), offer.start, true) === theirs;
  return (
    <div data-testid="offer-when">
      <time dateTime={offer.start}>{tr.dateTime(offer.start)}</time>
      {same ? null : (
        <span className="hint" data-testid="offer-their-time">
          {' '}
          {t('portal.waitlist.theirTime', { time: theirs, zone: zoneAbbr(tr.locale, offer.time_zone, offer.start) })}
        </span>
      )}
    </div>
  );
}

function LiveOffer({
  offer,
  now,
  onClaiming,
  onClaimed,
  onRefused,
}: {
  offer: Offer;
  now: number;
  onClaiming: () => void;
  onClaimed: (claim: S['ClaimView']) => void;
  onRefused: (err: unknown) => void;
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const claim = useMutation({
    mutationFn: () => waitlist.claim(offer.offer_id),
    onMutate: onClaiming,
    onSuccess: (answer) => {
      status.announce('portal.waitlist.claimed', { service: answer.appointment.service_name });
      onClaimed(answer);
      void client.invalidateQueries({ queryKey: WAITLIST });
      void client.invalidateQueries({ queryKey: APPOINTMENTS });
      // The header's counts and the free times change with a claimed time.
      void client.invalidateQueries({ queryKey: ['home'] });
      void client.invalidateQueries({ queryKey: [AVAILABILITY] });
    },
    onError: (err) => {
      onRefused(err);
      // Someone else was first, the time was taken, or the window passed: read the offers again.
      if (err instanceof ApiError && err.status === 409) void client.invalidateQueries({ queryKey: WAITLIST });
    },
  });
  const minutes = Math.max(1, Math.ceil((Date.parse(offer.expires_at) - now) / 60_000));
  return (
    <li
      className="card stack-tight offer-live"
      data-testid="waitlist-offer"
      data-offer-id={offer.offer_id}
      data-status="offered"
      tabIndex={-1}
      aria-labelledby={`offer-${offer.offer_id}-title`}
    >
      <h3 id={`offer-${offer.offer_id}-title`}>{t('portal.waitlist.offerTitle', { service: offer.service_name })}</h3>
      <OfferWhen offer={offer} />
      <div>{t('portal.appointments.with', { name: offer.clinician_name })}</div>
      <p className="offer-deadline" data-testid="offer-deadline">
        {t('portal.waitlist.claimBy', { time: timeIn(tr.locale, tr.zoneName(), offer.expires_at), n: minutes })}
      </p>
      {offer.replaces ? <p className="hint">{t('portal.waitlist.claimReplaces')}</p> : null}
      <div className="actions">
        <BusyButton
          type="button"
          busy={claim.isPending}
          busyLabel={t('portal.waitlist.claiming')}
          data-testid="offer-claim"
          onClick={() => claim.mutate()}
        >
          {t('portal.waitlist.claim')}
        </BusyButton>
      </div>
    </li>
  );
}

const QUIET = {
  offered: 'portal.waitlist.offer.expired',
  claimed: 'portal.waitlist.offer.claimed',
  gone: 'portal.waitlist.offer.gone',
  expired: 'portal.waitlist.offer.expired',
} as const satisfies Record<S['OfferStatus'], string>;

function QuietOffer({ offer }: { offer: Offer }) {
  const { t, tr } = useI18n();
  return (
    <li
      className="hint"
      data-testid="waitlist-offer"
      data-offer-id={offer.offer_id}
      data-status={offer.status}
      tabIndex={-1}
    >
      {t(QUIET[offer.status], { service: offer.service_name, when: tr.dateTime(offer.start) })}
    </li>
  );
}

function ClaimDone({ claim }: { claim: S['ClaimView'] }) {
  const { t, tr } = useI18n();
  const a = claim.appointment;
  return (
    <Alert tone="success" testid="offer-claimed" focus>
      <p>
        <strong>{t('portal.waitlist.claimedTitle')}</strong>
      </p>
      <p data-testid="offer-claimed-appointment">
        {t('portal.waitlist.claimedBody', {
          service: a.service_name,
          when: tr.dateTime(a.start),
          name: a.clinician_name,
        })}
      </p>
      {claim.replaced_appointment_id ? (
        <p data-testid="offer-claimed-replaced">{t('portal.waitlist.claimedReplaced')}</p>
      ) : null}
    </Alert>
  );
}

// ------------------------------------------------------------------------------------------------
// Places.

export function WaitlistPlaces({ services }: { services: S['BookableService'][] | undefined }) {
  const { t } = useI18n();
  const view = useWaitlist();
  const client = useQueryClient();
  const status = useStatus();
  const [leaving, setLeaving] = useState<Place | null>(null);
  // After a place is left: where the focus goes once the dialog has closed (not while it is open:
  // the page behind a modal dialog is inert, and the focus would end on the body).
  const [refocus, setRefocus] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const leave = useMutation({
    mutationFn: (p: Place) => waitlist.leave(p.entry_id),
    onSuccess: (_, p) => done(p),
    onError: (err, p) => {
      // Already gone (an offer claimed, or the dates passed): the patient's wish is met.
      if (err instanceof ApiError && err.status === 404) done(p);
    },
  });
  function done(p: Place) {
    setLeaving(null);
    leave.reset();
    status.announce('portal.waitlist.left', { service: p.service_name });
    client.setQueryData<S['WaitlistView']>(WAITLIST, (v) =>
      v ? { ...v, places: v.places.filter((x) => x.entry_id !== p.entry_id) } : v,
    );
    void client.invalidateQueries({ queryKey: WAITLIST });
    setRefocus(true);
  }
  const remaining = view.data?.places.length ?? 0;
  useEffect(() => {
    if (!refocus || leaving) return;
    setRefocus(false);
    // The places heading while a place remains; else the appointments' own heading.
    const target =
      remaining > 0
        ? headingRef.current
        : (document.getElementById('appointments-upcoming-title') ?? document.querySelector<HTMLElement>('h1'));
    target?.focus();
  }, [refocus, leaving, remaining]);
  if (view.isError && !isMissingRoute(view.error))
    return (
      <section className="stack" data-testid="waitlist-places">
        <h2>{t('portal.waitlist.placesTitle')}</h2>
        <ErrorMessage error={view.error} testid="waitlist-error" />
      </section>
    );
  const places = view.data?.places ?? [];
  if (!places.length && !leaving) return null;
  return (
    <section className="stack" data-testid="waitlist-places" aria-labelledby="waitlist-places-title" id="waitlist">
      <h2 id="waitlist-places-title" ref={headingRef} tabIndex={-1}>
        {t('portal.waitlist.placesTitle')}
      </h2>
      <ul className="appointment-list">
        {places.map((p) => (
          <PlaceItem
            key={p.entry_id}
            place={p}
            service={services?.find((s) => s.service_id === p.service_id)}
            onLeave={() => setLeaving(p)}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={leaving !== null}
        title={t('portal.waitlist.leaveTitle')}
        body={leaving ? [t('portal.waitlist.leaveBody', { service: leaving.service_name })] : []}
        confirmLabel={t('portal.waitlist.leaveYes')}
        cancelLabel={t('portal.waitlist.leaveNo')}
        danger
        busy={leave.isPending}
        busyLabel={t('portal.waitlist.leaving')}
        testid="waitlist-leave-dialog"
        onAnswer={(yes) => {
          if (yes && leaving) leave.mutate(leaving);
          else {
            setLeaving(null);
            leave.reset();
          }
        }}
      >
        {isConflict(leave.error) ? (
          <Alert tone="error" testid="waitlist-leave-error" focus>
            <ConflictText error={leave.error} fallback="portal.waitlist.conflict.leave" />
          </Alert>
        ) : leave.error ? (
          <ErrorMessage error={leave.error} testid="waitlist-leave-error" focus />
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

/**
 * A waitlist conflict (409) in words: the server's own detail for an English reader (as the other
 * screens do), else the catalog's message for the case.
 */
function ConflictText({
  error,
  fallback,
}: {
  error: ApiError;
  fallback: Parameters<ReturnType<typeof useI18n>['t']>[0];
}) {
  const { t, tr } = useI18n();
  return <p>{tr.lang === 'en' && error.detail ? sentence(error.detail) : t(fallback)}</p>;
}

const isConflict = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 409;

/** Weekdays as a list: in Spanish, a weekday's name is lowercase after the first word. */
function listOfDays(days: string[], locale: string): string {
  return days.map((d, i) => (i > 0 && locale.startsWith('es') ? d.toLocaleLowerCase(locale) : d)).join(', ');
}

function PlaceItem({
  place,
  service,
  onLeave,
}: {
  place: Place;
  service: S['BookableService'] | undefined;
  onLeave: () => void;
}) {
  const { t, tr } = useI18n();
  const days = place.days.filter((d): d is Day => d in DAYS).map((d) => t(DAYS[d]));
  const parts = place.parts_of_day.map((p) => t(PARTS[p]));
  const names = place.clinicians.map(
    (id) => service?.clinicians.find((c) => c.clinician_id === id)?.name ?? t('portal.waitlist.aClinician'),
  );
  return (
    <li className="card stack-tight" data-testid="waitlist-place" data-entry-id={place.entry_id}>
      <h3>{place.service_name}</h3>
      <dl className="details">
        <div className="row">
          <dt>{t('portal.waitlist.dates')}</dt>
          <dd data-testid="waitlist-place-dates">
            {t('portal.waitlist.dateRange', {
              from: dayLabel(tr.locale, place.from),
              to: dayLabel(tr.locale, place.to),
            })}
          </dd>
        </div>
        <div className="row">
          <dt>{t('portal.waitlist.days')}</dt>
          <dd>{days.length ? listOfDays(days, tr.locale) : t('portal.waitlist.anyDay')}</dd>
        </div>
        <div className="row">
          <dt>{t('portal.waitlist.parts')}</dt>
          <dd>{parts.length ? parts.join(', ') : t('portal.waitlist.anyTime')}</dd>
        </div>
        <div className="row">
          <dt>{t('portal.waitlist.clinicians')}</dt>
          <dd>{names.length ? names.join(', ') : t('portal.appointments.anyClinician')}</dd>
        </div>
      </dl>
      {place.replaces_start ? (
        <p data-testid="waitlist-place-replaces">
          {t('portal.waitlist.placeReplaces', { when: tr.dateTime(place.replaces_start) })}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" data-testid="waitlist-leave" onClick={onLeave}>
          {t('portal.waitlist.leave')}
        </button>
      </div>
    </li>
  );
}
