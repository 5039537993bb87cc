use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Hold, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Adds the `responses` feature to a Cargo.toml's async-openai when its crate calls the
    /// Responses API, or has chat calls that responsify migrates to it. Since async-openai
    /// 0.31, `client.responses()` is compiled only with that feature. The crate's sources
    /// are read as they will be after their fixes, so the same `check --fix` run that
    /// migrates the calls adds the feature.
    ///
    /// ## Why migrate
    /// Without the feature, migrated code fails to compile with "no method named
    /// `responses` found".
    ///
    /// ## Example
    /// ```toml
    /// [dependencies]
    /// async-openai = { version = "0.43", features = ["chat-completion"] }
    /// ```
    /// Use instead:
    /// ```toml
    /// [dependencies]
    /// async-openai = { version = "0.43", features = ["chat-completion", "responses"] }
    /// ```
    ///
    /// ## Fix safety
    /// Safe: a feature only adds code. `chat-completion` is kept for chat calls that stay.
    /// The feature comes only with a rewritten call: a crate whose chat calls are all held
    /// (display-only, or needing a person) keeps its manifest, and one whose calls only
    /// `--unsafe-fixes` rewrites gets the feature in that run (the fix is marked unsafe to
    /// travel with them).
    /// A dependency inherited with `workspace = true` gets the feature in the member's own
    /// entry, which Cargo adds to the workspace's.
    pub struct AsyncOpenaiResponsesFeature {
        name: "async-openai-responses-feature",
        summary: "async-openai needs the `responses` feature for migrated code",
    }
}

impl Rule for AsyncOpenaiResponsesFeature {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !unit.verdict.holds_for(Hold::AsyncOpenaiResponsesFeature) {
            return;
        }
        let uses = unit
            .request
            .body
            .get("crate-uses")
            .and_then(|v| v.as_str())
            .unwrap_or("uses the Responses API");
        out.push(
            Diagnostic::new(
                Self::META.name,
                unit.request.span,
                format!("async-openai lacks the `responses` feature, and the crate {uses}"),
            )
            .with_fix({
                let changes = vec![Change::AppendParam {
                    key: "features".into(),
                    value: Value::str("responses"),
                }];
                // The front end says when only unsafe fixes rewrite the crate's calls.
                match unit.request.body.get("fix-level").and_then(|v| v.as_str()) {
                    Some("unsafe") => Fix::unsafe_("Add the `responses` feature", changes),
                    _ => Fix::safe("Add the `responses` feature", changes),
                }
            }),
        );
    }
}
