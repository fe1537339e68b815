// Pieces shared by the console's screens.
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../shared/i18n/I18nProvider';
import { type S, staff, staffId } from './api';

export const TOPIC_KEYS = {
  clinical: 'console.topic.clinical',
  scheduling: 'console.topic.scheduling',
  billing: 'console.topic.billing',
  other: 'console.topic.other',
} as const satisfies Record<S['Topic'], string>;

/**
 * A patient's name for an inbox row. Need 7 (BACKEND-NEEDS.md) puts the name on every row; until then
 * each distinct patient is looked up once (and cached) through the staff route.
 */
export function usePatient(patientId: string) {
  return useQuery({ queryKey: ['patient', patientId], queryFn: () => staff.patient(patientId), staleTime: 5 * 60_000 });
}

export function fullName(p: Pick<S['PatientView'], 'given_name' | 'family_name' | 'preferred_name'>): string {
  const preferred = p.preferred_name && p.preferred_name !== p.given_name ? ` (${p.preferred_name})` : '';
  return `${p.given_name} ${p.family_name}${preferred}`;
}

export function PatientName({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const patient = usePatient(patientId);
  if (patient.data) return <>{fullName(patient.data)}</>;
  return <span className="muted">{patient.isError ? t('console.patient.unknown') : t('common.loading')}</span>;
}

/** Who a staff id is, as far as the console can tell (need 8 asks for a staff directory). */
export function useStaffLabel() {
  const { t } = useI18n();
  const me = staffId();
  return (id: string | null | undefined) => {
    if (!id) return t('console.inbox.unassigned');
    if (id === me) return t('console.you');
    return t('console.colleague', { id });
  };
}
