//! Data requests per read screen, in one place: the suite holds each route to its budget, and the bench
//! reports against it.

/// What a successful call of each read route may cost. A screen read by key fetches its data and the
/// session in one batch (2: the batch, the audit event); a screen that queries reads the session at the
/// same time as its query (3: session, query, audit event). The session's last activity is written at
/// most once a minute, not counted here. Routes without an audit event (templates) cost one less.
pub const BUDGETS: &[(&str, usize)] = &[
    ("portal-home-get", 2),
    ("portal-me-get", 2),
    ("portal-preferences-get", 2),
    ("portal-consents-get", 3),
    ("portal-threads-list", 3),
    ("portal-threads-get", 3),
    ("staff-patients-get", 3),
    ("staff-threads-list", 3),
    ("staff-threads-get", 3),
    ("staff-templates-list", 2),
    // The billing screens query the patient's ledger and read the practice's billing account (another
    // partition) beside the session: 4; staff also read the patient: 5.
    ("portal-billing-get", 4),
    ("staff-ledger-get", 5),
];
