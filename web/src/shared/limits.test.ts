import { describe, expect, it } from 'vitest';
import { enums, operationRoles } from './api/openapi-values';
import { extensionTypes, limits, may, staffPermissions } from './limits';

describe('limits', () => {
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
    expect(may([], 'invite')).toBe(false);
  });
  it('names only operations of the API document, each with its roles', () => {
    for (const operation of Object.values(staffPermissions)) {
      expect(operationRoles[operation], operation).toBeDefined();
      expect(operationRoles[operation]?.every((r) => (enums.Role as readonly string[]).includes(r))).toBe(true);
    }
  });
});
