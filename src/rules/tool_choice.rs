use super::helpers::type_of;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Endpoint, Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Flattens object forms of `tool_choice`: `{"type": "function", "function": {"name"}}`
    /// becomes `{"type": "function", "name"}`, the same for custom tools, and an
    /// `allowed_tools` choice lifts `mode` and `tools` to its top level, each tool reference
    /// flattened. The strings `none`, `auto` and `required` are the same in both APIs.
    ///
    /// ## Why migrate
    /// The Responses API does not accept the nested chat shapes.
    ///
    /// ## Example
    /// ```json
    /// {"tool_choice": {"type": "function", "function": {"name": "get_weather"}}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"tool_choice": {"type": "function", "name": "get_weather"}}
    /// ```
    ///
    /// ## Fix safety
    /// Safe.
    pub struct ToolChoice {
        name: "tool-choice",
        summary: "nested `tool_choice` objects become flat",
        reviews_responses: true,
    }
}

/// `{"type": "function", "function": {"name"}}` → `{"type": "function", "name"}`, and custom.
fn flat_reference(choice: &Value) -> Option<Value> {
    let kind = type_of(choice)?;
    let inner = choice.get(kind)?;
    Some(Value::map([
        ("type", choice.get("type")?.clone()),
        ("name", inner.get("name")?.clone()),
    ]))
}

fn flat_choice(choice: &Value) -> Option<Value> {
    match type_of(choice)? {
        "function" | "custom" => flat_reference(choice),
        "allowed_tools" => {
            let allowed = choice.get("allowed_tools")?;
            let tools: Option<Vec<Value>> = allowed
                .get("tools")?
                .as_list()?
                .iter()
                .map(|t| match type_of(t) {
                    Some("function" | "custom") if t.get("name").is_none() => flat_reference(t),
                    _ => Some(t.clone()),
                })
                .collect();
            Some(Value::map([
                ("type", choice.get("type")?.clone()),
                ("mode", allowed.get("mode")?.clone()),
                ("tools", Value::list(tools?)),
            ]))
        }
        _ => None,
    }
}

impl Rule for ToolChoice {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(choice) = unit.request.body.get("tool_choice") else {
            return;
        };
        let Some(span) = choice.span else { return };
        if matches!(choice.kind, Kind::Opaque) && unit.request.endpoint == Endpoint::ChatCompletions
        {
            // A named function choice in Chat Completions form is rejected by the Responses API.
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "`tool_choice` comes from where responsify cannot read it; a Chat Completions choice is rejected by the Responses API",
                )
                .with_help("write it where the call can see it (`\"auto\"`, `\"required\"`, or `{\"type\": \"function\", \"name\": …}`)")
                .blocking(),
            );
            return;
        }
        let nested = choice.get("function").is_some()
            || choice.get("custom").is_some()
            || choice.get("allowed_tools").is_some();
        if !nested {
            return;
        }
        match flat_choice(choice) {
            Some(flat) => out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "`tool_choice` is nested in Chat Completions form",
                )
                .with_fix(Fix::safe(
                    "Flatten `tool_choice`",
                    vec![Change::Replace { span, with: flat }],
                )),
            ),
            None => out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "`tool_choice` that responsify cannot read whole",
                )
                .with_help("write it in the flat Responses form")
                .blocking(),
            ),
        }
    }
}
