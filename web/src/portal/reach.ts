// Whether a "new message" notice can reach the patient on each channel: the channel consent, the
// preference, and an address on file, as one answer (issue 9 §9). Need 4 asks the API to answer this
// itself (it also knows STOP and bounces); until then it is worked out from what the portal can read.
import type { ChannelReach } from '../shared/api/pending';
import { channelConsent, channelNeedsConsent } from '../shared/limits';
import type { S } from './api';

export type Channel = 'email' | 'sms';
export const CHANNELS: readonly Channel[] = ['email', 'sms'];

export function consentFor(consents: readonly S['ConsentView'][], channel: Channel): S['ConsentView'] | undefined {
  return consents.find((c) => c.kind === channelConsent[channel]);
}

export function channelReach(
  channel: Channel,
  profile: Pick<S['ProfileView'], 'email' | 'phone'>,
  consents: readonly S['ConsentView'][],
  prefs: Pick<S['PreferencesView'], 'email' | 'sms'>,
): ChannelReach {
  const address = channel === 'email' ? profile.email : profile.phone;
  if (!address) return { reachable: false, blocked_by: 'no_address', destination: null };
  const consent = consentFor(consents, channel);
  if (channelNeedsConsent[channel] && consent && consent.status !== 'accepted') {
    return { reachable: false, blocked_by: 'no_consent', destination: address };
  }
  if (!prefs[channel].messages) return { reachable: false, blocked_by: 'preference_off', destination: address };
  return { reachable: true, blocked_by: null, destination: address };
}

export function allReach(
  profile: Pick<S['ProfileView'], 'email' | 'phone'>,
  consents: readonly S['ConsentView'][],
  prefs: Pick<S['PreferencesView'], 'email' | 'sms'>,
): Record<Channel, ChannelReach> {
  return { email: channelReach('email', profile, consents, prefs), sms: channelReach('sms', profile, consents, prefs) };
}
