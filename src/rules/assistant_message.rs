use super::helpers::{has_function_call, has_tool_calls, messages, remove, role, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Applicability, Change, Diagnostic, Fix};
use crate::model::{Kind, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites assistant messages (those without tool calls) into the Responses input form:
    /// content given as a list of `text` parts becomes a string, `content: null` becomes `""`,
    /// `refusal: null` is removed, and a refusal given as text becomes the message's text.
    ///
    /// ## Why migrate
    /// In Responses input an assistant message takes a string, or a list of `output_text`
    /// parts inside a full output item (with an `id` and a `status` that only the API can
    /// give). The string form is the one a request can always use: `input_text` parts on an
    /// assistant item are rejected, and the `refusal` field does not exist on input messages.
    ///
    /// ## Example
    /// ```json
    /// {"role": "assistant", "content": [{"type": "text", "text": "Paris."}], "refusal": null}
    /// ```
    /// Use instead:
    /// ```json
    /// {"role": "assistant", "content": "Paris."}
    /// ```
    ///
    /// ## Fix safety
    /// Safe for a single text part, `null` content and `refusal: null`. Unsafe when several
    /// parts are joined into one string, or when refusal text becomes ordinary assistant text.
    pub struct AssistantMessage {
        name: "assistant-message",
        summary: "assistant messages take string content in Responses input",
        reviews_responses: true,
    }
}

impl Rule for AssistantMessage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for message in messages(unit) {
            if role(message) != Some("assistant")
                || has_tool_calls(message)
                || has_function_call(message)
            {
                continue;
            }
            let Some(span) = message.span else { continue };
            let mut changes = Vec::new();
            let mut applicability = Applicability::Safe;
            let mut said = Vec::new();
            let content = message.entry("content");
            let refusal = message.entry("refusal");
            let refusal_text = refusal.filter(|r| r.value.as_str().is_some());

            if let Some(r) = refusal {
                changes.extend(remove(r));
                if refusal_text.is_some() {
                    let has_text = content.is_some_and(|c| {
                        c.value.as_str().is_some_and(|t| !t.is_empty())
                            || c.value.as_list().is_some()
                    });
                    said.push(if has_text {
                        "its refusal is dropped (input messages cannot carry one)"
                    } else {
                        "its refusal becomes the message text"
                    });
                    applicability = Applicability::Unsafe;
                } else {
                    said.push("`refusal: null` is not an input field");
                }
            }
            match content.map(|c| &c.value) {
                Some(value) if matches!(value.kind, Kind::List(_)) => {
                    let parts = value.as_list().unwrap_or_default();
                    let texts: Option<Vec<&Value>> = parts
                        .iter()
                        .map(|p| match type_of(p) {
                            Some("text") => p.get("text"),
                            Some("refusal") => p.get("refusal"),
                            _ => None,
                        })
                        .collect();
                    let Some(texts) = texts else { continue };
                    let with = match texts.as_slice() {
                        [one] => (*one).clone(),
                        many => {
                            applicability = Applicability::Unsafe;
                            Value::str(many.iter().filter_map(|t| t.as_str()).collect::<String>())
                        }
                    };
                    if parts.iter().any(|p| type_of(p) == Some("refusal")) {
                        applicability = Applicability::Unsafe;
                    }
                    said.push("content parts become a string");
                    changes.push(Change::Replace {
                        span: value.span.unwrap_or(span),
                        with,
                    });
                }
                Some(value) if value.is_null() => {
                    let with = refusal_text
                        .map(|r| r.value.clone())
                        .unwrap_or_else(|| Value::str(""));
                    said.push("`content: null` is not accepted");
                    changes.push(Change::Replace {
                        span: value.span.unwrap_or(span),
                        with,
                    });
                }
                None if refusal_text.is_some() => {
                    // Replace the refusal entry's value in place of removing it, under a new key.
                    let r = refusal_text.unwrap();
                    changes
                        .retain(|c| !matches!(c, Change::Remove { span } if Some(*span) == r.span));
                    if let Some(key) = r.key_span {
                        changes.push(Change::RenameKey {
                            key,
                            to: "content".into(),
                        });
                    }
                }
                _ => {}
            }
            if changes.is_empty() {
                continue;
            }
            let title = "Rewrite the assistant message in the Responses input form";
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    format!(
                        "assistant message in Chat Completions form: {}",
                        said.join("; ")
                    ),
                )
                .with_fix(Fix {
                    title: title.into(),
                    applicability,
                    changes,
                }),
            );
        }
    }
}
