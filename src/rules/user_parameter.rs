use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Notes the deprecated `user` parameter. It is still accepted by the Responses API and
    /// is passed through unchanged.
    ///
    /// ## Why migrate
    /// `user` did two jobs that now have their own parameters: `safety_identifier` (a stable,
    /// hashed id of your end user, for abuse detection) and `prompt_cache_key` (to group
    /// requests that share a prompt prefix).
    ///
    /// ## Example
    /// ```json
    /// {"user": "user-4711"}
    /// ```
    /// Consider:
    /// ```json
    /// {"safety_identifier": "user-4711"}
    /// ```
    ///
    /// ## Fix safety
    /// No fix: which parameter fits depends on what the value is for.
    pub struct UserParameter {
        name: "user-parameter",
        summary: "`user` is deprecated: prefer `safety_identifier` / `prompt_cache_key`",
        severity: "**info**: `user` still works; the note says what replaces it.",
    }
}

impl Rule for UserParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("user") else {
            return;
        };
        let Some(key) = entry.key_span else { return };
        out.push(
            Diagnostic::new(
                Self::META.name,
                key,
                "`user` is deprecated; it passes through unchanged",
            )
            .with_help(
                "use `safety_identifier` for end-user ids, `prompt_cache_key` for cache grouping",
            ),
        );
    }
}
