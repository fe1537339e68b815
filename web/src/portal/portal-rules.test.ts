import { describe, expect, it } from 'vitest';
import type { S } from './api';
import { clearChallenge, loadChallenge, looksLikeAddress, maskAddress, saveChallenge } from './challenge';
import { documents, needingDecision, optionalUnanswered } from './consents';
import { inviteToken, legacyHashPath } from './invite';
import { allReach } from './reach';

const consent = (kind: S['ConsentKind'], required: boolean, status: S['ConsentStatus']): S['ConsentView'] => ({
  kind,
  title: kind,
  summary: '',
  url: 'https://x/y',
  required,
  current_version: 1,
  status,
  decided_version: status === 'not_given' ? null : 1,
});
const ALL = [
  consent('terms_of_use', true, 'not_given'),
  consent('privacy_notice', true, 'outdated'),
  consent('sms_messages', false, 'not_given'),
  consent('email_messages', false, 'accepted'),
  consent('telehealth', false, 'not_given'),
];
const prefs = (email: boolean, sms: boolean) => ({
  email: { messages: email, appointment_reminders: true, billing: true, marketing: false },
  sms: { messages: sms, appointment_reminders: true, billing: true, marketing: false },
});

describe('invitation links', () => {
  it('accepts the path form and the old fragment form', () => {
    expect(inviteToken({ pathname: '/invite/abc-123', hash: '' })).toBe('abc-123');
    expect(inviteToken({ pathname: '/', hash: '#/invite/abc%2D123' })).toBe('abc-123');
    expect(inviteToken({ pathname: '/messages', hash: '' })).toBeNull();
  });
  it('maps old hash routes to paths', () => {
    expect(legacyHashPath('#/messages/th_01ABC')).toBe('/messages/th_01ABC');
    expect(legacyHashPath('#/evil/../x')).toBeNull();
  });
});

describe('the pending challenge', () => {
  it('survives a reload for its lifetime, and no longer', () => {
    const c = {
      challengeId: 'ch_1',
      channel: 'email' as const,
      masked: 'a•••@example.com',
      expiresAt: 10_000,
      resendAt: 6_000,
    };
    saveChallenge(c, localStorage);
    expect(loadChallenge(5_000, localStorage)).toEqual(c);
    expect(loadChallenge(10_001, localStorage)).toBeNull();
    expect(localStorage.getItem('portico.pendingChallenge')).toBeNull();
    clearChallenge(localStorage);
  });
  it('reads one kept before it knew when to resend as resendable at once', () => {
    localStorage.setItem(
      'portico.pendingChallenge',
      JSON.stringify({ challengeId: 'ch_1', channel: 'sms', masked: '•••• 0101', expiresAt: 10_000 }),
    );
    expect(loadChallenge(5_000, localStorage)?.resendAt).toBe(0);
    clearChallenge(localStorage);
  });
  it('never keeps the whole address', () => {
    expect(maskAddress('email', 'ann@example.com')).toBe('a•••@example.com');
    expect(maskAddress('sms', '+1 (555) 555-0101')).toBe('•••• 0101');
  });
  it('checks addresses loosely before asking', () => {
    expect(looksLikeAddress('email', 'ann@example.com')).toBe(true);
    expect(looksLikeAddress('email', 'ann')).toBe(false);
    expect(looksLikeAddress('sms', '(555) 555-0101')).toBe(true);
  });
});

describe('consents, counted one way', () => {
  it('needs a decision on required documents not agreed to, and optional ones never answered', () => {
    expect(needingDecision(ALL).map((c) => c.kind)).toEqual(['terms_of_use', 'privacy_notice', 'telehealth']);
    const answered = ALL.map((c) => (c.kind === 'telehealth' ? { ...c, status: 'declined' as const } : c));
    expect(needingDecision(answered).map((c) => c.kind)).toEqual(['terms_of_use', 'privacy_notice']);
    const withdrawn = ALL.map((c) => (c.kind === 'telehealth' ? { ...c, status: 'revoked' as const } : c));
    expect(needingDecision(withdrawn).map((c) => c.kind)).toEqual(['terms_of_use', 'privacy_notice']);
  });
  it('never counts a channel consent as waiting, answered or not, as home does (need 25)', () => {
    const textsUnanswered = ALL.filter((c) => c.kind === 'sms_messages' || c.kind === 'email_messages');
    expect(textsUnanswered.map((c) => c.status)).toContain('not_given');
    expect(needingDecision(textsUnanswered)).toEqual([]);
  });
  it('keeps channel consents off the documents screen', () => {
    expect(documents(ALL).map((c) => c.kind)).toEqual(['terms_of_use', 'privacy_notice', 'telehealth']);
    expect(optionalUnanswered(ALL).map((c) => c.kind)).toEqual(['telehealth']);
  });
});

describe('whether a notice can reach the patient', () => {
  const profile = { email: 'ann@example.com', phone: '+15555550101' };
  it('needs the channel consent and the preference', () => {
    const r = allReach(profile, ALL, prefs(true, true));
    expect(r.email).toMatchObject({ reachable: true });
    expect(r.sms).toMatchObject({ reachable: false, blocked_by: 'no_consent' });
  });
  it('needs no consent for an email notice, only the preference', () => {
    const noEmailConsent = ALL.map((c) => (c.kind === 'email_messages' ? { ...c, status: 'not_given' as const } : c));
    expect(allReach(profile, noEmailConsent, prefs(true, true)).email).toMatchObject({ reachable: true });
    expect(allReach(profile, noEmailConsent, prefs(false, true)).email.blocked_by).toBe('preference_off');
  });
  it('says when the preference is off or there is no address', () => {
    expect(allReach(profile, ALL, prefs(false, true)).email.blocked_by).toBe('preference_off');
    expect(allReach({ email: null, phone: null }, ALL, prefs(true, true)).email.blocked_by).toBe('no_address');
  });
});
