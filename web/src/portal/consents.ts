// One way of counting consents, used by Home, the navigation and the consents screen alike.
import { channelConsent } from '../shared/limits';
import type { S } from './api';

const channelKinds: readonly string[] = Object.values(channelConsent);

/** The documents on the consents screen: the channel consents live with the contact preferences. */
export function documents(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return consents.filter((c) => !channelKinds.includes(c.kind));
}

/** Required documents not (or no longer) agreed to: the only ones that need a decision. */
export function needingDecision(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return documents(consents).filter((c) => c.required && c.status !== 'accepted');
}

/** Optional documents never answered: offered, never nagged about. */
export function optionalUnanswered(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return documents(consents).filter((c) => !c.required && c.status === 'not_given');
}
