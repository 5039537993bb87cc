use super::tool_definitions::function_tool;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites the deprecated `functions` parameter as `tools` of type `function` (with
    /// `strict: false`, as legacy functions were never strict), and `function_call` as
    /// `tool_choice`: `"none"` and `"auto"` stay, `{"name": …}` becomes
    /// `{"type": "function", "name": …}`.
    ///
    /// ## Why migrate
    /// The Responses API knows only `tools` and `tool_choice`.
    ///
    /// ## Example
    /// ```json
    /// {"functions": [{"name": "lookup", "parameters": {"type": "object"}}], "function_call": {"name": "lookup"}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object"}, "strict": false}],
    ///  "tool_choice": {"type": "function", "name": "lookup"}}
    /// ```
    ///
    /// ## Fix safety
    /// Safe.
    pub struct LegacyFunctions {
        name: "legacy-functions",
        summary: "`functions` / `function_call` become `tools` / `tool_choice`",
        reviews_responses: true,
    }
}

impl Rule for LegacyFunctions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let body = &unit.request.body;
        let name = Self::META.name;
        if let Some(entry) = body.entry("functions") {
            let (Some(span), Some(key)) = (entry.span, entry.key_span) else {
                return;
            };
            let functions = entry.value.as_list().unwrap_or_default();
            let tools: Option<Vec<(Option<_>, Value)>> = functions
                .iter()
                .map(|f| function_tool(f).map(|t| (f.span, t)))
                .collect();
            match tools {
                Some(tools) if entry.value.as_list().is_some() => {
                    let changes =
                        if body.get("tools").is_some() {
                            std::iter::once(Change::Remove { span })
                                .chain(tools.into_iter().map(|(_, value)| Change::AppendParam {
                                    key: "tools".into(),
                                    value,
                                }))
                                .collect()
                        } else {
                            std::iter::once(Change::RenameKey {
                                key,
                                to: "tools".into(),
                            })
                            .chain(tools.into_iter().filter_map(|(at, with)| {
                                at.map(|span| Change::Replace { span, with })
                            }))
                            .collect()
                        };
                    out.push(
                        Diagnostic::new(
                            name,
                            key,
                            "`functions` is deprecated and not accepted by the Responses API",
                        )
                        .with_fix(Fix::safe(
                            "Rewrite `functions` as function `tools`",
                            changes,
                        )),
                    );
                }
                _ => out.push(
                    Diagnostic::new(name, key, "`functions` that responsify cannot read whole")
                        .with_help("rewrite each function as a tool of type `function`")
                        .blocking(),
                ),
            }
        }
        if let Some(entry) = body
            .get_present("function_call")
            .and(body.entry("function_call"))
        {
            let (Some(span), Some(key)) = (entry.span, entry.key_span) else {
                return;
            };
            if body.get("tool_choice").is_some() {
                out.push(
                    Diagnostic::new(name, span, "both `function_call` and `tool_choice` are set")
                        .with_help("keep the one you mean as `tool_choice`")
                        .blocking(),
                );
                return;
            }
            let rename = Change::RenameKey {
                key,
                to: "tool_choice".into(),
            };
            let changes = match &entry.value.kind {
                Kind::Str(_) => Some(vec![rename]),
                Kind::Map(_) => entry
                    .value
                    .get("name")
                    .zip(entry.value.span)
                    .map(|(n, at)| {
                        vec![
                            rename,
                            Change::Replace {
                                span: at,
                                with: Value::map([
                                    ("type", Value::str("function")),
                                    ("name", n.clone()),
                                ]),
                            },
                        ]
                    }),
                _ => None,
            };
            match changes {
                Some(changes) => out.push(
                    Diagnostic::new(
                        name,
                        key,
                        "`function_call` is deprecated and not accepted by the Responses API",
                    )
                    .with_fix(Fix::safe(
                        "Rewrite `function_call` as `tool_choice`",
                        changes,
                    )),
                ),
                None => out.push(
                    Diagnostic::new(name, key, "`function_call` that responsify cannot read")
                        .blocking(),
                ),
            }
        }
    }
}
