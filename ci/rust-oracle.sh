#!/bin/sh
# Prefetch what the Rust oracle (tests/rust_oracle.rs) needs, so that it runs with
# RESPONSIFY_REQUIRE_ORACLES=1: the crates of every sample under tests/rust-oracle/ (pinned
# by their committed Cargo.lock files), and a warm shared target directory.
#
# Cost measured on the shared 2-core development machine, crates already downloaded:
# 167 s cold (async-openai 0.43.0, tokio, rustls compiled once into target/tmp/rust-oracle; the
# first sample takes it all, the other three then check in about a second each), 3 s warm.
# Cache ~/.cargo/registry and target/tmp/rust-oracle (under CARGO_TARGET_DIR when set) between
# CI runs to stay warm.
set -eu
cd "$(dirname "$0")/.."
for manifest in tests/rust-oracle/*/Cargo.toml; do
    cargo fetch --locked --manifest-path "$manifest"
done
RESPONSIFY_REQUIRE_ORACLES=1 cargo test --test rust_oracle
