use super::{declare_rule, FileContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

declare_rule! {
    /// ## What it does
    /// Reports `# responsify: ignore[...]` comments that no longer silence anything: the
    /// finding they were written for has been migrated, moved, or renamed; and comments that
    /// name a rule responsify does not have (a typo silences nothing). Files are read for
    /// their suppression comments even when they mention no OpenAI API.
    ///
    /// ## Why migrate
    /// A stale suppression hides nothing today but would silently hide a new finding on its
    /// line tomorrow, and it tells readers something that is no longer true.
    ///
    /// ## Example
    /// ```python
    /// resp = client.responses.create(model="gpt-5.5", input="hi")  # responsify: ignore[n-parameter]
    /// ```
    ///
    /// ## Fix safety
    /// Safe for an unused comment: `--fix` removes the comment (its whole line when it stands alone), once the
    /// requests in the file are fixed. A comment in documentation is removed only with
    /// `--fix-docs`. A comment naming an unknown rule is left to a person.
    pub struct UnusedSuppression {
        name: "unused-suppression",
        summary: "suppression comments that silence nothing",
        severity: "**warning**: the suppression hides nothing and should go.",
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _unit: &crate::model::Unit, _ctx: &super::Context, _out: &mut Vec<Diagnostic>) {
    }

    fn check_file(&self, file: &FileContext, out: &mut Vec<Diagnostic>) {
        for (suppression, used) in file.suppressions.iter().zip(file.used) {
            let unknown: Vec<&String> = suppression
                .rules
                .iter()
                .filter(|r| super::by_name(r).is_none())
                .collect();
            if !unknown.is_empty() {
                let names: Vec<String> = unknown.iter().map(|r| format!("`{r}`")).collect();
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        suppression.span,
                        format!(
                            "this comment names unknown {} {}, which {} nothing",
                            if unknown.len() == 1 { "rule" } else { "rules" },
                            names.join(", "),
                            if unknown.len() == 1 {
                                "silences"
                            } else {
                                "silence"
                            }
                        ),
                    )
                    .with_help("correct the name (see `responsify rules`) or remove it")
                    .with_severity(Severity::Warning),
                );
                if !*used {
                    continue;
                }
            }
            if *used {
                continue;
            }
            let what = if suppression.rules.is_empty() {
                "every rule".to_string()
            } else {
                suppression
                    .rules
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let scope = if suppression.file_level {
                "in this file"
            } else {
                "on its line"
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    suppression.span,
                    format!("this comment silences {what} {scope}, but nothing is reported there"),
                )
                .with_help("remove the comment")
                .with_severity(Severity::Warning),
            );
        }
    }
}
