use super::helpers::{messages, pick, role, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Rewrites the content parts of user, system and developer messages into Responses input
    /// parts: `text` becomes `input_text`, `image_url` becomes `input_image` with the URL as a
    /// plain string and `detail` always present, and `file` becomes `input_file` with the file
    /// fields lifted out of their wrapper.
    ///
    /// ## Why migrate
    /// The Responses API rejects chat part types, and it expects `image_url` to be a string,
    /// not an object ("expected an image URL, but got an object instead").
    ///
    /// ## Example
    /// ```json
    /// {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"type": "input_image", "image_url": "https://example.com/cat.png", "detail": "auto"}
    /// ```
    ///
    /// ## Fix safety
    /// Safe. `detail` is written as `auto` when the chat part had none, which is the default
    /// of both APIs. Assistant messages and tool results are reshaped by `assistant-message`
    /// and `tool-message`; `input_audio` parts are reported by `input-audio-part`.
    pub struct ContentParts {
        name: "content-parts",
        summary: "chat content parts become Responses input parts",
        reviews_responses: true,
    }
}

/// The Responses form of one chat content part, or `None` when it needs no change (or has
/// none this rule can make).
pub fn input_part(part: &Value) -> Option<Change> {
    let span = part.span?;
    match type_of(part)? {
        "text" => Some(Change::Replace {
            span: part.get("type")?.span?,
            with: Value::str("input_text"),
        }),
        "image_url" => {
            let image = part.get("image_url")?;
            let url = image.get("url")?.clone();
            let detail = image
                .get_present("detail")
                .cloned()
                .unwrap_or_else(|| Value::str("auto"));
            Some(Change::Replace {
                span,
                with: Value::map([
                    ("type".to_string(), Value::str("input_image")),
                    ("image_url".to_string(), url),
                    ("detail".to_string(), detail),
                ]),
            })
        }
        "file" => {
            let file = part.get("file")?;
            let mut entries = vec![("type".to_string(), Value::str("input_file"))];
            entries.extend(pick(file, &["file_id", "file_data", "filename"]));
            Some(Change::Replace {
                span,
                with: Value::map(entries),
            })
        }
        _ => None,
    }
}

impl Rule for ContentParts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for message in messages(unit) {
            if !matches!(role(message), Some("user" | "system" | "developer")) {
                continue;
            }
            let Some(parts) = message.get("content").and_then(Value::as_list) else {
                continue;
            };
            let changes: Vec<Change> = parts.iter().filter_map(input_part).collect();
            if changes.is_empty() {
                continue;
            }
            let span = message.get("content").and_then(|c| c.span).or(message.span);
            let Some(span) = span else { continue };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "content parts use Chat Completions types (`text`, `image_url`, `file`)",
                )
                .with_fix(Fix::safe(
                    "Rewrite the parts as Responses input parts",
                    changes,
                )),
            );
        }
    }
}
