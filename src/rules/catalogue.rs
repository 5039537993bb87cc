//! Every `CreateChatCompletionRequest` parameter and what responsify does with it.
//!
//! A test reads the official OpenAPI spec and fails when a parameter is missing here, and
//! another checks that every rule named here exists.

/// What happens to a Chat Completions parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// A rule maps, reshapes or flags it.
    Rule(&'static str),
    /// Sent unchanged on purpose, for the reason given.
    PassThrough(&'static str),
}

use Disposition::{PassThrough, Rule};

pub const CHAT_PARAMETERS: &[(&str, Disposition)] = &[
    ("model", PassThrough("same key and value in Responses")),
    ("messages", Rule("messages-to-input")),
    ("max_tokens", Rule("max-tokens")),
    ("max_completion_tokens", Rule("max-tokens")),
    ("n", Rule("n-parameter")),
    ("stop", Rule("stop-parameter")),
    (
        "temperature",
        PassThrough("same key and range in Responses"),
    ),
    ("top_p", PassThrough("same key and range in Responses")),
    ("seed", Rule("seed-parameter")),
    ("frequency_penalty", Rule("penalty-parameters")),
    ("presence_penalty", Rule("penalty-parameters")),
    ("logit_bias", Rule("logit-bias")),
    ("logprobs", Rule("logprobs")),
    ("top_logprobs", Rule("logprobs")),
    ("response_format", Rule("response-format")),
    ("tools", Rule("tool-definitions")),
    ("functions", Rule("legacy-functions")),
    ("tool_choice", Rule("tool-choice")),
    ("function_call", Rule("legacy-functions")),
    (
        "parallel_tool_calls",
        PassThrough("same key and default (true) in Responses"),
    ),
    (
        "stream",
        PassThrough("same key; code that consumes the stream moves with its call"),
    ),
    ("stream_options", Rule("stream-options")),
    ("store", Rule("store-default")),
    ("metadata", PassThrough("same key and limits in Responses")),
    ("user", Rule("user-parameter")),
    (
        "service_tier",
        PassThrough("same key; Responses accepts every chat value"),
    ),
    ("reasoning_effort", Rule("reasoning-effort")),
    ("verbosity", Rule("verbosity")),
    ("modalities", Rule("audio-output")),
    ("audio", Rule("audio-output")),
    ("prediction", Rule("prediction-parameter")),
    ("web_search_options", Rule("web-search-options")),
    ("prompt_cache_key", PassThrough("same key in Responses")),
    ("safety_identifier", PassThrough("same key in Responses")),
    (
        "prompt_cache_retention",
        PassThrough("same key in Responses"),
    ),
    ("prompt_cache_options", PassThrough("same key in Responses")),
    ("moderation", PassThrough("same key in Responses")),
];

/// Options the SDKs take beside the request's parameters and never send as body keys
/// (`extra_body` is merged into the body by the SDK; its keys are the caller's business).
/// They mean the same on `responses.create`, so they pass through.
pub const SDK_REQUEST_OPTIONS: &[&str] = &["extra_headers", "extra_query", "extra_body", "timeout"];

/// Responses parameters found on a Chat Completions request: a half-done migration wrote
/// them already (a body with both `messages` and `instructions`). Chat Completions would
/// refuse them; the migrated request takes them as they are.
pub const RESPONSES_PARAMETERS_KEPT: &[&str] = &["instructions"];

pub fn disposition(parameter: &str) -> Option<Disposition> {
    CHAT_PARAMETERS
        .iter()
        .find(|(name, _)| *name == parameter)
        .map(|(_, d)| *d)
}
