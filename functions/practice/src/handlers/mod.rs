//! HTTP handlers of the staff routes.

pub mod audit;
pub mod cors;
pub mod patients;
pub mod proxies;
pub mod public;
pub mod settings;
pub mod team;
