//! HTTP handlers of the platform's routes: each reads like its route.

pub mod tasks;
pub mod templates;
pub mod webhooks;
