// Sign-ins and access: your own sign-ins and sign-outs (when, on which device, from where) and every time
// someone at the practice opened or changed your record (when, in which role, what), and what someone
// acting for you did (named from `GET /portal/proxies`, read only when the log has such a line), newest
// first (`GET /portal/access-log`); and signing out on every other device (`POST /portal/sessions/end-others`).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  BusyButton,
  ConfirmDialog,
  ErrorMessage,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { actionKey, deviceName, ROLE_KEYS } from '../access';
import { portal, proxies, type S } from '../api';
import { usePageTitle } from '../parts/Header';

export function AccessLog() {
  const { t } = useI18n();
  usePageTitle(t('portal.access.title'));
  const log = useInfiniteQuery({
    queryKey: ['access-log'],
    queryFn: ({ pageParam }) => portal.accessLog(pageParam || undefined),
    initialPageParam: '',
    // A cursor already followed would only go round again.
    getNextPageParam: (last, _pages, _param, params) =>
      last.next_cursor && !params.includes(last.next_cursor) ? last.next_cursor : undefined,
    staleTime: 60_000,
  });
  const entries = (log.data?.pages ?? []).flatMap((p) => p.entries);
  // Who acted for you, by grant: one more read, and only when the log names a grant.
  const grants = useQuery({
    queryKey: ['proxies'],
    queryFn: proxies.list,
    enabled: entries.some((e) => e.by === 'proxy' && e.grant_id),
    staleTime: 60_000,
  });
  const proxyNames = new Map(
    (grants.data?.acting_for_you ?? []).map((g) => [g.grant_id, g.proxy.preferred_name?.trim() || g.proxy.given_name]),
  );
  return (
    <section className="stack" data-testid="access-log">
      <p className="back">
        <Link href="/profile" data-testid="access-back">
          {t('portal.access.back')}
        </Link>
      </p>
      <PageHeading>{t('portal.access.title')}</PageHeading>
      <p className="lead">{t('portal.access.lead')}</p>
      <SignOutElsewhere />
      <section className="stack" aria-labelledby="access-entries-title">
        <h2 id="access-entries-title">{t('portal.access.entries')}</h2>
        {log.isError ? <LoadFailed error={log.error} retry={() => void log.refetch()} /> : null}
        {log.isPending ? <Loading /> : null}
        {entries.length ? (
          <ol className="access-entries" data-testid="access-entries">
            {entries.map((entry) => (
              // The API gives no id: the time (to the nanosecond) and the action tell entries apart.
              <Entry
                key={`${entry.at} ${entry.by} ${entry.action}`}
                entry={entry}
                proxyName={entry.grant_id ? proxyNames.get(entry.grant_id) : undefined}
              />
            ))}
          </ol>
        ) : null}
        {log.data && !entries.length ? (
          <p data-testid="access-empty">{t(log.hasNextPage ? 'portal.access.noneYet' : 'portal.access.none')}</p>
        ) : null}
        {log.hasNextPage ? (
          <div className="actions">
            <BusyButton
              type="button"
              className="button button-secondary"
              busy={log.isFetchingNextPage}
              busyLabel={t('common.loading')}
              data-testid="access-more"
              onClick={() => void log.fetchNextPage()}
            >
              {t('portal.access.more')}
            </BusyButton>
          </div>
        ) : null}
      </section>
    </section>
  );
}

/** One line of the log: what happened in your words, when, and (for your own sign-ins) where from. */
function Entry({ entry, proxyName }: { entry: S['AccessEntry']; proxyName?: string | undefined }) {
  const { t, tr } = useI18n();
  const roles = entry.roles.map((r) => (ROLE_KEYS[r] ? t(ROLE_KEYS[r] as string) : r));
  const who =
    entry.by === 'proxy'
      ? proxyName
        ? t('portal.access.proxyNamed', { name: proxyName })
        : t('portal.access.proxySomeone')
      : roles.length
        ? t('portal.access.someoneAs', {
            roles: new Intl.ListFormat(tr.locale, { type: 'conjunction' }).format(roles),
          })
        : t('portal.access.someone');
  const device = entry.device ? deviceName(entry.device) : null;
  const where = device
    ? t('portal.access.device', { browser: device.browser, system: device.system })
    : (entry.device ?? '');
  return (
    <li
      className="access-entry"
      data-testid="access-entry"
      data-by={entry.by}
      data-action={entry.action}
      data-succeeded={entry.succeeded ? 'yes' : 'no'}
    >
      <p className="access-what">
        <strong data-testid="access-what">{t(actionKey(entry), { who })}</strong>
        {entry.succeeded ? null : (
          <>
            {' '}
            <span className="tag" data-testid="access-failed">
              {t('portal.access.failed')}
            </span>
          </>
        )}
      </p>
      <p className="hint">
        <time dateTime={entry.at} data-testid="access-when">
          {tr.dateTime(entry.at)}
        </time>
        {where || entry.ip ? (
          <span data-testid="access-where">
            {' · '}
            {where && entry.ip
              ? t('portal.access.deviceFrom', { device: where, ip: entry.ip })
              : where || t('portal.access.from', { ip: entry.ip ?? '' })}
          </span>
        ) : null}
      </p>
    </li>
  );
}

/** Signs out every other session (a lost phone, a shared computer) after asking; this one stays. */
function SignOutElsewhere() {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [asking, setAsking] = useState(false);
  const end = useMutation({
    mutationFn: portal.endOtherSessions,
    onSuccess: ({ ended }) => {
      setAsking(false);
      status.announce('portal.access.ended', { n: ended });
      // The log says so too.
      void client.invalidateQueries({ queryKey: ['access-log'] });
    },
  });
  return (
    <section className="card stack" aria-labelledby="access-elsewhere-title" data-testid="access-elsewhere">
      <h2 id="access-elsewhere-title">{t('portal.access.elsewhereTitle')}</h2>
      <p>{t('portal.access.elsewhereBody')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="access-end-others"
          onClick={() => {
            end.reset();
            setAsking(true);
          }}
        >
          {t('portal.access.endOthers')}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        testid="access-end-others-confirm"
        title={t('portal.access.confirmTitle')}
        body={[t('portal.access.confirmBody')]}
        confirmLabel={t('portal.access.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={end.isPending}
        busyLabel={t('portal.access.ending')}
        onAnswer={(yes) => {
          if (yes) end.mutate();
          else setAsking(false);
        }}
      >
        <ErrorMessage error={end.error} testid="access-end-others-error" focus />
      </ConfirmDialog>
    </section>
  );
}
