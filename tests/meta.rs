//! The project's own consistency: the catalogue names real rules, every rule is documented
//! the same way, and docs/rules/ is generated from the rules' doc comments.

use responsify::rules::{self, catalogue};

#[test]
fn catalogue_names_only_real_rules() {
    for (parameter, disposition) in catalogue::CHAT_PARAMETERS {
        if let catalogue::Disposition::Rule(name) = disposition {
            assert!(
                rules::by_name(name).is_some(),
                "`{parameter}` names unknown rule `{name}`"
            );
        }
    }
}

#[test]
fn rule_names_are_unique_kebab_case() {
    let mut seen = std::collections::BTreeSet::new();
    for rule in rules::all() {
        let name = rule.meta().name;
        assert!(seen.insert(name), "rule `{name}` is declared twice");
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !name.starts_with('-'),
            "rule name `{name}` is not kebab-case"
        );
    }
}

#[test]
fn every_rule_documents_the_four_headings() {
    for rule in rules::all() {
        let meta = rule.meta();
        let doc = meta.documentation();
        // A rule about code already on Responses says why the shape matters, not why to
        // migrate.
        for headings in [
            &["## What it does"][..],
            &["## Why migrate", "## Why it matters"],
            &["## Example"],
            &["## Fix safety"],
        ] {
            assert!(
                headings.iter().any(|h| doc.contains(h)),
                "`{}` lacks `{}` in its doc comment",
                meta.name,
                headings.join("` or `")
            );
        }
    }
}

/// The generated page of a rule.
fn page(meta: &rules::RuleMeta) -> String {
    let review = if meta.reviews_responses {
        "\n\n## On code already on Responses\nThis rule also reviews `responses.create` / `parse` / `stream` calls, Responses request bodies and Batch lines sent to `/v1/responses`, where the same shape is Chat Completions residue. There each finding is fixed on its own: one value a person must decide does not hold back the others."
    } else {
        ""
    };
    format!(
        "<!-- generated from the doc comment of the rule; run `UPDATE_DOCS=1 cargo test --test meta` -->\n# {}\n\n{}{review}\n",
        meta.name,
        meta.documentation().trim_end()
    )
}

#[test]
fn rule_docs_are_current() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join("rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut expected = std::collections::BTreeSet::new();
    for rule in rules::all() {
        let meta = rule.meta();
        let path = dir.join(format!("{}.md", meta.name));
        expected.insert(path.clone());
        let want = page(meta);
        if update {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            have,
            want,
            "{} is stale: run `UPDATE_DOCS=1 cargo test --test meta`",
            path.display()
        );
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert!(
            expected.contains(&path),
            "{} documents no rule",
            path.display()
        );
    }
}

#[test]
fn readme_rules_table_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let from = readme
        .find(start)
        .expect("README has the rules:start marker")
        + start.len();
    let to = readme.find(end).expect("README has the rules:end marker");
    let mut table =
        String::from("| rule | what it finds | reviews Responses code |\n| --- | --- | --- |\n");
    for rule in rules::all() {
        let m = rule.meta();
        let opt = if m.opt_in { " (opt-in)" } else { "" };
        let review = if m.reviews_responses { "yes" } else { "" };
        table.push_str(&format!(
            "| [`{0}`](docs/rules/{0}.md) | {1}{opt} | {review} |\n",
            m.name, m.summary
        ));
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(
            &path,
            format!("{}{table}{}", &readme[..from], &readme[to..]),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        &readme[from..to],
        table,
        "README's rules table is stale: run `UPDATE_DOCS=1 cargo test --test meta`"
    );
}
