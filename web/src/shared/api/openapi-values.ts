// Generated from infra/openapi.json by `npm run api:generate`. Do not edit.
// The enums, the schema constraints and the staff roles of each operation, as runtime values.
export const enums = {
  "AccountStatus": [
    "active",
    "disabled"
  ],
  "AdjustmentKind": [
    "adjustment",
    "write_off"
  ],
  "BellKind": [
    "new_message",
    "appointment_changed"
  ],
  "Blocked": [
    "no_address",
    "opted_out",
    "country_not_served",
    "undeliverable",
    "no_consent",
    "preference_off",
    "suppressed"
  ],
  "Booking": [
    "patients",
    "request_only",
    "staff_only"
  ],
  "Channel": [
    "email",
    "sms"
  ],
  "ClearReason": [
    "patient_confirmed_address",
    "provider_error"
  ],
  "ConsentKind": [
    "terms_of_use",
    "privacy_notice",
    "sms_messages",
    "email_messages",
    "telehealth",
    "financial_policy"
  ],
  "ConsentMethod": [
    "verbal",
    "written"
  ],
  "ConsentStatus": [
    "not_given",
    "accepted",
    "revoked",
    "outdated",
    "declined"
  ],
  "Decision": [
    "accept",
    "revoke",
    "decline"
  ],
  "DisputeStatus": [
    "needs_response",
    "under_review",
    "won",
    "lost",
    "closed"
  ],
  "EntryKind": [
    "charge",
    "adjustment",
    "write_off",
    "payment",
    "refund",
    "refund_reversal",
    "dispute_hold",
    "dispute_release"
  ],
  "EvidenceSection": [
    "attendance",
    "financial_policy",
    "communication",
    "portal_activity"
  ],
  "EvidenceState": [
    "sending",
    "sent",
    "unsent"
  ],
  "ExportFormat": [
    "csv",
    "jsonl"
  ],
  "FileType": [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/heic"
  ],
  "ItemKind": [
    "thread",
    "offer"
  ],
  "Lang": [
    "en",
    "es"
  ],
  "LateCancel": [
    "allow",
    "allow_as_late",
    "block"
  ],
  "LegalBasis": [
    "parental_responsibility",
    "court_order",
    "power_of_attorney",
    "patient_authorization",
    "financial_responsibility"
  ],
  "OfferStatus": [
    "offered",
    "claimed",
    "gone",
    "expired"
  ],
  "PaidBy": [
    "patient",
    "proxy",
    "autopay"
  ],
  "PartOfDay": [
    "morning",
    "afternoon",
    "evening"
  ],
  "Party": [
    "patient",
    "care_team"
  ],
  "PaymentStatus": [
    "requires_payment",
    "failed",
    "processing",
    "succeeded",
    "canceled"
  ],
  "PlaceStatus": [
    "waiting",
    "booked",
    "left"
  ],
  "Priority": [
    "high",
    "normal"
  ],
  "RefundReason": [
    "duplicate",
    "overpayment",
    "charge_reduced",
    "requested_by_patient"
  ],
  "RefundStatus": [
    "requested",
    "unsent",
    "pending",
    "succeeded",
    "failed"
  ],
  "Relationship": [
    "parent",
    "legal_guardian",
    "caregiver",
    "family",
    "guarantor",
    "legal_representative"
  ],
  "Role": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "RunOutcome": [
    "charged",
    "nothing_due",
    "over_cap",
    "declined",
    "gave_up",
    "needs_patient"
  ],
  "Scope": [
    "messages",
    "appointments",
    "forms",
    "documents",
    "billing",
    "profile"
  ],
  "StaffDecision": [
    "accept",
    "revoke"
  ],
  "Standing": [
    "full",
    "limited",
    "ended"
  ],
  "State": [
    "pending",
    "ready",
    "rejected"
  ],
  "Status": [
    "requested",
    "booked",
    "arrived",
    "fulfilled",
    "no_show",
    "cancelled"
  ],
  "TaskKind": [
    "respond_to_message",
    "new_appointment",
    "payment_dispute"
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
    "help_reply",
    "appointment_reminder",
    "appointment_update",
    "appointment_booked",
    "appointment_confirmed",
    "confirm_in_portal",
    "waitlist_offer",
    "payment_received",
    "payment_action_needed"
  ],
  "ThreadStatus": [
    "open",
    "closed"
  ],
  "TimelineKind": [
    "message_from_care_team",
    "message_to_care_team",
    "consent",
    "signed_in",
    "appointment_booked",
    "appointment_moved",
    "appointment_cancelled",
    "appointment_arrived",
    "appointment_completed"
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
  ],
  "VisitMode": [
    "in_person",
    "telehealth"
  ],
  "Weekday": [
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun"
  ]
} as const;

export const constraints: Record<string, { maxLength?: number; minLength?: number; maximum?: number; minimum?: number; maxItems?: number; minItems?: number; pattern?: string }> = {
  "AccountUpdate.currency": {
    "pattern": "^[a-z]{3}$"
  },
  "AccountUpdate.statement_descriptor": {
    "pattern": "^[A-Za-z0-9 .-]{2,22}$"
  },
  "AccountUpdate.stripe_account": {
    "pattern": "^acct_[A-Za-z0-9]{1,64}$"
  },
  "AdjustmentRequest.description": {
    "maxLength": 200,
    "minLength": 1
  },
  "AgeRules.adult_at": {
    "maximum": 21,
    "minimum": 1
  },
  "AgeRules.limited_from": {
    "maximum": 21,
    "minimum": 1
  },
  "AutopayRequest.cap": {
    "maximum": 10000000,
    "minimum": 1
  },
  "CancelRequest.reason": {
    "maxLength": 500
  },
  "ChargeRequest.description": {
    "maxLength": 200,
    "minLength": 1
  },
  "ConsentPublication.summary": {
    "maxLength": 500,
    "minLength": 1
  },
  "ConsentPublication.title": {
    "maxLength": 120,
    "minLength": 1
  },
  "EvidenceRequest.sections": {
    "minItems": 1
  },
  "JoinWaitlist.clinicians": {
    "maxItems": 20
  },
  "JoinWaitlist.days": {
    "maxItems": 7
  },
  "JoinWaitlist.parts_of_day": {
    "maxItems": 3
  },
  "NewGrantRequest.scopes": {
    "minItems": 1
  },
  "NewMessageRequest.attachment_ids": {
    "maxItems": 5
  },
  "NewMessageRequest.body": {
    "maxLength": 10000
  },
  "NewPatientRequest.email": {
    "maxLength": 254
  },
  "NewPatientRequest.family_name": {
    "maxLength": 100
  },
  "NewPatientRequest.given_name": {
    "maxLength": 100
  },
  "NewPatientRequest.preferred_name": {
    "maxLength": 100
  },
  "NewPatientRequest.pronouns": {
    "maxLength": 40
  },
  "NewThreadRequest.attachment_ids": {
    "maxItems": 5
  },
  "NewThreadRequest.body": {
    "maxLength": 10000
  },
  "NewThreadRequest.subject": {
    "maxLength": 120
  },
  "PatientUpdate.email": {
    "maxLength": 254
  },
  "PatientUpdate.family_name": {
    "maxLength": 100
  },
  "PatientUpdate.given_name": {
    "maxLength": 100
  },
  "PatientUpdate.preferred_name": {
    "maxLength": 100
  },
  "PatientUpdate.pronouns": {
    "maxLength": 40
  },
  "PayRequest.invoice_id": {
    "pattern": "^iv_[0-9A-HJKMNP-TV-Z]{26}$"
  },
  "PracticeSettingsUpdate.allowed_origins": {
    "maxItems": 10
  },
  "PracticeSettingsUpdate.appointment_reminder_hours": {
    "maxItems": 6
  },
  "PracticeSettingsUpdate.invite_ttl_hours": {
    "maximum": 168,
    "minimum": 1
  },
  "PracticeSettingsUpdate.message_retention_days": {
    "minimum": 2191
  },
  "PracticeSettingsUpdate.sign_in_codes_per_hour": {
    "maximum": 10000,
    "minimum": 1
  },
  "PracticeSettingsUpdate.waitlist_batch": {
    "maximum": 10,
    "minimum": 1
  },
  "ProfilePatch.email": {
    "maxLength": 254
  },
  "ProfilePatch.family_name": {
    "maxLength": 100
  },
  "ProfilePatch.given_name": {
    "maxLength": 100
  },
  "ProfilePatch.preferred_name": {
    "maxLength": 100
  },
  "ProfilePatch.pronouns": {
    "maxLength": 40
  },
  "ProxyInviteRequest.family_name": {
    "maxLength": 100,
    "minLength": 1
  },
  "ProxyInviteRequest.given_name": {
    "maxLength": 100,
    "minLength": 1
  },
  "ProxyInviteRequest.scopes": {
    "minItems": 1
  },
  "QuietHours.end": {
    "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
  },
  "QuietHours.start": {
    "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"
  },
  "RefundBody.payment_id": {
    "pattern": "^pa_[0-9A-HJKMNP-TV-Z]{26}$"
  },
  "StaffInviteRequest.display_name": {
    "maxLength": 100,
    "minLength": 1
  },
  "StaffInviteRequest.email": {
    "maxLength": 254
  },
  "StaffInviteRequest.roles": {
    "maxItems": 4,
    "minItems": 1
  },
  "StaffMessageRequest.attachment_ids": {
    "maxItems": 5
  },
  "StaffMessageRequest.body": {
    "maxLength": 10000
  },
  "StaffNewThreadRequest.attachment_ids": {
    "maxItems": 5
  },
  "StaffNewThreadRequest.body": {
    "maxLength": 10000
  },
  "StaffNewThreadRequest.subject": {
    "maxLength": 120
  },
  "StaffRolesRequest.roles": {
    "maxItems": 4,
    "minItems": 1
  },
  "StartCodeRequest.address": {
    "maxLength": 254
  },
  "StatusRequest.reason": {
    "maxLength": 500
  },
  "TemplateUpdate.email_body": {
    "maxLength": 2000
  },
  "TemplateUpdate.email_subject": {
    "maxLength": 120
  },
  "TemplateUpdate.sms": {
    "maxLength": 320
  },
  "UploadRequest.size": {
    "maximum": 10485760,
    "minimum": 1
  },
  "VerifyCodeRequest.challenge_id": {
    "pattern": "^ch_[0-9A-HJKMNP-TV-Z]{26}$"
  },
  "VerifyCodeRequest.code": {
    "maxLength": 6,
    "minLength": 6,
    "pattern": "^[0-9]{6}$"
  },
  "VerifyContactRequest.challenge_id": {
    "pattern": "^ch_[0-9A-HJKMNP-TV-Z]{26}$"
  },
  "VerifyContactRequest.code": {
    "maxLength": 6,
    "minLength": 6,
    "pattern": "^[0-9]{6}$"
  }
};

export const operationRoles: Record<string, readonly string[]> = {
  "GET /staff/appointments": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "POST /staff/appointments": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "GET /staff/appointments/waitlist": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "POST /staff/appointments/waitlist/{entry_id}/priority": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "POST /staff/appointments/{id}/join": [
    "clinician"
  ],
  "POST /staff/appointments/{id}/status": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "GET /staff/audit": [
    "admin"
  ],
  "GET /staff/audit/export": [
    "admin"
  ],
  "POST /staff/audit/exports": [
    "admin"
  ],
  "GET /staff/availability": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "GET /staff/billing/account": [
    "admin",
    "billing"
  ],
  "PUT /staff/billing/account": [
    "admin"
  ],
  "GET /staff/me": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "GET /staff/patients": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/patients": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "GET /staff/patients/{id}": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "PATCH /staff/patients/{id}": [
    "admin",
    "front-desk"
  ],
  "POST /staff/patients/{id}/attachments": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "GET /staff/patients/{id}/attachments/{attachment}": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/patients/{id}/attachments/{attachment}/complete": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "GET /staff/patients/{id}/contact": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/patients/{id}/disable": [
    "admin"
  ],
  "POST /staff/patients/{id}/email-suppression/clear": [
    "admin",
    "front-desk"
  ],
  "POST /staff/patients/{id}/enable": [
    "admin"
  ],
  "POST /staff/patients/{id}/invite": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "GET /staff/patients/{id}/ledger": [
    "admin",
    "billing"
  ],
  "POST /staff/patients/{id}/ledger/adjustments": [
    "admin",
    "billing"
  ],
  "POST /staff/patients/{id}/ledger/charges": [
    "admin",
    "billing"
  ],
  "GET /staff/patients/{id}/ledger/disputes/{dispute_id}/evidence": [
    "admin",
    "billing"
  ],
  "POST /staff/patients/{id}/ledger/disputes/{dispute_id}/evidence": [
    "admin",
    "billing"
  ],
  "POST /staff/patients/{id}/ledger/refunds": [
    "admin",
    "billing"
  ],
  "GET /staff/patients/{id}/proxies": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/patients/{id}/proxies": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "DELETE /staff/patients/{id}/proxies/{grant_id}": [
    "admin",
    "front-desk",
    "clinician"
  ],
  "POST /staff/patients/{id}/sms-consent": [
    "admin",
    "front-desk"
  ],
  "POST /staff/patients/{id}/threads": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "GET /staff/patients/{id}/threads/{thread}": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "PATCH /staff/patients/{id}/threads/{thread}": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/patients/{id}/threads/{thread}/messages": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "DELETE /staff/patients/{id}/threads/{thread}/messages/{message}": [
    "admin",
    "clinician"
  ],
  "GET /staff/practice": [
    "admin"
  ],
  "PUT /staff/practice": [
    "admin"
  ],
  "POST /staff/practice/consents": [
    "admin"
  ],
  "GET /staff/practice/history": [
    "admin"
  ],
  "GET /staff/schedule/{clinician}": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "PUT /staff/schedule/{clinician}": [
    "admin",
    "front-desk"
  ],
  "GET /staff/services": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/services": [
    "admin"
  ],
  "PUT /staff/services/{id}": [
    "admin"
  ],
  "GET /staff/tasks": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/tasks/{id}/claim": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/tasks/{id}/complete": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/tasks/{id}/release": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "GET /staff/team": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "POST /staff/team": [
    "admin"
  ],
  "POST /staff/team/{id}/disable": [
    "admin"
  ],
  "POST /staff/team/{id}/enable": [
    "admin"
  ],
  "PUT /staff/team/{id}/roles": [
    "admin"
  ],
  "GET /staff/templates": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ],
  "PUT /staff/templates/{kind}": [
    "admin"
  ],
  "GET /staff/threads": [
    "admin",
    "clinician",
    "front-desk",
    "billing"
  ]
};
