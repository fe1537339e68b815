// Staff sign-in. In AWS: the staff pool's hosted UI (OAuth2 authorization code + PKCE, MFA enforced by
// the pool), configured by a small settings document deployed beside the console (settings.json).
// Locally: the gateway's stand-in (`POST /_local/staff/sign-in`), used only when no settings document
// exists and the console is served from a loopback host.

export interface CognitoSettings {
  mode: 'cognito';
  /** The hosted UI's origin, e.g. https://auth.example.com */
  domain: string;
  clientId: string;
  redirectUri: string;
  logoutUri: string;
  scopes: string[];
}
export type AuthSettings = { mode: 'local' } | CognitoSettings;

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\]|.+\.localhost)$/;

/** The settings document, checked field by field; null when it is not usable. */
export function parseSettings(doc: unknown): AuthSettings | null {
  if (!doc || typeof doc !== 'object') return null;
  const auth = (doc as { auth?: unknown }).auth;
  if (!auth || typeof auth !== 'object') return null;
  const a = auth as Record<string, unknown>;
  if (a.mode === 'local') return { mode: 'local' };
  if (a.mode !== 'cognito') return null;
  const https = (v: unknown) => typeof v === 'string' && /^https:\/\/[^\s/]+/.test(v);
  if (!https(a.domain) || typeof a.clientId !== 'string' || !a.clientId || !https(a.redirectUri) || !https(a.logoutUri))
    return null;
  const scopes =
    Array.isArray(a.scopes) && a.scopes.every((s) => typeof s === 'string')
      ? (a.scopes as string[])
      : ['openid', 'email'];
  return {
    mode: 'cognito',
    domain: String(a.domain).replace(/\/$/, ''),
    clientId: a.clientId,
    redirectUri: String(a.redirectUri),
    logoutUri: String(a.logoutUri),
    scopes,
  };
}

/** Reads `/console/settings.json`; without one, only a loopback host gets the local stand-in. */
export async function loadSettings(
  fetcher: typeof fetch = fetch,
  host = location.hostname,
): Promise<AuthSettings | null> {
  try {
    const res = await fetcher('/console/settings.json', { cache: 'no-store', credentials: 'same-origin' });
    if (res.ok) return parseSettings(await res.json());
  } catch {
    // Fall through.
  }
  return LOOPBACK.test(host) ? { mode: 'local' } : null;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636: the S256 challenge of a verifier. */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function authorizeUrl(cfg: CognitoSettings, challenge: string, state: string): string {
  const url = new URL('/oauth2/authorize', cfg.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: cfg.scopes.join(' '),
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  }).toString();
  return url.href;
}

export function logoutUrl(cfg: CognitoSettings): string {
  const url = new URL('/logout', cfg.domain);
  url.search = new URLSearchParams({ client_id: cfg.clientId, logout_uri: cfg.logoutUri }).toString();
  return url.href;
}

export interface TokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
}

/** Trades the authorization code (or a refresh token) at the pool's token endpoint. */
export async function tokenRequest(
  cfg: CognitoSettings,
  grant: { code: string; verifier: string } | { refreshToken: string },
  fetcher: typeof fetch = fetch,
): Promise<TokenAnswer> {
  const body = new URLSearchParams(
    'code' in grant
      ? {
          grant_type: 'authorization_code',
          client_id: cfg.clientId,
          code: grant.code,
          code_verifier: grant.verifier,
          redirect_uri: cfg.redirectUri,
        }
      : { grant_type: 'refresh_token', client_id: cfg.clientId, refresh_token: grant.refreshToken },
  );
  const res = await fetcher(new URL('/oauth2/token', cfg.domain).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
  const answer = (await res.json()) as Partial<TokenAnswer>;
  if (typeof answer.access_token !== 'string') throw new Error('no access token');
  return {
    access_token: answer.access_token,
    expires_in: Number(answer.expires_in) || 3600,
    refresh_token: answer.refresh_token,
  };
}

const PENDING = 'portico.console.pkce';

/** Starts the hosted sign-in: the verifier and state wait in this tab's sessionStorage for the callback. */
export async function beginHostedSignIn(
  cfg: CognitoSettings,
  go: (url: string) => void = (u) => location.assign(u),
): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  go(authorizeUrl(cfg, await pkceChallenge(verifier), state));
}

/** Finishes it on the callback page: checks the state, trades the code, forgets the verifier. */
export async function completeHostedSignIn(
  cfg: CognitoSettings,
  search: string,
  fetcher: typeof fetch = fetch,
): Promise<TokenAnswer> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = raw ? (JSON.parse(raw) as { verifier: string; state: string }) : null;
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new Error('sign-in answer not recognised');
  return tokenRequest(cfg, { code, verifier: pending.verifier }, fetcher);
}

/** The local stand-in: a staff token for an enrolled email address. */
export async function localSignIn(
  email: string,
): Promise<{ access_token: string; staff_id: string; expires_in: number }> {
  const res = await fetch('/_local/staff/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}
