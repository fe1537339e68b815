// Component tests of the hosted sign-in's two pages in AWS: the practice host's callback reads the pool's
// answer from the fragment the sign-in host handed on (or from the query), clears the address, and
// signs in only for the state this tab began; the sign-in host hands a good answer on with
// `location.replace`, says a bad one is not valid (sending nobody anywhere), and on its other pages
// says how to sign in again, with no sign-in of its own.
import { act } from 'preact/test-utils';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { session } from '../api';
import type { CognitoSettings } from '../auth';
import { english, loadCatalog } from '../catalog';
import { Callback, SignInHost } from './SignIn';

const cfg: CognitoSettings = {
  mode: 'cognito',
  domain: 'https://auth.portico.example',
  clientId: 'client123',
  redirectUri: 'https://signin.portico.example/console/callback',
  logoutUri: 'https://signin.portico.example/console/signed-out',
  scopes: ['openid', 'email'],
};
const STATE = 'Rnd-1_x.riverside.portico.example';

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function render(children: ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <I18nProvider load={loadCatalog} english={english}>
        {children}
      </I18nProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

/** The pool's token endpoint: the form it was sent, and a token. */
function tokenEndpoint() {
  const sent: URLSearchParams[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new URLSearchParams(String(init?.body)));
    return new Response(JSON.stringify({ access_token: 'h.e30.s', expires_in: 3600, refresh_token: 'rt' }), {
      status: 200,
    });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, sent };
}

beforeEach(() => {
  sessionStorage.setItem('portico.console.pkce', JSON.stringify({ verifier: 'the-verifier', state: STATE }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  sessionStorage.clear();
  localStorage.clear();
  session.forget();
  history.replaceState(null, '', '/');
});

describe("the practice host's callback", () => {
  for (const [form, address] of [
    ['the fragment (handed on by the sign-in host)', `/console/callback#code=c1&state=${STATE}`],
    ['the query (the pool answering this host itself)', `/console/callback?code=c1&state=${STATE}`],
  ] as const) {
    it(`signs in with the answer in ${form}, and clears the address`, async () => {
      history.replaceState(null, '', address);
      const { fetch, sent } = tokenEndpoint();
      const signedIn = vi.fn();
      const close = render(<Callback settings={cfg} onSignedIn={signedIn} />);

      await vi.waitFor(() => expect(signedIn).toHaveBeenCalledOnce());
      expect(String(fetch.mock.calls[0]?.[0])).toBe('https://auth.portico.example/oauth2/token');
      expect(sent[0]?.get('code')).toBe('c1');
      expect(sent[0]?.get('code_verifier')).toBe('the-verifier');
      expect(sent[0]?.get('redirect_uri')).toBe(cfg.redirectUri);
      expect(session.signedIn).toBe(true);
      expect(location.pathname + location.search + location.hash).toBe('/console/callback');
      expect(sessionStorage.getItem('portico.console.pkce')).toBeNull();
      close();
    });
  }

  it('refuses an answer whose state this tab did not begin, and trades nothing', async () => {
    history.replaceState(null, '', '/console/callback#code=c1&state=Other.riverside.portico.example');
    const { fetch } = tokenEndpoint();
    const signedIn = vi.fn();
    const close = render(<Callback settings={cfg} onSignedIn={signedIn} />);

    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')).not.toBeNull());
    expect(fetch).not.toHaveBeenCalled();
    expect(signedIn).not.toHaveBeenCalled();
    expect(session.signedIn).toBe(false);
    expect(location.hash).toBe('');
    close();
  });
});

describe('the sign-in host', () => {
  it('hands a good answer on to the practice host, with the code in the fragment', async () => {
    history.replaceState(null, '', `/console/callback?code=c1&state=${STATE}`);
    const go = vi.fn();
    const close = render(
      <SignInHost
        settings={cfg}
        path="/callback"
        href={`https://signin.portico.example/console/callback?code=c1&state=${STATE}`}
        go={go}
      />,
    );

    await vi.waitFor(() => expect(go).toHaveBeenCalledOnce());
    expect(go).toHaveBeenCalledWith(`https://riverside.portico.example/console/callback#code=c1&state=${STATE}`);
    expect(byTestId('signin-host-invalid')).toBeNull();
    expect(location.search).toBe('');
    close();
  });

  it('says a bad answer is not valid and sends nobody anywhere', async () => {
    history.replaceState(null, '', '/console/callback?code=c1&state=r.evil.example');
    const go = vi.fn();
    const close = render(
      <SignInHost
        settings={cfg}
        path="/callback"
        href="https://signin.portico.example/console/callback?code=c1&state=r.evil.example"
        go={go}
      />,
    );

    await vi.waitFor(() =>
      expect(byTestId('signin-host-invalid')?.textContent).toBe(
        "This sign-in link is not valid; open your practice's console and sign in again.",
      ),
    );
    expect(byTestId('signin-host-invalid')?.getAttribute('role')).toBe('alert');
    expect(go).not.toHaveBeenCalled();
    expect(location.search).toBe('');
    close();
  });

  it('says how to sign in again on its other pages, with no sign-in of its own, in Spanish too', async () => {
    const go = vi.fn();
    const close = render(
      <SignInHost settings={cfg} path="/signed-out" href="https://signin.portico.example/console/signed-out" go={go} />,
    );
    await vi.waitFor(() =>
      expect(byTestId('signin-host-signed-out')?.textContent).toBe(
        "You have signed out of Portico. Open your practice's console to sign in again.",
      ),
    );
    expect(document.querySelector('h1')?.textContent).toBe('Signed out of Portico');
    expect(document.querySelector('button')).toBeNull();
    expect(go).not.toHaveBeenCalled();
    close();

    localStorage.setItem('portico.language', 'es');
    const again = render(<SignInHost settings={cfg} path="/" href="https://signin.portico.example/console/" go={go} />);
    await vi.waitFor(() =>
      expect(byTestId('signin-host-signed-out')?.textContent).toBe(
        'Cerró la sesión de Portico. Abra la consola de su consultorio para volver a iniciar sesión.',
      ),
    );
    again();
  });
});
