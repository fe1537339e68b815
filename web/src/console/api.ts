// The console's door to the API: the staff routes of the generated client, with the staff token.
import { createApi, unwrap } from '../shared/api/client';
import { suggestedFileName } from '../shared/api/downloads';
import { isMissingRoute } from '../shared/api/errors';
import { enums } from '../shared/api/openapi-values';
import type { components } from '../shared/api/schema';
import { TokenSession } from '../shared/api/session';
import { type CognitoSettings, tokenRequest } from './auth';

export type S = components['schemas'];

/** What an auditor narrows the trail by (each optional; the server's defaults fill the rest). */
export interface AuditFilters {
  from?: string;
  to?: string;
  patient_id?: string;
  actor_id?: string;
  action?: string;
}
export type AuditExportFormat = S['ExportFormat'];
/** The export's formats, from the document's `ExportFormat`. */
export const AUDIT_EXPORT_FORMATS = enums.ExportFormat as readonly AuditExportFormat[];

let refreshToken: string | null = null;
let cognito: CognitoSettings | null = null;

/** Renews through the pool's refresh token (hosted sign-in); the local stand-in signs in again. */
export const session = new TokenSession(async (s) => {
  if (!cognito || !refreshToken) return false;
  try {
    const answer = await tokenRequest(cognito, { refreshToken });
    s.adopt(answer.access_token, answer.expires_in);
    return true;
  } catch {
    return false;
  }
});

export function adopt(
  token: { access_token: string; expires_in: number; refresh_token?: string },
  settings: CognitoSettings | null,
) {
  cognito = settings;
  refreshToken = token.refresh_token ?? null;
  session.start(token.access_token, token.expires_in);
}

export function forget() {
  refreshToken = null;
  session.forget();
}

const api = createApi(session);

/** The practice's staff, every page of it (the console names colleagues from it). */
async function wholeTeam(): Promise<S['StaffMemberView'][]> {
  const members: S['StaffMemberView'][] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/staff/team', { params: { query: cursor ? { cursor } : {} } }));
    members.push(...page.staff);
    seen.add(cursor ?? '');
    cursor = page.next_cursor ?? undefined;
  } while (cursor && !seen.has(cursor));
  return members;
}

export const staff = {
  /** Who is signed in: name, email, roles. */
  me: async () => unwrap(await api.GET('/staff/me')),
  team: wholeTeam,
  disableMember: async (id: string) => unwrap(await api.POST('/staff/team/{id}/disable', { params: { path: { id } } })),
  /** Turns a disabled colleague's account back on, with the roles it had. */
  enableMember: async (id: string) => unwrap(await api.POST('/staff/team/{id}/enable', { params: { path: { id } } })),
  /** Invites a staff member (admins): the staff pool emails them a temporary password. */
  inviteMember: async (body: S['StaffInviteRequest']) => unwrap(await api.POST('/staff/team', { body })),
  /** Sets a member's roles; fewer roles than before sign them out at once. */
  setRoles: async (id: string, roles: S['Role'][]) =>
    unwrap(await api.PUT('/staff/team/{id}/roles', { params: { path: { id } }, body: { roles } })),
  inbox: async (query: { status: 'open' | 'closed'; assignee: 'any' | 'me' | 'unassigned'; cursor?: string }) =>
    unwrap(await api.GET('/staff/threads', { params: { query } })),
  thread: async (patient: string, thread: string, before?: string) =>
    unwrap(
      await api.GET('/staff/patients/{id}/threads/{thread}', {
        params: { path: { id: patient, thread }, query: before ? { before } : {} },
      }),
    ),
  updateThread: async (patient: string, thread: string, body: S['ThreadUpdateRequest']) =>
    unwrap(
      await api.PATCH('/staff/patients/{id}/threads/{thread}', { params: { path: { id: patient, thread } }, body }),
    ),
  reply: async (patient: string, thread: string, body: S['StaffMessageRequest']) =>
    unwrap(
      await api.POST('/staff/patients/{id}/threads/{thread}/messages', {
        params: { path: { id: patient, thread } },
        body,
      }),
    ),
  deleteMessage: async (patient: string, thread: string, message: string) =>
    unwrap(
      await api.DELETE('/staff/patients/{id}/threads/{thread}/messages/{message}', {
        params: { path: { id: patient, thread, message } },
      }),
    ),
  startThread: async (patient: string, body: S['StaffNewThreadRequest']) =>
    unwrap(await api.POST('/staff/patients/{id}/threads', { params: { path: { id: patient } }, body })),
  /** Starts a staff upload for the patient: a presigned POST for exactly this file. */
  startUpload: async (patient: string, body: S['UploadRequest']) =>
    unwrap(await api.POST('/staff/patients/{id}/attachments', { params: { path: { id: patient } }, body })),
  /** Has the API check an upload (type, size, scan); only a ready one can go with a message. */
  completeUpload: async (patient: string, attachment: string) =>
    unwrap(
      await api.POST('/staff/patients/{id}/attachments/{attachment}/complete', {
        params: { path: { id: patient, attachment } },
      }),
    ),
  attachment: async (patient: string, attachment: string) =>
    unwrap(
      await api.GET('/staff/patients/{id}/attachments/{attachment}', { params: { path: { id: patient, attachment } } }),
    ),
  search: async (query: string, cursor?: string) =>
    unwrap(await api.GET('/staff/patients', { params: { query: { query, ...(cursor ? { cursor } : {}) } } })),
  patient: async (id: string) => unwrap(await api.GET('/staff/patients/{id}', { params: { path: { id } } })),
  /** Who can act for the patient, and whom the patient acts for. */
  proxies: async (id: string) => unwrap(await api.GET('/staff/patients/{id}/proxies', { params: { path: { id } } })),
  addProxy: async (id: string, body: S['NewGrantRequest']) =>
    unwrap(await api.POST('/staff/patients/{id}/proxies', { params: { path: { id } }, body })),
  endProxy: async (id: string, grantId: string) =>
    unwrap(
      await api.DELETE('/staff/patients/{id}/proxies/{grant_id}', { params: { path: { id, grant_id: grantId } } }),
    ),
  enrol: async (body: S['NewPatientRequest']) => unwrap(await api.POST('/staff/patients', { body })),
  /** Corrects a patient's record on the `version` read (a stale one answers 409); answers what changed. */
  updatePatient: async (id: string, body: S['PatientUpdate']) =>
    unwrap(await api.PATCH('/staff/patients/{id}', { params: { path: { id } }, body })),
  invite: async (id: string, channel: S['Channel'] | null) =>
    unwrap(await api.POST('/staff/patients/{id}/invite', { params: { path: { id } }, body: { channel } })),
  disable: async (id: string) => unwrap(await api.POST('/staff/patients/{id}/disable', { params: { path: { id } } })),
  /** Turns a disabled portal account back on: the patient can sign in again. */
  enable: async (id: string) => unwrap(await api.POST('/staff/patients/{id}/enable', { params: { path: { id } } })),
  /** Records a text-message consent the patient gave staff (or withdrew), and how; answers their consents. */
  recordSmsConsent: async (id: string, body: S['StaffConsentRequest']) =>
    unwrap(await api.POST('/staff/patients/{id}/sms-consent', { params: { path: { id } }, body })),
  /** Lifts the email block of the patient's address after a bounce or complaint, with why. */
  clearSuppression: async (id: string, reason: S['ClearReason']) =>
    unwrap(
      await api.POST('/staff/patients/{id}/email-suppression/clear', { params: { path: { id } }, body: { reason } }),
    ),
  templates: async () => unwrap(await api.GET('/staff/templates')),
  /** Rewords one language of a template (each language is the practice's to word on its own). */
  saveTemplate: async (kind: S['TemplateKind'], language: S['Lang'], body: S['TemplateUpdate']) =>
    unwrap(await api.PUT('/staff/templates/{kind}', { params: { path: { kind }, query: { language } }, body })),
  /**
   * The practice's settings (admins): the audit trail reads its time zone. A gateway built before the
   * route answers 404 (null here).
   */
  practiceSettings: async () => {
    try {
      return unwrap(await api.GET('/staff/practice'));
    } catch (err) {
      if (isMissingRoute(err)) return null;
      throw err;
    }
  },
  /** Saves the practice's settings as of the `version` read; a stale version answers 409. */
  savePractice: async (body: S['PracticeSettingsUpdate']) => unwrap(await api.PUT('/staff/practice', { body })),
  /** Who changed the settings, when, and which fields: one page, newest first. */
  practiceHistory: async (cursor?: string) =>
    unwrap(await api.GET('/staff/practice/history', { params: { query: cursor ? { cursor } : {} } })),
  /** Publishes a new version of a consent document; answers the settings with it. */
  publishConsent: async (body: S['ConsentPublication']) => unwrap(await api.POST('/staff/practice/consents', { body })),
  /** One page of the audit trail, newest first; a page may be short, or empty, while more follow. */
  audit: async (filters: AuditFilters, cursor?: string) =>
    unwrap(await api.GET('/staff/audit', { params: { query: { ...filters, ...(cursor ? { cursor } : {}) } } })),
  /**
   * Every event of the range as a file, fetched with the token in its header (never in a URL) and
   * named as the server suggests.
   */
  exportAudit: async (filters: AuditFilters, format: AuditExportFormat) => {
    const result = await api.GET('/staff/audit/export', {
      params: { query: { ...filters, format } },
      parseAs: 'blob',
      headers: { Accept: 'text/csv, application/x-ndjson, application/problem+json' },
    });
    const file = unwrap(result) as unknown as Blob;
    return { file, name: suggestedFileName(result.response.headers.get('Content-Disposition')) ?? `audit.${format}` };
  },
  /**
   * A range too large to answer directly, written to a file: a link to it, and how long the link works,
   * measured on the server's clock (its `Date` header), so a device clock that is off does not matter.
   */
  exportAuditFile: async (body: S['AuditExportRequest']) => {
    const result = await api.POST('/staff/audit/exports', { body });
    const file = unwrap(result);
    const served = Date.parse(result.response.headers.get('Date') ?? '');
    return { file, lifetimeMs: Date.parse(file.expires_at) - (Number.isNaN(served) ? Date.now() : served) };
  },
  /** The task routes are in the API document; a gateway built before them answers 404 (null here). */
  tasks: async (query: { status: S['TaskStatus']; mine: boolean; cursor?: string }) => {
    try {
      return unwrap(await api.GET('/staff/tasks', { params: { query } }));
    } catch (err) {
      if (isMissingRoute(err)) return null;
      throw err;
    }
  },
  claimTask: async (id: string) => unwrap(await api.POST('/staff/tasks/{id}/claim', { params: { path: { id } } })),
  completeTask: async (id: string) =>
    unwrap(await api.POST('/staff/tasks/{id}/complete', { params: { path: { id } } })),
  releaseTask: async (id: string) => unwrap(await api.POST('/staff/tasks/{id}/release', { params: { path: { id } } })),
  /** What the chart shows about reaching the patient: consents, alerts, text opt-out, reach, latest notices. */
  contactFacts: async (id: string) =>
    unwrap(await api.GET('/staff/patients/{id}/contact', { params: { path: { id } } })),
};
