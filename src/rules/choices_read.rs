use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Rewrites reads of the reply through `choices`: `resp.choices[0].message.content`
    /// becomes `resp.output_text`, `.message.parsed` becomes `.output_parsed`, and a reply
    /// kept in a variable (`msg = resp.choices[0].message`) becomes the response itself, so
    /// every later read of `msg` migrates with it.
    ///
    /// ## Why migrate
    /// A Responses result has no `choices`: its output is a list of items, and the SDK's
    /// `output_text` joins the text of every message item (`""` when there is none, as
    /// `content` could be `None` before).
    ///
    /// ## Example
    /// ```python
    /// resp = client.chat.completions.create(model="gpt-5.5", messages=messages)
    /// print(resp.choices[0].message.content)
    /// ```
    /// Use instead:
    /// ```python
    /// resp = client.responses.create(model="gpt-5.5", input=messages, store=False)
    /// print(resp.output_text)
    /// ```
    ///
    /// A comparison of `finish_reason` with a literal becomes a check of the response:
    /// `"length"` → `status == "incomplete"` with `incomplete_details.reason ==
    /// "max_output_tokens"`, `"content_filter"` likewise, `"tool_calls"` → the output has a
    /// `function_call` item, `"stop"` → completed without one. The reasons the API added
    /// after the bundled spec (`max_messages`, `steered`) are no chat finish reason: a
    /// response that ends for them is incomplete, so it is neither `"stop"` nor `"length"`,
    /// and every check above stays exact.
    ///
    /// A test of the text for none (`content is None`, `is not None`, `== None`; `text ===
    /// null`, `== null`, `=== undefined`, `!==`) compares it with the empty string instead,
    /// and a TypeScript fallback `text ?? "…"` becomes `text || "…"`, so the branch for "no
    /// text" (a tool call, a refusal) keeps running. The text may be read there or through a
    /// name bound to it. Any other comparison of the text with `None` / `null` (`None is
    /// content`, `null === text`, a `??` chained with other operators) is reported by
    /// `unseen-uses` and holds the request back, naming the line.
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. A reply whose text is empty although it is
    /// there (`""`, which Chat Completions hardly ever sends) counts as no text after the fix.
    pub struct ChoicesRead {
        name: "choices-read",
        summary: "`choices[0].message.content` becomes `output_text`",
        reviews_responses: true,
    }
}

/// The finish reasons a chat completion reports, each with a Responses counterpart.
const FINISH_REASONS: &[&str] = &[
    "stop",
    "length",
    "content_filter",
    "tool_calls",
    "function_call",
];

impl Rule for ChoicesRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let (to, message, title) = match &read.kind {
                ReadKind::Content => (
                    ReadTarget::OutputText,
                    "the reply's text is `output_text` on a Responses result",
                    "Read `output_text`",
                ),
                ReadKind::TextTestedForNone { negated } => (
                    ReadTarget::EmptyTextTest { negated: *negated },
                    "`output_text` is never none, only empty: a test of the reply's text for none must compare it with the empty string",
                    "Compare the text with the empty string",
                ),
                ReadKind::TextFallback => (
                    ReadTarget::EmptyTextFallback,
                    "`output_text` is never nullish, only empty: a fallback for no text must apply to the empty string",
                    "Fall back when the text is empty",
                ),
                ReadKind::Parsed => (
                    ReadTarget::OutputParsed,
                    "the parsed reply is `output_parsed` on a Responses result",
                    "Read `output_parsed`",
                ),
                ReadKind::Refusal => (
                    ReadTarget::Refusal,
                    "a refusal is a `refusal` content part of the message item on a Responses result",
                    "Read the refusal content part",
                ),
                ReadKind::Reply => (
                    ReadTarget::Response,
                    "a Responses result has no `choices`: keep the response itself",
                    "Keep the response instead of its first choice",
                ),
                ReadKind::FinishReasonIs { reason, negated } => {
                    if !FINISH_REASONS.contains(&reason.as_str()) {
                        out.push(
                            Diagnostic::new(
                                Self::META.name,
                                read.span,
                                format!(
                                    "finish reason {reason:?} is not one Chat Completions returns"
                                ),
                            )
                            .with_help("check this comparison by hand")
                            .blocking(),
                        );
                        continue;
                    }
                    (
                        ReadTarget::FinishedFor {
                            reason: reason.clone(),
                            negated: *negated,
                        },
                        "a Responses result has no `finish_reason`: check its `status` and output",
                        "Check the response's status",
                    )
                }
                _ => continue,
            };
            out.push(
                Diagnostic::new(Self::META.name, read.span, message).with_fix(Fix::safe(
                    title,
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
