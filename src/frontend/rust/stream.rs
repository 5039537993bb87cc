//! Stream loops: `create_stream` and the code that reads its chunks.
//!
//! The shape async-openai's users write is
//! `while let Some(result) = stream.next().await { match result { Ok(chunk) => .., .. } }`
//! (or `Some(Ok(chunk))`, or `let chunk = result?;`), and inside it either
//! `for choice in &chunk.choices { .. choice.delta.content .. }`,
//! `chunk.choices.iter().for_each(|choice| ..)`, or `chunk.choices[0].delta.content`.
//! A Responses stream yields typed events instead. The loop stays; what changes is:
//! the `chunk.choices` a loop iterates becomes "the text-delta event, if this is one" (an
//! `Option`, which iterates zero or one times), a choice's `delta.content` becomes that
//! event's `delta`, and a direct `chunk.choices[0].delta.content` becomes the delta of a
//! text-delta event or `None`. Anything else the loop reads from a chunk is a read
//! responsify cannot map, and the unit is reported instead of rewritten.

use super::scope::FnBody;
use super::values::span_of;
use crate::model::{Read, ReadKind, Span};
use syn::visit::{self, Visit};
use syn::{Expr, Member, Pat};

#[derive(Default)]
pub struct StreamUses {
    pub reads: Vec<Read>,
    pub unseen: Vec<String>,
    /// `chunk.choices` expressions a loop iterates, with the chunk's span; `true` when the
    /// span is a `for` loop's whole iterable (`&chunk.choices`, `chunk.choices.iter()`).
    pub iterated: Vec<(Span, Span, bool)>,
    /// Reads whose base is a choice bound by such a loop.
    pub via_choice: Vec<Span>,
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    match expr {
        Expr::Path(p) => p.qself.is_none() && p.path.is_ident(name),
        Expr::Paren(p) => is_ident(&p.expr, name),
        Expr::Reference(r) => is_ident(&r.expr, name),
        _ => false,
    }
}

fn field<'e>(expr: &'e Expr, name: &str) -> Option<&'e Expr> {
    match expr {
        Expr::Field(f) if matches!(&f.member, Member::Named(m) if m == name) => Some(&f.base),
        _ => None,
    }
}

fn some_binding(pat: &Pat) -> Option<&Pat> {
    match pat {
        Pat::TupleStruct(t) if t.elems.len() == 1 => {
            let last = t.path.segments.last()?;
            (last.ident == "Some" || last.ident == "Ok").then(|| &t.elems[0])
        }
        _ => None,
    }
}

fn name_of(pat: &Pat) -> Option<String> {
    match pat {
        Pat::Ident(p) => Some(p.ident.to_string()),
        _ => None,
    }
}

/// `stream.next().await`
fn is_next(expr: &Expr, stream: &str) -> bool {
    let Expr::Await(a) = expr else { return false };
    matches!(&*a.base, Expr::MethodCall(m) if m.method == "next" && is_ident(&m.receiver, stream))
}

/// Follow the stream bound to `stream` after byte `after`.
pub fn analyze(body: &FnBody, stream: &str, after: usize, text: &str) -> StreamUses {
    let mut finder = Loops {
        stream,
        after,
        text,
        uses: StreamUses::default(),
        loops: 0,
    };
    finder.visit_block(body.block);
    if finder.loops == 0 {
        finder
            .uses
            .unseen
            .push(format!("the stream `{stream}` is not read in a `while let Some(..) = {stream}.next().await` loop here"));
    }
    finder.uses
}

struct Loops<'t> {
    stream: &'t str,
    after: usize,
    text: &'t str,
    uses: StreamUses,
    loops: usize,
}

impl<'a> Visit<'a> for Loops<'_> {
    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        if span_of(w).start < self.after {
            return visit::visit_expr_while(self, w);
        }
        let Expr::Let(binding) = &*w.cond else {
            return visit::visit_expr_while(self, w);
        };
        if !is_next(&binding.expr, self.stream) {
            return visit::visit_expr_while(self, w);
        }
        self.loops += 1;
        let Some(inner) = some_binding(&binding.pat) else {
            return self
                .uses
                .unseen
                .push("the stream loop's pattern is not `Some(..)`".into());
        };
        let body = span_of(&w.body);
        // `Some(Ok(chunk))`
        if let Some(chunk) = some_binding(inner).and_then(name_of) {
            return self.chunk(&w.body, &chunk, body.start, body.end);
        }
        let Some(result) = name_of(inner) else {
            return self
                .uses
                .unseen
                .push("the stream loop's pattern takes the item apart".into());
        };
        // `match result { Ok(chunk) => .. }`, or `let chunk = result?;` in the body.
        let mut found = false;
        for stmt in &w.body.stmts {
            match stmt {
                syn::Stmt::Expr(Expr::Match(m), _) if is_ident(&m.expr, &result) => {
                    for arm in &m.arms {
                        if let Pat::TupleStruct(t) = &arm.pat {
                            if t.path.is_ident("Ok") {
                                if let Some(chunk) = t.elems.first().and_then(name_of) {
                                    let at = span_of(&*arm.body);
                                    self.chunk_expr(&arm.body, &chunk, at.start, at.end);
                                    found = true;
                                }
                            }
                        }
                    }
                }
                syn::Stmt::Local(local) => {
                    let takes_result = local.init.as_ref().is_some_and(|i| {
                        let mut e = &*i.expr;
                        loop {
                            match e {
                                Expr::Try(t) => e = &t.expr,
                                Expr::MethodCall(m)
                                    if m.method == "unwrap" || m.method == "expect" =>
                                {
                                    e = &m.receiver
                                }
                                _ => break,
                            }
                        }
                        is_ident(e, &result)
                    });
                    if let (true, Some(chunk)) = (takes_result, name_of(&local.pat)) {
                        self.chunk(&w.body, &chunk, span_of(local).end, body.end);
                        found = true;
                    }
                }
                _ => {}
            }
        }
        if !found {
            self.uses.unseen.push(format!(
                "the stream item `{result}` is not taken apart with `match` or `?` in its loop"
            ));
        }
    }
}

impl Loops<'_> {
    fn chunk(&mut self, block: &syn::Block, chunk: &str, start: usize, end: usize) {
        let mut reader = Chunk::new(chunk, start, end, self.text);
        reader.visit_block(block);
        self.absorb(reader);
    }

    fn chunk_expr(&mut self, expr: &Expr, chunk: &str, start: usize, end: usize) {
        let mut reader = Chunk::new(chunk, start, end, self.text);
        reader.visit_expr(expr);
        self.absorb(reader);
    }

    fn absorb(&mut self, reader: Chunk) {
        self.uses.reads.extend(reader.uses.reads);
        self.uses.unseen.extend(reader.uses.unseen);
        self.uses.iterated.extend(reader.uses.iterated);
        self.uses.via_choice.extend(reader.uses.via_choice);
    }
}

/// The reads of one chunk inside its loop.
struct Chunk<'t> {
    chunk: String,
    start: usize,
    end: usize,
    text: &'t str,
    choices: Vec<String>,
    uses: StreamUses,
    in_format: bool,
}

impl<'t> Chunk<'t> {
    fn new(chunk: &str, start: usize, end: usize, text: &'t str) -> Self {
        Chunk {
            chunk: chunk.to_string(),
            start,
            end,
            text,
            choices: Vec::new(),
            uses: StreamUses::default(),
            in_format: false,
        }
    }

    fn snippet(&self, span: Span) -> String {
        self.text[span.start..span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `chunk.choices`, as the source of an iteration: its span and the chunk's.
    fn iterated_choices(&self, expr: &Expr) -> Option<(Span, Span)> {
        let inner = match expr {
            Expr::Reference(r) => &*r.expr,
            Expr::MethodCall(m) if m.method == "iter" && m.args.is_empty() => &*m.receiver,
            other => other,
        };
        let base = field(inner, "choices")?;
        is_ident(base, &self.chunk).then(|| (span_of(inner), span_of(base)))
    }

    /// `X.delta.content`: the base `X` when it is a choice or `chunk.choices[0]`.
    fn delta_content<'e>(&self, expr: &'e Expr) -> Option<(&'e Expr, bool)> {
        let delta = field(expr, "content")?;
        let choice = field(delta, "delta")?;
        if self.choices.iter().any(|c| is_ident(choice, c)) {
            return Some((choice, true));
        }
        let Expr::Index(index) = choice else {
            return None;
        };
        let zero = matches!(&*index.index, Expr::Lit(l) if matches!(&l.lit, syn::Lit::Int(i) if i.base10_digits() == "0"));
        let base = field(&index.expr, "choices")?;
        (zero && is_ident(base, &self.chunk)).then_some((base, false))
    }

    fn in_range(&self, span: Span) -> bool {
        span.start >= self.start && span.end <= self.end
    }
}

impl<'a> Visit<'a> for Chunk<'_> {
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        if let (Some((_, chunk)), Some(choice)) = (self.iterated_choices(&f.expr), name_of(&f.pat))
        {
            self.uses.iterated.push((span_of(&*f.expr), chunk, true));
            self.choices.push(choice);
            self.visit_block(&f.body);
            self.choices.pop();
            return;
        }
        visit::visit_expr_for_loop(self, f);
    }

    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        if m.method == "for_each" && m.args.len() == 1 {
            if let (Some((at, chunk)), Expr::Closure(c)) =
                (self.iterated_choices(&m.receiver), &m.args[0])
            {
                if let Some(choice) = c.inputs.first().and_then(name_of) {
                    self.uses.iterated.push((at, chunk, false));
                    self.choices.push(choice);
                    self.visit_expr(&c.body);
                    self.choices.pop();
                    return;
                }
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let span = span_of(expr);
        if !self.in_range(span) {
            return visit::visit_expr(self, expr);
        }
        if let Some((base, via_choice)) = self.delta_content(expr) {
            self.uses.reads.push(Read {
                span,
                base: span_of(base),
                kind: ReadKind::StreamText { guarded: false },
            });
            if via_choice {
                self.uses.via_choice.push(span);
            }
            return;
        }
        let names: Vec<String> = std::iter::once(self.chunk.clone())
            .chain(self.choices.iter().cloned())
            .collect();
        for name in &names {
            let bare = is_ident(expr, name);
            let field_use = matches!(expr, Expr::Field(f) if is_ident(&f.base, name));
            if field_use || (bare && !self.in_format) {
                let kind = if field_use {
                    ReadKind::Unknown(self.snippet(span))
                } else {
                    self.uses.unseen.push(format!(
                        "the stream chunk is used as a whole: `{}`",
                        self.snippet(span)
                    ));
                    return;
                };
                self.uses.reads.push(Read {
                    span,
                    base: span,
                    kind,
                });
                return;
            }
        }
        visit::visit_expr(self, expr);
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let parsed = mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated);
        if let Ok(args) = parsed {
            let was = std::mem::replace(&mut self.in_format, true);
            for arg in &args {
                self.visit_expr(arg);
            }
            self.in_format = was;
        }
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// Reads of `name` on a `ResponseStreamEvent::ResponseFunctionCallArgumentsDone(done)` event
/// (bound by a `match` arm or an `if let`) anywhere in `block`: the field is in async-openai's
/// type, but the server never fills it (spec/DRIFT.md).
pub fn done_event_names(block: &syn::Block) -> Vec<Read> {
    struct Finder {
        /// The names bound to a done event where the visit is now.
        bound: Vec<String>,
        reads: Vec<Read>,
    }
    /// `ResponseStreamEvent::ResponseFunctionCallArgumentsDone(done)` (or `ref done`): `done`.
    fn done_binding(pat: &syn::Pat) -> Option<String> {
        let syn::Pat::TupleStruct(t) = pat else {
            return None;
        };
        let last = t.path.segments.last()?;
        if last.ident != "ResponseFunctionCallArgumentsDone" || t.elems.len() != 1 {
            return None;
        }
        match &t.elems[0] {
            syn::Pat::Ident(i) if i.subpat.is_none() => Some(i.ident.to_string()),
            _ => None,
        }
    }
    impl<'a> Visit<'a> for Finder {
        fn visit_arm(&mut self, arm: &'a syn::Arm) {
            match done_binding(&arm.pat) {
                Some(name) => {
                    self.bound.push(name);
                    visit::visit_arm(self, arm);
                    self.bound.pop();
                }
                None => visit::visit_arm(self, arm),
            }
        }
        fn visit_expr_if(&mut self, e: &'a syn::ExprIf) {
            let bound = match &*e.cond {
                Expr::Let(l) => done_binding(&l.pat),
                _ => None,
            };
            match bound {
                Some(name) => {
                    self.visit_expr(&e.cond);
                    self.bound.push(name);
                    self.visit_block(&e.then_branch);
                    self.bound.pop();
                    if let Some((_, other)) = &e.else_branch {
                        self.visit_expr(other);
                    }
                }
                None => visit::visit_expr_if(self, e),
            }
        }
        fn visit_expr_field(&mut self, f: &'a syn::ExprField) {
            let on_done = matches!(&*f.base, Expr::Path(p) if p.qself.is_none()
                && self.bound.iter().any(|b| p.path.is_ident(b)));
            if on_done && matches!(&f.member, syn::Member::Named(n) if n == "name") {
                self.reads.push(Read {
                    span: span_of(f),
                    base: span_of(&*f.base),
                    kind: ReadKind::DoneEventName,
                });
            }
            visit::visit_expr_field(self, f);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
        // `println!("{:?}", done.name)`: macro arguments are tokens until parsed.
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            let parsed = mac.parse_body_with(
                syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            );
            if let Ok(args) = parsed {
                for arg in &args {
                    self.visit_expr(arg);
                }
            }
        }
    }
    let mut finder = Finder {
        bound: Vec::new(),
        reads: Vec::new(),
    };
    finder.visit_block(block);
    finder.reads
}
