use super::helpers::{flat_json_schema, remove, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::{Kind, SdkMethod, Site, Unit};

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
        let (Some(span), Some(key)) = (entry.span, entry.key_span) else {
            return;
        };
        let format = &entry.value;
        let name = Self::META.name;
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
                    "`parse` takes the output model as `text_format` in the Responses API",
                )
                .with_fix(Fix::safe(
                    "Rename `response_format` to `text_format`",
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
        let flat = match type_of(format) {
            Some("json_schema") => match flat_json_schema(format) {
                Ok(flat) => flat,
                Err(problem) => {
                    let mut diagnostic = Diagnostic::new(name, span, problem.message()).blocking();
                    if let Some(help) = problem.help() {
                        diagnostic = diagnostic.with_help(help);
                    }
                    return out.push(diagnostic);
                }
            },
            Some("json_object" | "text") => format.clone(),
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
                return;
            }
        };
        out.push(
            Diagnostic::new(
                name,
                key,
                "`response_format` is `text.format` in the Responses API",
            )
            .with_fix(Fix::safe(
                "Move `response_format` to `text.format`",
                vec![
                    Change::Remove { span },
                    Change::SetParam {
                        path: vec!["text".into(), "format".into()],
                        value: flat,
                    },
                ],
            )),
        );
    }
}
