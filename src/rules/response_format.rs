use super::helpers::{flat_json_schema, remove, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, SdkMethod, Site, Span, Unit, Value};

declare_rule! {
    /// ## What it does
    /// Moves `response_format` to `text.format`. A `json_schema` format loses its wrapper:
    /// `name`, `description`, `schema` and `strict` sit directly beside `type`. `json_object`
    /// and `text` move as they are.
    ///
    /// ## Why migrate
    /// The Responses API rejects `response_format` ("Unsupported parameter"), and its
    /// `json_schema` format is flat. It also requires `schema`, which chat let you leave out:
    /// such a format is reported for a person to complete.
    ///
    /// ## Example
    /// ```json
    /// {"response_format": {"type": "json_schema", "json_schema": {"name": "city", "schema": {"type": "object"}}}}
    /// ```
    /// Use instead:
    /// ```json
    /// {"text": {"format": {"type": "json_schema", "name": "city", "schema": {"type": "object"}}}}
    /// ```
    /// A `json_object` format still needs the word "JSON" somewhere in the prompt.
    ///
    /// A format imported from another module of the run (`response_format=SCHEMA` after
    /// `from app.schemas import SCHEMA`) is flattened where it is written, and the call keeps
    /// the name: `text={"format": SCHEMA}`. That happens only when every request of the run
    /// that sends it migrates too, and nothing else in the run reads it.
    ///
    /// ## Fix safety
    /// Safe. `verbosity`, when present, joins the same `text` object (see `verbosity`).
    pub struct ResponseFormat {
        name: "response-format",
        summary: "`response_format` becomes `text.format`",
        reviews_responses: true,
    }
}

impl Rule for ResponseFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(entry) = unit.request.body.entry("response_format") else {
            return;
        };
        let format = &entry.value;
        let name = Self::META.name;
        if unit.request.site == Site::Elsewhere && entry.span.is_none() {
            // The format alone, in the module that writes it for a request in another file.
            if let Some(at) = format.span {
                in_its_module(format, at, out);
            }
            return;
        }
        let (Some(span), Some(key)) = (entry.span, entry.key_span) else {
            return;
        };
        if unit
            .resolved_elsewhere
            .iter()
            .any(|k| k == "response_format")
        {
            // Flattened in its module (see `in_its_module`): the call keeps its name.
            out.push(move_to_text(key, span, format.clone()));
            return;
        }
        if let (
            Site::SdkCall {
                kind: SdkMethod::Parse,
                ..
            },
            Kind::Opaque,
        ) = (&unit.request.site, &format.kind)
        {
            // `parse(response_format=Model)`: the Responses helper takes the model as `text_format`.
            out.push(
                Diagnostic::new(
                    name,
                    key,
                    "`parse` takes the output model its Responses way: `text_format=Model` in Python, `text: { format: zodTextFormat(...) }` in TypeScript",
                )
                .with_fix(Fix::safe(
                    "Pass the output model as the Responses `parse` takes it",
                    vec![Change::RenameKey {
                        key,
                        to: "text_format".into(),
                    }],
                )),
            );
            return;
        }
        if format.is_null() {
            out.push(
                Diagnostic::new(
                    name,
                    span,
                    "`response_format: null` is not a Responses parameter",
                )
                .with_fix(Fix::safe(
                    "Remove `response_format`",
                    remove(entry).into_iter().collect(),
                )),
            );
            return;
        }
        let Some(flat) = flat_format(format, span, out) else {
            return;
        };
        out.push(move_to_text(key, span, flat));
    }
}

/// `response_format` (the entry at `span`, its key at `key`) moved to `text.format`, where
/// it is written as `format`.
fn move_to_text(key: Span, span: Span, format: Value) -> Diagnostic {
    Diagnostic::new(
        ResponseFormat::META.name,
        key,
        "`response_format` is `text.format` in the Responses API",
    )
    .with_fix(Fix::safe(
        "Move `response_format` to `text.format`",
        vec![
            Change::Remove { span },
            Change::SetParam {
                path: vec!["text".into(), "format".into()],
                value: format,
            },
        ],
    ))
}

/// The Responses form of a chat format (`json_schema` flattened), or `None` after reporting
/// at `span` why it has none.
fn flat_format(format: &Value, span: Span, out: &mut Vec<Diagnostic>) -> Option<Value> {
    let name = ResponseFormat::META.name;
    match type_of(format) {
        Some("json_schema") => match flat_json_schema(format) {
            Ok(flat) => Some(flat),
            Err(problem) => {
                let mut diagnostic = Diagnostic::new(name, span, problem.message()).blocking();
                if let Some(help) = problem.help() {
                    diagnostic = diagnostic.with_help(help);
                }
                out.push(diagnostic);
                None
            }
        },
        Some("json_object" | "text") => Some(format.clone()),
        _ => {
            out.push(
                Diagnostic::new(
                    name,
                    span,
                    "`response_format` of a kind responsify does not know",
                )
                .with_help("write it as `text.format`")
                .blocking(),
            );
            None
        }
    }
}

/// A format another module's request sends: written in its Responses form where it is.
fn in_its_module(format: &Value, at: Span, out: &mut Vec<Diagnostic>) {
    let Some(flat) = flat_format(format, at, out) else {
        return;
    };
    if flat == *format {
        // `json_object` and `text` are the same in both APIs.
        return;
    }
    out.push(
        Diagnostic::new(
            ResponseFormat::META.name,
            at,
            "a `response_format` sent by a request in another module: the Responses `text.format` is flat",
        )
        .with_fix(Fix::safe(
            "Write the format in its Responses form",
            vec![Change::Replace {
                span: at,
                with: flat,
            }],
        )),
    );
}
