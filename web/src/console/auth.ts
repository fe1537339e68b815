// Staff sign-in. In AWS: the staff pool's hosted UI (OAuth2 authorization code + PKCE, MFA enforced by
// the pool), configured by a small settings document deployed beside the console (settings.json). The
// pool has one callback for every practice, on the sign-in host (`signin.<PortalDomain>`), which hands
// the answer on to the practice host the sign-in started on.
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

/**
 * Starts the hosted sign-in: the verifier and state wait in this tab's sessionStorage for the callback.
 * The pool has one callback for every practice, on the sign-in host; the state names the host the
 * sign-in started on (`<random>.<host>`: the random part is base64url, so the first dot ends it), so
 * the sign-in host can hand the answer back to it.
 */
export async function beginHostedSignIn(
  cfg: CognitoSettings,
  go: (url: string) => void = (u) => location.assign(u),
  host = location.host,
): Promise<void> {
  const verifier = randomString(48);
  const state = `${randomString(16)}.${host}`;
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  go(authorizeUrl(cfg, await pkceChallenge(verifier), state));
}

/** Whether this page is on the sign-in host: the host of the pool's one callback, which is no practice's. */
export function onSignInHost(cfg: CognitoSettings, host = location.host): boolean {
  try {
    return new URL(cfg.redirectUri).host === host;
  } catch {
    return false;
  }
}

/** A practice's host name label, as the platform's slugs are made; `signin` is the sign-in host's own. */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const RESERVED_LABEL = 'signin';

/**
 * Where the sign-in host sends the pool's answer: the callback of the practice host the state names,
 * with the code in the fragment (a fragment reaches no server log and no Referer). Only a sibling of
 * the sign-in host (`<label>.<parent>`, the parent being the sign-in host without its first label) is
 * a practice host; anything else is null, and the page sends nobody anywhere.
 */
export function bounceTarget(redirectUri: string, currentUrl: string): string | null {
  let signIn: URL;
  let current: URL;
  try {
    signIn = new URL(redirectUri);
    current = new URL(currentUrl);
  } catch {
    return null;
  }
  const dot = signIn.host.indexOf('.');
  if (dot < 1) return null;
  const parent = signIn.host.slice(dot + 1);
  const params = current.searchParams;
  const [code, ...moreCodes] = params.getAll('code');
  const [state, ...moreStates] = params.getAll('state');
  if (!code || !state || moreCodes.length || moreStates.length) return null;
  const split = state.indexOf('.');
  const random = state.slice(0, split);
  const host = state.slice(split + 1);
  if (split < 1 || !/^[A-Za-z0-9_-]+$/.test(random)) return null;
  if (!host.endsWith(`.${parent}`) || host === signIn.host) return null;
  const label = host.slice(0, host.length - parent.length - 1);
  if (!LABEL.test(label) || label === RESERVED_LABEL) return null;
  const target = new URL(`https://${host}/console/callback`);
  // Whatever the parser made of it, it must be exactly the host checked above.
  if (target.host !== host || target.username || target.password) return null;
  target.hash = new URLSearchParams({ code, state }).toString();
  return target.href;
}

/**
 * The pool's answer on the practice host's callback page: in the fragment (handed on by the sign-in
 * host), else in the query (the pool's own form, which tests and a single-host setup use).
 */
export function callbackAnswer(hash: string, search: string): string {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  return fragment.has('code') || fragment.has('state') ? fragment.toString() : new URLSearchParams(search).toString();
}

/** Finishes it on the callback page: checks the state, trades the code, forgets the verifier. */
export async function completeHostedSignIn(
  cfg: CognitoSettings,
  answer: string,
  fetcher: typeof fetch = fetch,
): Promise<TokenAnswer> {
  const params = new URLSearchParams(answer);
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
