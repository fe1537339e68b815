import { describe, expect, it } from 'vitest';
import { enums } from './api/openapi-values';
import { canDecline, extensionTypes, limits, may } from './limits';

describe('limits', () => {
  it('takes the file types from the API document', () => {
    expect(limits.fileTypes).toEqual(enums.FileType);
    expect(Object.values(extensionTypes).every((t) => limits.fileTypes.includes(t))).toBe(true);
  });
  it('offers "No thanks" only when the API accepts a decline decision', () => {
    expect(canDecline).toBe((enums.Decision as readonly string[]).includes('decline'));
  });
  it('keeps roles to what the routes allow', () => {
    expect(may(['front-desk'], 'enrol')).toBe(true);
    expect(may(['front-desk'], 'deleteMessage')).toBe(false);
    expect(may(['front-desk'], 'editTemplates')).toBe(false);
    expect(may(['admin'], 'disable')).toBe(true);
    expect(may([], 'invite')).toBe(false);
  });
});
