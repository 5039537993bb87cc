//! Models with an announced shutdown date, and the model responsify suggests moving to.
//!
//! The one place these dates live: the `retired-model` rule reports them, and rules that
//! depend on a model family (chat search models for `web_search_options`) name them from here.
//! Dates are OpenAI's announced shutdown dates as listed in the newest SDKs' model types
//! (see `spec/DRIFT.md`, compared on 2026-12-02). The suggested successors are responsify's
//! choice: the current model of the same tier in the bundled spec's model list (for audio
//! output, which Responses lacks, the chat audio models), never a model with a date itself.

/// One retired (or retiring) model family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retired {
    /// The model name; its dated snapshots (`-2024-08-06`, `-0613`) are matched with it.
    pub model: &'static str,
    /// The announced shutdown date, ISO 8601.
    pub shutdown: &'static str,
    /// The model to move to.
    pub successor: &'static str,
    /// A Chat Completions search model: web search there is the model itself, in the
    /// Responses API it is the `web_search` tool on an ordinary model.
    pub chat_search: bool,
}

const fn family(model: &'static str, shutdown: &'static str, successor: &'static str) -> Retired {
    Retired {
        model,
        shutdown,
        successor,
        chat_search: false,
    }
}

const fn search(model: &'static str, shutdown: &'static str, successor: &'static str) -> Retired {
    Retired {
        model,
        shutdown,
        successor,
        chat_search: true,
    }
}

/// The table, by shutdown date.
pub const RETIRED: &[Retired] = &[
    // Audio output has no Responses equivalent: the successors are the chat audio models.
    family("gpt-4o-audio-preview", "2026-05-07", "gpt-audio"),
    family("gpt-4o-mini-audio-preview", "2026-05-07", "gpt-audio-mini"),
    search("gpt-4o-search-preview", "2026-07-23", "gpt-5.4"),
    search("gpt-4o-mini-search-preview", "2026-07-23", "gpt-5.4-mini"),
    family("gpt-5-chat-latest", "2026-07-23", "gpt-5.4"),
    family("gpt-5.1-chat-latest", "2026-07-23", "gpt-5.4"),
    family("gpt-5.2-chat-latest", "2026-08-10", "gpt-5.4"),
    family("gpt-5.3-chat-latest", "2026-08-10", "gpt-5.4"),
    family("gpt-3.5-turbo", "2026-10-23", "gpt-5.4-mini"),
    family("gpt-4", "2026-10-23", "gpt-5.4"),
    family("gpt-4-turbo", "2026-10-23", "gpt-5.4"),
    family("o1", "2026-10-23", "gpt-5.4"),
    family("o3-mini", "2026-10-23", "gpt-5.4-mini"),
    family("o4-mini", "2026-10-23", "gpt-5.4-mini"),
    family("gpt-4.1-nano", "2026-10-23", "gpt-5.4-mini"),
    family("gpt-5", "2026-12-11", "gpt-5.4"),
    family("gpt-5-mini", "2026-12-11", "gpt-5.4-mini"),
    family("gpt-5-nano", "2026-12-11", "gpt-5.4-mini"),
    family("o3", "2026-12-11", "gpt-5.4"),
    family("gpt-4o", "2027-01-14", "gpt-5.4"),
    family("gpt-4o-mini", "2027-01-14", "gpt-5.4-mini"),
    family("gpt-4.1", "2027-01-14", "gpt-5.4"),
    family("gpt-4.1-mini", "2027-01-14", "gpt-5.4-mini"),
    family("gpt-5.1", "2027-04-01", "gpt-5.4"),
    family("gpt-5.4-nano", "2027-04-01", "gpt-5.4-mini"),
];

/// The entry for a model name: the name itself, or one of its dated snapshots (a suffix of
/// digits and dashes, so `gpt-4-0613` is `gpt-4` but `gpt-4-turbo` and `gpt-4o` are not).
pub fn lookup(model: &str) -> Option<&'static Retired> {
    RETIRED.iter().find(|r| {
        model.strip_prefix(r.model).is_some_and(|rest| {
            rest.is_empty()
                || (rest.starts_with('-')
                    && rest.len() > 1
                    && rest.bytes().all(|b| b == b'-' || b.is_ascii_digit()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_match_their_family_and_only_it() {
        assert_eq!(lookup("gpt-4o").unwrap().shutdown, "2027-01-14");
        assert_eq!(lookup("gpt-4o-2024-08-06").unwrap().model, "gpt-4o");
        assert_eq!(
            lookup("gpt-4o-mini-2024-07-18").unwrap().model,
            "gpt-4o-mini"
        );
        assert_eq!(lookup("gpt-4-0613").unwrap().model, "gpt-4");
        assert_eq!(
            lookup("gpt-4-turbo-2024-04-09").unwrap().model,
            "gpt-4-turbo"
        );
        assert!(
            lookup("gpt-4o-search-preview-2025-03-11")
                .unwrap()
                .chat_search
        );
        assert!(lookup("gpt-5.4").is_none());
        assert!(lookup("gpt-5.4-mini").is_none());
        assert!(lookup("o3-pro").is_none());
        assert!(lookup("gpt-4-").is_none());
    }

    /// No suggestion is itself in the table: moving must not lead to another shutdown.
    #[test]
    fn successors_are_not_retired() {
        for r in RETIRED {
            assert!(
                lookup(r.successor).is_none(),
                "{} -> {}",
                r.model,
                r.successor
            );
        }
    }
}
