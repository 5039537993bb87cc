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
    args = ap.parse_args(argv)
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
