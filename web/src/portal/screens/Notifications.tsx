// The bell's screen: what waits for the patient (`GET /portal/notifications`), newest first, unread ones
// marked "New"; each leads to its conversation (or, for a change the practice made to an appointment,
// to the appointments) and is marked read as it is opened
// (`POST /portal/notifications/{id}/read`), or all at once (`POST /portal/notifications/read-all`).
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { BusyButton, ErrorMessage, LoadFailed, Loading, PageHeading, useStatus } from '../../shared/ui/components';
import { paths, portal, type S } from '../api';
import { usePageTitle } from '../parts/Header';

/** How each kind of item is worded; one this map does not know is said in general words. */
const KINDS: Record<string, string> = {
  new_message: 'portal.notifications.kind.newMessage',
};

/** What the practice did to an appointment, as the item says it (`appointment_change`). */
const APPOINTMENT_CHANGES: Record<string, string> = {
  booked: 'portal.notifications.appointment.booked',
  moved: 'portal.notifications.appointment.moved',
  cancelled: 'portal.notifications.appointment.cancelled',
};

/** Marking read changes the bell and home's count: both are read again. */
function useMarked() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['notifications'] });
    void client.invalidateQueries({ queryKey: ['home'] });
  };
}

export function Notifications() {
  const { t } = useI18n();
  usePageTitle(t('portal.notifications.title'));
  const status = useStatus();
  const marked = useMarked();
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    queryFn: ({ pageParam }) => portal.notifications(pageParam || undefined),
    initialPageParam: '',
    // A cursor already followed would only go round again.
    getNextPageParam: (last, _pages, _param, params) =>
      last.next_cursor && !params.includes(last.next_cursor) ? last.next_cursor : undefined,
    staleTime: 0,
  });
  const readAll = useMutation({
    mutationFn: portal.readAllNotifications,
    onSuccess: ({ marked: n }) => {
      status.announce('portal.notifications.markedAll', { n });
      marked();
    },
  });
  const items = (list.data?.pages ?? []).flatMap((p) => p.items);
  // The newest page knows the count best.
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <section className="stack" data-testid="notifications">
      <PageHeading>{t('portal.notifications.title')}</PageHeading>
      <p className="lead">{t('portal.notifications.lead')}</p>
      {list.isError ? <LoadFailed error={list.error} retry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.data ? (
        <p data-testid="notifications-unread" data-unread={unread}>
          {t('portal.notifications.unread', { n: unread })}
        </p>
      ) : null}
      {unread > 0 ? (
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={readAll.isPending}
            busyLabel={t('portal.notifications.marking')}
            data-testid="notifications-read-all"
            onClick={() => readAll.mutate()}
          >
            {t('portal.notifications.markAll')}
          </BusyButton>
        </div>
      ) : null}
      <ErrorMessage error={readAll.error} testid="notifications-read-all-error" />
      {items.length ? (
        <ol className="feed" data-testid="notifications-list" aria-label={t('portal.notifications.listLabel')}>
          {items.map((item) => (
            <Item key={item.id} item={item} />
          ))}
        </ol>
      ) : null}
      {list.data && !items.length ? <p data-testid="notifications-empty">{t('portal.notifications.none')}</p> : null}
      {list.hasNextPage ? (
        <div className="actions">
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={list.isFetchingNextPage}
            busyLabel={t('common.loading')}
            data-testid="notifications-more"
            onClick={() => void list.fetchNextPage()}
          >
            {t('portal.notifications.more')}
          </BusyButton>
        </div>
      ) : null}
    </section>
  );
}

/** One item: what it is, its conversation (the way there, which marks it read), when, and "New" while unread. */
function Item({ item }: { item: S['BellItem'] }) {
  const { t, tr } = useI18n();
  const marked = useMarked();
  // On the mutation itself, so the counts are read again after the page has moved to the conversation.
  const read = useMutation({ mutationFn: () => portal.readNotification(item.id), onSuccess: marked });
  const unread = !item.read_at;
  const title = item.title || t('portal.notifications.untitled');
  const appointment = item.kind === 'appointment_changed';
  const what = appointment
    ? t(APPOINTMENT_CHANGES[item.appointment_change ?? ''] ?? 'portal.notifications.appointment.changed', {
        service: item.title || t('portal.notifications.untitledService'),
      })
    : t(KINDS[item.kind] ?? 'portal.notifications.kind.other');
  return (
    <li
      className={`feed-item${unread ? ' is-unread' : ''}`}
      data-testid="notification"
      data-id={item.id}
      data-kind={item.kind}
      data-unread={unread ? 'yes' : 'no'}
    >
      <p data-testid="notification-what">
        {unread ? (
          <>
            <span className="tag" data-testid="notification-new">
              {t('portal.notifications.new')}
            </span>{' '}
          </>
        ) : null}
        {what}
      </p>
      {appointment ? (
        <p>
          <Link
            className="feed-link"
            href="/appointments"
            data-testid="notification-open"
            onClick={() => {
              if (unread) read.mutate();
            }}
          >
            {t('portal.notifications.openAppointments')}
          </Link>
        </p>
      ) : item.thread_id ? (
        <p>
          <Link
            className="feed-link"
            href={paths.thread(item.thread_id)}
            data-testid="notification-open"
            onClick={() => {
              if (unread) read.mutate();
            }}
          >
            {title}
          </Link>
        </p>
      ) : item.title ? (
        <p>{item.title}</p>
      ) : null}
      <p className="hint">
        <time dateTime={item.at} data-testid="notification-when">
          {tr.dateTime(item.at)}
        </time>
        {item.read_at ? ` · ${t('portal.notifications.readOn')}` : null}
      </p>
    </li>
  );
}
