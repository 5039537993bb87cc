#!/usr/bin/env bash
# Installs what the TypeScript/JavaScript oracles need (tests/e2e_node.rs and the tsc check of
# migrated TypeScript fixtures in tests/oracle.rs): Node.js 20+ and oracle/node_modules
# (openai, typescript, zod, @types/node, pinned in oracle/package-lock.json). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d oracle/node_modules/zod ] || [ ! -d oracle/node_modules/@types/node ] \
  || [ oracle/package-lock.json -nt oracle/node_modules/.package-lock.json ]; then
  npm ci --prefix oracle --no-audit --no-fund --loglevel=error
fi
node --version
