// The portal's door to the API: same-origin, relative URLs (the practice comes from the host name).
import { createApi, unwrap } from '../shared/api/client';
import type { components } from '../shared/api/schema';
import { TokenSession } from '../shared/api/session';
import { actingFetch } from './acting';

export type S = components['schemas'];

const publicApi = createApi(null);

/** What the server said of the session with its last token: when it ends for want of activity, and the patient's language. */
export interface SessionTerms {
  idleTimeoutSeconds: number;
  language: string;
}
let terms: SessionTerms | null = null;
function keepTerms(answer: S['SessionResponse']): void {
  terms = { idleTimeoutSeconds: answer.idle_timeout_seconds, language: answer.language };
}
/** The terms of the session in this tab (read with `session.subscribe`: a token changes them). */
export const sessionTerms = (): SessionTerms | null => terms;

/** Trades the HttpOnly refresh cookie for a new access token. */
export const session = new TokenSession(async (s) => {
  const result = await publicApi.POST('/auth/refresh');
  if (!result.response.ok || !result.data) return false;
  keepTerms(result.data);
  s.adopt(result.data.access_token, result.data.expires_in);
  return true;
});

// Every signed-in request says whom it acts for (acting.ts); sign-in and the public routes never do.
const api = createApi(session, actingFetch);

export function adoptSession(answer: S['SessionResponse']): void {
  keepTerms(answer);
  session.start(answer.access_token, answer.expires_in);
}

/**
 * A sign-in again while signed in (a change that needs a recent one): its token replaces the current
 * one, as a renewal would (a sign-out under way stays under way); the server has set its refresh
 * cookie. Should the answer be someone else's, nothing of theirs is shown: the session ends instead.
 */
export function adoptFreshSignIn(answer: S['SessionResponse'], patientId: string): boolean {
  if (answer.patient_id !== patientId) {
    session.ended();
    return false;
  }
  keepTerms(answer);
  session.adopt(answer.access_token, answer.expires_in);
  return true;
}

export const auth = {
  startCode: async (channel: S['Channel'], address: string) =>
    unwrap(await publicApi.POST('/auth/otp/start', { body: { channel, address } })),
  verifyCode: async (challengeId: string, code: string) =>
    unwrap(await publicApi.POST('/auth/otp/verify', { body: { challenge_id: challengeId, code } })),
  redeemLink: async (token: string) => unwrap(await publicApi.POST('/auth/link', { body: { token } })),
  /**
   * A notice's single-use link: what it leads to and whose it is; `sendCode` sends a sign-in code to
   * the notice's address (when this browser has no live session). Spent by this call; 401 once spent.
   */
  openLink: async (token: string, sendCode: boolean) =>
    unwrap(await publicApi.POST('/auth/open', { body: { token, send_code: sendCode } })),
  /**
   * Ends the session the refresh cookie names. No access token goes with it, so an expired one cannot
   * stop a sign-out. True only when the server confirms (204); a refusal or no answer is not one.
   */
  logout: async (): Promise<boolean> => {
    try {
      return (await publicApi.POST('/auth/logout')).response.status === 204;
    } catch {
      return false;
    }
  },
  /** The practice of this host, as its sign reads: name, logo, phone and email (public). */
  practice: async () => unwrap(await publicApi.GET('/auth/practice')),
  /** Accepts an invitation to act for someone (public: the invitee may have no account yet). */
  acceptProxy: async (body: S['ProxyAcceptRequest']) =>
    unwrap(await publicApi.POST('/portal/proxies/accept', { body })),
};

/** Who can act for the signed-in person, and whom they act for (the account's owner only). */
export const proxies = {
  list: async () => unwrap(await api.GET('/portal/proxies')),
  invite: async (body: S['ProxyInviteRequest']) => unwrap(await api.POST('/portal/proxies/invitations', { body })),
  /** Ends a grant one is part of: someone acting for you, or you acting for someone. */
  end: async (grantId: string) =>
    unwrap(await api.DELETE('/portal/proxies/{id}', { params: { path: { id: grantId } } })),
};

const seg = encodeURIComponent;

export const portal = {
  /** The home screen in one read: greeting, the practice, what is new, what waits for a decision. */
  home: async () => unwrap(await api.GET('/portal/home')),
  me: async () => unwrap(await api.GET('/portal/me')),
  updateMe: async (patch: S['ProfilePatch']) => unwrap(await api.PATCH('/portal/me', { body: patch })),
  verifyContact: async (challengeId: string, code: string) =>
    unwrap(await api.POST('/portal/me/contact/verify', { body: { challenge_id: challengeId, code } })),
  consents: async () => unwrap(await api.GET('/portal/consents')),
  decideConsent: async (kind: S['ConsentKind'], version: number, decision: S['Decision']) =>
    unwrap(await api.PUT('/portal/consents', { body: { kind, version, decision } })),
  preferences: async () => unwrap(await api.GET('/portal/preferences')),
  savePreferences: async (prefs: S['PreferencesUpdate']) =>
    unwrap(await api.PUT('/portal/preferences', { body: prefs })),
  /** Your sign-ins and the practice's access to your record, newest first; a page may be short. */
  accessLog: async (cursor?: string) =>
    unwrap(await api.GET('/portal/access-log', { params: { query: cursor ? { cursor } : {} } })),
  /** The bell: what waits for you, newest first, with how many are unread (`limit` 1 for the count alone). */
  notifications: async (cursor?: string, limit?: number) =>
    unwrap(
      await api.GET('/portal/notifications', {
        params: { query: { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) } },
      }),
    ),
  /** Marks one notification read (again: nothing changes). */
  readNotification: async (id: string) =>
    unwrap(await api.POST('/portal/notifications/{id}/read', { params: { path: { id } } })),
  readAllNotifications: async () => unwrap(await api.POST('/portal/notifications/read-all')),
  /** What happened in your care at the practice, newest first; a page may be short. */
  timeline: async (cursor?: string) =>
    unwrap(await api.GET('/portal/timeline', { params: { query: cursor ? { cursor } : {} } })),
  /** Signs out every other session of yours; this one stays. */
  endOtherSessions: async () => unwrap(await api.POST('/portal/sessions/end-others')),
};

export const messaging = {
  threads: async () => unwrap(await api.GET('/portal/threads')),
  startThread: async (body: S['NewThreadRequest']) => unwrap(await api.POST('/portal/threads', { body })),
  thread: async (id: string, before?: string) =>
    unwrap(await api.GET('/portal/threads/{id}', { params: { path: { id }, query: before ? { before } : {} } })),
  reply: async (id: string, body: S['NewMessageRequest']) =>
    unwrap(await api.POST('/portal/threads/{id}/messages', { params: { path: { id } }, body })),
  markRead: async (id: string) => unwrap(await api.POST('/portal/threads/{id}/read', { params: { path: { id } } })),
  /** Closes a conversation the patient started (closing a closed one is fine); a new message reopens it. */
  close: async (id: string) => unwrap(await api.POST('/portal/threads/{id}/close', { params: { path: { id } } })),
  startUpload: async (body: S['UploadRequest']) => unwrap(await api.POST('/portal/attachments', { body })),
  completeUpload: async (id: string) =>
    unwrap(await api.POST('/portal/attachments/{id}/complete', { params: { path: { id } } })),
  downloadLink: async (id: string) => unwrap(await api.GET('/portal/attachments/{id}', { params: { path: { id } } })),
};

export const paths = {
  thread: (id: string) => `/messages/${seg(id)}`,
  /** A waitlist offer, on the Appointments page (focused there). */
  offer: (id: string) => `/appointments/offers/${seg(id)}`,
};
