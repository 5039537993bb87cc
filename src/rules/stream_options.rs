use super::helpers::remove;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Removes `stream_options.include_usage` (and `stream_options` itself when nothing else
    /// is left in it). `include_obfuscation` stays.
    ///
    /// ## Why migrate
    /// A Responses stream always ends with a `response.completed` event that carries the
    /// usage, so there is no option to ask for it; the chat option is rejected.
    ///
    /// ## Example
    /// ```json
    /// {"stream": true, "stream_options": {"include_usage": true}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"stream": true}
    /// ```
    /// and read `event.response.usage` from the `response.completed` event.
    ///
    /// ## Fix safety
    /// Safe for the request. Code that read usage from the last chat chunk must read it from
    /// the completed event; front ends for code migrate that read with the call.
    pub struct StreamOptions {
        name: "stream-options",
        summary: "`stream_options.include_usage` is not needed in Responses",
        reviews_responses: true,
    }
}

impl Rule for StreamOptions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(options) = unit.request.body.entry("stream_options") else {
            return;
        };
        let whole = remove(options).into_iter().collect();
        let (message, changes) = match options.value.entries() {
            _ if options.value.is_null() => ("`stream_options: null` asks for nothing", whole),
            Some(entries) if entries.iter().all(|e| e.key == "include_usage") && !entries.is_empty() => (
                "`stream_options.include_usage` is not needed: usage comes with `response.completed`",
                whole,
            ),
            Some(_) => match options.value.entry("include_usage") {
                Some(usage) => (
                    "`stream_options.include_usage` is not needed: usage comes with `response.completed`",
                    remove(usage).into_iter().collect(),
                ),
                None => return,
            },
            None => return,
        };
        let Some(span) = options.span else { return };
        out.push(
            Diagnostic::new(Self::META.name, span, message)
                .with_fix(Fix::safe("Remove `include_usage`", changes)),
        );
    }
}
