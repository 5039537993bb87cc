#!/usr/bin/env bash
# Validate SARIF logs against the SARIF 2.1.0 schema with Microsoft's SARIF Multitool
# (`validate`: the schema that ships with it, plus its SARIF and GitHub code-scanning rules),
# and, when Python's jsonschema is importable, with that too: the Multitool silently passes
# some documents it cannot read (a `level` outside the enum, for one).
#
#   ci/sarif-validate.sh --install        install the Multitool into the cache, if missing
#   ci/sarif-validate.sh FILE.sarif...    validate (installs first when needed)
#
# The Multitool comes from npm (@microsoft/sarif-multitool-<platform>, pinned below) and is
# installed with `npm install --prefix` into $RESPONSIFY_SARIF_CACHE, by default
# sarif-multitool-<version> in the tmp/ directory cargo gives tests: $CARGO_TARGET_TMPDIR
# when the tests run it, else tmp/ under $CARGO_TARGET_DIR or this repository's target/
# (ignored by git).
#
# Exit codes: 0 valid; 1 a file has schema or rule errors; 2 usage; 3 the validator is not
# available here (no npm or node, an unsupported platform, or the install failed).
set -euo pipefail

VERSION=5.7.0
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="${CARGO_TARGET_TMPDIR:-${CARGO_TARGET_DIR:-$root/target}/tmp}"
cache="${RESPONSIFY_SARIF_CACHE:-$tmp/sarif-multitool-$VERSION}"

unavailable() {
  echo "sarif-validate: validator unavailable: $*" >&2
  exit 3
}

if [ $# -eq 0 ]; then
  echo "usage: $0 --install | FILE.sarif..." >&2
  exit 2
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/amd64) package=@microsoft/sarif-multitool-linux ;;
  Darwin/*) package=@microsoft/sarif-multitool-darwin ;;
  *) unavailable "no SARIF Multitool package for $(uname -s)/$(uname -m)" ;;
esac
command -v npm >/dev/null 2>&1 || unavailable "npm is not installed"
command -v node >/dev/null 2>&1 || unavailable "node is not installed"

dir="$cache/node_modules/$package"
tool="$dir/Sarif.Multitool"
schema="$dir/sarif-2.1.0.json"

install() {
  [ -x "$tool" ] && [ -f "$schema" ] && return 0
  mkdir -p "$(dirname "$cache")"
  # Install beside the cache and rename it into place, so concurrent runs never see half an
  # install; the loser of a race discards its copy.
  local staging
  staging="$(mktemp -d "$(dirname "$cache")/.sarif-multitool.XXXXXX")"
  echo "sarif-validate: installing $package@$VERSION into $cache" >&2
  if ! npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error \
    "$package@$VERSION" >&2; then
    rm -rf "$staging"
    unavailable "npm install $package@$VERSION failed"
  fi
  chmod u+x "$staging/node_modules/$package/Sarif.Multitool"
  if [ -d "$cache" ] && [ ! -x "$tool" ]; then
    rm -rf "$cache" # a broken earlier install
  fi
  node -e 'try { require("fs").renameSync(process.argv[1], process.argv[2]) } catch (e) {}' \
    "$staging" "$cache"
  rm -rf "$staging"
  [ -x "$tool" ] && [ -f "$schema" ] || unavailable "the install in $cache has no Multitool"
}

install
if [ "$1" = "--install" ]; then
  echo "sarif-validate: $package@$VERSION is installed in $cache"
  exit 0
fi


work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for file in "$@"; do
  if [ ! -f "$file" ]; then
    echo "sarif-validate: $file: no such file" >&2
    status=1
    continue
  fi
  log="$work/validation.sarif"
  rm -f "$log"
  # The Multitool exits 0 whatever it finds; its own SARIF log says what it found.
  # The file comes first: --rule-kind and --log take lists and would swallow it.
  if ! "$tool" validate "$file" --output "$log" --json-schema "$schema" \
    --rule-kind "Sarif;Gh" --log ForceOverwrite >"$work/console" 2>&1; then
    head -n 20 "$work/console" >&2
    echo "sarif-validate: $file: the Multitool failed" >&2
    status=1
    continue
  fi
  if ! node - "$log" "$file" <<'JS'; then
const fs = require("fs");
const [logPath, file] = process.argv.slice(2);
let log;
try {
  log = JSON.parse(fs.readFileSync(logPath, "utf8").replace(/^\uFEFF/, ""));
} catch (e) {
  console.error(`sarif-validate: ${file}: the Multitool wrote no readable log (${e.message})`);
  process.exit(1);
}
let errors = 0;
for (const run of log.runs || []) {
  const rules = (run.tool && run.tool.driver && run.tool.driver.rules) || [];
  for (const inv of run.invocations || []) {
    if (inv.executionSuccessful === false) {
      console.error(`sarif-validate: ${file}: the Multitool's run did not succeed`);
      errors++;
    }
    for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
      if (n.level === "error") {
        console.error(`sarif-validate: ${file}: ${(n.message && n.message.text) || "tool error"}`);
        errors++;
      }
    }
  }
  for (const r of run.results || []) {
    const level = r.level || "warning";
    const args = (r.message && r.message.arguments) || [];
    const rule = (r.ruleIndex !== undefined && rules[r.ruleIndex]) || {};
    const template = (rule.messageStrings && r.message && r.message.id && rule.messageStrings[r.message.id]) || null;
    let text = (r.message && r.message.text) || (template && template.text) || args.join(" | ");
    text = text.replace(/\{(\d+)\}/g, (_, i) => args[+i] !== undefined ? args[+i] : `{${i}}`);
    console.error(`sarif-validate: ${file}: ${level} ${r.ruleId}: ${text}`);
    if (level === "error") errors++;
  }
}
process.exit(errors > 0 ? 1 : 0);
JS
    status=1
    continue
  fi
  validators="SARIF Multitool $VERSION"
  if python3 -c 'import jsonschema' >/dev/null 2>&1; then
    if ! python3 - "$schema" "$file" <<'PY'; then
import json
import sys

import jsonschema

schema_path, file = sys.argv[1:]
with open(schema_path, encoding="utf-8-sig") as f:
    schema = json.load(f)
with open(file, encoding="utf-8") as f:
    doc = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(
    cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc),
    key=lambda e: [str(p) for p in e.absolute_path],
)
for e in errors[:50]:
    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
    print(f"sarif-validate: {file}: schema error at {where}: {e.message[:300]}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY
      status=1
      continue
    fi
    validators="$validators and jsonschema"
  elif [ -n "${RESPONSIFY_REQUIRE_ORACLES:-}" ]; then
    echo "sarif-validate: $file: Python's jsonschema is required (RESPONSIFY_REQUIRE_ORACLES) but not importable" >&2
    status=1
    continue
  else
    echo "sarif-validate: note: Python's jsonschema is not installed; only the Multitool checked $file" >&2
  fi
  echo "sarif-validate: $file: valid SARIF 2.1.0 ($validators)"
done
exit $status
