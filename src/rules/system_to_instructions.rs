use super::helpers::{messages, role};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Change, Diagnostic, Fix};
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Moves a single leading system (or developer) message with text content into the
    /// top-level `instructions` parameter. Opt-in: select it by name.
    ///
    /// ## Why migrate
    /// `instructions` is the Responses API's place for the standing instructions of a request.
    /// Keeping the system message in `input` is valid too, which is why this rule is off
    /// unless selected.
    ///
    /// ## Example
    /// ```json
    /// {"model": "gpt-5.5", "messages": [{"role": "system", "content": "Be brief."},
    ///   {"role": "user", "content": "Hi"}]}
    /// ```
    /// Use instead:
    /// ```json
    /// {"model": "gpt-5.5", "input": [{"role": "user", "content": "Hi"}], "instructions": "Be brief."}
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `instructions` are not carried over to later turns that chain with
    /// `previous_response_id`, so code that chains must resend them every turn.
    pub struct SystemToInstructions {
        name: "system-to-instructions",
        summary: "a single leading system message can become `instructions` (opt-in)",
        opt_in: true,
    }
}

impl Rule for SystemToInstructions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let all = messages(unit);
        let [first, rest @ ..] = all else { return };
        let is_instruction = |m| matches!(role(m), Some("system" | "developer"));
        // `instructions` written already (a half-done migration): the system message stays
        // an input item rather than overwrite or merge with them.
        let written = unit.request.body.get_present("instructions").is_some();
        if written || !is_instruction(first) || rest.is_empty() || rest.iter().any(is_instruction) {
            return;
        }
        let (Some(span), Some(content)) = (first.span, first.get("content")) else {
            return;
        };
        if content.as_str().is_none() || first.get("name").is_some() {
            return;
        }
        out.push(
            Diagnostic::new(
                Self::META.name,
                span,
                "the leading system message can be the request's `instructions`",
            )
            .with_help(
                "resend `instructions` on every turn that chains with `previous_response_id`",
            )
            .with_fix(Fix::unsafe_(
                "Move the system message to `instructions`",
                vec![
                    Change::Remove { span },
                    Change::SetParam {
                        path: vec!["instructions".into()],
                        value: content.clone(),
                    },
                ],
            )),
        );
    }
}
