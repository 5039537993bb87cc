use super::helpers::type_of;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Endpoint, Entry, Kind, SdkMethod, Site, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Flattens tool definitions: the fields of a function tool's `function` object (and of a
    /// custom tool's `custom` object) move up beside `type`. `strict` is always written — the
    /// chat value, or `false` when chat had none — and a function without `parameters` gets an
    /// empty object schema. A custom tool's grammar format is flattened the same way.
    ///
    /// ## Why migrate
    /// Responses tools are internally tagged; the nested chat shape fails with "Missing
    /// required parameter: 'tools[0].name'". And the defaults differ: chat functions are not
    /// strict unless asked, while the Responses API tries strict mode when `strict` is left
    /// out, which changes how arguments are validated.
    ///
    /// ## Example
    /// ```json
    /// {"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"type": "function", "name": "get_weather", "parameters": {"type": "object"}, "strict": false}
    /// ```
    ///
    /// A Python tool built with `pydantic_function_tool(...)` is in Chat Completions form:
    /// `responses.parse` and `responses.stream` convert it, `responses.create` sends it as it
    /// is, and the API rejects it. A `create` call with such a tool is reported, on code being
    /// migrated and on code already on Responses.
    ///
    /// ## Fix safety
    /// Safe: writing chat's `strict` value keeps chat's behaviour. `async`, which function and
    /// custom tools may carry, is kept on the flat tool.
    pub struct ToolDefinitions {
        name: "tool-definitions",
        summary: "nested chat tool definitions become flat Responses tools",
        reviews_responses: true,
    }
}

/// The flat Responses form of a function definition `{name, description?, parameters?, strict?}`.
pub fn function_tool(function: &Value) -> Option<Value> {
    let mut entries = vec![
        ("type".to_string(), Value::str("function")),
        ("name".to_string(), function.get("name")?.clone()),
    ];
    if let Some(description) = function.get("description") {
        entries.push(("description".into(), description.clone()));
    }
    entries.push((
        "parameters".into(),
        function
            .get_present("parameters")
            .cloned()
            .unwrap_or_else(Value::empty_object_schema),
    ));
    entries.push((
        "strict".into(),
        function
            .get_present("strict")
            .cloned()
            .unwrap_or_else(|| Value::bool(false)),
    ));
    Some(Value::map(entries))
}

fn custom_tool(custom: &Value) -> Option<Value> {
    let mut entries = vec![
        ("type".to_string(), Value::str("custom")),
        ("name".to_string(), custom.get("name")?.clone()),
    ];
    if let Some(description) = custom.get("description") {
        entries.push(("description".into(), description.clone()));
    }
    if let Some(format) = custom.get("format") {
        let flat = match (type_of(format), format.get("grammar")) {
            (Some("grammar"), Some(grammar)) => {
                let mut f = vec![("type".to_string(), Value::str("grammar"))];
                f.extend(super::helpers::pick(grammar, &["definition", "syntax"]));
                Value::map(f)
            }
            _ => format.clone(),
        };
        entries.push(("format".into(), flat));
    }
    Some(Value::map(entries))
}

/// Helpers the SDK turns into a tool of the API it calls, whose call the front end rewrites
/// (`zodFunction` → `zodResponsesFunction`).
const TOOL_HELPERS: &[&str] = &["zodFunction("];

/// Python helpers that build a tool in Chat Completions form, which the openai SDK converts
/// for `responses.parse` and `responses.stream` but not for `responses.create`.
const CHAT_TOOL_HELPERS: &[&str] = &["pydantic_function_tool(", "openai.pydantic_function_tool("];

fn chat_tool_helper(tool: &Value, ctx: &Context) -> bool {
    matches!(tool.kind, Kind::Opaque)
        && ctx
            .source_of(tool)
            .is_some_and(|s| CHAT_TOOL_HELPERS.iter().any(|h| s.starts_with(h)))
}

/// The SDK method of the call, when it is one.
fn method(unit: &Unit) -> Option<SdkMethod> {
    match unit.request.site {
        Site::SdkCall { kind, .. } => Some(kind),
        _ => None,
    }
}

/// `pydantic_function_tool(...)` passed to a `create` call, which sends it as a Chat
/// Completions tool (before or after migration).
fn chat_helper_tools(unit: &Unit, value: &Value, ctx: &Context, out: &mut Vec<Diagnostic>) {
    if method(unit) != Some(SdkMethod::Create) {
        return;
    }
    let Some(tools) = value.as_list() else { return };
    for tool in tools.iter().filter(|t| chat_tool_helper(t, ctx)) {
        let Some(span) = tool.span else { continue };
        out.push(
            Diagnostic::new(
                ToolDefinitions::META.name,
                span,
                format!(
                    "`{}` builds a Chat Completions tool: `responses.create` sends it as it is, and the Responses API rejects it",
                    ctx.source_of(tool).map_or("…".into(), short)
                ),
            )
            .with_help("call `responses.parse` (which converts it), or build it with `pydantic_responses_function_tool` in an SDK that has it")
            .blocking(),
        );
    }
}

/// Tools responsify cannot read would reach `responses.create` in Chat Completions form,
/// which the API rejects: a person must say what they are. `pydantic_function_tool(...)`
/// is known: `parse` and `stream` convert it, `create` is reported by `chat_helper_tools`.
fn unreadable_tools(value: &Value, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let unreadable: Vec<&Value> = match &value.kind {
        Kind::Opaque => vec![value],
        Kind::List(items) => items
            .iter()
            .filter(|t| matches!(t.kind, Kind::Opaque) && !chat_tool_helper(t, ctx))
            .filter(|t| {
                !ctx.source_of(t)
                    .is_some_and(|s| TOOL_HELPERS.iter().any(|h| s.starts_with(h)))
            })
            .collect(),
        _ => Vec::new(),
    };
    for tool in unreadable {
        let Some(span) = tool.span else { continue };
        out.push(
            Diagnostic::new(
                ToolDefinitions::META.name,
                span,
                format!(
                    "the tools come from `{}`, which responsify cannot read; in Chat Completions form the Responses API rejects them",
                    ctx.source_of(tool).map_or("…".into(), short)
                ),
            )
            .with_help("write the tools where the call can see them, or flatten them to `{\"type\": \"function\", \"name\": …, \"parameters\": …}` where they are built, then run responsify again")
            .blocking(),
        );
    }
}

/// A source excerpt short enough for one line.
fn short(source: &str) -> String {
    let line = source.lines().next().unwrap_or_default();
    if line.len() < source.len() || line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

impl Rule for ToolDefinitions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(value) = unit.request.body.get("tools") else {
            return;
        };
        // Tools imported from another module of the run migrate there, with every request
        // that sends them.
        let elsewhere = unit.resolved_elsewhere.iter().any(|k| k == "tools");
        if unit.request.endpoint == Endpoint::ChatCompletions && !elsewhere {
            unreadable_tools(value, ctx, out);
        }
        chat_helper_tools(unit, value, ctx, out);
        let Some(tools) = value.as_list() else {
            return;
        };
        for tool in tools {
            let Some(span) = tool.span else { continue };
            let flat = match type_of(tool) {
                Some("function") => tool.get("function").map(function_tool),
                Some("custom") => tool.get("custom").map(custom_tool),
                _ => None,
            };
            let Some(flat) = flat else { continue };
            let Some(mut flat) = flat else {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        span,
                        "tool definition without a readable name",
                    )
                    .with_help("give the tool a `name` beside its `type`")
                    .blocking(),
                );
                continue;
            };
            // `async: true` (run the tool without holding the turn) is newer than the bundled
            // spec, written beside `type` or inside the nested object: it stays on the tool.
            let inner = tool.get("function").or_else(|| tool.get("custom"));
            if let (Some(is_async), Kind::Map(entries)) = (
                tool.get("async")
                    .or_else(|| inner.and_then(|i| i.get("async"))),
                &mut flat.kind,
            ) {
                entries.push(Entry {
                    key: "async".into(),
                    key_span: None,
                    value: is_async.clone(),
                    span: None,
                });
            }
            let name = flat
                .get("name")
                .map(ToString::to_string)
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!("tool {name} is nested in Chat Completions form"),
                )
                .with_fix(Fix::safe(
                    "Flatten the tool definition and write `strict` explicitly",
                    vec![Change::Replace { span, with: flat }],
                )),
            );
        }
    }
}
