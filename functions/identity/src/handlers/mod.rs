//! HTTP handlers: each reads like its route.

pub mod auth;
pub mod portal;

use std::sync::Arc;

use portico::http::Edge;

/// What the read-and-write routes without messaging use: the edge alone.
pub struct PortalDeps {
    pub edge: Arc<Edge>,
}

impl portico::wiring::FromEnv for PortalDeps {
    fn from_env(env: &mut portico::config::Env, sdk: &portico::aws::SdkConfig) -> Self {
        PortalDeps { edge: portico::wiring::edge(env, sdk) }
    }
}
