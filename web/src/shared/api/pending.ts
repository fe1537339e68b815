// Types of the routes and fields web/BACKEND-NEEDS.md asks for, which infra/openapi.json does not have
// yet. Screens that use them degrade honestly (hidden, or "not available yet") when the deployment
// answers 404. Delete each type here once `npm run api:generate` brings the real one.

/** Need 4: how a channel can reach the patient (consent and preference as one model). */
export interface ChannelReach {
  /** Whether a "new message" notice would go out on this channel now. */
  reachable: boolean;
  /** Why not, when not. */
  blocked_by?: 'no_address' | 'no_consent' | 'preference_off' | 'opted_out' | 'suppressed' | null;
  /** The address, partly hidden. */
  destination?: string | null;
}
