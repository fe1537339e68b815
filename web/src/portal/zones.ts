// Choices for the profile's language select (its time zones are the shared ones: ../shared/zones).

/** Languages offered for the profile: the portal's own, and others the practice may use. */
export const PROFILE_LANGUAGES = [
  'en',
  'es',
  'zh',
  'vi',
  'tl',
  'ko',
  'ar',
  'ru',
  'fr',
  'ht',
  'pt',
  'de',
  'pl',
  'hi',
  'ja',
];

/** A language's name in itself, e.g. "Español". */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (name && name !== tag) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    // Not a tag Intl knows.
  }
  return tag;
}
