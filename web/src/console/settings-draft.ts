// The practice settings form as the page holds it (every field as typed) and as the API reads it, and
// each setting's name. A draft is kept with the settings it was made from, so a reload after a colleague
// saved first takes their values for what this admin left alone and keeps what this admin changed.
import { limits, published } from '../shared/limits';
import type { S } from './api';
import { TOPIC_KEYS } from './parts';

type View = S['PracticeSettingsView'];

/** Each setting in words: the form's labels, and the history's names for what changed. */
export const SETTING_KEYS = {
  contact_phone: 'console.practice.field.contactPhone',
  contact_email: 'console.practice.field.contactEmail',
  logo_url: 'console.practice.field.logoUrl',
  invite_ttl_hours: 'console.practice.field.inviteHours',
  sign_in_codes_per_hour: 'console.practice.field.signInCodes',
  default_time_zone: 'console.practice.field.zone',
  sms_countries: 'console.practice.field.smsCountries',
  message_retention_days: 'console.practice.field.retention',
  allowed_origins: 'console.practice.field.origins',
  care_teams: 'console.practice.field.careTeams',
  proxy_age_rules: 'console.practice.field.proxyAgeRules',
  appointment_reminder_hours: 'console.practice.field.reminderHours',
  waitlist_batch: 'console.practice.field.waitlistBatch',
} as const satisfies Record<Exclude<keyof S['PracticeSettingsUpdate'], 'version'>, string>;

/** The operator's settings (shown, not edited here) and the consent documents, as the history names them. */
export const OTHER_SETTING_KEYS: Record<string, string> = {
  consent_documents: 'console.practice.field.consents',
  name: 'console.practice.field.name',
  country: 'console.practice.field.country',
  sms_numbers: 'console.practice.field.smsNumbers',
  custom_domains: 'console.practice.field.domains',
};

/** The key of the words for a setting's name, or undefined for one the console has no words for. */
export function settingKey(field: string): string | undefined {
  return (SETTING_KEYS as Record<string, string>)[field] ?? OTHER_SETTING_KEYS[field];
}

/** How many waitlisted patients each freed time may be offered to at once, as the API document bounds it. */
export const WAITLIST_BATCH = {
  min: published('PracticeSettingsUpdate.waitlist_batch', 'minimum'),
  max: published('PracticeSettingsUpdate.waitlist_batch', 'maximum'),
};

type Topic = keyof typeof TOPIC_KEYS;
export const TOPICS = Object.keys(TOPIC_KEYS) as Topic[];

export interface Draft {
  contact_phone: string;
  contact_email: string;
  logo_url: string;
  invite_ttl_hours: string;
  sign_in_codes_per_hour: string;
  default_time_zone: string;
  sms_countries: string;
  message_retention_days: string;
  allowed_origins: string;
  /** Hours before an appointment to remind the patient, as typed (`24, 2`). */
  appointment_reminder_hours: string;
  /** How many waitlisted patients each freed time is offered to at once, as typed. */
  waitlist_batch: string;
  care_teams: Record<Topic, string[]>;
  /** The age rules of a parent's access (`proxy_age_rules`): '' when the settings have none to show. */
  proxy_limited_from: string;
  proxy_adult_at: string;
  proxy_confidential: Topic[];
}

/** The fields the form sends as whole numbers. */
export const NUMBER_FIELDS = [
  'invite_ttl_hours',
  'sign_in_codes_per_hour',
  'message_retention_days',
  'proxy_limited_from',
  'proxy_adult_at',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
/**
 * A field the form refuses before sending: a number field, a reminder list that is not whole hours in
 * range, or a waitlist batch that is not a whole number in range.
 */
export type InvalidField = NumberField | 'appointment_reminder_hours' | 'waitlist_batch';

export function draftOf(view: View): Draft {
  return {
    contact_phone: view.contact_phone ?? '',
    contact_email: view.contact_email ?? '',
    logo_url: view.logo_url ?? '',
    invite_ttl_hours: String(view.invite_ttl_hours),
    sign_in_codes_per_hour: String(view.sign_in_codes_per_hour),
    default_time_zone: view.default_time_zone,
    sms_countries: view.sms_countries.join(', '),
    message_retention_days: String(view.message_retention_days),
    allowed_origins: view.allowed_origins.join('\n'),
    // Settings read from an older server have no reminder list: shown empty and, untouched, not sent.
    appointment_reminder_hours: (view.appointment_reminder_hours ?? []).join(', '),
    // Likewise the waitlist batch: an older server has none.
    waitlist_batch:
      view.waitlist_batch === undefined || view.waitlist_batch === null ? '' : String(view.waitlist_batch),
    care_teams: Object.fromEntries(TOPICS.map((topic) => [topic, [...(view.care_teams[topic] ?? [])]])) as Record<
      Topic,
      string[]
    >,
    proxy_limited_from: view.proxy_age_rules ? String(view.proxy_age_rules.limited_from) : '',
    proxy_adult_at: view.proxy_age_rules ? String(view.proxy_age_rules.adult_at) : '',
    proxy_confidential: [...(view.proxy_age_rules?.confidential_topics ?? [])],
  };
}

/** A list typed into one box: split on commas, spaces and line breaks, blanks left out. */
const listOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The reminder hours typed, or null when one is not a whole number in range or there are too many. */
export function reminderHoursOf(text: string): number[] | null {
  const items = listOf(text);
  const { max, minHours, maxHours } = limits.practice.reminderHours;
  if (items.length > max || !items.every((item) => /^\d+$/.test(item))) return null;
  const hours = items.map(Number);
  return hours.every((h) => h >= minHours && h <= maxHours) ? hours : null;
}

/** The waitlist batch typed, or null when it is not a whole number within the API's bounds. */
export function waitlistBatchOf(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= WAITLIST_BATCH.min && n <= WAITLIST_BATCH.max ? n : null;
}

/**
 * The request for a draft, or the number fields that are not whole numbers (said next to them; the
 * server's bounds are its to check, and it names a value out of them by its field).
 */
export function updateOf(
  draft: Draft,
  version: number,
  /** The settings the draft was made from: age rules left as they were are not sent (absent: unchanged). */
  base?: View,
): { update: S['PracticeSettingsUpdate']; notNumbers: [] } | { update: null; notNumbers: InvalidField[] } {
  // Settings read without age rules (an older server) send none: absent leaves them as they are.
  const rulesChanged = !base || changedParts(draft, base).some((part) => part.startsWith('proxy_'));
  const hasRules = Boolean(draft.proxy_limited_from || draft.proxy_adult_at) && rulesChanged;
  // Like the age rules, the reminder hours are sent only when changed (absent: unchanged).
  const remindersChanged = !base || changedParts(draft, base).includes('appointment_reminder_hours');
  const reminderHours = remindersChanged ? reminderHoursOf(draft.appointment_reminder_hours) : null;
  // And the waitlist batch.
  const batchChanged = !base || changedParts(draft, base).includes('waitlist_batch');
  const batch = batchChanged ? waitlistBatchOf(draft.waitlist_batch) : null;
  const notNumbers: InvalidField[] = NUMBER_FIELDS.filter(
    (field) => (hasRules || !field.startsWith('proxy_')) && !/^\d+$/.test(draft[field].trim()),
  );
  if (remindersChanged && !reminderHours) notNumbers.push('appointment_reminder_hours');
  if (batchChanged && batch === null) notNumbers.push('waitlist_batch');
  if (notNumbers.length) return { update: null, notNumbers };
  const orNull = (text: string) => text.trim() || null;
  return {
    update: {
      version,
      contact_phone: orNull(draft.contact_phone),
      contact_email: orNull(draft.contact_email),
      logo_url: orNull(draft.logo_url),
      invite_ttl_hours: Number(draft.invite_ttl_hours.trim()),
      sign_in_codes_per_hour: Number(draft.sign_in_codes_per_hour.trim()),
      message_retention_days: Number(draft.message_retention_days.trim()),
      default_time_zone: draft.default_time_zone,
      // Country codes are written in capitals; a lower-case one is the same country.
      sms_countries: listOf(draft.sms_countries).map((code) => code.toUpperCase()),
      allowed_origins: listOf(draft.allowed_origins),
      // A topic nobody is chosen for is left out, as the settings hold it.
      care_teams: Object.fromEntries(
        TOPICS.filter((t) => draft.care_teams[t].length).map((t) => [t, draft.care_teams[t]]),
      ),
      ...(hasRules
        ? {
            proxy_age_rules: {
              limited_from: Number(draft.proxy_limited_from.trim()),
              adult_at: Number(draft.proxy_adult_at.trim()),
              confidential_topics: TOPICS.filter((t) => draft.proxy_confidential.includes(t)),
            },
          }
        : {}),
      ...(reminderHours ? { appointment_reminder_hours: reminderHours } : {}),
      ...(batch !== null ? { waitlist_batch: batch } : {}),
    },
    notNumbers: [],
  };
}

/** Each part of the form that changes on its own: the plain fields, and each topic's care team. */
type Part = Exclude<keyof Draft, 'care_teams' | 'proxy_confidential'> | `care_teams.${Topic}` | 'proxy_confidential';
const PLAIN = [
  'contact_phone',
  'contact_email',
  'logo_url',
  'invite_ttl_hours',
  'sign_in_codes_per_hour',
  'default_time_zone',
  'sms_countries',
  'message_retention_days',
  'allowed_origins',
  'appointment_reminder_hours',
  'waitlist_batch',
  'proxy_limited_from',
  'proxy_adult_at',
] as const satisfies readonly Exclude<keyof Draft, 'care_teams' | 'proxy_confidential'>[];

const sameTeam = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

/** The parts of the form the admin changed since it was read. */
export function changedParts(draft: Draft, base: View): Part[] {
  const read = draftOf(base);
  return [
    ...PLAIN.filter((field) => draft[field] !== read[field]),
    ...TOPICS.filter((topic) => !sameTeam(draft.care_teams[topic], read.care_teams[topic])).map(
      (topic) => `care_teams.${topic}` as const,
    ),
    ...(sameTeam(draft.proxy_confidential, read.proxy_confidential) ? [] : (['proxy_confidential'] as const)),
  ];
}

/**
 * The draft on newer settings: what the admin changed stays as they typed it, the rest is the newer
 * settings' (a colleague's save, or this admin's own consent publication).
 */
export function rebase(draft: Draft, base: View, newer: View): Draft {
  const changed = new Set<string>(changedParts(draft, base));
  const next = draftOf(newer);
  for (const field of PLAIN) if (changed.has(field)) next[field] = draft[field];
  for (const topic of TOPICS) if (changed.has(`care_teams.${topic}`)) next.care_teams[topic] = draft.care_teams[topic];
  if (changed.has('proxy_confidential')) next.proxy_confidential = draft.proxy_confidential;
  return next;
}
