use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Site, Unit};

declare_rule! {
    /// ## What it does
    /// Reports calls to the stored chat completions API: `chat.completions.list`,
    /// `retrieve`, `update`, `delete` and `chat.completions.messages.list` (async-openai:
    /// `client.chat().list()`, `retrieve`, `update`, `delete`, `messages`). They read and
    /// manage completions that Chat Completions kept because they were created with
    /// `store: true`.
    ///
    /// ## Why migrate
    /// Responses stores its own responses (by default), under other ids and other methods:
    /// `responses.retrieve(id)` and `responses.delete(id)` take the place of `retrieve` and
    /// `delete`, and `responses.input_items.list(id)` (`responses.inputItems.list` in
    /// JavaScript) lists what a response was given, where `messages.list` listed a
    /// completion's messages. There is no counterpart to `list` (listing every stored
    /// object) or to `update` (changing its metadata). Completions stored before the move are
    /// only reachable through the old API, so code that looks them up must know which API
    /// made the id it holds.
    ///
    /// ## Example
    /// ```ts
    /// const stored = await client.chat.completions.retrieve(completionId);
    /// await client.chat.completions.delete(completionId);
    /// ```
    ///
    /// ## Fix safety
    /// No fix: the ids, the result shapes and the missing `list` / `update` are decisions for
    /// a person. The finding needs one (a warning).
    pub struct StoredCompletions {
        name: "stored-completions",
        summary: "stored chat completions calls: use `responses.retrieve` / `delete` / `input_items.list`",
    }
}

impl Rule for StoredCompletions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>) {
        // The method the call names decides what takes its place.
        let path = match unit.request.site {
            Site::SdkCall { method, .. } => ctx.source.get(method.start..method.end),
            _ => None,
        }
        .unwrap_or("");
        let last = path
            .rsplit(['.', ':'])
            .find(|s| !s.trim().is_empty())
            .unwrap_or("")
            .trim_end_matches("()");
        let messages = path.contains("messages");
        let help = if messages {
            "list what a response was given with `responses.input_items.list(id)` (`responses.inputItems.list` in JavaScript)"
        } else {
            match last {
                "retrieve" => {
                    "fetch a stored response with `responses.retrieve(id)`; completions stored before the move stay behind this API"
                }
                "delete" => "delete a stored response with `responses.delete(id)`",
                "update" => {
                    "the Responses API cannot change a stored response's metadata: set it when the response is created"
                }
                _ => {
                    "the Responses API cannot list stored responses: keep the ids of the responses you need (`responses.retrieve(id)` fetches one)"
                }
            }
        };
        out.extend(flag(unit, Hold::StoredCompletions, help));
    }
}
