// Staff's correction of a patient's record as the form holds it (every field as typed) and as the API
// reads it (`PatientUpdate`: only what changed, on the version read). A draft is kept with the record it
// was made from, so a reload after a colleague saved first takes their values for what this staff
// member left alone and keeps what they changed.
import type { S } from './api';

type View = S['PatientView'];

/** The fields staff correct, in the form's order. */
export const PATIENT_FIELDS = [
  'given_name',
  'family_name',
  'preferred_name',
  'pronouns',
  'date_of_birth',
  'language',
  'time_zone',
  'email',
  'phone',
] as const satisfies readonly Exclude<keyof S['PatientUpdate'], 'version'>[];
export type PatientField = (typeof PATIENT_FIELDS)[number];

/** The fields that may be cleared: an empty one is sent as `null`. */
const CLEARABLE: readonly PatientField[] = ['preferred_name', 'pronouns', 'email', 'phone'];

/** The addresses the patient signs in with: changing one ends what came through the old one. */
export const ADDRESS_FIELDS = ['email', 'phone'] as const satisfies readonly PatientField[];
export type AddressField = (typeof ADDRESS_FIELDS)[number];

export type PatientDraft = Record<PatientField, string>;

export function patientDraftOf(view: View): PatientDraft {
  return Object.fromEntries(PATIENT_FIELDS.map((f) => [f, view[f] ?? ''])) as PatientDraft;
}

/** A field as it would be sent: trimmed, and an emptied clearable field as `null`. */
function sent(draft: PatientDraft, field: PatientField): string | null {
  const value = draft[field].trim();
  return value === '' && CLEARABLE.includes(field) ? null : value;
}

/** The fields changed since the record was read. */
export function changedFields(draft: PatientDraft, base: View): PatientField[] {
  return PATIENT_FIELDS.filter((f) => sent(draft, f) !== (base[f] ?? (CLEARABLE.includes(f) ? null : '')));
}

/**
 * The request: only the changed fields, with the version read; null when nothing changed. A required
 * field left empty is sent empty, for the server to refuse by its field.
 */
export function patientUpdateOf(draft: PatientDraft, base: View): S['PatientUpdate'] | null {
  const changed = changedFields(draft, base);
  if (!changed.length) return null;
  return Object.fromEntries([
    ['version', base.version],
    ...changed.map((f) => [f, sent(draft, f)]),
  ]) as S['PatientUpdate'];
}

/** An address as read and as it would be after the save: what the confirmation says follows. */
export interface AddressChange {
  field: AddressField;
  from: string | null;
  to: string | null;
}

export function addressChanges(draft: PatientDraft, base: View): AddressChange[] {
  const changed = changedFields(draft, base);
  return ADDRESS_FIELDS.filter((f) => changed.includes(f)).map((field) => ({
    field,
    from: base[field] ?? null,
    to: sent(draft, field),
  }));
}

/** The draft on a newer record: what this staff member changed stays as typed, the rest is the newer record's. */
export function rebasePatient(draft: PatientDraft, base: View, newer: View): PatientDraft {
  const changed = new Set(changedFields(draft, base));
  const next = patientDraftOf(newer);
  for (const f of PATIENT_FIELDS) if (changed.has(f)) next[f] = draft[f];
  return next;
}
