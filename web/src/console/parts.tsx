// Pieces shared by the console's screens.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect } from 'react';
import { ApiError } from '../shared/api/errors';
import { useI18n } from '../shared/i18n/I18nProvider';
import { Alert, ErrorMessage, useStatus } from '../shared/ui/components';
import { sentence } from '../shared/ui/errors';
import { type S, staff } from './api';

export const TOPIC_KEYS = {
  clinical: 'console.topic.clinical',
  scheduling: 'console.topic.scheduling',
  billing: 'console.topic.billing',
  other: 'console.topic.other',
} as const satisfies Record<S['Topic'], string>;

/** A patient's record through the staff route (an audited read), looked up once per patient and kept. */
export function usePatient(patientId: string) {
  return useQuery({ queryKey: ['patient', patientId], queryFn: () => staff.patient(patientId), staleTime: 5 * 60_000 });
}

export function fullName(p: S['PatientNames']): string {
  const preferred = p.preferred_name && p.preferred_name !== p.given_name ? ` (${p.preferred_name})` : '';
  return `${p.given_name} ${p.family_name}${preferred}`;
}

/**
 * A patient's name. Inbox rows, threads and tasks carry it (`patient`, a copy from when the row was
 * made); a row made before they did has none, and only then is the patient looked up.
 */
export function PatientName({ patientId, names }: { patientId: string; names?: S['PatientNames'] | null }) {
  if (names) return <>{fullName(names)}</>;
  return <LookedUpName patientId={patientId} />;
}

function LookedUpName({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const patient = usePatient(patientId);
  if (patient.data) return <>{fullName(patient.data)}</>;
  return <span className="muted">{patient.isError ? t('console.patient.unknown') : t('common.loading')}</span>;
}

/** The staff member signed in (`GET /staff/me`): the console shows nothing signed-in before it is known. */
export const SignedInStaff = createContext<S['StaffMemberView'] | null>(null);

export function useMe(): S['StaffMemberView'] {
  const me = useContext(SignedInStaff);
  if (!me) throw new Error('useMe needs the signed-in staff member (SignedInStaff)');
  return me;
}

/** The practice's staff, loaded once per sign-in and kept (a disable updates it in place). */
export function useTeam() {
  return useQuery({ queryKey: ['team'], queryFn: staff.team, staleTime: Number.POSITIVE_INFINITY });
}

export const ROLE_KEYS = {
  admin: 'console.role.admin',
  clinician: 'console.role.clinician',
  'front-desk': 'console.role.frontDesk',
  billing: 'console.role.billing',
} as const satisfies Record<S['Role'], string>;

export function useRoleNames() {
  const { t } = useI18n();
  return (roles: readonly string[]) =>
    roles.map((r) => (r in ROLE_KEYS ? t(ROLE_KEYS[r as keyof typeof ROLE_KEYS]) : r)).join(', ');
}

/** Who a staff id is: "You", a colleague's name from the team list, or their id if the list lacks them. */
export function useStaffLabel() {
  const { t } = useI18n();
  const me = useMe();
  const team = useTeam();
  return (id: string | null | undefined) => {
    if (!id) return t('console.inbox.unassigned');
    if (id === me.staff_id) return t('console.you');
    const member = team.data?.find((m) => m.staff_id === id);
    if (member) return member.display_name;
    return team.isPending ? t('common.loading') : t('console.colleague', { id });
  };
}

/**
 * What the server said about one field of a refused request, for beside it: its own words in English,
 * the catalog's in Spanish (need 12). A field's parts count as the field (`care_teams.clinical`,
 * `allowed_origins[2]`). `what` names the field as its label does.
 */
export function useFieldErrors(error: unknown) {
  const { t, tr } = useI18n();
  return (field: string, what: string): string => {
    if (!(error instanceof ApiError)) return '';
    const found = error.fieldErrors.find(
      (f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`),
    );
    if (!found) return '';
    return tr.lang === 'en' ? sentence(found.detail) : t('common.error.field', { what: what.toLowerCase() });
  };
}

/**
 * A failed change, as an alert. A refusal the route documents (`words` by status: a 409 for one's own
 * admin role, say) is the server's own answer in English and the catalog's words in Spanish (need 12);
 * anything else is worded as every error is.
 */
export function Refusal({
  error,
  words,
  testid,
  focus,
}: {
  error: unknown;
  words: Partial<Record<number, string>>;
  testid: string;
  focus?: boolean;
}) {
  const { t, lang } = useI18n();
  const { clear } = useStatus();
  const key = error instanceof ApiError ? words[error.status] : undefined;
  useEffect(() => {
    if (key) clear();
  }, [key, clear]);
  if (!key || !(error instanceof ApiError)) return <ErrorMessage error={error} testid={testid} focus={focus} />;
  return (
    <Alert tone="error" testid={testid} focus={focus}>
      <p>{lang === 'en' && error.detail ? sentence(error.detail) : t(key)}</p>
    </Alert>
  );
}
