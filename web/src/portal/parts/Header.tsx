// The header: the practice's name (and logo when it has one), and a navigation that fits a phone:
// Home and Messages always in reach, the rest behind "More" on small screens.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useLocation } from 'wouter';
import { safeTransferUrl } from '../../shared/api/uploads';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { ConfirmDialog } from '../../shared/ui/components';
import { acting } from '../acting';
import { auth, messaging, portal, type S } from '../api';
import { clearDrafts, hasDrafts } from '../drafts';

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

/** Home's read, once: who is signed in, whom they may act for, and what the grant acted under allows. */
function useWho(enabled: boolean) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['home'],
    queryFn: async () => {
      const home = await portal.home();
      client.setQueryData(['practice'], home.practice);
      return home;
    },
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

/** The patient id requests act for (null: oneself), as the tab keeps it. */
export function useActingFor(): string | null {
  return useSyncExternalStore(acting.subscribe, acting.current);
}

export type Scope = S['Scope'];

export interface Access {
  /** Whom requests act for; null for oneself. */
  actingFor: string | null;
  /** False until home's read has said what the grant allows (always true for oneself). */
  known: boolean;
  /** A teen's parent: the teen's own conversations and confidential topics are hidden. */
  limited: boolean;
  /** Whether screens of this scope are open (everything is, for oneself). */
  may: (scope: Scope) => boolean;
  person: S['HomeName'] | null;
  /** An account made only to act for others: no patient screens of its own. */
  proxyOnly: boolean;
  people: S['HomePerson'][];
  /** The name of the person acted for (or '' before it is known). */
  actingName: string;
}

export function personName(p: Pick<S['HomePerson'], 'preferred_name' | 'given_name'>): string {
  return p.preferred_name?.trim() || p.given_name;
}

/**
 * What the signed-in person may see: home's read names whom they may act for and what the grant for
 * the one they act for allows. Read once on any screen (home's own read keeps it fresh).
 */
export function useAccess(signedIn = true): Access {
  const actingFor = useActingFor();
  const first = useFirstRead(signedIn);
  const later = useAfterFirstRead(first.ready);
  const who = useWho(signedIn && (later || Boolean(actingFor)));
  const data = who.data;
  const grant = data?.acting_for ?? null;
  const matches = Boolean(actingFor && grant && grant.patient_id === actingFor);
  const known = !actingFor || matches;
  // An older server's home names neither (the switcher then stays away).
  const people = data?.people ?? [];
  const acted = people.find((p) => p.patient_id === actingFor);
  const proxyOnly = Boolean(data?.person?.proxy_only);
  return {
    actingFor,
    known,
    limited: matches && Boolean(grant?.limited),
    may: (scope) => (actingFor ? matches && Boolean(grant?.scopes.includes(scope)) : !proxyOnly),
    person: data?.person ?? null,
    proxyOnly,
    people,
    actingName: acted ? personName(acted) : '',
  };
}

/**
 * Acting for someone else, or for oneself again: what was read for the last person goes (the cache,
 * unsent drafts), and home opens for the new one.
 */
export function useSwitchPerson() {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  return async (id: string | null, self?: string) => {
    await client.cancelQueries();
    acting.choose(id, self);
    clearDrafts();
    await client.resetQueries();
    navigate('/home');
  };
}

/**
 * An account made only to act for others opens on the first person it acts for, until whom to act for
 * has been chosen in this tab (choosing the account itself included).
 */
export function useProxyOnlyStart() {
  const access = useAccess();
  const switchTo = useSwitchPerson();
  const first = access.proxyOnly && !access.actingFor ? access.people[0]?.patient_id : undefined;
  const self = access.person?.patient_id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: when whom to open changes only
  useEffect(() => {
    if (first && !acting.chosen()) void switchTo(first, self);
  }, [first, self]);
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
  const actingFor = useActingFor();
  const home = useHome(enabled && onHome);
  // Acting for someone, the profile may be outside the grant: home's read (once) has their zone.
  const who = useWho(enabled && !onHome && Boolean(actingFor));
  const me = useQuery({ queryKey: ['me'], queryFn: portal.me, enabled: enabled && !onHome && !actingFor });
  if (!onHome && actingFor)
    return {
      onHome,
      ready: who.isSuccess,
      timeZone: who.data?.profile.time_zone,
      unread: undefined,
      notifications: undefined,
    };
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
  const access = useAccess(signedIn);
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
        {signedIn && access.may('messages') && !access.limited ? <Bell /> : null}
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
      {signedIn && access.people.length > 0 && access.person ? <PersonSwitcher access={access} /> : null}
      {signedIn ? <Nav access={access} /> : null}
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

/**
 * Whom the portal shows: oneself ("You (Rosa)") or someone one may act for. A native select: labelled,
 * by keyboard, and the phone's own picker. Unsent messages are for the person they were started for,
 * so switching with one asks first.
 */
function PersonSwitcher({ access }: { access: Access }) {
  const { t } = useI18n();
  const id = useId();
  const switchTo = useSwitchPerson();
  const [asking, setAsking] = useState<string | null>(null);
  const self = access.person;
  if (!self) return null;
  const chosen = access.actingFor ?? self.patient_id;
  const go = (next: string) => void switchTo(next === self.patient_id ? null : next, self.patient_id);
  return (
    <div className="person-switcher">
      <label htmlFor={id}>{t('portal.acting.switchLabel')}</label>
      <select
        id={id}
        data-testid="person-switcher"
        value={chosen}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (next === chosen) return;
          if (hasDrafts()) setAsking(next);
          else go(next);
        }}
      >
        <option value={self.patient_id}>
          {self.proxy_only
            ? t('portal.acting.account', { name: personName(self) })
            : t('portal.acting.you', { name: personName(self) })}
        </option>
        {access.people.map((p) => (
          <option key={p.patient_id} value={p.patient_id}>
            {personName(p)}
          </option>
        ))}
      </select>
      <ConfirmDialog
        open={asking !== null}
        testid="switch-confirm"
        danger
        title={t('portal.acting.draftTitle')}
        body={[t('portal.acting.draftBody')]}
        confirmLabel={t('portal.acting.draftYes')}
        cancelLabel={t('portal.nav.draftNo')}
        onAnswer={(yes) => {
          const next = asking;
          setAsking(null);
          if (yes && next) go(next);
        }}
      />
    </div>
  );
}

/**
 * While acting for someone, on every screen: whose account this is, what is private from a teen's
 * parent, and the way back to one's own.
 */
export function ActingBanner() {
  const { t } = useI18n();
  const access = useAccess();
  const switchTo = useSwitchPerson();
  if (!access.actingFor) return null;
  const name = access.actingName || t('portal.acting.someone');
  return (
    <div className="alert alert-info acting-banner" data-testid="acting-banner" data-limited={access.limited}>
      <p>
        <strong>{t('portal.acting.viewing', { name })}</strong>
      </p>
      {access.limited ? <p data-testid="acting-limited">{t('portal.acting.limited', { name })}</p> : null}
      <p>
        <button type="button" className="link-button" data-testid="acting-back" onClick={() => void switchTo(null)}>
          {t('portal.acting.back')}
        </button>
      </p>
    </div>
  );
}

const MORE = [
  ['/appointments', 'portal.appointments.title', 'nav-appointments', 'appointments'],
  ['/billing', 'portal.nav.billing', 'nav-billing', 'billing'],
  ['/profile', 'portal.nav.profile', 'nav-profile', 'profile'],
  ['/activity', 'portal.nav.activity', 'nav-activity', 'profile'],
  ['/consents', 'portal.nav.consents', 'nav-consents', 'profile'],
  ['/preferences', 'portal.nav.preferences', 'nav-preferences', 'profile'],
] as const;

function Nav({ access }: { access: Access }) {
  const { t } = useI18n();
  const [path] = useLocation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  // The unread count: home's own read has it; elsewhere it is read after the screen's first read.
  const first = useFirstRead();
  const later = useAfterFirstRead(first.ready);
  const mayMessages = access.may('messages');
  const more = MORE.filter(([, , , scope]) => access.may(scope));
  const threads = useThreads(later && !first.onHome && mayMessages);
  const known = first.onHome ? first.unread : threads.data?.unread_total;
  const unread = known ?? 0;
  const section = `/${path.split('/')[1] ?? ''}`;
  const inMore = more.some(([href]) => href === section);
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
        {mayMessages ? (
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
        ) : null}
        {more.length ? (
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
        ) : null}
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
        {more.map(([href, key, testid]) => (
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
