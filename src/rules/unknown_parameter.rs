use super::catalogue::{disposition, RESPONSES_PARAMETERS_KEPT, SDK_REQUEST_OPTIONS};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Site, Unit};

declare_rule! {
    /// ## What it does
    /// Reports request parameters that are not Chat Completions parameters at all — vendor
    /// extensions such as `top_k`, or typos. A Responses parameter that a half-done
    /// migration wrote already (`instructions` beside `messages`) is not reported: the
    /// migrated request takes it as it is.
    ///
    /// ## Why migrate
    /// The Responses API rejects unknown parameters. responsify cannot know what a foreign
    /// key meant, so it never carries one across or drops one silently.
    ///
    /// ## Example
    /// ```json
    /// {"model": "gpt-5.5", "messages": [...], "top_k": 40}
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the request is not migrated until a person removes or replaces the key.
    pub struct UnknownParameter {
        name: "unknown-parameter",
        summary: "parameters that Chat Completions does not define",
    }
}

impl Rule for UnknownParameter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for entry in unit.request.body.entries().unwrap_or_default() {
            let sdk_option = matches!(unit.request.site, Site::SdkCall { .. })
                && SDK_REQUEST_OPTIONS.contains(&entry.key.as_str());
            let kept = RESPONSES_PARAMETERS_KEPT.contains(&entry.key.as_str());
            if disposition(&entry.key).is_some() || sdk_option || kept {
                continue;
            }
            let Some(key) = entry.key_span else { continue };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    key,
                    format!(
                        "`{}` is not a Chat Completions parameter, and Responses would reject it",
                        entry.key
                    ),
                )
                .with_help("remove it, or find the Responses parameter that does what it meant")
                .blocking(),
            );
        }
    }
}
