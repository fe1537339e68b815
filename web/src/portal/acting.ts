// Whom the signed-in person acts for (a parent for a child, a caregiver for an adult): one patient id,
// kept for this tab in sessionStorage (a reload stays on them; signing out forgets it). The API client
// names them on every request (`Portico-Acting-For`); the server decides what that allows.

export const ACTING_HEADER = 'Portico-Acting-For';
const KEY = 'portico.actingFor';
/** Set once the person has chosen whom to act for in this tab (themselves included): see `chosen`. */
const CHOSEN_KEY = 'portico.actingChosen';
/** The problem type's last segment when a grant is missing, revoked, expired or outgrown (403). */
const NO_GRANT = 'acting-refused';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: string | null = read();
let chosenHere = readChosen();
/** Whom the access ended for, until the portal has said so. */
let ended: string | null = null;

function read(): string | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function readChosen(): boolean {
  try {
    return typeof sessionStorage !== 'undefined' && sessionStorage.getItem(CHOSEN_KEY) === '1';
  } catch {
    return false;
  }
}

function write(id: string | null, chosen: boolean) {
  current = id;
  chosenHere = chosen;
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
    if (chosen) sessionStorage.setItem(CHOSEN_KEY, '1');
    else sessionStorage.removeItem(CHOSEN_KEY);
  } catch {
    // Storage blocked: this page keeps it in memory.
  }
  for (const l of listeners) l();
}

export const acting = {
  /** The patient id requests act for; null for oneself. */
  current: (): string | null => current,
  /**
   * Whether whom to act for was decided in this tab (a choice, a refusal, or a link that opened
   * someone's message): an account made only to act for others opens on someone until then.
   */
  chosen: (): boolean => current !== null || chosenHere,
  /** The person whose access just ended (a refusal while acting for them), until `acknowledge`. */
  ended: (): string | null => ended,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Act for `id` from now on (null, or one's own id: for oneself). */
  choose(id: string | null, self?: string) {
    ended = null;
    write(id && id !== self ? id : null, true);
  },
  /** Signing out, or a new sign-in: nobody is acted for. */
  forget() {
    ended = null;
    write(null, false);
  },
  acknowledge() {
    ended = null;
    for (const l of listeners) l();
  },
  /** The server refused to let us act for `id` any more: back to one's own account, saying why. */
  refused(id: string) {
    if (current !== id) return;
    ended = id;
    // The person sees why first; the switcher still offers whoever else they act for.
    write(null, true);
  },
};

/** Whether a refused answer is the server's "no live grant" (not "outside this grant's scopes"). */
export async function isGrantRefusal(res: Response): Promise<boolean> {
  if (res.status !== 403) return false;
  try {
    const body: unknown = await res.clone().json();
    const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
    // The type, never the English detail: the words may change or be translated.
    return typeof type === 'string' && type.slice(type.lastIndexOf('/') + 1) === NO_GRANT;
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
