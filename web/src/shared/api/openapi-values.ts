// Generated from infra/openapi.json by `npm run api:generate`. Do not edit.
// The enums and the schema constraints of the API document, as runtime values.
export const enums = {
  "AccountStatus": [
    "active",
    "disabled"
  ],
  "Channel": [
    "email",
    "sms"
  ],
  "ConsentKind": [
    "terms_of_use",
    "privacy_notice",
    "sms_messages",
    "email_messages",
    "telehealth"
  ],
  "ConsentStatus": [
    "not_given",
    "accepted",
    "revoked",
    "outdated"
  ],
  "Decision": [
    "accept",
    "revoke"
  ],
  "FileType": [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/heic"
  ],
  "State": [
    "pending",
    "ready",
    "rejected"
  ],
  "TaskKind": [
    "respond_to_message"
  ],
  "TaskStatus": [
    "open",
    "claimed",
    "done"
  ],
  "TemplateKind": [
    "message_waiting",
    "opt_out_confirmation",
    "opt_in_confirmation",
    "help_reply"
  ],
  "ThreadStatus": [
    "open",
    "closed"
  ],
  "Topic": [
    "clinical",
    "scheduling",
    "billing",
    "other"
  ],
  "Via": [
    "portal",
    "sms"
  ]
} as const;

export const constraints: Record<string, { maxLength?: number; minLength?: number; maximum?: number; minimum?: number; maxItems?: number; minItems?: number; pattern?: string }> = {};
