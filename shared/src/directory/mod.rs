//! Who exists: practices (tenants), their staff and their patients. Every capability reads these
//! records, so they live here, once (their keys are in [`crate::keys`]).

pub mod patients;
pub mod practices;
pub mod staff;

pub use patients::{AccountStatus, CategorySet, Patient, PatientNames, Preferences, QuietHours, SmsState};
pub use practices::{ConsentDocument, ConsentKind, Practice, PracticeSettings};
pub use staff::{Role, StaffMember};
