// The staff console: desks first, works on a tablet. Role-aware: what a role may not use is not shown
// (and the API refuses it anyway).
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useIdleSignOut } from '../shared/activity';
import { createQueryClient } from '../shared/api/query';
import { I18nProvider, useI18n } from '../shared/i18n/I18nProvider';
import { may } from '../shared/limits';
import { LanguageSwitcher, LoadFailed, Loading, StatusLine, StatusProvider } from '../shared/ui/components';
import { forget, type S, session, staff } from './api';
import { type AuthSettings, loadSettings, logoutUrl, onSignInHost } from './auth';
import { english, loadCatalog } from './catalog';
import { SignedInStaff, useRoleNames } from './parts';
import { mayBill } from './screens/BillingApi';
import { Inbox, StaffThread } from './screens/Inbox';
import { Enrol, PatientChart, Patients } from './screens/Patients';
import { mayDo } from './screens/ScheduleApi';
import { Callback, SignIn, SignInHost, type SignInNotice } from './screens/SignIn';
import { Tasks } from './screens/Tasks';
import { Team } from './screens/Team';
import { Templates } from './screens/Templates';

// Admins' screens load when opened, keeping the console's first load small for every desk.
const Audit = lazy(() => import('./screens/Audit').then((m) => ({ default: m.Audit })));
const Practice = lazy(() => import('./screens/Practice').then((m) => ({ default: m.Practice })));
const BillingSettings = lazy(() => import('./screens/Practice').then((m) => ({ default: m.BillingSettings })));
const Schedule = lazy(() => import('./screens/Schedule').then((m) => ({ default: m.Schedule })));
const Waitlist = lazy(() => import('./screens/Waitlist').then((m) => ({ default: m.Waitlist })));
const Services = lazy(() => import('./screens/Services').then((m) => ({ default: m.Services })));
const ClinicianSchedules = lazy(() =>
  import('./screens/ScheduleSettings').then((m) => ({ default: m.ClinicianSchedules })),
);

const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider load={loadCatalog} english={english}>
        <Router base="/console">
          <WithStatus />
        </Router>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function WithStatus() {
  const [path] = useLocation();
  return (
    <StatusProvider path={path}>
      <Console />
    </StatusProvider>
  );
}

export function useConsoleTitle(section: string) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${section} – ${t('console.brand')}`;
  }, [section, t]);
}

function Console() {
  const { t } = useI18n();
  const [path, navigate] = useLocation();
  const client = useQueryClient();
  const signedIn = useSyncExternalStore(session.subscribe, () => session.signedIn);
  const [settings, setSettings] = useState<AuthSettings | null | undefined>(undefined);
  const [notice, setNotice] = useState<SignInNotice | null>(null);

  useEffect(() => {
    loadSettings().then(setSettings, () => setSettings(null));
  }, []);

  const signOut = useCallback(
    (why: SignInNotice) => {
      // Nothing signed-in leaves from here on (a poll already due would otherwise find no token, try
      // to renew and report the session as expired), and the queries stop before they are dropped.
      session.close();
      forget();
      void client.cancelQueries();
      client.clear();
      setNotice(why);
      if (why.kind === 'signedOut' && settings?.mode === 'cognito') {
        location.assign(logoutUrl(settings));
        return;
      }
      navigate('/sign-in', { replace: true });
    },
    [client, navigate, settings],
  );
  useEffect(() => session.onEnded(() => signOut({ kind: 'expired' })), [signOut]);
  // Who is signed in, once per sign-in: the header's name and roles, what the screens offer, and the
  // session's idle limit (the server's, so the page signs out when the server would).
  const me = useQuery({
    queryKey: ['staff-me'],
    queryFn: staff.me,
    enabled: signedIn,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const idleSeconds = me.data?.idle_timeout_seconds ?? 0;
  useIdleSignOut(signedIn && idleSeconds > 0, idleSeconds, () =>
    signOut({ kind: 'idle', minutes: Math.round(idleSeconds / 60) }),
  );

  if (settings === undefined) return <Loading />;

  let content: ReactNode;
  if (settings === null) {
    content = <p data-testid="console-unconfigured">{t('console.unconfigured')}</p>;
  } else if (settings.mode === 'cognito' && onSignInHost(settings)) {
    content = <SignInHost settings={settings} path={path} />;
  } else if (path === '/callback' && settings.mode === 'cognito') {
    content = <Callback settings={settings} onSignedIn={() => navigate('/', { replace: true })} />;
  } else if (!signedIn) {
    if (path !== '/sign-in') return <Redirect to="/sign-in" replace />;
    content = (
      <SignIn
        settings={settings}
        notice={notice}
        onSignedIn={() => {
          setNotice(null);
          navigate('/', { replace: true });
        }}
      />
    );
  } else if (!me.data) {
    content = me.isError ? <LoadFailed error={me.error} retry={() => void me.refetch()} /> : <Loading />;
  } else {
    const roles = me.data.roles;
    content = (
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={Inbox} />
          <Route path="/threads/:patient/:thread">
            {(p) => <StaffThread key={p.thread} patientId={p.patient} threadId={p.thread} />}
          </Route>
          <Route path="/patients" component={Patients} />
          <Route path="/patients/new">{may(roles, 'enrol') ? <Enrol /> : <Redirect to="/patients" replace />}</Route>
          <Route path="/patients/:id/billing">
            {(p) => <PatientChart key={`${p.id}/billing`} patientId={p.id} tab="billing" />}
          </Route>
          <Route path="/patients/:id">{(p) => <PatientChart key={p.id} patientId={p.id} />}</Route>
          <Route path="/tasks" component={Tasks} />
          <Route path="/templates" component={Templates} />
          <Route path="/team">{may(roles, 'readTeam') ? <Team /> : <Redirect to="/" replace />}</Route>
          <Route path="/practice">
            {may(roles, 'readPractice') ? (
              <Practice />
            ) : mayBill(roles, 'readAccount') ? (
              <BillingSettings />
            ) : (
              <Redirect to="/" replace />
            )}
          </Route>
          <Route path="/audit">{may(roles, 'readAudit') ? <Audit /> : <Redirect to="/" replace />}</Route>
          <Route path="/schedule">{mayDo(roles, 'readSchedule') ? <Schedule /> : <Redirect to="/" replace />}</Route>
          <Route path="/waitlist">{mayDo(roles, 'readWaitlist') ? <Waitlist /> : <Redirect to="/" replace />}</Route>
          <Route path="/services">{mayDo(roles, 'editServices') ? <Services /> : <Redirect to="/" replace />}</Route>
          <Route path="/clinician-schedules">
            {mayDo(roles, 'editClinicianSchedule') ? <ClinicianSchedules /> : <Redirect to="/" replace />}
          </Route>
          <Route path="/sign-in">
            <Redirect to="/" replace />
          </Route>
          <Route>
            <Redirect to="/" replace />
          </Route>
        </Switch>
      </Suspense>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToMain')}
      </a>
      <SignedInStaff.Provider value={signedIn ? (me.data ?? null) : null}>
        <ConsoleHeader
          me={signedIn ? (me.data ?? null) : null}
          local={settings?.mode !== 'cognito'}
          onSignOut={() => signOut({ kind: 'signedOut' })}
        />
        <main id="main" className="site-main console-main" tabIndex={-1} data-testid="main">
          <StatusLine />
          {content}
        </main>
      </SignedInStaff.Provider>
    </>
  );
}

function ConsoleHeader({
  me,
  local,
  onSignOut,
}: {
  me: S['StaffMemberView'] | null;
  local: boolean;
  onSignOut: () => void;
}) {
  const { t } = useI18n();
  const [path] = useLocation();
  const roleNames = useRoleNames();
  const current = (href: string) => {
    const section = href === '/' ? path === '/' || path.startsWith('/threads') : path.startsWith(href);
    return section ? 'page' : undefined;
  };
  return (
    <header className="site-header console-header">
      <div className="brand-row">
        <div className="brand">
          <span className="brand-name">{t('console.brand')}</span>
          {local ? (
            <span className="tag tag-local" data-testid="local-tag">
              {t('console.localTag')}
            </span>
          ) : null}
        </div>
        <div className="header-tools">
          <LanguageSwitcher />
          {me ? (
            <>
              <span className="who">
                <span className="who-name" data-testid="staff-name">
                  {me.display_name}
                </span>{' '}
                <span className="role" data-testid="staff-role">
                  {roleNames(me.roles)}
                </span>
              </span>
              <button type="button" className="nav-button sign-out" data-testid="sign-out" onClick={onSignOut}>
                {t('console.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </div>
      {me ? (
        <nav className="site-nav" aria-label={t('console.nav.label')} data-testid="nav">
          <ul>
            <li>
              <Link href="/" aria-current={current('/')} data-testid="nav-inbox">
                {t('console.nav.inbox')}
              </Link>
            </li>
            <li>
              <Link href="/patients" aria-current={current('/patients')} data-testid="nav-patients">
                {t('console.nav.patients')}
              </Link>
            </li>
            <li>
              <Link href="/tasks" aria-current={current('/tasks')} data-testid="nav-tasks">
                {t('console.nav.tasks')}
              </Link>
            </li>
            <li>
              <Link href="/templates" aria-current={current('/templates')} data-testid="nav-templates">
                {t('console.nav.templates')}
              </Link>
            </li>
            {may(me.roles, 'readTeam') ? (
              <li>
                <Link href="/team" aria-current={current('/team')} data-testid="nav-team">
                  {t('console.nav.team')}
                </Link>
              </li>
            ) : null}
            {may(me.roles, 'readPractice') || mayBill(me.roles, 'readAccount') ? (
              <li>
                <Link href="/practice" aria-current={current('/practice')} data-testid="nav-practice">
                  {t('console.nav.practice')}
                </Link>
              </li>
            ) : null}
            {may(me.roles, 'readAudit') ? (
              <li>
                <Link href="/audit" aria-current={current('/audit')} data-testid="nav-audit">
                  {t('console.nav.audit')}
                </Link>
              </li>
            ) : null}
            {mayDo(me.roles, 'readSchedule') ? (
              <li>
                <Link href="/schedule" aria-current={current('/schedule')} data-testid="nav-schedule">
                  {t('console.schedule.nav')}
                </Link>
              </li>
            ) : null}
            {mayDo(me.roles, 'readWaitlist') ? (
              <li>
                <Link href="/waitlist" aria-current={current('/waitlist')} data-testid="nav-waitlist">
                  {t('console.waitlist.nav')}
                </Link>
              </li>
            ) : null}
            {mayDo(me.roles, 'editServices') ? (
              <li>
                <Link href="/services" aria-current={current('/services')} data-testid="nav-services">
                  {t('console.services.nav')}
                </Link>
              </li>
            ) : null}
            {mayDo(me.roles, 'editClinicianSchedule') ? (
              <li>
                <Link
                  href="/clinician-schedules"
                  aria-current={current('/clinician-schedules')}
                  data-testid="nav-clinician-schedules"
                >
                  {t('console.schedule.weekly.nav')}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
