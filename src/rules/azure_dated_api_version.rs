use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports Chat Completions calls on an Azure client with a dated API version: Python's and
    /// Node's `AzureOpenAI` with a dated `api_version` / `apiVersion`, and async-openai's
    /// `AzureConfig` (which always routes through `/deployments/{id}`).
    ///
    /// ## Why migrate
    /// Azure routes Responses differently from chat: it is not deployment-routed, and dated
    /// API versions support it unevenly. The recommended target is Azure's v1 endpoint, which
    /// the plain client reaches: `OpenAI(base_url="https://RESOURCE.openai.azure.com/openai/v1/",
    /// api_key=...)` in Python, `new OpenAI({ baseURL: ... })` in Node,
    /// `OpenAIConfig::new().with_api_base(...)` in Rust, with the deployment name as `model`.
    /// Calls on such a client migrate.
    ///
    /// ## Example
    /// ```python
    /// client = AzureOpenAI(api_version="2024-02-01", azure_endpoint=endpoint)
    /// ```
    ///
    /// ## Fix safety
    /// No fix: switch the client to the v1 endpoint first, then run responsify again.
    pub struct AzureDatedApiVersion {
        name: "azure-dated-api-version",
        summary: "Azure clients on a dated api_version: move to the v1 endpoint first",
        severity: "**warning**: a person moves the client to the v1 endpoint.",
    }
}

impl Rule for AzureDatedApiVersion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::AzureDatedApiVersion,
            "point the plain OpenAI client at https://RESOURCE.openai.azure.com/openai/v1/ with the deployment as `model`, then run responsify again",
        ));
    }
}
