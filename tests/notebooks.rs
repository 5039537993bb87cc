//! Notebooks: code cells migrate through the Python front end; only changed cells' `source`
//! changes, and the result is still a notebook (checked with nbformat when it is installed).

mod common;

use common::*;
use responsify::notebook;
use std::process::Command;

fn fixing() -> responsify::settings::Settings {
    settings_for(None, true, false)
}

fn notebooks() -> Vec<std::path::PathBuf> {
    sorted_entries(&testdata().join("notebooks"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ipynb"))
        .collect()
}

fn describe(checked: &notebook::Checked) -> String {
    let mut out = String::new();
    for (number, code, findings) in &checked.cells {
        for f in findings {
            let (line, col) = responsify::edit::line_col(code, f.diagnostic.span.start);
            out.push_str(&format!(
                "cell {number}:{line}:{col} {} {}\n",
                f.diagnostic.rule, f.diagnostic.message
            ));
        }
    }
    out
}

#[test]
fn notebook_fixtures_match_their_snapshots_and_keep_other_bytes() {
    let _oracle = common::oracle("notebook_fixtures_match_their_snapshots_and_keep_other_bytes");
    let all = notebooks();
    assert!(all.len() >= 2, "expected notebook fixtures");
    for path in all {
        let text = read(&path);
        check_with_nbformat(&path, &text);
        let before = notebook::check(&text, &settings_for(None, false, false)).unwrap();
        let fixed = notebook::check(&text, &fixing()).unwrap();
        let after = fixed.fixed.clone().unwrap_or_else(|| text.clone());
        // A second run settles.
        assert!(
            notebook::check(&after, &fixing()).unwrap().fixed.is_none(),
            "{}: not converged",
            path.display()
        );
        // Outputs, metadata and unchanged cells are byte for byte the same.
        let old: serde_json::Value = serde_json::from_str(&text).unwrap();
        let new: serde_json::Value = serde_json::from_str(&after).unwrap();
        assert_eq!(old["metadata"], new["metadata"]);
        for (a, b) in old["cells"]
            .as_array()
            .unwrap()
            .iter()
            .zip(new["cells"].as_array().unwrap())
        {
            assert_eq!(
                a["outputs"],
                b["outputs"],
                "{}: outputs changed",
                path.display()
            );
            assert_eq!(a["cell_type"], b["cell_type"]);
        }
        for (a, b) in old["cells"]
            .as_array()
            .unwrap()
            .iter()
            .zip(new["cells"].as_array().unwrap())
        {
            for (key, value) in a.as_object().unwrap() {
                if key != "source" {
                    assert_eq!(
                        value,
                        &b[key],
                        "{}: cell field `{key}` changed",
                        path.display()
                    );
                }
            }
        }
        // Unchanged cells keep the exact text of their `source`.
        for (number, code, _) in &fixed.cells {
            let cell = &old["cells"][number - 1];
            let old_code: String = match &cell["source"] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(lines) => {
                    lines.iter().filter_map(|l| l.as_str()).collect()
                }
                _ => unreachable!(),
            };
            if *code == old_code {
                assert_eq!(new["cells"][number - 1]["source"], cell["source"]);
            }
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let snapshot = format!(
            "---- diagnostics ----\n{}---- after --fix ----\n{}",
            describe(&before),
            if after == text {
                "(unchanged)\n".to_string()
            } else {
                after.clone()
            }
        );
        insta::with_settings!({ snapshot_path => path.parent().unwrap(), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, snapshot);
        });
        check_with_nbformat(&path, &after);
    }
}

#[test]
fn notebook_decoys_are_left_alone() {
    let path = testdata()
        .join("decoys")
        .join("local_server_notebook.ipynb");
    let text = read(&path);
    let checked = notebook::check(&text, &settings_for(None, true, true)).unwrap();
    assert!(checked.fixed.is_none());
    assert!(checked.cells.iter().all(|(_, _, f)| f
        .iter()
        .all(|f| f.diagnostic.rule == "third-party-endpoint")));
}

fn check_with_nbformat(path: &std::path::Path, text: &str) {
    let (ok, _) = match Command::new("python3")
        .args(["-c", "import nbformat"])
        .output()
    {
        Ok(o) => (o.status.success(), ()),
        Err(_) => (false, ()),
    };
    if !ok {
        skip(
            "the nbformat check",
            "python3 -c 'import nbformat' failed (pip install nbformat)",
        );
        return;
    }
    let tmp = tempfile::Builder::new()
        .suffix(".ipynb")
        .tempfile()
        .unwrap();
    std::fs::write(tmp.path(), text).unwrap();
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
        ])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: nbformat rejects the fixed notebook:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A notebook whose cells are laid out one line of code per line of the file, as Jupyter
/// writes them: cell 2 (a Markdown cell is cell 1) holds the call on its line 4, which is
/// line 17 of the file.
const NOTEBOOK: &str = r##"{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": ["# Demo\n"]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {},
   "outputs": [],
   "source": [
    "from openai import OpenAI\n",
    "client = OpenAI()\n",
    "\n",
    "r = client.chat.completions.create(model=\"m\", messages=[{\"role\": \"user\", \"content\": \"x\"}], max_tokens=5)\n",
    "print(r.choices[0].message.content)\n"
   ]
  }
 ],
 "metadata": {},
 "nbformat": 4,
 "nbformat_minor": 5
}
"##;

fn run(dir: &std::path::Path, format: &str) -> serde_json::Value {
    let out = common::bin()
        .current_dir(dir)
        .args(["check", "--output-format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn machine_readable_reports_name_the_notebook_file_its_cell_and_its_lines() {
    let dir = repo(&[("nb.ipynb", NOTEBOOK)]);
    let findings = run(dir.path(), "json");
    let max_tokens = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "max-tokens")
        .expect("a max-tokens finding");
    assert_eq!(max_tokens["filename"], "nb.ipynb");
    assert_eq!(max_tokens["cell"], 2);
    assert_eq!(max_tokens["location"]["line"], 4);
    // A fix carries its edits, in the cell's code.
    assert!(["safe", "unsafe"].contains(&max_tokens["fix"]["status"].as_str().unwrap()));
    let edits = max_tokens["fix"]["edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{max_tokens}");
    assert_eq!(edits[0]["content"], "max_output_tokens");
    assert_eq!(edits[0]["location"]["line"], 4);
    // json-lines: the same fields.
    let out = common::bin()
        .current_dir(dir.path())
        .args(["check", "--output-format", "json-lines"])
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["filename"], "nb.ipynb");
    assert_eq!(first["cell"], 2);
    // SARIF: the region is the notebook file's line; the cell's position is a property.
    let sarif = run(dir.path(), "sarif");
    let findings = sarif_findings(&sarif);
    let finding = findings
        .iter()
        .find(|f| f["ruleId"] == "max-tokens")
        .unwrap();
    let location = &finding["location"];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "nb.ipynb"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 17);
    assert_eq!(location["properties"]["notebookCell"], 2);
    assert_eq!(location["properties"]["cellRegion"]["startLine"], 4);
    // GitLab: the file's line, the cell named in the description.
    let gitlab = run(dir.path(), "gitlab");
    let issue = gitlab
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["check_name"] == "max-tokens")
        .unwrap();
    assert_eq!(issue["location"]["path"], "nb.ipynb");
    assert_eq!(issue["location"]["lines"]["begin"], 17);
    assert!(issue["description"]
        .as_str()
        .unwrap()
        .starts_with("cell 2, line 4: "));
}

/// A notebook of another kernel (Deno's TypeScript, C#, R) holds no Python: it is not
/// parsed as Python, and the run says nothing and exits 0.
#[test]
fn a_notebook_of_another_kernel_is_not_read_as_python() {
    let nb = serde_json::json!({
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "deno", "display_name": "Deno", "language": "typescript"}},
        "cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
                   "source": ["import OpenAI from \"npm:openai\";\n", "const client = new OpenAI();\n",
                              "const r = await client.chat.completions.create({ model: \"gpt-5.5\", messages: [] });\n"]}]
    });
    let dir = repo(&[("deno.ipynb", &nb.to_string())]);
    let out = Command::new(env!("CARGO_BIN_EXE_responsify"))
        .args(["check", "--isolated"])
        .arg(dir.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(!stderr.contains("syntax"), "{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("No Chat Completions usage left to migrate."),
        "{stdout}{stderr}"
    );
}

/// A magic line is commented out for parsing, which makes it longer: a finding after one in
/// the same cell is placed in the cell's own code, not shifted by the comment.
#[test]
fn a_finding_after_a_magic_line_keeps_its_column() {
    let nb = serde_json::json!({
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["from openai import OpenAI\n", "client = OpenAI()\n",
                        "resp = client.chat.completions.create(model=\"gpt-5.5\", messages=[{\"role\": \"user\", \"content\": \"hi\"}])"]},
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["%pip install openai\n", "!ls \\\n", "  -la\n", "print(resp.choices[0].message.content)"]}
        ]
    });
    let checked = notebook::check(&nb.to_string(), &settings_for(None, false, false)).unwrap();
    let (number, code, findings) = &checked.cells[1];
    assert_eq!(*number, 2);
    let read = findings
        .iter()
        .find(|f| f.diagnostic.rule == "choices-read")
        .expect("the read in the second cell");
    let span = read.diagnostic.span;
    assert_eq!(
        &code[span.start..span.end],
        "resp.choices[0].message.content"
    );
    assert_eq!(responsify::edit::line_col(code, span.start), (4, 7));
}
