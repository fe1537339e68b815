// Time zones for a select, in both apps: the common ones first, then every zone this browser knows.

export const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
] as const;

export function allZones(current?: string): string[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  const common = new Set<string>(COMMON_ZONES);
  const rest = zones.filter((z) => !common.has(z));
  if (current && !common.has(current) && !rest.includes(current)) rest.unshift(current);
  return rest;
}

/** A zone's name in the reader's language, e.g. "Central Time (Chicago)" / "hora central (Chicago)". */
export function zoneName(zone: string, locale: string): string {
  const city = zone.split('/').pop()?.replace(/_/g, ' ') ?? zone;
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return part ? `${part} (${city})` : city;
  } catch {
    return zone;
  }
}
