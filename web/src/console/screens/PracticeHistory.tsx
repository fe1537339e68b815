// Who changed the practice's settings, when, and which (`GET /staff/practice/history`), newest first,
// a page at a time; times in the practice's zone.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { BusyButton, LoadFailed, Loading } from '../../shared/ui/components';
import { staff } from '../api';
import { useStaffLabel } from '../parts';
import { settingKey } from '../settings-draft';

export function SettingsHistory({ zone }: { zone: string }) {
  const { t, tr: deviceTr } = useI18n();
  const tr = deviceTr.withZone(zone);
  const who = useStaffLabel();
  const history = useInfiniteQuery({
    queryKey: ['practice-history'],
    queryFn: ({ pageParam }) => staff.practiceHistory(pageParam || undefined),
    initialPageParam: '',
    // A cursor already followed would only go round again.
    getNextPageParam: (last, _pages, _param, params) =>
      last.next_cursor && !params.includes(last.next_cursor) ? last.next_cursor : undefined,
    refetchOnWindowFocus: false,
  });
  const changes = (history.data?.pages ?? []).flatMap((p) => p.changes);
  const fieldName = (field: string) => {
    const key = settingKey(field);
    return key ? t(key) : field;
  };
  return (
    <section className="card stack" aria-labelledby="practice-history-title" data-testid="practice-history">
      <h2 id="practice-history-title">{t('console.practice.history.title')}</h2>
      {history.isError ? <LoadFailed error={history.error} retry={() => void history.refetch()} /> : null}
      {history.isPending ? <Loading /> : null}
      {changes.length ? (
        <ol className="list" aria-label={t('console.practice.history.caption', { n: changes.length })}>
          {changes.map((c) => (
            <li key={c.version} className="list-row history-row" data-testid="practice-change" data-version={c.version}>
              <time dateTime={c.at}>{tr.dateTime(c.at)}</time>
              <span data-testid="practice-change-who">{who(c.changed_by)}</span>
              <span data-testid="practice-change-fields">
                {t('console.practice.history.changed', {
                  fields: c.fields.length ? c.fields.map(fieldName).join(', ') : t('console.practice.history.nothing'),
                })}
              </span>
              <span className="hint">{t('console.practice.version', { version: c.version })}</span>
            </li>
          ))}
        </ol>
      ) : history.data && !history.hasNextPage ? (
        <p data-testid="practice-history-none">{t('console.practice.history.none')}</p>
      ) : null}
      {history.hasNextPage ? (
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={history.isFetchingNextPage}
            busyLabel={t('common.loading')}
            data-testid="practice-history-more"
            onClick={() => void history.fetchNextPage()}
          >
            {t('console.practice.history.more')}
          </BusyButton>
        </div>
      ) : null}
    </section>
  );
}
