// The staff console: desks first, works on a tablet. Role-aware: what a role may not use is not shown
// (and the API refuses it anyway).
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useIdleSignOut } from '../shared/activity';
import { createQueryClient } from '../shared/api/query';
import { I18nProvider, useI18n } from '../shared/i18n/I18nProvider';
import { limits, may } from '../shared/limits';
import { LanguageSwitcher, Loading, StatusLine, StatusProvider } from '../shared/ui/components';
import { forget, session, staffRoles } from './api';
import { type AuthSettings, loadSettings, logoutUrl } from './auth';
import { english, loadCatalog } from './catalog';
import { Inbox, StaffThread } from './screens/Inbox';
import { Enrol, PatientChart, Patients } from './screens/Patients';
import { Callback, SignIn } from './screens/SignIn';
import { Tasks } from './screens/Tasks';
import { Templates } from './screens/Templates';

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
  const [notice, setNotice] = useState<'' | 'signedOut' | 'expired' | 'idle'>('');

  useEffect(() => {
    loadSettings().then(setSettings, () => setSettings(null));
  }, []);

  const signOut = useCallback(
    (why: 'signedOut' | 'expired' | 'idle') => {
      // Nothing signed-in leaves from here on (a poll already due would otherwise find no token, try
      // to renew and report the session as expired), and the queries stop before they are dropped.
      session.close();
      forget();
      void client.cancelQueries();
      client.clear();
      setNotice(why);
      if (why === 'signedOut' && settings?.mode === 'cognito') {
        location.assign(logoutUrl(settings));
        return;
      }
      navigate('/sign-in', { replace: true });
    },
    [client, navigate, settings],
  );
  useEffect(() => session.onEnded(() => signOut('expired')), [signOut]);
  useIdleSignOut(signedIn, limits.staffIdleMinutes, () => signOut('idle'));

  if (settings === undefined) return <Loading />;

  let content: ReactNode;
  if (settings === null) {
    content = <p data-testid="console-unconfigured">{t('console.unconfigured')}</p>;
  } else if (path === '/callback' && settings.mode === 'cognito') {
    content = <Callback settings={settings} onSignedIn={() => navigate('/', { replace: true })} />;
  } else if (!signedIn) {
    if (path !== '/sign-in') return <Redirect to="/sign-in" replace />;
    content = (
      <SignIn
        settings={settings}
        notice={notice}
        onSignedIn={() => {
          setNotice('');
          navigate('/', { replace: true });
        }}
      />
    );
  } else {
    const roles = staffRoles();
    content = (
      <Switch>
        <Route path="/" component={Inbox} />
        <Route path="/threads/:patient/:thread">
          {(p) => <StaffThread key={p.thread} patientId={p.patient} threadId={p.thread} />}
        </Route>
        <Route path="/patients" component={Patients} />
        <Route path="/patients/new">{may(roles, 'enrol') ? <Enrol /> : <Redirect to="/patients" replace />}</Route>
        <Route path="/patients/:id">{(p) => <PatientChart key={p.id} patientId={p.id} />}</Route>
        <Route path="/tasks" component={Tasks} />
        <Route path="/templates" component={Templates} />
        <Route path="/sign-in">
          <Redirect to="/" replace />
        </Route>
        <Route>
          <Redirect to="/" replace />
        </Route>
      </Switch>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToMain')}
      </a>
      <ConsoleHeader signedIn={signedIn} local={settings?.mode !== 'cognito'} onSignOut={() => signOut('signedOut')} />
      <main id="main" className="site-main console-main" tabIndex={-1} data-testid="main">
        <StatusLine />
        {content}
      </main>
    </>
  );
}

const ROLE_KEYS = {
  admin: 'console.role.admin',
  clinician: 'console.role.clinician',
  'front-desk': 'console.role.frontDesk',
  billing: 'console.role.billing',
} as const;

function ConsoleHeader({ signedIn, local, onSignOut }: { signedIn: boolean; local: boolean; onSignOut: () => void }) {
  const { t } = useI18n();
  const [path] = useLocation();
  const roles = signedIn ? staffRoles() : [];
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
          {signedIn ? (
            <>
              <span className="role" data-testid="staff-role">
                {roles.map((r) => (r in ROLE_KEYS ? t(ROLE_KEYS[r as keyof typeof ROLE_KEYS]) : r)).join(', ')}
              </span>
              <button type="button" className="nav-button sign-out" data-testid="sign-out" onClick={onSignOut}>
                {t('console.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </div>
      {signedIn ? (
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
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
