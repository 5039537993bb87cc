//! The neutral model: the contract between front ends and rules.
//!
//! Every front end lifts what it sees into these types, so a rule is written once and serves
//! every language. A value that a rule builds carries no span; a value lifted from source keeps
//! its span, and the lowering step copies such a value verbatim. That is how a reshaped message
//! keeps the exact bytes of its text, escapes and all.

use std::fmt;

/// A byte range in the file's text (after any BOM has been removed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn offset(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }
}

/// A value as a rule sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: Kind,
    /// Where the value sits in the source; `None` for values a rule made.
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Str(String),
    /// A number, kept as written so that `1e3` stays `1e3`.
    Num(String),
    Bool(bool),
    Null,
    List(Vec<Value>),
    Map(Vec<Entry>),
    /// An expression the front end cannot see into (a variable, a call); copied as source text.
    Opaque,
}

/// One `key: value` pair of a map, or one keyword argument of a call.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Option<Span>,
    pub value: Value,
    /// The whole entry, key to end of value.
    pub span: Option<Span>,
}

impl Entry {
    /// The entry with no place in any source (see [`Value::without_places`]).
    pub fn without_places(&self) -> Entry {
        Entry {
            key: self.key.clone(),
            key_span: None,
            value: self.value.without_places(),
            span: None,
        }
    }
}

impl Value {
    pub fn new(kind: Kind) -> Self {
        Value { kind, span: None }
    }

    pub fn str(s: impl Into<String>) -> Self {
        Value::new(Kind::Str(s.into()))
    }

    pub fn bool(b: bool) -> Self {
        Value::new(Kind::Bool(b))
    }

    pub fn list(items: Vec<Value>) -> Self {
        Value::new(Kind::List(items))
    }

    /// A new map from `(key, value)` pairs, in order.
    pub fn map<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Self {
        Value::new(Kind::Map(
            pairs
                .into_iter()
                .map(|(key, value)| Entry {
                    key: key.into(),
                    key_span: None,
                    value,
                    span: None,
                })
                .collect(),
        ))
    }

    /// The value with no place in any source: what a rule of another file's request sees
    /// of it (a dict splatted in from another module). Its opaque parts cannot be copied.
    pub fn without_places(&self) -> Value {
        let kind = match &self.kind {
            Kind::List(items) => Kind::List(items.iter().map(Value::without_places).collect()),
            Kind::Map(entries) => Kind::Map(entries.iter().map(Entry::without_places).collect()),
            other => other.clone(),
        };
        Value { kind, span: None }
    }

    /// Whether some part of the value is source that is not in view (an opaque value
    /// without a place): no lowering can write it.
    pub fn has_placeless_opaque(&self) -> bool {
        if self.span.is_some() {
            return false;
        }
        match &self.kind {
            Kind::Opaque => true,
            Kind::List(items) => items.iter().any(Value::has_placeless_opaque),
            Kind::Map(entries) => entries.iter().any(|e| e.value.has_placeless_opaque()),
            _ => false,
        }
    }

    /// An empty JSON-schema object: what a tool without parameters takes.
    pub fn empty_object_schema() -> Self {
        Value::map([
            ("type", Value::str("object")),
            ("properties", Value::map(Vec::<(String, Value)>::new())),
        ])
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match &self.kind {
            Kind::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?.iter().find(|e| e.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entry(key).map(|e| &e.value)
    }

    /// `get` that treats an explicit `null` like an absent key, as the API does.
    pub fn get_present(&self, key: &str) -> Option<&Value> {
        self.get(key).filter(|v| !v.is_null())
    }

    pub fn is_scalar(&self) -> bool {
        matches!(
            self.kind,
            Kind::Str(_) | Kind::Num(_) | Kind::Bool(_) | Kind::Null
        )
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// The number as a float, when it is a literal number.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            Kind::Num(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// True when the value is fully visible to rules (no opaque part anywhere inside).
    pub fn is_literal(&self) -> bool {
        match &self.kind {
            Kind::Opaque => false,
            Kind::List(items) => items.iter().all(Value::is_literal),
            Kind::Map(entries) => entries.iter().all(|e| e.value.is_literal()),
            _ => true,
        }
    }

    /// Find the list or map that directly holds `span` (as an element or an entry) and the index.
    pub fn parent_of(&self, span: Span) -> Option<(&Value, usize)> {
        match &self.kind {
            Kind::List(items) => {
                if let Some(i) = items.iter().position(|v| v.span == Some(span)) {
                    return Some((self, i));
                }
                items.iter().find_map(|v| v.parent_of(span))
            }
            Kind::Map(entries) => {
                if let Some(i) = entries.iter().position(|e| e.span == Some(span)) {
                    return Some((self, i));
                }
                entries.iter().find_map(|e| e.value.parent_of(span))
            }
            _ => None,
        }
    }

    /// Find the value (at any depth) whose span is `span`.
    pub fn find(&self, span: Span) -> Option<&Value> {
        if self.span == Some(span) {
            return Some(self);
        }
        match &self.kind {
            Kind::List(items) => items.iter().find_map(|v| v.find(span)),
            Kind::Map(entries) => entries.iter().find_map(|e| e.value.find(span)),
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    /// A short JSON-like rendering for messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Str(s) => write!(f, "{s:?}"),
            Kind::Num(n) => f.write_str(n),
            Kind::Bool(b) => write!(f, "{b}"),
            Kind::Null => f.write_str("null"),
            Kind::List(items) if items.len() <= 4 && items.iter().all(|v| v.is_scalar()) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Kind::List(_) => f.write_str("[…]"),
            Kind::Map(entries) if entries.is_empty() => f.write_str("{}"),
            Kind::Map(_) => f.write_str("{…}"),
            Kind::Opaque => f.write_str("…"),
        }
    }
}

/// Which API a request talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    ChatCompletions,
    Responses,
    /// The Assistants API (`beta.assistants`, `beta.threads`): shut down on 2026-08-26.
    Assistants,
}

/// How the request is spelled, which decides what "switch the endpoint" means.
#[derive(Clone, Debug, PartialEq)]
pub enum Site {
    /// A whole JSON document (or a JSONL line) that is the request body itself.
    Body,
    /// A Batch input line: the `url` string travels with its body.
    BatchLine { url: Span },
    /// A hand-written HTTP request (`requests.post(URL, json=BODY)`) or a Batch input line
    /// built in code: the body is a literal in the code and `url` is the `chat/completions`
    /// text inside the URL literal that becomes `responses`, when there is one the request
    /// may change alone. A Batch line's `endpoint` is the same text in the `endpoint=` of the
    /// `batches.create` it is sent with, which changes with it.
    Http {
        url: Option<Span>,
        endpoint: Option<Span>,
    },
    /// An SDK call: `method` is the span of the path to replace (`chat.completions.create`)
    /// and `kind` says which method it is.
    SdkCall { method: Span, kind: SdkMethod },
    /// An SDK call in another file, whose result this file reads (the callers of a helper
    /// that a module imports): only the reads are here, spelled as on an SDK result.
    Elsewhere,
    /// The `batches.create` of a Batch pipeline whose lines are in other files (a `.jsonl`
    /// file it uploads, a module that writes them): `endpoint` is the `chat/completions`
    /// text of its `endpoint` literal. The request has no body of its own; its lines and
    /// output readers are edited in their files (`Unit::companions`).
    BatchCreation { endpoint: Span },
}

/// The SDK method a call site uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SdkMethod {
    Create,
    Parse,
    Stream,
}

/// What the classifier decided about a site before any rule looks at it.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Migrate,
    /// responsify will not rewrite the site; the reason says why and who must act.
    Hold(Reason),
}

impl Verdict {
    pub fn hold(kind: Hold, detail: impl Into<String>) -> Verdict {
        Verdict::Hold(Reason {
            kind,
            detail: detail.into(),
        })
    }

    /// The reason, when the site is held back.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Verdict::Migrate => None,
            Verdict::Hold(reason) => Some(reason),
        }
    }

    /// Held back for this kind of reason.
    pub fn holds_for(&self, kind: Hold) -> bool {
        self.reason().is_some_and(|r| r.kind == kind)
    }
}

/// Why a site is held back: a kind the rules know, and one line of detail in the user's terms
/// (what the code says). Rules write the message; the kind decides the rule and severity.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    pub kind: Hold,
    pub detail: String,
}

/// The kinds of reasons to hold a site back. The first group needs a person; the second is
/// left alone on purpose and never fails a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hold {
    /// The server cannot be proven to be OpenAI's: a base URL from configuration, an
    /// environment variable with no fallback, an option that redirects the client
    /// (`provider`, `default_query`).
    UnprovenServer,
    /// Azure OpenAI on a dated `api-version`, which has no Responses API at that path.
    AzureDatedApiVersion,
    /// openai < 1.0 (Python) or v3 (`OpenAIApi`, npm).
    LegacySdk,
    /// The Assistants API, shut down on 2026-08-26.
    AssistantsApi,
    /// openai-node's `runTools` helper, which has no Responses twin.
    RunTools,
    /// The Chat Completions URL or path, written as a constant.
    ChatCompletionsUrl,
    /// An async-openai release too old for the Responses types.
    AsyncOpenaiVersion,
    /// async-openai without its `responses` feature.
    AsyncOpenaiResponsesFeature,
    /// The stored chat completions API (`chat.completions.list / retrieve / update / delete`,
    /// `chat.completions.messages.list`): completions kept with `store: true`. Responses has
    /// `retrieve`, `delete` and `input_items.list` for its own stored responses, and no list
    /// or update.
    StoredCompletions,
    /// A Batch job created for `/v1/chat/completions`: its input files hold Chat bodies, so
    /// the files and the endpoint move to `/v1/responses` together.
    BatchChatEndpoint,
    /// A test that stubs the chat completions method (`create.return_value`, a
    /// `patch("...chat.completions.create")`): its fake results and asserted arguments are
    /// Chat shapes, so it changes with the code it tests.
    ChatCompletionsMock,
    /// A recorded HTTP exchange with the Chat Completions endpoint (a test cassette or
    /// fixture: the request sent and the reply received): it stands in for the API in tests,
    /// and is recorded again, not rewritten, when the code under test moves.
    RecordedExchange,
    /// Another server, named in the code (`base_url="http://localhost:11434/v1"`): it may
    /// well speak only Chat Completions, which is fine.
    OtherServer,
    /// Another server by default (an environment variable whose fallback is not OpenAI):
    /// left alone without a word.
    OtherServerByDefault,
    /// Not an OpenAI request at all: another library, a look-alike class, a wrapper library,
    /// training data. Left alone without a word.
    NotOpenAi,
    /// A Chat Completions path kept on purpose beside its Responses twin (a class or function
    /// for each API, side by side): left alone, with a note.
    ChatTwin,
}

impl Hold {
    /// The rule that reports sites held back for this reason, when one does.
    pub fn rule(self) -> Option<&'static str> {
        Some(match self {
            Hold::UnprovenServer | Hold::OtherServer => "third-party-endpoint",
            Hold::AzureDatedApiVersion => "azure-dated-api-version",
            Hold::LegacySdk => "legacy-openai-sdk",
            Hold::AssistantsApi => "assistants-api",
            Hold::RunTools => "run-tools",
            Hold::ChatCompletionsUrl => "chat-completions-url",
            Hold::AsyncOpenaiVersion => "async-openai-version",
            Hold::AsyncOpenaiResponsesFeature => "async-openai-responses-feature",
            Hold::ChatTwin => "responses-twin",
            Hold::StoredCompletions => "stored-completions",
            Hold::BatchChatEndpoint => "batch-chat-endpoint",
            Hold::ChatCompletionsMock => "chat-completions-mock",
            Hold::RecordedExchange => "recorded-chat-exchange",
            Hold::OtherServerByDefault | Hold::NotOpenAi => return None,
        })
    }

    /// A person must act before the site can move (as opposed to: fine as it is).
    pub fn needs_person(self) -> bool {
        !matches!(
            self,
            Hold::OtherServer
                | Hold::OtherServerByDefault
                | Hold::NotOpenAi
                | Hold::ChatTwin
                // Whether the stub must change depends on the code it tests, which is in
                // another file: a note until units span the repository.
                | Hold::ChatCompletionsMock
        )
    }
}

/// One Chat Completions (or Responses) request, however it was spelled.
#[derive(Clone, Debug)]
pub struct Request {
    pub endpoint: Endpoint,
    pub site: Site,
    /// The whole site, for diagnostics.
    pub span: Span,
    /// The request's parameters: a map whose entries are the top-level keys.
    pub body: Value,
    /// The front end could not see every key (`**kwargs`, `...spread`).
    pub hidden_keys: bool,
}

/// A use of the result of a request (`resp.choices[0].message.content`). Front ends for code
/// fill these in; request bodies in data files have none.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// The whole expression that reads the result.
    pub span: Span,
    /// The expression it reads from (the response, a tool call, a stream chunk).
    pub base: Span,
    pub kind: ReadKind,
}

/// Why a use of a result is out of sight, in the words every front end reports. The result
/// shapes are the same in every language, so the reasons are too.
pub mod out_of_sight {
    /// A part of a result (a stream chunk, a tool call, a whole result) kept in a collection:
    /// the collection's later reads are not followed.
    pub fn kept_in(item: &str, collection: &str) -> String {
        format!("`{item}` is kept in `{collection}`, whose later reads responsify does not follow")
    }

    /// A stream chunk's text tested for none: a chunk without text ended a chat stream, but
    /// a Responses stream starts with events that carry none.
    pub fn stream_text_tested_for_none(test: &str) -> String {
        format!(
            "`{test}` tests a chunk's text for none, which every Responses event but the text deltas would pass"
        )
    }
}

/// What a read takes from a Chat Completions result.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadKind {
    /// `choices[0]` or `choices[0].message` kept as an object: the response itself.
    Reply,
    /// `choices[0].message.content`
    Content,
    /// The reply's text tested for none (`content is None`, `text === null`, `!= None`): the
    /// read spans the test's operator and `None` (` is None`), the text read itself is a
    /// `Content` read or a name bound to one. `negated` for "has text".
    TextTestedForNone { negated: bool },
    /// The reply's text with a fallback for none (`text ?? "…"`): the read spans the `??`
    /// operator and what surrounds it, up to the fallback.
    TextFallback,
    /// `choices[0].message.parsed`
    Parsed,
    /// `choices[0].message.refusal`: the refusal's text, or none.
    Refusal,
    /// `choices[0].message.tool_calls`
    ToolCalls,
    /// `choices[0].message.function_call` (legacy functions)
    FunctionCall,
    /// A field of one tool call: `function.name`, `function.arguments`, `id`.
    ToolCallField(String),
    /// A field of `usage` (`prompt_tokens`, `completion_tokens_details`, …).
    UsageField(String),
    /// The reply message appended to a message list: `list.append(<reply>)`; `list` is the
    /// span of the list expression.
    AppendReply { list: Span },
    /// The reply's text appended to a message list as an assistant message
    /// (`list.append({"role": "assistant", "content": resp.output_text})`); `list` is the span
    /// of the list expression and the read's `base` the response.
    AppendText { list: Span },
    /// A Responses result's output items replayed into a list (`history.extend(resp.output)`,
    /// `items += resp.output`); `list` is the span of the list expression and the read's
    /// `base` the response.
    ReplayOutput { list: Span },
    /// `item.id` on an item of a Responses result's output: the item's id, not its call's
    /// (`call_id`). The read's `base` is the item.
    OutputItemId,
    /// A Responses stream's `response.output_item.added` item replayed into a list (the
    /// read's span is the event-name literal). `alone` when the replay is all its branch
    /// does; `chained` when other branches (`elif`, `else`) follow its test.
    ReplayAddedItem { alone: bool, chained: bool },
    /// `resp.output[0].content[0].text` on a Responses result: the first output item's text,
    /// read as the reply's.
    FirstOutputText,
    /// `resp.output[0]` read any other way: the first output item taken for the reply (the
    /// read's span is `resp.output[0]`).
    FirstOutputItem,
    /// A stream chunk's text: `chunk.choices[0].delta.content`. `guarded` when the code only
    /// gets here for chunks that passed the `chunk.choices` guard.
    StreamText { guarded: bool },
    /// A stream chunk's `choices` used as a condition (the guard for chunks without choices):
    /// `if chunk.choices`, `len(chunk.choices) > 0`; `negated` for the test that a chunk has
    /// none (`len(chunk.choices) == 0`, `chunk.choices == []`), whose read spans the test.
    StreamGuard { negated: bool },
    /// A stream chunk's `usage` (the last chunk's, with `include_usage`).
    StreamUsage,
    /// `name` read from a `response.function_call_arguments.done` event of a Responses
    /// stream: the server never sends it (spec/DRIFT.md), so the read is always empty.
    DoneEventName,
    /// `choices[0].finish_reason == "<reason>"` (or `!=`): a check of the finish reason.
    FinishReasonIs { reason: String, negated: bool },
    /// `stream.get_final_completion` of the `stream()` helper.
    HelperFinal,
    /// A `stream()` helper event name compared with an event's `type` (the literal's span).
    HelperEventName(String),
    /// `event.content` of a helper `content.done` event.
    HelperEventText,
    /// `event.arguments_delta` of a helper `tool_calls.function.arguments.delta` event.
    HelperEventArgumentsDelta,
    /// A read with no mapping responsify can prove (`finish_reason`, `choices[1]`, logprobs…).
    Unknown(String),
    /// A type annotation naming a Chat Completions type (`resp: ChatCompletion = ...`, a
    /// helper's `-> ChatCompletion`, `Stream[ChatCompletionChunk]`, `msgs:
    /// list[ChatCompletionMessageParam] = [...]`): `name` is the name as written and the
    /// read's `base` its span; `listed` when the annotation is a list of it alone
    /// (`list[X]`, `Iterable[X]`), whose whole span is then the read's span (else the name's).
    /// `of` is what it annotates.
    ChatType {
        name: String,
        listed: bool,
        of: Annotated,
    },
    /// A tool call's `type` compared with a literal (`tc.type === "function"`, which the
    /// openai npm types need before `tc.function`): the literal's span and text.
    ToolCallType(String),
}

/// What a type annotation tied to a request annotates.
#[derive(Clone, Debug, PartialEq)]
pub enum Annotated {
    /// The result, a stream of it, or a part of it.
    Result(ResultShape),
    /// The value the request sends as its parameter `key` (`messages`, `tools`), or with
    /// `element` one element of that list.
    Param { key: String, element: bool },
}

/// A request together with every read of its result the front end can see. A unit is
/// migrated whole or not at all.
#[derive(Clone, Debug)]
pub struct Unit {
    pub request: Request,
    pub reads: Vec<Read>,
    /// What the front end could not see (the result returned or passed on, a client built
    /// elsewhere), one line each: the unit is not provably complete, so its fix is only
    /// displayed.
    pub unseen: Vec<String>,
    /// Behaviours the migrated code may not keep although it is complete (a base URL from
    /// the environment whose fallback is OpenAI's), one line each: the fix is unsafe.
    pub caveats: Vec<String>,
    /// What keeps the fix from being applied at all (keys spread in from elsewhere, a helper
    /// whose events differ): the fix is only displayed.
    pub unfixable: Vec<String>,
    pub verdict: Verdict,
    /// Top-level containers the request's parameters live in (a call's argument list, a
    /// dict splatted into it), for front ends whose body is spread over several places.
    pub containers: Vec<Container>,
    /// Units that share source (one message list sent by two calls) carry the same group:
    /// they are fixed together or not at all.
    pub group: Option<usize>,
    /// The source the request shares with others of its group (a message list or a dict
    /// followed to its literal): a fix may not rewrite what a request that stays on Chat
    /// Completions (another provider's call) sends too.
    pub shared_spans: Vec<Span>,
    /// The server the request goes to, when it is known and not OpenAI's.
    pub base_url: Option<String>,
    /// The environment variables the client's base URL is read from (see
    /// `classify::Judged::base_url_env`), for the environment files the project ships.
    pub base_url_env: Vec<String>,
    /// The module specifier the client's class was imported from, which may pin the SDK's
    /// version for this file (`npm:openai@4.20.0`).
    pub sdk_specifier: Option<String>,
    /// The names of the classes and functions the request sits in, outermost first.
    pub enclosing: Vec<String>,
    /// The call, written earlier in the request's function, through which the function turns
    /// to the Responses API and leaves (`if use_responses: return self._via_responses(..)`):
    /// the request is the fallback for when it does not (`classify::hold_chat_twins`).
    pub responses_branch: Option<String>,
    /// Functions of this file that hand the result to their callers, every caller in this
    /// file already followed. The engine asks the run which other files import them, and
    /// follows the result into those callers too (see `project`).
    pub leaves_through: Vec<HandedOn>,
    /// Edits in other files that belong to this unit's fix (the reads of callers that import
    /// a helper returning the result): written with it, or not at all.
    pub companions: Vec<Companion>,
    /// Parameters whose value is imported from another module of the run and migrates there
    /// (its edits are among `companions`).
    pub resolved_elsewhere: Vec<String>,
    /// `**NAME` arguments whose dict is not in this file: another module of the run may
    /// export it (see `engine::imported_values`).
    pub splats: Vec<String>,
    /// Parameters that a dict of another module splatted into the call sets, before or after
    /// its fix there: the call's own fix must not add them again.
    pub keys_elsewhere: Vec<String>,
    /// Why the project's `openai` SDK cannot run the migrated call (a pin below the first
    /// release with the Responses API), when it cannot.
    pub sdk_too_old: Option<String>,
    /// Module-level names whose values the fix rewrites (a `TOOLS` list, a URL constant):
    /// another module that imports one would send the rewritten value too.
    pub rewrites_importable: Vec<String>,
    /// The model name a variable stands for (`model=MODEL` with `MODEL = "o4-mini"` in
    /// scope), when the front end followed it to one string literal. The body keeps the
    /// variable: this is only what rules may know about the model (see `classify::model_family`).
    pub model_name: Option<String>,
    /// When the model is a parameter: the literals callers in view pass for it (and its
    /// default), for rules about models the request may be sent with.
    pub model_candidates: Vec<String>,
    /// The unit's part in a Batch pipeline whose pieces are spread over files, which the
    /// engine resolves against the run (see `project::Project::batch_pipeline`).
    pub batch: Option<BatchRole>,
}

/// What a unit is in a Batch pipeline spread over files.
#[derive(Clone, Debug, PartialEq)]
pub enum BatchRole {
    /// A line of a Batch input (a `.jsonl` line, a dict written as one) whose batch is created
    /// elsewhere: `unseen` says what is out of sight, unless the line is converted as part of
    /// a pipeline in view (`Settings::batch_in_view`).
    Line { unseen: Vec<String> },
    /// A `batches.create` for the Chat Completions endpoint in a file that writes no lines:
    /// `endpoint` is the `chat/completions` text of its `endpoint` literal, when it has one.
    Creation { endpoint: Option<Span> },
    /// The first line of a pipeline written in one file, with its `batches.create`, whose
    /// output is not read in the file: the readers may be in the modules it imports.
    /// `unseen` says so, unless the run finds them.
    Readers { unseen: Vec<String> },
}

/// A function that returns a request's result to its callers.
#[derive(Clone, Debug, PartialEq)]
pub struct HandedOn {
    pub name: String,
    /// What the callers get: only whole results are followed into other files.
    pub result: ResultShape,
    /// Whether its own file calls it: a helper that nothing in the run calls has its callers
    /// out of sight.
    pub called_here: bool,
}

/// The shape of a result handed from one function to another, in every language's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResultShape {
    /// The whole completion.
    Completion,
    /// A stream of chunks.
    Stream,
    /// A part of a result (a message, a tool call, usage) or something derived from it.
    Part,
    /// A method's result, through instances of its class (`HandedOn::name` is the class).
    Instance,
}

/// The edits a unit's fix makes in another file of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Companion {
    pub path: std::path::PathBuf,
    /// Against the file as the run read it.
    pub edits: std::sync::Arc<Vec<crate::edit::Edit>>,
    /// A value several requests share (an imported `TOOLS` list): its edits may be written
    /// only when every one of those requests is fixed in the same run.
    pub shared: Option<std::sync::Arc<SharedValue>>,
    /// A test that stubs the request's method, moving with it.
    pub test: bool,
}

/// A value of one module that requests in other modules import.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedValue {
    pub path: std::path::PathBuf,
    pub name: String,
    /// How many requests of the run send it.
    pub users: usize,
    /// For a dict splatted into the calls (`**PARAMS`): its entries as the calls' rules
    /// judge them (in chat form, with no place in the calls' files), and every key it has
    /// before and after its fix.
    pub splat: Option<(Vec<Entry>, Vec<String>)>,
}

/// A list-like piece of source whose members are separated by commas.
#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub span: Span,
    pub members: Vec<Span>,
    pub kind: ContainerKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerKind {
    /// A call's arguments: new entries are keyword arguments.
    Arguments,
    /// A map literal: new entries are `key: value`.
    Map,
    /// A list literal.
    List,
}

impl Unit {
    /// A unit of reads alone, for a result whose request lives in another file (the callers
    /// of a helper that a module imports): no parameters, nothing to switch.
    pub fn of_reads(span: Span) -> Unit {
        Unit::new(
            Request {
                endpoint: Endpoint::ChatCompletions,
                site: Site::Elsewhere,
                span,
                body: Value::new(Kind::Map(Vec::new())),
                hidden_keys: false,
            },
            Verdict::Migrate,
        )
    }

    /// A string in code that names an endpoint (a URL, a path, a mock's answer) at `at`:
    /// a site with no body of its own, which every front end reports the same way.
    pub fn named_endpoint(at: Span, verdict: Verdict) -> Unit {
        Unit::new(
            Request {
                endpoint: Endpoint::ChatCompletions,
                site: Site::Body,
                span: at,
                body: Value {
                    kind: Kind::Map(Vec::new()),
                    span: Some(at),
                },
                hidden_keys: true,
            },
            verdict,
        )
    }

    /// A unit for a request with nothing else known yet.
    pub fn new(request: Request, verdict: Verdict) -> Unit {
        Unit {
            request,
            reads: Vec::new(),
            unseen: Vec::new(),
            caveats: Vec::new(),
            unfixable: Vec::new(),
            verdict,
            containers: Vec::new(),
            group: None,
            shared_spans: Vec::new(),
            base_url: None,
            base_url_env: Vec::new(),
            sdk_specifier: None,
            enclosing: Vec::new(),
            responses_branch: None,
            leaves_through: Vec::new(),
            companions: Vec::new(),
            resolved_elsewhere: Vec::new(),
            splats: Vec::new(),
            keys_elsewhere: Vec::new(),
            sdk_too_old: None,
            rewrites_importable: Vec::new(),
            model_name: None,
            model_candidates: Vec::new(),
            batch: None,
        }
    }
}
