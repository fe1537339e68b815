//! Portico's shared library (crate `portico`): what every function stands on.
//!
//! - the platform layer: [`events`] (the outbox and its relay), [`idempotency`], [`notify`] (the send
//!   gate, PHI-free templates, unsubscribe, suppression, the notify worker), [`uploads`], [`consents`]
//!   and preferences, [`tasks`] (staff work items), [`audit`];
//! - the edge: [`http`] (tenant, principal, sessions, problem documents, headers), [`auth`], [`tenant`];
//! - functions and capabilities: [`lambda`] (endpoints, functions, the capability description) and
//!   [`wiring`] (building dependencies from Lambda's environment or the local gateway's adapters);
//! - ports and adapters: [`store`], [`blobs`], [`queue`], [`identity`], the mail and SMS ports in
//!   [`notify`] (the local stand-ins behind the `local` feature);
//! - [`directory`] (practices, staff, patients), [`keys`] (the table's layout), [`domain`], [`ids`],
//!   [`config`], [`telemetry`], [`clock`], [`time`], [`crypto`].

pub mod audit;
pub mod auth;
pub mod aws;
pub mod bell;
pub mod blobs;
pub mod clock;
pub mod config;
pub mod consents;
pub mod crypto;
pub mod directory;
pub mod domain;
pub mod events;
pub mod home;
pub mod http;
pub mod idempotency;
pub mod identity;
pub mod ids;
pub mod keys;
pub mod lambda;
pub mod links;
pub mod notify;
pub mod payments;
pub mod proxies;
pub mod queue;
pub mod regions;
pub mod store;
pub mod tasks;
pub mod telemetry;
pub mod tenant;
pub mod throttle;
pub mod time;
pub mod timeline;
pub mod uploads;
pub mod video;
pub mod views;
pub mod wiring;

pub use lambda_http;
