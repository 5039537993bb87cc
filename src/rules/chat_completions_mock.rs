use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Site, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a test that stubs the chat completions method: a mock whose
    /// `chat.completions.create` is given a `return_value` or `side_effect`, or is asserted
    /// on (`assert_called_once_with`, `call_args`), and `patch("pkg.mod.client.chat.completions.create")`
    /// or `patch.object(client.chat.completions, "create")`, `mock.chat.completions.create =
    /// fake` and `monkeypatch.setattr(client.chat.completions, "create", fake)`; in TypeScript and JavaScript,
    /// `vi.mock("openai", …)` whose fake client has `chat.completions.create`,
    /// `jest.spyOn(client.chat.completions, "create")`, `expect(client.chat.completions.create)`,
    /// `….create.mockResolvedValue(...)` and fakes such as `{ chat: { completions: { create:
    /// vi.fn() } } }`. Also a test that answers the endpoint's URL with an HTTP mock
    /// (`httpx_mock.add_response(url=…)`, `respx.post(…)`, `responses.add(…)`,
    /// `requests_mock.post(…)`; nock, msw's `http.post(url, …)`, `fetchMock`; wiremock's
    /// `Mock::given(…)`, mockito's `server.mock(…)`), which would otherwise be a
    /// `chat-completions-url` warning per URL. One finding per file for each kind, at the first place, with the number of places.
    /// A module such a test imports keeps its own fix displayed (`unseen-uses` names the test's
    /// line) until the test moves too.
    ///
    /// ## Why migrate
    /// Such a test feeds the code under test `ChatCompletion` objects (or lookalikes with
    /// `.choices[0].message`) and asserts that it sent `messages=...`. Once that code calls
    /// `responses.create`, the stub is never called, the real client is, and every assertion
    /// on chat arguments fails. The test moves with the code it tests: patch
    /// `responses.create`, return `Response`-shaped objects (`output_text`, `output` items)
    /// and assert on `input=` / `instructions=`.
    ///
    /// ## Example
    /// ```python
    /// mock_client.chat.completions.create.return_value = make_completion("hi")
    /// llm.generate("hello")
    /// mock_client.chat.completions.create.assert_called_once_with(
    ///     model="gpt-4o", messages=[{"role": "user", "content": "hello"}]
    /// )
    /// ```
    ///
    /// ## Fix safety
    /// The finding itself is a note (`info`, which never fails a run): whether the test must
    /// change depends on the client of the code it tests, which lives in another file (a test
    /// of a Groq or DeepSeek adapter stubs the same method and stays as it is).
    ///
    /// The test moves with the code it tests: in a run, a Python test that stubs the call of
    /// a module whose fix applies becomes part of that call's unit, and the call's fix
    /// rewrites it too (all files or none) when every use of the stub is mechanical — the
    /// patched path (`patch("app.llm.client.chat.completions.create")`, `patch.object(client.chat.completions,
    /// "create")`, a patched client's `chat.completions.create`; the mock held by a decorated
    /// test's parameter, `with … as`, `mocker.patch`, or `self.create = patcher.start()` in
    /// `setUp`), the asserted arguments
    /// (`assert_called_once_with(...)`, migrated by the same rules as the call's, so they
    /// match what it now sends, `store=False` included), the keys read off a recorded call
    /// (`call_args.kwargs["max_tokens"]`), and fakes that carry only a text
    /// (`MagicMock(choices=[MagicMock(message=MagicMock(content="x"))])` or the same with
    /// `SimpleNamespace` becomes `MagicMock(output_text="x")`, and a `ChatCompletion(...)` of
    /// one `Choice` whose `ChatCompletionMessage` holds only the text, built from literals,
    /// becomes the `openai.types.responses.Response` that carries it, with its imports —
    /// when everything that reads the result reads its text). Anything else keeps the call's
    /// fix displayed, and its `unseen-uses` finding names the test's line: a fake built by a
    /// helper or from a recording, a key whose value the fix reshapes, asserted
    /// arguments the rules would migrate differently from the call's, a stream, a module with
    /// more than one chat request, a stub handed on. A test of a module that keeps calling
    /// Chat Completions is never touched.
    ///
    /// In TypeScript and JavaScript the same holds for `vi.spyOn(client.chat.completions,
    /// "create")` / `jest.spyOn(...)` on the client the module exports (imported by name, or
    /// as a member of the module imported whole): the spy's owner becomes `client.responses`,
    /// `expect(spy).toHaveBeenCalledWith({ ... })` is migrated like the call,
    /// `spy.mock.calls[0][0].max_tokens` is renamed, and `mockResolvedValue({ choices: [{
    /// message: { content: "x" } }] })` becomes `mockResolvedValue({ output_text: "x" })`.
    /// `vi.mock("openai", …)` factories and fake client objects keep the fix displayed.
    pub struct ChatCompletionsMock {
        name: "chat-completions-mock",
        summary: "tests that stub `chat.completions.create`: they change with the code they test",
    }
}

impl Rule for ChatCompletionsMock {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        // The test is not rewritten on its own: the fix of the code it tests may take it
        // along (see the finding there), so "left as it is" would say too much.
        // An SDK method stubbed, or the endpoint's URL answered by an HTTP mock.
        let help = match unit.request.site {
            Site::Body => "once the code under test calls the Responses API, answer `/v1/responses` instead, with a Response-shaped body (`output` items, `output_text` is the SDK's)",
            _ => "the fix of the code under test rewrites this test with it where every use of the stub is mechanical; otherwise, once that code calls the Responses API, stub `responses.create`: return Response-shaped fakes and assert on `input=`",
        };
        out.extend(flag(unit, Hold::ChatCompletionsMock, help).map(|mut d| {
            if let Some(detail) = d.message.strip_suffix(": left as it is") {
                d.message = format!("{detail}: it moves only with the code it tests");
            }
            d
        }));
    }
}
