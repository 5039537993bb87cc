use super::helpers::{messages, no_equivalent, remove, role};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports audio output: `modalities` that include `"audio"`, the `audio` parameter, and
    /// assistant messages that refer to an earlier audio reply (`audio: {"id": …}`).
    /// `modalities: ["text"]` is removed, as text is the only thing Responses returns.
    /// `modalities` that ask for images (which other providers' chat endpoints take) are
    /// reported too: on Responses, images come from the `image_generation` tool.
    ///
    /// ## Why migrate
    /// The Responses API does not produce audio. Spoken replies need the Realtime API or a
    /// text-to-speech call after the response.
    ///
    /// ## Example
    /// ```json
    /// {"modalities": ["text", "audio"], "audio": {"voice": "alloy", "format": "wav"}}
    /// ```
    ///
    /// ## Fix safety
    /// `modalities: ["text"]` and `null` values are removed safely. Anything that asks for
    /// audio blocks the migration of the request until a person decides.
    pub struct AudioOutput {
        name: "audio-output",
        summary: "audio output has no Responses equivalent",
        reviews_responses: true,
    }
}

const IMAGE_HELP: &str = "ask for images with the `image_generation` tool (`tools: [{\"type\": \"image_generation\"}]`), or keep this call on the server that answers `modalities: [\"image\"]`";

const HELP: &str = "keep this call on Chat Completions, or produce speech from the text with a text-to-speech call";

impl Rule for AudioOutput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let name = Self::META.name;
        let text_only = |v: &Value| {
            v.as_list()
                .is_some_and(|m| m.iter().all(|x| x.as_str() == Some("text")))
        };
        let asks_for = |kind: &str| {
            unit.request
                .body
                .get("modalities")
                .and_then(Value::as_list)
                .is_some_and(|m| m.iter().any(|x| x.as_str() == Some(kind)))
        };
        // Images are asked of other servers this way (OpenAI's chat endpoint takes text and
        // audio only); on Responses a tool makes them, so "text only" would mislead.
        let (why, help) = if asks_for("image") && !asks_for("audio") {
            (
                "on Responses, images come from the `image_generation` tool",
                IMAGE_HELP,
            )
        } else {
            ("the Responses API returns text only", HELP)
        };
        no_equivalent(unit, name, "modalities", text_only, why, help, out);
        no_equivalent(
            unit,
            name,
            "audio",
            |_| false,
            "the Responses API does not produce audio",
            HELP,
            out,
        );
        for message in messages(unit) {
            if role(message) != Some("assistant") {
                continue;
            }
            let Some(entry) = message.entry("audio") else {
                continue;
            };
            let Some(span) = entry.span else { continue };
            if entry.value.is_null() {
                out.push(
                    Diagnostic::new(
                        name,
                        span,
                        "`audio: null` on an assistant message is not an input field",
                    )
                    .with_fix(Fix::safe(
                        "Remove `audio`",
                        remove(entry).into_iter().collect(),
                    )),
                );
            } else {
                out.push(
                    Diagnostic::new(
                        name,
                        span,
                        "assistant message refers to an audio reply, which Responses input cannot carry",
                    )
                    .with_help("replace the audio reference with the reply's transcript as text")
                    .blocking(),
                );
            }
        }
    }
}
