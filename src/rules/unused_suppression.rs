use super::{declare_rule, FileContext, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

declare_rule! {
    /// ## What it does
    /// Reports `# responsify: ignore[...]` comments that no longer silence anything: the
    /// finding they were written for has been migrated, moved, or renamed.
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
    /// No fix: remove the comment (or the rule from its list).
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
