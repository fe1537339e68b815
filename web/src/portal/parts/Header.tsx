// The header: the practice's name (and logo when it has one), and a navigation that fits a phone:
// Home and Messages always in reach, the rest behind "More" on small screens.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { safeTransferUrl } from '../../shared/api/uploads';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { ConfirmDialog } from '../../shared/ui/components';
import { auth, messaging, portal } from '../api';
import { hasDrafts } from '../drafts';

export function usePractice(enabled: boolean) {
  return useQuery({ queryKey: ['practice'], queryFn: auth.practice, staleTime: Number.POSITIVE_INFINITY, enabled });
}

/**
 * The home screen's one read (`GET /portal/home`), kept fresh like the unread count (every 30 seconds,
 * and on focus). It names the practice too, which the header then needs no read for.
 */
export function useHome(enabled = true) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['home'],
    queryFn: async () => {
      const home = await portal.home();
      client.setQueryData(['practice'], home.practice);
      return home;
    },
    refetchInterval: 30_000,
    staleTime: 0,
    enabled,
  });
}

/** Where a signed-in patient sees home: `/home`, and the paths that lead there. */
const HOME_PATHS = ['/home', '/', '/sign-in'];

/**
 * The signed-in screen's first read, which the chrome waits for and reads from: on home, the home
 * summary (greeting, zone, unread count: one read for all of it); elsewhere, the profile.
 */
export function useFirstRead(enabled = true) {
  const [path] = useLocation();
  const onHome = HOME_PATHS.includes(path);
  const home = useHome(enabled && onHome);
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me, enabled: enabled && !onHome });
  return onHome
    ? {
        onHome,
        ready: home.isSuccess,
        timeZone: home.data?.profile.time_zone,
        unread: home.data?.unread_total,
        notifications: home.data?.notifications_unread,
      }
    : { onHome, ready: me.isSuccess, timeZone: me.data?.time_zone, unread: undefined, notifications: undefined };
}

/**
 * The bell's unread count away from home (home's own read has it): one item of `GET /portal/notifications`
 * for its `unread`, kept fresh like the conversations. Marking read invalidates `['notifications']`.
 */
export function useBellCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'count'],
    queryFn: () => portal.notifications(undefined, 1),
    refetchInterval: 30_000,
    staleTime: 0,
    enabled,
  });
}

/** The conversations and the unread total, kept fresh while signed in (and on focus, by the query client). */
export function useThreads(enabled = true) {
  // Stale at once, so coming back to the tab (focus, visibility) always looks for new messages.
  return useQuery({
    queryKey: ['threads'],
    queryFn: messaging.threads,
    refetchInterval: 30_000,
    staleTime: 0,
    enabled,
  });
}

/**
 * True a moment after `ready`: reads that can wait (unread count, consents, branding) start after the
 * screen is usable, so a signed-in screen needs only the session and its own read first.
 */
export function useAfterFirstRead(ready: boolean): boolean {
  const [later, setLater] = useState(false);
  useEffect(() => {
    if (!ready || later) return;
    const timer = window.setTimeout(() => setLater(true), 0);
    return () => window.clearTimeout(timer);
  }, [ready, later]);
  return later;
}

export function usePageTitle(section: string) {
  const client = useQueryClient();
  const { t } = useI18n();
  const practice = client.getQueryData<{ name: string } | null>(['practice']);
  useEffect(() => {
    const brand = practice?.name ?? t('portal.brand.fallback');
    document.title = section ? `${section} – ${brand}` : brand;
  }, [section, practice, t]);
}

export function Header({
  signedIn,
  checking,
  onSignOut,
}: {
  signedIn: boolean;
  checking: boolean;
  onSignOut: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  // Signed in, the practice is read after the screen's own first read (home's names it: no read then).
  const first = useFirstRead(signedIn);
  const later = useAfterFirstRead(first.ready);
  const practice = usePractice(signedIn ? later : !checking);
  const name = practice.data?.name;
  const logo = practice.data?.logo_url ? safeTransferUrl(practice.data.logo_url) : null;
  return (
    <header className="site-header">
      <div className="brand-row">
        <div className="brand" data-testid="brand">
          {logo ? (
            <img className="brand-logo" src={logo} alt="" />
          ) : (
            <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M10 3h4v7h7v4h-7v7h-4v-7H3v-4h7z" />
            </svg>
          )}
          <span className="brand-name" data-testid="brand-name">
            {name ?? t('portal.brand.fallback')}
          </span>
          {name ? <span className="brand-sub">{t('portal.brand.portal')}</span> : null}
        </div>
        {signedIn ? <Bell /> : null}
        {signedIn ? (
          <button
            type="button"
            className="nav-button sign-out"
            data-testid="sign-out"
            onClick={() => (hasDrafts() ? setConfirming(true) : onSignOut())}
          >
            {t('portal.nav.signOut')}
          </button>
        ) : null}
        <ConfirmDialog
          open={confirming}
          testid="sign-out-confirm"
          danger
          title={t('portal.nav.draftTitle')}
          body={[t('portal.nav.draftBody')]}
          confirmLabel={t('portal.nav.draftYes')}
          cancelLabel={t('portal.nav.draftNo')}
          onAnswer={(yes) => {
            setConfirming(false);
            if (yes) onSignOut();
          }}
        />
      </div>
      {signedIn ? <Nav /> : null}
    </header>
  );
}

/** The bell: the way to the notifications, with how many are unread in its name and on its badge. */
function Bell() {
  const { t } = useI18n();
  const [path] = useLocation();
  const first = useFirstRead();
  const later = useAfterFirstRead(first.ready);
  const count = useBellCount(later && !first.onHome);
  const known = first.onHome ? first.notifications : count.data?.unread;
  const unread = known ?? 0;
  return (
    <Link
      href="/notifications"
      className="nav-button bell"
      data-testid="bell"
      data-unread={known === undefined ? undefined : unread}
      aria-label={t('portal.bell.label', { n: unread })}
      aria-current={path === '/notifications' ? 'page' : undefined}
    >
      <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
      </svg>
      {unread > 0 ? (
        <span className="badge bell-badge" data-testid="bell-count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}

const MORE = [
  ['/profile', 'portal.nav.profile', 'nav-profile'],
  ['/activity', 'portal.nav.activity', 'nav-activity'],
  ['/consents', 'portal.nav.consents', 'nav-consents'],
  ['/preferences', 'portal.nav.preferences', 'nav-preferences'],
] as const;

function Nav() {
  const { t } = useI18n();
  const [path] = useLocation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  // The unread count: home's own read has it; elsewhere it is read after the screen's first read.
  const first = useFirstRead();
  const later = useAfterFirstRead(first.ready);
  const threads = useThreads(later && !first.onHome);
  const known = first.onHome ? first.unread : threads.data?.unread_total;
  const unread = known ?? 0;
  const section = `/${path.split('/')[1] ?? ''}`;
  const inMore = MORE.some(([href]) => href === section);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // The menu closes when a page opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on navigation only
  useEffect(() => setOpen(false), [path]);

  const current = (href: string) => (section === href ? 'page' : undefined);
  return (
    <nav
      className="site-nav"
      aria-label={t('portal.nav.label')}
      data-testid="nav"
      data-unread={known === undefined ? undefined : unread}
    >
      <ul className="nav-main">
        <li>
          <Link href="/home" data-testid="nav-home" aria-current={current('/home')}>
            {t('portal.nav.home')}
          </Link>
        </li>
        <li>
          <Link href="/messages" data-testid="nav-messages" aria-current={current('/messages')}>
            {t('portal.nav.messages')}
            {unread > 0 ? (
              <span className="badge nav-badge" data-testid="nav-messages-unread">
                {unread}
                <span className="visually-hidden"> {t('portal.nav.unread', { n: unread })}</span>
              </span>
            ) : null}
          </Link>
        </li>
        <li className="nav-more">
          <button
            ref={buttonRef}
            type="button"
            className={`nav-more-button${inMore ? ' is-current' : ''}`}
            aria-expanded={open}
            aria-controls={listId}
            data-testid="nav-more"
            onClick={() => setOpen((o) => !o)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOpen(false);
            }}
          >
            {t('portal.nav.more')}
          </button>
        </li>
      </ul>
      <ul
        id={listId}
        className={`nav-more-list${open ? ' is-open' : ''}`}
        data-testid="nav-more-list"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setOpen(false);
            buttonRef.current?.focus();
          }
        }}
      >
        {MORE.map(([href, key, testid]) => (
          <li key={href}>
            <Link href={href} data-testid={testid} aria-current={current(href)}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
