// The practice's services (kinds of visit): every field an administrator sets, the server's word on
// each field next to it, and a change someone else made meanwhile (409) met with a reload.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, Field, LoadFailed, Loading, PageHeading, useStatus } from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { Refusal, useFieldErrors, useMe, useTeam } from '../parts';
import { mayDo, type S, scheduling } from './ScheduleApi';

const SERVICES = ['staff-services'];

const MODE_KEYS = {
  in_person: 'console.services.mode.inPerson',
  telehealth: 'console.services.mode.telehealth',
} as const satisfies Record<S['VisitMode'], string>;
const BOOKING_KEYS = {
  patients: 'console.services.booking.patients',
  request_only: 'console.services.booking.requestOnly',
  staff_only: 'console.services.booking.staffOnly',
} as const satisfies Record<S['Booking'], string>;
const LATE_KEYS = {
  allow: 'console.services.late.allow',
  allow_as_late: 'console.services.late.allowAsLate',
  block: 'console.services.late.block',
} as const satisfies Record<S['LateCancel'], string>;

const NUMBERS = [
  ['duration_minutes', 'console.services.duration'],
  ['buffer_before_minutes', 'console.services.bufferBefore'],
  ['buffer_after_minutes', 'console.services.bufferAfter'],
  ['min_notice_minutes', 'console.services.minNotice'],
  ['horizon_days', 'console.services.horizon'],
  ['cancel_notice_hours', 'console.services.cancelNotice'],
  ['reschedule_notice_hours', 'console.services.rescheduleNotice'],
] as const;
type NumberField = (typeof NUMBERS)[number][0];

type Draft = Omit<S['ServiceInput'], NumberField | 'version'> & Record<NumberField, string>;

const EMPTY: Draft = {
  name: '',
  duration_minutes: '30',
  buffer_before_minutes: '0',
  buffer_after_minutes: '0',
  mode: 'in_person',
  booking: 'patients',
  min_notice_minutes: '60',
  horizon_days: '60',
  cancel_notice_hours: '24',
  reschedule_notice_hours: '24',
  late_cancel: 'allow_as_late',
  waitlist: false,
  confidential: false,
  clinicians: [],
  active: true,
};

function draftOf(s: S['Service']): Draft {
  const numbers = Object.fromEntries(NUMBERS.map(([f]) => [f, String(s[f])])) as Record<NumberField, string>;
  return {
    name: s.name,
    mode: s.mode,
    booking: s.booking,
    late_cancel: s.late_cancel,
    waitlist: s.waitlist,
    confidential: s.confidential ?? false,
    clinicians: [...s.clinicians],
    active: s.active,
    ...numbers,
  };
}

export function Services() {
  const { t } = useI18n();
  useConsoleTitle(t('console.services.title'));
  const me = useMe();
  const services = useQuery({ queryKey: SERVICES, queryFn: scheduling.services });
  const team = useTeam();
  const [editing, setEditing] = useState<S['Service'] | 'new' | null>(null);
  const canEdit = mayDo(me.roles, 'editServices');
  const names = new Map((team.data ?? []).map((m) => [m.staff_id, m.display_name]));

  const heading = <PageHeading>{t('console.services.title')}</PageHeading>;
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
  return (
    <section className="stack" data-testid="services">
      {heading}
      {editing ? (
        <ServiceForm
          key={editing === 'new' ? 'new' : `${editing.service_id}/${editing.version ?? 0}`}
          service={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : canEdit ? (
        <div className="actions">
          <button type="button" className="button" data-testid="service-new" onClick={() => setEditing('new')}>
            {t('console.services.new')}
          </button>
        </div>
      ) : null}
      {services.data.services.length ? (
        <ul className="list stack" data-testid="service-list">
          {services.data.services.map((s) => (
            <li
              key={s.service_id}
              className="card stack-tight"
              data-testid="service-row"
              data-service-id={s.service_id}
            >
              <strong data-testid="service-name">{s.name}</strong>
              <span>
                {t('console.services.summary', { minutes: s.duration_minutes })} · {t(MODE_KEYS[s.mode])} ·{' '}
                {t(BOOKING_KEYS[s.booking])}
                {s.waitlist ? (
                  <>
                    {' · '}
                    <span data-testid="service-waitlist">{t('console.services.waitlistOn')}</span>
                  </>
                ) : null}
                {s.active ? null : <span className="tag"> {t('console.services.inactive')}</span>}
              </span>
              <span className="hint">
                {t('console.services.seenBy', {
                  names: s.clinicians.map((c) => names.get(c) ?? c).join(', ') || t('console.services.nobody'),
                })}
              </span>
              {canEdit && !editing ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    data-testid="service-edit"
                    onClick={() => setEditing(s)}
                  >
                    {t('console.services.edit', { name: s.name })}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="service-none">{t('console.services.none')}</p>
      )}
    </section>
  );
}

export function ServiceForm({ service, onDone }: { service: S['Service'] | null; onDone: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const team = useTeam();
  const [draft, setDraft] = useState<Draft>(() => (service ? draftOf(service) : EMPTY));
  const [local, setLocal] = useState<Partial<Record<NumberField | 'name', string>>>({});
  const save = useMutation({
    mutationFn: (body: S['ServiceInput']) =>
      service ? scheduling.updateService(service.service_id, body) : scheduling.createService(body),
    onSuccess: (saved) => {
      status.announce(service ? 'console.services.saved' : 'console.services.created', { name: saved.name });
      void client.invalidateQueries({ queryKey: SERVICES });
      onDone();
    },
  });
  const serverError = useFieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const clinicians = (team.data ?? []).filter((m) => m.roles.includes('clinician'));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const errorFor = (field: NumberField | 'name', label: string) => local[field] || serverError(field, label);

  const submit = () => {
    const problems: typeof local = {};
    if (!draft.name.trim()) problems.name = t('console.services.nameMissing');
    const numbers = {} as Record<NumberField, number>;
    for (const [field] of NUMBERS) {
      const text = draft[field].trim();
      if (!/^\d+$/.test(text)) problems[field] = t('console.services.wholeNumber');
      numbers[field] = Number(text);
    }
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate({
      name: draft.name.trim(),
      mode: draft.mode,
      booking: draft.booking,
      late_cancel: draft.late_cancel,
      waitlist: draft.waitlist,
      confidential: draft.confidential ?? false,
      clinicians: draft.clinicians,
      active: draft.active,
      ...numbers,
      ...(service ? { version: service.version ?? null } : {}),
    });
  };

  return (
    <form
      className="card stack"
      noValidate
      data-testid="service-form"
      aria-labelledby="service-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id="service-form-title">
        {service ? t('console.services.editTitle', { name: service.name }) : t('console.services.new')}
      </h2>
      {stale ? (
        <Alert tone="error" testid="service-stale" focus>
          <p>{t('console.services.stale')}</p>
          <button
            type="button"
            className="button button-secondary"
            data-testid="service-reload"
            onClick={() => {
              void client.invalidateQueries({ queryKey: SERVICES });
              onDone();
            }}
          >
            {t('console.services.reload')}
          </button>
        </Alert>
      ) : save.error && !(save.error instanceof ApiError && save.error.fieldErrors.length) ? (
        <Refusal error={save.error} words={{}} testid="service-error" focus />
      ) : null}
      <Field label={t('console.services.name')} error={errorFor('name', t('console.services.name'))}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            data-testid="service-field-name"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
        )}
      </Field>
      {NUMBERS.map(([field, key]) => (
        <Field key={field} label={t(key)} error={errorFor(field, t(key))}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="numeric"
              data-testid={`service-field-${field}`}
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={draft[field]}
              onChange={(e) => set(field, e.currentTarget.value)}
            />
          )}
        </Field>
      ))}
      <Field label={t('console.services.mode')} error={serverError('mode', t('console.services.mode'))}>
        {({ id, describedBy }) => (
          <select
            id={id}
            data-testid="service-field-mode"
            aria-describedby={describedBy || undefined}
            value={draft.mode}
            onChange={(e) => set('mode', e.currentTarget.value as S['VisitMode'])}
          >
            {(enums.VisitMode as readonly S['VisitMode'][]).map((m) => (
              <option key={m} value={m}>
                {t(MODE_KEYS[m])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('console.services.booking')} error={serverError('booking', t('console.services.booking'))}>
        {({ id, describedBy }) => (
          <select
            id={id}
            data-testid="service-field-booking"
            aria-describedby={describedBy || undefined}
            value={draft.booking}
            onChange={(e) => set('booking', e.currentTarget.value as S['Booking'])}
          >
            {(enums.Booking as readonly S['Booking'][]).map((b) => (
              <option key={b} value={b}>
                {t(BOOKING_KEYS[b])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('console.services.lateCancel')}
        error={serverError('late_cancel', t('console.services.lateCancel'))}
      >
        {({ id, describedBy }) => (
          <select
            id={id}
            data-testid="service-field-late_cancel"
            aria-describedby={describedBy || undefined}
            value={draft.late_cancel}
            onChange={(e) => set('late_cancel', e.currentTarget.value as S['LateCancel'])}
          >
            {(enums.LateCancel as readonly S['LateCancel'][]).map((l) => (
              <option key={l} value={l}>
                {t(LATE_KEYS[l])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="stack">
        <legend>{t('console.services.clinicians')}</legend>
        {serverError('clinicians', t('console.services.clinicians')) ? (
          <p className="field-error" data-testid="service-error-clinicians">
            {serverError('clinicians', t('console.services.clinicians'))}
          </p>
        ) : null}
        {clinicians.length ? (
          <div className="choices">
            {clinicians.map((c) => (
              <div className="choice" key={c.staff_id}>
                <input
                  type="checkbox"
                  id={`service-clinician-${c.staff_id}`}
                  data-testid="service-clinician"
                  data-staff-id={c.staff_id}
                  checked={draft.clinicians.includes(c.staff_id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    set(
                      'clinicians',
                      on ? [...draft.clinicians, c.staff_id] : draft.clinicians.filter((x) => x !== c.staff_id),
                    );
                  }}
                />
                <label htmlFor={`service-clinician-${c.staff_id}`}>{c.display_name}</label>
              </div>
            ))}
          </div>
        ) : (
          <p className="hint">{t('console.services.noClinicians')}</p>
        )}
      </fieldset>
      <div className="choice">
        <input
          type="checkbox"
          id="service-waitlist"
          data-testid="service-field-waitlist"
          aria-describedby="service-waitlist-hint"
          checked={draft.waitlist}
          onChange={(e) => set('waitlist', e.currentTarget.checked)}
        />
        <label htmlFor="service-waitlist">{t('console.services.waitlist')}</label>
      </div>
      <p className="hint" id="service-waitlist-hint" data-testid="service-waitlist-hint">
        {t('console.services.waitlistHint')}
      </p>
      <div className="choice">
        <input
          type="checkbox"
          id="service-confidential"
          data-testid="service-field-confidential"
          checked={draft.confidential ?? false}
          onChange={(e) => set('confidential', e.currentTarget.checked)}
        />
        <label htmlFor="service-confidential">{t('console.services.confidential')}</label>
      </div>
      <div className="choice">
        <input
          type="checkbox"
          id="service-active"
          data-testid="service-field-active"
          checked={draft.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <label htmlFor="service-active">{t('console.services.active')}</label>
      </div>
      <div className="actions">
        <BusyButton
          type="submit"
          busy={save.isPending}
          busyLabel={t('console.services.saving')}
          data-testid="service-save"
        >
          {t('console.services.save')}
        </BusyButton>
        <button type="button" className="button button-secondary" data-testid="service-cancel" onClick={onDone}>
          {t('console.services.cancel')}
        </button>
      </div>
    </form>
  );
}
