import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { PageHeading } from '../../shared/ui/components';
import { usePageTitle } from '../parts/Header';

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(t('portal.notFound.title'));
  return (
    <section className="stack" data-testid="not-found">
      <PageHeading>{t('portal.notFound.title')}</PageHeading>
      <p>{t('portal.notFound.body')}</p>
      <p>
        <Link href="/home">{t('portal.notFound.home')}</Link>
      </p>
    </section>
  );
}
