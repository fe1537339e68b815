// One way of counting the consents screen's documents.
import { channelConsent } from '../shared/limits';
import type { S } from './api';

const channelKinds: readonly string[] = Object.values(channelConsent);

/** The documents on the consents screen: the channel consents live with the contact preferences. */
export function documents(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return consents.filter((c) => !channelKinds.includes(c.kind));
}

/**
 * The documents waiting for the patient's decision, counted as the server counts home's reminder
 * (shared/src/consents.rs `needing_decision`): required ones not agreed to at their current version,
 * optional ones never answered at it. Neither counts the channel consents (need 25): they are decided
 * with the alerts, where an unanswered one means "off", not a decision waiting.
 */
export function needingDecision(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return documents(consents).filter((c) =>
    c.required ? c.status !== 'accepted' : c.status === 'not_given' || c.status === 'outdated',
  );
}

/** Optional documents never answered: offered, never nagged about. */
export function optionalUnanswered(consents: readonly S['ConsentView'][]): S['ConsentView'][] {
  return documents(consents).filter((c) => !c.required && c.status === 'not_given');
}
