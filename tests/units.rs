//! Units beyond one function, through the binary: a result a helper returns is followed into
//! its callers in the file, and the run's other files decide whether that is all of them.

mod common;

use common::repo;
use std::fs;

const HELPER: &str = r#"from openai import OpenAI

client = OpenAI()


def ask(question):
    return client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": question}],
    )


def answer(question):
    completion = ask(question)
    return completion.choices[0].message.content


print(answer("Capital of France?"))
print(ask("Capital of Spain?").usage.prompt_tokens)
"#;

fn check(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String) {
    let out = common::bin()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--output-format", "concise"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    // What it printed, then what it said on stderr (warnings about fixes held back).
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn a_helpers_callers_in_its_file_migrate_with_the_call() {
    let dir = repo(&[("app.py", HELPER)]);
    let (code, out) = check(&dir, &["--fix"]);
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(fixed.contains("client.responses.create("), "{fixed}");
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
    assert!(
        fixed.contains(r#"ask("Capital of Spain?").usage.input_tokens"#),
        "{fixed}"
    );
    assert!(!fixed.contains("choices"), "{fixed}");
    assert_eq!(code, 0, "{out}");
    // Converged: a second run has nothing left.
    let (again, out) = check(&dir, &["--fix"]);
    assert_eq!(again, 0, "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        fixed
    );
}

#[test]
fn a_caller_in_another_file_migrates_with_the_helper() {
    let caller = "from app import ask\n\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("tools/use_it.py", caller)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        fs::read_to_string(dir.path().join("tools/use_it.py")).unwrap(),
        "from app import ask\n\nprint(ask('hi').output_text)\n"
    );
    assert!(fs::read_to_string(dir.path().join("app.py"))
        .unwrap()
        .contains("client.responses.create("));
}

#[test]
fn a_caller_in_another_file_that_cannot_be_fixed_keeps_every_file_as_it_was() {
    // The reads parse, but the import is shadowed: the unit's sight ends there.
    let caller =
        "from app import ask\n\nask = print\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("tools/use_it.py", caller)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`ask` hands the result to callers in tools/use_it.py, where `ask` is imported, and the name is bound again in the file"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        HELPER
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tools/use_it.py")).unwrap(),
        caller
    );
}

#[test]
fn a_read_only_caller_holds_back_the_helpers_fix() {
    let caller = "from app import ask\n\nprint(ask('hi').choices[0].message.content)\n";
    let dir = repo(&[("app.py", HELPER), ("use_it.py", caller)]);
    let path = dir.path().join("use_it.py");
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let out = common::bin()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--fix", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("not fixed: the fix also edits use_it.py, which is read-only"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app.py")).unwrap(),
        HELPER
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), caller);
}

/// Each folder of `testdata/projects` is a small repository: its findings and the diff of
/// `--fix --unsafe-fixes` (every file it changes) are snapshotted; the fix converges in one
/// run; a `decoy-*` project keeps every byte, and its finding names where sight is lost.
#[test]
fn project_fixtures() {
    let root = common::testdata().join("projects");
    for project in common::sorted_entries(&root) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&project, dir.path());
        let before = tree_text(dir.path());
        // The full format, for the help that names the other files a fix edits.
        let full = common::bin()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--output-format", "full", "."])
            .output()
            .unwrap();
        let findings = String::from_utf8_lossy(&full.stdout).into_owned();
        let (_, diff) = check(&dir, &["--diff", "--unsafe-fixes"]);
        insta::with_settings!({ snapshot_path => "snapshots/projects", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name.clone(), format!("# check\n{findings}\n# check --diff --unsafe-fixes\n{diff}"));
        });
        let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
        if name.starts_with("decoy-") {
            // A request left alone on purpose (another server's) is a note, which never
            // fails a run: its message says why.
            let noted = findings.contains(": left as it is");
            assert!(code == 1 || code == 0 && noted, "{name}: {out}");
            assert!(
                out.contains("cannot see all of this request")
                    || out.contains("not fixed: ")
                    || out.contains("upgrade the SDK first")
                    || noted,
                "{name}: the finding or the warning says why: {out}"
            );
            assert_eq!(
                tree_text(dir.path()),
                before,
                "{name}: a decoy keeps every byte"
            );
        } else {
            assert_eq!(code, 0, "{name}: {out}");
            assert_ne!(tree_text(dir.path()), before, "{name}");
            let (_, again) = check(&dir, &["--diff", "--unsafe-fixes"]);
            assert!(
                !again.contains("---"),
                "{name}: a second run changes nothing: {again}"
            );
        }
    }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file of the tree with its text, in order.
fn tree_text(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    for entry in common::sorted_entries(dir) {
        if entry.is_dir() {
            out.extend(tree_text(&entry));
        } else {
            out.push((
                entry.clone(),
                fs::read_to_string(&entry).unwrap_or_default(),
            ));
        }
    }
    out
}

#[test]
fn a_public_helper_of_a_package_is_an_unsafe_fix() {
    let dir = repo(&[("pkg/__init__.py", ""), ("pkg/app.py", HELPER)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("`ask` is public in a package"),
        "the caveat is named: {out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("pkg/app.py")).unwrap(),
        HELPER
    );
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("pkg/app.py")).unwrap();
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
}

#[test]
fn a_helper_read_from_stdin_keeps_its_callers_out_of_sight() {
    // No run, no other files in view: the result handed on stays out of sight.
    let out = common::bin()
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "--stdin-filename",
            "app.py",
            "-",
        ])
        .write_stdin(HELPER)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("`ask` hands the result to callers, and other files are not in view"),
        "{text}"
    );
}

#[test]
fn only_a_python_file_naming_the_helper_and_its_module_can_call_it() {
    // Another module with its own `ask`, a notebook and a document that name it: none of
    // them imports `app`.
    let other = "def ask(q):\n    return q\n";
    let notebook = r#"{"cells": [{"cell_type": "code", "source": ["ask('x')"], "metadata": {}, "outputs": [], "execution_count": null}], "metadata": {"kernelspec": {"name": "python3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}"#;
    let dir = repo(&[
        ("app.py", HELPER),
        ("other.py", other),
        ("notes.ipynb", notebook),
        ("README.md", "Call `ask` from app.py.\n"),
    ]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(fixed.contains("return completion.output_text"), "{fixed}");
    assert_eq!(
        fs::read_to_string(dir.path().join("other.py")).unwrap(),
        other
    );
}

#[test]
fn a_module_level_value_another_module_imports_is_not_rewritten_under_it() {
    let app = r#"from openai import OpenAI

client = OpenAI()
TOOLS = [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object", "properties": {}}}}]

reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], tools=TOOLS)
for call in reply.choices[0].message.tool_calls or []:
    print(call.function.name)
"#;
    // Another module sends the same list to its own Chat Completions call.
    let other = "from openai import OpenAI\nfrom app import TOOLS\n\nOpenAI().chat.completions.create(model='m', messages=[], tools=TOOLS)\n";
    let dir = repo(&[("app.py", app), ("other.py", other)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the fix rewrites `TOOLS`, and other.py:2 names it too"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(dir.path().join("app.py")).unwrap(), app);
    // Alone, the same file migrates with its list.
    let dir = repo(&[("app.py", app)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("app.py")).unwrap();
    assert!(
        fixed.contains(r#""name": "weather""#) && !fixed.contains(r#""function": {"#),
        "{fixed}"
    );
}

/// The Python projects with tests of their own (`py-tests-*`) pass them before and after
/// `check --fix --unsafe-fixes`, under the real `openai` package: a test that stubs the
/// chat method moved with the code it tests, and still tests it. No network: the client
/// points at a closed loopback port, so a call that escaped its stub fails.
#[test]
fn python_projects_pass_their_tests_before_and_after_the_fix() {
    let _oracle = common::oracle("python -m unittest (Python projects with tests)");
    let has_openai = std::process::Command::new("python3")
        .args(["-c", "import openai"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_openai {
        return common::skip(
            "the Python project tests",
            "python3 with the openai package is not installed",
        );
    }
    let unittest = |dir: &std::path::Path| {
        let run = std::process::Command::new("python3")
            .args(["-m", "unittest", "-v"])
            .current_dir(dir)
            .env("OPENAI_API_KEY", "test")
            .env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .unwrap();
        (
            run.status.success(),
            String::from_utf8_lossy(&run.stderr).into_owned(),
        )
    };
    let root = common::testdata().join("projects");
    let mut ran = 0;
    for project in common::sorted_entries(&root) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("py-tests-") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&project, dir.path());
        let (passed, out) = unittest(dir.path());
        assert!(passed, "{name}: the tests fail before the fix:\n{out}");
        let tests = out.matches(" ... ok").count();
        let (code, fixed) = check(&dir, &["--fix", "--unsafe-fixes"]);
        assert_eq!(code, 0, "{name}: {fixed}");
        let (passed, after) = unittest(dir.path());
        assert!(passed, "{name}: the tests fail after the fix:\n{after}");
        assert_eq!(after.matches(" ... ok").count(), tests, "{name}: {after}");
        ran += 1;
    }
    assert!(ran > 0, "no Python project ran its tests");
}

/// The TypeScript projects, fixed, type-check under `tsc --strict` against the `openai` npm
/// package (oracle/node_modules, from ci/node-e2e.sh): the importers' reads are the
/// Responses SDK's, not merely text that looks right.
#[test]
fn typescript_projects_type_check_once_fixed() {
    let _oracle = common::oracle("tsc --strict (multi-file TypeScript projects)");
    let modules = common::root().join("oracle").join("node_modules");
    for needed in ["openai", "typescript"] {
        if !modules.join(needed).is_dir() {
            return common::skip(
                "the TypeScript project type check",
                &format!("oracle/node_modules/{needed} is missing (ci/node-e2e.sh)"),
            );
        }
    }
    if std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_err()
    {
        return common::skip("the TypeScript project type check", "node is not installed");
    }
    let root = common::testdata().join("projects");
    let mut checked = 0;
    for project in common::sorted_entries(&root) {
        let name = project.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("ts-") {
            continue;
        }
        let dir = tempfile::Builder::new()
            .prefix("tsc-project-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        copy_tree(&project, dir.path());
        let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
        assert_eq!(code, 0, "{name}: {out}");
        std::os::unix::fs::symlink(&modules, dir.path().join("node_modules")).unwrap();
        fs::write(
            dir.path().join("tsconfig.json"),
            r#"{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022",
                "module": "esnext", "moduleResolution": "bundler", "skipLibCheck": true},
                "include": ["src"]}"#,
        )
        .unwrap();
        let tsc = modules.join("typescript").join("lib").join("tsc.js");
        let run = std::process::Command::new("node")
            .arg(tsc)
            .args(["-p", "tsconfig.json", "--pretty", "false"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{name}: the fixed project does not type-check:\n{}",
            String::from_utf8_lossy(&run.stdout)
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "no TypeScript project fixture was type-checked"
    );
}

/// A test that patches the chat method of `app/llm.py`, asserts on its arguments and feeds
/// it a fake reply: it moves with the call, or not at all.
const STUBBING_TEST: &str = r#"from unittest import mock

from app import llm


@mock.patch("app.llm.client.chat.completions.create")
def test_ask(create):
    create.return_value = mock.MagicMock(
        choices=[mock.MagicMock(message=mock.MagicMock(content="Paris"))]
    )
    assert llm.ask("Capital of France?") == "Paris"
    create.assert_called_once_with(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": "Capital of France?"}],
        n=1,
    )
"#;

fn stubbed_module(client: &str, extra: &str) -> String {
    format!(
        r#"from openai import OpenAI

client = {client}


def ask(question):
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{{"role": "user", "content": question}}],
        n=1,{extra}
    )
    return completion.choices[0].message.content
"#
    )
}

#[test]
fn a_test_moves_with_the_call_it_stubs() {
    let dir = repo(&[
        ("app/llm.py", &stubbed_module("OpenAI()", "")),
        ("tests/test_llm.py", STUBBING_TEST),
    ]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    let test = fs::read_to_string(dir.path().join("tests/test_llm.py")).unwrap();
    assert!(
        test.contains(r#"mock.patch("app.llm.client.responses.create")"#),
        "{test}"
    );
    assert!(
        test.contains(r#"mock.MagicMock(output_text="Paris")"#),
        "{test}"
    );
    // The asserted arguments are what the call now sends: `n=1` removed as it is there.
    assert!(test.contains("input=[") && !test.contains("n=1"), "{test}");
    let module = fs::read_to_string(dir.path().join("app/llm.py")).unwrap();
    assert!(
        !module.contains("n=1") && module.contains("input=["),
        "{module}"
    );
}

#[test]
fn a_test_of_a_module_that_keeps_calling_chat_is_left_as_it_is() {
    // Another provider's client: the module is left alone, and so is its test.
    let groq = stubbed_module(r#"OpenAI(base_url="https://api.groq.com/openai/v1")"#, "");
    // A fix held back by a parameter with no equivalent: the test waits for it.
    let held = stubbed_module("OpenAI()", "\n        stop=[\"\\n\"],");
    for module in [groq, held] {
        let dir = repo(&[
            ("app/llm.py", &module),
            ("tests/test_llm.py", STUBBING_TEST),
        ]);
        check(&dir, &["--fix", "--unsafe-fixes"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("tests/test_llm.py")).unwrap(),
            STUBBING_TEST
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("app/llm.py")).unwrap(),
            module
        );
    }
}

#[test]
fn a_stub_made_by_code_keeps_every_file_as_it_was() {
    // A fake made by a function the stub calls: what it returns is not a literal to rewrite.
    let python = STUBBING_TEST.replace(
        "create.return_value = mock.MagicMock(\n        choices=[mock.MagicMock(message=mock.MagicMock(content=\"Paris\"))]\n    )",
        "create.side_effect = lambda **kwargs: mock.MagicMock(\n        choices=[mock.MagicMock(message=mock.MagicMock(content=\"Paris\"))]\n    )",
    );
    assert_ne!(python, STUBBING_TEST);
    let module = stubbed_module("OpenAI()", "");
    let dir = repo(&[("app/llm.py", &module), ("tests/test_llm.py", &python)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("tests/test_llm.py:8 "),
        "the finding names the line: {out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tests/test_llm.py")).unwrap(),
        python
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app/llm.py")).unwrap(),
        module
    );
    // The same in TypeScript: `mockImplementation` on a spy of the exported client.
    let module = "import OpenAI from \"openai\";\n\nexport const client = new OpenAI();\n\nexport async function ask(q: string) {\n  const r = await client.chat.completions.create({\n    model: \"gpt-4o-mini\",\n    messages: [{ role: \"user\", content: q }],\n  });\n  return r.choices[0].message.content;\n}\n";
    let test = "import { expect, it, vi } from \"vitest\";\nimport { ask, client } from \"../src/llm\";\n\nit(\"asks\", async () => {\n  vi.spyOn(client.chat.completions, \"create\").mockImplementation(\n    async () => ({ choices: [{ message: { content: \"Paris\" } }] }) as never,\n  );\n  expect(await ask(\"Capital of France?\")).toBe(\"Paris\");\n});\n";
    let dir = repo(&[("src/llm.ts", module), ("test/llm.test.ts", test)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("test/llm.test.ts:5 `mockImplementation` on the spy"),
        "the finding names the line: {out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("test/llm.test.ts")).unwrap(),
        test
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("src/llm.ts")).unwrap(),
        module
    );
}

#[test]
fn asserted_arguments_follow_the_system_message_into_instructions() {
    let module = r#"from openai import OpenAI

client = OpenAI()


def summarize(text):
    resp = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": text},
        ],
    )
    return resp.choices[0].message.content
"#;
    let test = r#"from unittest import mock

from app import summarize


@mock.patch("app.summarize.client.chat.completions.create")
def test_summarize(create):
    summarize.summarize("long")
    create.assert_called_once_with(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "long"},
        ],
    )
"#;
    let dir = repo(&[
        ("app/summarize.py", module),
        ("tests/test_summarize.py", test),
    ]);
    let (code, out) = check(&dir, &["--select", "ALL", "--fix", "--unsafe-fixes"]);
    assert!(code == 0 || code == 1, "{out}");
    let fixed = fs::read_to_string(dir.path().join("app/summarize.py")).unwrap();
    assert!(fixed.contains(r#"instructions="Be brief.""#), "{fixed}");
    let fixed = fs::read_to_string(dir.path().join("tests/test_summarize.py")).unwrap();
    assert!(
        fixed.contains(r#"instructions="Be brief.""#) && !fixed.contains(r#""role": "system""#),
        "the asserted request is what the call now sends: {fixed}"
    );
    // A key read off the recorded call whose value the fix reshapes: sight is lost.
    let reads = test.replace(
        "    create.assert_called_once_with(",
        "    assert create.call_args.kwargs[\"messages\"][1][\"content\"] == \"long\"\n    create.assert_called_once_with(",
    );
    let dir = repo(&[
        ("app/summarize.py", module),
        ("tests/test_summarize.py", &reads),
    ]);
    let (code, out) = check(&dir, &["--select", "ALL", "--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("tests/test_summarize.py:9 `messages` is read here"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tests/test_summarize.py")).unwrap(),
        reads
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app/summarize.py")).unwrap(),
        module
    );
}

#[test]
fn a_stub_kept_on_the_test_case_moves_unless_it_is_handed_on() {
    let test = r#"import unittest
from unittest import mock

from app import llm


class AskTest(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch("app.llm.client.chat.completions.create")
        self.create = patcher.start()
        self.addCleanup(patcher.stop)

    def test_ask(self):
        self.create.return_value = mock.MagicMock(
            choices=[mock.MagicMock(message=mock.MagicMock(content="Paris"))]
        )
        self.assertEqual(llm.ask("Capital of France?"), "Paris")
"#;
    let module = stubbed_module("OpenAI()", "");
    let dir = repo(&[("app/llm.py", &module), ("tests/test_llm.py", test)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("tests/test_llm.py")).unwrap();
    assert!(
        fixed.contains(r#"mock.patch("app.llm.client.responses.create")"#)
            && fixed.contains(r#"self.create.return_value = mock.MagicMock(output_text="Paris")"#),
        "{fixed}"
    );
    // Handed to a helper the test defines: what it does with the stub is not followed.
    let handed = format!("{test}        check(self.create)\n");
    let dir = repo(&[("app/llm.py", &module), ("tests/test_llm.py", &handed)]);
    let (code, out) = check(&dir, &["--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("tests/test_llm.py:18 the stub is used"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tests/test_llm.py")).unwrap(),
        handed
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("app/llm.py")).unwrap(),
        module
    );
}

/// A Batch pipeline is written whole or not at all: when its `.jsonl` file cannot be written
/// (read-only), neither the `batches.create` nor the reader of its output changes.
#[test]
fn a_read_only_batch_file_holds_back_its_pipeline() {
    let submit = r#"from openai import OpenAI

from results import print_replies

client = OpenAI()
upload = client.files.create(file=open("batch.jsonl", "rb"), purpose="batch")
batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h")
batch = client.batches.retrieve(batch.id)
print_replies(client.files.content(batch.output_file_id).text)
"#;
    let results = r#"import json


def print_replies(content):
    for raw in content.splitlines():
        line = json.loads(raw)
        print(line["custom_id"], line["response"]["body"]["choices"][0]["message"]["content"])
"#;
    let lines = concat!(
        r#"{"custom_id": "1", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}}"#,
        "\n"
    );
    let dir = repo(&[
        ("submit.py", submit),
        ("results.py", results),
        ("batch.jsonl", lines),
    ]);
    let path = dir.path().join("batch.jsonl");
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains("not fixed: the fix also edits batch.jsonl, which is read-only"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("submit.py")).unwrap(),
        submit
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("results.py")).unwrap(),
        results
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), lines);
    // Writable, the three files convert together, and a second run has nothing left.
    let mut perms = fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&path, perms).unwrap();
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    assert!(fs::read_to_string(dir.path().join("submit.py"))
        .unwrap()
        .contains(r#"endpoint="/v1/responses""#));
    assert!(fs::read_to_string(&path)
        .unwrap()
        .contains(r#""url": "/v1/responses""#));
    assert!(!fs::read_to_string(dir.path().join("results.py"))
        .unwrap()
        .contains("choices"));
}

/// A Rust helper in `src/llm.rs` that returns the chat response to its callers.
const RUST_HELPER: &str = r#"use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs,
    CreateChatCompletionResponse,
};
use async_openai::Client;

pub async fn ask(question: &str) -> Result<CreateChatCompletionResponse, OpenAIError> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-5-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content(question)
            .build()?
            .into()])
        .build()?;
    let response = client.chat().create(request).await?;
    Ok(response)
}
"#;

const RUST_MANIFEST: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nasync-openai = { version = \"0.43\", features = [\"chat-completion\", \"responses\"] }\n";

/// A crate with the helper in `src/llm.rs` and the other files given.
fn rust_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let mut all = vec![("Cargo.toml", RUST_MANIFEST), ("src/llm.rs", RUST_HELPER)];
    all.extend_from_slice(files);
    repo(&all)
}

#[test]
fn a_rust_helpers_callers_in_other_modules_migrate_with_the_call() {
    // The caller sits in an inline module of `main.rs` and reaches the helper by `super::`.
    let main = "mod llm;\nmod cli;\n\nfn main() {}\n\nmod tests {\n    use super::llm::ask;\n\n    pub async fn run() {\n        let reply = ask(\"hi\").await.unwrap();\n        println!(\"{:?}\", reply.choices[0].message.content);\n    }\n}\n";
    let cli = "use crate::llm::ask as question;\n\npub async fn run() {\n    if let Ok(reply) = question(\"hi\").await {\n        println!(\"{:?}\", reply.choices[0].message.content);\n    }\n}\n";
    let dir = rust_crate(&[("src/main.rs", main), ("src/cli.rs", cli)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let helper = fs::read_to_string(dir.path().join("src/llm.rs")).unwrap();
    assert!(
        helper.contains("-> Result<responses::Response, OpenAIError>"),
        "{helper}"
    );
    for file in ["src/main.rs", "src/cli.rs"] {
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.contains("reply.output_text()"), "{file}: {text}");
        assert!(!text.contains("choices"), "{file}: {text}");
    }
}

/// Run `check --fix --unsafe-fixes` on the crate and assert it keeps every file, saying
/// `why` (which names the line where sight is lost).
fn held_back(dir: &tempfile::TempDir, why: &str) {
    let before: Vec<String> = ["src/llm.rs", "src/main.rs"]
        .iter()
        .map(|f| fs::read_to_string(dir.path().join(f)).unwrap_or_default())
        .collect();
    let (code, out) = check(dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(why), "expected `{why}` in: {out}");
    let after: Vec<String> = ["src/llm.rs", "src/main.rs"]
        .iter()
        .map(|f| fs::read_to_string(dir.path().join(f)).unwrap_or_default())
        .collect();
    assert_eq!(before, after, "{why}: every file keeps its bytes");
}

#[test]
fn a_rust_caller_responsify_cannot_follow_holds_the_helper_back() {
    let reads = "    println!(\"{:?}\", reply.choices[0].message.content);\n";
    // Re-exported: callers through `crate::ask` are not followed.
    held_back(
        &rust_crate(&[(
            "src/main.rs",
            "mod llm;\npub use llm::ask;\n\nfn main() {}\n",
        )]),
        "src/main.rs:2, where `ask` is re-exported",
    );
    // The result handed on to a function of the caller's.
    held_back(
        &rust_crate(&[(
            "src/main.rs",
            &format!("mod llm;\n\nasync fn run() {{\n    let reply = llm::ask(\"hi\").await.unwrap();\n{reads}    keep(reply);\n}}\n\nfn keep<T>(_: T) {{}}\n\nfn main() {{}}\n"),
        )]),
        "src/main.rs:4, where",
    );
    // A closure of the same name is what `ask(..)` calls.
    held_back(
        &rust_crate(&[(
            "src/main.rs",
            &format!("mod llm;\nuse llm::ask;\n\nasync fn run() {{\n    let reply = ask(\"hi\").await.unwrap();\n{reads}}}\n\nfn main() {{\n    let ask = || 1;\n    ask();\n}}\n"),
        )]),
        "src/main.rs:10, where `ask` is bound here too",
    );
    // `super::ask` reaches the helper through the parent module's own `use`.
    let caller = format!(
        "pub async fn run() {{\n    let reply = super::ask(\"hi\").await.unwrap();\n{reads}}}\n"
    );
    held_back(
        &rust_crate(&[
            (
                "src/main.rs",
                "mod cli;\nmod llm;\nuse llm::ask;\n\nasync fn first() {\n    let _ = ask(\"hi\").await;\n}\n\nfn main() {}\n",
            ),
            ("src/cli.rs", &caller),
        ]),
        "src/cli.rs:2, where `super::ask` may reach `ask` through another module's import",
    );
    // A child module's glob sees the parent's own `use` of the helper.
    held_back(
        &rust_crate(&[(
            "src/main.rs",
            &format!("mod llm;\nuse llm::ask;\n\nasync fn run() {{\n    let reply = ask(\"hi\").await.unwrap();\n{reads}}}\n\nfn main() {{}}\n\nmod tests {{\n    use super::*;\n    async fn again() {{\n        let reply = ask(\"hi\").await.unwrap();\n        keep(reply);\n    }}\n}}\n"),
        )]),
        "src/main.rs:12, where a glob import",
    );
    // The helper handed on as a value.
    held_back(
        &rust_crate(&[(
            "src/main.rs",
            "mod llm;\n\nfn main() {\n    let _f = llm::ask;\n}\n",
        )]),
        "src/main.rs:4, where `ask` is used as a value",
    );
    // A module of the crate that the run does not check: its calls are out of sight.
    let dir = rust_crate(&[(
        "src/main.rs",
        &format!("mod llm;\n\nasync fn run() {{\n    let reply = llm::ask(\"hi\").await.unwrap();\n{reads}}}\n\nfn main() {{}}\n"),
    )]);
    let out = common::bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--output-format",
            "concise",
            "--fix",
            "--unsafe-fixes",
            "src/llm.rs",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the file names `ask` and is not among the files of this run"),
        "{text}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("src/llm.rs")).unwrap(),
        RUST_HELPER
    );
}

#[test]
fn a_pub_helper_of_a_private_module_of_a_library_is_followed_in_its_crate() {
    // `mod llm;` is private: only the library's own modules can call `llm::ask`.
    let lib = "mod llm;\n\npub async fn answer() -> Option<String> {\n    let reply = llm::ask(\"hi\").await.unwrap();\n    reply.choices[0].message.content.clone()\n}\n";
    let dir = rust_crate(&[("src/lib.rs", lib)]);
    let (code, out) = check(&dir, &["--fix", "--unsafe-fixes"]);
    assert_eq!(code, 0, "{out}");
    let fixed = fs::read_to_string(dir.path().join("src/lib.rs")).unwrap();
    assert!(fixed.contains("reply.output_text()"), "{fixed}");
    // Its module re-exported under another name, without naming the helper: public too.
    let reexported = rust_crate(&[(
        "src/lib.rs",
        &lib.replace("mod llm;", "mod llm;\npub use self::llm as chat;"),
    )]);
    held_back(
        &reexported,
        "src/lib.rs:2, where `pub use` puts `ask` (or a module holding it) in the public API",
    );
    // Rust 2015 resolves `use` paths from the crate root: not read.
    let old = rust_crate(&[("src/lib.rs", lib)]);
    let manifest = RUST_MANIFEST.replace("edition = \"2021\"\n", "");
    fs::write(old.path().join("Cargo.toml"), manifest).unwrap();
    held_back(&old, "Cargo.toml, where the crate is on Rust 2015");
    // Made public through `pub mod`, it is the library's API: other crates call it.
    let public = rust_crate(&[("src/lib.rs", &lib.replace("mod llm;", "pub mod llm;"))]);
    held_back(
        &public,
        "src/llm.rs:8, where `ask` is public API of the library",
    );
}
