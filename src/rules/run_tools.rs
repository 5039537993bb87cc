use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports `client.chat.completions.runTools(...)` (and `client.beta.chat.completions.runTools`)
    /// of the `openai` npm package: the helper that runs a whole tool-calling loop for you.
    ///
    /// ## Why migrate
    /// The Responses API has no `runTools` helper, so there is nothing to rename it to. The loop
    /// has to be written out: call `responses.create`, run each `function_call` item of the
    /// output, send the results back as `function_call_output` items keyed by `call_id`, and
    /// repeat until the output has no function calls.
    ///
    /// ## Example
    /// ```ts
    /// const runner = client.chat.completions.runTools({ model: "gpt-5.5", messages, tools });
    /// console.log(await runner.finalContent());
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the loop the helper ran is code responsify cannot write for you.
    pub struct RunTools {
        name: "run-tools",
        summary: "`runTools` has no Responses twin: write the tool loop out",
        severity: "**warning**: a person rewrites the tool loop.",
    }
}

impl Rule for RunTools {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::RunTools,
            "call `responses.create` in a loop: run each `function_call` item and send back a `function_call_output` with its `call_id`",
        ));
    }
}
