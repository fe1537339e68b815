// The typed API client: openapi-fetch over the generated `paths`, with the access token added, one
// refresh-and-retry on 401, and answers turned into data or an ApiError. Every request says how long
// the person has been idle, so the server knows a poll from a person's doing.
import createClient from 'openapi-fetch';
import { activity, IDLE_HEADER } from '../activity';
import { ApiError, NetworkError, parseRetryAfter, SessionEndedError } from './errors';
import type { paths } from './schema';
import type { TokenSession } from './session';

export type Api = ReturnType<typeof createApi>;

/** Renew this long before the token expires. */
const EXPIRY_MARGIN_MS = 20_000;

/** A wrong or expired code is also a 401, but it says nothing about the session. */
async function isBadCredentials(res: Response): Promise<boolean> {
  try {
    const body: unknown = await res.clone().json();
    return (
      typeof body === 'object' && body !== null && /\/bad-credentials$/.test(String((body as { type?: unknown }).type))
    );
  } catch {
    return false;
  }
}

export function authedFetch(session: TokenSession | null, base: typeof fetch = (input, init) => fetch(input, init)) {
  const send = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    headers.set(IDLE_HEADER, String(activity.idleSeconds()));
    if (session?.accessToken) headers.set('Authorization', `Bearer ${session.accessToken}`);
    try {
      return await base(new Request(request, { headers }));
    } catch {
      throw new NetworkError();
    }
  };
  const signedIn = async (session: TokenSession, request: Request): Promise<Response> => {
    if (session.expiringWithin(EXPIRY_MARGIN_MS)) {
      if (!(await session.refresh())) {
        session.ended();
        throw new SessionEndedError();
      }
    }
    const retry = request.clone();
    const res = await send(request);
    if (res.status !== 401 || (await isBadCredentials(res))) return res;
    // Signed out meanwhile: no renewal, no second try.
    if (session.closed) throw new SessionEndedError();
    if (!(await session.refresh())) {
      session.ended();
      throw new SessionEndedError();
    }
    const again = await send(retry);
    if (again.status === 401 && !(await isBadCredentials(again))) {
      session.ended();
      throw new SessionEndedError();
    }
    return again;
  };
  return async (request: Request): Promise<Response> => {
    if (!session) return send(request);
    // Signing out: nothing signed-in leaves any more (the server would refuse it, or worse, accept it).
    if (session.closed) throw new SessionEndedError();
    return session.track(() => signedIn(session, request));
  };
}

export function createApi(session: TokenSession | null, base?: typeof fetch) {
  return createClient<paths>({
    baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
    fetch: authedFetch(session, base),
    headers: { Accept: 'application/json, application/problem+json' },
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
    referrerPolicy: 'no-referrer',
  });
}

/** The data of a success, or an ApiError with the problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.error !== undefined) {
    throw new ApiError(
      result.response.status,
      result.error ?? null,
      parseRetryAfter(result.response.headers.get('Retry-After')),
    );
  }
  return result.data as T;
}
