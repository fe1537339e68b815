//! HTTP handlers of the staff routes.

pub mod audit;
pub mod cors;
pub mod patients;
pub mod public;
pub mod settings;
pub mod team;
