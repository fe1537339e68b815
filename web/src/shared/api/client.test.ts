import { describe, expect, it, vi } from 'vitest';
import { authedFetch, unwrap } from './client';
import { ApiError, isMissingRoute, NetworkError, parseRetryAfter, SessionEndedError } from './errors';
import { decodeClaims, TokenSession } from './session';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function sessionWith(token: string | null, renew: () => Promise<boolean>) {
  const s = new TokenSession(async (self) => {
    const ok = await renew();
    if (ok) self.adopt('fresh', 300);
    return ok;
  });
  if (token) s.adopt(token, 300);
  return s;
}

describe('authedFetch', () => {
  it('sends the access token', async () => {
    const base = vi.fn(async (req: Request) => json(200, { auth: req.headers.get('Authorization') }));
    const res = await authedFetch(
      sessionWith('tok', async () => true),
      base as unknown as typeof fetch,
    )(new Request('http://x/portal/me'));
    expect(await res.json()).toEqual({ auth: 'Bearer tok' });
  });

  it('says how long the person has been idle, on signed-in and public requests alike', async () => {
    vi.useFakeTimers();
    try {
      window.dispatchEvent(new Event('keydown'));
      vi.advanceTimersByTime(95_500);
      const seen: (string | null)[] = [];
      const base = vi.fn(async (req: Request) => {
        seen.push(req.headers.get('X-Portico-Idle'));
        return json(200, {});
      });
      await authedFetch(
        sessionWith('tok', async () => true),
        base as unknown as typeof fetch,
      )(new Request('http://x/portal/threads'));
      await authedFetch(null, base as unknown as typeof fetch)(new Request('http://x/auth/refresh'));
      window.dispatchEvent(new Event('keydown'));
      await authedFetch(null, base as unknown as typeof fetch)(new Request('http://x/auth/refresh'));
      expect(seen).toEqual(['95', '95', '0']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const seen: (string | null)[] = [];
    const base = vi.fn(async (req: Request) => {
      seen.push(req.headers.get('Authorization'));
      return seen.length === 1 ? json(401, { type: 'about:blank' }) : json(200, {});
    });
    const res = await authedFetch(
      sessionWith('old', async () => true),
      base as unknown as typeof fetch,
    )(new Request('http://x/portal/me', { method: 'POST', body: '{"a":1}' }));
    expect(res.status).toBe(200);
    expect(seen).toEqual(['Bearer old', 'Bearer fresh']);
  });

  it('does not treat a wrong code (bad-credentials) as an ended session', async () => {
    const renew = vi.fn(async () => true);
    const base = async () => json(401, { type: 'https://portico.health/problems/bad-credentials' });
    const res = await authedFetch(
      sessionWith('tok', renew),
      base as unknown as typeof fetch,
    )(new Request('http://x/a'));
    expect(res.status).toBe(401);
    expect(renew).not.toHaveBeenCalled();
  });

  it('ends the session when the refresh is refused', async () => {
    const s = sessionWith('tok', async () => false);
    const ended = vi.fn();
    s.onEnded(ended);
    const base = async () => json(401, {});
    await expect(authedFetch(s, base as unknown as typeof fetch)(new Request('http://x/a'))).rejects.toBeInstanceOf(
      SessionEndedError,
    );
    expect(ended).toHaveBeenCalledOnce();
    expect(s.signedIn).toBe(false);
  });

  it('turns a network failure into NetworkError', async () => {
    const base = async () => {
      throw new TypeError('offline');
    };
    await expect(authedFetch(null, base as unknown as typeof fetch)(new Request('http://x/a'))).rejects.toBeInstanceOf(
      NetworkError,
    );
  });

  it('refreshes one at a time', async () => {
    let calls = 0;
    const s = new TokenSession(async (self) => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      self.adopt('t', 300);
      return true;
    });
    await Promise.all([s.refresh(), s.refresh(), s.refresh()]);
    expect(calls).toBe(1);
  });
});

describe('signing out', () => {
  it('lets nothing signed-in leave once the session is closing (the sign-out itself needs no token)', async () => {
    const s = sessionWith('tok', async () => true);
    const base = vi.fn(async (req: Request) => json(200, { auth: req.headers.get('Authorization') }));
    s.close();
    await expect(
      authedFetch(s, base as unknown as typeof fetch)(new Request('http://x/portal/threads')),
    ).rejects.toBeInstanceOf(SessionEndedError);
    expect(base).not.toHaveBeenCalled();
    const out = await authedFetch(
      null,
      base as unknown as typeof fetch,
    )(new Request('http://x/auth/logout', { method: 'POST' }));
    expect(await out.json()).toEqual({ auth: null });
    expect(base).toHaveBeenCalledOnce();
  });

  it('waits for what is already out before the sign-out goes', async () => {
    const s = sessionWith('tok', async () => true);
    let answer: (r: Response) => void = () => {};
    const base = vi.fn(() => new Promise<Response>((r) => (answer = r)));
    const poll = authedFetch(s, base as unknown as typeof fetch)(new Request('http://x/portal/threads'));
    await vi.waitFor(() => expect(base).toHaveBeenCalledOnce());
    s.close();
    let settled = false;
    const waiting = s.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    answer(json(200, {}));
    await poll;
    await waiting;
    expect(settled).toBe(true);
  });

  it('does not renew or report an ended session when a 401 comes back after the sign-out began', async () => {
    const renew = vi.fn(async () => true);
    const s = sessionWith('tok', renew);
    const ended = vi.fn();
    s.onEnded(ended);
    const base = vi.fn(async () => {
      s.close();
      return json(401, {});
    });
    await expect(authedFetch(s, base as unknown as typeof fetch)(new Request('http://x/a'))).rejects.toBeInstanceOf(
      SessionEndedError,
    );
    expect(renew).not.toHaveBeenCalled();
    expect(ended).not.toHaveBeenCalled();
    expect(base).toHaveBeenCalledOnce();
  });

  it('opens again on the next sign-in, not on a renewal', async () => {
    const s = sessionWith('tok', async () => true);
    s.close();
    await s.refresh();
    expect(s.closed).toBe(true);
    s.start('new', 300);
    expect(s.closed).toBe(false);
  });
});

describe('answers', () => {
  it('unwraps a success and throws a problem', () => {
    expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 });
    const problem = {
      type: 'x/bad-credentials',
      detail: 'That code is not right: 2 tries left.',
      errors: [{ field: 'code', detail: 'bad' }],
    };
    try {
      unwrap({ error: problem, response: new Response(null, { status: 401, headers: { 'Retry-After': '30' } }) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect([e.status, e.kind, e.detail, e.retryAfter, e.fieldErrors.length]).toEqual([
        401,
        'bad-credentials',
        problem.detail,
        30,
        1,
      ]);
    }
  });
  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
  });
  it('tells a missing route (gateway 404) from a problem 404', () => {
    expect(isMissingRoute(new ApiError(404, { message: 'Not Found' }, null))).toBe(true);
    expect(isMissingRoute(new ApiError(404, { type: 'x/not-found' }, null))).toBe(false);
  });
  it('reads claims for display', () => {
    const payload = btoa(JSON.stringify({ 'cognito:groups': ['admin'], sub: 's1' })).replace(/=+$/, '');
    expect(decodeClaims(`h.${payload}.sig`)).toEqual({ 'cognito:groups': ['admin'], sub: 's1' });
    expect(decodeClaims('garbage')).toEqual({});
  });
});
