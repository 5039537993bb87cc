//! Where the result of a call goes: the reads that must migrate with it.
//!
//! Each tracked name has a kind (a completion, one of its messages, a tool call, a stream
//! chunk…). An attribute or subscript chain on it is followed one step at a time; each step
//! that changes shape in the Responses API becomes a `Read`, nested reads compose (the base of
//! an outer read contains the inner one). Uses the front end cannot follow are recorded as
//! `unseen`, which makes the unit's fix unsafe.

use super::scope::{flatten, header_exprs};
use super::values::span;
use crate::model::{out_of_sight, Read, ReadKind, Span};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::collections::HashMap;

/// `usage` fields that only Chat Completions has.
macro_rules! CHAT_USAGE_FIELDS {
    () => {
        "prompt_tokens"
            | "completion_tokens"
            | "prompt_tokens_details"
            | "completion_tokens_details"
    };
}

/// The shape of a tracked value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Completion,
    Choices,
    Choice,
    Message,
    ToolCalls,
    ToolCall,
    ToolCallFunction,
    Usage,
    Stream,
    Chunk,
    ChunkChoices,
    ChunkChoice,
    Delta,
    /// `with_raw_response.create(...)`: `.parse()` gives the completion.
    Raw,
    /// The reply of a hand-written HTTP request (`requests`, `httpx`, `aiohttp`).
    HttpResponse,
    /// Its `.json` method, before it is called: the call gives the completion as a dict.
    HttpJson,
    /// Its body as text, bytes or lines: whatever reads it is not followed.
    HttpBody,
    /// The reply of a request posted by hand to the Responses URL.
    ResponsesHttp,
    /// Its `.json` method, before it is called: the call gives the Response as a dict.
    ResponsesHttpJson,
    /// A line of a Batch output file, parsed (`json.loads(line)`): its `response`.
    BatchOutput,
    /// A Batch output line's `response`: its `body` is the completion as a dict.
    BatchOutputResponse,
    /// A choice's `finish_reason`: only a comparison with a literal can be migrated.
    FinishReason,
    /// The `chat.completions.stream()` helper's stream.
    Helper,
    /// `helper.get_final_completion`, before it is called.
    HelperFinal,
    /// One event of the helper's stream.
    HelperEvent,
    /// An event's `type`: only a comparison with a literal can be migrated.
    HelperEventType,
    /// The result of a Responses call: only Chat Completions reads on it are residue, every
    /// other read is its own API's.
    Response,
    /// `usage` of a Responses result.
    ResponseUsage,
    /// A Responses stream (`stream=True`, or the `responses.stream()` helper).
    ResponseStream,
    /// One event of a Responses stream.
    ResponseEvent,
}

impl Shape {
    /// The shape callers in other files get, in the model's terms.
    pub fn handed(self) -> crate::model::ResultShape {
        match self {
            Shape::Completion => crate::model::ResultShape::Completion,
            Shape::Stream => crate::model::ResultShape::Stream,
            _ => crate::model::ResultShape::Part,
        }
    }

    /// What an annotation of a value of this shape annotates, in the model's terms: the
    /// whole result (on either API) or a stream of it, or a part of it.
    fn annotated(self) -> crate::model::ResultShape {
        match self {
            Shape::Completion | Shape::Response => crate::model::ResultShape::Completion,
            Shape::Stream | Shape::ResponseStream => crate::model::ResultShape::Stream,
            _ => crate::model::ResultShape::Part,
        }
    }

    /// The shape a caller in another file starts from.
    pub fn of_handed(result: crate::model::ResultShape) -> Option<Shape> {
        match result {
            crate::model::ResultShape::Completion => Some(Shape::Completion),
            crate::model::ResultShape::Stream => Some(Shape::Stream),
            crate::model::ResultShape::Part | crate::model::ResultShape::Instance => None,
        }
    }
}

/// One step of a chain.
#[derive(Debug)]
enum Seg<'s> {
    Attr(&'s str),
    /// A string subscript: a dict's key (raw JSON reads the same fields as attributes).
    Key(&'s str),
    Index(Option<i64>),
    Call,
}

/// What a chain turned out to be.
struct Followed {
    reads: Vec<Read>,
    /// The shape at the end, when the chain ends on an object rather than data.
    end: Option<Shape>,
    /// The expression that holds the object at the end, in Responses terms.
    base: Span,
}

/// Follow `segs` from a value of `shape` whose expression spans `base`. Each segment
/// carries the span of the chain's expression up to and including it.
fn follow(shape: Shape, root: Span, segs: &[(Seg, Span)]) -> Followed {
    if shape == Shape::Response {
        if let Some(read) = first_output_item(root, segs) {
            return Followed {
                reads: vec![read],
                end: None,
                base: root,
            };
        }
    }
    let mut reads = Vec::new();
    let mut shape = shape;
    // The expression that holds the current object in Responses terms: a choice and its
    // message are the response itself, a tool call's function is the tool call.
    let mut base = root;
    for (i, (seg, at)) in segs.iter().enumerate() {
        let at = *at;
        let mut push = |kind| {
            reads.push(Read {
                span: at,
                base,
                kind,
            })
        };
        let step = match seg {
            Seg::Key(key) => &Seg::Attr(key),
            other => other,
        };
        let next = match (shape, step) {
            (Shape::Completion, Seg::Attr("choices")) => Some(Shape::Choices),
            (Shape::Completion, Seg::Attr("usage")) => Some(Shape::Usage),
            (Shape::Completion, Seg::Attr("id" | "model" | "service_tier")) => None,
            (Shape::Choices, Seg::Index(Some(0))) => Some(Shape::Choice),
            (Shape::Choice, Seg::Attr("message")) => Some(Shape::Message),
            (Shape::Choice, Seg::Attr("finish_reason")) => Some(Shape::FinishReason),
            (Shape::Message, Seg::Attr("content")) => {
                push(ReadKind::Content);
                None
            }
            (Shape::Message, Seg::Attr("parsed")) => {
                push(ReadKind::Parsed);
                None
            }
            (Shape::Message, Seg::Attr("refusal")) => {
                push(ReadKind::Refusal);
                None
            }
            (Shape::Message, Seg::Attr("tool_calls")) => {
                push(ReadKind::ToolCalls);
                Some(Shape::ToolCalls)
            }
            (Shape::Message, Seg::Attr("function_call")) => {
                push(ReadKind::FunctionCall);
                Some(Shape::ToolCall)
            }
            (Shape::ToolCalls, Seg::Index(_)) => Some(Shape::ToolCall),
            (Shape::ToolCall, Seg::Attr("id")) => {
                push(ReadKind::ToolCallField("id".into()));
                None
            }
            (Shape::ToolCall, Seg::Attr("function")) => Some(Shape::ToolCallFunction),
            // A legacy `function_call` carries its name and arguments directly.
            (Shape::ToolCall, Seg::Attr("name" | "arguments")) => None,
            (
                Shape::ToolCallFunction,
                Seg::Attr(field @ ("name" | "arguments" | "parsed_arguments")),
            ) => {
                push(ReadKind::ToolCallField(field.to_string()));
                None
            }
            (Shape::Usage, Seg::Attr("total_tokens")) => None,
            (Shape::Usage, Seg::Attr(field)) => {
                push(ReadKind::UsageField(field.to_string()));
                None
            }
            (Shape::Chunk, Seg::Attr("choices")) => Some(Shape::ChunkChoices),
            (Shape::Chunk, Seg::Attr("usage")) => {
                push(ReadKind::StreamUsage);
                Some(Shape::Usage)
            }
            (Shape::ChunkChoices, Seg::Index(Some(0))) => Some(Shape::ChunkChoice),
            (Shape::ChunkChoice, Seg::Attr("delta")) => Some(Shape::Delta),
            (Shape::Delta, Seg::Attr("content")) => {
                push(ReadKind::StreamText { guarded: false });
                None
            }
            (Shape::Helper, Seg::Attr("get_final_completion")) => {
                push(ReadKind::HelperFinal);
                Some(Shape::HelperFinal)
            }
            (Shape::Helper, Seg::Attr("until_done" | "close")) => None,
            (Shape::HelperFinal, Seg::Call) => Some(Shape::Completion),
            (Shape::HelperEvent, Seg::Attr("type")) => Some(Shape::HelperEventType),
            // Text deltas, and a tool call's finished `arguments`, are spelled alike on both.
            (Shape::HelperEvent, Seg::Attr("delta" | "arguments")) => None,
            (Shape::HelperEvent, Seg::Attr("arguments_delta")) => {
                push(ReadKind::HelperEventArgumentsDelta);
                None
            }
            (Shape::HelperEvent, Seg::Attr("content")) => {
                push(ReadKind::HelperEventText);
                None
            }
            (Shape::HttpResponse, Seg::Attr("json")) => Some(Shape::HttpJson),
            (Shape::HttpJson, Seg::Call) => Some(Shape::Completion),
            (Shape::ResponsesHttp, Seg::Attr("json")) => Some(Shape::ResponsesHttpJson),
            (Shape::ResponsesHttpJson, Seg::Call) => Some(Shape::Response),
            (
                Shape::HttpResponse | Shape::ResponsesHttp,
                Seg::Attr(
                    "text" | "content" | "read" | "aread" | "iter_lines" | "iter_content"
                    | "iter_bytes" | "iter_text" | "aiter_lines" | "aiter_bytes" | "aiter_text",
                ),
            )
            | (Shape::HttpBody, _) => Some(Shape::HttpBody),
            (Shape::BatchOutput, Seg::Attr("response")) => Some(Shape::BatchOutputResponse),
            (Shape::BatchOutputResponse, Seg::Attr("body")) => Some(Shape::Completion),
            // The rest of a line (`custom_id`, `error`, the HTTP status) is the same for
            // both endpoints, and a `json.loads` of anything else reads nothing of ours.
            (Shape::BatchOutput | Shape::BatchOutputResponse, _) => None,
            // What the reply says about the exchange is the same for both APIs; its body as
            // text or bytes is not.
            (
                Shape::HttpResponse | Shape::ResponsesHttp,
                Seg::Attr(
                    "raise_for_status" | "status_code" | "status" | "ok" | "reason"
                    | "reason_phrase" | "is_success" | "is_error" | "headers" | "elapsed" | "url"
                    | "request" | "encoding" | "close" | "release",
                ),
            ) => None,
            (Shape::Raw, Seg::Attr("parse")) => Some(Shape::Raw),
            (Shape::Raw, Seg::Call) => Some(Shape::Completion),
            // What the SDK's raw response says about the HTTP exchange is the same for both
            // APIs; its body (`.text`, `.json()`, `.content`) is not.
            (
                Shape::Raw,
                Seg::Attr(
                    "headers" | "status_code" | "http_request" | "request_id" | "retries_taken"
                    | "elapsed" | "url" | "method",
                ),
            ) => None,
            // Chat Completions reads left on a Responses result.
            (Shape::Response, Seg::Attr("choices")) => Some(Shape::Choices),
            (Shape::Response, Seg::Attr("usage")) => Some(Shape::ResponseUsage),
            (Shape::ResponseUsage, Seg::Attr(field @ CHAT_USAGE_FIELDS!())) => {
                push(ReadKind::UsageField(field.to_string()));
                None
            }
            (Shape::ResponseEvent, Seg::Attr("choices")) => Some(Shape::ChunkChoices),
            (
                Shape::Response
                | Shape::ResponseUsage
                | Shape::ResponseStream
                | Shape::ResponseEvent,
                _,
            ) => None,
            (shape, seg) => {
                push(ReadKind::Unknown(describe(shape, seg)));
                None
            }
        };
        let Some(next) = next else {
            return Followed {
                reads,
                end: None,
                base,
            };
        };
        if matches!(
            (shape, next),
            (Shape::ToolCalls, Shape::ToolCall)
                | (_, Shape::Usage | Shape::ResponseUsage)
                | (
                    Shape::Raw | Shape::HttpJson | Shape::BatchOutputResponse,
                    Shape::Completion
                )
                | (Shape::ResponsesHttpJson, Shape::Response)
        ) {
            base = at;
        }
        shape = next;
        // `r.json()["output"][0]...`: the reply's JSON read as a Response from here on.
        if shape == Shape::Response {
            if let Some(read) = first_output_item(base, &segs[i + 1..]) {
                reads.push(read);
                return Followed {
                    reads,
                    end: None,
                    base,
                };
            }
        }
        let last = i + 1 == segs.len();
        if last && shape == Shape::ChunkChoices {
            // `chunk.choices` on its own is the guard for chunks that carry text.
            reads.push(Read {
                span: at,
                base,
                kind: ReadKind::StreamGuard { negated: false },
            });
            return Followed {
                reads,
                end: None,
                base,
            };
        }
        if last && matches!(shape, Shape::Choice | Shape::Message) {
            // The reply itself: in Responses terms, the response.
            reads.push(Read {
                span: at,
                base,
                kind: ReadKind::Reply,
            });
        }
    }
    Followed {
        reads,
        end: Some(shape),
        base,
    }
}

/// `resp.output[0]` on a Responses result, read as if it were the reply: the first output
/// item is a reasoning item on reasoning models. `resp.output[0].content[0].text` (or its
/// JSON spelling) is the reply's text; any other read through the first item is only
/// reported.
fn first_output_item(root: Span, segs: &[(Seg, Span)]) -> Option<Read> {
    let name = |seg: &Seg| match seg {
        Seg::Attr(a) | Seg::Key(a) => Some(a.to_string()),
        _ => None,
    };
    let [(output, _), (Seg::Index(Some(0)), item), rest @ ..] = segs else {
        return None;
    };
    if name(output).as_deref() != Some("output") {
        return None;
    }
    let text = match rest {
        [(content, _), (Seg::Index(Some(0)), _), (text, at)]
            if name(content).as_deref() == Some("content")
                && name(text).as_deref() == Some("text") =>
        {
            Some(*at)
        }
        _ => None,
    };
    Some(match text {
        Some(at) => Read {
            span: at,
            base: root,
            kind: ReadKind::FirstOutputText,
        },
        None => Read {
            span: *item,
            base: root,
            kind: ReadKind::FirstOutputItem,
        },
    })
}

fn describe(shape: Shape, seg: &Seg) -> String {
    let step = match seg {
        Seg::Attr(a) => format!(".{a}"),
        Seg::Key(k) => format!("[{k:?}]"),
        Seg::Index(Some(i)) => format!("[{i}]"),
        Seg::Index(None) => "[…]".to_string(),
        Seg::Call => "()".to_string(),
    };
    let on = match shape {
        Shape::Completion => "the completion",
        Shape::Choices => "`choices`",
        Shape::Choice => "a choice",
        Shape::Message => "the message",
        Shape::ToolCalls => "`tool_calls`",
        Shape::ToolCall => "a tool call",
        Shape::ToolCallFunction => "a tool call's function",
        Shape::Usage => "`usage`",
        Shape::Stream => "the stream",
        Shape::Chunk => "a stream chunk",
        Shape::ChunkChoices => "a chunk's `choices`",
        Shape::ChunkChoice => "a chunk's choice",
        Shape::Delta => "a chunk's delta",
        Shape::Raw => "the raw response",
        Shape::HttpResponse => "the HTTP reply",
        Shape::HttpJson => "the reply's `json`",
        Shape::HttpBody => "the reply's body",
        Shape::ResponsesHttp => "the HTTP reply",
        Shape::ResponsesHttpJson => "the reply's `json`",
        Shape::BatchOutput => "a Batch output line",
        Shape::BatchOutputResponse => "a Batch output line's `response`",
        Shape::FinishReason => "`finish_reason`",
        Shape::Helper => "the `stream()` helper",
        Shape::HelperFinal => "`get_final_completion`",
        Shape::HelperEvent => "a `stream()` helper event",
        Shape::HelperEventType => "an event's `type`",
        Shape::Response => "the response",
        Shape::ResponseUsage => "the response's `usage`",
        Shape::ResponseStream => "the response stream",
        Shape::ResponseEvent => "a response stream event",
    };
    format!("`{step}` on {on}")
}

/// The Chat Completions types an annotation of a value of `shape` names
/// (`ChatCompletion`, `Optional[ChatCompletion]`, `Stream[ChatCompletionChunk]`, a quoted
/// `"ChatCompletion"`, `chat.ChatCompletion`): one read for each (see `ReadKind::ChatType`).
/// Which names have a Responses twin is the rule's to say.
pub fn annotation_reads(annotation: &Expr, shape: Shape, source: &str) -> Vec<Read> {
    typed_reads(
        annotation,
        crate::model::Annotated::Result(shape.annotated()),
        source,
    )
}

/// The Chat Completions types `annotation` names, as reads of what it annotates.
pub fn typed_reads(annotation: &Expr, of: crate::model::Annotated, source: &str) -> Vec<Read> {
    fn chat_name(name: &str) -> bool {
        ["ChatCompletion", "ParsedChatCompletion", "ParsedChoice"]
            .iter()
            .any(|p| name.starts_with(p))
    }
    /// `list[X]` / `List[X]` / `Iterable[X]` / `Sequence[X]` of one chat name: the name's span.
    fn listed(expr: &Expr) -> Option<Span> {
        let Expr::Subscript(s) = expr else {
            return None;
        };
        let Expr::Name(outer) = &*s.value else {
            return None;
        };
        let Expr::Name(inner) = &*s.slice else {
            return None;
        };
        (matches!(outer.id.as_str(), "list" | "List" | "Iterable" | "Sequence")
            && chat_name(inner.id.as_str()))
        .then(|| span(inner.range))
    }
    #[derive(Default)]
    struct Names(Vec<(Span, Span)>);
    impl<'a> Visitor<'a> for Names {
        fn visit_expr(&mut self, expr: &'a Expr) {
            match expr {
                _ if listed(expr).is_some() => self
                    .0
                    .push((span(expr.range()), listed(expr).expect("matched"))),
                Expr::Name(n) if chat_name(n.id.as_str()) => {
                    self.0.push((span(n.range), span(n.range)))
                }
                // A dotted name is one name (`types.chat.ChatCompletion`).
                Expr::Attribute(a) if chat_name(a.attr.id.as_str()) => {
                    self.0.push((span(a.range), span(a.range)))
                }
                Expr::StringLiteral(s) if s.value.to_str().contains("ChatCompletion") => {
                    self.0.push((span(s.range), span(s.range)))
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut names = Names::default();
    names.visit_expr(annotation);
    names
        .0
        .into_iter()
        .map(|(at, name)| Read {
            span: at,
            base: name,
            kind: ReadKind::ChatType {
                name: source[name.start..name.end].to_string(),
                listed: at != name,
                of: of.clone(),
            },
        })
        .collect()
}

/// Split an expression into its root and the segments applied to it.
fn chain(expr: &Expr) -> (&Expr, Vec<(Seg<'_>, Span)>) {
    let mut segs = Vec::new();
    let mut at = expr;
    loop {
        match at {
            Expr::Attribute(a) => {
                segs.push((Seg::Attr(a.attr.id.as_str()), span(a.range)));
                at = &a.value;
            }
            Expr::Subscript(s) => {
                let seg = match &*s.slice {
                    Expr::StringLiteral(key) => Seg::Key(key.value.to_str()),
                    Expr::NumberLiteral(n) => match &n.value {
                        ast::Number::Int(i) => Seg::Index(i.as_i64()),
                        _ => Seg::Index(None),
                    },
                    _ => Seg::Index(None),
                };
                segs.push((seg, span(s.range)));
                at = &s.value;
            }
            // `(await reply.json())["choices"]`: awaiting changes nothing about the shape.
            Expr::Await(a) if matches!(&*a.value, Expr::Call(c) if c.arguments.is_empty()) => {
                at = &a.value;
            }
            Expr::Call(c) if c.arguments.is_empty() && matches!(&*c.func, Expr::Attribute(_)) => {
                segs.push((Seg::Call, span(c.range())));
                at = &c.func;
            }
            _ => break,
        }
    }
    segs.reverse();
    (at, segs)
}

/// What the analysis found for one call.
#[derive(Default)]
pub struct Uses {
    pub reads: Vec<Read>,
    pub unseen: Vec<String>,
    /// The shape the function returns the result as (`return completion`), for following
    /// it into the function's callers.
    pub returned: Option<Shape>,
}

/// The statements of one scope in walking order, and which of them mention each name.
///
/// A request's walk only needs the statement of its call and the statements that mention a
/// name it tracks: any other statement leaves the walk as it was. Built once per scope, so a
/// module with thousands of requests does not walk every statement for each of them (that
/// made lifting quadratic in the number of requests).
pub struct Statements<'a> {
    stmts: Vec<&'a Stmt>,
    /// Each name, and the indices of the statements that mention it, ascending.
    mentions: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Statements<'a> {
    pub fn new(body: &'a [Stmt]) -> Statements<'a> {
        #[derive(Default)]
        struct Names<'a>(Vec<&'a str>);
        impl<'a> Visitor<'a> for Names<'a> {
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Name(n) = expr {
                    self.0.push(n.id.as_str());
                }
                visitor::walk_expr(self, expr);
            }
        }
        let stmts = flatten(body);
        let mut mentions: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, stmt) in stmts.iter().enumerate() {
            let mut names = Names::default();
            for expr in header_exprs(stmt) {
                names.visit_expr(expr);
            }
            // Binding a tracked name to something else ends its tracking (`Walker::statement`).
            if let Stmt::Assign(a) = stmt {
                for target in &a.targets {
                    names.visit_expr(target);
                }
            }
            if let Stmt::AnnAssign(a) = stmt {
                names.visit_expr(&a.target);
            }
            if let Stmt::For(f) = stmt {
                names.visit_expr(&f.target);
            }
            for name in names.0 {
                let at = mentions.entry(name).or_default();
                if at.last() != Some(&i) {
                    at.push(i);
                }
            }
        }
        Statements { stmts, mentions }
    }

    /// The first statement after `after` that mentions one of `names`.
    fn next_mention<'n>(
        &self,
        names: impl Iterator<Item = &'n String>,
        after: usize,
    ) -> Option<usize> {
        names
            .filter_map(|name| {
                let at = self.mentions.get(name.as_str())?;
                at.get(at.partition_point(|i| *i <= after)).copied()
            })
            .min()
    }
}

/// Follow the result of the call at `call_span` through the statements of its scope.
pub fn analyze(body: &Statements, call_span: Span, first: Shape, source: &str) -> Uses {
    let mut walker = Walker {
        call: call_span,
        first,
        names: HashMap::new(),
        uses: Uses::default(),
        source,
        consumed: Default::default(),
        loops: Vec::new(),
        guarded: Vec::new(),
        item_lists: Default::default(),
        items: Default::default(),
        truth: Default::default(),
        texts: Default::default(),
    };
    // The call's own statement: the last one that starts before it and holds it (statements
    // are in source order, a compound statement before the ones it holds; an `elif` test
    // comes after the body before it). Statements before it cannot see its result.
    let mut own = body
        .stmts
        .partition_point(|s| s.start().to_usize() <= call_span.start)
        .saturating_sub(1);
    while own > 0 && !span(body.stmts[own].range()).contains(call_span) {
        own -= 1;
    }
    let mut at = Some(own);
    while let Some(i) = at {
        if let Some(stmt) = body.stmts.get(i) {
            walker.statement(stmt);
        }
        // Output items kept by name are followed too: only their `id` is read from them.
        let names = walker
            .names
            .keys()
            .chain(&walker.items)
            .chain(&walker.item_lists)
            .chain(&walker.texts);
        at = body.next_mention(names, i);
    }
    walker
        .uses
        .reads
        .sort_by_key(|r| (r.span.start, r.span.end));
    walker.uses.reads.dedup();
    // A chunk's `choices` becomes the check of the event type only where it is tested for
    // truth; used as a collection (`len`, iteration, a comparison) it has no equivalent.
    let truth = std::mem::take(&mut walker.truth);
    walker.uses.reads.retain(|read| {
        if !matches!(read.kind, ReadKind::StreamGuard { .. }) || truth.contains(&read.span) {
            return true;
        }
        walker.uses.unseen.push(format!(
            "`{}` at line {} uses a chunk's `choices` as a collection, which a Responses event has no equivalent for (only a test for truth becomes the event-type check)",
            &source[read.span.start..read.span.end],
            crate::edit::line_col(source, read.span.start).0
        ));
        false
    });
    walker.uses.unseen.dedup();
    // A chunk's text read where the guard has already passed is just the delta.
    for read in &mut walker.uses.reads {
        if let ReadKind::StreamText { guarded } = &mut read.kind {
            let base = &source[read.base.start..read.base.end];
            *guarded = walker
                .guarded
                .iter()
                .any(|(name, region)| name == base && region.contains(read.span));
        }
    }
    walker.uses
}

struct Walker<'s> {
    call: Span,
    first: Shape,
    names: HashMap<String, Shape>,
    uses: Uses,
    source: &'s str,
    /// Expressions already handled by a statement pattern.
    consumed: std::collections::HashSet<Span>,
    /// Stream loops: the chunk's name and the loop's span.
    loops: Vec<(String, Span)>,
    /// Where a chunk is known to have passed the `choices` guard: its name and the region.
    guarded: Vec<(String, Span)>,
    /// Names bound to a list of a Responses result's output items (`calls = [i for i in
    /// resp.output if ...]`), and names bound to one such item (`for call in calls:`).
    item_lists: std::collections::HashSet<String>,
    items: std::collections::HashSet<String>,
    /// Expressions whose value is only tested for truth (an `if` test, an operand of `not`
    /// or of `and` / `or` in a test…), and tests of a chunk's `choices` that are booleans
    /// already (`len(chunk.choices) > 0`).
    truth: std::collections::HashSet<Span>,
    /// Names bound to the reply's text (`content = resp.choices[0].message.content`): a test
    /// of one for `None` is a test of the text.
    texts: std::collections::HashSet<String>,
}

/// Marks the expressions whose value is only tested for truth.
struct Truth<'t>(&'t mut std::collections::HashSet<Span>);

impl<'a> Visitor<'a> for Truth<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::BoolOp(b) => {
                // Every operand but the last is tested; the last is the value itself.
                let whole = self.0.contains(&span(b.range));
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    if whole || i + 1 < n {
                        self.0.insert(span(v.range()));
                    }
                }
            }
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                self.0.insert(span(u.operand.range()));
            }
            Expr::If(i) => {
                self.0.insert(span(i.test.range()));
            }
            Expr::Call(c)
                if matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "bool")
                    && c.arguments.args.len() == 1 =>
            {
                self.0.insert(span(c.arguments.args[0].range()));
            }
            Expr::ListComp(ast::ExprListComp { generators, .. })
            | Expr::SetComp(ast::ExprSetComp { generators, .. })
            | Expr::Generator(ast::ExprGenerator { generators, .. })
            | Expr::DictComp(ast::ExprDictComp { generators, .. }) => {
                for g in generators {
                    for test in &g.ifs {
                        self.0.insert(span(test.range()));
                    }
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

/// `len(x) > 0` (and `!= 0`, `>= 1`), `x != []`: `Some((x, false))`; `len(x) == 0` (and
/// `< 1`, `<= 0`), `x == []`: `Some((x, true))`, negated.
fn emptiness_test(expr: &Expr) -> Option<(&Expr, bool)> {
    let Expr::Compare(c) = expr else { return None };
    let ([op], [right]) = (&c.ops[..], &c.comparators[..]) else {
        return None;
    };
    if let Expr::List(empty) = right {
        if !empty.elts.is_empty() {
            return None;
        }
        return match op {
            ast::CmpOp::Eq => Some((&c.left, true)),
            ast::CmpOp::NotEq => Some((&c.left, false)),
            _ => None,
        };
    }
    let Expr::Call(len) = &*c.left else {
        return None;
    };
    if !matches!(&*len.func, Expr::Name(n) if n.id.as_str() == "len")
        || len.arguments.args.len() != 1
        || !len.arguments.keywords.is_empty()
    {
        return None;
    }
    let Expr::NumberLiteral(n) = right else {
        return None;
    };
    let n = match &n.value {
        ast::Number::Int(i) => i.as_i64()?,
        _ => return None,
    };
    let negated = match (op, n) {
        (ast::CmpOp::Gt, 0) | (ast::CmpOp::NotEq, 0) | (ast::CmpOp::GtE, 1) => false,
        (ast::CmpOp::Eq, 0) | (ast::CmpOp::Lt, 1) | (ast::CmpOp::LtE, 0) => true,
        _ => return None,
    };
    Some((&len.arguments.args[0], negated))
}

impl<'s> Walker<'s> {
    /// The shape of an expression's root, when it is tracked.
    fn root_shape(&self, root: &Expr) -> Option<Shape> {
        match root {
            Expr::Name(n) => self.names.get(n.id.as_str()).copied(),
            Expr::Await(a) if span(a.value.range()) == self.call => Some(self.first),
            Expr::Call(_) if span(root.range()) == self.call => Some(self.first),
            _ => None,
        }
    }

    /// Follow an expression; returns the shape it ends on, if it is a tracked object.
    fn evaluate(&mut self, expr: &Expr) -> Option<Shape> {
        // `message.tool_calls or []`: the list of calls, or none. The rewritten read is
        // always a list, so the fallback keeps its meaning.
        if let Expr::BoolOp(b) = expr {
            if let (ast::BoolOp::Or, [calls, Expr::List(empty)]) = (b.op, &b.values[..]) {
                if empty.elts.is_empty() {
                    let (root, segs) = chain(calls);
                    if let Some(shape) = self.root_shape(root) {
                        let followed = follow(shape, span(root.range()), &segs);
                        if followed.end == Some(Shape::ToolCalls) {
                            self.uses.reads.extend(followed.reads);
                            self.consumed.insert(span(calls.range()));
                            self.consumed.insert(span(expr.range()));
                            return Some(Shape::ToolCalls);
                        }
                    }
                }
            }
        }
        let (root, segs) = chain(expr);
        let shape = self.root_shape(root)?;
        let followed = follow(shape, span(root.range()), &segs);
        self.uses.reads.extend(followed.reads);
        self.consumed.insert(span(expr.range()));
        followed.end
    }

    fn statement(&mut self, stmt: &Stmt) {
        match stmt {
            // Returned as an object: its callers read it (see `callers`). Returned data
            // (`return resp.choices[0].message.content`) leaves nothing to follow.
            Stmt::Return(r) => {
                if let Some(value) = r.value.as_deref() {
                    let (root, _) = chain(value);
                    if self.root_shape(root).is_some() {
                        if let Some(shape) = self.evaluate(value) {
                            match self.uses.returned {
                                Some(before) if before != shape => self.uses.unseen.push(format!(
                                    "`{}` is returned as another part of the result than elsewhere",
                                    &self.source[value.range()]
                                )),
                                _ => self.uses.returned = Some(shape),
                            }
                        }
                    }
                }
            }
            Stmt::Assign(a) if a.targets.len() == 1 => {
                if let Expr::Name(target) = &a.targets[0] {
                    self.items.remove(target.id.as_str());
                    if self.output_items(&a.value) {
                        self.item_lists.insert(target.id.to_string());
                    } else {
                        self.item_lists.remove(target.id.as_str());
                    }
                    let shape = self.evaluate(&a.value);
                    let text = self.uses.reads.last().is_some_and(|r| {
                        r.kind == ReadKind::Content && r.span == span(a.value.range())
                    });
                    if text {
                        self.texts.insert(target.id.to_string());
                    } else {
                        self.texts.remove(target.id.as_str());
                    }
                    match shape {
                        Some(shape) => {
                            self.names.insert(target.id.to_string(), shape);
                        }
                        None => {
                            // Rebinding a tracked name to something else ends its tracking.
                            if !self.consumed.contains(&span(a.value.range())) {
                                self.names.remove(target.id.as_str());
                            }
                        }
                    }
                }
            }
            // `resp: ChatCompletion = client.chat.completions.create(...)`: bound like a
            // plain assignment, and its annotation is the result's type.
            Stmt::AnnAssign(a) => {
                if let (Expr::Name(target), Some(value)) = (&*a.target, a.value.as_deref()) {
                    self.items.remove(target.id.as_str());
                    self.item_lists.remove(target.id.as_str());
                    match self.evaluate(value) {
                        Some(shape) => {
                            self.names.insert(target.id.to_string(), shape);
                            self.uses.reads.extend(annotation_reads(
                                &a.annotation,
                                shape,
                                self.source,
                            ));
                        }
                        None => {
                            if !self.consumed.contains(&span(value.range())) {
                                self.names.remove(target.id.as_str());
                            }
                        }
                    }
                }
            }
            Stmt::For(f) => {
                if let Expr::Name(target) = &*f.target {
                    self.texts.remove(target.id.as_str());
                    if self.output_items(&f.iter) {
                        self.items.insert(target.id.to_string());
                    } else {
                        self.items.remove(target.id.as_str());
                    }
                    let shape = self.evaluate(&f.iter);
                    let element = match shape {
                        Some(Shape::ToolCalls) => Some(Shape::ToolCall),
                        Some(Shape::Stream) => Some(Shape::Chunk),
                        Some(Shape::Helper) => Some(Shape::HelperEvent),
                        Some(Shape::ResponseStream) => Some(Shape::ResponseEvent),
                        Some(other) => {
                            self.uses.unseen.push(format!(
                                "`{}` is iterated in a way responsify does not follow ({other:?})",
                                &self.source[f.iter.range()]
                            ));
                            None
                        }
                        None => None,
                    };
                    match element {
                        Some(element) => {
                            if matches!(element, Shape::Chunk | Shape::ResponseEvent) {
                                self.loops.push((target.id.to_string(), span(f.range)));
                            }
                            self.names.insert(target.id.to_string(), element);
                        }
                        // The loop binds the name to something else.
                        None => {
                            self.names.remove(target.id.as_str());
                        }
                    }
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    if let Some(Expr::Name(target)) = item.optional_vars.as_deref() {
                        if let Some(shape) = self.evaluate(&item.context_expr) {
                            self.names.insert(target.id.to_string(), shape);
                        }
                    }
                }
            }
            Stmt::If(_) | Stmt::While(_) => {
                if let Stmt::If(i) = stmt {
                    self.note_guard(i);
                    self.note_added_item_replay(i);
                }
                // A list of tool calls, a legacy function call or usage tested for truth keeps its
                // meaning: the rewritten read is empty or `None` exactly when the old one was.
                for test in header_exprs(stmt) {
                    let test = match test {
                        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => &*u.operand,
                        other => other,
                    };
                    let (root, _) = chain(test);
                    if self.root_shape(root).is_some() {
                        if let Some(shape) = self.evaluate(test) {
                            if !matches!(shape, Shape::ToolCalls | Shape::ToolCall | Shape::Usage) {
                                self.uses.unseen.push(format!(
                                    "`{}` is tested in a way responsify does not follow",
                                    &self.source[test.range()]
                                ));
                            }
                        }
                    }
                }
            }
            Stmt::Expr(e) => {
                // `messages.append(reply)`: the reply becomes the output items.
                if let Expr::Call(call) = &*e.value {
                    if let (Expr::Attribute(attr), [arg]) = (&*call.func, &call.arguments.args[..])
                    {
                        if attr.attr.id.as_str() == "extend" && call.arguments.keywords.is_empty() {
                            if let Some(base) = self.replayed_output(arg) {
                                self.uses.reads.push(Read {
                                    span: span(call.range()),
                                    base,
                                    kind: ReadKind::ReplayOutput {
                                        list: span(attr.value.range()),
                                    },
                                });
                            }
                        }
                        if attr.attr.id.as_str() == "append" && call.arguments.keywords.is_empty() {
                            if let Some(base) = self.replayed_text(arg) {
                                self.uses.reads.push(Read {
                                    span: span(call.range()),
                                    base,
                                    kind: ReadKind::AppendText {
                                        list: span(attr.value.range()),
                                    },
                                });
                            } else {
                                match self.evaluate(arg) {
                                    Some(Shape::Message | Shape::Choice) => {
                                        self.uses.reads.push(Read {
                                            span: span(call.range()),
                                            base: span(arg.range()),
                                            kind: ReadKind::AppendReply {
                                                list: span(attr.value.range()),
                                            },
                                        });
                                    }
                                    // A chunk, a tool call or any other part kept in a list is
                                    // read later through the list, which is not followed.
                                    Some(_) => self.uses.unseen.push(out_of_sight::kept_in(
                                        &self.source[arg.range()],
                                        &self.source[attr.value.range()],
                                    )),
                                    None => {}
                                }
                            }
                        }
                    }
                }
            }
            // `items += resp.output`: the output items replayed into a list.
            Stmt::AugAssign(a) if a.op == ast::Operator::Add => {
                if let Some(base) = self.replayed_output(&a.value) {
                    self.uses.reads.push(Read {
                        span: span(a.range),
                        base,
                        kind: ReadKind::ReplayOutput {
                            list: span(a.target.range()),
                        },
                    });
                }
            }
            _ => {}
        }
        // Every other use in the statement's own expressions.
        match stmt {
            Stmt::If(i) => {
                self.truth.insert(span(i.test.range()));
                for clause in &i.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.truth.insert(span(test.range()));
                    }
                }
            }
            Stmt::While(w) => {
                self.truth.insert(span(w.test.range()));
            }
            Stmt::Assert(a) => {
                self.truth.insert(span(a.test.range()));
            }
            _ => {}
        }
        for expr in header_exprs(stmt) {
            Truth(&mut self.truth).visit_expr(expr);
        }
        for expr in header_exprs(stmt) {
            let mut finder = Uses_ { walker: self };
            finder.visit_expr(expr);
        }
    }
}

impl Walker<'_> {
    /// `{"role": "assistant", "content": resp.output_text}` on a Responses result: the span
    /// of the response expression.
    fn replayed_text(&mut self, arg: &Expr) -> Option<Span> {
        let Expr::Dict(dict) = arg else { return None };
        let value_of = |key: &str| {
            dict.items.iter().find_map(|item| match &item.key {
                Some(Expr::StringLiteral(k)) if k.value.to_str() == key => Some(&item.value),
                _ => None,
            })
        };
        if dict.items.len() != 2 {
            return None;
        }
        match value_of("role") {
            Some(Expr::StringLiteral(role)) if role.value.to_str() == "assistant" => {}
            _ => return None,
        }
        let content = value_of("content")?;
        let (root, segs) = chain(content);
        let root_span = span(root.range());
        match (self.root_shape(root), segs.as_slice()) {
            (Some(Shape::Response), [(Seg::Attr("output_text"), _)]) => {
                self.consumed.insert(span(arg.range()));
                self.consumed.insert(span(content.range()));
                Some(root_span)
            }
            _ => None,
        }
    }

    /// Does `expr` hold a Responses result's output items: `resp.output`, a name bound to
    /// them, or a comprehension that keeps some of them (`[i for i in resp.output if ...]`)?
    fn output_items(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(n) => self.item_lists.contains(n.id.as_str()),
            Expr::ListComp(c) => match (&*c.elt, &c.generators[..]) {
                (Expr::Name(elt), [g]) => {
                    matches!(&g.target, Expr::Name(t) if t.id == elt.id)
                        && self.output_items(&g.iter)
                }
                _ => false,
            },
            _ => self.replayed_output(expr).is_some(),
        }
    }

    /// `resp.output` on a Responses result: the span of the response expression.
    fn replayed_output(&self, expr: &Expr) -> Option<Span> {
        let (root, segs) = chain(expr);
        match (self.root_shape(root), segs.as_slice()) {
            (Some(Shape::Response), [(Seg::Attr("output"), _)]) => Some(span(root.range())),
            _ => None,
        }
    }

    /// `chunk.choices` as a tracked chunk's guard: the chunk's name.
    fn guard_name(&self, expr: &Expr) -> Option<String> {
        let Expr::Attribute(a) = expr else {
            return None;
        };
        let Expr::Name(n) = &*a.value else {
            return None;
        };
        (a.attr.id.as_str() == "choices"
            && matches!(
                self.names.get(n.id.as_str()),
                Some(Shape::Chunk | Shape::ResponseEvent)
            ))
        .then(|| n.id.to_string())
    }

    /// Record where an `if` makes a chunk's text reads safe: after `if chunk.choices and …`
    /// (the rest of the test and the body), and after `if not chunk.choices: continue` (the
    /// rest of the loop).
    /// `if event.type == "response.output_item.added":` whose body replays `event.item` into
    /// a list (`items.append(event.item)`): the item as it started, before its content or
    /// arguments arrived. The read is the event-name literal; `alone` when the replay is all
    /// the branch does, `chained` when `elif` / `else` branches follow it.
    fn note_added_item_replay(&mut self, stmt: &ast::StmtIf) {
        let Expr::Compare(c) = &*stmt.test else {
            return;
        };
        let ([ast::CmpOp::Eq], [Expr::StringLiteral(name)]) = (&c.ops[..], &c.comparators[..])
        else {
            return;
        };
        if name.value.to_str() != "response.output_item.added" {
            return;
        }
        let (root, segs) = chain(&c.left);
        let Expr::Name(event) = root else { return };
        if self.root_shape(root) != Some(Shape::ResponseEvent)
            || !matches!(segs.as_slice(), [(Seg::Attr("type"), _)])
        {
            return;
        }
        let replays = |s: &Stmt| {
            let Stmt::Expr(e) = s else { return false };
            let Expr::Call(call) = &*e.value else {
                return false;
            };
            let (Expr::Attribute(attr), [Expr::Attribute(arg)]) =
                (&*call.func, &call.arguments.args[..])
            else {
                return false;
            };
            attr.attr.id.as_str() == "append"
                && arg.attr.id.as_str() == "item"
                && matches!(&*arg.value, Expr::Name(n) if n.id == event.id)
        };
        if stmt.body.iter().any(replays) {
            let at = span(c.comparators[0].range());
            self.uses.reads.push(Read {
                span: at,
                base: at,
                kind: ReadKind::ReplayAddedItem {
                    alone: stmt.body.len() == 1,
                    chained: !stmt.elif_else_clauses.is_empty(),
                },
            });
        }
    }

    /// `chunk.choices`, `len(chunk.choices) > 0` or `chunk.choices != []` on a tracked chunk
    /// (`negated`: `not chunk.choices`, `len(chunk.choices) == 0`, `chunk.choices == []`):
    /// the chunk's name.
    fn guard_test(&self, expr: &Expr, negated: bool) -> Option<String> {
        match (expr, emptiness_test(expr)) {
            (_, Some((choices, n))) if n == negated => self.guard_name(choices),
            (Expr::UnaryOp(u), _) if negated && u.op == ast::UnaryOp::Not => {
                self.guard_name(&u.operand)
            }
            _ if !negated => self.guard_name(expr),
            _ => None,
        }
    }

    fn note_guard(&mut self, stmt: &ast::StmtIf) {
        if let Expr::BoolOp(b) = &*stmt.test {
            if b.op == ast::BoolOp::And {
                if let Some(name) = b.values.first().and_then(|v| self.guard_test(v, false)) {
                    let end = stmt.body.last().map_or(stmt.test.end(), |s| s.end());
                    self.guarded.push((
                        name,
                        Span::new(b.values[0].end().to_usize(), end.to_usize()),
                    ));
                }
            }
        } else if let Some(name) = self.guard_test(&stmt.test, false) {
            if let Some(last) = stmt.body.last() {
                self.guarded.push((
                    name,
                    Span::new(stmt.test.end().to_usize(), last.end().to_usize()),
                ));
            }
        }
        {
            let leaves = matches!(
                stmt.body.as_slice(),
                [Stmt::Continue(_)] | [Stmt::Return(_)] | [Stmt::Break(_)]
            );
            if leaves && stmt.elif_else_clauses.is_empty() {
                if let Some(name) = self.guard_test(&stmt.test, true) {
                    if let Some((_, body)) = self
                        .loops
                        .iter()
                        .rev()
                        .find(|(n, l)| *n == name && l.contains(span(stmt.range)))
                    {
                        self.guarded
                            .push((name, Span::new(stmt.range.end().to_usize(), body.end)));
                    }
                }
            }
        }
    }
}

impl Uses_<'_, '_> {
    /// `content is None` (`is not None`, `== None`, `!= None`) where `content` is the reply's
    /// text, read there or bound to a name: `output_text` is never `None`, so the test
    /// compares the text with the empty string instead. Any other comparison of the text with
    /// `None` is reported. Whether the comparison was handled.
    fn text_tested_for_none(&mut self, c: &ast::ExprCompare) -> bool {
        let is_none = |e: &Expr| matches!(e, Expr::NoneLiteral(_));
        let operands: Vec<&Expr> = std::iter::once(&*c.left)
            .chain(c.comparators.iter())
            .collect();
        if !operands.iter().any(|e| is_none(e)) {
            return false;
        }
        let Some(text) = operands.iter().find_map(|e| self.text_read(e)) else {
            return false;
        };
        let here = span(c.range);
        let direct = matches!(
            (&c.ops[..], &c.comparators[..]),
            (
                [ast::CmpOp::Is | ast::CmpOp::IsNot | ast::CmpOp::Eq | ast::CmpOp::NotEq],
                [Expr::NoneLiteral(_)]
            )
        ) && !is_none(&c.left);
        let (at, reads) = text;
        self.walker.uses.reads.extend(reads);
        self.walker.consumed.insert(at);
        if direct && at == span(c.left.range()) {
            let test = Span::new(at.end, here.end);
            self.walker.uses.reads.push(Read {
                span: test,
                base: test,
                kind: ReadKind::TextTestedForNone {
                    negated: matches!(c.ops[0], ast::CmpOp::IsNot | ast::CmpOp::NotEq),
                },
            });
        } else {
            self.walker.uses.unseen.push(format!(
                "`{}` at line {} tests the reply's text for `None` in a way responsify does not rewrite (`output_text` is never `None`, only empty)",
                &self.walker.source[c.range()],
                crate::edit::line_col(self.walker.source, here.start).0
            ));
        }
        self.walker.consumed.insert(here);
        true
    }

    /// The reply's text: a name bound to it, or a chain that reads it. Its span and the
    /// reads of the chain.
    fn text_read(&self, e: &Expr) -> Option<(Span, Vec<Read>)> {
        let at = span(e.range());
        if let Expr::Name(n) = e {
            if self.walker.texts.contains(n.id.as_str()) {
                return Some((at, Vec::new()));
            }
        }
        let (root, segs) = chain(e);
        let shape = self.walker.root_shape(root)?;
        let followed = follow(shape, span(root.range()), &segs);
        followed
            .reads
            .last()
            .is_some_and(|r| r.kind == ReadKind::Content && r.span == at)
            .then_some((at, followed.reads))
    }
}

/// Visits expressions, following every maximal chain on a tracked root.
#[allow(non_camel_case_types)]
struct Uses_<'w, 's> {
    walker: &'w mut Walker<'s>,
}

impl<'a> Visitor<'a> for Uses_<'_, '_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        let here = span(expr.range());
        if self.walker.consumed.contains(&here) {
            return;
        }
        // `len(chunk.choices) > 0`, `chunk.choices == []`: the test of a chunk's choices,
        // which becomes the check of the event type (negated for "has none").
        if let Some((choices, negated)) = emptiness_test(expr) {
            let (root, segs) = chain(choices);
            if let Some(shape) = self.walker.root_shape(root) {
                let mut followed = follow(shape, span(root.range()), &segs);
                if let Some(guard) = followed.reads.pop_if(|r| {
                    matches!(r.kind, ReadKind::StreamGuard { .. })
                        && r.span == span(choices.range())
                }) {
                    self.walker.uses.reads.extend(followed.reads);
                    self.walker.uses.reads.push(Read {
                        span: here,
                        base: guard.base,
                        kind: ReadKind::StreamGuard { negated },
                    });
                    self.walker.truth.insert(here);
                    self.walker.consumed.insert(here);
                    return;
                }
            }
        }
        if let Expr::Compare(c) = expr {
            if self.text_tested_for_none(c) {
                return;
            }
        }
        match expr {
            // `x is None` / `x is not None` on a tracked object reads nothing of it.
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], ast::CmpOp::Is | ast::CmpOp::IsNot)
                    && matches!(c.comparators[0], Expr::NoneLiteral(_)) =>
            {
                let (root, segs) = chain(&c.left);
                if let Some(shape) = self.walker.root_shape(root) {
                    let followed = follow(shape, span(root.range()), &segs);
                    if c.ops[0] == ast::CmpOp::Is
                        && followed
                            .reads
                            .iter()
                            .any(|r| matches!(r.kind, ReadKind::StreamText { .. }))
                    {
                        // A chunk without text ended a chat stream; a Responses stream
                        // starts with events that carry none. (`is not None` guards a
                        // text read, which keeps its meaning.)
                        self.walker
                            .uses
                            .unseen
                            .push(out_of_sight::stream_text_tested_for_none(
                                &self.walker.source[expr.range()],
                            ));
                    }
                    self.walker.uses.reads.extend(followed.reads);
                    self.walker.consumed.insert(span(c.left.range()));
                    return;
                }
                visitor::walk_expr(self, expr);
            }
            // `resp.choices[0].finish_reason == "length"` becomes a check of the status.
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], ast::CmpOp::Eq | ast::CmpOp::NotEq)
                    && matches!(c.comparators[0], Expr::StringLiteral(_)) =>
            {
                let (root, segs) = chain(&c.left);
                if let Some(shape) = self.walker.root_shape(root) {
                    let followed = follow(shape, span(root.range()), &segs);
                    if followed.end == Some(Shape::HelperEventType) {
                        let Expr::StringLiteral(name) = &c.comparators[0] else {
                            unreachable!("matched above")
                        };
                        self.walker.uses.reads.extend(followed.reads);
                        let at = span(c.comparators[0].range());
                        self.walker.uses.reads.push(Read {
                            span: at,
                            base: at,
                            kind: ReadKind::HelperEventName(name.value.to_str().to_string()),
                        });
                        self.walker.consumed.insert(here);
                        return;
                    }
                    if followed.end == Some(Shape::FinishReason) {
                        let Expr::StringLiteral(reason) = &c.comparators[0] else {
                            unreachable!("matched above")
                        };
                        self.walker.uses.reads.extend(followed.reads);
                        self.walker.uses.reads.push(Read {
                            span: here,
                            base: followed.base,
                            kind: ReadKind::FinishReasonIs {
                                reason: reason.value.to_str().to_string(),
                                negated: c.ops[0] == ast::CmpOp::NotEq,
                            },
                        });
                        self.walker.consumed.insert(here);
                        return;
                    }
                }
                visitor::walk_expr(self, expr);
            }
            // `call.id` on an output item: its item id, which a tool result must not quote.
            Expr::Attribute(a)
                if a.attr.id.as_str() == "id"
                    && matches!(&*a.value, Expr::Name(n) if self.walker.items.contains(n.id.as_str())) =>
            {
                self.walker.uses.reads.push(Read {
                    span: here,
                    base: span(a.value.range()),
                    kind: ReadKind::OutputItemId,
                });
            }
            Expr::Attribute(_)
            | Expr::Subscript(_)
            | Expr::Name(_)
            | Expr::Call(_)
            | Expr::Await(_) => {
                let (root, segs) = chain(expr);
                if let Some(shape) = self.walker.root_shape(root) {
                    let followed = follow(shape, span(root.range()), &segs);
                    self.walker.uses.reads.extend(followed.reads);
                    self.walker.consumed.insert(here);
                    if followed.end.is_some() {
                        self.walker.uses.unseen.push(format!(
                            "`{}` is used in a way responsify does not follow",
                            &self.walker.source[expr.range()]
                        ));
                    }
                    // Arguments of calls inside the chain may use tracked names too.
                    if let Expr::Call(c) = expr {
                        for arg in c.arguments.args.iter() {
                            self.visit_expr(arg);
                        }
                    }
                    return;
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
