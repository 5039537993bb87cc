use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Reports code on a Responses stream that reads `name` from a
    /// `response.function_call_arguments.done` event.
    ///
    /// ## Why it matters
    /// The server never sends `name` on that event. SDKs generated from the bundled spec
    /// still declare it (async-openai 0.43 as an `Option` that is always `None`); newer ones
    /// dropped it. Code that takes the tool's name from the event calls no tool, or the wrong
    /// one. The name is on the `function_call` item, announced by `response.output_item.added`
    /// (and again in `response.output_item.done`) with the same `item_id` as the event.
    /// The Rust front end reports it (async-openai still declares the field); the openai npm
    /// types no longer have it, so `tsc` already rejects the read in TypeScript.
    ///
    /// ## Example
    /// ```rust
    /// ResponseStreamEvent::ResponseFunctionCallArgumentsDone(done) => run(done.name, done.arguments),
    /// ```
    /// Use instead: keep the names of `function_call` items from `ResponseOutputItemAdded` by
    /// item id, and look the name up with `done.item_id`.
    ///
    /// ## Fix safety
    /// No fix: where the name should come from depends on how the loop keeps its items.
    pub struct DoneEventName {
        name: "done-event-name",
        summary: "`response.function_call_arguments.done` carries no `name`",
        reviews_responses: true,
        severity: "A **warning**: the read is always empty, and only a person can move it to the `function_call` item.",
    }
}

impl Rule for DoneEventName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in unit
            .reads
            .iter()
            .filter(|r| r.kind == ReadKind::DoneEventName)
        {
            let base = ctx
                .source
                .get(read.base.start..read.base.end)
                .unwrap_or("the event");
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    read.span,
                    format!("`{base}` is a `response.function_call_arguments.done` event, which carries no `name`: this read is always empty"),
                )
                .with_help("take the name from the `function_call` item of `response.output_item.added` with the event's `item_id`")
                .with_severity(crate::diagnostic::Severity::Warning),
            );
        }
    }
}
