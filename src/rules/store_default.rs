use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix, Severity};
use crate::model::{Unit, Value};
use crate::settings::StorePolicy;

declare_rule! {
    /// ## What it does
    /// Writes `store` explicitly when a request relied on its default.
    ///
    /// ## Why migrate
    /// The default flips: Chat Completions requests are not stored unless asked (`store`
    /// defaults to `false` in the API reference), while Responses are stored by default. A
    /// migration that leaves `store` out silently changes data retention. By default
    /// responsify writes `store: false`, keeping chat's behaviour; `--store-policy true`
    /// writes `store: true` (needed to chain turns with `previous_response_id`), and
    /// `--store-policy report` only reports: the request is then left as it is until a
    /// person writes `store`, and a `store` already written is kept as it is.
    ///
    /// ## Example
    /// ```json
    /// {"model": "gpt-5.5", "messages": [...]}
    /// ```
    /// Use instead:
    /// ```json
    /// {"model": "gpt-5.5", "input": [...], "store": false}
    /// ```
    ///
    /// ## Fix safety
    /// Safe with the default policy, which keeps chat's behaviour. Unsafe with
    /// `--store-policy true`, which changes it.
    ///
    /// On code already on Responses there is no fix, only a note: the author may rely on
    /// stored responses on purpose. A request that needs them (`previous_response_id`,
    /// `background`, a `conversation`) gets no note.
    pub struct StoreDefault {
        name: "store-default",
        summary: "`store` defaults differ: write it explicitly",
        reviews_responses: true,
        severity: "**warning** on a request being migrated; **info** on code already on Responses, which may rely on the default on purpose.",
    }
}

impl Rule for StoreDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        if body.get_present("store").is_some() || unit.request.hidden_keys {
            return;
        }
        let span = body
            .entry("model")
            .and_then(|e| e.span)
            .unwrap_or(unit.request.span);
        let message = "request relies on the `store` default, which is `true` in Responses and `false` in Chat Completions";
        let set = |value: bool| {
            let mut changes = Vec::new();
            if let Some(entry) = body.entry("store") {
                changes.extend(super::helpers::remove(entry));
            }
            changes.push(Change::SetParam {
                path: vec!["store".into()],
                value: Value::bool(value),
            });
            changes
        };
        if on_responses(unit) {
            // Code already on Responses may rely on stored responses (`previous_response_id`
            // in a later turn): say what the default means, and let the author choose.
            if ["previous_response_id", "background", "conversation"]
                .iter()
                .any(|k| body.get_present(k).is_some())
            {
                return;
            }
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "request leaves `store` to its default: Responses stores it (`true`), where Chat Completions did not",
                )
                .with_help("set `store` explicitly: false keeps Chat Completions' retention; true is needed if a later turn uses `previous_response_id`")
                .with_severity(Severity::Info),
            );
            return;
        }
        let diagnostic = Diagnostic::new(Self::META.name, span, message);
        out.push(match ctx.settings.store_policy {
            StorePolicy::KeepChat => {
                diagnostic.with_fix(Fix::safe("Write `store: false`", set(false)))
            }
            StorePolicy::Store => {
                diagnostic.with_fix(Fix::unsafe_("Write `store: true`", set(true)))
            }
            // Nothing is written for the person who asked to decide: the request waits on
            // their choice, so it is not migrated with a retention it never chose.
            StorePolicy::Report => diagnostic
                .with_help("write `store` (false keeps Chat Completions' retention) to say which retention you want")
                .blocking(),
        });
    }
}
