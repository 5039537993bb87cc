#!/usr/bin/env python3
"""Helpers for bench/run.sh (Python 3 standard library only).

    bench_util.py time --name NAME --runs R --warmup W --export-json OUT -- COMMAND
        Time a shell command without hyperfine; writes hyperfine-shaped JSON.

    bench_util.py score --expected EXPECTED.json --findings FINDINGS.jsonl [--json OUT]
        Score `--output-format json-lines` against the shared generator's ground truth: how
        many planted sites a request-level finding (one with a request_id) starts inside of,
        and how many negative controls one wrongly does.

    bench_util.py rss --export-json OUT -- COMMAND
        Run a command once and record its peak resident set size (ru_maxrss) and time.

    bench_util.py shared --bin B --corpus DIR --expected EXPECTED.json --work DIR --scratch DIR ...
        The issue #15 rows on the shared generator's corpus: rg, check and check --fix
        interleaved, ast-grep in 4 languages, peak RSS, time per file at a larger tree, and
        the planted sites located; appends a goals table to --markdown.

    bench_util.py report --results DIR --markdown OUT [--baseline NAME] [--info KEY=VALUE ...]
        Read every *.json in DIR (hyperfine --export-json output, one or more commands each),
        print a table of medians with the ratio to the baseline, and write it as markdown.
"""

import argparse
import glob
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time


def cmd_time(args):
    command = " ".join(args.command)
    for _ in range(args.warmup):
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(args.runs):
        t0 = time.perf_counter()
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "user": (after.ru_utime - before.ru_utime) / args.runs,
        "system": (after.ru_stime - before.ru_stime) / args.runs,
        "command": args.name,
        "mean": statistics.mean(times),
        "stddev": statistics.stdev(times) if len(times) > 1 else 0.0,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "times": times,
    }
    with open(args.export_json, "w") as fh:
        json.dump({"results": [result]}, fh, indent=2)
    print("  %-28s median %8.1f ms  (%d runs)" % (args.name, result["median"] * 1000, len(times)))
    return 0


# The kinds of EXPECTED.json that are code call sites (the 13,676 at 20,000 files);
# Batch lines and JSON bodies are scored apart, as their spans are a URL token or an object.
CALL_KINDS = {
    "chat_completions_create", "chat_completions_with_raw_response_create", "chat_completions_parse",
    "chat_completions_stream", "chat_completions_run_tools", "chat_completions_stored",
    "legacy_chatcompletion_create",
}

def finding_ranges(lines):
    """The request-level findings of json-lines output (those with a request_id), by file
    and cell: their byte ranges."""
    ranges = {}
    for text in lines:
        if not text.strip():
            continue
        f = json.loads(text)
        if f.get("request_id") is None:
            continue
        start, end = f["byte_range"]
        # An `info` note asks for nothing (a Responses call told its `store` default): it is
        # counted apart, so a control it lands on is not called reported.
        rule = f["rule"] + (" (info)" if f.get("severity") == "info" else "")
        ranges.setdefault((f["filename"], f.get("cell")), []).append((start, end, rule))
    return ranges


def locating(site, ranges):
    """The rules of the request-level findings that start inside the site's span."""
    if "cell" in site:
        # json output numbers cells from 1 and counts bytes in the cell's code.
        key, lo, hi = (site["path"], site["cell"] + 1), site["cell_byte_start"], site["cell_byte_end"]
    else:
        key, lo, hi = (site["path"], None), site["byte_start"], site["byte_end"]
    return {rule for start, end, rule in ranges.get(key, ()) if lo <= start < hi}


def cmd_score(args):
    with open(args.expected, encoding="utf-8") as fh:
        expected = json.load(fh)
    with open(args.findings, encoding="utf-8") as fh:
        ranges = finding_ranges(fh)
    by_kind = {}
    for site in expected["sites"]:
        rules = locating(site, ranges)
        k = by_kind.setdefault(site["kind"], {"role": site["role"], "sites": 0, "located": 0, "rules": {}})
        k["sites"] += 1
        k["located"] += any(not r.endswith(" (info)") for r in rules)
        k["noted"] = k.get("noted", 0) + (bool(rules) and all(r.endswith(" (info)") for r in rules))
        for r in rules:
            k["rules"][r] = k["rules"].get(r, 0) + 1
    calls = [v for k, v in by_kind.items() if k in CALL_KINDS]
    neg = [v for v in by_kind.values() if v["role"] == "negative"]
    result = {
        "call_sites": sum(v["sites"] for v in calls),
        "call_sites_located": sum(v["located"] for v in calls),
        "targets": sum(v["sites"] for v in by_kind.values() if v["role"] == "target"),
        "targets_located": sum(v["located"] for v in by_kind.values() if v["role"] == "target"),
        "negatives": sum(v["sites"] for v in neg),
        "negatives_reported": sum(v["located"] for v in neg),
        "negatives_with_info_note": sum(v.get("noted", 0) for v in neg),
        "by_kind": by_kind,
    }
    print("planted call sites located by a request-level finding: %d of %d" % (
        result["call_sites_located"], result["call_sites"]))
    print("all planted targets (with Batch lines and JSON bodies): %d of %d" % (
        result["targets_located"], result["targets"]))
    for kind, v in sorted(by_kind.items()):
        print("  %-45s %-8s %5d of %5d  %s" % (kind, v["role"], v["located"], v["sites"],
              ", ".join(sorted(v["rules"]))))
    print("negative controls reported: %d of %d (%d more carry only an info note)" % (
        result["negatives_reported"], result["negatives"], result["negatives_with_info_note"]))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=2)
    return 0


def cmd_rss(args):
    command = " ".join(args.command)
    t0 = time.perf_counter()
    # A fresh shell per run, so RUSAGE_CHILDREN's maximum is this command's alone.
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1],shell=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, command], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    kb = int(out.stdout.strip())
    with open(args.export_json, "w") as fh:
        json.dump({"command": args.name, "max_rss_kb": kb, "wall": wall}, fh)
    print("  %-28s peak RSS %7.1f MB  (%.2f s)" % (args.name, kb / 1024, wall))
    return 0


# ---- the shared generator's corpus (issue #15) -----------------------------------------------

def sh(command, cwd=None):
    subprocess.run(command, shell=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def interleaved(commands, runs, warmup):
    """Time shell commands round-robin, so load that comes and goes hits each alike.
    commands: [(name, command)], a command being a string or a function of the round's index
    that gives one. Returns {name: {"times", "cpu"}} with wall times and user+sys CPU per run."""
    out = {name: {"times": [], "cpu": []} for name, _ in commands}
    for i in range(warmup + runs):
        for name, command in commands:
            # A command may differ per round (the --fix runs each take their own copy).
            command_now = command(i) if callable(command) else command
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            sh(command_now)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i >= warmup:
                out[name]["times"].append(wall)
                out[name]["cpu"].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        print("  round %d/%d done" % (i + 1, warmup + runs), file=sys.stderr)
    return out


def peak_rss_kb(command):
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1],shell=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, command], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def q(path):
    return "'" + path.replace("'", "'\\''") + "'"


def cmd_shared(args):
    med = statistics.median
    load_before = open("/proc/loadavg").read().strip() if os.path.exists("/proc/loadavg") else "unknown"
    b, c20 = q(args.bin), q(args.corpus)
    check = "%s check --isolated %s --exit-zero --output-format concise > /dev/null" % (b, c20)
    rg = "rg -l -e completions -e messages %s > /dev/null" % c20
    # Each --fix run gets its own copy of the tree, all made before the timing starts and
    # removed after it. Removing and copying the tree right before each run (as this did
    # once) put 20,000 freshly freed inodes in ext4's way: without a journal, ext4 skips every
    # inode freed in the last minute (five when its table block is dirty) when it creates a
    # file, and each atomic write creates one, so the run measured the bench's own deletions
    # (3-4 s of system time) rather than what a user's --fix costs.
    rounds = args.warmup + args.runs
    copies = ["%s-%d" % (args.work, i) for i in range(rounds)]
    print("==> %d copies of the shared corpus for the --fix runs" % rounds, file=sys.stderr)
    for copy in copies:
        sh("rm -rf %s && cp -a %s %s" % (q(copy), c20, q(copy)))
    # The copies' pages reach the disk now, not while the runs are timed (the kernel's
    # writeback of a gigabyte competed with every command of the loop).
    sh("sync")
    def fix(i):
        return "cd %s && %s check --isolated . --exit-zero --fix --output-format concise > /dev/null" % (q(copies[i]), b)
    commands = [("rg", rg), ("responsify check", check), ("responsify check --fix", fix)]
    if args.floor:
        # The floor under check: walk, read, prefilter and parse only (bench/parse_floor.rs).
        commands.append(("floor: read + prefilter + parse", "%s %s > /dev/null" % (q(args.floor), c20)))
    print("==> shared corpus, %d files: interleaved timing, %d runs (+%d warmup)" % (args.files, args.runs, args.warmup),
          file=sys.stderr)
    t = interleaved(commands, args.runs, args.warmup)
    for copy in copies:
        sh("rm -rf %s" % q(copy))
    rows = {name: {"median": med(v["times"]), "cpu": med(v["cpu"]), "runs": len(v["times"]),
                   "min": min(v["times"])} for name, v in t.items()}
    if args.ast_grep:
        # One pattern, each of the four languages the corpus's calls are written in.
        ag = " && ".join("%s run -p '$C.chat.completions.create($$$)' --lang %s --files-with-matches %s > /dev/null"
                         % (q(args.ast_grep), lang, c20) for lang in ("python", "typescript", "tsx", "javascript"))
        print("==> ast-grep, 4 languages: %d runs, interleaved with responsify check" % args.ast_grep_runs, file=sys.stderr)
        t2 = interleaved([("ast-grep (4 languages)", ag), ("responsify check (beside ast-grep)", check)],
                         args.ast_grep_runs, 1)
        for name, v in t2.items():
            rows[name] = {"median": med(v["times"]), "cpu": med(v["cpu"]), "runs": len(v["times"]), "min": min(v["times"])}
    rss20 = [peak_rss_kb(check) for _ in range(3)]
    big = None
    if args.corpus_large:
        cl = q(args.corpus_large)
        check_l = "%s check --isolated %s --exit-zero --output-format concise > /dev/null" % (b, cl)
        print("==> shared corpus, %d files: interleaved with %d files, %d runs" % (args.files_large, args.files, args.large_runs),
              file=sys.stderr)
        t3 = interleaved([("check, %d files" % args.files, check), ("check, %d files" % args.files_large, check_l)],
                         args.large_runs, 1)
        small, large = t3["check, %d files" % args.files], t3["check, %d files" % args.files_large]
        rss_l = [peak_rss_kb(check_l) for _ in range(3)]
        big = {
            "small": small, "large": large, "rss": med(rss_l),
            "per_file_wall": (med(large["times"]) / args.files_large) / (med(small["times"]) / args.files),
            "per_file_cpu": (med(large["cpu"]) / args.files_large) / (med(small["cpu"]) / args.files),
        }
    # Where the planted sites are reported.
    findings = os.path.join(args.scratch, "findings.jsonl")
    # Run inside the tree, so paths are as EXPECTED.json writes them.
    sh("%s check --isolated . --exit-zero --output-format json-lines > %s" % (b, q(findings)), cwd=args.corpus)
    score_json = os.path.join(args.scratch, "score.json")
    cmd_score(argparse.Namespace(expected=args.expected, findings=findings, json=score_json))
    with open(score_json) as fh:
        score = json.load(fh)

    r = rows
    ratio = r["responsify check"]["median"] / r["rg"]["median"]
    cpu_ratio = r["responsify check"]["cpu"] / r["rg"]["cpu"] if r["rg"]["cpu"] else float("nan")
    fix_ratio = r["responsify check --fix"]["median"] / r["responsify check"]["median"]
    fix_cpu = r["responsify check --fix"]["cpu"] / r["responsify check"]["cpu"]
    goals = []
    def goal(figure, measured, target, met):
        goals.append((figure, measured, target, "yes" if met else "**no**"))
    floor = ""
    if args.floor:
        f = r["floor: read + prefilter + parse"]
        floor = "; the parse floor alone is %.1fx rg wall (%.0f ms), %.1fx CPU" % (
            f["median"] / r["rg"]["median"], f["median"] * 1e3, f["cpu"] / r["rg"]["cpu"] if r["rg"]["cpu"] else float("nan"))
    goal("`check` vs `rg -l -e completions -e messages`", "%.1fx wall (%.0f ms vs %.0f ms); %.1fx CPU%s" % (
        ratio, r["responsify check"]["median"] * 1e3, r["rg"]["median"] * 1e3, cpu_ratio, floor), "<= 2.0x", ratio <= 2.0)
    if args.ast_grep:
        ag_x = r["ast-grep (4 languages)"]["median"] / r["responsify check (beside ast-grep)"]["median"]
        ag_cpu = r["ast-grep (4 languages)"]["cpu"] / r["responsify check (beside ast-grep)"]["cpu"]
        ag_floor = ""
        if args.floor:
            ag_floor = "; 30x would be %.0f ms, below the parse floor (%.0f ms)" % (
                r["ast-grep (4 languages)"]["median"] / 30 * 1e3, r["floor: read + prefilter + parse"]["median"] * 1e3)
        goal("vs ast-grep, `$C.chat.completions.create($$$)` in 4 languages", "%.1fx faster wall (%.2f s vs %.2f s); %.1fx CPU%s" % (
            ag_x, r["ast-grep (4 languages)"]["median"], r["responsify check (beside ast-grep)"]["median"], ag_cpu, ag_floor),
            ">= 30x faster", ag_x >= 30)
    else:
        goal("vs ast-grep in 4 languages", "not measured (ast-grep not available)", ">= 30x faster", False)
    goal("planted call sites located by a request-level finding", "%d of %d; controls reported: %d of %d (%d Responses calls carry an info note)" % (
        score["call_sites_located"], score["call_sites"], score["negatives_reported"], score["negatives"],
        score["negatives_with_info_note"]), "all, and no control",
        score["call_sites_located"] == score["call_sites"] and score["negatives_reported"] == 0)
    goal("`check --fix` vs `check`", "%.2fx wall (%.2f s vs %.2f s); %.2fx CPU" % (
        fix_ratio, r["responsify check --fix"]["median"], r["responsify check"]["median"], fix_cpu), "<= 2x", fix_ratio <= 2.0)
    goal("peak RSS, %d files" % args.files, "%.0f MB" % (med(rss20) / 1024), "<= 100 MB", med(rss20) / 1024 <= 100)
    if big:
        goal("peak RSS, %d files" % args.files_large, "%.0f MB" % (big["rss"] / 1024), "<= 200 MB, flat",
             big["rss"] / 1024 <= 200)
        goal("time per file, %d vs %d files" % (args.files_large, args.files), "%.2fx wall (%.2f s vs %.2f s); %.2fx CPU" % (
            big["per_file_wall"], med(big["large"]["times"]), med(big["small"]["times"]), big["per_file_cpu"]),
            "<= 1.25x", big["per_file_wall"] <= 1.25)

    lines = ["", "## Issue #15 goals on the shared generator's corpus", "",
             "`%s --files %d --seed %d` (and `--files %d` for the large rows); its `EXPECTED.json` moved beside the "
             "tree so no tool reads it. Medians of whole processes, warm page cache, commands interleaved round-robin "
             "so load that comes and goes hits each alike. CPU is user+system of the process. File system: %s." % (
                 args.generator, args.files, args.seed, args.files_large or 0, args.fs), "",
             "| figure | measured | goal | met |", "|---|---|---|---|"]
    lines += ["| %s | %s | %s | %s |" % g for g in goals]
    lines += ["", "| command | median (ms) | min (ms) | CPU median (ms) | runs |", "|---|---:|---:|---:|---:|"]
    for name, v in rows.items():
        lines.append("| %s | %s | %s | %s | %d |" % (name, fmt_ms(v["median"]), fmt_ms(v["min"]), fmt_ms(v["cpu"]), v["runs"]))
    if big:
        for key, n in (("small", args.files), ("large", args.files_large)):
            v = big[key]
            lines.append("| check, %d files (size run) | %s | %s | %s | %d |" % (
                n, fmt_ms(med(v["times"])), fmt_ms(min(v["times"])), fmt_ms(med(v["cpu"])), len(v["times"])))
    lines += ["", "Peak RSS (median of 3): %d files %.0f MB (%s)%s." % (
        args.files, med(rss20) / 1024, ", ".join("%.0f" % (x / 1024) for x in rss20),
        "; %d files %.0f MB" % (args.files_large, big["rss"] / 1024) if big else "")]
    lines += ["", "Sites by kind (located / planted; the rules that located them):", ""]
    for kind, v in sorted(score["by_kind"].items()):
        lines.append("- %s (%s): %d / %d%s" % (kind, v["role"], v["located"], v["sites"],
                     (" — " + ", ".join(sorted(v["rules"]))) if v["rules"] else ""))
    load_after = open("/proc/loadavg").read().strip() if os.path.exists("/proc/loadavg") else "unknown"
    lines += ["", "Load average (1/5/15 min, on %d cores): %s before these rows, %s after." % (
        os.cpu_count() or 0, load_before, load_after)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as fh:
            fh.write(text)
    return 0


def fmt_ms(seconds):
    ms = seconds * 1000
    return "%.0f" % ms if ms >= 100 else "%.1f" % ms


def cmd_report(args):
    rows = []
    for path in sorted(glob.glob(os.path.join(args.results, "*.json"))):
        with open(path) as fh:
            data = json.load(fh)
        order = os.path.basename(path)
        for r in data.get("results", []):
            times = r.get("times") or [r["median"]]
            rows.append({
                "order": order,
                "name": r["command"],
                "median": statistics.median(times),
                "mean": r["mean"],
                "stddev": r.get("stddev") or 0.0,
                "min": r["min"],
                "cpu": (r.get("user") or 0.0) + (r.get("system") or 0.0),
                "runs": len(times),
            })
    if not rows:
        print("no results in %s" % args.results, file=sys.stderr)
        return 1
    rows.sort(key=lambda r: r["order"])
    base = next((r for r in rows if r["name"] == args.baseline), None)

    header = ["command", "median (ms)", "mean ± σ (ms)", "min (ms)", "runs", "× %s" % args.baseline,
              "CPU user+sys (ms)", "CPU × %s" % args.baseline]
    table = []
    for r in rows:
        ratio = "%.2f" % (r["median"] / base["median"]) if base else "–"
        cpu_ratio = "%.2f" % (r["cpu"] / base["cpu"]) if base and base["cpu"] else "–"
        table.append([r["name"], fmt_ms(r["median"]), "%s ± %s" % (fmt_ms(r["mean"]), fmt_ms(r["stddev"])),
                      fmt_ms(r["min"]), str(r["runs"]), ratio, fmt_ms(r["cpu"]), cpu_ratio])

    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(header)]
    def line(cells):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print()
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print(line(row))

    info = [kv.split("=", 1) for kv in args.info]
    resp = next((r for r in rows if r["name"] == "responsify"), None)
    if base and resp:
        print("\nresponsify / %s (median): %.2f" % (args.baseline, resp["median"] / base["median"]))

    if args.markdown:
        commands = [kv for kv in info if kv[0].startswith("cmd:")]
        facts = [kv for kv in info if not kv[0].startswith("cmd:")]
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write("# Benchmark results\n\n")
            fh.write("Produced by `bench/run.sh`; see `bench/README.md` for what is measured. "
                     "Warm page cache, wall-clock time of the whole process; the CPU columns are the "
                     "mean user+system time per run, which other load on the machine disturbs less.\n\n")
            fh.write("| " + " | ".join(header) + " |\n")
            fh.write("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|\n")
            for row in table:
                fh.write("| " + " | ".join(row) + " |\n")
            if base and resp:
                fh.write("\n**responsify / %s (median): %.2f**\n" % (args.baseline, resp["median"] / base["median"]))
            fh.write("\n## Machine and corpus\n\n| | |\n|---|---|\n")
            for k, v in facts:
                fh.write("| %s | %s |\n" % (k, v.replace("|", "\\|")))
            if commands:
                fh.write("\n## Commands\n\n")
                for k, v in commands:
                    fh.write("- %s: `%s`\n" % (k[4:], v))
        print("wrote %s" % args.markdown)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--name", required=True)
    t.add_argument("--runs", type=int, default=10)
    t.add_argument("--warmup", type=int, default=2)
    t.add_argument("--export-json", required=True)
    t.add_argument("command", nargs=argparse.REMAINDER)
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    r.add_argument("--markdown")
    r.add_argument("--baseline", default="rg")
    r.add_argument("--info", action="append", default=[])
    sc = sub.add_parser("score")
    sc.add_argument("--expected", required=True)
    sc.add_argument("--findings", required=True)
    sc.add_argument("--json")
    rs = sub.add_parser("rss")
    rs.add_argument("--name", required=True)
    rs.add_argument("--export-json", required=True)
    rs.add_argument("command", nargs=argparse.REMAINDER)
    sh_ = sub.add_parser("shared")
    for name in ("--bin", "--corpus", "--expected", "--work", "--scratch", "--generator"):
        sh_.add_argument(name, required=True)
    sh_.add_argument("--corpus-large")
    sh_.add_argument("--floor", help="the parse_floor example's binary, timed beside check")
    sh_.add_argument("--fs", default="as it is", help="where the corpus is read from, for the report")
    sh_.add_argument("--files", type=int, default=20000)
    sh_.add_argument("--files-large", type=int, default=100000)
    sh_.add_argument("--seed", type=int, default=1)
    sh_.add_argument("--runs", type=int, default=10)
    sh_.add_argument("--warmup", type=int, default=2)
    sh_.add_argument("--large-runs", type=int, default=5)
    sh_.add_argument("--ast-grep")
    sh_.add_argument("--ast-grep-runs", type=int, default=5)
    sh_.add_argument("--markdown")
    args = ap.parse_args(argv)
    if args.cmd == "shared":
        return cmd_shared(args)
    if args.cmd == "score":
        return cmd_score(args)
    if args.cmd == "rss":
        if args.command and args.command[0] == "--":
            args.command = args.command[1:]
        return cmd_rss(args)
    if args.cmd == "time":
        if args.command and args.command[0] == "--":
            args.command = args.command[1:]
        return cmd_time(args)
    return cmd_report(args)


if __name__ == "__main__":
    sys.exit(main())
