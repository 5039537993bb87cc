use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};
use crate::sdk::{minimum, FIRST_RESPONSES};

declare_rule! {
    /// ## What it does
    /// Reports a Cargo.toml whose async-openai cannot compile the Responses code its crate
    /// needs: a version older than 0.28.2 has no Responses API at all, and versions before
    /// 0.31 name its types differently from the code responsify writes. Only manifests whose
    /// crate has chat calls to migrate (or already calls `.responses()`) are reported. The
    /// version is the one `Cargo.lock` resolved, else the lowest the requirement allows; a
    /// dependency inherited with `workspace = true` is read from the workspace root, and a
    /// `path` dependency from the manifest it points at. A version responsify cannot read (a
    /// `git` checkout, a path without a manifest) is reported too: it may be any release, so
    /// neither the feature nor the crate's Rust code is written until it is pinned.
    ///
    /// ## Why migrate
    /// A migrated `client.responses().create(..)` does not compile against a crate version
    /// without it. Upgrading async-openai is the first step of the migration.
    ///
    /// ## Example
    /// ```toml
    /// [dependencies]
    /// async-openai = "0.27"
    /// ```
    /// Use instead:
    /// ```toml
    /// [dependencies]
    /// async-openai = { version = "0.43", features = ["chat-completion", "responses"] }
    /// ```
    ///
    /// ## Fix safety
    /// No fix: an upgrade across these versions changes other APIs too (since 0.31 chat
    /// types live in `async_openai::types::chat` and need the `chat-completion` feature).
    pub struct AsyncOpenaiVersion {
        name: "async-openai-version",
        summary: "async-openai older than 0.31 cannot compile the migrated Rust code",
    }
}

impl Rule for AsyncOpenaiVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !unit.verdict.holds_for(Hold::AsyncOpenaiVersion) {
            return;
        }
        let body = &unit.request.body;
        let text = |key| body.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        let Some(version) = minimum(text("version")) else {
            // The crate's async-openai could not be read (a git or path checkout).
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    unit.request.span,
                    format!(
                        "{}, and the crate {}",
                        text("version-source"),
                        text("crate-uses")
                    ),
                )
                .with_help(
                    "depend on async-openai 0.31 or later with features = [\"chat-completion\", \"responses\"] (a version requirement, or a Cargo.lock), then run responsify again",
                )
                .blocking(),
            );
            return;
        };
        let what = if version < FIRST_RESPONSES {
            "predates the Responses API (added in 0.28.2)"
        } else {
            "names the Responses types differently from the code responsify writes (0.31 and later)"
        };
        out.push(
            Diagnostic::new(
                Self::META.name,
                unit.request.span,
                format!(
                    "async-openai {version} (from {}) {what}, and the crate {}",
                    text("version-source"),
                    text("crate-uses")
                ),
            )
            .with_help(
                "upgrade async-openai to 0.31 or later with features = [\"chat-completion\", \"responses\"], then run responsify again",
            )
            .blocking(),
        );
    }
}
