#!/usr/bin/env python3
"""Helpers for bench/run.sh (Python 3 standard library only).

    bench_util.py time --name NAME --runs R --warmup W --export-json OUT -- COMMAND
        Time a shell command without hyperfine; writes hyperfine-shaped JSON.

    bench_util.py report --results DIR --markdown OUT [--baseline NAME] [--info KEY=VALUE ...]
        Read every *.json in DIR (hyperfine --export-json output, one or more commands each),
        print a table of medians with the ratio to the baseline, and write it as markdown.
"""

import argparse
import glob
import json
import os
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
    args = ap.parse_args(argv)
    if args.cmd == "time":
        if args.command and args.command[0] == "--":
            args.command = args.command[1:]
        return cmd_time(args)
    return cmd_report(args)


if __name__ == "__main__":
    sys.exit(main())
