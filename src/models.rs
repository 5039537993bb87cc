//! What responsify knows about model families, kept in this one place.
//!
//! Only one property matters to a migration today: whether a model reasons. A reasoning
//! model's Responses output starts with a `reasoning` item (before its message or function
//! calls), and a conversation that replays its output must send that item back in a form the
//! API can use: stored (`store: true`), or carrying its `encrypted_content`. Non-reasoning
//! models reject `include: ["reasoning.encrypted_content"]`, so the answer depends on the
//! model, and a model responsify cannot name (a variable, a deployment, a family newer than
//! this table) is reported as unknown rather than guessed.

/// Whether a model produces reasoning items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// o-series and the gpt-5 family (and the codex models built on them).
    Reasoning,
    /// gpt-3.5, gpt-4, gpt-4o, gpt-4.1 and the `*-chat-latest` chat models.
    Plain,
    /// A name this table does not know.
    Unknown,
}

/// Models that Chat Completions serves and the Responses API does not, each with what to
/// use there instead: the chat search models (Responses searches with the `web_search` tool
/// on a regular model), the audio-output models (no audio output in Responses), and the
/// first o1 previews.
const CHAT_ONLY: &[(&str, &str)] = &[
    (
        "-search-preview",
        "a current model with the `web_search` tool",
    ),
    (
        "-audio-preview",
        "the Realtime API, or a text model with speech done apart",
    ),
    (
        "gpt-audio",
        "the Realtime API, or a text model with speech done apart",
    ),
    ("o1-mini", "o4-mini or another current reasoning model"),
    ("o1-preview", "o3 or another current reasoning model"),
];

/// When the Responses API does not serve the literal model `model`: what to move to.
pub fn chat_only(model: &str) -> Option<&'static str> {
    let name = model.trim().to_ascii_lowercase();
    let name = name.strip_prefix("openai/").unwrap_or(&name);
    CHAT_ONLY
        .iter()
        .find(|(part, _)| {
            if part.starts_with('-') {
                name.contains(part)
            } else {
                name.starts_with(part)
            }
        })
        .map(|(_, instead)| *instead)
}

/// Model families that other providers serve and OpenAI does not, by prefix of the model's
/// name, with whose they are (the provider's, or the maker's for open models that many
/// servers host).
/// A request for one of them on a client whose base URL comes from the environment goes
/// wherever the environment points, and that is not OpenAI: the name is the evidence.
const OTHER_PROVIDERS: &[(&str, &str)] = &[
    ("deepseek", "DeepSeek's"),
    ("llama", "Meta's Llama"),
    ("codellama", "Meta's Llama"),
    ("mixtral", "Mistral's"),
    ("mistral", "Mistral's"),
    ("codestral", "Mistral's"),
    ("claude", "Anthropic's"),
    ("gemini", "Google's"),
    ("gemma", "Google's"),
    ("qwen", "Alibaba's Qwen"),
];

/// Gateways and hosts write a model as `maker/name` (`meta-llama/llama-3.1-8b-instruct`,
/// `anthropic/claude-3.5-sonnet`): makers other than OpenAI.
const OTHER_MAKERS: &[(&str, &str)] = &[
    ("deepseek", "DeepSeek's"),
    ("deepseek-ai", "DeepSeek's"),
    ("meta-llama", "Meta's Llama"),
    ("mistralai", "Mistral's"),
    ("anthropic", "Anthropic's"),
    ("google", "Google's"),
    ("qwen", "Alibaba's Qwen"),
];

/// Whose model a literal model name is, when it belongs to another provider's family
/// (`deepseek-chat`, `llama3.2`, `claude-3-5-sonnet`, `meta-llama/Llama-3-8b`); `None` for
/// OpenAI's models and for names this table does not know.
pub fn other_provider(model: &str) -> Option<&'static str> {
    let name = model.trim().to_ascii_lowercase();
    let (maker, rest) = match name.split_once('/') {
        Some((maker, rest)) => (Some(maker), rest),
        None => (None, name.as_str()),
    };
    if maker == Some("openai") {
        return None;
    }
    if let Some((_, who)) = maker.and_then(|m| OTHER_MAKERS.iter().find(|(n, _)| *n == m)) {
        return Some(who);
    }
    OTHER_PROVIDERS
        .iter()
        .find(|(prefix, _)| rest.starts_with(prefix))
        .map(|(_, who)| *who)
}

/// Chat-tuned snapshots of reasoning families that do not reason (`gpt-5-chat-latest`,
/// `gpt-5.1-chat-latest`, …): matched before the family prefixes.
const PLAIN_INFIXES: &[&str] = &["-chat-latest", "-search-preview", "-audio-preview"];

/// Families that do not reason, by prefix.
const PLAIN_PREFIXES: &[&str] = &["gpt-3.5", "gpt-4", "chatgpt-", "gpt-realtime", "gpt-audio"];

/// Families that reason, by prefix (`gpt-5` covers `gpt-5.5`, `gpt-5-mini`, `gpt-5-codex`).
const REASONING_PREFIXES: &[&str] = &["gpt-5", "codex-"];

/// The family of a literal model name, as sent in a request (`o4-mini`, `gpt-5.5-2026-01-01`,
/// `openai/gpt-5` as some gateways spell it).
pub fn family(model: &str) -> Family {
    let name = model.trim().to_ascii_lowercase();
    let name = name.strip_prefix("openai/").unwrap_or(&name);
    if PLAIN_INFIXES.iter().any(|infix| name.contains(infix)) {
        return Family::Plain;
    }
    if PLAIN_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Family::Plain;
    }
    if REASONING_PREFIXES.iter().any(|p| name.starts_with(p)) || is_o_series(name) {
        return Family::Reasoning;
    }
    Family::Unknown
}

/// `o1`, `o3-mini`, `o4-mini-2025-04-16`, `o3-pro`: an `o`, digits, then the end or a dash.
fn is_o_series(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('o') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (rest.len() == digits || rest[digits..].starts_with('-'))
}

#[cfg(test)]
mod tests {

    #[test]
    fn chat_only_models_are_named_with_a_way_forward() {
        assert!(chat_only("gpt-4o-mini-search-preview").is_some());
        assert!(chat_only("gpt-4o-audio-preview-2025-06-03").is_some());
        assert!(chat_only("o1-mini").is_some());
        assert!(chat_only("openai/o1-preview").is_some());
        assert_eq!(chat_only("o1"), None);
        assert_eq!(chat_only("gpt-4o-mini"), None);
        assert_eq!(chat_only("o4-mini"), None);
    }

    use super::{chat_only, family, other_provider, Family};

    #[test]
    fn other_providers_models_are_known_by_name() {
        for name in [
            "deepseek-chat",
            "deepseek-reasoner",
            "llama3.2",
            "llama-3.1-70b-versatile",
            "mixtral-8x7b-32768",
            "claude-3-5-sonnet-latest",
            "gemini-2.0-flash",
            "qwen2.5:7b",
            "meta-llama/llama-3.1-8b-instruct",
            "anthropic/claude-3.5-sonnet",
        ] {
            assert!(other_provider(name).is_some(), "{name}");
        }
        for name in [
            "gpt-4o-mini",
            "o4-mini",
            "openai/gpt-5",
            "my-deployment",
            "gpt-oss-20b",
        ] {
            assert_eq!(other_provider(name), None, "{name}");
        }
    }

    #[test]
    fn families_by_name() {
        for name in [
            "o1",
            "o3-mini",
            "o4-mini-2025-04-16",
            "o3-pro",
            "gpt-5",
            "gpt-5.5",
            "gpt-5-mini",
            "gpt-5-codex",
            "codex-mini-latest",
            "openai/gpt-5",
        ] {
            assert_eq!(family(name), Family::Reasoning, "{name}");
        }
        for name in [
            "gpt-4o-mini",
            "gpt-4.1",
            "gpt-3.5-turbo",
            "gpt-5-chat-latest",
            "gpt-5.1-chat-latest",
            "chatgpt-4o-latest",
            "gpt-4o-mini-search-preview",
        ] {
            assert_eq!(family(name), Family::Plain, "{name}");
        }
        for name in ["omni", "o", "my-deployment", "gpt-6-preview", "llama-3"] {
            assert_eq!(family(name), Family::Unknown, "{name}");
        }
    }
}
