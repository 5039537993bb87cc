use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Notes a Chat Completions request kept on purpose beside its Responses twin: the file
    /// has a class or function for each API (`OpenAIChatCompletionsModel` beside
    /// `OpenAIResponsesModel`, `chat_completion()` beside `create_response()`), as libraries
    /// do that offer both to their users. The twins may also live in sibling modules named
    /// for their API (`models/openai_chatcompletions.py` beside `models/openai_responses.py`,
    /// which calls the Responses API), when the chat request's class or function names both
    /// words, chat and completion. A function that turns to the Responses API first and
    /// returns (`if use_responses: return self._via_responses(..)`) keeps the chat request
    /// after that branch as its fallback. A notebook or a Markdown page that shows the same request
    /// on each API (the same model sent the same conversation, written out in full, through
    /// `chat.completions` and through `responses`) keeps its chat request as the contrast; in
    /// a module such a pair is a migration half done, and the chat request migrates. The
    /// chat twin is left as it is.
    ///
    /// ## Why migrate
    /// It is not a migration to make: rewriting the chat twin would only duplicate the
    /// Responses one and take the choice away from the library's users.
    ///
    /// ## Example
    /// ```python
    /// class ChatCompletionsModel:
    ///     def generate(self, messages):
    ///         return self.client.chat.completions.create(model=self.model, messages=messages)
    ///
    /// class ResponsesModel:
    ///     def generate(self, items):
    ///         return self.client.responses.create(model=self.model, input=items)
    /// ```
    ///
    /// ## Fix safety
    /// No fix. When the chat path should go, remove it by hand.
    pub struct ResponsesTwin {
        name: "responses-twin",
        summary: "Chat Completions paths kept beside their Responses twin",
        severity: "**info**: left alone on purpose; never fails a run.",
    }
}

impl Rule for ResponsesTwin {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::ChatTwin,
            "nothing to do; remove the chat twin by hand when it should go",
        ));
    }
}
