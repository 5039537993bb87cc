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
    /// Where the code reads a chunk's text without the guard in front of it, the read becomes
    /// `(chunk.delta if chunk.type == "response.output_text.delta" else None)`, which keeps its
    /// meaning on its own (`None` where a chunk had no text), whatever the loop's shape.
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. Streamed tool-call fragments and
    /// `finish_reason` are reported by `unmapped-read`.
    pub struct StreamRead {
        name: "stream-read",
        summary: "stream chunks become typed Responses events",
    }
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
                ReadKind::StreamGuard => (
                    ReadTarget::StreamTextGuard,
                    "Responses events have no `choices`: check the event type",
                ),
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
