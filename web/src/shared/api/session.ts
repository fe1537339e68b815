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
  ended(): void {
    this.forget();
    this.endedHandler();
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
