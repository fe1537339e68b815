//! Threads and messages between a patient and the care team: what they are ([`model`]), how they are
//! stored ([`layout`]) and what happens when people write ([`rules`]).

pub mod layout;
pub mod model;
pub mod rules;

pub use layout::{AssigneeFilter, for_patient, header, inbox};
pub use model::*;
pub use rules::{Handling, Page, Reader, attachable, close_by_patient, delete, handle, mark_read, post, read, start};
