use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Rewrites loops over a streamed result: a chunk's text (`chunk.choices[0].delta.content`)
    /// becomes the delta of `response.output_text.delta` events, the guard for chunks with
    /// choices becomes a check of the event type, and the usage of the last chunk becomes the
    /// usage on the `response.completed` event.
    ///
    /// ## Why migrate
    /// A Responses stream is a sequence of typed events, not chunks with choices; there is no
    /// `[DONE]`, and usage always comes with `response.completed` (so `stream_options` is not
    /// needed).
    ///
    /// ## Example
    /// ```python
    /// for chunk in stream:
    ///     if chunk.choices and chunk.choices[0].delta.content:
    ///         print(chunk.choices[0].delta.content, end="")
    /// ```
    /// Becomes:
    /// ```python
    /// for chunk in stream:
    ///     if (chunk.type == "response.output_text.delta") and chunk.delta:
    ///         print(chunk.delta, end="")
    /// ```
    /// The guard is a test for truth (`if chunk.choices`, `not chunk.choices`, `chunk.choices
    /// and …`) or for emptiness (`len(chunk.choices) > 0`, `== 0`, `chunk.choices == []`;
    /// `chunk.choices.length > 0`, `=== 0`), whose negations become `!=` / `!==`. A chunk's
    /// `choices` used as a collection (iterated, kept in a name, counted otherwise) has no
    /// equivalent: `unseen-uses` names its line and the request is held back.
    ///
    /// Where the code reads a chunk's text without the guard in front of it, the read becomes
    /// `(chunk.delta if chunk.type == "response.output_text.delta" else None)`, which keeps its
    /// meaning on its own (`None` where a chunk had no text), whatever the loop's shape.
    ///
    /// The `chat.completions.stream()` helper becomes `responses.stream()`: its `content.delta`
    /// and `content.done` (and refusal) events are renamed to their Responses twins (a finished
    /// text's `content` is `text`), and `get_final_completion()` becomes `get_final_response()`,
    /// whose reads migrate like any response's. Its tool-call argument events become
    /// `response.function_call_arguments.delta` / `.done` (`arguments_delta` is `delta`,
    /// `arguments` stays); their `name` and `index` are reported, since the Responses `.done`
    /// event carries no name (take it from the `function_call` item) and `output_index`
    /// counts every output item. Other helper events are reported.
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. Streamed tool-call fragments and
    /// `finish_reason` are reported by `unmapped-read`.
    pub struct StreamRead {
        name: "stream-read",
        summary: "stream chunks become typed Responses events",
        reviews_responses: true,
    }
}

/// The Responses event a `chat.completions.stream()` helper event corresponds to.
fn helper_event(chat: &str) -> Option<&'static str> {
    Some(match chat {
        "content.delta" => "response.output_text.delta",
        "content.done" => "response.output_text.done",
        "refusal.delta" => "response.refusal.delta",
        "refusal.done" => "response.refusal.done",
        // Their `name` and `index` have no twin (the Responses `.done` event carries no name,
        // and `output_index` counts every output item): reads of those stay unmapped.
        "tool_calls.function.arguments.delta" => "response.function_call_arguments.delta",
        "tool_calls.function.arguments.done" => "response.function_call_arguments.done",
        _ => return None,
    })
}

impl Rule for StreamRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let (to, message) = match read.kind.clone() {
                ReadKind::StreamText { guarded } => (
                    ReadTarget::StreamTextDelta { guarded },
                    "a chunk's text is the delta of a `response.output_text.delta` event",
                ),
                ReadKind::StreamGuard { negated } => (
                    ReadTarget::StreamTextGuard { negated },
                    "Responses events have no `choices`: check the event type",
                ),
                ReadKind::HelperFinal => (
                    ReadTarget::Attr("get_final_response".into()),
                    "the `stream()` helper's final result is the final response on Responses (`get_final_response()`, `finalResponse()`)",
                ),
                ReadKind::HelperEventText => (
                    ReadTarget::Attr("text".into()),
                    "a finished text event carries its text as `text` on Responses",
                ),
                ReadKind::HelperEventArgumentsDelta => (
                    ReadTarget::Attr("delta".into()),
                    "a tool call's arguments arrive as the `delta` of `response.function_call_arguments.delta` events on Responses",
                ),
                ReadKind::HelperEventName(name) => match helper_event(&name) {
                    Some(new) => (
                        ReadTarget::Literal(new.into()),
                        "the `stream()` helper's events have Responses event names",
                    ),
                    None => {
                        out.push(
                            Diagnostic::new(
                                Self::META.name,
                                read.span,
                                format!("the `stream()` helper event {name:?} has no Responses twin responsify can prove"),
                            )
                            .with_help("handle the Responses events (`response.output_text.delta`, `response.function_call_arguments.delta`, …) by hand")
                            .blocking(),
                        );
                        continue;
                    }
                },
                ReadKind::StreamUsage => (
                    ReadTarget::StreamCompletedUsage,
                    "stream usage comes with the `response.completed` event",
                ),
                _ => continue,
            };
            out.push(
                Diagnostic::new(Self::META.name, read.span, message).with_fix(Fix::safe(
                    "Read the typed stream event",
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to,
                    }],
                )),
            );
        }
    }
}
