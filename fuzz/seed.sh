#!/usr/bin/env bash
# Seed each target's corpus (fuzz/corpus/<target>/, not committed) from the project's
# fixtures in testdata/ (and the Rust oracle crates of tests/rust-oracle/), by the extension that picks the target's front end. `chat_calls`
# builds its files from grammar pieces and needs no seeds.
set -euo pipefail
cd "$(dirname "$0")"
seed() {
  local target=$1
  shift
  mkdir -p "corpus/$target"
  for pattern in "$@"; do
    # Named by their path, since many fixtures share a file name.
    find ../testdata ../tests/rust-oracle -type f -name "$pattern" -not -path '*/target/*' -print0 |
      while IFS= read -r -d '' file; do
        cp "$file" "corpus/$target/$(echo "${file#../}" | tr / _)"
      done
  done
  echo "$target: $(ls "corpus/$target" | wc -l) seeds"
}
seed python '*.py'
seed typescript '*.ts' '*.tsx' '*.js' '*.mjs' '*.cjs'
seed rust '*.rs'
seed json '*.json'
seed jsonl '*.jsonl'
seed notebook '*.ipynb'
seed markdown '*.md' '*.mdx'
seed cargo_toml 'Cargo.toml' '*.toml'
mkdir -p corpus/chat_calls
