// Message catalogs with ICU syntax (plurals, selects), and dates in the person's time zone.
import { IntlMessageFormat } from 'intl-messageformat';

export const LANGUAGES = ['en', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];
export type Catalog = Record<string, string>;
export type Values = Record<string, string | number | boolean | Date | null | undefined>;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The catalog language for a BCP 47 tag (`es-MX` → `es`), or null when there is none. */
export function langFor(tag: string | null | undefined): Lang | null {
  const base = String(tag ?? '')
    .toLowerCase()
    .split('-')[0];
  return isLang(base) ? base : null;
}

const LOCALES: Record<Lang, string> = { en: 'en-US', es: 'es-US' };

export class Translator {
  private readonly cache = new Map<string, IntlMessageFormat>();
  readonly locale: string;
  constructor(
    readonly lang: Lang,
    private readonly catalog: Catalog,
    readonly timeZone: string | undefined = undefined,
  ) {
    this.locale = LOCALES[lang];
  }

  withZone(timeZone: string | undefined): Translator {
    return new Translator(this.lang, this.catalog, validZone(timeZone));
  }

  /** The message for `key`; a missing key shows itself (the parity test keeps that from shipping). */
  t = (key: string, values?: Values): string => {
    const source = this.catalog[key];
    if (source === undefined) return key;
    let format = this.cache.get(key);
    if (!format) {
      format = new IntlMessageFormat(source, this.locale);
      this.cache.set(key, format);
    }
    return String(format.format(values as Record<string, string | number | boolean | Date | null | undefined>));
  };

  has(key: string): boolean {
    return key in this.catalog;
  }

  /** "March 3, 2025 at 4:05 PM" in the person's zone. */
  dateTime = (iso: string | null | undefined): string => this.format(iso, { dateStyle: 'long', timeStyle: 'short' });

  /** "Nov 29, 2026, 5:30:07 PM" in the person's zone: to the second, for a record of events. */
  timestamp = (iso: string | null | undefined): string =>
    this.format(iso, { dateStyle: 'medium', timeStyle: 'medium' });

  /** The zone times are shown in: the one set, else this device's. */
  zoneName = (): string => this.timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** A calendar date (`1984-07-02`) with no zone drift. */
  calendarDate = (isoDate: string | null | undefined): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate ?? ''));
    if (!m) return String(isoDate ?? '');
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  };

  /** Short, for lists: the time today, the weekday this week, the date otherwise. */
  shortDate = (iso: string | null | undefined, now = new Date()): string => {
    const d = new Date(String(iso ?? ''));
    if (Number.isNaN(d.getTime())) return '';
    const day = (x: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, dateStyle: 'short' }).format(x);
    if (day(d) === day(now)) return this.format(iso, { timeStyle: 'short' });
    const ageDays = (now.getTime() - d.getTime()) / 86_400_000;
    if (ageDays >= 0 && ageDays < 6) return this.format(iso, { weekday: 'short' });
    const sameYear =
      new Intl.DateTimeFormat('en', { timeZone: this.timeZone, year: 'numeric' }).format(d) ===
      new Intl.DateTimeFormat('en', { timeZone: this.timeZone, year: 'numeric' }).format(now);
    return this.format(iso, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'short' });
  };

  number = (n: number): string => new Intl.NumberFormat(this.locale).format(n);

  fileSize = (bytes: number): string => {
    if (bytes < 1024) return this.t('common.size.bytes', { n: bytes });
    if (bytes < 1024 * 1024) return this.t('common.size.kb', { n: Math.max(1, Math.round(bytes / 1024)) });
    return this.t('common.size.mb', { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
  };

  private format(iso: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
    const d = new Date(String(iso ?? ''));
    if (Number.isNaN(d.getTime())) return '';
    return new Intl.DateTimeFormat(this.locale, { ...options, timeZone: this.timeZone }).format(d);
  }
}

/**
 * A wall-clock time (`2026-03-08T02:30`, as a datetime-local field gives it) in `zone` (this device's
 * when none), as an RFC 3339 instant; null when it is not a time.
 */
export function wallClockToIso(local: string, zone?: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const zoned = validZone(zone);
  if (!zoned) {
    const at = new Date(local);
    return Number.isNaN(at.getTime()) ? null : at.toISOString();
  }
  const wall = Date.UTC(+(m[1] ?? 0), +(m[2] ?? 1) - 1, +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  // The zone's offset at the moment meant, asked twice: a clock change may lie between the first
  // guess and the answer.
  const guess = wall - zoneOffsetMs(zoned, wall);
  return new Date(wall - zoneOffsetMs(zoned, guess)).toISOString();
}

/** How far `zone`'s clocks are ahead of UTC at the instant `at`, in milliseconds. */
function zoneOffsetMs(zone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const part = (type: string) => parts[type] ?? 0;
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return shown - (at - (((at % 1000) + 1000) % 1000));
}

function validZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

const LANG_KEY = 'portico.language';

/** The language chosen on this device (the switcher, or a change in the patient's profile), if any. */
export function chosenLang(): Lang | null {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    return isLang(saved) ? saved : null;
  } catch {
    // Storage blocked: nothing was kept.
    return null;
  }
}

/** The language chosen on this device (non-sensitive UI state), else the browser's, else English. */
export function initialLang(): Lang {
  const chosen = chosenLang();
  if (chosen) return chosen;
  for (const tag of typeof navigator === 'undefined' ? [] : navigator.languages) {
    const lang = langFor(tag);
    if (lang) return lang;
  }
  return 'en';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}
