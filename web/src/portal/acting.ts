// Whom the signed-in person acts for (a parent for a child, a caregiver for an adult): one patient id,
// kept for this tab in sessionStorage (a reload stays on them; signing out forgets it). The API client
// names them on every request (`Portico-Acting-For`); the server decides what that allows.

export const ACTING_HEADER = 'Portico-Acting-For';
const KEY = 'portico.actingFor';
/** The server's refusal when a grant is missing, revoked, expired or outgrown (its only words for it). */
const NO_GRANT = 'You cannot act for this person.';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: string | null = read();
/** Whom the access ended for, until the portal has said so. */
let ended: string | null = null;

function read(): string | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function write(id: string | null) {
  current = id;
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage blocked: this page keeps it in memory.
  }
  for (const l of listeners) l();
}

export const acting = {
  /** The patient id requests act for; null for oneself. */
  current: (): string | null => current,
  /** The person whose access just ended (a refusal while acting for them), until `acknowledge`. */
  ended: (): string | null => ended,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Act for `id` from now on (null, or one's own id: for oneself). */
  choose(id: string | null, self?: string) {
    ended = null;
    write(id && id !== self ? id : null);
  },
  /** Signing out, or a new sign-in: nobody is acted for. */
  forget() {
    ended = null;
    write(null);
  },
  acknowledge() {
    ended = null;
    for (const l of listeners) l();
  },
  /** The server refused to let us act for `id` any more: back to one's own account, saying why. */
  refused(id: string) {
    if (current !== id) return;
    ended = id;
    write(null);
  },
};

/** Whether a refused answer is the server's "no live grant" (not "outside this grant's scopes"). */
export async function isGrantRefusal(res: Response): Promise<boolean> {
  if (res.status !== 403) return false;
  try {
    const body: unknown = await res.clone().json();
    return typeof body === 'object' && body !== null && (body as { detail?: unknown }).detail === NO_GRANT;
  } catch {
    return false;
  }
}

/**
 * The portal's fetch for signed-in requests: names the person acted for, and notices when the server
 * no longer lets us act for them.
 */
export const actingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const who = current;
  if (who) request.headers.set(ACTING_HEADER, who);
  const res = await fetch(request);
  if (who && (await isGrantRefusal(res))) acting.refused(who);
  return res;
};
