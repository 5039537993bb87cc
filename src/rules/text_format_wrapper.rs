use super::helpers::{flat_json_schema, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Finds a `text.format` that still wraps its schema the Chat Completions way
    /// (`{"type": "json_schema", "json_schema": {...}}`) and flattens it: `name`,
    /// `description`, `schema` and `strict` sit beside `type`.
    ///
    /// ## Why it matters
    /// The Responses API reads `name` and `schema` from the format itself and rejects the
    /// wrapper with a 400 ("Missing required parameter: 'text.format.name'"). Hand and agent
    /// migrations often move `response_format` to `text.format` without unwrapping it.
    ///
    /// ## Example
    /// ```json
    /// {"text": {"format": {"type": "json_schema", "json_schema": {"name": "city", "schema": {"type": "object"}}}}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"text": {"format": {"type": "json_schema", "name": "city", "schema": {"type": "object"}}}}
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the same schema reaches the model. A wrapper without a `schema` is reported for a
    /// person to complete.
    pub struct TextFormatWrapper {
        name: "text-format-wrapper",
        summary: "a `json_schema` wrapper under `text.format` is flattened",
        reviews_responses: true,
    }
}

impl Rule for TextFormatWrapper {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(format) = unit.request.body.get("text").and_then(|t| t.get("format")) else {
            return;
        };
        if type_of(format) != Some("json_schema") || format.get("json_schema").is_none() {
            return;
        }
        let Some(span) = format.span else { return };
        match flat_json_schema(format) {
            Ok(flat) => out.push(
                Diagnostic::new(
                    Self::META.name,
                    span,
                    "`text.format` wraps its schema in `json_schema` as Chat Completions did; Responses takes it flat",
                )
                .with_fix(Fix::safe(
                    "Flatten the `json_schema` format",
                    vec![Change::Replace { span, with: flat }],
                )),
            ),
            Err(problem) => {
                let mut diagnostic =
                    Diagnostic::new(Self::META.name, span, problem.message()).blocking();
                if let Some(help) = problem.help() {
                    diagnostic = diagnostic.with_help(help);
                }
                out.push(diagnostic);
            }
        }
    }
}
