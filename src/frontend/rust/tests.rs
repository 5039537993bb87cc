//! Unit tests of the Rust front end: what it lifts, and that bad input is an error.

use super::*;

#[test]
fn a_syntax_error_is_reported_not_panicked() {
    let err = RUST.lift("fn main() { let x = ; }").unwrap_err();
    assert!(err.message.starts_with("Rust syntax error"), "{err:?}");
}
