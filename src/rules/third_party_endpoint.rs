use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports Chat Completions calls on a client whose base URL is not OpenAI's, or cannot be
    /// proven to be: another provider, a local server, or a value read from configuration
    /// with no OpenAI fallback. These calls are never rewritten.
    ///
    /// A client responsify cannot trace (a parameter) in a Python file that imports another
    /// provider's SDK with the same `chat.completions` methods (groq, Cerebras, Fireworks,
    /// Together, Hugging Face, Zhipu AI, SambaNova) and not the openai SDK is taken for that
    /// provider's client and noted the same way.
    ///
    /// A base URL read from the environment (`OpenAI()` with no base URL reads
    /// `OPENAI_BASE_URL`; `os.getenv("LLM_URL", ...)` reads `LLM_URL`) is looked up in the
    /// environment files the project ships: the nearest `.env`, `.env.example` (and the other
    /// `.env.*` templates, `.envrc`), Dockerfile `ENV` or docker-compose `environment:` up the
    /// tree, to the repository's root. One that sets the variable (or `OPENAI_API_BASE`) to another server holds the
    /// call like a base URL written in the code, naming the file and line. A model that
    /// belongs to another provider's family (`deepseek-chat`, `llama3.2`, `claude-*`,
    /// `gemini-*`, `qwen*`, `mixtral-*`) on such a client holds it too: OpenAI does not serve
    /// it, so the environment must point elsewhere; the note asks you to confirm.
    ///
    /// ## Why migrate
    /// Many OpenAI-compatible servers implement Chat Completions but not `/v1/responses`, or
    /// only part of it. A call moved to Responses on such a server fails. A client built with
    /// no base URL is OpenAI's; a base URL read from the environment with OpenAI's URL as the
    /// fallback migrates, as an unsafe fix.
    ///
    /// ## Example
    /// ```python
    /// client = OpenAI(base_url="http://localhost:11434/v1")
    /// client.chat.completions.create(model="llama3", messages=messages)
    /// ```
    ///
    /// ## Fix safety
    /// No fix. If the server does serve the Responses API, declare it with
    /// `--responses-provider URL` and its calls migrate like OpenAI's.
    pub struct ThirdPartyEndpoint {
        name: "third-party-endpoint",
        summary: "calls to servers that may not implement the Responses API",
        severity: "A server responsify cannot prove is OpenAI's (a base URL from configuration, an environment variable with no fallback, a `provider` or `default_query` option) is a **warning**: a person decides. Another server named in the code is left alone on purpose: a note (**info**), which never fails a run.",
    }
}

impl Rule for ThirdPartyEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::UnprovenServer,
            "if the server implements `/v1/responses`, declare it with `--responses-provider URL`; otherwise point the client at OpenAI's URL or keep the call on Chat Completions",
        ));
        // Only a model name showed another server: its URL is the environment's.
        let help = if unit.base_url.is_none() && !unit.base_url_env.is_empty() {
            "if the server the environment points the client at implements `/v1/responses`, pass its URL as the client's base URL and declare it with `--responses-provider URL`"
        } else {
            "if the server implements `/v1/responses`, declare it with `--responses-provider URL` and its calls migrate like OpenAI's"
        };
        out.extend(flag(unit, Hold::OtherServer, help));
    }
}
