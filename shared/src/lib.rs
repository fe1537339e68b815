//! Portico's shared library (crate `portico`): what every function stands on.
//!
//! - [`http`]: the edge of every HTTP function (tenant, principal, audit, problem documents, headers);
//! - [`store`]: the single-table port and its DynamoDB and embedded adapters;
//! - [`identity`], [`notify`]: the other ports and their adapters;
//! - [`directory`]: practices, staff and patients, which every capability reads;
//! - [`domain`], [`ids`]: values parsed once at the edge;
//! - [`config`], [`telemetry`], [`clock`], [`crypto`], [`audit`], [`tenant`], [`auth`].

pub mod audit;
pub mod auth;
pub mod aws;
pub mod blobs;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod directory;
pub mod domain;
pub mod http;
pub mod identity;
pub mod ids;
pub mod notify;
pub mod queue;
pub mod store;
pub mod telemetry;
pub mod tenant;
pub mod wiring;

pub use lambda_http;
