use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget, Severity};
use crate::model::{ReadKind, Unit};
use crate::models::Family;

declare_rule! {
    /// ## What it does
    /// Finds code on the Responses API that takes the first output item for the reply:
    /// `resp.output[0].content[0].text` becomes `resp.output_text`; any other read through
    /// `resp.output[0]` is reported. Python and TypeScript/JavaScript SDK results (in
    /// TypeScript also through casts such as `(resp.output[0] as ResponseOutputMessage)`),
    /// raw JSON replies of requests posted by hand (`r.json()["output"][0]["content"][0]["text"]`
    /// in Python, `data.output[0].content[0].text` after a `fetch` or axios call to
    /// `…/v1/responses`, whose fix joins the text parts of the message items, as `output_text`
    /// does: raw JSON has no `output_text`), and async-openai results (`response.output[0]`,
    /// `.output.first()`, `.output.get(0)`, reported: an `OutputItem` is matched by its
    /// variant, so which one was meant is for a person to say).
    ///
    /// ## Why it matters
    /// A Responses output is a list of items of several types. Reasoning models (o-series,
    /// gpt-5 family) put a `reasoning` item first, before the message or function calls, and
    /// tools such as web search add their own items before the message. Code that reads
    /// `output[0]` as the message works with one model and fails with the next, or when the
    /// model decides to call a tool.
    ///
    /// ## Example
    /// ```python
    /// resp = client.responses.create(model="gpt-5-mini", input="Hi")
    /// print(resp.output[0].content[0].text)
    /// ```
    /// Use instead:
    /// ```python
    /// print(resp.output_text)
    /// ```
    /// For other items, select them by type (`[item for item in resp.output if item.type ==
    /// "function_call"]`).
    ///
    /// ## Fix safety
    /// Unsafe: `output_text` joins the text of every message item, where the old read took
    /// the first part of the first item only (which, on a reasoning model, fails). Other reads
    /// of the first item get no fix: which item was meant is for a person to say.
    pub struct FirstOutputItem {
        name: "first-output-item",
        summary: "the first output item is not always the reply",
        reviews_responses: true,
        severity: "**warning**, also without a fix: the read breaks on reasoning models.",
    }
}

impl Rule for FirstOutputItem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !on_responses(unit) {
            return;
        }
        let family = crate::classify::model_family(unit);
        let why = match family {
            Family::Reasoning => "this model reasons, so its first output item is a reasoning item",
            Family::Plain | Family::Unknown => {
                "reasoning models put a reasoning item first, and tool calls come before the message"
            }
        };
        for read in &unit.reads {
            let source = ctx.source.get(read.span.start..read.span.end).unwrap_or("");
            match read.kind {
                ReadKind::FirstOutputText => out.push(
                    Diagnostic::new(
                        Self::META.name,
                        read.span,
                        format!("`{source}` takes the first output item for the reply: {why}"),
                    )
                    .with_fix(Fix::unsafe_(
                        "Read `output_text`",
                        vec![Change::RewriteRead {
                            span: read.span,
                            base: read.base,
                            to: ReadTarget::OutputText,
                        }],
                    )),
                ),
                ReadKind::FirstOutputItem => out.push(
                    Diagnostic::new(
                        Self::META.name,
                        read.span,
                        format!("`{source}` takes the first output item for the reply: {why}"),
                    )
                    .with_help("select the item by its `type` (or read `output_text` for the text)")
                    .with_severity(Severity::Warning),
                ),
                _ => {}
            }
        }
    }
}
