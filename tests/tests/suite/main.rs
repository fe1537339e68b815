//! One integration-test binary, one module per concern.

mod contract;
mod sign_in;
