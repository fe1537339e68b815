// Types of the routes and fields web/BACKEND-NEEDS.md asks for, which infra/openapi.json does not have
// yet. Screens that use them degrade honestly (hidden, or "not available yet") when the deployment
// answers 404. Delete each type here once `npm run api:generate` brings the real one.
import type { components } from './schema';

type S = components['schemas'];

/** Need 4: how a channel can reach the patient (consent and preference as one model). */
export interface ChannelReach {
  /** Whether a "new message" notice would go out on this channel now. */
  reachable: boolean;
  /** Why not, when not. */
  blocked_by?: 'no_address' | 'no_consent' | 'preference_off' | 'opted_out' | 'suppressed' | null;
  /** The address, partly hidden. */
  destination?: string | null;
}

/** Need 10: the chart's communication facts. */
export interface PatientContactFacts {
  consents: S['ConsentView'][];
  preferences: S['PreferencesView'];
  sms_opted_out: boolean;
  notices: Record<'email' | 'sms', ChannelReach>;
  recent_notifications: {
    notification_id: string;
    channel: 'email' | 'sms';
    kind: string;
    status: 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed' | 'skipped';
    reason?: string | null;
    at: string;
  }[];
}
