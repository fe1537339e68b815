//! HTTP handlers: each reads like its route.

pub mod auth;
pub mod portal;
pub mod proxies;
