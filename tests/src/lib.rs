//! Test harness for Portico's end-to-end suites: the emulator, a gateway per test, and the storage
//! contract written once for every adapter.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic with a clear message is the point

pub mod app;
pub mod budgets;
pub mod contract;
pub mod emulator;
pub mod fixture;
pub mod ports_contract;

pub use app::{Session, TestApp, problem, session_from, spawn_app, spawn_on_emulator, spawn_with};
pub mod bench;
