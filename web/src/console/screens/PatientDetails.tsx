// Correcting a patient's record (`PATCH /staff/patients/{id}`, admins and the front desk): names,
// pronouns, date of birth, language, time zone, email and mobile. Only what changed is sent, on the
// version read; an emptied optional field is cleared. A change of email or mobile asks first, saying
// what follows: the patient is told (without details), a replaced address is told it no longer signs
// them in, and their sessions and any unused invitation link end. A colleague who saved first (or an
// address that is another patient's) answers 409: the edits stay, and Reload takes the record as it is
// now with them on top. Loaded with the chart's "Edit details", not with the console.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import type { Translator } from '../../shared/i18n/i18n';
import { limits } from '../../shared/limits';
import { Alert, BusyButton, ConfirmDialog, ErrorMessage, Field, useStatus } from '../../shared/ui/components';
import { sentence } from '../../shared/ui/errors';
import { allZones, COMMON_ZONES, zoneName } from '../../shared/zones';
import { type S, staff } from '../api';
import { fullName, useFieldErrors } from '../parts';
import {
  type AddressChange,
  addressChanges,
  changedFields,
  type PatientDraft,
  type PatientField,
  patientDraftOf,
  patientUpdateOf,
  rebasePatient,
} from '../patient-draft';

type View = S['PatientView'];

/** Each field in words: the form's labels, and the names of what changed. */
export const PATIENT_FIELD_KEYS = {
  given_name: 'console.enrol.given',
  family_name: 'console.enrol.family',
  preferred_name: 'console.chart.preferredName',
  pronouns: 'console.chart.pronouns',
  date_of_birth: 'console.chart.dob',
  language: 'console.chart.language',
  time_zone: 'console.chart.timeZone',
  email: 'console.chart.email',
  phone: 'console.chart.phone',
} as const satisfies Record<PatientField, string>;

/** The languages a patient may have, each in its own name. */
const LANGUAGE_NAMES = { en: 'English', es: 'Español' } as const satisfies Record<S['Lang'], string>;
const LANGUAGES = enums.Lang as readonly S['Lang'][];

interface Edit {
  /** The record as read: the version a save sends back. */
  base: View;
  draft: PatientDraft;
}

export function PatientDetailsForm({ patient, onDone }: { patient: View; onDone: (saved: boolean) => void }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [edit, setEdit] = useState<Edit>(() => ({ base: patient, draft: patientDraftOf(patient) }));
  const [asking, setAsking] = useState<AddressChange[] | null>(null);
  const [reloading, setReloading] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  // A newer read of the record replaces an untouched form; a form with edits keeps the version it was
  // read at, so a colleague's change is not taken over silently (the save answers 409).
  useEffect(() => {
    setEdit((e) =>
      e.base !== patient && !changedFields(e.draft, e.base).length
        ? { base: patient, draft: patientDraftOf(patient) }
        : e,
    );
  }, [patient]);
  const { base, draft } = edit;
  const name = fullName(base);

  const save = useMutation({
    // The request is made when the form is sent (or confirmed), from the draft as it is then.
    mutationFn: (update: S['PatientUpdate']) => staff.updatePatient(base.patient_id, update),
    onSuccess: ({ patient: saved, changed }) => {
      setAsking(null);
      putAnswer(client, ['patient', saved.patient_id], saved);
      // How the patient can be reached follows their addresses, language and zone; search rows their names.
      void client.invalidateQueries({ queryKey: ['contact-facts', saved.patient_id] });
      void client.invalidateQueries({ queryKey: ['search'] });
      const names = changed.map((f) => (f in PATIENT_FIELD_KEYS ? t(PATIENT_FIELD_KEYS[f as PatientField]) : f));
      if (names.length)
        status.announce('console.patientEdit.saved', { name: fullName(saved), fields: names.join(', ') });
      else status.announce('console.patientEdit.nothingChanged');
      onDone(true);
    },
    onError: (err) => {
      // A refused field is said next to it, and a 409 in the form, with the edits: not in the dialog.
      if (err instanceof ApiError && (err.fieldErrors.length || err.status === 409)) setAsking(null);
    },
  });
  const fieldError = useFieldErrors(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 409 ? save.error : null;

  const reload = async () => {
    setReloading(true);
    try {
      const newer = await client.fetchQuery({
        queryKey: ['patient', base.patient_id],
        queryFn: () => staff.patient(base.patient_id),
        staleTime: 0,
      });
      save.reset();
      setEdit((e) => ({ base: newer, draft: rebasePatient(e.draft, e.base, newer) }));
      status.announce('console.patientEdit.reloaded');
    } catch {
      // The reload's own failure is a load error like any other: the form stays as it is.
    } finally {
      setReloading(false);
    }
  };

  const zones = useMemo(
    () => ({
      common: COMMON_ZONES.map((z) => ({ zone: z, name: zoneName(z, tr.locale) })),
      all: allZones(draft.time_zone),
    }),
    [tr.locale, draft.time_zone],
  );
  const set = (field: PatientField, value: string) => setEdit((e) => ({ ...e, draft: { ...e.draft, [field]: value } }));
  const input = (
    field: PatientField,
    { type = 'text', hint, optional = false }: { type?: string; hint?: string; optional?: boolean } = {},
  ) => (
    <Field
      label={t(PATIENT_FIELD_KEYS[field])}
      hint={hint}
      optional={optional}
      error={fieldError(field, t(PATIENT_FIELD_KEYS[field]))}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          autoComplete="off"
          spellCheck={false}
          data-testid={`patient-edit-${field}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => set(field, e.currentTarget.value)}
        />
      )}
    </Field>
  );
  const { patient: max } = limits;
  const clearHint = t('console.patientEdit.clearHint');

  return (
    <>
      <form
        className="stack"
        aria-labelledby="patient-edit-title"
        noValidate
        data-testid="patient-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.reset();
          const update = patientUpdateOf(draft, base);
          if (!update) {
            status.announce('console.patientEdit.nothingChanged');
            return;
          }
          const addresses = addressChanges(draft, base);
          if (addresses.length) setAsking(addresses);
          else save.mutate(update);
        }}
      >
        <h3 id="patient-edit-title" ref={headingRef} tabIndex={-1} data-testid="patient-edit-title">
          {t('console.patientEdit.title')}
        </h3>
        <p className="hint">{t('console.patientEdit.hint', { name })}</p>
        {input('given_name', { hint: t('console.patientEdit.maxHint', { max: max.nameMaxChars }) })}
        {input('family_name', { hint: t('console.patientEdit.maxHint', { max: max.familyNameMaxChars }) })}
        {input('preferred_name', { optional: true, hint: clearHint })}
        {input('pronouns', { optional: true, hint: clearHint })}
        {input('date_of_birth', { type: 'date' })}
        <Field label={t(PATIENT_FIELD_KEYS.language)} error={fieldError('language', t(PATIENT_FIELD_KEYS.language))}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-testid="patient-edit-language"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={draft.language}
              onChange={(e) => set('language', e.currentTarget.value)}
            >
              {/* A language the record holds that the document does not list is shown as it is. */}
              {(LANGUAGES as readonly string[]).includes(base.language) ? null : (
                <option value={base.language}>{base.language}</option>
              )}
              {LANGUAGES.map((lang) => (
                <option key={lang} value={lang} lang={lang}>
                  {LANGUAGE_NAMES[lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t(PATIENT_FIELD_KEYS.time_zone)} error={fieldError('time_zone', t(PATIENT_FIELD_KEYS.time_zone))}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-testid="patient-edit-time_zone"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={draft.time_zone}
              onChange={(e) => set('time_zone', e.currentTarget.value)}
            >
              <optgroup label={t('console.practice.zonesCommon')}>
                {zones.common.map(({ zone, name: zoneLabel }) => (
                  <option key={zone} value={zone}>
                    {zoneLabel}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('console.practice.zonesAll')}>
                {zones.all.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, ' ')}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        {input('email', { type: 'email', optional: true, hint: clearHint })}
        {input('phone', { type: 'tel', optional: true, hint: clearHint })}

        {stale ? (
          <Alert tone="error" testid="patient-edit-stale" focus>
            <p>{tr.lang === 'en' && stale.detail ? sentence(stale.detail) : t('console.patientEdit.stale')}</p>
            <p>{t('console.patientEdit.staleKeep')}</p>
            <div className="actions">
              <BusyButton
                type="button"
                className="button button-secondary"
                busy={reloading}
                busyLabel={t('common.loading')}
                data-testid="patient-edit-reload"
                onClick={() => void reload()}
              >
                {t('console.patientEdit.reload')}
              </BusyButton>
            </div>
          </Alert>
        ) : asking ? null : (
          <ErrorMessage error={save.error} testid="patient-edit-error" focus />
        )}
        <div className="actions actions-row">
          <BusyButton
            type="submit"
            busy={save.isPending && !asking}
            busyLabel={t('common.saving')}
            data-testid="patient-edit-save"
          >
            {t('console.patientEdit.save')}
          </BusyButton>
          <button
            type="button"
            className="button button-secondary"
            data-testid="patient-edit-cancel"
            disabled={save.isPending}
            onClick={() => onDone(false)}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking !== null}
        testid="patient-edit-confirm"
        title={t('console.patientEdit.confirm.title', { name })}
        body={confirmationWords(asking ?? [], name, t)}
        confirmLabel={t('console.patientEdit.confirm.yes')}
        cancelLabel={t('common.cancel')}
        busy={save.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          const update = patientUpdateOf(draft, base);
          if (yes && update) save.mutate(update);
          else setAsking(null);
        }}
      >
        {asking && save.error ? <ErrorMessage error={save.error} testid="patient-edit-error" focus /> : null}
      </ConfirmDialog>
    </>
  );
}

/**
 * What follows a change of email or mobile, said before it is saved: the patient is told, each address
 * given up is told it no longer signs them in (and the sessions and the unused invitation that may have
 * come through it end), and a new address signs them in at once.
 */
function confirmationWords(changes: AddressChange[], name: string, t: Translator['t']) {
  const givenUp = changes.filter((c) => c.from);
  return [
    t('console.patientEdit.confirm.told', { name }),
    ...givenUp.map((c) => t('console.patientEdit.confirm.oldAddress', { address: c.from })),
    ...(givenUp.length ? [t('console.patientEdit.confirm.sessions')] : []),
    ...changes.filter((c) => c.to).map((c) => t('console.patientEdit.confirm.newAddress', { address: c.to })),
  ];
}
