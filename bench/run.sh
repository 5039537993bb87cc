#!/usr/bin/env bash
# Benchmark responsify against ripgrep (and ast-grep, when it can be had) on a generated tree.
#
#   bench/run.sh [--files N] [--seed S] [--runs R] [--warmup W] [--no-ast-grep] [--no-install]
#                [--no-shared] [--large-files N | --no-large] [--on-disk]
#
# Environment: FILES, SEED, RUNS, WARMUP, AST_GREP_RUNS and AST_GREP_WARMUP set the same
# knobs; RESPONSIFY_BIN times an already built binary instead of `cargo build --release`;
# SHARED_GEN names the shared generator (default ../shared/bench/gen_corpus.py); SCRATCH_FS
# the tmpfs the shared-corpus rows run from (default /dev/shm; --on-disk: from bench/).
# See bench/README.md.
set -euo pipefail

FILES=${FILES:-20000}
SEED=${SEED:-1}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
AST_GREP_RUNS=${AST_GREP_RUNS:-5}
AST_GREP_WARMUP=${AST_GREP_WARMUP:-1}   # one ast-grep run takes ~20 s on 2 cores
USE_AST_GREP=1
INSTALL=1
USE_SHARED=1
ON_DISK=0
SCRATCH_FS=${SCRATCH_FS:-/dev/shm}
LARGE_FILES=${LARGE_FILES:-100000}

while [ $# -gt 0 ]; do
    case "$1" in
        --files) FILES=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --no-ast-grep) USE_AST_GREP=0; shift ;;
        --no-install) INSTALL=0; shift ;;
        --no-shared) USE_SHARED=0; shift ;;
        --large-files) LARGE_FILES=$2; shift 2 ;;
        --no-large) LARGE_FILES=0; shift ;;
        --on-disk) ON_DISK=1; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [ "$RUNS" -lt 5 ]; then
    echo "run.sh: --runs must be at least 5" >&2
    exit 2
fi
if [ "$AST_GREP_RUNS" -lt 5 ]; then AST_GREP_RUNS=5; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CORPUS=bench/corpus
BIN=${RESPONSIFY_BIN:-target/release/responsify}
TOOLS_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/responsify-bench
log() { printf '==> %s\n' "$*" >&2; }

# ---- tools --------------------------------------------------------------------------------

apt_updated=0
apt_install() {
    [ "$INSTALL" = 1 ] || return 1
    command -v apt-get >/dev/null || return 1
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || return 1
        sudo="sudo -n"
    fi
    if [ "$apt_updated" = 0 ]; then
        log "apt-get update"
        $sudo apt-get update -qq >/dev/null || return 1
        apt_updated=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if ! command -v rg >/dev/null || ! command -v hyperfine >/dev/null; then
    missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    apt_install "${missing[@]}" || log "could not install ${missing[*]}"
fi
if ! command -v rg >/dev/null; then
    echo "run.sh: ripgrep (rg) is needed as the baseline; install it (apt-get install ripgrep)" >&2
    exit 1
fi
HAVE_HYPERFINE=0
if command -v hyperfine >/dev/null; then
    HAVE_HYPERFINE=1
else
    log "hyperfine not found: timing with bench/bench_util.py instead"
fi

AST_GREP=""
if [ "$USE_AST_GREP" = 1 ]; then
    # `sg` is often shadow-utils' newgrp alias, so look only for the `ast-grep` name.
    if command -v ast-grep >/dev/null; then
        AST_GREP=$(command -v ast-grep)
    elif [ -x "$TOOLS_DIR/ast-grep/node_modules/.bin/ast-grep" ]; then
        AST_GREP=$TOOLS_DIR/ast-grep/node_modules/.bin/ast-grep
    elif [ "$INSTALL" = 1 ] && command -v npm >/dev/null; then
        # The npm package ships the prebuilt binary in a per-platform dependency. A global
        # install (`npm install -g @ast-grep/cli`) fails where /usr/bin/sg already exists,
        # so install into a private prefix instead.
        log "npm install @ast-grep/cli into $TOOLS_DIR/ast-grep"
        mkdir -p "$TOOLS_DIR/ast-grep"
        if npm install --prefix "$TOOLS_DIR/ast-grep" --no-fund --no-audit @ast-grep/cli >/dev/null 2>&1 \
            && "$TOOLS_DIR/ast-grep/node_modules/.bin/ast-grep" --version >/dev/null 2>&1; then
            AST_GREP=$TOOLS_DIR/ast-grep/node_modules/.bin/ast-grep
        fi
    fi
    if [ -z "$AST_GREP" ]; then
        log "ast-grep is not available (npm install @ast-grep/cli failed or npm is missing): skipping it"
    fi
fi

# ---- corpus -------------------------------------------------------------------------------

# Regenerate only when the parameters or the generator changed. The stamp is a hidden file,
# which rg, ast-grep and responsify all skip.
gen_hash=$(sha256sum bench/gen_corpus.py | cut -c1-16)
stamp="files=$FILES seed=$SEED gen=$gen_hash"
if [ -f "$CORPUS/.bench-stamp" ] && [ "$(cat "$CORPUS/.bench-stamp")" = "$stamp" ]; then
    log "reusing $CORPUS ($stamp)"
else
    log "generating $CORPUS: $FILES files, seed $SEED"
    python3 bench/gen_corpus.py --files "$FILES" --seed "$SEED" --out "$CORPUS"
    echo "$stamp" > "$CORPUS/.bench-stamp"
fi

# ---- build --------------------------------------------------------------------------------

if [ -z "${RESPONSIFY_BIN:-}" ]; then
    log "cargo build --release"
    cargo build --release --quiet
fi
if [ ! -x "$BIN" ]; then
    echo "run.sh: $BIN was not built" >&2
    exit 1
fi
# The shared corpus is timed from inside its tree: the binary by an absolute path.
BIN_ABS=$(realpath "$BIN")
# The parse floor (bench/parse_floor.rs), timed beside check on the shared corpus; FLOOR_BIN
# names one built already.
if [ -z "${FLOOR_BIN:-}" ]; then
    log "cargo build --release --example parse_floor"
    cargo build --release --quiet --example parse_floor
    FLOOR_BIN=target/release/examples/parse_floor
fi
FLOOR_ABS=$(realpath "$FLOOR_BIN")

# ---- sanity: what each tool finds ---------------------------------------------------------

RG_CMD="rg -l -e completions -e '\"messages\"' $CORPUS"
RG_JSON_CMD="rg -l -g '*.json' -g '*.jsonl' -g '*.ndjson' -e '\"messages\"' $CORPUS"
RESP_CMD="$BIN check --isolated $CORPUS --exit-zero --output-format concise > /dev/null"
AG_ARGS="run -p '\$C.chat.completions.create(\$\$\$)' --files-with-matches $CORPUS"
AG_CMD="$AST_GREP $AG_ARGS"

rg_files=$(eval "$RG_CMD" | wc -l)
rg_json_files=$(eval "$RG_JSON_CMD" | wc -l)
resp_out=$("$BIN" check --isolated "$CORPUS" --exit-zero --output-format concise 2>/dev/null)
resp_findings=$(printf '%s\n' "$resp_out" | grep -c . || true)
resp_files=$(printf '%s\n' "$resp_out" | grep . | sed 's/:[0-9]*:[0-9]*: .*//' | sort -u | wc -l)
log "rg matched $rg_files files ($rg_json_files of them .json/.jsonl)"
log "responsify reported $resp_findings findings in $resp_files files"
if [ -n "$AST_GREP" ]; then
    ag_files=$(eval "$AG_CMD" 2>/dev/null | wc -l)
    log "ast-grep matched $ag_files files"
fi

# ---- timing -------------------------------------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
RESULTS=$(mktemp -d)
trap 'rm -rf "$RESULTS"' EXIT

bench() { # bench ORDER NAME RUNS WARMUP COMMAND
    local order=$1 name=$2 runs=$3 warmup=$4 cmd=$5
    log "timing $name ($runs runs, $warmup warmup)"
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        hyperfine --style basic --warmup "$warmup" --runs "$runs" \
            --export-json "$RESULTS/$order.json" -n "$name" "$cmd" >&2
    else
        python3 bench/bench_util.py time --name "$name" --runs "$runs" --warmup "$warmup" \
            --export-json "$RESULTS/$order.json" -- "$cmd" >&2
    fi
}

bench 1 rg "$RUNS" "$WARMUP" "$RG_CMD"
bench 2 "rg (JSON files only)" "$RUNS" "$WARMUP" "$RG_JSON_CMD"
bench 3 responsify "$RUNS" "$WARMUP" "$RESP_CMD"
if [ -n "$AST_GREP" ]; then
    bench 4 ast-grep "$AST_GREP_RUNS" "$AST_GREP_WARMUP" "$AG_CMD"
fi

# ---- report -------------------------------------------------------------------------------

n_files=$(find "$CORPUS" -type f ! -name '.*' | wc -l)
size_mb=$(find "$CORPUS" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
n_json=$(find "$CORPUS" -type f \( -name '*.json' -o -name '*.jsonl' \) | wc -l)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    commit="$commit (+ uncommitted changes in src/)"
fi
timer=$([ "$HAVE_HYPERFINE" = 1 ] && hyperfine --version || echo "bench/bench_util.py")
info=(
    --info "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    --info "nproc=$(nproc)"
    --info "CPU=${cpu:-unknown}"
    --info "kernel=$(uname -sr)"
    --info "load average=$load_before before timing, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) after (1/5/15 min; above nproc means other work competed)"
    --info "corpus=$CORPUS, --files $FILES --seed $SEED"
    --info "files on disk=$n_files ($n_json .json/.jsonl)"
    --info "corpus size=$size_mb MB"
    --info "responsify=$("$BIN" --version) at $commit ($BIN)"
    --info "ripgrep=$(rg --version | head -1)"
    --info "timer=$timer, $WARMUP warmup runs ($AST_GREP_WARMUP for ast-grep)"
    --info "rg matched=$rg_files files ($rg_json_files .json/.jsonl)"
    --info "responsify reported=$resp_findings findings in $resp_files files"
)
if [ -n "$AST_GREP" ]; then
    info+=(--info "ast-grep=$("$AST_GREP" --version)" --info "ast-grep matched=$ag_files files")
fi
info+=(--info "cmd:rg=$RG_CMD" --info "cmd:rg (JSON files only)=$RG_JSON_CMD" --info "cmd:responsify=$RESP_CMD")
if [ -n "$AST_GREP" ]; then
    info+=(--info "cmd:ast-grep=ast-grep $AG_ARGS")
fi

python3 bench/bench_util.py report --results "$RESULTS" --baseline rg \
    --markdown bench/results.md "${info[@]}"

# ---- the shared generator's corpus (issue #15) ---------------------------------------------

# The generator other tools are measured with lives beside the repository, in ../shared; a
# fresh clone may not have it, and then only the project's own corpus above is measured.
SHARED_GEN=${SHARED_GEN:-$ROOT/../shared/bench/gen_corpus.py}
if [ "$USE_SHARED" = 1 ] && [ ! -f "$SHARED_GEN" ]; then
    log "the shared generator is not at $SHARED_GEN (set SHARED_GEN): skipping the shared-corpus rows"
    printf '\n## Issue #15 goals on the shared generator'"'"'s corpus\n\nNot measured: %s was not found.\n' \
        "$SHARED_GEN" >> bench/results.md
    USE_SHARED=0
fi
if [ "$USE_SHARED" = 1 ]; then
    # EXPECTED.json leaves the tree (it would be read as a JSON file); a stamp as above.
    shared_corpus() { # shared_corpus FILES -> prints the tree's path
        local n=$1 dir=bench/shared-corpus-$1
        local stamp="files=$n seed=$SEED gen=$(sha256sum "$SHARED_GEN" | cut -c1-16)"
        if [ -f "$dir/.bench-stamp" ] && [ "$(cat "$dir/.bench-stamp")" = "$stamp" ] \
            && [ -f "$dir.expected.json" ]; then
            log "reusing $dir ($stamp)"
        else
            log "generating $dir with $SHARED_GEN: $n files, seed $SEED"
            rm -rf "$dir" "$dir.expected.json"
            python3 "$SHARED_GEN" --files "$n" --seed "$SEED" --out "$dir" --quiet
            mv "$dir/EXPECTED.json" "$dir.expected.json"
            echo "$stamp" > "$dir/.bench-stamp"
        fi
        echo "$ROOT/$dir"
    }
    small=$(shared_corpus "$FILES")
    small_expected=$small.expected.json
    large=""
    if [ "$LARGE_FILES" -gt 0 ]; then
        large=$(shared_corpus "$LARGE_FILES")
    fi
    # These rows run from a tmpfs when there is one with room for the trees and the --fix
    # copies. On a disk file system the --fix row measures the file system too: ext4 without
    # a journal (as some cloud images mount their root) skips every inode freed in the last
    # one to five minutes when it creates a file, so each --fix run paid for the inodes the
    # run before it freed (one per fixed file: the rename replaces it). A journaled ext4,
    # xfs, btrfs or a tmpfs has no such cost; tmpfs is the page cache alone, which is what
    # "warm page cache" asks for. rg, ast-grep and check read the same copy.
    work=$ROOT/bench/shared-fix-work
    fs_note="the corpus on $(df -T "$small" | awk 'NR == 2 {print $2}') ($(df "$small" | awk 'NR == 2 {print $6}'))"
    if [ "$ON_DISK" = 0 ] && [ "$(df -T "$SCRATCH_FS" 2>/dev/null | awk 'NR == 2 {print $2}')" = tmpfs ]; then
        need_kb=$(( $(du -sk "$small" | cut -f1) * (RUNS + WARMUP + 2) ))
        if [ -n "$large" ]; then need_kb=$(( need_kb + $(du -sk "$large" | cut -f1) )); fi
        free_kb=$(df -k "$SCRATCH_FS" | awk 'NR == 2 {print $4}')
        if [ "$free_kb" -gt $(( need_kb + need_kb / 4 )) ]; then
            scratch_fs=$(mktemp -d "$SCRATCH_FS/responsify-bench.XXXXXX")
            trap 'rm -rf "$RESULTS" "$scratch_fs"' EXIT
            log "copying the shared corpora to $scratch_fs (tmpfs)"
            cp -a "$small" "$scratch_fs/small"
            small=$scratch_fs/small
            if [ -n "$large" ]; then cp -a "$large" "$scratch_fs/large"; large=$scratch_fs/large; fi
            work=$scratch_fs/fix-work
            fs_note="the corpus copied to tmpfs ($SCRATCH_FS)"
        else
            log "$SCRATCH_FS has $((free_kb / 1024)) MB free, $((need_kb / 1024)) MB needed: the shared rows run on disk"
        fi
    fi
    large_args=()
    if [ -n "$large" ]; then
        large_args=(--corpus-large "$large" --files-large "$LARGE_FILES")
    fi
    ag_args=()
    if [ -n "$AST_GREP" ]; then
        ag_args=(--ast-grep "$AST_GREP" --ast-grep-runs "$AST_GREP_RUNS")
    fi
    python3 bench/bench_util.py shared --bin "$BIN_ABS" --corpus "$small" \
        --expected "$small_expected" --work "$work" --scratch "$RESULTS" --fs "$fs_note" \
        --generator "${SHARED_GEN#"$ROOT/"}" --files "$FILES" --seed "$SEED" \
        --runs "$RUNS" --warmup "$WARMUP" --floor "$FLOOR_ABS" "${large_args[@]}" "${ag_args[@]}" \
        --markdown bench/results.md
    rm -rf bench/shared-fix-work-*
fi
