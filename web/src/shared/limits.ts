// ============================================================================================
// TO BE REPLACED. The one place where the front end holds a server limit or rule itself.
//
// Every value below is read from the API document first (schema constraints and enums generated
// into api/openapi-values.ts by `npm run api:generate`); the literal after `??` is a stand-in used
// only until the backend publishes it (web/BACKEND-NEEDS.md, need 2). When it does, delete
// the stand-in. Nothing else in web/src may restate a limit or a rule.
// ============================================================================================
import { constraints, enums, operationRoles } from './api/openapi-values';

type Constraint = 'maxLength' | 'minLength' | 'maximum' | 'minimum' | 'maxItems' | 'minItems';
const schema = (key: string, c: Constraint): number | undefined => constraints[key]?.[c];

export const limits = {
  /** Unicode scalar values of the trimmed text (functions/messaging threads.rs). */
  messageMaxChars: schema('NewMessageRequest.body', 'maxLength') ?? 10_000,
  subjectMaxChars: schema('NewThreadRequest.subject', 'maxLength') ?? 120,
  staffMessageMaxChars: schema('StaffMessageRequest.body', 'maxLength') ?? 10_000,
  filesPerMessage: schema('NewMessageRequest.attachment_ids', 'maxItems') ?? 5,
  fileMaxBytes: schema('UploadRequest.size', 'maximum') ?? 10 * 1024 * 1024,
  /** The file types the API accepts: from the document's FileType enum. */
  fileTypes: enums.FileType as readonly string[],
  codeLength: schema('VerifyCodeRequest.code', 'maxLength') ?? 6,
  /** When a 429 carries no Retry-After. */
  defaultWaitSeconds: 60,
  /**
   * The staff session's idle limit (ARCHITECTURE §5). The patient's comes with each session answer;
   * staff sign in through the staff pool, and no answer of the API says theirs yet (need 24).
   */
  staffIdleMinutes: 15,
  templateSmsMaxChars: schema('TemplateUpdate.sms', 'maxLength') ?? 320,
} as const;

/** File name extension → type, for browsers that cannot tell a HEIC file's type. */
export const extensionTypes: Record<string, string> = Object.fromEntries(
  [
    ['pdf', 'application/pdf'],
    ['jpg', 'image/jpeg'],
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['heic', 'image/heic'],
  ].filter(([, type]) => limits.fileTypes.includes(type as string)),
);

/**
 * Which consent a channel's notices need (need 4 asks the API to say this). The send gate needs the
 * text-message consent (TCPA); an email notice needs only the preference (decided with need 4).
 */
export const channelConsent = { email: 'email_messages', sms: 'sms_messages' } as const;
export const channelNeedsConsent = { email: false, sms: true } as const;

/**
 * What the console offers, by the API operation that does it: a role sees it when the operation's
 * `x-roles` in the API document admit the role (the API refuses the others anyway).
 */
export const staffPermissions = {
  enrol: 'POST /staff/patients',
  invite: 'POST /staff/patients/{id}/invite',
  disable: 'POST /staff/patients/{id}/disable',
  deleteMessage: 'DELETE /staff/patients/{id}/threads/{thread}/messages/{message}',
  editTemplates: 'PUT /staff/templates/{kind}',
  readTeam: 'GET /staff/team',
  disableStaff: 'POST /staff/team/{id}/disable',
} as const satisfies Record<string, string>;
export type StaffPermission = keyof typeof staffPermissions;
export function may(roles: readonly string[], what: StaffPermission): boolean {
  const allowed = operationRoles[staffPermissions[what]] ?? [];
  return roles.some((r) => allowed.includes(r));
}
