//! Small readers of the model shared by several rules.

use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Endpoint, Entry, Kind, Unit, Value};

/// The request's messages, when they are a visible list. On a Responses request these are
/// the `input` items (or a `messages` list left behind), where chat-shaped messages are
/// residue.
pub fn messages(unit: &Unit) -> &[Value] {
    let body = &unit.request.body;
    let list = match unit.request.endpoint {
        Endpoint::Responses => body
            .get("messages")
            .and_then(Value::as_list)
            .or_else(|| body.get("input").and_then(Value::as_list)),
        _ => body.get("messages").and_then(Value::as_list),
    };
    list.unwrap_or(&[])
}

/// Is the unit a request already on the Responses API?
pub fn on_responses(unit: &Unit) -> bool {
    unit.request.endpoint == Endpoint::Responses
}

pub fn role(message: &Value) -> Option<&str> {
    message.get("role").and_then(Value::as_str)
}

/// The assistant message carries tool calls (a non-empty list).
pub fn has_tool_calls(message: &Value) -> bool {
    message
        .get("tool_calls")
        .and_then(Value::as_list)
        .is_some_and(|calls| !calls.is_empty())
}

/// The assistant message carries a legacy `function_call`.
pub fn has_function_call(message: &Value) -> bool {
    message.get_present("function_call").is_some()
}

/// The `type` of a content part or tool.
pub fn type_of(value: &Value) -> Option<&str> {
    value.get("type").and_then(Value::as_str)
}

/// Text of an assistant `content`: a string stays itself (verbatim, with its span); a list of
/// text parts becomes one new string. `None` for null, empty, or anything else.
pub fn assistant_text(content: Option<&Value>) -> Option<Value> {
    let content = content?;
    match &content.kind {
        Kind::Str(s) if s.is_empty() => None,
        Kind::Str(_) => Some(content.clone()),
        Kind::List(parts) => {
            let texts: Option<Vec<&Value>> = parts
                .iter()
                .map(|p| match type_of(p) {
                    Some("text") => p.get("text"),
                    _ => None,
                })
                .collect();
            match texts?.as_slice() {
                [] => None,
                [one] => Some((*one).clone()),
                many => Some(Value::str(
                    many.iter().filter_map(|t| t.as_str()).collect::<String>(),
                )),
            }
        }
        _ => None,
    }
}

/// Copy the entries named in `keys` (those present) as `(key, value)` pairs, in that order.
pub fn pick(map: &Value, keys: &[&str]) -> Vec<(String, Value)> {
    keys.iter()
        .filter_map(|k| map.get(k).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// Entry spans for `Remove`.
pub fn remove(entry: &Entry) -> Option<Change> {
    entry.span.map(|span| Change::Remove { span })
}

/// A parameter with no Responses equivalent: a value that changes nothing is removed safely;
/// any other value blocks the unit until a person decides.
pub fn no_equivalent(
    unit: &Unit,
    rule: &'static str,
    key: &str,
    is_noop: impl Fn(&Value) -> bool,
    why: &str,
    help: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(entry) = unit.request.body.entry(key) else {
        return;
    };
    let span = entry.span.unwrap_or(unit.request.span);
    if entry.value.is_null() || is_noop(&entry.value) {
        out.push(
            Diagnostic::new(
                rule,
                span,
                format!(
                    "`{key}: {}` has no Responses equivalent and changes nothing here",
                    entry.value
                ),
            )
            .with_fix(Fix::safe(
                format!("Remove `{key}`"),
                remove(entry).into_iter().collect(),
            )),
        );
    } else {
        out.push(
            Diagnostic::new(
                rule,
                span,
                format!("`{key}` has no Responses equivalent: {why}"),
            )
            .with_help(help)
            .blocking(),
        );
    }
}

/// Is this a literal number equal to `n`?
pub fn is_number(value: &Value, n: f64) -> bool {
    value.as_f64() == Some(n)
}

/// Why a Chat Completions `json_schema` format cannot be flattened.
pub enum SchemaFormatProblem {
    NoWrapper,
    NoSchema,
}

impl SchemaFormatProblem {
    pub fn message(&self) -> &'static str {
        match self {
            SchemaFormatProblem::NoWrapper => {
                "`json_schema` format without its `json_schema` object"
            }
            SchemaFormatProblem::NoSchema => {
                "`json_schema` format without a `schema`: the Responses API requires one"
            }
        }
    }

    pub fn help(&self) -> Option<&'static str> {
        match self {
            SchemaFormatProblem::NoWrapper => None,
            SchemaFormatProblem::NoSchema => Some("add the JSON schema the output must follow"),
        }
    }
}

/// A Chat Completions `{"type": "json_schema", "json_schema": {...}}` format in the flat
/// Responses form: `name`, `description`, `schema` and `strict` beside `type`. Both
/// `response-format` and `text-format-wrapper` write it with this one mapping.
pub fn flat_json_schema(format: &Value) -> Result<Value, SchemaFormatProblem> {
    let schema = format
        .get("json_schema")
        .ok_or(SchemaFormatProblem::NoWrapper)?;
    if schema.get_present("schema").is_none() {
        return Err(SchemaFormatProblem::NoSchema);
    }
    let mut flat = vec![(
        "type".to_string(),
        format
            .get("type")
            .cloned()
            .unwrap_or_else(|| Value::str("json_schema")),
    )];
    flat.extend(pick(schema, &["name", "description", "schema", "strict"]));
    Ok(Value::map(flat))
}
