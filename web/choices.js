// Choices offered in selects: time zones and languages.

import { h } from './ui.js';

const COMMON_ZONES = [
  ['America/New_York', 'Eastern Time (New York)'],
  ['America/Chicago', 'Central Time (Chicago)'],
  ['America/Denver', 'Mountain Time (Denver)'],
  ['America/Phoenix', 'Mountain Time, no daylight saving (Phoenix)'],
  ['America/Los_Angeles', 'Pacific Time (Los Angeles)'],
  ['America/Anchorage', 'Alaska Time (Anchorage)'],
  ['Pacific/Honolulu', 'Hawaii Time (Honolulu)'],
  ['America/Puerto_Rico', 'Atlantic Time (Puerto Rico)'],
];

function allZones() {
  try {
    if (typeof Intl.supportedValuesOf === 'function') return Intl.supportedValuesOf('timeZone');
  } catch {
    // Older browsers: the common zones and the current value are enough.
  }
  return [];
}

function zoneLabel(zone) {
  return zone.replace(/_/g, ' ').replace(/\//g, ' / ');
}

/** Fills a select with time zones, the current one selected (and present even if unusual). */
export function fillTimeZones(select, current) {
  const common = h('optgroup', { label: 'Common in the United States' },
    COMMON_ZONES.map(([value, label]) => h('option', { value, text: label })));
  const commonValues = new Set(COMMON_ZONES.map(([value]) => value));
  const others = allZones().filter((z) => !commonValues.has(z));
  if (current && !commonValues.has(current) && !others.includes(current)) others.unshift(current);
  const rest = h('optgroup', { label: 'All time zones' }, others.map((z) => h('option', { value: z, text: zoneLabel(z) })));
  select.replaceChildren(common, rest);
  if (current) select.value = current;
}

const LANGUAGES = [
  ['en', 'English'],
  ['es', 'Español (Spanish)'],
  ['zh', '中文 (Chinese)'],
  ['vi', 'Tiếng Việt (Vietnamese)'],
  ['tl', 'Tagalog'],
  ['ko', '한국어 (Korean)'],
  ['ar', 'العربية (Arabic)'],
  ['ru', 'Русский (Russian)'],
  ['fr', 'Français (French)'],
  ['ht', 'Kreyòl ayisyen (Haitian Creole)'],
  ['pt', 'Português (Portuguese)'],
  ['de', 'Deutsch (German)'],
  ['pl', 'Polski (Polish)'],
  ['hi', 'हिन्दी (Hindi)'],
  ['ja', '日本語 (Japanese)'],
];

/** Fills a select with languages, the current one selected (and present even if not listed). */
export function fillLanguages(select, current) {
  const options = LANGUAGES.map(([value, label]) => h('option', { value, text: label }));
  if (current && !LANGUAGES.some(([value]) => value === current)) {
    options.unshift(h('option', { value: current, text: languageName(current) }));
  }
  select.replaceChildren(...options);
  if (current) select.value = current;
}

/** A readable name for a language tag. */
export function languageName(tag) {
  const known = LANGUAGES.find(([value]) => value === tag);
  if (known) return known[1];
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    if (name && name !== tag) return `${name} (${tag})`;
  } catch {
    // Not a tag Intl knows.
  }
  return tag;
}

/** A readable name for a time zone. */
export function timeZoneName(zone) {
  const known = COMMON_ZONES.find(([value]) => value === zone);
  return known ? known[1] : zoneLabel(zone || '');
}
