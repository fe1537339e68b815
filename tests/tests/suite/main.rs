//! One integration-test binary, one module per concern.

mod authz;
mod bad_input;
mod consistency;
mod contract;
mod emulator;
mod handlers;
mod headers;
mod messaging;
mod portal;
mod sign_in;
mod staff;
