use super::helpers::on_responses;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a request that chains onto an earlier response with `previous_response_id`
    /// when that response was created with `store=False` in the same file.
    ///
    /// ## Why it matters
    /// Only stored responses can be continued: the API answers a chained request with a 400
    /// (`previous_response_not_found`). Migrations write `store=False` to keep Chat
    /// Completions' retention, and a later move to `previous_response_id` then fails, only on
    /// the second turn.
    ///
    /// ## Example
    /// ```python
    /// first = client.responses.create(model="gpt-5.5", input="Hi", store=False)
    /// later = client.responses.create(model="gpt-5.5", previous_response_id=first.id, input="More")
    /// ```
    /// Use instead:
    /// ```python
    /// first = client.responses.create(model="gpt-5.5", input="Hi", store=True)
    /// ```
    /// or replay the history yourself (`input=history + first.output`) and keep `store=False`.
    ///
    /// ## Fix safety
    /// No fix: storing responses is a retention decision, and replaying history is a rewrite.
    pub struct PreviousResponseNotStored {
        name: "previous-response-not-stored",
        summary: "`previous_response_id` chains onto a response created with `store=False`",
        reviews_responses: true,
    }
}

/// The name a call's result is assigned to, read from the source before the call on its line
/// (`first = client…`, `const first = await client…`, `let first = client…`).
fn assigned_name(source: &str, call_start: usize) -> Option<&str> {
    let line_start = source[..call_start].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..call_start].trim_end();
    let before = before.strip_suffix("await").unwrap_or(before).trim_end();
    let before = before.strip_suffix('=')?;
    if before.ends_with(['=', '!', '<', '>', '+', '-', '*', '/']) {
        return None;
    }
    let target = before.trim_end();
    let start = target
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &target[start..];
    (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then_some(name)
}

impl Rule for PreviousResponseNotStored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !on_responses(unit) {
            return;
        }
        let Some(previous) = unit.request.body.entry("previous_response_id") else {
            return;
        };
        let Some(source) = ctx.source_of(&previous.value) else {
            return;
        };
        let unstored = ctx.units.iter().filter(|other| {
            on_responses(other)
                && matches!(
                    other.request.body.get("store").map(|v| &v.kind),
                    Some(Kind::Bool(false))
                )
        });
        for other in unstored {
            let Some(name) = assigned_name(ctx.source, other.request.span.start) else {
                continue;
            };
            let chains = source
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .any(|token| token == format!("{name}.id"));
            if !chains {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    previous.span.unwrap_or(unit.request.span),
                    format!("`previous_response_id` chains onto `{name}`, which was created with `store` set to false: the API answers `previous_response_not_found`"),
                )
                .with_help("store the response it continues (set `store` to true), or replay the history as `input` instead")
                .blocking(),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::assigned_name;

    #[test]
    fn finds_the_assigned_name() {
        let text = "first = client.responses.create()\n    const later = await client.responses.create()\nif x == client.responses.create()\n";
        let at = |needle: &str, n: usize| text.match_indices(needle).nth(n).unwrap().0;
        assert_eq!(assigned_name(text, at("client", 0)), Some("first"));
        assert_eq!(assigned_name(text, at("client", 1)), Some("later"));
        assert_eq!(assigned_name(text, at("client", 2)), None);
    }
}
