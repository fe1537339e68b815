//! HTTP handlers of the staff routes.

pub mod cors;
pub mod patients;
pub mod team;
