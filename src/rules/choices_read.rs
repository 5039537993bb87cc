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
    /// ## Fix safety
    /// Safe: applied with its call, as one unit. Code that tested `content is None` now sees
    /// `""`.
    pub struct ChoicesRead {
        name: "choices-read",
        summary: "`choices[0].message.content` becomes `output_text`",
    }
}

impl Rule for ChoicesRead {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let (to, message, title) = match read.kind {
                ReadKind::Content => (
                    ReadTarget::OutputText,
                    "the reply's text is `output_text` on a Responses result",
                    "Read `output_text`",
                ),
                ReadKind::Parsed => (
                    ReadTarget::OutputParsed,
                    "the parsed reply is `output_parsed` on a Responses result",
                    "Read `output_parsed`",
                ),
                ReadKind::Reply => (
                    ReadTarget::Response,
                    "a Responses result has no `choices`: keep the response itself",
                    "Keep the response instead of its first choice",
                ),
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
