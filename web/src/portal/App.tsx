// The patient portal: providers, the signed-in chrome, the routes and the session's life.
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useIdleSignOut } from '../shared/activity';
import { createQueryClient } from '../shared/api/query';
import { I18nProvider, useI18n } from '../shared/i18n/I18nProvider';
import { chosenLang, langFor } from '../shared/i18n/i18n';
import { Loading, PageHeading, StatusLine, StatusProvider } from '../shared/ui/components';
import { acting } from './acting';
import { auth, session, sessionTerms } from './api';
import { english, loadCatalog } from './catalog';
import { clearDrafts } from './drafts';
import { inviteToken, legacyHashPath, openLinkToken, proxyInvitationToken } from './invite';
import {
  ActingBanner,
  Header,
  personName,
  type Scope,
  useAccess,
  useFirstRead,
  useProxyOnlyStart,
} from './parts/Header';
import { AccessLog } from './screens/AccessLog';
import { Consents } from './screens/Consents';
import { Home } from './screens/Home';
import { Invite } from './screens/Invite';
import { Compose, MessageList, Thread } from './screens/Messages';
import { NotFound } from './screens/NotFound';
import { Preferences } from './screens/Preferences';
import { Profile } from './screens/Profile';
import { SignIn, type SignInNotice } from './screens/SignIn';
import { SignOutUnconfirmed } from './screens/SignOutUnconfirmed';

// Opened now and then: loaded when opened, so the first load stays small.
const Notifications = lazy(() => import('./screens/Notifications').then((m) => ({ default: m.Notifications })));
const Activity = lazy(() => import('./screens/Activity').then((m) => ({ default: m.Activity })));
const Appointments = lazy(() => import('./screens/Appointments').then((m) => ({ default: m.Appointments })));
const AppointmentsBook = lazy(() => import('./screens/Appointments').then((m) => ({ default: m.AppointmentsBook })));
const AppointmentsReschedule = lazy(() =>
  import('./screens/Appointments').then((m) => ({ default: m.AppointmentsReschedule })),
);
const Billing = lazy(() => import('./screens/Billing').then((m) => ({ default: m.Billing })));
const Proxies = lazy(() => import('./screens/Proxies').then((m) => ({ default: m.Proxies })));
const OpenLink = lazy(() => import('./screens/OpenLink').then((m) => ({ default: m.OpenLink })));
const AcceptInvitation = lazy(() =>
  import('./screens/AcceptInvitation').then((m) => ({ default: m.AcceptInvitation })),
);

const queryClient = createQueryClient();

export function App() {
  const [path] = useLocation();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider load={loadCatalog} english={english}>
        <StatusProvider path={path}>
          <Portal />
        </StatusProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}

/** `unconfirmed`: signed out here, but the server did not confirm the session ended. */
type AuthState = 'checking' | 'invite' | 'accept' | 'open' | 'in' | 'ending' | 'unconfirmed' | 'out';

/** Section paths a patient may return to after signing in again (opaque ids only). */
const RETURNABLE =
  /^\/(home|messages(\/[A-Za-z0-9_-]+)?|profile(\/access-log|\/proxies)?|consents|preferences|notifications|activity|appointments(\/offers\/[A-Za-z0-9_-]+)?|billing)$/;
const RETURN_KEY = 'portico.returnTo';

function rememberReturn(path: string) {
  try {
    if (RETURNABLE.test(path)) sessionStorage.setItem(RETURN_KEY, path);
  } catch {
    // Storage blocked: home it is.
  }
}
function takeReturn(): string {
  try {
    const path = sessionStorage.getItem(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    if (path && RETURNABLE.test(path)) return path;
  } catch {
    // Storage blocked.
  }
  return '/home';
}

function Portal() {
  const [path, navigate] = useLocation();
  const { t, setLang } = useI18n();
  const client = useQueryClient();
  const signedIn = useSyncExternalStore(session.subscribe, () => session.signedIn);
  const terms = useSyncExternalStore(session.subscribe, sessionTerms);
  const [state, setState] = useState<AuthState>('checking');
  const [invite, setInvite] = useState<string | null>(null);
  const [proxyInvite, setProxyInvite] = useState<string | null>(null);
  const [openToken, setOpenToken] = useState<string | null>(null);
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const ending = useRef(false);

  // Start: an invitation link (its token leaves the address bar before anything else), an old hash
  // route, or a session to restore from the refresh cookie.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, at start
  useEffect(() => {
    // A notice's single-use link: the page finds out whether this browser may open it (OpenLink).
    const noticeToken = openLinkToken(window.location);
    if (noticeToken) {
      history.replaceState(null, '', '/open');
      navigate('/open', { replace: true });
      setOpenToken(noticeToken);
      setState('open');
      return;
    }
    // An invitation to act for someone: answered signed out (the invitee may have no account yet).
    const proxyToken = proxyInvitationToken(window.location);
    if (proxyToken) {
      history.replaceState(null, '', '/proxy-invitation');
      navigate('/proxy-invitation', { replace: true });
      setProxyInvite(proxyToken);
      setState('accept');
      return;
    }
    const token = inviteToken(window.location);
    if (token) {
      history.replaceState(null, '', '/sign-in');
      navigate('/sign-in', { replace: true });
      setInvite(token);
      setState('invite');
      return;
    }
    const legacy = legacyHashPath(window.location.hash);
    if (legacy) navigate(legacy, { replace: true });
    session.refresh().then(
      (ok) => setState(ok ? 'in' : 'out'),
      () => setState('out'),
    );
  }, []);

  const endSession = useCallback(
    async (notice: SignInNotice) => {
      const why = notice.kind;
      // An idle check, a refused renewal and a tap on "Sign out" may all ask at once: one sign-out.
      if (ending.current) return;
      ending.current = true;
      if (why === 'expired') rememberReturn(window.location.pathname);
      // Stop before ending the session on the server: no signed-in request leaves from here on (a
      // poll or a focus refresh that was already due included), the signed-in screens and their
      // timers go, and what is already out gets its answer first. Otherwise a poll could reach the
      // server after the sign-out, with a token that no longer works.
      session.close();
      setState('ending');
      let confirmed = false;
      try {
        await client.cancelQueries();
        await session.settled();
        confirmed = await auth.logout();
      } finally {
        // Confirmed or not, nothing of the session stays on this page; only the server's word lets
        // the page say "signed out".
        session.forget();
        acting.forget();
        client.clear();
        clearDrafts();
        setNotice(notice);
        setState(confirmed ? 'out' : 'unconfirmed');
        navigate('/sign-in', { replace: true });
        ending.current = false;
      }
    },
    [client, navigate],
  );

  const confirmSignOut = useCallback(async () => {
    const confirmed = await auth.logout();
    if (confirmed) setState('out');
    return confirmed;
  }, []);

  useEffect(() => {
    session.onEnded(() => {
      void endSession({ kind: 'expired' });
    });
  }, [endSession]);

  // A page restored from the back/forward cache after signing out must not show what it showed.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted && !session.signedIn) window.location.reload();
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);

  const signedInNow = state === 'in' && signedIn;
  // The idle limit is the server's, from the session's own answer.
  const idleSeconds = terms?.idleTimeoutSeconds ?? 0;
  useIdleSignOut(
    signedInNow && idleSeconds > 0,
    idleSeconds,
    () => void endSession({ kind: 'idle', minutes: Math.round(idleSeconds / 60) }),
  );

  // The patient's language from the session, before any other read, unless this device has one chosen.
  const language = terms?.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: when the session's language changes only
  useEffect(() => {
    const wanted = langFor(language);
    if (wanted && !chosenLang()) setLang(wanted, false);
  }, [language]);

  const afterSignIn = useCallback(() => {
    // A new sign-in starts in one's own account.
    acting.forget();
    setNotice(null);
    setInvite(null);
    setState('in');
    navigate(takeReturn(), { replace: true });
  }, [navigate]);

  let content: ReactNode;
  if (state === 'checking' || state === 'ending') {
    content = <Loading />;
  } else if (state === 'open' && openToken) {
    content = (
      <Suspense fallback={<Loading />}>
        <OpenLink
          token={openToken}
          onOpened={(to) => {
            // Signed in (a live session, or the code), acting for whom the link is about.
            setOpenToken(null);
            setNotice(null);
            setState('in');
            navigate(to, { replace: true });
          }}
          onSignIn={() => {
            setOpenToken(null);
            const live = session.signedIn;
            setState(live ? 'in' : 'out');
            navigate(live ? '/home' : '/sign-in', { replace: true });
          }}
        />
      </Suspense>
    );
  } else if (state === 'accept' && proxyInvite) {
    content = (
      <Suspense fallback={<Loading />}>
        <AcceptInvitation
          token={proxyInvite}
          onSignIn={() => {
            setProxyInvite(null);
            setState('out');
            navigate('/sign-in', { replace: true });
          }}
        />
      </Suspense>
    );
  } else if (state === 'invite' && invite) {
    content = (
      <Invite
        token={invite}
        onSignedIn={afterSignIn}
        onFailed={(detail) => {
          setInvite(null);
          setNotice({ kind: 'invite', detail });
          setState('out');
        }}
      />
    );
  } else if (state === 'unconfirmed') {
    content = (
      <SignOutUnconfirmed idleMinutes={notice?.kind === 'idle' ? notice.minutes : null} retry={confirmSignOut} />
    );
  } else if (!signedInNow) {
    if (path !== '/sign-in') {
      if (state === 'in' && !signedIn) return null;
      rememberReturn(path);
      return <Redirect to="/sign-in" replace />;
    }
    content = <SignIn notice={notice} onSignedIn={afterSignIn} />;
  } else {
    content = (
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/home" component={Home} />
          <Route path="/messages">
            <Allowed scope="messages">
              <MessageList />
            </Allowed>
          </Route>
          <Route path="/messages/new">
            <Allowed scope="messages">
              <Compose />
            </Allowed>
          </Route>
          <Route path="/messages/:id">
            {(params) => (
              <Allowed scope="messages">
                <Thread key={params.id} threadId={params.id} />
              </Allowed>
            )}
          </Route>
          <Route path="/profile">
            <Allowed scope="profile">
              <Profile />
            </Allowed>
          </Route>
          <Route path="/profile/access-log">
            <Allowed scope="owner">
              <AccessLog />
            </Allowed>
          </Route>
          <Route path="/profile/proxies">
            <Allowed scope="owner">
              <Proxies />
            </Allowed>
          </Route>
          <Route path="/consents">
            <Allowed scope="profile">
              <Consents />
            </Allowed>
          </Route>
          <Route path="/preferences">
            <Allowed scope="profile">
              <Preferences />
            </Allowed>
          </Route>
          <Route path="/notifications">
            <Allowed scope="bell">
              <Notifications />
            </Allowed>
          </Route>
          <Route path="/activity">
            <Allowed scope="profile">
              <Activity />
            </Allowed>
          </Route>
          <Route path="/appointments">
            <Allowed scope="appointments">
              <Appointments />
            </Allowed>
          </Route>
          <Route path="/appointments/book">
            <Allowed scope="appointments">
              <AppointmentsBook />
            </Allowed>
          </Route>
          <Route path="/appointments/offers/:offerId">
            {(params) => (
              <Allowed scope="appointments">
                <Appointments key={params.offerId} focusOffer={params.offerId} />
              </Allowed>
            )}
          </Route>
          <Route path="/appointments/:id/reschedule">
            {(params) => (
              <Allowed scope="appointments">
                <AppointmentsReschedule key={params.id} appointmentId={params.id} />
              </Allowed>
            )}
          </Route>
          <Route path="/billing">
            <Allowed scope="billing">
              <Billing />
            </Allowed>
          </Route>
          <Route path="/">
            <Redirect to="/home" replace />
          </Route>
          <Route path="/sign-in">
            <Redirect to="/home" replace />
          </Route>
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main" data-testid="skip-link">
        {t('common.skipToMain')}
      </a>
      <Header
        signedIn={signedInNow}
        checking={state === 'checking' || state === 'invite' || state === 'ending'}
        onSignOut={() => void endSession({ kind: 'signedOut' })}
      />
      {signedInNow ? <SignedInEffects /> : null}
      <main id="main" className="site-main" tabIndex={-1} data-testid="main">
        {signedInNow ? <ActingBanner /> : null}
        {signedInNow ? <AccessEnded /> : null}
        <StatusLine />
        {content}
      </main>
      <footer className="site-footer" data-testid="footer">
        <p>{t('portal.footer.emergency')}</p>
      </footer>
    </>
  );
}

/**
 * The patient's time zone picks the portal's once the screen's first read knows it; an account made
 * only to act for others opens on someone it acts for.
 */
function SignedInEffects() {
  const { setTimeZone } = useI18n();
  useProxyOnlyStart();
  const zone = useFirstRead().timeZone;
  // Kept while the next screen's read is on its way (home and the other screens read it apart).
  useEffect(() => {
    if (zone) setTimeZone(zone);
  }, [zone, setTimeZone]);
  return null;
}

/**
 * A screen the person acted for has not allowed (or, `owner`, one only the account's owner has; `bell`,
 * hidden from a teen's parent): said plainly instead of a refusal from the server.
 */
function Allowed({ scope, children }: { scope: Scope | 'owner' | 'bell'; children: ReactNode }) {
  const { t } = useI18n();
  const access = useAccess();
  if (!access.actingFor) {
    // An account made only to act for others has no patient screens of its own (home says why).
    if (!access.proxyOnly || scope === 'owner') return <>{children}</>;
    return (
      <section className="stack" data-testid="not-allowed">
        <PageHeading>{t('portal.acting.notAllowedTitle')}</PageHeading>
        <p>{t('portal.home.proxyOnly.screens')}</p>
      </section>
    );
  }
  if (!access.known) return <Loading />;
  const open =
    scope === 'owner' ? false : scope === 'bell' ? access.may('messages') && !access.limited : access.may(scope);
  if (open) return <>{children}</>;
  const name = access.actingName || t('portal.acting.someone');
  return (
    <section className="stack" data-testid="not-allowed">
      <PageHeading>{t('portal.acting.notAllowedTitle')}</PageHeading>
      <p>{scope === 'owner' ? t('portal.acting.ownerOnly', { name }) : t('portal.acting.notAllowed', { name })}</p>
    </section>
  );
}

/**
 * When the server stops letting the person act for someone (the access was ended, ran out, or the
 * child came of age), the portal goes back to their own account and says why.
 */
function AccessEnded() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const ended = useSyncExternalStore(acting.subscribe, acting.ended);
  const [name, setName] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ended) return;
    const home = client.getQueryData<{
      people?: { patient_id: string; given_name: string; preferred_name?: string | null }[];
    }>(['home']);
    const person = home?.people?.find((p) => p.patient_id === ended);
    setName(person ? personName(person) : '');
    acting.acknowledge();
    void client.cancelQueries().then(() => client.resetQueries());
    clearDrafts();
    navigate('/home', { replace: true });
  }, [ended, client, navigate]);
  useEffect(() => {
    if (name !== null) ref.current?.focus();
  }, [name]);
  if (name === null) return null;
  return (
    <div className="alert alert-warn" role="alert" tabIndex={-1} ref={ref} data-testid="acting-ended">
      <p>{name ? t('portal.acting.ended', { name }) : t('portal.acting.endedSomeone')}</p>
      <button type="button" className="link-button" data-testid="acting-ended-dismiss" onClick={() => setName(null)}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
