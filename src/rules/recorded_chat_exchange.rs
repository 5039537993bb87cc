use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit, Verdict};

declare_rule! {
    /// ## What it does
    /// Reports a recorded HTTP exchange with OpenAI's Chat Completions endpoint in a JSON
    /// file: `{"request": {"method": "POST", "url": ".../v1/chat/completions", "body": {...}},
    /// "response": {...}}`, as HTTP cassettes and test fixtures keep them. It points at the
    /// URL, the request body and the recorded reply.
    ///
    /// ## Why migrate
    /// The recording stands in for the API in the tests of the code that made it. When that
    /// code moves to `/v1/responses`, the test replays a request to the old URL with a Chat
    /// body and feeds the code a Chat reply (`choices`), which it no longer reads: the test
    /// fails, or passes for the wrong reason. Such a recording is recorded again against the
    /// Responses API (or its reply rewritten as a Responses result) together with the code.
    ///
    /// ## Example
    /// ```json
    /// {"request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions",
    ///              "body": {"model": "gpt-4.1", "messages": [...]}},
    ///  "response": {"status": 200, "body": {"object": "chat.completion", "choices": [...]}}}
    /// ```
    ///
    /// ## Fix safety
    /// No fix: a recording is replaced by a new one, not edited. A recording of another
    /// server is left alone.
    pub struct RecordedChatExchange {
        name: "recorded-chat-exchange",
        summary: "recorded exchanges with the Chat Completions endpoint (test cassettes): record them again with the code",
    }
}

impl Rule for RecordedChatExchange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Verdict::Hold(reason) = &unit.verdict else {
            return;
        };
        if reason.kind != Hold::RecordedExchange {
            return;
        }
        let help = "record it again against `/v1/responses` when the code it tests moves, or rewrite the reply as a Responses result";
        out.push(
            Diagnostic::new(
                Self::META.name,
                unit.request.span,
                "recorded request to the Chat Completions endpoint: the tests that replay it move with the code they test",
            )
            .with_help(help),
        );
        if let Some(at) = unit.request.body.span {
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    at,
                    "the recorded request body is a Chat Completions body (`messages`)",
                )
                .with_help(help),
            );
        }
        if let Some(reply) = unit.containers.first() {
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    reply.span,
                    "the recorded reply is a Chat Completions result (`choices`): code on the Responses API reads `output`",
                )
                .with_help(help),
            );
        }
    }
}
