use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a string that names the Chat Completions endpoint (`/v1/chat/completions`)
    /// in code, when responsify cannot tie it to one request body it migrates: a path
    /// constant, a URL built with `format!`, a URL kept for later. A path that code serves
    /// rather than calls (a route of an OpenAI-compatible server: `@app.post(...)`,
    /// `app.post("/v1/chat/completions", handler)`, axum's `.route(...)`, a `match` or
    /// `switch` on the request path) and a path inside a request to another provider's URL
    /// are not reported.
    ///
    /// ## Why migrate
    /// Raw HTTP clients call the endpoint without an SDK. Moving them to Responses means
    /// changing the URL, the body and the parsing of the reply together; replacing the
    /// path alone sends a chat body to `/v1/responses`, which rejects it. Path constants are
    /// also often shared by several providers, most of which have no `/v1/responses`.
    ///
    /// ## Example
    /// ```rust
    /// const CHAT_PATH: &str = "/v1/chat/completions";
    /// ```
    ///
    /// ## Fix safety
    /// No fix. A reqwest request written as `.post("https://api.openai.com/v1/chat/completions")
    /// .json(&json!({..}))` is migrated as a whole (URL and body) by
    /// `chat-completions-request`; anything else needs a person.
    pub struct ChatCompletionsUrl {
        name: "chat-completions-url",
        summary: "URLs of the Chat Completions endpoint that responsify will not rewrite alone",
        severity: "An OpenAI or bare Chat Completions URL or path is a **warning**: a person moves the HTTP call, its body and its parsing together. Another server's URL is noted by `third-party-endpoint` at **info**; Azure's deployment route by `azure-dated-api-version`.",
    }
}

impl Rule for ChatCompletionsUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::ChatCompletionsUrl,
            "move the HTTP call to `/v1/responses` together with its body and the parsing of its reply",
        ));
    }
}
