import { describe, expect, it } from 'vitest';
import { langFor, Translator, wallClockToIso } from './i18n';

const catalog = {
  'x.files': '{n, plural, one {# file} other {# files}}',
  'x.hello': 'Hello, {name}',
};
const es = { 'x.files': '{n, plural, one {# archivo} other {# archivos}}', 'x.hello': 'Hola, {name}' };

describe('Translator', () => {
  it('formats ICU plurals per language', () => {
    expect(new Translator('en', catalog).t('x.files', { n: 1 })).toBe('1 file');
    expect(new Translator('en', catalog).t('x.files', { n: 2 })).toBe('2 files');
    expect(new Translator('es', es).t('x.files', { n: 1 })).toBe('1 archivo');
    expect(new Translator('es', es).t('x.files', { n: 5 })).toBe('5 archivos');
  });
  it('shows a missing key as itself', () => {
    expect(new Translator('en', catalog).t('x.missing')).toBe('x.missing');
  });
  it("formats times in the person's zone", () => {
    const at = '2025-03-03T22:05:00Z';
    expect(new Translator('en', catalog, 'America/Chicago').dateTime(at)).toContain('4:05');
    expect(new Translator('en', catalog, 'America/New_York').dateTime(at)).toContain('5:05');
    expect(new Translator('es', es, 'America/Chicago').dateTime(at)).toMatch(/marzo/);
  });
  it('gives timestamps to the second, and names the zone they are in', () => {
    const tr = new Translator('en', catalog, 'America/Chicago');
    expect(tr.timestamp('2025-03-03T22:05:09Z')).toMatch(/^Mar 3, 2025, 4:05:09\sPM$/);
    expect(tr.zoneName()).toBe('America/Chicago');
    expect(new Translator('en', catalog).zoneName()).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
  it('reads a wall-clock time in a zone as the instant it means, across clock changes', () => {
    expect(wallClockToIso('2026-01-15T09:30', 'America/New_York')).toBe('2026-01-15T14:30:00.000Z');
    expect(wallClockToIso('2026-07-15T09:30:15', 'America/New_York')).toBe('2026-07-15T13:30:15.000Z');
    // The night clocks go forward (2026-03-08, 2:00 → 3:00) and back (2026-11-01, 2:00 → 1:00).
    expect(wallClockToIso('2026-03-08T03:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(wallClockToIso('2026-11-01T00:30', 'America/New_York')).toBe('2026-11-01T04:30:00.000Z');
    expect(wallClockToIso('2026-01-15T09:30', 'Asia/Kolkata')).toBe('2026-01-15T04:00:00.000Z');
    expect(wallClockToIso('2026-01-15T09:30')).toBe(new Date('2026-01-15T09:30').toISOString());
    expect(wallClockToIso('not a time', 'America/New_York')).toBeNull();
  });
  it('keeps calendar dates free of zone drift', () => {
    expect(new Translator('en', catalog, 'Pacific/Honolulu').calendarDate('1984-07-02')).toBe('July 2, 1984');
    expect(new Translator('es', es, 'Pacific/Honolulu').calendarDate('1984-07-02')).toBe('2 de julio de 1984');
  });
  it('gives short list dates: time today, weekday this week, date otherwise', () => {
    const tr = new Translator('en', catalog, 'America/Chicago');
    const now = new Date('2025-03-10T18:00:00Z');
    expect(tr.shortDate('2025-03-10T15:00:00Z', now)).toMatch(/10:00\sAM/);
    expect(tr.shortDate('2025-03-08T15:00:00Z', now)).toBe('Sat');
    expect(tr.shortDate('2025-01-02T15:00:00Z', now)).toBe('Jan 2');
    expect(tr.shortDate('2023-01-02T15:00:00Z', now)).toBe('1/2/23');
  });
  it('ignores an unknown zone instead of failing', () => {
    expect(new Translator('en', catalog).withZone('Mars/Olympus').timeZone).toBeUndefined();
  });
  it('maps language tags to catalogs', () => {
    expect(langFor('es-MX')).toBe('es');
    expect(langFor('EN')).toBe('en');
    expect(langFor('vi')).toBeNull();
  });
});
