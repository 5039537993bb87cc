#!/bin/sh
# Prefetch what the Rust oracle (tests/rust_oracle.rs) needs, so that it runs with
# RESPONSIFY_REQUIRE_ORACLES=1: the crates of every sample under tests/rust-oracle/ (pinned
# by their committed Cargo.lock files), and a warm shared target directory.
#
# Cost measured on the 2-core development machine: about 2 minutes cold (async-openai and
# its TLS stack compiled once into target/rust-oracle), a few seconds warm. Cache
# ~/.cargo/registry and target/rust-oracle between CI runs to stay warm.
set -eu
cd "$(dirname "$0")/.."
for manifest in tests/rust-oracle/*/Cargo.toml; do
    cargo fetch --locked --manifest-path "$manifest"
done
RESPONSIFY_REQUIRE_ORACLES=1 cargo test --test rust_oracle
