// After sending: how the patient will hear back, or that they will not (and how to change that).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { portal } from '../api';
import { maskAddress } from '../challenge';
import { allReach } from '../reach';

export function useReach() {
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me });
  const consents = useQuery({ queryKey: ['consents'], queryFn: portal.consents });
  const prefs = useQuery({ queryKey: ['preferences'], queryFn: portal.preferences });
  if (!me.data || !consents.data || !prefs.data) return null;
  return allReach(me.data, consents.data.consents, prefs.data);
}

export function ReachNotice() {
  const { t } = useI18n();
  const reach = useReach();
  if (!reach) return null;
  const email = reach.email.reachable && reach.email.destination ? maskAddress('email', reach.email.destination) : '';
  const sms = reach.sms.reachable && reach.sms.destination ? maskAddress('sms', reach.sms.destination) : '';
  const text =
    email && sms
      ? t('portal.reach.both', { email, sms })
      : email
        ? t('portal.reach.email', { email })
        : sms
          ? t('portal.reach.sms', { sms })
          : '';
  return (
    <div
      className={`alert ${text ? 'alert-info' : 'alert-warn'}`}
      data-testid="reach-notice"
      data-reachable={text ? 'yes' : 'no'}
    >
      {text ? (
        <p>{text}</p>
      ) : (
        <p>
          {t('portal.reach.none')} <Link href="/preferences">{t('portal.reach.turnOn')}</Link>
        </p>
      )}
    </div>
  );
}
