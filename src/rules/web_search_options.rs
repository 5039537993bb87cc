use super::helpers::{pick, remove};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Unit, Value};
use crate::retired_models;

declare_rule! {
    /// ## What it does
    /// Turns `web_search_options` into a `web_search` tool: `search_context_size` is copied
    /// and `user_location` is flattened (`{"type": "approximate", "approximate": {city, …}}`
    /// becomes `{"type": "approximate", city, …}`).
    ///
    /// ## Why migrate
    /// Web search is a tool in the Responses API, usable with ordinary models, instead of a
    /// request option of dedicated search models.
    ///
    /// ## Example
    /// ```json
    /// {"web_search_options": {"user_location": {"type": "approximate", "approximate": {"city": "Lyon"}}}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"tools": [{"type": "web_search", "user_location": {"type": "approximate", "city": "Lyon"}}]}
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: chat web search runs on dedicated search models (`*-search-preview`), and the
    /// request's `model` may have to change to one that takes the `web_search` tool. When the
    /// model is one of them, the finding names its shutdown date and a model to move to.
    pub struct WebSearchOptions {
        name: "web-search-options",
        summary: "`web_search_options` becomes a `web_search` tool",
        reviews_responses: true,
    }
}

impl Rule for WebSearchOptions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("web_search_options") else {
            return;
        };
        let Some(span) = entry.span else { return };
        let options = &entry.value;
        if options.is_null() {
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "`web_search_options: null` is not a Responses parameter",
                )
                .with_fix(Fix::safe(
                    "Remove `web_search_options`",
                    remove(entry).into_iter().collect(),
                )),
            );
            return;
        }
        let mut tool = vec![("type".to_string(), Value::str("web_search"))];
        tool.extend(pick(options, &["search_context_size"]));
        if let Some(location) = options.get_present("user_location") {
            let mut flat = vec![("type".to_string(), Value::str("approximate"))];
            if let Some(approximate) = location.get("approximate") {
                flat.extend(pick(
                    approximate,
                    &["country", "region", "city", "timezone"],
                ));
            }
            tool.push(("user_location".into(), Value::map(flat)));
        }
        // A chat search model searches by itself and takes no tools: name the model to use.
        let search_model = unit
            .request
            .body
            .get("model")
            .and_then(Value::as_str)
            .and_then(|m| {
                retired_models::lookup(m)
                    .filter(|r| r.chat_search)
                    .map(|r| (m, r))
            });
        let help = match search_model {
            Some((model, retired)) => format!(
                "`{model}` is a Chat Completions search model (shut down on {}): the `web_search` \
                 tool runs on ordinary models, change `model` to one such as `{}`",
                retired.shutdown, retired.successor
            ),
            None => "check that the model takes the `web_search` tool".to_string(),
        };
        out.push(
            Diagnostic::new(
                Self::META.name,
                span,
                "`web_search_options` is a `web_search` tool in the Responses API",
            )
            .with_help(help)
            .with_fix(Fix::unsafe_(
                "Replace `web_search_options` with a `web_search` tool",
                vec![
                    Change::Remove { span },
                    Change::AppendParam {
                        key: "tools".into(),
                        value: Value::map(tool),
                    },
                ],
            )),
        );
    }
}
