import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  authorizeUrl,
  beginHostedSignIn,
  type CognitoSettings,
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
