#!/usr/bin/env python3
"""End-to-end oracle for the Python front end: migrate real programs and run them.

For each Chat Completions program in programs/:
  1. run it against the loopback stub (stub_server.py) and record its stdout and requests;
  2. copy it to a temporary folder and migrate the copy with
     `responsify check --fix --unsafe-fixes COPY` (exit 0 or 1 accepted), or with --self-check
     use the hand-migrated reference/ version instead;
  3. run the migrated copy against the same stub;
  4. check: identical stdout; the migrated run made no /v1/chat/completions request and at
     least one /v1/responses request; each of its requests means the same as the original's
     (the stub's API-neutral normal form: conversation, tools, tool choice, output limit,
     sampling, structured-output format, streaming, storage); and, with --validator, every
     /v1/responses body it sent validates against the official schema.

A Batch pipeline (a program folder that calls `batches.create`) is also run with only its
batch's endpoint switched to /v1/responses, and must fail there with the stub's (the Batch
API's) mismatched-endpoint error: a pipeline converts whole or it breaks. The lines a batch
runs are logged by the stub as requests to their endpoint, so they are compared and validated
like any other request.

With --residue, the half-migrated Responses programs of residue/ instead: each must fail
against the stub as it is (the stub answers Chat Completions shapes on /v1/responses with the
API's 400), its hand-written residue_reference/ version must run, and after
`responsify check --fix` it must print what the reference prints, with requests that mean the
same and validate. A program whose residue only an unsafe fix removes carries the comment
`# responsify e2e: --unsafe-fixes` and is fixed with `--unsafe-fixes` too.

Prints `PASS name` or `FAIL name: why` (with details) per program and a last line
`N passed, M failed`. Exit status 0 iff every program passed; 2 on a setup error.

The programs construct their clients plainly; the runner points them at the stub with
OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 and OPENAI_API_KEY=test. Nothing else is contacted.
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
REFERENCE = HERE / "reference"
RESIDUE = HERE / "residue"
RESIDUE_REFERENCE = HERE / "residue_reference"
STUB = HERE / "stub_server.py"
CHAT = "/v1/chat/completions"
RESPONSES = "/v1/responses"
RUN_TIMEOUT = 30
MIGRATE_TIMEOUT = 120
MAX_DETAIL_LINES = 80


class Stub:
    """The stub server as a child process, with its JSONL request log."""

    def __init__(self, workdir: Path):
        self.log = workdir / "requests.jsonl"
        self.log.touch()
        port_file = workdir / "port"
        env = dict(os.environ, STUB_LOG=str(self.log))
        self.proc = subprocess.Popen(
            [sys.executable, str(STUB), "--port", "0", "--port-file", str(port_file)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 15
        while not port_file.exists():
            if self.proc.poll() is not None:
                raise RuntimeError("stub server exited: %s" % self.proc.stderr.read())
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("stub server did not report its port within 15 s")
            time.sleep(0.05)
        self.port = int(port_file.read_text())

    def mark(self):
        return self.log.stat().st_size

    def entries_since(self, mark):
        with open(self.log, "rb") as f:
            f.seek(mark)
            return [json.loads(line) for line in f.read().decode("utf-8").splitlines() if line.strip()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def child_env(port):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OPENAI_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update({
        "OPENAI_BASE_URL": "http://127.0.0.1:%d/v1" % port,
        "OPENAI_API_KEY": "test",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
    })
    return env


def run(cmd, cwd, env, timeout):
    """(exit code or None on timeout, stdout, stderr)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return None, out, err


def tail(text, lines=25):
    rows = text.rstrip("\n").splitlines()
    if len(rows) > lines:
        rows = ["... (%d lines cut)" % (len(rows) - lines)] + rows[-lines:]
    return rows


def describe_exit(code, timeout=RUN_TIMEOUT):
    return "timed out after %d s" % timeout if code is None else "exit %d" % code


def canon(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def short(value, limit=300):
    text = canon(value)
    return text if len(text) <= limit else text[:limit] + "..."


def norm_differences(original, migrated):
    """Detail lines for requests whose normal forms differ (order-insensitive: async programs)."""
    rest_o = list(original)
    rest_m = []
    for n in migrated:
        if n in rest_o:
            rest_o.remove(n)
        else:
            rest_m.append(n)
    lines = []
    if len(original) != len(migrated):
        lines.append("original made %d model request(s), migrated made %d" % (len(original), len(migrated)))
    for i, (o, m) in enumerate(zip(rest_o, rest_m)):
        lines.append("request differs in meaning (unmatched pair %d):" % (i + 1))
        for key in sorted(set(o) | set(m)):
            if o.get(key) != m.get(key):
                if key == "messages":
                    lines.extend(message_differences(o.get(key) or [], m.get(key) or []))
                else:
                    lines.extend(value_differences(key, o.get(key), m.get(key)))
    for n in rest_o[len(rest_m):]:
        lines.append("no migrated request matches original request %s" % short(n.get("messages"), 200))
    for n in rest_m[len(rest_o):]:
        lines.append("extra migrated request %s" % short(n.get("messages"), 200))
    return lines


def value_differences(path, o, m):
    """The innermost differing fields, so that e.g. one tool's `strict` stands out."""
    if o == m:
        return []
    if isinstance(o, dict) and isinstance(m, dict):
        return [line for key in sorted(set(o) | set(m)) for line in value_differences("%s.%s" % (path, key), o.get(key), m.get(key))]
    if isinstance(o, list) and isinstance(m, list) and len(o) == len(m):
        return [line for i, (a, b) in enumerate(zip(o, m)) for line in value_differences("%s[%d]" % (path, i), a, b)]
    return ["  %s: original %s, migrated %s" % (path, short(o), short(m))]


def message_differences(o, m):
    lines = ["  messages (as the stub reads them: [role, text] / [call, name, args] / [result, call#, text]):"]
    for row in difflib.unified_diff([canon(x) for x in o], [canon(x) for x in m], "original", "migrated", lineterm="", n=1):
        lines.append("    " + row)
    return lines


class Runner:
    def __init__(self, args, stub, workdir):
        self.args = args
        self.stub = stub
        self.workdir = workdir
        self.env = child_env(stub.port)
        self.validator = None
        if args.validator:
            v = Path(args.validator)
            if v.is_file():
                self.validator = v
            else:
                print("note: validator %s not found; Responses bodies are not validated" % v)

    def check_validator(self):
        """A validator that cannot run (no jsonschema) would fail every program: stop early."""
        if not self.validator:
            return True
        probe = self.workdir / "probe.json"
        probe.write_text(json.dumps({"model": "gpt-4o-mini", "input": "hi", "store": False}))
        code, out, err = run([sys.executable, str(self.validator), str(probe)], self.workdir, None, 120)
        if code != 0:
            print("setup error: the validator rejects a minimal valid body or cannot run (%s):" % describe_exit(code, 120))
            print("\n".join("  " + r for r in tail(out + err)))
            return False
        return True

    def validate(self, bodies, where):
        if not self.validator or not bodies:
            return []
        files = []
        for i, body in enumerate(bodies):
            f = where / ("body_%02d.json" % i)
            f.write_text(json.dumps(body, indent=2, ensure_ascii=False))
            files.append(str(f))
        code, out, err = run([sys.executable, str(self.validator)] + files, where, None, 120)
        if code == 0:
            return []
        return ["validator (%s) on the migrated run's Responses bodies:" % describe_exit(code, 120)] + \
               ["  " + r for r in tail(out + err, 40)]

    def program(self, src: Path):
        """A program is one file, or a folder of modules run as `main.py` (a unit that spans
        files: a helper module and its importers)."""
        name = src.stem
        where = self.workdir / name
        where.mkdir()
        fails, details = [], []
        package = src.is_dir()
        original = where / "original"
        if package:
            # Run from a copy: the source folder stays free of __pycache__.
            shutil.copytree(src, original)
            entry = original / "main.py"
        else:
            entry = src

        mark = self.stub.mark()
        code, expected, err = run([sys.executable, str(entry)], where, self.env, RUN_TIMEOUT)
        before = self.stub.entries_since(mark)
        if code != 0:
            return ["original program failed (%s)" % describe_exit(code)], ["stderr:"] + tail(err)
        if not any(e["path"] == CHAT for e in before) or any(e["path"] == RESPONSES for e in before):
            return ["original program did not talk to Chat Completions only (a broken test program)"], []

        if package and any("batches.create" in p.read_text() for p in src.rglob("*.py")):
            half_fails, half_details = self.half_migrated_batch(src, where)
            if half_fails:
                return half_fails, half_details

        copy = where / ("migrated" if package else src.name)
        reference = Path(self.args.reference) / src.name
        if self.args.self_check and not reference.exists():
            return ["no reference version %s" % reference], []
        if package:
            shutil.copytree(reference if self.args.self_check else src, copy)
        else:
            shutil.copyfile(reference if self.args.self_check else src, copy)
        if not self.args.self_check:
            mcode, mout, merr = run([self.args.responsify, "check", "--fix", "--unsafe-fixes", str(copy)],
                                    where, None, MIGRATE_TIMEOUT)
            if mcode not in (0, 1):
                return ["responsify check --fix --unsafe-fixes failed (%s)" % describe_exit(mcode, MIGRATE_TIMEOUT)], \
                    tail(mout + merr, 40)
        files = sorted(p.relative_to(src) for p in src.rglob("*.py")) if package else [Path(src.name)]
        source_diff = []
        for rel in files:
            before_text = (src / rel if package else src).read_text().splitlines()
            after_text = (copy / rel if package else copy).read_text().splitlines()
            source_diff += difflib.unified_diff(before_text, after_text, "original/%s" % rel,
                                                "migrated/%s" % rel, lineterm="")
        if not source_diff:
            fails.append("the migration left the program unchanged")
        if package:
            copy = copy / "main.py"

        mark = self.stub.mark()
        code, got, err = run([sys.executable, str(copy)], where, self.env, RUN_TIMEOUT)
        after = self.stub.entries_since(mark)
        if code != 0:
            fails.append("migrated program failed (%s)" % describe_exit(code))
            details += ["stderr of the migrated program:"] + ["  " + r for r in tail(err)]

        if got != expected:
            fails.append("stdout differs")
            details += ["stdout diff (original -> migrated):"]
            details += ["  " + r for r in difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                                               "original", "migrated", lineterm="")]
        chat = [e for e in after if e["path"] == CHAT]
        responses = [e for e in after if e["path"] == RESPONSES and e.get("method", "POST") == "POST"]
        if chat:
            fails.append("migrated run still called %s (%d request(s))" % (CHAT, len(chat)))
        if not responses:
            fails.append("migrated run made no %s request" % RESPONSES)
        refused = [e for e in after if e.get("status") != 200]
        if refused:
            fails.append("the stub refused %d request(s)" % len(refused))
            details += ["requests the stub refused:"]
            details += ["  %s %s -> %s: %s" % (e.get("method"), e["path"], e.get("status"), short(e.get("body"), 200))
                        for e in refused]

        if responses and not chat:
            diff = norm_differences([e["norm"] for e in before if e["path"] == CHAT and e.get("norm")],
                                    [e["norm"] for e in responses if e.get("norm")])
            if diff:
                fails.append("requests differ in meaning from the original's")
                details += diff
        problems = self.validate([e["body"] for e in responses], where)
        if problems:
            fails.append("invalid Responses request body")
            details += problems
        if fails and source_diff and not self.args.self_check:
            details += ["migration diff:"] + ["  " + r for r in source_diff]
        return fails, details

    def half_migrated_batch(self, src: Path, where: Path):
        """A Batch pipeline with only its batch's endpoint switched to /v1/responses (its lines
        and readers left as they are) must fail against the stub, as it fails against the Batch
        API, which takes one endpoint for all of a batch's lines: otherwise the e2e run could not
        tell a pipeline migrated whole from one migrated in part."""
        half = where / "endpoint_only"
        shutil.copytree(src, half)
        switched = 0
        for path in half.rglob("*.py"):
            rows = path.read_text().splitlines(keepends=True)
            for i, row in enumerate(rows):
                if "endpoint=" in row and CHAT in row:
                    rows[i] = row.replace(CHAT, RESPONSES)
                    switched += 1
            path.write_text("".join(rows))
        if switched != 1:
            return ["a Batch program must create its batch with one `endpoint=%r` (found %d)" % (CHAT, switched)], []
        mark = self.stub.mark()
        code, _, err = run([sys.executable, str(half / "main.py")], where, self.env, RUN_TIMEOUT)
        self.stub.entries_since(mark)
        if code == 0:
            return ["the pipeline with only its batch's endpoint switched ran against the stub "
                    "(the stub must reject chat lines in a /v1/responses batch)"], []
        if "mismatched_endpoint" not in err:
            return ["the pipeline with only its batch's endpoint switched failed for another reason "
                    "than the batch's lines naming another endpoint"], ["stderr:"] + tail(err)
        return [], []

    def residue_program(self, src: Path):
        """A half-migrated program: it fails as it is, its hand-written Responses version in
        residue_reference/ runs, and after `responsify check --fix` it prints what that
        version prints, with requests that mean the same."""
        name = src.stem
        where = self.workdir / name
        where.mkdir()
        fails, details = [], []

        mark = self.stub.mark()
        code, _, err = run([sys.executable, str(src)], where, self.env, RUN_TIMEOUT)
        self.stub.entries_since(mark)
        if code == 0:
            return ["the half-migrated program ran without error (a broken test program)"], []

        reference = RESIDUE_REFERENCE / src.name
        mark = self.stub.mark()
        code, expected, rerr = run([sys.executable, str(reference)], where, self.env, RUN_TIMEOUT)
        wanted = self.stub.entries_since(mark)
        if code != 0 or any(e.get("status") != 200 for e in wanted):
            return ["the hand-written reference failed (%s)" % describe_exit(code)], ["stderr:"] + tail(rerr)

        copy = where / src.name
        shutil.copyfile(src, copy)
        # A program whose residue only an unsafe fix removes says so in a comment.
        unsafe = ["--unsafe-fixes"] if "# responsify e2e: --unsafe-fixes" in src.read_text() else []
        mcode, mout, merr = run([self.args.responsify, "check", "--fix", *unsafe, str(copy)], where, None,
                                MIGRATE_TIMEOUT)
        if mcode not in (0, 1):
            return ["responsify check --fix failed (%s)" % describe_exit(mcode, MIGRATE_TIMEOUT)], tail(mout + merr, 40)
        source_diff = list(difflib.unified_diff(src.read_text().splitlines(), copy.read_text().splitlines(),
                                                "original/" + src.name, "fixed/" + src.name, lineterm=""))
        mark = self.stub.mark()
        code, got, ferr = run([sys.executable, str(copy)], where, self.env, RUN_TIMEOUT)
        after = self.stub.entries_since(mark)
        if code != 0:
            fails.append("the fixed program failed (%s)" % describe_exit(code))
            details += ["its stderr:"] + ["  " + r for r in tail(ferr)]
        if got != expected:
            fails.append("stdout differs from the reference's")
            details += ["  " + r for r in difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                                               "reference", "fixed", lineterm="")]
        refused = [e for e in after if e.get("status") != 200]
        if refused:
            fails.append("the stub refused %d request(s)" % len(refused))
            details += ["  %s -> %s: %s" % (e["path"], e.get("status"), short(e.get("body"), 200)) for e in refused]
        responses = [e for e in after if e["path"] == RESPONSES and e.get("status") == 200]
        diff = norm_differences([e["norm"] for e in wanted if e.get("norm")],
                                [e["norm"] for e in responses if e.get("norm")])
        if diff:
            fails.append("requests differ in meaning from the reference's")
            details += diff
        problems = self.validate([e["body"] for e in responses], where)
        if problems:
            fails.append("invalid Responses request body")
            details += problems
        if fails:
            details += ["fix diff:"] + ["  " + r for r in source_diff]
        return fails, details

    def all(self):
        if self.args.residue:
            return self.report(sorted(RESIDUE.glob("*.py")), self.residue_program)
        return self.report(sorted(list(PROGRAMS.glob("*.py")) + [d for d in PROGRAMS.iterdir() if d.is_dir()]),
                           self.program)

    def report(self, programs, check):
        if self.args.only:
            programs = [p for p in programs if p.stem in self.args.only]
        passed = failed = 0
        for src in programs:
            try:
                fails, details = check(src)
            except Exception as e:  # a runner bug must still show up as a failure line
                fails, details = ["runner error: %r" % e], []
            if fails:
                failed += 1
                print("FAIL %s: %s" % (src.stem, "; ".join(fails)))
                if len(details) > MAX_DETAIL_LINES:
                    details = details[:MAX_DETAIL_LINES] + ["... (%d more lines)" % (len(details) - MAX_DETAIL_LINES)]
                for line in details:
                    print("    " + line)
            else:
                passed += 1
                print("PASS %s" % src.stem)
            sys.stdout.flush()
        print("%d passed, %d failed" % (passed, failed))
        return 0 if failed == 0 and passed > 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--responsify", required=True, help="path to the responsify binary")
    ap.add_argument("--self-check", action="store_true",
                    help="use the hand-migrated reference/ programs instead of running responsify")
    ap.add_argument("--validator", help="validate_request.py; every migrated /v1/responses body must pass it")
    ap.add_argument("--reference", default=str(REFERENCE), metavar="DIR",
                    help="with --self-check: the folder of migrated versions (default reference/)")
    ap.add_argument("--only", action="append", metavar="NAME", help="run only this program (repeatable)")
    ap.add_argument("--residue", action="store_true",
                    help="run the half-migrated programs of residue/ instead: each must fail as it is and, "
                         "after `responsify check --fix`, print what its residue_reference/ version prints")
    args = ap.parse_args()
    if not args.self_check:
        binary = Path(args.responsify)
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            print("setup error: responsify binary %s is not an executable file" % binary)
            return 2
        args.responsify = str(binary.resolve())

    with tempfile.TemporaryDirectory(prefix="responsify-e2e-py-") as tmp:
        workdir = Path(tmp)
        try:
            stub = Stub(workdir)
        except RuntimeError as e:
            print("setup error: %s" % e)
            return 2
        try:
            runner = Runner(args, stub, workdir)
            if not runner.check_validator():
                return 2
            return runner.all()
        finally:
            stub.stop()


if __name__ == "__main__":
    sys.exit(main())
