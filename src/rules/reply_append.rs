use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, ReadTarget};
use crate::model::{ReadKind, Unit};

declare_rule! {
    /// ## What it does
    /// Rewrites a conversation that grows with the model's replies: appending the reply
    /// message (`messages.append(resp.choices[0].message)`) becomes extending the list with
    /// every output item (`messages.extend(resp.output)`).
    ///
    /// ## Why migrate
    /// A Responses output can hold reasoning items, function calls and messages, and the next
    /// request needs all of them, in order: reasoning models reject a history that drops their
    /// reasoning items, and each function result needs its call.
    ///
    /// ## Example
    /// ```python
    /// messages.append(resp.choices[0].message)
    /// ```
    /// Use instead:
    /// ```python
    /// messages.extend(resp.output)
    /// ```
    ///
    /// ## Fix safety
    /// Safe: applied with its call, as one unit, when the list is used only by the requests
    /// that send it and the calls that grow it. Any other use of it (`history[-1].content`, a
    /// loop printing `m.role`, `len(history)`, handing it to a function; in TypeScript also a
    /// use that the retyped list no longer fits) would see output items instead of chat
    /// messages — a reasoning item has no `role`, a message's `content` is a list of parts —
    /// so `unseen-uses` names its line and the fix is only displayed.
    pub struct ReplyAppend {
        name: "reply-append",
        summary: "append the output items, not the reply message",
        reviews_responses: true,
    }
}

impl Rule for ReplyAppend {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &unit.reads {
            let ReadKind::AppendReply { list } = read.kind else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    read.span,
                    "the reply message is appended; Responses input needs every output item",
                )
                .with_fix(Fix::safe(
                    "Extend the list with the output items",
                    vec![Change::RewriteRead {
                        span: read.span,
                        base: read.base,
                        to: ReadTarget::ExtendWithOutput { list },
                    }],
                )),
            );
        }
    }
}
