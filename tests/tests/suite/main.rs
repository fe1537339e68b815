//! One integration-test binary, one module per concern.

mod authz;
mod bad_input;
mod contract;
mod headers;
mod portal;
mod sign_in;
mod staff;
