use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::Unit;

declare_rule! {
    /// ## What it does
    /// Reports `openai.ChatCompletion.create` and `.acreate`, the API of openai < 1.0.
    ///
    /// ## Why migrate
    /// These names raise an error in every openai release since 1.0, and the Responses API
    /// exists only in the new client. The migration is two steps: move to the v1 client
    /// (`client = OpenAI()` and `client.chat.completions.create`, with dict-style reads such as
    /// `resp["choices"][0]["message"]["content"]` turned into attributes), then run responsify
    /// again for the Responses step.
    ///
    /// ## Example
    /// ```python
    /// openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages)
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the client upgrade touches code beyond the call.
    pub struct LegacyOpenaiSdk {
        name: "legacy-openai-sdk",
        summary: "openai < 1.0 `ChatCompletion` calls: upgrade the client first",
    }
}

impl Rule for LegacyOpenaiSdk {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Self::META.name,
            "upgrade to the v1 client (`OpenAI().chat.completions.create`), then run responsify again",
        ));
    }
}
