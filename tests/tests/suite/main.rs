//! One integration-test binary, one module per concern.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic with a clear message is the point

mod architecture;
mod attachments;
mod audit;
mod authz;
mod bad_input;
mod billing;
mod budgets;
mod concurrency;
mod consistency;
mod contract;
mod emulator;
mod handlers;
mod headers;
mod links;
mod messaging;
mod onboarding;
mod portal;
mod providers;
mod proxies;
mod redelivery;
mod scheduling;
mod settings;
mod sign_in;
mod staff;
mod tenancy;
mod text_replies;
mod visits;
mod waitlist;
