use super::helpers::{messages, type_of};
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Unit, Value};

declare_rule! {
    /// ## What it does
    /// Reports `input_audio` content parts.
    ///
    /// ## Why migrate
    /// Responses input parts are text, images and files only; there is no audio input part.
    ///
    /// ## Example
    /// ```json
    /// {"type": "input_audio", "input_audio": {"data": "...", "format": "wav"}}
    /// ```
    /// Transcribe the audio first and send the text, or keep this call on Chat Completions.
    ///
    /// ## Fix safety
    /// No fix: the request is not migrated until a person decides.
    pub struct InputAudioPart {
        name: "input-audio-part",
        summary: "`input_audio` parts have no Responses equivalent",
        reviews_responses: true,
    }
}

impl Rule for InputAudioPart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        for message in messages(unit) {
            let Some(parts) = message.get("content").and_then(Value::as_list) else {
                continue;
            };
            for part in parts {
                if type_of(part) != Some("input_audio") {
                    continue;
                }
                let Some(span) = part.span else { continue };
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        span,
                        "`input_audio` part: the Responses API takes no audio input",
                    )
                    .with_help("transcribe the audio and send the text, or keep this call on Chat Completions")
                    .blocking(),
                );
            }
        }
    }
}
