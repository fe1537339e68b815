import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authorizeUrl,
  beginHostedSignIn,
  bounceTarget,
  type CognitoSettings,
  callbackAnswer,
  completeHostedSignIn,
  loadSettings,
  logoutUrl,
  parseSettings,
  pkceChallenge,
  tokenRequest,
} from './auth';

const cfg: CognitoSettings = {
  mode: 'cognito',
  domain: 'https://auth.riverside.example',
  clientId: 'client123',
  redirectUri: 'https://riverside.example/console/callback',
  logoutUri: 'https://riverside.example/console/',
  scopes: ['openid', 'email'],
};

describe('console settings', () => {
  it('accepts a complete Cognito document and refuses a partial or insecure one', () => {
    expect(parseSettings({ auth: { ...cfg } })).toEqual(cfg);
    expect(parseSettings({ auth: { ...cfg, domain: 'http://auth.example' } })).toBeNull();
    expect(parseSettings({ auth: { mode: 'cognito', domain: cfg.domain } })).toBeNull();
    expect(parseSettings({ auth: { mode: 'local' } })).toEqual({ mode: 'local' });
    expect(parseSettings('nope')).toBeNull();
  });
  it('falls back to the local stand-in only on a loopback host', async () => {
    const missing = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    expect(await loadSettings(missing, 'riverside.localhost')).toEqual({ mode: 'local' });
    expect(await loadSettings(missing, 'portal.riverside.example')).toBeNull();
    const found = (async () => new Response(JSON.stringify({ auth: cfg }), { status: 200 })) as unknown as typeof fetch;
    expect(await loadSettings(found, 'portal.riverside.example')).toEqual(cfg);
  });
});

describe('hosted sign-in with PKCE', () => {
  beforeEach(() => sessionStorage.clear());

  it('computes the RFC 7636 S256 challenge', async () => {
    // The example of RFC 7636, appendix B.
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('sends the person to the authorize endpoint with the challenge and a state', async () => {
    let went = '';
    await beginHostedSignIn(cfg, (u) => {
      went = u;
    });
    const url = new URL(went);
    expect(url.origin + url.pathname).toBe('https://auth.riverside.example/oauth2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('client123');
    const pending = JSON.parse(sessionStorage.getItem('portico.console.pkce') ?? '{}');
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge')).toBe(await pkceChallenge(pending.verifier));
  });

  it('trades the code with the verifier, once, and only for its own state', async () => {
    await beginHostedSignIn(cfg, () => {});
    const pending = JSON.parse(sessionStorage.getItem('portico.console.pkce') ?? '{}');
    const fetcher = vi.fn(async (_url: string, init: RequestInit) => {
      const body = new URLSearchParams(String(init.body));
      expect(body.get('code_verifier')).toBe(pending.verifier);
      expect(body.get('grant_type')).toBe('authorization_code');
      return new Response(JSON.stringify({ access_token: 'at', expires_in: 3600, refresh_token: 'rt' }), {
        status: 200,
      });
    });
    const answer = await completeHostedSignIn(
      cfg,
      `?code=c1&state=${pending.state}`,
      fetcher as unknown as typeof fetch,
    );
    expect(answer).toEqual({ access_token: 'at', expires_in: 3600, refresh_token: 'rt' });
    expect(sessionStorage.getItem('portico.console.pkce')).toBeNull();
    await expect(
      completeHostedSignIn(cfg, `?code=c1&state=${pending.state}`, fetcher as unknown as typeof fetch),
    ).rejects.toThrow();
  });

  it('refuses a callback whose state is not ours', async () => {
    await beginHostedSignIn(cfg, () => {});
    await expect(completeHostedSignIn(cfg, '?code=c1&state=other', fetch)).rejects.toThrow(/not recognised/);
  });

  it('names the host the sign-in started on in the state, after a random part with no dot', async () => {
    let went = '';
    await beginHostedSignIn(cfg, (u) => (went = u), 'riverside.portico.example');
    const state = new URL(went).searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{20,}\.riverside\.portico\.example$/);
    expect(JSON.parse(sessionStorage.getItem('portico.console.pkce') ?? '{}').state).toBe(state);
  });

  it('reads the answer from the fragment, else from the query', () => {
    expect(callbackAnswer('#code=c1&state=s.a.b', '')).toBe('code=c1&state=s.a.b');
    expect(callbackAnswer('', '?code=c2&state=s2')).toBe('code=c2&state=s2');
    expect(callbackAnswer('#code=c1&state=s1', '?code=c2&state=s2')).toBe('code=c1&state=s1');
    expect(callbackAnswer('#section', '?code=c2&state=s2')).toBe('code=c2&state=s2');
  });

  it('refreshes with the refresh token, and builds the logout address', async () => {
    const fetcher = vi.fn(async (_u: string, init: RequestInit) => {
      expect(new URLSearchParams(String(init.body)).get('grant_type')).toBe('refresh_token');
      return new Response(JSON.stringify({ access_token: 'at2', expires_in: 60 }), { status: 200 });
    });
    expect((await tokenRequest(cfg, { refreshToken: 'rt' }, fetcher as unknown as typeof fetch)).access_token).toBe(
      'at2',
    );
    expect(logoutUrl(cfg)).toBe(
      'https://auth.riverside.example/logout?client_id=client123&logout_uri=https%3A%2F%2Friverside.example%2Fconsole%2F',
    );
    expect(authorizeUrl(cfg, 'c', 's')).toContain('scope=openid+email');
  });
});

describe('the sign-in host hands the answer on (bounceTarget)', () => {
  const redirectUri = 'https://signin.portico.example/console/callback';
  const at = (query: string) => `https://signin.portico.example/console/callback?${query}`;
  const answer = (state: string, code = 'c0de-1') => at(new URLSearchParams({ code, state }).toString());

  it('sends a practice host its answer, in the fragment of its callback', () => {
    const target = bounceTarget(redirectUri, answer('Rnd_-9.riverside.portico.example'));
    expect(target).toBe(
      'https://riverside.portico.example/console/callback#code=c0de-1&state=Rnd_-9.riverside.portico.example',
    );
    const url = new URL(target ?? '');
    expect(url.search).toBe('');
    expect(bounceTarget(redirectUri, answer('r.a1-b2.portico.example'))).toMatch(
      /^https:\/\/a1-b2\.portico\.example\//,
    );
    expect(bounceTarget(redirectUri, answer('r.x.portico.example'))).toMatch(/^https:\/\/x\.portico\.example\//);
  });

  // Each: the state (or the whole address) and why it must send nobody anywhere.
  const refused: [string, string][] = [
    ['r.riverside.other.example', 'another parent'],
    ['r.riverside.portico.example.evil.com', 'the parent as a prefix'],
    ['r.riverside.evilportico.example', 'the parent without its dot'],
    ['r.signin.portico.example', 'the reserved label'],
    ['r.portico.example', 'the parent itself'],
    ['r.a.b.portico.example', 'two labels'],
    ['r.Riverside.portico.example', 'uppercase'],
    ['r.riverside.PORTICO.example', 'uppercase parent'],
    ['r.-riverside.portico.example', 'a label starting with a hyphen'],
    ['r.riverside-.portico.example', 'a label ending with a hyphen'],
    [`r.${'a'.repeat(41)}.portico.example`, 'a label too long'],
    ['r.evil.com#.signin.portico.example', 'a fragment trick'],
    ['r.evil.com?.portico.example', 'a query trick'],
    ['r.evil.com/.portico.example', 'a path trick'],
    ['r.user@riverside.portico.example', 'userinfo'],
    ['r.riverside.portico.example:8443', 'a port'],
    ['r.127.0.0.1', 'an IP address'],
    ['r.[::1]', 'an IPv6 address'],
    ['r.riverside.portico.example.', 'a trailing dot'],
    ['r.xn--rvrside-cya.portico.example.', 'punycode with a trailing dot'],
    ['.riverside.portico.example', 'no random part'],
    ['r!x.riverside.portico.example', 'a random part that is not base64url'],
    ['riverside', 'no host'],
    ['', 'empty'],
  ];
  for (const [state, why] of refused) {
    it(`refuses ${why}: ${JSON.stringify(state)}`, () => {
      expect(bounceTarget(redirectUri, answer(state))).toBeNull();
    });
  }

  it('refuses an answer without a code or a state, with two of either, or garbled', () => {
    expect(bounceTarget(redirectUri, at('state=r.riverside.portico.example'))).toBeNull();
    expect(bounceTarget(redirectUri, at('code=c1'))).toBeNull();
    expect(
      bounceTarget(redirectUri, at('code=c1&state=r.riverside.portico.example&state=r.evil.portico.example')),
    ).toBeNull();
    expect(bounceTarget(redirectUri, at('code=c1&code=c2&state=r.riverside.portico.example'))).toBeNull();
    expect(bounceTarget(redirectUri, at('code=c1&state=%E0%A4%A'))).toBeNull();
    expect(bounceTarget(redirectUri, 'not a url')).toBeNull();
    expect(bounceTarget('not a url', answer('r.riverside.portico.example'))).toBeNull();
    // The answer with the state in a fragment (a tampered address): only the pool's query counts.
    expect(bounceTarget(redirectUri, `${at('code=c1')}#state=r.riverside.portico.example`)).toBeNull();
  });

  it('refuses the sign-in host itself, whatever its first label', () => {
    const other = 'https://login.portico.example/console/callback';
    const back = (state: string) => `${other}?${new URLSearchParams({ code: 'c1', state })}`;
    expect(bounceTarget(other, back('r.login.portico.example'))).toBeNull();
    expect(bounceTarget(other, back('r.riverside.portico.example'))).toBe(
      'https://riverside.portico.example/console/callback#code=c1&state=r.riverside.portico.example',
    );
  });

  it('refuses everything when the sign-in host has no parent to share', () => {
    expect(bounceTarget('https://localhost/console/callback', answer('r.riverside.localhost'))).toBeNull();
  });
});
