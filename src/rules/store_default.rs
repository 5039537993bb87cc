use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
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
    /// Code already on Responses is left alone: it was written for that API and its default,
    /// and may rely on stored responses on purpose.
    pub struct StoreDefault {
        name: "store-default",
        summary: "`store` defaults differ: write it explicitly",
        severity: "**warning**: the request being migrated keeps or changes its retention.",
    }
}

impl Rule for StoreDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        // A batch's creation has no body: its lines carry theirs, each with its own `store`.
        if body.get_present("store").is_some()
            || unit.request.hidden_keys
            || matches!(unit.request.site, crate::model::Site::BatchCreation { .. })
        {
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
        // Code already on Responses chose its API and its defaults: a request that leaves
        // `store` out may well mean the stored default (a later `previous_response_id`), and a
        // note on every such call was noise on code written for Responses.
        if on_responses(unit) {
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
