// The access log in a patient's words: what each line of `GET /portal/access-log` says happened, who did
// it, and on which device. The actions are the audit trail's names, which the API document gives as
// examples only (need 27 asks for the list); one this map does not know is said in general words.
import type { S } from './api';

/** Your own doing: signing in and out. */
const YOURS: Record<string, string> = {
  'auth.sign_in': 'portal.access.you.signIn',
  'auth.sign_in.code': 'portal.access.you.signInCode',
  'auth.sign_in.link': 'portal.access.you.signInLink',
  'auth.logout': 'portal.access.you.signOut',
  'session.end_others': 'portal.access.you.endOthers',
};

/** What someone at the practice did with your record (each message has `{who}`). */
const THEIRS: Record<string, string> = {
  'patient.read': 'portal.access.staff.read',
  'patient.contact.read': 'portal.access.staff.contactRead',
  'patient.create': 'portal.access.staff.create',
  'patient.invite': 'portal.access.staff.invite',
  'patient.disable': 'portal.access.staff.disable',
  'patient.enable': 'portal.access.staff.enable',
  'patient.consent.record': 'portal.access.staff.consentRecord',
  'patient.suppression.clear': 'portal.access.staff.suppressionClear',
  'messages.thread.create': 'portal.access.staff.threadCreate',
  'messages.thread.read': 'portal.access.staff.threadRead',
  'messages.thread.update': 'portal.access.staff.threadUpdate',
  'messages.message.create': 'portal.access.staff.messageCreate',
  'messages.message.delete': 'portal.access.staff.messageDelete',
  'messages.attachment.upload': 'portal.access.staff.attachmentUpload',
  'messages.attachment.complete': 'portal.access.staff.attachmentUpload',
  'messages.attachment.download': 'portal.access.staff.attachmentDownload',
};

/** What someone acting for you did in your account (each message has `{who}`). */
const PROXIES: Record<string, string> = {
  'patient.home.read': 'portal.access.proxy.homeRead',
  'patient.profile.read': 'portal.access.proxy.profileRead',
  'patient.profile.update': 'portal.access.proxy.profileUpdate',
  'patient.consents.read': 'portal.access.proxy.consentsRead',
  'patient.consents.update': 'portal.access.proxy.consentsUpdate',
  'patient.preferences.read': 'portal.access.proxy.preferencesRead',
  'patient.preferences.update': 'portal.access.proxy.preferencesUpdate',
  'messages.threads.list': 'portal.access.proxy.threadsList',
  'messages.thread.read': 'portal.access.proxy.threadRead',
  'messages.thread.create': 'portal.access.proxy.threadCreate',
  'messages.message.create': 'portal.access.proxy.messageCreate',
  'messages.attachment.upload': 'portal.access.proxy.attachmentUpload',
  'messages.attachment.complete': 'portal.access.proxy.attachmentUpload',
  'messages.attachment.download': 'portal.access.proxy.attachmentDownload',
};

/** The staff roles, as a patient reads them. */
export const ROLE_KEYS: Record<string, string> = {
  admin: 'portal.access.role.admin',
  clinician: 'portal.access.role.clinician',
  'front-desk': 'portal.access.role.frontDesk',
  billing: 'portal.access.role.billing',
};

/** The catalog key that words an entry's action; a general one for an action this map does not know. */
export function actionKey(entry: Pick<S['AccessEntry'], 'by' | 'action'>): string {
  if (entry.by === 'staff') return THEIRS[entry.action] ?? 'portal.access.staff.other';
  if (entry.by === 'proxy') return PROXIES[entry.action] ?? 'portal.access.proxy.other';
  // A kind of sign-in this map does not name yet is still a sign-in (`auth.sign_in.*`).
  const own = YOURS[entry.action] ?? (entry.action.startsWith('auth.sign_in.') ? YOURS['auth.sign_in'] : undefined);
  return own ?? 'portal.access.you.other';
}

/** Every action this module words, with its key: for the catalog test. */
export const wordedActions = { yours: YOURS, theirs: THEIRS, proxies: PROXIES } as const;

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\b(?:Headless)?Chrome\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * The browser and system a sign-in came from, told from its user agent ("Chrome" and "Windows"); null
 * when it does not say (the raw text is shown then).
 */
export function deviceName(userAgent: string): { browser: string; system: string } | null {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return browser && system ? { browser, system } : null;
}
