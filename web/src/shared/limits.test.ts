import { describe, expect, it } from 'vitest';
import { constraints, enums, operationRoles } from './api/openapi-values';
import { extensionTypes, limits, may, published, publishedPattern, staffPermissions } from './limits';

describe('limits', () => {
  it('reads each limit from the API document, and refuses to guess one it lacks', () => {
    expect(limits.messageMaxChars).toBe(10_000);
    expect(limits.filesPerMessage).toBe(5);
    expect(limits.staffFilesPerMessage).toBe(5);
    expect(limits.fileMaxBytes).toBe(10 * 1024 * 1024);
    expect(() => published('NoSuchRequest.body', 'maxLength')).toThrow(/infra\/openapi.json gives no maxLength/);
  });
  it("reads the practice settings' bounds, and the consent and staff forms' lengths, from the API document", () => {
    const bounds = (key: string) => ({ min: constraints[key]?.minimum, max: constraints[key]?.maximum });
    expect(limits.practice.inviteHours).toEqual(bounds('PracticeSettingsUpdate.invite_ttl_hours'));
    expect(limits.practice.signInCodesPerHour).toEqual(bounds('PracticeSettingsUpdate.sign_in_codes_per_hour'));
    expect(limits.practice.retentionMinDays).toBe(
      constraints['PracticeSettingsUpdate.message_retention_days']?.minimum,
    );
    expect(limits.practice.originsMax).toBe(constraints['PracticeSettingsUpdate.allowed_origins']?.maxItems);
    expect(limits.consentTitleMaxChars).toBe(constraints['ConsentPublication.title']?.maxLength);
    expect(limits.consentSummaryMaxChars).toBe(constraints['ConsentPublication.summary']?.maxLength);
    expect(limits.staffNameMaxChars).toBe(constraints['StaffInviteRequest.display_name']?.maxLength);
    expect(limits.staffEmailMaxChars).toBe(constraints['StaffInviteRequest.email']?.maxLength);
    expect(limits.practice.inviteHours.min).toBeLessThan(limits.practice.inviteHours.max);
    expect(limits.patient).toEqual({
      nameMaxChars: constraints['PatientUpdate.given_name']?.maxLength,
      familyNameMaxChars: constraints['PatientUpdate.family_name']?.maxLength,
      preferredNameMaxChars: constraints['PatientUpdate.preferred_name']?.maxLength,
      pronounsMaxChars: constraints['PatientUpdate.pronouns']?.maxLength,
      emailMaxChars: constraints['PatientUpdate.email']?.maxLength,
    });
  });
  it('reads the confirmation codes from the API document: one length (the words say it) and the pattern', () => {
    for (const [code, key] of [
      [limits.signInCode, 'VerifyCodeRequest.code'],
      [limits.contactCode, 'VerifyContactRequest.code'],
    ] as const) {
      const published = constraints[key];
      expect(published?.minLength, `${key}: "a ${code.length}-digit code" needs one length`).toBe(published?.maxLength);
      expect(code.length).toBe(published?.maxLength);
      expect(code.pattern.source).toBe(published?.pattern);
      expect(code.pattern.test('1'.repeat(code.length))).toBe(true);
      expect(code.pattern.test('1'.repeat(code.length + 1))).toBe(false);
    }
    expect(() => publishedPattern('VerifyCodeRequest.nothing')).toThrow(/gives no pattern/);
  });
  it('takes the file types from the API document', () => {
    expect(limits.fileTypes).toEqual(enums.FileType);
    expect(Object.values(extensionTypes).every((t) => limits.fileTypes.includes(t))).toBe(true);
  });
  it('keeps roles to what the API document says each operation admits', () => {
    expect(may(['front-desk'], 'enrol')).toBe(true);
    expect(may(['front-desk'], 'deleteMessage')).toBe(false);
    expect(may(['front-desk'], 'editTemplates')).toBe(false);
    expect(may(['admin'], 'disable')).toBe(true);
    expect(may(['admin'], 'disableStaff')).toBe(true);
    expect(may(['clinician', 'billing'], 'disableStaff')).toBe(false);
    expect(may(['admin'], 'enableStaff')).toBe(true);
    expect(may(['admin'], 'readAudit')).toBe(true);
    expect(may(['admin'], 'exportAudit')).toBe(true);
    expect(may(['front-desk', 'clinician', 'billing'], 'readAudit')).toBe(false);
    expect(may(['front-desk', 'clinician', 'billing'], 'enableStaff')).toBe(false);
    expect(may([], 'invite')).toBe(false);
    // Practice administration is for admins; the front desk records a patient's text consent and lifts a block.
    for (const what of ['editPractice', 'publishConsent', 'inviteStaff', 'changeRoles', 'enablePatient'] as const) {
      expect(may(['admin'], what), what).toBe(true);
      expect(may(['front-desk', 'clinician', 'billing'], what), what).toBe(false);
    }
    expect(may(['front-desk'], 'recordSmsConsent')).toBe(true);
    expect(may(['front-desk'], 'clearSuppression')).toBe(true);
    expect(may(['clinician', 'billing'], 'recordSmsConsent')).toBe(false);
    // Correcting a patient's record: admins and the front desk. The audit file: admins.
    expect(may(['admin'], 'editPatient')).toBe(true);
    expect(may(['front-desk'], 'editPatient')).toBe(true);
    expect(may(['clinician', 'billing'], 'editPatient')).toBe(false);
    expect(may(['admin'], 'exportAuditFile')).toBe(true);
    expect(may(['front-desk', 'clinician', 'billing'], 'exportAuditFile')).toBe(false);
  });
  it('names only operations of the API document, each with its roles', () => {
    for (const operation of Object.values(staffPermissions)) {
      expect(operationRoles[operation], operation).toBeDefined();
      expect(operationRoles[operation]?.every((r) => (enums.Role as readonly string[]).includes(r))).toBe(true);
    }
  });
});
