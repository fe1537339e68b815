// A signed-in session's access token, in this module's memory and nowhere else: never in
// localStorage, sessionStorage, cookies or the URL. How it is renewed depends on the app: the portal
// trades the HttpOnly refresh cookie (`POST /auth/refresh`); the console signs in again.

/** Resolves true with a new token adopted, false when the session cannot be renewed. */
export type Renewal = (session: TokenSession) => Promise<boolean>;

type Listener = () => void;

export class TokenSession {
  private token: string | null = null;
  private expiresAt = 0;
  private renewing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();
  private endedHandler: () => void = () => {};
  private closing = false;
  private out = 0;
  private drained: (() => void)[] = [];
  claims: Record<string, unknown> = {};

  constructor(private readonly renew: Renewal) {}

  get accessToken(): string | null {
    return this.token;
  }
  get signedIn(): boolean {
    return this.token !== null;
  }
  /** Within `marginMs` of expiry (or no token at all). */
  expiringWithin(marginMs: number, now = Date.now()): boolean {
    return this.token === null || this.expiresAt - now < marginMs;
  }

  /** A new sign-in: adopts its token, and signed-in requests may leave again after a sign-out. */
  start(accessToken: string, expiresInSeconds: number, now = Date.now()): void {
    this.closing = false;
    this.adopt(accessToken, expiresInSeconds, now);
  }

  /** A renewed token for the same session (a sign-out under way stays under way). */
  adopt(accessToken: string, expiresInSeconds: number, now = Date.now()): void {
    this.token = accessToken;
    this.expiresAt = now + (expiresInSeconds > 0 ? expiresInSeconds : 300) * 1000;
    this.claims = decodeClaims(accessToken);
    this.emit();
  }

  forget(): void {
    if (this.token === null) return;
    this.token = null;
    this.claims = {};
    this.emit();
  }

  /** One renewal at a time: the refresh token rotates, so two at once could end the session. */
  refresh(): Promise<boolean> {
    if (!this.renewing) {
      this.renewing = this.renew(this).finally(() => {
        this.renewing = null;
      });
    }
    return this.renewing;
  }

  onEnded(handler: () => void): void {
    this.endedHandler = handler;
  }
  /** The server ended the session. While signing out here that is expected: nothing more to do. */
  ended(): void {
    this.forget();
    if (!this.closing) this.endedHandler();
  }

  /**
   * Signing out: from now until the next `start`, no signed-in request leaves the page (a poll, a
   * refresh on focus, a timer that was already due) except the sign-out's own.
   */
  close(): void {
    this.closing = true;
  }
  get closed(): boolean {
    return this.closing;
  }

  /** Counts a signed-in request (its renewal included) while it is out. */
  async track<T>(run: () => Promise<T>): Promise<T> {
    this.out += 1;
    try {
      return await run();
    } finally {
      this.out -= 1;
      if (this.out === 0) {
        const waiting = this.drained;
        this.drained = [];
        for (const done of waiting) done();
      }
    }
  }

  /**
   * Resolves once every signed-in request already out has its answer (or after `maxMs`, so a stalled
   * network cannot keep a patient signed in): the server ends the session only after them.
   */
  settled(maxMs = 5_000): Promise<void> {
    if (this.out === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, maxMs);
      this.drained.push(done);
    });
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** The token's claims, for display decisions only (the API checks the signature and the roles). */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
