#!/usr/bin/env python3
"""End-to-end oracle for the TypeScript/JavaScript front end: migrate real programs and run them.

For each Chat Completions program in programs/ (.ts compiled with the oracle's tsc under
--strict; .mjs run as they are):
  1. compile and run it under node against the loopback stub (../python/stub_server.py, shared
     with the Python oracle) and record its stdout and requests;
  2. copy it and migrate the copy with `responsify check --fix --unsafe-fixes COPY`
     (exit 0 or 1 accepted);
  3. compile the migrated copy (it must type-check against the real `openai` package) and run it
     against the same stub;
  4. check: identical stdout; the migrated run made no /v1/chat/completions request and at
     least one /v1/responses request, none refused by the stub (which validates bodies);
     each request means the same as the original's (the stub's API-neutral normal form); with
     --validator, every /v1/responses body validates against the official schema.

A Batch pipeline (a program that calls `batches.create`) is also run with only its batch's
`endpoint` switched to /v1/responses, and must fail there with the stub's (the Batch API's)
mismatched-endpoint error: a pipeline converts whole or it breaks.

With --residue, the half-migrated Responses programs of residue/ instead: each must fail as it
is (tsc refuses it, or the stub answers its Chat Completions shapes with the API's 400), its
hand-written residue_reference/ version must run, and after `responsify check --fix` (with
--unsafe-fixes when the program has the line `// e2e: --unsafe-fixes`) it must print what the
reference prints, with requests that mean the same and validate.

Prints `PASS name` or `FAIL name: why` (with details) per program and a last line
`N passed, M failed`. Exit status 0 iff every program passed; 2 on a setup error.

The programs construct their clients plainly (`new OpenAI()`); the runner points them at the
stub with OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 and OPENAI_API_KEY=test. Nothing else is
contacted. The work folder is a temporary folder outside the source tree with a
`node_modules` link to oracle/node_modules, so that `openai` and `zod` resolve from there.
"""
import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The stub server, and the runner's handle on it, are the Python oracle's: one stub for both.
sys.path.insert(0, str(HERE.parent / "python"))
from run_e2e import Stub  # noqa: E402
ROOT = HERE.parent.parent.parent
PROGRAMS = HERE / "programs"
RESIDUE = HERE / "residue"
RESIDUE_REFERENCE = HERE / "residue_reference"
ORACLE = ROOT / "oracle"
TSC = ORACLE / "node_modules" / "typescript" / "lib" / "tsc.js"
CHAT = "/v1/chat/completions"
RESPONSES = "/v1/responses"
# A residue program with this line is fixed with `--fix --unsafe-fixes` (its fix is unsafe).
UNSAFE_MARK = "// e2e: --unsafe-fixes"
RUN_TIMEOUT = 60
TSC_TIMEOUT = 180


def run(cmd, cwd, env=None, timeout=RUN_TIMEOUT):
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or "", e.stderr or ""


def tail(text, lines=30):
    rows = text.rstrip("\n").splitlines()
    return rows[-lines:]


def child_env(port):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OPENAI_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    env.update({
        "OPENAI_BASE_URL": "http://127.0.0.1:%d/v1" % port,
        "OPENAI_API_KEY": "test",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "NODE_NO_WARNINGS": "1",
    })
    return env


def compile_and_locate(src: Path, out: Path):
    """(path of the JavaScript to run, error lines): .ts goes through tsc --strict."""
    if src.suffix in (".mjs", ".js"):
        return src, []
    code, stdout, stderr = run(
        ["node", str(TSC), "--strict", "--target", "es2022", "--module", "nodenext",
         "--moduleResolution", "nodenext", "--skipLibCheck", "--types", "node",
         "--outDir", str(out), str(src)],
        src.parent, timeout=TSC_TIMEOUT)
    if code != 0:
        return None, ["tsc (%s):" % ("timed out" if code is None else "exit %d" % code)] + \
            ["  " + r for r in tail(stdout + stderr)]
    return out / (src.stem + ".js"), []


def canon(v):
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


class Runner:
    def __init__(self, args, stub, workdir):
        self.args = args
        self.stub = stub
        self.workdir = workdir
        self.env = child_env(stub.port)

    def validate(self, bodies, where):
        if not self.args.validator or not bodies:
            return []
        files = []
        for i, body in enumerate(bodies):
            f = where / ("body_%02d.json" % i)
            f.write_text(json.dumps(body, indent=2, ensure_ascii=False))
            files.append(str(f))
        code, out, err = run([sys.executable, self.args.validator] + files, where, timeout=120)
        if code == 0:
            return []
        return ["validator on the migrated run's Responses bodies:"] + ["  " + r for r in tail(out + err, 40)]

    def execute(self, src: Path, where: Path):
        """(exit code, stdout, stderr, requests) of one program."""
        js, problems = compile_and_locate(src, where / "out")
        if js is None:
            return None, "", "\n".join(problems), []
        mark = self.stub.mark()
        code, out, err = run(["node", str(js)], where, self.env)
        return code, out, err, self.stub.entries_since(mark)

    def program(self, src: Path):
        name = src.stem
        fails, details = [], []
        original = self.workdir / name / "original"
        migrated = self.workdir / name / "migrated"
        original.mkdir(parents=True)
        migrated.mkdir(parents=True)
        shutil.copyfile(src, original / src.name)
        code, expected, err, before = self.execute(original / src.name, original)
        if code != 0:
            return ["original program failed"], tail(err)
        if not any(e["path"] == CHAT for e in before) or any(e["path"] == RESPONSES for e in before):
            return ["original program did not talk to Chat Completions only (a broken test program)"], []

        if "batches.create" in src.read_text():
            half = self.workdir / name / "endpoint_only"
            half.mkdir(parents=True)
            rows = src.read_text().splitlines(keepends=True)
            switched = [i for i, row in enumerate(rows) if "endpoint:" in row and CHAT in row]
            if len(switched) != 1:
                return ["a Batch program must create its batch with one `endpoint: %r`" % CHAT], []
            rows[switched[0]] = rows[switched[0]].replace(CHAT, RESPONSES)
            (half / src.name).write_text("".join(rows))
            # Only the batch's endpoint switched: the Batch API (and the stub) refuse its lines.
            hcode, _, herr, _ = self.execute(half / src.name, half)
            if hcode == 0:
                return ["the pipeline with only its batch's endpoint switched ran against the stub"], []
            if "mismatched_endpoint" not in herr:
                return ["the pipeline with only its batch's endpoint switched failed for another reason"], tail(herr)

        copy = migrated / src.name
        shutil.copyfile(src, copy)
        mcode, mout, merr = run([self.args.responsify, "check", "--fix", "--unsafe-fixes", str(copy)],
                                migrated, timeout=120)
        if mcode not in (0, 1):
            return ["responsify check --fix --unsafe-fixes failed (exit %s)" % mcode], tail(mout + merr)
        source_diff = list(difflib.unified_diff(src.read_text().splitlines(), copy.read_text().splitlines(),
                                                "original/" + src.name, "migrated/" + src.name, lineterm=""))
        if not source_diff:
            fails.append("the migration left the program unchanged")

        code, got, err, after = self.execute(copy, migrated)
        if code != 0:
            fails.append("migrated program failed to compile or run")
            details += ["  " + r for r in tail(err)]
        if got != expected:
            fails.append("stdout differs")
            details += ["stdout diff (original -> migrated):"]
            details += ["  " + r for r in difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                                               "original", "migrated", lineterm="")]
        chat = [e for e in after if e["path"] == CHAT]
        responses = [e for e in after if e["path"] == RESPONSES and e.get("method", "POST") == "POST"]
        if chat:
            fails.append("migrated run still called %s (%d request(s))" % (CHAT, len(chat)))
        if not responses and code == 0:
            fails.append("migrated run made no %s request" % RESPONSES)
        refused = [e for e in after if e.get("status") != 200]
        if refused:
            fails.append("the stub refused %d request(s)" % len(refused))
            details += ["  %s %s -> %s: %s" % (e.get("method"), e["path"], e.get("status"),
                                               canon(e.get("body"))[:300]) for e in refused]
        if responses and not chat:
            want = sorted(canon(e["norm"]) for e in before if e["path"] == CHAT and e.get("norm"))
            have = sorted(canon(e["norm"]) for e in responses if e.get("norm"))
            if want != have:
                fails.append("requests differ in meaning from the original's")
                details += ["  original: " + w[:400] for w in want if w not in have]
                details += ["  migrated: " + h[:400] for h in have if h not in want]
        problems = self.validate([e["body"] for e in responses], migrated)
        if problems:
            fails.append("invalid Responses request body")
            details += problems
        if fails and source_diff:
            details += ["migration diff:"] + ["  " + r for r in source_diff]
        return fails, details

    def residue_program(self, src: Path):
        """A half-migrated program: it fails as it is (tsc refuses it, or the stub answers its
        Chat Completions shapes with the API's 400), its hand-written version in
        residue_reference/ runs, and after `responsify check --fix` it prints what that version
        prints, with requests that mean the same."""
        name = src.stem
        fails, details = [], []
        dirs = {k: self.workdir / name / k for k in ("original", "reference", "fixed")}
        for d in dirs.values():
            d.mkdir(parents=True)
        shutil.copyfile(src, dirs["original"] / src.name)
        code, _, _, _ = self.execute(dirs["original"] / src.name, dirs["original"])
        if code == 0:
            return ["the half-migrated program ran without error (a broken test program)"], []
        shutil.copyfile(RESIDUE_REFERENCE / src.name, dirs["reference"] / src.name)
        code, expected, err, wanted = self.execute(dirs["reference"] / src.name, dirs["reference"])
        if code != 0 or any(e.get("status") != 200 for e in wanted):
            return ["the hand-written reference failed"], tail(err)
        copy = dirs["fixed"] / src.name
        shutil.copyfile(src, copy)
        # A program whose fix is unsafe by design says so on a line of its own.
        fix = ["--fix", "--unsafe-fixes"] if UNSAFE_MARK in src.read_text().splitlines() else ["--fix"]
        mcode, mout, merr = run([self.args.responsify, "check"] + fix + [str(copy)], dirs["fixed"], timeout=120)
        if mcode not in (0, 1):
            return ["responsify check %s failed (exit %s)" % (" ".join(fix), mcode)], tail(mout + merr)
        source_diff = list(difflib.unified_diff(src.read_text().splitlines(), copy.read_text().splitlines(),
                                                "original/" + src.name, "fixed/" + src.name, lineterm=""))
        code, got, err, after = self.execute(copy, dirs["fixed"])
        if code != 0:
            fails.append("the fixed program failed to compile or run")
            details += ["  " + r for r in tail(err)]
        if got != expected:
            fails.append("stdout differs from the reference's")
            details += ["  " + r for r in difflib.unified_diff(expected.splitlines(), got.splitlines(),
                                                               "reference", "fixed", lineterm="")]
        refused = [e for e in after if e.get("status") != 200]
        if refused:
            fails.append("the stub refused %d request(s)" % len(refused))
            details += ["  %s -> %s: %s" % (e["path"], e.get("status"), canon(e.get("body"))[:300]) for e in refused]
        responses = [e for e in after if e["path"] == RESPONSES and e.get("status") == 200]
        want = sorted(canon(e["norm"]) for e in wanted if e.get("norm"))
        have = sorted(canon(e["norm"]) for e in responses if e.get("norm"))
        if want != have:
            fails.append("requests differ in meaning from the reference's")
            details += ["  reference: " + w[:400] for w in want if w not in have]
            details += ["  fixed: " + h[:400] for h in have if h not in want]
        problems = self.validate([e["body"] for e in responses], dirs["fixed"])
        if problems:
            fails.append("invalid Responses request body")
            details += problems
        if fails:
            details += ["fix diff:"] + ["  " + r for r in source_diff]
        return fails, details

    def all(self):
        source = RESIDUE if self.args.residue else PROGRAMS
        check = self.residue_program if self.args.residue else self.program
        programs = sorted(p for p in source.iterdir() if p.suffix in (".ts", ".mts", ".mjs", ".js"))
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
                for line in details[:80]:
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
    ap.add_argument("--validator", help="validate_request.py; every migrated /v1/responses body must pass it")
    ap.add_argument("--only", action="append", metavar="NAME", help="run only this program (repeatable)")
    ap.add_argument("--residue", action="store_true",
                    help="run the half-migrated Responses programs of residue/ instead: each must fail as it "
                         "is and, after `responsify check --fix`, print what its residue_reference/ version prints")
    args = ap.parse_args()
    binary = Path(args.responsify)
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print("setup error: responsify binary %s is not an executable file" % binary)
        return 2
    args.responsify = str(binary.resolve())
    if args.validator:
        args.validator = str(Path(args.validator).resolve())
    for need in (TSC, ORACLE / "node_modules" / "openai", ORACLE / "node_modules" / "zod",
                 ORACLE / "node_modules" / "@types" / "node"):
        if not need.exists():
            print("setup error: %s is missing (npm ci --prefix oracle)" % need)
            return 2
    # Outside the source tree; the oracle's packages resolve through a link to them.
    workdir = Path(tempfile.mkdtemp(prefix="responsify-e2e-node-"))
    try:
        (workdir / "node_modules").symlink_to(ORACLE / "node_modules", target_is_directory=True)
        (workdir / "package.json").write_text('{"type": "module", "private": true}\n')
        try:
            stub = Stub(workdir)
        except RuntimeError as e:
            print("setup error: %s" % e)
            return 2
        try:
            return Runner(args, stub, workdir).all()
        finally:
            stub.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
