//! Judgement, written once for every language: is a client OpenAI's, and may responsify
//! rewrite what it sends?
//!
//! Front ends only lift syntax into [`ClientFacts`]: which constructor built the client, and
//! where each option that decides the server comes from (a literal, an environment variable
//! with its fallback, a URL built from pieces, or something responsify cannot read). This
//! module turns the facts into a [`Judged`] client, so the same client written in Python,
//! TypeScript or Rust gets the same verdict with the same reason (tests/classification.rs
//! proves it through the binary).
//!
//! The verdicts, and why:
//! - no base URL, OpenAI's URL, or Azure's v1 surface: OpenAI's API, migrate;
//! - a base URL read from the environment whose fallback is OpenAI's: migrate, but the fix is
//!   unsafe and says a deployment may point it elsewhere;
//! - another server named in the code, or as the environment's fallback: left alone (it may
//!   well speak only Chat Completions, and that is fine);
//! - a base URL responsify cannot read, an environment variable with no fallback, or an option
//!   that redirects the client (`provider`, `default_query`): not proven OpenAI, a person
//!   decides;
//! - a custom transport (`fetch`, `http_client`): OpenAI's API as far as responsify can see,
//!   never a safe fix;
//! - Azure's deployment-routed surface (a dated `api-version`, `/openai/deployments/...`):
//!   a person moves it to the v1 endpoint.

use crate::model::{Hold, Verdict};

/// Where the value of a client option comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Literal(String),
    /// An environment variable, with the literal used when it is unset.
    Env {
        var: String,
        fallback: Option<String>,
    },
    /// A string built from pieces (`f"{endpoint}/openai/v1/"`, `` `${base}/openai/v1` ``,
    /// `format!(..)`): the literal parts, with `{}` where the unknown parts go.
    Template(String),
    /// Anything else (configuration, a parameter, a call), as written in the source.
    Unknown(String),
}

/// Which constructor built the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constructor {
    /// `OpenAI()`, `new OpenAI()`, async-openai's `OpenAIConfig`.
    OpenAi,
    /// `AzureOpenAI()`, `new AzureOpenAI()`, async-openai's `AzureConfig`.
    Azure,
}

/// What a front end saw of one client's construction.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientFacts {
    pub constructor: Constructor,
    /// `base_url` / `baseURL` / `with_api_base`.
    pub base_url: Option<Origin>,
    /// Azure's `api_version` / `apiVersion`; `None` when the SDK reads it from
    /// `OPENAI_API_VERSION`.
    pub api_version: Option<Origin>,
    /// Options that send the requests to another service, as written (`provider`,
    /// `default_query`, `defaultQuery`).
    pub redirects: Vec<String>,
    /// Options that put custom code between the client and the network, as written
    /// (`fetch`, `http_client`, a transport).
    pub transports: Vec<String>,
    /// The options are spread in or built elsewhere (`...opts`, `**kwargs`, a variable), as
    /// written: the base URL may be among them.
    pub hidden_options: Option<String>,
}

impl ClientFacts {
    pub fn new(constructor: Constructor) -> Self {
        ClientFacts {
            constructor,
            base_url: None,
            api_version: None,
            redirects: Vec::new(),
            transports: Vec::new(),
            hidden_options: None,
        }
    }
}

/// The judgement on one client, ready to be put on every unit that uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub verdict: Verdict,
    /// OpenAI's API unless a deployment says otherwise: the fix is unsafe, for this reason.
    pub caveat: Option<String>,
    /// The client could not be traced to where it is built: responsify cannot vouch for the
    /// server, so the fix is only displayed.
    pub untraced: Option<String>,
    /// The server the client talks to, when it is named and not OpenAI's (for the providers
    /// a user declares Responses-capable).
    pub server: Option<String>,
    /// The environment variables the client's base URL is read from, when it is read from the
    /// environment: named in the code (`base_url=os.getenv("LLM_URL", ...)`), or, for a
    /// client built with no base URL, the ones the SDK itself reads (`OPENAI_BASE_URL`). The
    /// engine asks the environment files the project ships what they set them to (see
    /// [`crate::project_env`]).
    pub base_url_env: Vec<String>,
    /// The module specifier the client's class was imported from, when it may carry the
    /// SDK's version (`npm:openai@4.20.0`, `https://esm.sh/openai@4.20.0`): a pin for this
    /// file alone (see [`crate::sdk_pins::specifier_pin`]).
    pub sdk_specifier: Option<String>,
}

/// The variables openai-python and openai-node read their base URL from when the code names
/// none: `OPENAI_BASE_URL`, and `OPENAI_API_BASE`, which openai-python before 1.0 read and
/// which projects still set for the libraries and gateways that read it (LangChain, LiteLLM):
/// a project that sets either to another server means its clients to go there.
pub const SDK_BASE_URL_VARS: &[&str] = &["OPENAI_BASE_URL", "OPENAI_API_BASE"];

/// Parameters that only a wrapper library's patched `create` takes, and the library.
const WRAPPER_PARAMETERS: &[(&str, &str)] = &[("response_model", "instructor")];

impl Judged {
    pub fn openai() -> Judged {
        Judged {
            verdict: Verdict::Migrate,
            caveat: None,
            untraced: None,
            server: None,
            base_url_env: Vec::new(),
            sdk_specifier: None,
        }
    }

    /// Whether this is the plain judgement of an OpenAI client ([`Judged::openai`]), whatever
    /// it knows of the environment and the SDK's specifier: nothing to tell apart from
    /// another client's.
    pub fn is_plain(&self) -> bool {
        Judged {
            base_url_env: Vec::new(),
            sdk_specifier: None,
            ..self.clone()
        } == Judged::openai()
    }

    fn with_caveat(why: String) -> Judged {
        Judged {
            caveat: Some(why),
            ..Judged::openai()
        }
    }

    /// A client responsify could not trace to its constructor.
    pub fn untraced(why: impl Into<String>) -> Judged {
        Judged {
            untraced: Some(why.into()),
            ..Judged::openai()
        }
    }

    pub fn hold(kind: Hold, detail: impl Into<String>) -> Judged {
        Judged {
            verdict: Verdict::hold(kind, detail),
            ..Judged::openai()
        }
    }

    /// Not an OpenAI client at all: another library, a look-alike class.
    pub fn not_openai(why: impl Into<String>) -> Judged {
        Judged::hold(Hold::NotOpenAi, why)
    }

    /// A call whose parameters name a wrapper library's own keyword is that library's call,
    /// whatever the client: instructor patches the client in place and adds
    /// `response_model` (in Python and in instructor-js alike).
    pub fn for_call(self, parameters: impl IntoIterator<Item = impl AsRef<str>>) -> Judged {
        for name in parameters {
            if let Some(library) = WRAPPER_PARAMETERS
                .iter()
                .find(|(p, _)| *p == name.as_ref())
                .map(|(_, l)| l)
            {
                return Judged::not_openai(format!("`{}` is {library}'s", name.as_ref()));
            }
        }
        self
    }

    /// The verdict on a call that is held back for `kind` when its client is OpenAI's (the
    /// stored completions API, a Batch for the chat endpoint): a client that is not OpenAI's
    /// (another library, another server) keeps its own verdict.
    pub fn held_for(&self, kind: Hold, reason: impl Into<String>) -> Verdict {
        match &self.verdict {
            Verdict::Migrate => Verdict::hold(kind, reason),
            own => own.clone(),
        }
    }

    /// Put the judgement on a unit that uses the client.
    pub fn apply_to(&self, unit: &mut crate::model::Unit) {
        unit.verdict = self.verdict.clone();
        unit.unseen.extend(self.untraced.clone());
        unit.caveats.extend(self.caveat.clone());
        if unit.base_url.is_none() {
            unit.base_url = self.server.clone();
        }
        unit.base_url_env = self.base_url_env.clone();
        unit.sdk_specifier = self.sdk_specifier.clone();
    }
}

/// What a URL is, as far as the endpoint goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKind {
    /// `https://api.openai.com/...`
    OpenAi,
    /// Azure OpenAI's v1 surface (`https://NAME.openai.azure.com/openai/v1`), which serves
    /// the Responses API with OpenAI's paths.
    AzureV1,
    /// Azure OpenAI routed by deployment (`/openai/deployments/NAME/...`), or an Azure
    /// resource without the v1 path: a dated `api-version`.
    AzureDeployments,
    /// Any other server.
    Other,
}

/// Judge a URL (or a base URL) by its host and path.
pub fn url_kind(url: &str) -> UrlKind {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', ':', '?']).next().unwrap_or("");
    let path = &rest[host.len()..];
    let azure_host = azure_host_name(host);
    if host == "api.openai.com" {
        UrlKind::OpenAi
    } else if azure_host && path.contains("/openai/v1") {
        UrlKind::AzureV1
    } else if azure_host || path.contains("/openai/deployments/") {
        UrlKind::AzureDeployments
    } else {
        UrlKind::Other
    }
}

/// Azure OpenAI's resource hosts.
fn azure_host_name(host: &str) -> bool {
    host.ends_with(".openai.azure.com")
        || host.ends_with(".cognitiveservices.azure.com")
        || host.ends_with(".services.ai.azure.com")
}

/// Whether a URL's host is an Azure OpenAI resource's, whatever its path.
pub fn is_azure_host(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    azure_host_name(rest.split(['/', ':', '?']).next().unwrap_or(""))
}

/// Hold a request whose model belongs to another provider's family (`deepseek-chat`,
/// `llama3.2`, see [`crate::models::other_provider`]) when its client reads the base URL
/// from the environment: OpenAI does not serve that model, so the environment must send the
/// client elsewhere, to a server that may not implement the Responses API. A note asks the
/// user to confirm; nothing is rewritten.
pub fn hold_by_model(unit: &mut crate::model::Unit) {
    if unit.base_url_env.is_empty()
        || unit.verdict != Verdict::Migrate
        || unit.request.endpoint != crate::model::Endpoint::ChatCompletions
    {
        return;
    }
    let model = unit
        .request
        .body
        .get("model")
        .and_then(|m| m.as_str())
        .or(unit.model_name.as_deref());
    let Some((model, whose)) = model.and_then(|m| Some((m, crate::models::other_provider(m)?)))
    else {
        return;
    };
    let detail = format!(
        "the model {model:?} is {whose}, not OpenAI's: ${} must point this client at another server, which may not implement the Responses API (confirm where it points)",
        unit.base_url_env[0]
    );
    unit.verdict = Verdict::hold(Hold::OtherServer, detail);
}

/// Request bodies with no client to judge (a JSON body, a Batch line in a `.jsonl` file or
/// built in code) whose model is another provider's (`meta-llama/llama-4-maverick`,
/// `claude-3-5-sonnet`): written for that provider's Chat Completions API, left alone
/// without a word. A Batch file goes to one provider, so one such line holds every line of
/// its group.
pub fn hold_other_provider_bodies(units: &mut [crate::model::Unit]) {
    use crate::model::{BatchRole, Endpoint, Site};
    let body_only = |u: &crate::model::Unit| {
        u.request.endpoint == Endpoint::ChatCompletions
            && u.verdict == Verdict::Migrate
            && (matches!(u.request.site, Site::Body | Site::BatchLine { .. })
                || matches!(u.batch, Some(BatchRole::Line { .. })))
    };
    let mut held_groups = Vec::new();
    for unit in units.iter_mut().filter(|u| body_only(u)) {
        let model = unit.request.body.get("model").and_then(|m| m.as_str());
        let Some((model, whose)) =
            model.and_then(|m| Some((m.to_string(), crate::models::other_provider(m)?)))
        else {
            continue;
        };
        unit.verdict = Verdict::hold(
            Hold::NotOpenAi,
            format!("the model {model:?} is {whose}: the request is written for another provider"),
        );
        held_groups.extend(unit.group);
    }
    for unit in units.iter_mut().filter(|u| body_only(u)) {
        if unit.group.is_some_and(|g| held_groups.contains(&g)) {
            unit.verdict = Verdict::hold(
                Hold::NotOpenAi,
                "another line of this batch is for another provider's model, and a batch goes to one provider",
            );
        }
    }
}

/// Judge a built URL by its literal parts: the host is unknown, but `/openai/v1` and
/// `/openai/deployments/` say which Azure surface it is.
fn template_kind(parts: &str) -> Option<UrlKind> {
    let lower = parts.to_ascii_lowercase();
    if let Some(kind) = Some(url_kind(&lower)).filter(|k| *k != UrlKind::Other) {
        if lower.contains("://") || kind != UrlKind::AzureDeployments {
            return Some(kind);
        }
    }
    if lower.contains("/openai/v1") {
        Some(UrlKind::AzureV1)
    } else if lower.contains("/openai/deployments") {
        Some(UrlKind::AzureDeployments)
    } else if names_another_host(&lower) {
        Some(UrlKind::Other)
    } else {
        None
    }
}

/// A template whose host is written out up to its domain (`https://bedrock.{}.api.aws/v1`,
/// `http://localhost:{}/v1`): another server, whatever the substitutions hold. A host that
/// is all or mostly substitution (`https://{}/v1`, `https://{}.com`), or that names OpenAI or
/// Azure, proves nothing.
fn names_another_host(template: &str) -> bool {
    let Some((_, rest)) = template.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    let name = host.split(':').next().unwrap_or("");
    let written = name.rsplit("{}").next().unwrap_or("");
    let whole = !name.is_empty() && written == name;
    let domain = written
        .strip_prefix('.')
        .is_some_and(|d| d.contains('.') && !d.starts_with('.') && !d.ends_with('.'));
    (whole || domain) && !written.contains("openai") && !written.contains("azure")
}

/// Whether a string names the Chat Completions endpoint: a URL or a path ending in
/// `chat/completions` (a query string aside).
pub fn names_chat_endpoint(text: &str) -> bool {
    let path = text
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    !text.contains(char::is_whitespace) && path.ends_with("/chat/completions")
}

/// A URL that names the Responses endpoint (`https://api.openai.com/v1/responses`): a request
/// posted there by hand is reviewed like an SDK call on Responses.
pub fn names_responses_endpoint(text: &str) -> bool {
    let path = text
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    !text.contains(char::is_whitespace) && path.ends_with("/v1/responses")
}

/// Why a call of the stored chat completions API (`path` as written) is held back.
pub fn stored_completions_reason(path: &str) -> String {
    format!("`{path}` is the stored chat completions API")
}

/// The verdict on a hand-written HTTP request to `url`, a Chat Completions URL read to the
/// end: OpenAI's, and Azure's v1 surface, migrate with the request; Azure's deployment route
/// is dated; another server is left alone; a path without its server needs a person. The host comes back for a server that is not
/// OpenAI's.
pub fn judge_http_request(url: &str) -> (Verdict, Option<String>) {
    // A bare path whose base is out of sight may go anywhere: a person must look.
    if !url.contains("://") {
        return (judge_chat_url(url), None);
    }
    let host = url
        .split("/chat/completions")
        .next()
        .unwrap_or("")
        .to_string();
    match url_kind(url) {
        UrlKind::OpenAi | UrlKind::AzureV1 => (Verdict::Migrate, None),
        UrlKind::AzureDeployments => (
            Verdict::hold(
                Hold::AzureDatedApiVersion,
                format!("the request goes to Azure's deployment-routed {url:?}"),
            ),
            Some(host),
        ),
        UrlKind::Other => (
            Verdict::hold(
                Hold::OtherServer,
                format!("the request goes to {url:?}, another server"),
            ),
            Some(host),
        ),
    }
}

/// The verdict on a string that names the Chat Completions endpoint: OpenAI's (or a bare
/// path, which code joins to a base URL) needs a person to move the call and its parsing;
/// Azure's deployment route is dated; another server named outright is left alone.
pub fn judge_chat_url(url: &str) -> Verdict {
    let absolute = url.contains("://");
    match url_kind(url) {
        UrlKind::AzureDeployments => Verdict::hold(
            Hold::AzureDatedApiVersion,
            format!("{url:?} is Azure's deployment-routed Chat Completions endpoint"),
        ),
        UrlKind::Other if absolute && !url.starts_with('{') => Verdict::hold(
            Hold::OtherServer,
            format!("{url:?} is another server's Chat Completions endpoint"),
        ),
        _ => Verdict::hold(
            Hold::ChatCompletionsUrl,
            format!("{url:?} is the Chat Completions endpoint"),
        ),
    }
}

/// Words that name an API in a definition's name (`OpenAIChatCompletionsModel`,
/// `chat_completion`, `ResponsesModel`, `create_response`), lowercased.
fn names_api(names: &[String], words: &[&str]) -> bool {
    names.iter().any(|n| {
        let lower = n.to_ascii_lowercase();
        words.iter().any(|w| lower.contains(w))
    })
}

/// `responses` in the plural: `get_response` names a reply, not the API.
const RESPONSES_WORDS: &[&str] = &["responses"];

/// The call of a branch that names the Responses API (see `Unit::responses_branch`), from
/// where in `text` its callees are written: the SDK's own (`client.responses.create`) first, then any
/// named for the API (`_stream_responses`, `complete_via_responses_api`).
pub fn responses_call(
    text: &str,
    callees: impl IntoIterator<Item = crate::model::Span>,
) -> Option<String> {
    let named: Vec<&str> = callees
        .into_iter()
        .filter_map(|at| text.get(at.start..at.end))
        .filter(|c| names_api(&[c.to_string()], RESPONSES_WORDS))
        .collect();
    named
        .iter()
        .find(|c| c.contains(".responses."))
        .or(named.first())
        .map(|c| c.to_string())
}

/// A Chat Completions path kept on purpose beside a Responses twin: the file has a request
/// on each API, the chat one inside a definition named for chat and the Responses one inside
/// a definition named for Responses (a model class per API, a `provider` switch offering both).
/// So is a chat request that its function falls back to after a branch that turns to the
/// Responses API and returns (`Unit::responses_branch`). Rewriting the chat twin would only
/// duplicate the other one.
pub fn hold_chat_twins(units: &mut [crate::model::Unit]) {
    use crate::model::Endpoint;
    // The fallback of a function that turns to the Responses API first is its twin too.
    for unit in units.iter_mut() {
        if unit.request.endpoint != Endpoint::ChatCompletions || unit.verdict != Verdict::Migrate {
            continue;
        }
        if let Some(branch) = &unit.responses_branch {
            let home = match unit.enclosing.join(".") {
                home if home.is_empty() => "this function".to_string(),
                home => format!("`{home}`"),
            };
            unit.verdict = Verdict::hold(
                Hold::ChatTwin,
                format!(
                    "{home} turns to the Responses API first (`{branch}`): this request is its Chat Completions fallback"
                ),
            );
        }
    }
    let twin = units.iter().any(|u| {
        u.request.endpoint == Endpoint::Responses
            && u.verdict == Verdict::Migrate
            && names_api(&u.enclosing, RESPONSES_WORDS)
    });
    if !twin {
        return;
    }
    for unit in units.iter_mut() {
        if unit.request.endpoint == Endpoint::ChatCompletions
            && unit.verdict == Verdict::Migrate
            && names_api(&unit.enclosing, &["chat", "completion"])
            && !names_api(&unit.enclosing, RESPONSES_WORDS)
        {
            let home = unit.enclosing.join(".");
            unit.verdict = Verdict::hold(
                Hold::ChatTwin,
                format!("`{home}` is the Chat Completions twin of a Responses path in this file"),
            );
        }
    }
}

/// Other providers' SDKs whose clients copy the openai SDK's `chat.completions` methods, by
/// the module a file imports (Python) or the package (JavaScript): a client the front end
/// cannot trace, in a file that imports one of these and not the openai SDK, is taken for
/// that provider's.
const LOOKALIKE_SDKS: &[(&str, &str)] = &[
    ("groq", "groq"),
    ("cerebras.cloud.sdk", "Cerebras"),
    ("fireworks", "Fireworks"),
    ("together", "Together"),
    ("huggingface_hub", "Hugging Face"),
    ("zhipuai", "Zhipu AI"),
    ("sambanova", "SambaNova"),
    ("groq-sdk", "groq"),
    ("@cerebras/cerebras_cloud_sdk", "Cerebras"),
    ("together-ai", "Together"),
    ("@huggingface/inference", "Hugging Face"),
];

/// The provider whose look-alike SDK `module` is (or is a submodule of), if any.
pub fn lookalike_sdk(module: &str) -> Option<&'static str> {
    LOOKALIKE_SDKS.iter().find_map(|(sdk, provider)| {
        let within = module == *sdk
            || module
                .strip_prefix(sdk)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('/'));
        within.then_some(*provider)
    })
}

/// A client of another provider's look-alike SDK (see [`lookalike_sdk`]): left alone, with a
/// note rather than without a word, since the client itself is not seen.
pub fn lookalike_client(provider: &str, receiver: &str) -> Judged {
    Judged::hold(Hold::OtherServer, format!(
        "this file imports the {provider} SDK and not the openai SDK: `{receiver}` is taken for its client, whose `chat.completions` look like openai's"
    ))
}

/// A request on the Responses API whose model and conversation are written out in full:
/// what a Chat Completions request beside it may be shown against (see [`hold_shown_twins`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    model: String,
    conversation: Vec<(String, String)>,
}

/// The Responses requests of a text that a chat request could be the twin of.
pub fn shown_on_responses(units: &[crate::model::Unit]) -> Vec<Shown> {
    use crate::model::Endpoint;
    units
        .iter()
        .filter(|u| u.request.endpoint == Endpoint::Responses)
        .filter_map(|u| {
            let body = &u.request.body;
            let input = body.get("input")?;
            let conversation = match input.as_str() {
                Some(text) => vec![("user".to_string(), text.to_string())],
                None => spelled_out(input)?,
            };
            Some(Shown {
                model: body.get("model")?.as_str()?.to_string(),
                conversation,
            })
        })
        .collect()
}

/// A Chat Completions request shown beside the same request on the Responses API (a
/// notebook or a tutorial that contrasts the two): the document also sends the same model
/// the same conversation, written out in full, through `responses`. Migrating the chat one
/// would only repeat the other and take the contrast away. A conversation with a value the
/// front end cannot see into (a variable) is no proof of one: a half-migrated file sends
/// such values through both APIs.
///
/// Only documents that show code (notebooks, Markdown) are read this way: in a module two
/// such requests are one migrated and one not yet, and `shown` is what the text held
/// before this run's fixes, so a request the run has just migrated is no twin of the next.
pub fn hold_shown_twins(units: &mut [crate::model::Unit], shown: &[Shown]) {
    use crate::model::Endpoint;
    if shown.is_empty() {
        return;
    }
    for unit in units.iter_mut() {
        if unit.request.endpoint != Endpoint::ChatCompletions || unit.verdict != Verdict::Migrate {
            continue;
        }
        let body = &unit.request.body;
        let (Some(model), Some(conversation)) = (
            body.get("model").and_then(|m| m.as_str()),
            body.get("messages").and_then(spelled_out),
        ) else {
            continue;
        };
        if shown
            .iter()
            .any(|s| s.model == model && s.conversation == conversation)
        {
            unit.verdict = Verdict::hold(
                Hold::ChatTwin,
                format!(
                    "this file sends `{model}` the same conversation through the Responses API: this Chat Completions request is shown beside it"
                ),
            );
        }
    }
}

/// The turns of a conversation written out as literals (`[{"role": "user", "content": "Hi"}]`)
/// as (role, text) pairs; `None` when any part of it is not a literal string.
fn spelled_out(messages: &crate::model::Value) -> Option<Vec<(String, String)>> {
    let turns = messages.as_list()?;
    if turns.is_empty() {
        return None;
    }
    turns
        .iter()
        .map(|turn| {
            let entries = turn.entries()?;
            if entries.len() != 2 {
                return None;
            }
            let role = turn.get("role")?.as_str()?;
            let content = turn.get("content")?.as_str()?;
            Some((role.to_string(), content.to_string()))
        })
        .collect()
}

/// A Chat Completions adapter kept on purpose in a module of its own, beside its Responses
/// twin in a sibling module (`models/openai_chatcompletions.py` and
/// `models/openai_responses.py`, `openaiChatCompletionsModel.ts` and
/// `openaiResponsesModel.ts`): the chat request sits in a definition named for both words of
/// the API, the file's name says Chat Completions, and the sibling whose name says Responses
/// instead calls the Responses API. Held like a twin in one file.
pub fn hold_sibling_chat_twins(units: &mut [crate::model::Unit], path: &std::path::Path) {
    use crate::model::Endpoint;
    let candidate = |u: &crate::model::Unit| {
        u.request.endpoint == Endpoint::ChatCompletions
            && u.verdict == Verdict::Migrate
            && names_api(&u.enclosing, &["chat"])
            && names_api(&u.enclosing, &["completion"])
            && !names_api(&u.enclosing, RESPONSES_WORDS)
    };
    if !units.iter().any(candidate) {
        return;
    }
    let Some(twin) = sibling_twin(path) else {
        return;
    };
    for unit in units.iter_mut().filter(|u| candidate(u)) {
        let home = unit.enclosing.join(".");
        unit.verdict = Verdict::hold(
            Hold::ChatTwin,
            format!(
                "`{home}` is the Chat Completions twin of the Responses path in {}",
                crate::walk::display_path(&twin)
            ),
        );
    }
}

/// The sibling of a file named for Chat Completions whose name says Responses instead, when
/// it calls the Responses API.
fn sibling_twin(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let folded = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let stem = folded(path.file_stem()?.to_str()?);
    let wanted = ["chatcompletions", "chatcompletion"]
        .iter()
        .find(|w| stem.contains(*w))
        .map(|w| stem.replacen(w, "responses", 1))?;
    let extension = path.extension()?.to_str()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    std::fs::read_dir(dir).ok()?.flatten().find_map(|entry| {
        let other = entry.path();
        let same_kind = other.extension().and_then(|e| e.to_str()) == Some(extension);
        let named = other
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| folded(s) == wanted);
        if !(same_kind && named) {
            return None;
        }
        let bytes = std::fs::read(&other).ok()?;
        ["responses.create", "responses.stream", "responses.parse"]
            .iter()
            .any(|call| memchr::memmem::find(&bytes, call.as_bytes()).is_some())
            .then_some(other)
    })
}

/// The Azure guidance, in every language's terms.
pub const AZURE_V1_GUIDANCE: &str = "Azure OpenAI serves the Responses API on its v1 endpoint: \
     point an OpenAI client at `https://RESOURCE.openai.azure.com/openai/v1/` and pass the \
     deployment name as the model";

/// The one judgement of a client built by a constructor responsify knows.
pub fn judge(facts: &ClientFacts) -> Judged {
    if let Some(option) = facts.redirects.first() {
        return Judged::hold(
            Hold::UnprovenServer,
            format!(
                "the client's `{option}` option sends requests to another service, which may not serve the Responses API"
            ),
        );
    }
    let mut judged = match facts.constructor {
        Constructor::Azure => judge_azure(facts),
        Constructor::OpenAi => match &facts.base_url {
            None => match &facts.hidden_options {
                Some(options) => Judged::hold(
                    Hold::UnprovenServer,
                    format!(
                        "the client's options come from `{options}`, so its base URL is unknown"
                    ),
                ),
                // The SDK reads its base URL from the environment.
                None => Judged {
                    base_url_env: SDK_BASE_URL_VARS.iter().map(|v| v.to_string()).collect(),
                    ..Judged::openai()
                },
            },
            Some(origin) => judge_base_url(origin),
        },
    };
    if let (Some(Origin::Env { var, .. }), Verdict::Migrate) = (&facts.base_url, &judged.verdict) {
        judged.base_url_env = vec![var.clone()];
    }
    if judged.verdict == Verdict::Migrate && judged.caveat.is_none() {
        if let Some(transport) = facts.transports.first() {
            judged.caveat = Some(format!(
                "the client sends requests through a custom `{transport}`; check it passes `/v1/responses` on"
            ));
        }
    }
    judged
}

fn judge_azure(facts: &ClientFacts) -> Judged {
    // A v1 base URL makes even `AzureOpenAI` speak OpenAI's paths.
    if let Some(origin) = &facts.base_url {
        let judged = judge_base_url(origin);
        if judged.verdict == Verdict::Migrate {
            return judged;
        }
    }
    let detail = match &facts.api_version {
        None => "`AzureOpenAI` takes its api-version from OPENAI_API_VERSION".to_string(),
        Some(Origin::Literal(v)) => format!("`AzureOpenAI` with the dated api-version {v:?}"),
        Some(Origin::Env {
            var,
            fallback: Some(v),
        }) => format!("`AzureOpenAI` with the api-version from ${var}, by default {v:?}"),
        Some(Origin::Env {
            var,
            fallback: None,
        }) => format!("`AzureOpenAI` with the api-version from ${var}"),
        Some(Origin::Template(t) | Origin::Unknown(t)) => {
            format!("`AzureOpenAI` with the api-version `{t}`")
        }
    };
    Judged::hold(Hold::AzureDatedApiVersion, detail)
}

fn judge_base_url(origin: &Origin) -> Judged {
    match origin {
        Origin::Literal(url) => judge_named_url(url, false),
        Origin::Env {
            var,
            fallback: Some(url),
        } => match url_kind(url) {
            UrlKind::OpenAi | UrlKind::AzureV1 => Judged::with_caveat(format!(
                "the base URL comes from ${var}; a deployment may point it elsewhere"
            )),
            _ => judge_named_url(url, true),
        },
        Origin::Env {
            var,
            fallback: None,
        } => Judged::hold(
            Hold::UnprovenServer,
            format!("the client's base URL comes from ${var} with no fallback"),
        ),
        Origin::Template(parts) => match template_kind(parts) {
            Some(UrlKind::OpenAi | UrlKind::AzureV1) => Judged::with_caveat(format!(
                "the base URL is built as `{parts}`; check every deployment points it at the v1 endpoint"
            )),
            Some(UrlKind::AzureDeployments) => Judged::hold(
                Hold::AzureDatedApiVersion,
                format!("the base URL `{parts}` is Azure's deployment-routed endpoint"),
            ),
            Some(UrlKind::Other) => Judged {
                server: Some(parts.clone()),
                ..Judged::hold(
                    Hold::OtherServer,
                    format!("the client's base URL is built as `{parts}`, another server"),
                )
            },
            None => Judged::hold(
                Hold::UnprovenServer,
                format!(
                    "the client's base URL is built as `{parts}`, which responsify cannot prove is OpenAI"
                ),
            ),
        },
        Origin::Unknown(text) => Judged::hold(
            Hold::UnprovenServer,
            format!(
                "the client's base URL comes from `{text}`, which responsify cannot prove is OpenAI"
            ),
        ),
    }
}

fn judge_named_url(url: &str, by_default: bool) -> Judged {
    match url_kind(url) {
        UrlKind::OpenAi | UrlKind::AzureV1 => Judged::openai(),
        UrlKind::AzureDeployments => Judged::hold(
            Hold::AzureDatedApiVersion,
            format!("the base URL {url:?} is Azure's deployment-routed endpoint"),
        ),
        UrlKind::Other => Judged {
            server: Some(url.to_string()),
            ..if by_default {
                Judged::hold(
                    Hold::OtherServerByDefault,
                    format!("the base URL defaults to {url:?}, not OpenAI"),
                )
            } else {
                Judged::hold(
                    Hold::OtherServer,
                    format!("the client's base URL is {url:?}, another server"),
                )
            }
        },
    }
}

/// Why a test file that stubs the chat method in `places` places is noted, in the words every
/// front end reports.
pub fn chat_stub_reason(places: usize) -> String {
    let places = match places {
        1 => "1 place".to_string(),
        n => format!("{n} places in this file"),
    };
    format!("this test stubs `chat.completions.create` ({places})")
}

/// Why a test that answers the Chat Completions URL with an HTTP mock in `places` places is
/// noted, in the words every front end reports.
pub fn http_mock_reason(places: usize) -> String {
    let places = match places {
        1 => "1 place".to_string(),
        n => format!("{n} places in this file"),
    };
    format!("this test answers the Chat Completions endpoint with an HTTP mock ({places})")
}

/// The model family of a request, from what its body shows: a literal model name (through
/// the one table in [`crate::models`]), the literal a front end followed a variable to, or
/// reasoning parameters, which only reasoning models take. A model responsify cannot read is
/// `Unknown`, and so is a name the table does not know: rules that depend on the family say
/// so instead of guessing.
pub fn model_family(unit: &crate::model::Unit) -> crate::models::Family {
    use crate::models::{family, Family};
    let body = &unit.request.body;
    if ["reasoning", "reasoning_effort"]
        .iter()
        .any(|key| body.get_present(key).is_some())
    {
        return Family::Reasoning;
    }
    body.get("model")
        .and_then(|m| m.as_str())
        .or(unit.model_name.as_deref())
        .map_or(Family::Unknown, family)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn openai_with(base_url: Origin) -> Judged {
        judge(&ClientFacts {
            base_url: Some(base_url),
            ..ClientFacts::new(Constructor::OpenAi)
        })
    }

    #[test]
    fn urls_are_judged_by_host_and_path() {
        assert_eq!(url_kind("https://api.openai.com/v1"), UrlKind::OpenAi);
        assert_eq!(url_kind("HTTPS://API.OPENAI.COM"), UrlKind::OpenAi);
        assert_eq!(
            url_kind("https://api.openai.com.evil.io/v1"),
            UrlKind::Other
        );
        assert_eq!(
            url_kind("https://x.openai.azure.com/openai/v1/"),
            UrlKind::AzureV1
        );
        assert_eq!(
            url_kind("https://x.openai.azure.com/openai/deployments/d/chat/completions"),
            UrlKind::AzureDeployments
        );
        assert_eq!(url_kind("http://localhost:11434/v1"), UrlKind::Other);
    }

    #[test]
    fn an_environment_fallback_decides() {
        let openai = openai_with(Origin::Env {
            var: "OPENAI_BASE_URL".into(),
            fallback: Some("https://api.openai.com/v1".into()),
        });
        assert_eq!(openai.verdict, Verdict::Migrate);
        assert!(openai.caveat.unwrap().contains("$OPENAI_BASE_URL"));
        let local = openai_with(Origin::Env {
            var: "LLM_URL".into(),
            fallback: Some("http://localhost:8000/v1".into()),
        });
        assert!(local.verdict.holds_for(Hold::OtherServerByDefault));
        assert_eq!(local.server.as_deref(), Some("http://localhost:8000/v1"));
        let none = openai_with(Origin::Env {
            var: "LLM_URL".into(),
            fallback: None,
        });
        assert!(none.verdict.holds_for(Hold::UnprovenServer));
    }

    #[test]
    fn built_azure_urls_are_judged_by_their_path() {
        let v1 = openai_with(Origin::Template("{}/openai/v1/".into()));
        assert_eq!(v1.verdict, Verdict::Migrate);
        assert!(v1.caveat.is_some());
        let dated = openai_with(Origin::Template("{}/openai/deployments/{}".into()));
        assert!(dated.verdict.holds_for(Hold::AzureDatedApiVersion));
        let unknown = openai_with(Origin::Template("{}/v1".into()));
        assert!(unknown.verdict.holds_for(Hold::UnprovenServer));
    }

    #[test]
    fn a_built_url_whose_host_is_written_out_names_its_server() {
        for other in [
            "https://bedrock-mantle.{}.api.aws/v1",
            "http://localhost:{}/v1",
            "https://{}.example.com/v1",
            "http://ollama:{}/v1",
        ] {
            let judged = openai_with(Origin::Template(other.into()));
            assert!(judged.verdict.holds_for(Hold::OtherServer), "{other}");
            assert_eq!(judged.server.as_deref(), Some(other));
        }
        for unproven in [
            "https://{}/v1",
            "https://{}.com/v1",
            "https://api.openai.com{}",
            "{}.example.com/v1",
        ] {
            let judged = openai_with(Origin::Template(unproven.into()));
            assert!(
                judged.verdict.holds_for(Hold::UnprovenServer),
                "{unproven}: {judged:?}"
            );
        }
    }

    #[test]
    fn redirecting_options_are_never_openai() {
        let bedrock = judge(&ClientFacts {
            redirects: vec!["provider".into()],
            ..ClientFacts::new(Constructor::OpenAi)
        });
        assert!(bedrock.verdict.holds_for(Hold::UnprovenServer));
        let fetch = judge(&ClientFacts {
            transports: vec!["fetch".into()],
            ..ClientFacts::new(Constructor::OpenAi)
        });
        assert_eq!(fetch.verdict, Verdict::Migrate);
        assert!(
            fetch.caveat.is_some(),
            "a custom transport is never a safe fix"
        );
    }

    #[test]
    fn azure_is_dated_unless_it_uses_the_v1_url() {
        let dated = judge(&ClientFacts {
            api_version: Some(Origin::Literal("2024-02-01".into())),
            ..ClientFacts::new(Constructor::Azure)
        });
        assert!(dated.verdict.holds_for(Hold::AzureDatedApiVersion));
        let v1 = judge(&ClientFacts {
            base_url: Some(Origin::Literal(
                "https://r.openai.azure.com/openai/v1/".into(),
            )),
            ..ClientFacts::new(Constructor::Azure)
        });
        assert_eq!(v1.verdict, Verdict::Migrate);
    }
}
