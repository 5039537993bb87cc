//! Where the result of a call goes: the reads that must migrate with it.
//!
//! As in the Python front end, each tracked name has a shape (a completion, one of its
//! messages, a tool call, a stream chunk…). Member chains on it — optional (`?.`) or not —
//! are followed one step at a time, and each step that changes shape in the Responses API
//! becomes a `Read`. Uses the front end cannot follow (the result returned, passed to a
//! function, stored) are recorded as `unseen`, which makes the unit's fix unsafe.

use super::values::unwrap;
use super::walk::{self, span_of, Visitor};
use crate::model::{out_of_sight, Read, ReadKind, Span};
use oxc_ast::ast::*;
use oxc_span::GetSpan;
use std::collections::{HashMap, HashSet};

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
    /// `create(...).withResponse`, before it is called.
    WithResponse,
    /// `{ data, response }` of `.withResponse()`: `data` is the result.
    Raw,
    /// A choice's `finish_reason`: only a comparison with a literal can be migrated.
    FinishReason,
    /// A tool call's `type`: only a comparison with a literal can be migrated.
    ToolCallType,
    /// `stream.finalChatCompletion` of the `stream()` helper, before it is called.
    HelperFinal,
    /// The `Response` of a raw `fetch`: `.json()` gives the body.
    FetchResponse,
    /// `response.json`, before it is called.
    FetchJson,
    /// An axios response: `.data` is the body.
    AxiosResponse,
    /// The same two of a raw request to the Responses API: the body is a Responses reply.
    ResponsesFetch,
    ResponsesAxios,
    /// The result of a Responses call: only Chat-shaped reads of it are recorded.
    Response,
    /// A Responses result's `usage`: the chat names are reads, the Responses names are not.
    ResponseUsage,
    /// A Responses stream, and one of its events.
    ResponseStream,
    ResponseEvent,
    /// A line of a Batch output file (`JSON.parse(line)`): `response.body` is the result.
    BatchOutput,
    /// Its `response`.
    BatchOutputResponse,
    /// A Responses result's `output`, and one of its items (of any type).
    ResponseOutput,
    OutputItem,
    /// The output's function calls (`output.filter((i) => i.type === "function_call")`), and
    /// one of them.
    FunctionCalls,
    FunctionCallItem,
    /// The result of a function overloaded on its `stream` flag, called with a flag that
    /// is not a literal: a stream or a completion, told apart by `instanceof Stream`.
    Either,
}

impl Shape {
    /// The shape callers in other modules get, in the model's terms.
    pub fn handed(self) -> crate::model::ResultShape {
        match self {
            Shape::Completion => crate::model::ResultShape::Completion,
            Shape::Stream => crate::model::ResultShape::Stream,
            _ => crate::model::ResultShape::Part,
        }
    }
}

/// One step of a chain.
#[derive(Debug)]
enum Seg<'s> {
    Attr(&'s str),
    Index(Option<i64>),
    Call,
}

struct Followed {
    reads: Vec<Read>,
    end: Option<Shape>,
    base: Span,
}

/// Follow `segs` from a value of `shape` whose expression spans `root`. `result` is the shape
/// of the request's own result (a completion or a stream), for `.withResponse()`.
fn follow(shape: Shape, root: Span, segs: &[(Seg, Span)], result: Shape) -> Followed {
    let mut reads = Vec::new();
    let mut shape = shape;
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
        let next = match (shape, seg) {
            (Shape::Completion, Seg::Attr("choices")) => Some(Shape::Choices),
            (Shape::Completion, Seg::Attr("usage")) => Some(Shape::Usage),
            (Shape::Completion, Seg::Attr("id" | "model" | "service_tier")) => None,
            (Shape::Completion | Shape::Stream, Seg::Attr("withResponse")) => {
                Some(Shape::WithResponse)
            }
            (Shape::WithResponse, Seg::Call) => Some(Shape::Raw),
            (Shape::Raw, Seg::Attr("data")) => Some(result),
            (Shape::Raw, Seg::Attr("response" | "request_id")) => None,
            // Reported as unfixable where the chain is evaluated.
            (Shape::Completion | Shape::Stream, Seg::Attr("asResponse")) => None,
            (Shape::BatchOutput, Seg::Attr("response")) => Some(Shape::BatchOutputResponse),
            (Shape::BatchOutputResponse, Seg::Attr("body")) => Some(Shape::Completion),
            (Shape::BatchOutput | Shape::BatchOutputResponse, _) => None,
            (Shape::FetchResponse | Shape::ResponsesFetch, Seg::Attr("json")) => {
                Some(Shape::FetchJson)
            }
            (Shape::FetchJson, Seg::Call) if i + 1 == segs.len() => {
                Some(if result == Shape::ResponsesFetch {
                    Shape::Response
                } else {
                    Shape::Completion
                })
            }
            (
                Shape::FetchResponse
                | Shape::AxiosResponse
                | Shape::ResponsesFetch
                | Shape::ResponsesAxios,
                Seg::Attr("ok" | "status" | "statusText" | "headers"),
            ) => None,
            (Shape::AxiosResponse, Seg::Attr("data")) => Some(Shape::Completion),
            (Shape::ResponsesAxios, Seg::Attr("data")) => Some(Shape::Response),
            (Shape::Response | Shape::ResponseStream, Seg::Attr("withResponse")) => {
                Some(Shape::WithResponse)
            }
            (Shape::Response, Seg::Attr("choices")) => Some(Shape::Choices),
            (Shape::Response, Seg::Attr("output")) => Some(Shape::ResponseOutput),
            // `resp.output[0]` read as the reply (see `first_output_item`).
            (Shape::ResponseOutput, Seg::Index(Some(0))) => {
                reads.push(first_output_item(base, at, &segs[i + 1..]));
                None
            }
            (Shape::Response, Seg::Attr("usage")) => Some(Shape::ResponseUsage),
            (
                Shape::ResponseUsage,
                Seg::Attr(
                    field @ ("prompt_tokens"
                    | "completion_tokens"
                    | "prompt_tokens_details"
                    | "completion_tokens_details"),
                ),
            ) => {
                push(ReadKind::UsageField(field.to_string()));
                None
            }
            (Shape::ResponseEvent, Seg::Attr("choices")) => Some(Shape::ChunkChoices),
            // Anything else on a Responses result is already a Responses read.
            (
                Shape::Response
                | Shape::ResponseUsage
                | Shape::ResponseStream
                | Shape::ResponseEvent
                | Shape::ResponseOutput
                | Shape::OutputItem
                | Shape::FunctionCalls
                | Shape::FunctionCallItem,
                _,
            ) => None,
            // The `stream()` helper: its chunks are a stream's, its final result a completion.
            (Shape::Stream, Seg::Attr("finalChatCompletion")) => {
                push(ReadKind::HelperFinal);
                Some(Shape::HelperFinal)
            }
            (Shape::HelperFinal, Seg::Call) => Some(Shape::Completion),
            (Shape::Stream, Seg::Attr("abort" | "done" | "controller")) => None,
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
            (Shape::Message, Seg::Attr("tool_calls")) => {
                push(ReadKind::ToolCalls);
                Some(Shape::ToolCalls)
            }
            (Shape::Message, Seg::Attr("function_call")) => {
                push(ReadKind::FunctionCall);
                Some(Shape::ToolCall)
            }
            (Shape::ToolCalls, Seg::Index(_)) => Some(Shape::ToolCall),
            // The list of function calls is an array too.
            (Shape::ToolCalls, Seg::Attr("length")) => None,
            (Shape::ToolCall, Seg::Attr("id")) => {
                push(ReadKind::ToolCallField("id".into()));
                None
            }
            (Shape::ToolCall, Seg::Attr("function")) => Some(Shape::ToolCallFunction),
            (Shape::ToolCall, Seg::Attr("type")) => Some(Shape::ToolCallType),
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
                | (Shape::Raw, _)
                | (Shape::AxiosResponse | Shape::ResponsesAxios, _)
                | (Shape::BatchOutputResponse, _)
        ) {
            base = at;
        }
        shape = next;
        let last = i + 1 == segs.len();
        if last && shape == Shape::ChunkChoices {
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

/// `resp.output[0]` on a Responses result (`root` the response, `item` the span of
/// `resp.output[0]`, `rest` the steps after it), read as if it were the reply: the first
/// output item is a reasoning item on reasoning models. `resp.output[0].content[0].text` is
/// the reply's text; any other read through the first item is only reported.
fn first_output_item(root: Span, item: Span, rest: &[(Seg, Span)]) -> Read {
    match rest {
        [(Seg::Attr("content"), _), (Seg::Index(Some(0)), _), (Seg::Attr("text"), at)] => Read {
            span: *at,
            base: root,
            kind: ReadKind::FirstOutputText,
        },
        _ => Read {
            span: item,
            base: root,
            kind: ReadKind::FirstOutputItem,
        },
    }
}

fn describe_shape(shape: Shape) -> String {
    let full = describe(shape, &Seg::Call);
    full.trim_start_matches("`()` on ").to_string()
}

fn describe(shape: Shape, seg: &Seg) -> String {
    let step = match seg {
        Seg::Attr(a) => format!(".{a}"),
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
        Shape::WithResponse => "`withResponse`",
        Shape::Raw => "the `withResponse()` result",
        Shape::FinishReason => "`finish_reason`",
        Shape::ToolCallType => "a tool call's `type`",
        Shape::HelperFinal => "`finalChatCompletion`",
        Shape::FetchResponse | Shape::ResponsesFetch => "the HTTP response",
        Shape::FetchJson => "`json`",
        Shape::AxiosResponse | Shape::ResponsesAxios => "the axios response",
        Shape::Response => "the response",
        Shape::ResponseUsage => "`usage`",
        Shape::ResponseStream => "the stream",
        Shape::ResponseEvent => "a stream event",
        Shape::BatchOutput => "a Batch output line",
        Shape::BatchOutputResponse => "a Batch output line's `response`",
        Shape::ResponseOutput => "the output",
        Shape::OutputItem => "an output item",
        Shape::FunctionCalls => "the output's function calls",
        Shape::FunctionCallItem => "a function call item",
        Shape::Either => "a result that is a stream or a completion",
    };
    format!("`{step}` on {on}")
}

/// The span a rewritten read is spelled on: `root`'s, or, when the chain awaits its root
/// (`(await ask(q)).choices[0].message.content`), the whole parenthesized `await` under its
/// first step, so `(await ask(q)).output_text` keeps waiting for the result (spelled on the
/// bare call it would read a property of the promise).
fn written_base(expr: &Expression, root: &Expression) -> Span {
    let mut at = expr;
    let mut below = expr;
    let mut awaited = false;
    loop {
        let next = match at {
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) if call.arguments.is_empty() => {
                    Some(&call.callee)
                }
                ChainElement::TSNonNullExpression(n) => {
                    at = &n.expression;
                    continue;
                }
                other => other.as_member_expression().map(|m| m.object()),
            },
            Expression::StaticMemberExpression(m) => Some(&m.object),
            Expression::ComputedMemberExpression(m) => Some(&m.object),
            Expression::CallExpression(c)
                if c.arguments.is_empty() && c.callee.is_member_expression() =>
            {
                Some(&c.callee)
            }
            Expression::ParenthesizedExpression(p) => {
                at = &p.expression;
                continue;
            }
            Expression::AwaitExpression(a) => {
                awaited = true;
                at = &a.argument;
                continue;
            }
            Expression::TSNonNullExpression(n) => {
                at = &n.expression;
                continue;
            }
            _ => None,
        };
        match next {
            Some(object) => {
                // A step: what it applies to is written as `object`; an await above the
                // steps (`await x.y`) awaits the read, not the root.
                at = object;
                below = object;
                awaited = false;
            }
            None => break,
        }
    }
    if awaited && !std::ptr::eq(below, root) {
        span_of(below.span())
    } else {
        span_of(root.span())
    }
}

/// Split an expression into its root and the member/call steps applied to it. `await`,
/// parentheses, `!` and `?.` are transparent.
fn chain<'a, 'e>(expr: &'e Expression<'a>) -> (&'e Expression<'a>, Vec<(Seg<'e>, Span)>) {
    chain_with(expr, false)
}

/// `chain`, with type assertions (`x as T`, `x satisfies T`, `<T>x`) transparent too when
/// `casts`.
fn chain_with<'a, 'e>(
    expr: &'e Expression<'a>,
    casts: bool,
) -> (&'e Expression<'a>, Vec<(Seg<'e>, Span)>) {
    let mut segs = Vec::new();
    let mut at = expr;
    loop {
        match at {
            Expression::TSAsExpression(x) if casts => at = &x.expression,
            Expression::TSSatisfiesExpression(x) if casts => at = &x.expression,
            Expression::TSTypeAssertion(x) if casts => at = &x.expression,
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) if call.arguments.is_empty() => {
                    segs.push((Seg::Call, span_of(call.span)));
                    at = &call.callee;
                }
                ChainElement::TSNonNullExpression(n) => at = &n.expression,
                other => match other.as_member_expression() {
                    Some(m) => {
                        segs.push(member_seg(m));
                        at = m.object();
                    }
                    None => break,
                },
            },
            Expression::StaticMemberExpression(m) => {
                segs.push((Seg::Attr(m.property.name.as_str()), span_of(m.span)));
                at = &m.object;
            }
            Expression::ComputedMemberExpression(m) => {
                segs.push(computed_seg(m));
                at = &m.object;
            }
            Expression::CallExpression(c)
                if c.arguments.is_empty() && c.callee.is_member_expression() =>
            {
                segs.push((Seg::Call, span_of(c.span)));
                at = &c.callee;
            }
            Expression::ParenthesizedExpression(p) => at = &p.expression,
            Expression::AwaitExpression(a) => at = &a.argument,
            Expression::TSNonNullExpression(n) => at = &n.expression,
            _ => break,
        }
    }
    segs.reverse();
    (at, segs)
}

fn member_seg<'e>(m: &'e MemberExpression) -> (Seg<'e>, Span) {
    match m {
        MemberExpression::StaticMemberExpression(s) => {
            (Seg::Attr(s.property.name.as_str()), span_of(s.span))
        }
        MemberExpression::ComputedMemberExpression(c) => computed_seg(c),
        MemberExpression::PrivateFieldExpression(p) => (Seg::Index(None), span_of(p.span)),
    }
}

fn computed_seg<'e>(m: &'e ComputedMemberExpression) -> (Seg<'e>, Span) {
    match &m.expression {
        Expression::NumericLiteral(n) if n.value.fract() == 0.0 => {
            (Seg::Index(Some(n.value as i64)), span_of(m.span))
        }
        Expression::StringLiteral(s) => (Seg::Attr(s.value.as_str()), span_of(m.span)),
        _ => (Seg::Index(None), span_of(m.span)),
    }
}

/// What the analysis found for one call.
#[derive(Default)]
pub struct Uses {
    pub reads: Vec<Read>,
    pub unseen: Vec<String>,
    /// The result went somewhere responsify cannot write (`.asResponse()`).
    pub unfixable: Vec<String>,
    /// The shape the function returns the result as (`return completion`), for following it
    /// into the function's callers.
    pub returned: Option<Shape>,
}

/// Follow the result of the call at `call` through the statements of its scope.
pub fn analyze<'a>(
    body: &'a [Statement<'a>],
    expression_body: Option<&'a Expression<'a>>,
    call: Span,
    first: Shape,
    source: &str,
) -> Uses {
    let mut walker = Walker {
        call,
        first,
        names: HashMap::new(),
        uses: Uses::default(),
        source,
        consumed: HashSet::new(),
        guarded: Vec::new(),
        binding: None,
        narrowed: Vec::new(),
        skipped: Vec::new(),
        exported: exported_names(body),
        truth: HashSet::new(),
        texts: HashSet::new(),
        logical_operands: HashSet::new(),
    };
    walk::statements(&mut walker, body);
    if let Some(e) = expression_body {
        // `async (q) => client.chat.completions.create(...)`: the result is returned.
        walk::expression(&mut walker, e);
        if span_of(unwrap(strip_await(e)).span()) == call {
            walker.uses.returned = Some(first);
        }
    }
    let mut uses = walker.uses;
    // A chunk's `choices` becomes the check of the event type only where it is tested for
    // truth; used as a collection (iterated, kept, `.length` compared with anything but
    // zero) it has no equivalent.
    let truth = std::mem::take(&mut walker.truth);
    uses.reads.retain(|read| {
        if !matches!(read.kind, ReadKind::StreamGuard { .. }) || truth.contains(&read.span) {
            return true;
        }
        uses.unseen.push(format!(
            "`{}` at line {} uses a chunk's `choices` as a collection, which a Responses event has no equivalent for (only a test for truth or emptiness becomes the event-type check)",
            &source[read.span.start..read.span.end],
            crate::edit::line_col(source, read.span.start).0
        ));
        false
    });
    uses.reads.sort_by_key(|r| (r.span.start, r.span.end));
    uses.reads.dedup();
    uses.unseen.dedup();
    for read in &mut uses.reads {
        if let ReadKind::StreamText { guarded } = &mut read.kind {
            let base = &source[read.base.start..read.base.end];
            *guarded = walker
                .guarded
                .iter()
                .any(|(name, region)| name == base && region.contains(read.span));
        }
    }
    uses
}

/// The names the statements export: declared exported, or named in an `export { … }`.
fn exported_names(body: &[Statement]) -> HashSet<String> {
    let mut out = HashSet::new();
    for stmt in body {
        match stmt {
            Statement::ExportDeclaration(e) => {
                if let Declaration::VariableDeclaration(d) = &e.declaration {
                    for v in &d.declarations {
                        for b in v.id.get_binding_identifiers() {
                            out.insert(b.name.as_str().to_string());
                        }
                    }
                }
            }
            Statement::ExportNamedDeclaration(e) => {
                for specifier in &e.specifiers {
                    out.insert(specifier.local.name().as_str().to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// `name.type` compared with `"function_call"`: the name.
fn type_test<'e>(field: &'e Expression, literal: &Expression) -> Option<&'e str> {
    let Expression::StringLiteral(s) = unwrap(literal) else {
        return None;
    };
    let Expression::StaticMemberExpression(m) = unwrap(field) else {
        return None;
    };
    let Expression::Identifier(id) = unwrap(&m.object) else {
        return None;
    };
    (s.value.as_str() == "function_call" && m.property.name.as_str() == "type")
        .then_some(id.name.as_str())
}

/// A callback of one parameter that tests it for a function call: `(i) => i.type ===
/// "function_call"`, with or without a declared predicate, or a function that returns that.
fn tests_function_call(callback: &Expression) -> bool {
    let (params, statements, expression) = match unwrap(callback) {
        Expression::ArrowFunctionExpression(f) => match &f.body {
            ArrowFunctionBody::FunctionBody(b) => (&f.params, b.statements.as_slice(), None),
            body => (&f.params, &[][..], body.as_expression()),
        },
        Expression::FunctionExpression(f) => match &f.body {
            Some(body) => (&f.params, body.statements.as_slice(), None),
            None => return false,
        },
        _ => return false,
    };
    let [param] = params.items.as_slice() else {
        return false;
    };
    let Some(name) = param.pattern.get_binding_identifier() else {
        return false;
    };
    let returned = match (expression, statements) {
        (Some(e), _) => e,
        (None, [Statement::ReturnStatement(r)]) => match &r.argument {
            Some(a) => a,
            None => return false,
        },
        _ => return false,
    };
    let Expression::BinaryExpression(b) = unwrap(returned) else {
        return false;
    };
    matches!(
        b.operator,
        BinaryOperator::StrictEquality | BinaryOperator::Equality
    ) && type_test(&b.left, &b.right)
        .or_else(|| type_test(&b.right, &b.left))
        .is_some_and(|tested| tested == name.name.as_str())
}

fn strip_await<'a, 'e>(e: &'e Expression<'a>) -> &'e Expression<'a> {
    match e {
        Expression::AwaitExpression(a) => strip_await(&a.argument),
        Expression::ParenthesizedExpression(p) => strip_await(&p.expression),
        other => other,
    }
}

struct Walker<'s> {
    call: Span,
    first: Shape,
    names: HashMap<String, Shape>,
    uses: Uses,
    source: &'s str,
    consumed: HashSet<Span>,
    /// Where a chunk is known to carry text: its name and the region.
    guarded: Vec<(String, Span)>,
    /// The value being bound by the current declaration or assignment.
    binding: Option<Span>,
    /// Where an output item is known to be a function call (`if (item.type ===
    /// "function_call") { … }`): its name and the region.
    narrowed: Vec<(String, Span)>,
    /// Branches already walked with a narrowed shape (`if (res instanceof Stream)`): the
    /// walk that reaches them again skips them.
    skipped: Vec<Span>,
    /// Names the module exports (`export const r = …`, `export { r }`): what other modules
    /// read of them is out of sight.
    exported: HashSet<String>,
    /// Expressions whose value is only tested for truth (a condition, an operand of `!` or
    /// of `&&` / `||` in one), and tests of a chunk's `choices` that are booleans already
    /// (`chunk.choices.length > 0`).
    truth: HashSet<Span>,
    /// Names bound to the reply's text (`const text = r.choices[0].message.content`): a test
    /// of one for `null` is a test of the text.
    texts: HashSet<String>,
    /// Operands of `&&`, `||` and `??` written without parentheses: a `??` among them cannot
    /// become `||` (JavaScript does not mix them unparenthesized).
    logical_operands: HashSet<Span>,
}

/// `x.length > 0` (and `!== 0`, `!= 0`, `>= 1`): `Some((x, false))`; `x.length === 0` (and
/// `== 0`, `< 1`, `<= 0`): `Some((x, true))`, negated.
fn emptiness_test<'a, 'e>(b: &'e BinaryExpression<'a>) -> Option<(&'e Expression<'a>, bool)> {
    let Expression::NumericLiteral(n) = unwrap(&b.right) else {
        return None;
    };
    let object = match unwrap(&b.left) {
        Expression::StaticMemberExpression(m) if m.property.name.as_str() == "length" => &m.object,
        Expression::ChainExpression(c) => match c.expression.as_member_expression() {
            Some(MemberExpression::StaticMemberExpression(m))
                if m.property.name.as_str() == "length" =>
            {
                &m.object
            }
            _ => return None,
        },
        _ => return None,
    };
    use BinaryOperator as B;
    let negated = match (b.operator, n.value) {
        (B::GreaterThan | B::Inequality | B::StrictInequality, 0.0) => false,
        (B::GreaterEqualThan, 1.0) => false,
        (B::Equality | B::StrictEquality | B::LessEqualThan, 0.0) => true,
        (B::LessThan, 1.0) => true,
        _ => return None,
    };
    Some((object, negated))
}

impl Walker<'_> {
    /// `{ role: "assistant", content: resp.output_text }` on a Responses result: the span of
    /// the response expression.
    fn replayed_text(&self, arg: &Expression) -> Option<Span> {
        let Expression::ObjectExpression(object) = arg.without_parentheses() else {
            return None;
        };
        if object.properties.len() != 2 {
            return None;
        }
        let mut role = None;
        let mut content = None;
        for property in &object.properties {
            let oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) = property else {
                return None;
            };
            match super::values::key_name(&p.key, p.computed).as_deref() {
                Some("role") => role = Some(&p.value),
                Some("content") => content = Some(&p.value),
                _ => return None,
            }
        }
        match role? {
            Expression::StringLiteral(s) if s.value.as_str() == "assistant" => {}
            _ => return None,
        }
        let (root, segs) = chain(content?);
        match (self.root_shape(root), segs.as_slice()) {
            (Some(Shape::Response), [(Seg::Attr("output_text"), _)]) => Some(span_of(root.span())),
            _ => None,
        }
    }

    fn root_shape(&self, root: &Expression) -> Option<Shape> {
        match root {
            Expression::Identifier(id) => self.names.get(id.name.as_str()).copied(),
            Expression::CallExpression(_) | Expression::ChainExpression(_)
                if span_of(root.span()) == self.call =>
            {
                Some(self.first)
            }
            _ => None,
        }
    }

    /// Follow an expression; the shape it ends on, when that is a tracked object.
    fn evaluate(&mut self, expr: &Expression) -> Option<Shape> {
        let (root, segs) = chain(expr);
        let shape = self.root_shape(root)?;
        let followed = follow(shape, written_base(expr, root), &segs, self.first);
        self.uses.reads.extend(followed.reads);
        self.consumed.insert(span_of(expr.span()));
        if segs
            .iter()
            .any(|(s, _)| matches!(s, Seg::Attr("asResponse")))
        {
            self.uses
                .unfixable
                .push("`.asResponse()` hands back raw HTTP: check what reads it".into());
        }
        followed.end
    }

    fn bind(&mut self, name: &str, shape: Option<Shape>) {
        match shape {
            // These have no Responses counterpart to hold: `const delta = chunk.choices[0].delta`
            // would keep reading chat fields through a name.
            Some(
                kept @ (Shape::Choices
                | Shape::ChunkChoices
                | Shape::ChunkChoice
                | Shape::Delta
                | Shape::ToolCallFunction
                | Shape::FinishReason
                | Shape::ToolCallType
                | Shape::WithResponse
                | Shape::HelperFinal
                | Shape::FetchJson),
            ) => {
                if let Some(at) = self.binding {
                    self.uses.reads.push(Read {
                        span: at,
                        base: at,
                        kind: ReadKind::Unknown(format!(
                            "{} kept in `{name}`",
                            describe_shape(kept)
                        )),
                    });
                }
                self.names.remove(name);
            }
            Some(shape) => {
                if self.exported.contains(name) {
                    self.uses.unseen.push(format!(
                        "`{name}` is exported, so what other modules read of it is out of sight"
                    ));
                }
                self.names.insert(name.to_string(), shape);
            }
            None => {
                self.names.remove(name);
            }
        }
    }

    /// `x.filter((i) => i.type === "function_call")` on a Responses result's output: its
    /// function calls (the callback narrows the items, so TypeScript infers their type).
    fn function_call_filter(&mut self, expr: &Expression) -> Option<Shape> {
        let Expression::CallExpression(call) = unwrap(expr) else {
            return None;
        };
        let Expression::StaticMemberExpression(m) = &call.callee else {
            return None;
        };
        if m.property.name.as_str() != "filter" || call.arguments.len() != 1 {
            return None;
        }
        if !tests_function_call(call.arguments[0].as_expression()?) {
            return None;
        }
        self.root_shape(chain(&m.object).0)?;
        match self.evaluate(&m.object) {
            Some(Shape::ResponseOutput) => Some(Shape::FunctionCalls),
            _ => None,
        }
    }

    /// Inside a branch already walked with a narrowed shape?
    fn skips(&self, at: oxc_span::Span) -> bool {
        let at = span_of(at);
        self.skipped.iter().any(|s| s.contains(at))
    }

    /// `name instanceof Stream` on a result that may be a stream or a completion: the name
    /// and where it is written.
    fn instanceof_stream(&self, test: &Expression) -> Option<(String, Span)> {
        let Expression::BinaryExpression(b) = unwrap(test) else {
            return None;
        };
        let Expression::Identifier(id) = unwrap(&b.left) else {
            return None;
        };
        (b.operator == BinaryOperator::Instanceof
            && b.right.is_specific_id("Stream")
            && self.names.get(id.name.as_str()) == Some(&Shape::Either))
        .then(|| (id.name.as_str().to_string(), span_of(id.span)))
    }

    /// `if (item.type === "function_call")` (or its first `&&` operand) on an output item:
    /// the rest of the test and the consequent see a function call.
    fn note_narrowing(&mut self, stmt: &IfStatement) {
        let (test, from) = match unwrap(&stmt.test) {
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::And => {
                (&l.left, l.left.span().end)
            }
            test => (test, test.span().end),
        };
        let Expression::BinaryExpression(b) = unwrap(test) else {
            return;
        };
        if !matches!(
            b.operator,
            BinaryOperator::StrictEquality | BinaryOperator::Equality
        ) {
            return;
        }
        let Some(name) = type_test(&b.left, &b.right).or_else(|| type_test(&b.right, &b.left))
        else {
            return;
        };
        if self.names.get(name) == Some(&Shape::OutputItem) {
            self.narrowed.push((
                name.to_string(),
                Span::new(from as usize, stmt.consequent.span().end as usize),
            ));
        }
    }

    fn text(&self, node: &impl GetSpan) -> &str {
        let s = span_of(node.span());
        &self.source[s.start..s.end]
    }

    /// After `name = value` was evaluated: is `name` the reply's text now?
    fn note_text(&mut self, name: &str, value: &Expression) {
        let at = span_of(unwrap(value).span());
        let text = self.uses.reads.last().is_some_and(|r| {
            r.kind == ReadKind::Content && (r.span == at || r.span == span_of(value.span()))
        });
        if text {
            self.texts.insert(name.to_string());
        } else {
            self.texts.remove(name);
        }
    }

    /// The reply's text: a name bound to it, or a chain that reads it. Its span and the
    /// reads of the chain.
    fn text_read(&self, e: &Expression) -> Option<(Span, Vec<Read>)> {
        let e = unwrap(e);
        let at = span_of(e.span());
        if let Expression::Identifier(id) = e {
            if self.texts.contains(id.name.as_str()) {
                return Some((at, Vec::new()));
            }
        }
        let (root, segs) = chain(e);
        let shape = self.root_shape(root)?;
        let followed = follow(shape, written_base(e, root), &segs, self.first);
        followed
            .reads
            .last()
            .is_some_and(|r| r.kind == ReadKind::Content && r.span == at)
            .then_some((at, followed.reads))
    }

    /// `text === null` (`== null`, `=== undefined`, `!==`, `!=`) and `text ?? fallback`
    /// where `text` is the reply's text: `output_text` is never nullish, so the test compares
    /// it with the empty string and the fallback applies to it (`||`). Any other nullish test
    /// of the text is reported. Whether the expression was handled.
    fn text_tested_for_none(&mut self, expr: &Expression) -> bool {
        let here = span_of(expr.span());
        let nullish = |e: &Expression| {
            matches!(unwrap(e), Expression::NullLiteral(_)) || unwrap(e).is_specific_id("undefined")
        };
        match expr {
            Expression::BinaryExpression(b) if b.operator.is_equality() => {
                let (text, direct) = match (self.text_read(&b.left), self.text_read(&b.right)) {
                    (Some(t), _) if nullish(&b.right) => (t, true),
                    (_, Some(t)) if nullish(&b.left) => (t, false),
                    _ => return false,
                };
                let (at, reads) = text;
                self.uses.reads.extend(reads);
                self.consumed.insert(at);
                if direct {
                    let test = Span::new(at.end, here.end);
                    self.uses.reads.push(Read {
                        span: test,
                        base: test,
                        kind: ReadKind::TextTestedForNone {
                            negated: matches!(
                                b.operator,
                                BinaryOperator::Inequality | BinaryOperator::StrictInequality
                            ),
                        },
                    });
                } else {
                    self.uses.unseen.push(self.untouched_none_test(here));
                }
                self.consumed.insert(here);
                true
            }
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::Coalesce => {
                let Some((at, reads)) = self.text_read(&l.left) else {
                    return false;
                };
                self.uses.reads.extend(reads);
                self.consumed.insert(at);
                let empty = match unwrap(&l.right) {
                    Expression::StringLiteral(s) => s.value.is_empty(),
                    Expression::TemplateLiteral(t) => {
                        t.expressions.is_empty() && t.quasis.iter().all(|q| q.value.raw.is_empty())
                    }
                    _ => false,
                };
                if empty {
                    // `text ?? ""`: the empty text falls back to itself.
                } else if self.logical_operands.contains(&here) {
                    self.uses.unseen.push(self.untouched_none_test(here));
                } else {
                    let operator = Span::new(at.end, span_of(l.right.span()).start);
                    self.uses.reads.push(Read {
                        span: operator,
                        base: operator,
                        kind: ReadKind::TextFallback,
                    });
                }
                // The fallback is walked as any other expression.
                walk::expression(self, &l.right);
                self.consumed.insert(here);
                true
            }
            _ => false,
        }
    }

    fn untouched_none_test(&self, at: Span) -> String {
        format!(
            "`{}` at line {} tests the reply's text for `null` in a way responsify does not rewrite (`output_text` is never nullish, only empty)",
            &self.source[at.start..at.end],
            crate::edit::line_col(self.source, at.start).0
        )
    }

    /// `chunk.choices`, or `chunk.choices.length > 0`, of a tracked chunk: the chunk's name.
    fn guard_test(&self, expr: &Expression) -> Option<String> {
        match unwrap(expr) {
            Expression::BinaryExpression(b) => match emptiness_test(b) {
                Some((choices, false)) => self.guard_name(choices),
                _ => None,
            },
            other => self.guard_name(other),
        }
    }

    /// Mark the operands of `expr` that are only tested for truth (`expr` is one itself when
    /// it is in `truth` already).
    fn note_truth(&mut self, expr: &Expression) {
        let whole = self.truth.contains(&span_of(expr.span()));
        let truth = &mut self.truth;
        let mut mark = |e: &Expression| {
            truth.insert(span_of(e.span()));
            truth.insert(span_of(unwrap(e).span()));
        };
        match expr {
            Expression::LogicalExpression(l) => {
                mark(&l.left);
                if whole {
                    mark(&l.right);
                }
            }
            Expression::ParenthesizedExpression(p) if whole => mark(&p.expression),
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                mark(&u.argument)
            }
            Expression::ConditionalExpression(c) => mark(&c.test),
            Expression::CallExpression(c)
                if c.callee.is_specific_id("Boolean") && c.arguments.len() == 1 =>
            {
                if let Some(arg) = c.arguments[0].as_expression() {
                    mark(arg)
                }
            }
            _ => {}
        }
    }

    /// `chunk.choices` of a tracked chunk: the chunk's name.
    fn guard_name(&self, expr: &Expression) -> Option<String> {
        let (root, segs) = chain(expr);
        let Expression::Identifier(id) = root else {
            return None;
        };
        let on_chunk = self.names.get(id.name.as_str()) == Some(&Shape::Chunk);
        match segs.as_slice() {
            [(Seg::Attr("choices"), _)] if on_chunk => Some(id.name.as_str().to_string()),
            _ => None,
        }
    }
}

impl<'a> Visitor<'a> for Walker<'_> {
    fn declarator(&mut self, d: &'a VariableDeclarator<'a>) {
        if self.skips(d.span) {
            return;
        }
        let Some(init) = &d.init else { return };
        self.binding = Some(span_of(init.span()));
        match &d.id {
            BindingPattern::BindingIdentifier(id) => {
                if let Some(calls) = self.function_call_filter(init) {
                    self.bind(id.name.as_str(), Some(calls));
                } else if self.root_shape(chain(init).0).is_some() {
                    let shape = self.evaluate(init);
                    self.note_text(id.name.as_str(), init);
                    self.binding = Some(span_of(init.span()));
                    self.bind(id.name.as_str(), shape);
                } else {
                    self.texts.remove(id.name.as_str());
                    self.names.remove(id.name.as_str());
                }
            }
            // `const { data, response } = await create(...).withResponse()`
            BindingPattern::ObjectPattern(pattern) => {
                if self.root_shape(chain(init).0).is_none() {
                    return;
                }
                let shape = self.evaluate(init);
                for p in &pattern.properties {
                    let key = p.key.static_name();
                    let Some(local) = p.value.get_binding_identifier() else {
                        continue;
                    };
                    let inner = match (shape, key.as_deref()) {
                        (Some(Shape::Raw), Some("data")) => Some(self.first),
                        (Some(Shape::Completion), Some("choices")) => Some(Shape::Choices),
                        (Some(Shape::Completion), Some("usage")) => Some(Shape::Usage),
                        (Some(Shape::Raw), Some("response" | "request_id")) => None,
                        (Some(Shape::Completion), Some("id" | "model")) => None,
                        (Some(Shape::AxiosResponse), Some("data")) => Some(Shape::Completion),
                        (Some(Shape::AxiosResponse), Some("status" | "headers")) => None,
                        _ => {
                            self.uses.unseen.push(format!(
                                "`{}` takes the result apart in a way responsify does not follow",
                                self.text(&**pattern)
                            ));
                            None
                        }
                    };
                    self.bind(local.name.as_str(), inner);
                }
                if pattern.rest.is_some() {
                    self.uses
                        .unseen
                        .push("the result is taken apart with `...rest`".into());
                }
            }
            _ => {}
        }
    }

    fn stmt(&mut self, stmt: &'a Statement<'a>) {
        if self.skips(stmt.span()) {
            return;
        }
        let test = match stmt {
            Statement::IfStatement(i) => Some(&i.test),
            Statement::WhileStatement(w) => Some(&w.test),
            Statement::DoWhileStatement(d) => Some(&d.test),
            Statement::ForStatement(f) => f.test.as_ref(),
            _ => None,
        };
        if let Some(test) = test {
            self.truth.insert(span_of(test.span()));
            self.truth.insert(span_of(unwrap(test).span()));
        }
        match stmt {
            // `if (res instanceof Stream) { … } else { … }` on a result that may be either:
            // the branches are walked with the shape each sees.
            Statement::IfStatement(i) if self.instanceof_stream(&i.test).is_some() => {
                let (name, at) = self.instanceof_stream(&i.test).expect("matched above");
                self.consumed.insert(at);
                self.names.insert(name.clone(), Shape::Stream);
                walk::statement(self, &i.consequent);
                self.skipped.push(span_of(i.consequent.span()));
                if let Some(alternate) = &i.alternate {
                    self.names.insert(name.clone(), Shape::Completion);
                    walk::statement(self, alternate);
                    self.skipped.push(span_of(alternate.span()));
                }
                self.names.insert(name, Shape::Either);
            }
            // `await client.chat.completions.create(...);`: the result is dropped.
            Statement::ExpressionStatement(e)
                if span_of(unwrap(strip_await(&e.expression)).span()) == self.call =>
            {
                self.consumed.insert(span_of(e.expression.span()));
            }
            Statement::ReturnStatement(r) => {
                if let Some(arg) = &r.argument {
                    let (root, segs) = chain(unwrap(strip_await(arg)));
                    // The result itself, or a name holding it whole: the callers get it.
                    let whole = match root {
                        Expression::Identifier(_) => self
                            .root_shape(root)
                            .filter(|s| matches!(s, Shape::Completion | Shape::Stream)),
                        _ if span_of(root.span()) == self.call => Some(self.first),
                        _ => None,
                    };
                    if let Some(shape) = whole.filter(|_| segs.is_empty()) {
                        if self.uses.returned.is_some_and(|r| r != shape) {
                            self.uses
                                .unseen
                                .push("the function returns results of two shapes".into());
                        }
                        self.uses.returned = Some(shape);
                        self.consumed.insert(span_of(arg.span()));
                    }
                }
            }
            Statement::ForOfStatement(f) => {
                let ForStatementLeft::VariableDeclaration(d) = &f.left else {
                    return;
                };
                let Some(BindingPattern::BindingIdentifier(target)) =
                    d.declarations.first().map(|d| &d.id)
                else {
                    return;
                };
                // `for (const tc of message.tool_calls ?? [])`: the default changes nothing.
                let right = match unwrap(&f.right) {
                    Expression::LogicalExpression(l)
                        if matches!(
                            l.operator,
                            LogicalOperator::Coalesce | LogicalOperator::Or
                        ) && matches!(unwrap(&l.right), Expression::ArrayExpression(a) if a.elements.is_empty()) =>
                    {
                        &l.left
                    }
                    _ => &f.right,
                };
                if let Some(Shape::FunctionCalls) = self.function_call_filter(right) {
                    self.bind(target.name.as_str(), Some(Shape::FunctionCallItem));
                    return;
                }
                if self.root_shape(chain(right).0).is_none() {
                    return;
                }
                let element = match self.evaluate(right) {
                    Some(Shape::ToolCalls) => Some(Shape::ToolCall),
                    Some(Shape::ResponseOutput) => Some(Shape::OutputItem),
                    Some(Shape::FunctionCalls) => Some(Shape::FunctionCallItem),
                    Some(Shape::Stream) if f.r#await => Some(Shape::Chunk),
                    Some(Shape::ResponseStream) if f.r#await => Some(Shape::ResponseEvent),
                    Some(other) => {
                        self.uses.unseen.push(format!(
                            "`{}` is iterated in a way responsify does not follow ({other:?})",
                            self.text(right)
                        ));
                        None
                    }
                    None => None,
                };
                self.bind(target.name.as_str(), element);
            }
            Statement::IfStatement(i) => {
                self.note_guard(i);
                self.note_narrowing(i);
                // A list of tool calls or usage tested for truth keeps its meaning.
                let test = match unwrap(&i.test) {
                    Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                        &u.argument
                    }
                    other => other,
                };
                if self.root_shape(chain(test).0).is_some() {
                    if let Some(shape) = self.evaluate(test) {
                        // An empty array is truthy in JavaScript: "has tool calls" becomes a
                        // check that the output has a function call.
                        if shape == Shape::ToolCalls {
                            if let Some(read) = self.uses.reads.last_mut() {
                                if read.kind == ReadKind::ToolCalls
                                    && read.span == span_of(test.span())
                                {
                                    read.kind = ReadKind::FinishReasonIs {
                                        reason: "tool_calls".into(),
                                        negated: false,
                                    };
                                }
                            }
                        }
                        if !matches!(shape, Shape::ToolCalls | Shape::ToolCall | Shape::Usage) {
                            self.uses.unseen.push(format!(
                                "`{}` is tested in a way responsify does not follow",
                                self.text(test)
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn expr(&mut self, expr: &'a Expression<'a>) -> bool {
        let here = span_of(expr.span());
        if self.consumed.contains(&here) || self.skips(expr.span()) {
            return false;
        }
        self.note_truth(expr);
        if let Expression::LogicalExpression(l) = expr {
            self.logical_operands.insert(span_of(l.left.span()));
            self.logical_operands.insert(span_of(l.right.span()));
        }
        if self.text_tested_for_none(expr) {
            return false;
        }
        // `chunk.choices.length > 0` / `=== 0`: the test of a chunk's choices, which becomes
        // the check of the event type (negated for "has none"); `chunk.choices.length` tested
        // for truth is the same test.
        let emptiness = match expr {
            Expression::BinaryExpression(b) => emptiness_test(b),
            Expression::StaticMemberExpression(m)
                if m.property.name.as_str() == "length" && self.truth.contains(&here) =>
            {
                Some((&m.object, false))
            }
            _ => None,
        };
        if let Some((choices, negated)) = emptiness {
            let (root, segs) = chain(choices);
            if let Some(shape) = self.root_shape(root) {
                let mut followed = follow(shape, written_base(choices, root), &segs, self.first);
                let choices_at = span_of(choices.span());
                if let Some(guard) = followed.reads.pop_if(|r| {
                    matches!(r.kind, ReadKind::StreamGuard { .. }) && r.span == choices_at
                }) {
                    self.uses.reads.extend(followed.reads);
                    self.uses.reads.push(Read {
                        span: here,
                        base: guard.base,
                        kind: ReadKind::StreamGuard { negated },
                    });
                    self.truth.insert(here);
                    self.consumed.insert(here);
                    return false;
                }
            }
        }
        match expr {
            // `response = await client.chat.completions.create(...)` rebinds a name.
            Expression::AssignmentExpression(a) => {
                let Some(SimpleAssignmentTarget::AssignmentTargetIdentifier(id)) =
                    a.left.as_simple_assignment_target()
                else {
                    return true;
                };
                if self.root_shape(chain(&a.right).0).is_some() {
                    let shape = self.evaluate(&a.right);
                    self.note_text(id.name.as_str(), &a.right);
                    self.binding = Some(span_of(a.right.span()));
                    self.bind(id.name.as_str(), shape);
                    return false;
                }
                self.texts.remove(id.name.as_str());
                self.names.remove(id.name.as_str());
                true
            }
            // `create(...).then((completion) => …)`: the callback's parameter is the result.
            Expression::CallExpression(call)
                if matches!(&call.callee, Expression::StaticMemberExpression(m)
                    if m.property.name.as_str() == "then"
                        && chain(&m.object).1.is_empty()
                        && self.root_shape(chain(&m.object).0).is_some()) =>
            {
                let Expression::StaticMemberExpression(m) = &call.callee else {
                    unreachable!("matched above")
                };
                let shape = self.root_shape(chain(&m.object).0);
                let param = match call.arguments.first().and_then(|a| a.as_expression()) {
                    Some(Expression::ArrowFunctionExpression(f)) => f.params.items.first(),
                    Some(Expression::FunctionExpression(f)) => f.params.items.first(),
                    _ => None,
                };
                match param.and_then(|p| p.pattern.get_binding_identifier()) {
                    Some(id) if call.arguments.len() == 1 => {
                        self.bind(id.name.as_str(), shape);
                        walk::arguments(self, &call.arguments);
                    }
                    _ => self.uses.unseen.push(format!(
                        "`{}` hands the result to code responsify does not follow",
                        self.text(&**call)
                    )),
                }
                false
            }
            // `messages.push(msg)`: the reply becomes the output items.
            Expression::CallExpression(call)
                if call.arguments.len() == 1
                    && matches!(&call.callee, Expression::StaticMemberExpression(m) if m.property.name.as_str() == "push") =>
            {
                let Expression::StaticMemberExpression(m) = &call.callee else {
                    unreachable!("matched above")
                };
                if let Some(arg) = call.arguments[0].as_expression() {
                    if let Some(base) = self.replayed_text(arg) {
                        self.uses.reads.push(Read {
                            span: here,
                            base,
                            kind: ReadKind::AppendText {
                                list: span_of(m.object.span()),
                            },
                        });
                        self.consumed.insert(here);
                        return false;
                    }
                    if self.root_shape(chain(arg).0).is_some() {
                        match self.evaluate(arg) {
                            Some(Shape::Message | Shape::Choice) => {
                                self.uses.reads.push(Read {
                                    span: here,
                                    base: span_of(arg.span()),
                                    kind: ReadKind::AppendReply {
                                        list: span_of(m.object.span()),
                                    },
                                });
                                self.consumed.insert(here);
                                return false;
                            }
                            // A chunk, a tool call or any other part kept in an array is read
                            // later through the array, which is not followed.
                            Some(_) => {
                                self.uses.unseen.push(out_of_sight::kept_in(
                                    self.text(arg),
                                    self.text(&m.object),
                                ));
                                self.consumed.insert(here);
                                return false;
                            }
                            None => {}
                        }
                    }
                }
                true
            }
            // `res instanceof Stream` tells a stream from a completion, and reads neither.
            Expression::BinaryExpression(b)
                if b.operator == BinaryOperator::Instanceof
                    && b.right.is_specific_id("Stream")
                    && matches!(unwrap(&b.left), Expression::Identifier(_))
                    && self.root_shape(unwrap(&b.left)).is_some_and(|s| {
                        matches!(s, Shape::Stream | Shape::Completion | Shape::Either)
                    }) =>
            {
                false
            }
            // `x == null` / `x === undefined` on a tracked object reads nothing of it.
            Expression::BinaryExpression(b) if b.operator.is_equality() => {
                let literal = match (&b.left, &b.right) {
                    (l, Expression::StringLiteral(s)) => Some((l, s)),
                    _ => None,
                };
                if let Some((left, s)) = literal {
                    let (root, segs) = chain(left);
                    if let Some(shape) = self.root_shape(root) {
                        let followed = follow(shape, written_base(left, root), &segs, self.first);
                        if followed.end == Some(Shape::ToolCallType) {
                            self.uses.reads.extend(followed.reads);
                            let at = span_of(s.span);
                            self.uses.reads.push(Read {
                                span: at,
                                base: at,
                                kind: ReadKind::ToolCallType(s.value.as_str().to_string()),
                            });
                            self.consumed.insert(here);
                            return false;
                        }
                        if followed.end == Some(Shape::FinishReason) {
                            self.uses.reads.extend(followed.reads);
                            self.uses.reads.push(Read {
                                span: here,
                                base: followed.base,
                                kind: ReadKind::FinishReasonIs {
                                    reason: s.value.as_str().to_string(),
                                    negated: matches!(
                                        b.operator,
                                        BinaryOperator::Inequality
                                            | BinaryOperator::StrictInequality
                                    ),
                                },
                            });
                            self.consumed.insert(here);
                            return false;
                        }
                    }
                }
                let nullish = |e: &Expression| {
                    matches!(e, Expression::NullLiteral(_)) || e.is_specific_id("undefined")
                };
                if nullish(&b.right) {
                    let (root, segs) = chain(&b.left);
                    if let Some(shape) = self.root_shape(root) {
                        let followed =
                            follow(shape, written_base(&b.left, root), &segs, self.first);
                        let positive = matches!(
                            b.operator,
                            BinaryOperator::Equality | BinaryOperator::StrictEquality
                        );
                        if positive
                            && followed
                                .reads
                                .iter()
                                .any(|r| matches!(r.kind, ReadKind::StreamText { .. }))
                        {
                            // A chunk without text ended a chat stream; a Responses stream
                            // starts with events that carry none. (`!= null` guards a text
                            // read, which keeps its meaning.)
                            self.uses
                                .unfixable
                                .push(out_of_sight::stream_text_tested_for_none(self.text(&**b)));
                        }
                        self.uses.reads.extend(followed.reads);
                        self.consumed.insert(span_of(b.left.span()));
                        return false;
                    }
                }
                true
            }
            Expression::Identifier(_)
            | Expression::StaticMemberExpression(_)
            | Expression::ComputedMemberExpression(_)
            | Expression::ChainExpression(_)
            | Expression::CallExpression(_)
            | Expression::AwaitExpression(_)
            | Expression::ParenthesizedExpression(_) => {
                let (root, segs) = chain(expr);
                let Some(shape) = self.root_shape(root) else {
                    // `(resp.output[0] as ResponseOutputMessage).content[0]…`: the casts
                    // are the old read's, not the new one's.
                    let (root, segs) = chain_with(expr, true);
                    if self.root_shape(root) == Some(Shape::Response) {
                        let followed =
                            follow(Shape::Response, span_of(root.span()), &segs, self.first);
                        if followed
                            .reads
                            .iter()
                            .any(|r| r.kind == ReadKind::FirstOutputText && r.span == here)
                        {
                            self.uses.reads.extend(followed.reads);
                            self.consumed.insert(here);
                            return false;
                        }
                    }
                    return true;
                };
                // `item.id` on an output item known to be a function call: its item id,
                // which a tool result must not quote.
                if matches!(shape, Shape::OutputItem | Shape::FunctionCallItem)
                    && matches!(segs.as_slice(), [(Seg::Attr("id"), _)])
                {
                    if let Expression::Identifier(id) = root {
                        let name = id.name.as_str();
                        if shape == Shape::FunctionCallItem
                            || self
                                .narrowed
                                .iter()
                                .any(|(n, region)| n == name && region.contains(here))
                        {
                            self.uses.reads.push(Read {
                                span: here,
                                base: span_of(root.span()),
                                kind: ReadKind::OutputItemId,
                            });
                        }
                    }
                    self.consumed.insert(here);
                    return false;
                }
                if segs.is_empty() && !matches!(root, Expression::Identifier(_)) {
                    // The call itself where no statement pattern took it: it is handed on.
                    self.uses.unseen.push(format!(
                        "the result of `{}` is passed on where responsify does not follow it",
                        self.text(expr)
                    ));
                    return false;
                }
                let followed = follow(shape, written_base(expr, root), &segs, self.first);
                self.uses.reads.extend(followed.reads);
                self.consumed.insert(here);
                if followed.end == Some(Shape::Stream) {
                    // `OpenAIStream(response)`, `res.send(stream)`: whatever takes the stream
                    // expects Chat Completions chunks, and Responses events are not that.
                    self.uses.unfixable.push(format!(
                        "the chat stream `{}` is handed to code that expects Chat Completions chunks",
                        self.text(expr)
                    ));
                } else if followed.end.is_some() {
                    self.uses.unseen.push(format!(
                        "`{}` is used in a way responsify does not follow",
                        self.text(expr)
                    ));
                }
                if let Expression::CallExpression(c) = expr {
                    walk::arguments(self, &c.arguments);
                }
                false
            }
            _ => true,
        }
    }
}

impl Walker<'_> {
    /// Where an `if` makes a chunk's text reads safe: after `if (chunk.choices[0]?.delta?.content)`
    /// nothing is known, but after `if (chunk.choices && …)` the rest of the test and the
    /// consequent are guarded.
    fn note_guard(&mut self, stmt: &IfStatement) {
        if let Expression::LogicalExpression(l) = unwrap(&stmt.test) {
            if l.operator == LogicalOperator::And {
                if let Some(name) = self.guard_test(&l.left) {
                    self.guarded.push((
                        name,
                        Span::new(
                            l.left.span().end as usize,
                            stmt.consequent.span().end as usize,
                        ),
                    ));
                }
            }
        } else if let Some(name) = self.guard_test(&stmt.test) {
            self.guarded.push((
                name,
                Span::new(
                    stmt.test.span().end as usize,
                    stmt.consequent.span().end as usize,
                ),
            ));
        }
    }
}
