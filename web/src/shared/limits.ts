// ============================================================================================
// The one place where the front end reads a server limit or rule.
//
// Limits come from the API document (schema constraints and enums generated into
// api/openapi-values.ts by `npm run api:generate`); a limit the document lacks fails the unit tests
// (limits.test.ts) rather than being guessed. The few literals left are marked: stand-ins for what
// the backend has not published yet (web/BACKEND-NEEDS.md), or the client's own choice. Nothing
// else in web/src may restate a limit or a rule.
// ============================================================================================
import { constraints, enums, operationRoles } from './api/openapi-values';

type Constraint = 'maxLength' | 'minLength' | 'maximum' | 'minimum' | 'maxItems' | 'minItems';
const schema = (key: string, c: Constraint): number | undefined => constraints[key]?.[c];

/** A constraint the API document publishes; its absence is a broken document, not a case to handle. */
export function published(key: string, c: Constraint): number {
  const value = schema(key, c);
  if (value === undefined) throw new Error(`infra/openapi.json gives no ${c} for ${key}`);
  return value;
}

/** The pattern the API document publishes for a field; as with a limit, its absence is a broken document. */
export function publishedPattern(key: string): RegExp {
  const value = constraints[key]?.pattern;
  if (value === undefined) throw new Error(`infra/openapi.json gives no pattern for ${key}`);
  return new RegExp(value);
}

/** A confirmation code as the API document describes it: its length (the words say it) and its pattern. */
function confirmationCode(key: string): { length: number; pattern: RegExp } {
  return { length: published(key, 'maxLength'), pattern: publishedPattern(key) };
}

/** A number the API document bounds on both sides. */
function range(key: string): { min: number; max: number } {
  return { min: published(key, 'minimum'), max: published(key, 'maximum') };
}

export const limits = {
  /** Unicode scalar values of the trimmed text (functions/messaging threads.rs). */
  messageMaxChars: published('NewMessageRequest.body', 'maxLength'),
  subjectMaxChars: published('NewThreadRequest.subject', 'maxLength'),
  staffMessageMaxChars: published('StaffMessageRequest.body', 'maxLength'),
  filesPerMessage: published('NewMessageRequest.attachment_ids', 'maxItems'),
  staffFilesPerMessage: published('StaffMessageRequest.attachment_ids', 'maxItems'),
  fileMaxBytes: published('UploadRequest.size', 'maximum'),
  /** The file types the API accepts: from the document's FileType enum. */
  fileTypes: enums.FileType as readonly string[],
  /** The sign-in code (also the one that confirms it's you before a contact change). */
  signInCode: confirmationCode('VerifyCodeRequest.code'),
  /** The code sent to a new email address or mobile number. */
  contactCode: confirmationCode('VerifyContactRequest.code'),
  /** The client's own pause after a 429 without Retry-After (API Gateway's throttling sends none). */
  defaultWaitSeconds: 60,
  templateSmsMaxChars: published('TemplateUpdate.sms', 'maxLength'),
  /** The practice's settings, as an administrator may set them. */
  practice: {
    inviteHours: range('PracticeSettingsUpdate.invite_ttl_hours'),
    retentionMinDays: published('PracticeSettingsUpdate.message_retention_days', 'minimum'),
    signInCodesPerHour: range('PracticeSettingsUpdate.sign_in_codes_per_hour'),
    originsMax: published('PracticeSettingsUpdate.allowed_origins', 'maxItems'),
    reminderHours: {
      max: published('PracticeSettingsUpdate.appointment_reminder_hours', 'maxItems'),
      // Stand-in: the document bounds the list, not its items (1 to 168 hours, in the backend's source).
      minHours: 1,
      maxHours: 168,
    },
  },
  /** A new version of a consent document. */
  consentTitleMaxChars: published('ConsentPublication.title', 'maxLength'),
  consentSummaryMaxChars: published('ConsentPublication.summary', 'maxLength'),
  /** A staff member to invite. */
  staffNameMaxChars: published('StaffInviteRequest.display_name', 'maxLength'),
  staffEmailMaxChars: published('StaffInviteRequest.email', 'maxLength'),
  /** Staff's correction of a patient's record. */
  patient: {
    nameMaxChars: published('PatientUpdate.given_name', 'maxLength'),
    familyNameMaxChars: published('PatientUpdate.family_name', 'maxLength'),
    preferredNameMaxChars: published('PatientUpdate.preferred_name', 'maxLength'),
    pronounsMaxChars: published('PatientUpdate.pronouns', 'maxLength'),
    emailMaxChars: published('PatientUpdate.email', 'maxLength'),
  },
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
  enableStaff: 'POST /staff/team/{id}/enable',
  readAudit: 'GET /staff/audit',
  exportAudit: 'GET /staff/audit/export',
  readPractice: 'GET /staff/practice',
  editPractice: 'PUT /staff/practice',
  readPracticeHistory: 'GET /staff/practice/history',
  publishConsent: 'POST /staff/practice/consents',
  inviteStaff: 'POST /staff/team',
  changeRoles: 'PUT /staff/team/{id}/roles',
  recordSmsConsent: 'POST /staff/patients/{id}/sms-consent',
  clearSuppression: 'POST /staff/patients/{id}/email-suppression/clear',
  enablePatient: 'POST /staff/patients/{id}/enable',
  editPatient: 'PATCH /staff/patients/{id}',
  exportAuditFile: 'POST /staff/audit/exports',
  addProxy: 'POST /staff/patients/{id}/proxies',
  endProxy: 'DELETE /staff/patients/{id}/proxies/{grant_id}',
} as const satisfies Record<string, string>;
export type StaffPermission = keyof typeof staffPermissions;
export function may(roles: readonly string[], what: StaffPermission): boolean {
  const allowed = operationRoles[staffPermissions[what]] ?? [];
  return roles.some((r) => allowed.includes(r));
}
