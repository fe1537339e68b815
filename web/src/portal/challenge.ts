// The sign-in challenge waiting for its code, kept for its lifetime so a reloaded tab (a phone
// discarding it while the patient reads their mail) comes back to the code step. Only the challenge
// id, the channel, the partly hidden address and the expiry: never the code, never a token.
import type { components } from '../shared/api/schema';

export interface PendingChallenge {
  challengeId: string;
  channel: components['schemas']['Channel'];
  masked: string;
  expiresAt: number;
  /** When another code may be asked for (the server's `resend_after` from the sending). */
  resendAt: number;
}

const KEY = 'portico.pendingChallenge';

export function saveChallenge(c: PendingChallenge, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(c));
  } catch {
    // Storage blocked: a reload starts over.
  }
}

export function loadChallenge(now = Date.now(), storage: Storage = sessionStorage): PendingChallenge | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<PendingChallenge>;
    const valid =
      typeof c.challengeId === 'string' &&
      (c.channel === 'email' || c.channel === 'sms') &&
      typeof c.masked === 'string' &&
      typeof c.expiresAt === 'number' &&
      c.expiresAt > now;
    if (valid) return { ...(c as PendingChallenge), resendAt: typeof c.resendAt === 'number' ? c.resendAt : 0 };
  } catch {
    // Not ours: drop it.
  }
  clearChallenge(storage);
  return null;
}

export function clearChallenge(storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}

/** `a•••@example.com`, `•••• 0101`: enough to recognise, not enough to read out. */
export function maskAddress(channel: 'email' | 'sms', address: string): string {
  if (channel === 'email') {
    const at = address.lastIndexOf('@');
    if (at < 1) return '•••';
    return `${address[0]}•••${address.slice(at)}`;
  }
  const digits = address.replace(/\D/g, '');
  return `•••• ${digits.slice(-4)}`;
}

export function looksLikeAddress(channel: 'email' | 'sms', value: string): boolean {
  if (channel === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
  return value.replace(/\D/g, '').length >= 10;
}
