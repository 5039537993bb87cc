use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, Severity};
use crate::model::{Kind, ReadKind, Unit, Value};
use crate::models::Family;
use crate::settings::StorePolicy;

declare_rule! {
    /// ## What it does
    /// Finds a conversation that replays a reasoning model's output items into its next
    /// request (`history.extend(resp.output)`, or a migrated `messages.append(message)`)
    /// while the request is not stored (`store=False`, which responsify writes by default to
    /// keep Chat Completions' retention), and asks for the reasoning items' encrypted content
    /// with `include=["reasoning.encrypted_content"]`.
    ///
    /// ## Why it matters
    /// A reasoning model's output starts with a `reasoning` item. Replayed into the next
    /// request, the API looks it up among stored items, or reads its `encrypted_content`. An
    /// unstored response's reasoning items exist nowhere else: without their encrypted
    /// content the next turn fails with "Item with id 'rs_…' not found". The 2.3.0 API
    /// reference says the content is returned by default, but older API behaviour (and many
    /// reports from 2025) needed `include`; writing it works under both.
    ///
    /// Non-reasoning models reject that `include`, so the fix is only written for a model
    /// responsify knows reasons (an o-series or gpt-5 family name, written in the call or
    /// in the one assignment of the variable it passes, or a request with reasoning
    /// parameters). When the model cannot be read, the finding says what to check and
    /// nothing is written.
    ///
    /// ## Example
    /// ```python
    /// resp = client.responses.create(model="o4-mini", input=history, tools=TOOLS, store=False)
    /// history.extend(resp.output)
    /// ```
    /// Use instead:
    /// ```python
    /// resp = client.responses.create(model="o4-mini", input=history, tools=TOOLS, store=False,
    ///                                include=["reasoning.encrypted_content"])
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the response carries the encrypted reasoning as well, and nothing else changes.
    /// With a model responsify cannot name there is no fix, only the finding.
    pub struct UnstoredReasoningReplay {
        name: "unstored-reasoning-replay",
        summary: "a conversation replays an unstored reasoning model's output without its encrypted reasoning",
        reviews_responses: true,
        severity: "**warning**, also without a fix: the second turn of the conversation may fail.",
    }
}

/// The `include` value that returns reasoning items' encrypted content.
const ENCRYPTED_REASONING: &str = "reasoning.encrypted_content";

/// The `store` the request has once migrated: what it writes, else what the fix writes for
/// a Chat Completions request, else the Responses default. `None` when it cannot be read.
fn store_after_fix(unit: &Unit, ctx: &Context) -> Option<bool> {
    match unit.request.body.get_present("store").map(|v| &v.kind) {
        Some(Kind::Bool(b)) => Some(*b),
        Some(_) => None,
        None if on_responses(unit) => Some(true),
        None => match ctx.settings.store_policy {
            StorePolicy::KeepChat => Some(false),
            StorePolicy::Store => Some(true),
            StorePolicy::Report => None,
        },
    }
}

impl Rule for UnstoredReasoningReplay {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let replay = unit.reads.iter().find(|read| {
            matches!(
                read.kind,
                ReadKind::AppendReply { .. } | ReadKind::ReplayOutput { .. }
            )
        });
        let Some(replay) = replay else { return };
        if unit.request.hidden_keys || store_after_fix(unit, ctx) != Some(false) {
            return;
        }
        let body = &unit.request.body;
        // Whether `include` already asks for it; `None` when there is no list to read: none
        // written (the fix writes one), or one responsify cannot see into (a person adds to it).
        let include = body.get_present("include");
        let asked = include.and_then(Value::as_list).map(|items| {
            items
                .iter()
                .any(|item| item.as_str() == Some(ENCRYPTED_REASONING))
        });
        let readable = include.is_none() || asked.is_some();
        match (crate::classify::model_family(unit), asked) {
            (_, Some(true)) | (Family::Plain, _) => {}
            (Family::Reasoning, _) if readable => out.push(
                Diagnostic::new(
                    Self::META.name,
                    replay.span,
                    "the output of an unstored reasoning model is replayed: its reasoning items need their encrypted content",
                )
                .with_fix(Fix::safe(
                    "Ask for the encrypted reasoning with `include`",
                    vec![Change::AppendParam {
                        key: "include".into(),
                        value: Value::str(ENCRYPTED_REASONING),
                    }],
                )),
            ),
            (Family::Reasoning, _) => out.push(
                Diagnostic::new(
                    Self::META.name,
                    replay.span,
                    "the output of an unstored reasoning model is replayed, and responsify cannot tell whether `include` asks for its encrypted reasoning",
                )
                .with_help(format!("make sure `include` holds {ENCRYPTED_REASONING:?}, or store the response"))
                .with_severity(Severity::Warning),
            ),
            (Family::Unknown, _) => out.push(
                Diagnostic::new(
                    Self::META.name,
                    replay.span,
                    "the output of an unstored response is replayed, and responsify cannot tell whether its model reasons",
                )
                .with_help(format!(
                    "for a reasoning model (o-series, gpt-5 family) add `include` with {ENCRYPTED_REASONING:?}, or store the response; other models reject that `include` and need nothing"
                ))
                .with_severity(Severity::Warning),
            ),
        }
    }
}
