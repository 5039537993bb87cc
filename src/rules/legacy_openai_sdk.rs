use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports `openai.ChatCompletion.create` and `.acreate`, the API of the Python openai
    /// < 1.0, and `OpenAIApi.createChatCompletion`, the API of the Node openai v3.
    ///
    /// ## Why migrate
    /// These names are gone from every current release of the SDKs, and the Responses API
    /// exists only in the new clients. The migration is two steps: move to the current client
    /// (Python: `client = OpenAI()` and `client.chat.completions.create`, with dict-style reads
    /// such as `resp["choices"][0]["message"]["content"]` turned into attributes; Node:
    /// `new OpenAI()` and `client.chat.completions.create`, with `resp.data.choices` read as
    /// `resp.choices`), then run responsify again for the Responses step.
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
        summary: "legacy SDK calls (Python openai < 1.0, Node v3 `OpenAIApi`): upgrade the client first",
        severity: "**warning**: a person upgrades the SDK first.",
    }
}

impl Rule for LegacyOpenaiSdk {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::LegacySdk,
            "upgrade to the current client (`client.chat.completions.create`), then run responsify again",
        ));
    }
}
