use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget, Severity};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Finds a Responses stream loop that replays the item of a `response.output_item.added`
    /// event into the conversation (`items.append(event.item)`), and makes it replay the item
    /// of `response.output_item.done` instead.
    ///
    /// ## Why it matters
    /// `output_item.added` announces an item as it starts: a message without its text, a
    /// function call with empty `arguments`, a reasoning item without its encrypted content.
    /// Sent back in the next request it replays that empty shell (a tool call with no
    /// arguments, reasoning the API cannot use under `store: false`). `output_item.done` carries
    /// the finished item.
    ///
    /// ## Example
    /// ```python
    /// for event in stream:
    ///     if event.type == "response.output_item.added":
    ///         items.append(event.item)
    /// ```
    /// Use instead:
    /// ```python
    /// for event in stream:
    ///     if event.type == "response.output_item.done":
    ///         items.append(event.item)
    /// ```
    ///
    /// ## Fix safety
    /// Safe when the replay is all the branch does. Unsafe when the branch does more: that
    /// code then runs when the item is finished rather than when it starts. No fix when
    /// `elif` / `else` branches follow, which may test the `done` event themselves.
    pub struct AddedItemReplay {
        name: "added-item-replay",
        summary: "a stream loop replays an output item before it is finished",
        reviews_responses: true,
        severity: "**warning**, also without a fix: the next request replays an unfinished item.",
    }
}

/// The event that carries the finished item.
const DONE: &str = "response.output_item.done";

impl Rule for AddedItemReplay {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !on_responses(unit) {
            return;
        }
        for read in &unit.reads {
            let ReadKind::ReplayAddedItem { alone, chained } = read.kind else {
                continue;
            };
            let diagnostic = Diagnostic::new(
                Self::META.name,
                read.span,
                "the item of `response.output_item.added` is replayed before it is finished: replay the one of `response.output_item.done`",
            );
            let change = || {
                vec![Change::RewriteRead {
                    span: read.span,
                    base: read.base,
                    to: ReadTarget::Literal(DONE.into()),
                }]
            };
            out.push(match (alone, chained) {
                (_, true) => diagnostic
                    .with_help(format!("replay `event.item` in the branch for {DONE:?}"))
                    .with_severity(Severity::Warning),
                (true, false) => {
                    diagnostic.with_fix(Fix::safe("Replay the finished item", change()))
                }
                (false, false) => diagnostic.with_fix(Fix::unsafe_(
                    "Replay the finished item (the branch then runs when the item is finished)",
                    change(),
                )),
            });
        }
    }
}
