use super::helpers::{assistant_text, has_tool_calls, messages, role};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites the deprecated function-calling messages: an assistant message with a
    /// `function_call` becomes a `function_call` item, and a `function`-role message becomes
    /// the matching `function_call_output` item. Legacy calls have no id, so responsify
    /// gives each one a stable `call_id` (`call_legacy_1`, `call_legacy_2`, … in the order of
    /// the calls) and pairs each result with the latest unanswered call of the same name.
    ///
    /// ## Why migrate
    /// Responses input has neither `function_call` on messages nor a `function` role, and a
    /// result is tied to its call only by `call_id`.
    ///
    /// ## Example
    /// ```json
    /// {"role": "assistant", "content": null, "function_call": {"name": "lookup", "arguments": "{}"}},
    /// {"role": "function", "name": "lookup", "content": "42"}
    /// ```
    /// Use instead:
    /// ```json
    /// {"type": "function_call", "call_id": "call_legacy_1", "name": "lookup", "arguments": "{}"},
    /// {"type": "function_call_output", "call_id": "call_legacy_1", "output": "42"}
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the ids are the same on every run, and each call keeps its result. A `function`
    /// message with no call before it is reported for a person to resolve.
    pub struct LegacyFunctionMessages {
        name: "legacy-function-messages",
        summary: "legacy `function_call` / `function` messages become call items",
        reviews_responses: true,
    }
}

impl Rule for LegacyFunctionMessages {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let name = Self::META.name;
        // (call name, call id) of calls still waiting for their result.
        let mut open: Vec<(String, String)> = Vec::new();
        let mut count = 0;
        for message in messages(unit) {
            let Some(span) = message.span else { continue };
            match role(message) {
                Some("assistant") if !has_tool_calls(message) => {
                    let Some(call) = message.get_present("function_call") else {
                        continue;
                    };
                    let hidden_text =
                        matches!(message.get("content").map(|c| &c.kind), Some(Kind::Opaque));
                    let (Some(fname), Some(arguments), false) =
                        (call.get("name"), call.get("arguments"), hidden_text)
                    else {
                        out.push(
                            Diagnostic::new(
                                name,
                                span,
                                "legacy `function_call` message that responsify cannot read whole",
                            )
                            .blocking(),
                        );
                        continue;
                    };
                    count += 1;
                    let id = format!("call_legacy_{count}");
                    open.push((fname.as_str().unwrap_or_default().to_string(), id.clone()));
                    let mut with = Vec::new();
                    if let Some(text) = assistant_text(message.get("content")) {
                        with.push(Value::map([
                            ("role", Value::str("assistant")),
                            ("content", text),
                        ]));
                    }
                    with.push(Value::map([
                        ("type", Value::str("function_call")),
                        ("call_id", Value::str(&id)),
                        ("name", fname.clone()),
                        ("arguments", arguments.clone()),
                    ]));
                    out.push(
                        Diagnostic::new(
                            name,
                            span,
                            "legacy `function_call` message: Responses takes a `function_call` item",
                        )
                        .with_fix(Fix::safe(
                            format!("Rewrite as a `function_call` item with `call_id` `{id}`"),
                            vec![Change::ReplaceWithMany { span, with }],
                        )),
                    );
                }
                Some("function") => {
                    let fname = message
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    let Some(at) = open.iter().rposition(|(n, _)| n == fname) else {
                        out.push(
                            Diagnostic::new(
                                name,
                                span,
                                format!("`function` message for `{fname}` with no `function_call` before it"),
                            )
                            .with_help("add the call it answers, or remove the orphaned result")
                            .blocking(),
                        );
                        continue;
                    };
                    let (_, id) = open.remove(at);
                    let output = message
                        .get_present("content")
                        .cloned()
                        .unwrap_or_else(|| Value::str(""));
                    out.push(
                        Diagnostic::new(
                            name,
                            span,
                            "legacy `function` message: Responses takes a `function_call_output` item",
                        )
                        .with_fix(Fix::safe(
                            format!("Rewrite as a `function_call_output` item for `{id}`"),
                            vec![Change::Replace {
                                span,
                                with: Value::map([
                                    ("type", Value::str("function_call_output")),
                                    ("call_id", Value::str(&id)),
                                    ("output", output),
                                ]),
                            }],
                        )),
                    );
                }
                _ => {}
            }
        }
    }
}
