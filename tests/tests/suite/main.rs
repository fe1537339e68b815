//! One integration-test binary, one module per concern.

mod attachments;
mod authz;
mod bad_input;
mod consistency;
mod contract;
mod emulator;
mod handlers;
mod headers;
mod messaging;
mod portal;
mod providers;
mod redelivery;
mod sign_in;
mod staff;
