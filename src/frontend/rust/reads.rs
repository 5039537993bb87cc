//! Reads of a chat result: what the code does with the response a site returns.
//!
//! The response is followed through its binding (`let response = client.chat().create(..)
//! .await?;`) over the rest of the function. Each use is one of: a read responsify can map
//! (`response.choices[0].message.content`, `usage.prompt_tokens`), a read it cannot
//! (`response.choices.iter()`, `response.created`), harmless (`response.id`, `{:?}` in a
//! format macro), or the response leaving the function's sight (returned, passed on): then
//! the unit is not provably complete, and its fix is unsafe.
//!
//! Macro arguments are tokens to syn; the arguments of format-like macros are parsed as
//! expressions so that `println!("{}", response.choices[0]...)` is a read like any other.

use super::scope::FnBody;
use super::values::span_of;
use crate::model::{Read, ReadKind, Span};
use syn::visit::{self, Visit};
use syn::{Expr, Member};

/// Macros whose arguments are formatted, not moved: the response may appear whole there.
const FORMAT_MACROS: &[&str] = &[
    "println",
    "print",
    "eprintln",
    "eprint",
    "format",
    "write",
    "writeln",
    "panic",
    "dbg",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug",
    "info",
    "warn",
    "error",
    "trace",
];

/// Fields of a chat response that a Responses result has under the same name and type.
const SAME_FIELDS: &[&str] = &["id", "model"];

/// Usage fields and whether they are renamed (`total_tokens` is not).
const USAGE_FIELDS: &[&str] = &[
    "prompt_tokens",
    "completion_tokens",
    "prompt_tokens_details",
    "completion_tokens_details",
];

#[derive(Default)]
pub struct Uses {
    pub reads: Vec<Read>,
    pub unseen: Vec<String>,
    /// `for choice in &response.choices` (or `response.choices.iter()`): the iterable and
    /// the response in it. A request without `n` has one choice, the response itself.
    pub choice_loops: Vec<(Span, Span)>,
    /// Where the function returns the response whole (`Ok(response)` as its tail or after
    /// `return`): its callers read it, and the caller of `analyze_returning` follows them.
    pub returned: Vec<Span>,
}

/// Follow the response bound to `name` after byte `after` in `body`.
pub fn analyze(body: &FnBody, name: &str, after: usize, text: &str) -> Uses {
    analyze_within(body, name, after, usize::MAX, text)
}

/// Follow the response bound to `name` after byte `after`, where the function returns it
/// whole at `returns` (see [`return_positions`]): those uses are `returned`, not unseen.
pub fn analyze_returning(
    body: &FnBody,
    name: &str,
    after: usize,
    returns: &[Span],
    text: &str,
) -> Uses {
    analyze_inner(body, name, after, usize::MAX, returns, text)
}

/// Follow the response bound to `name` between bytes `after` and `end` (a match arm).
pub fn analyze_within(body: &FnBody, name: &str, after: usize, end: usize, text: &str) -> Uses {
    analyze_inner(body, name, after, end, &[], text)
}

/// The places where the function of `body` returns the value `name` whole: its tail
/// expression or a `return`, as `name` or `Ok(name)`. A `return` inside a closure or an
/// async block returns from that, not from the function, and is not one.
pub fn return_positions(body: &FnBody, name: &str) -> Vec<Span> {
    fn returned(expr: &Expr, name: &str) -> Option<Span> {
        match peel(expr) {
            Expr::Call(call) if call.args.len() == 1 => match &*call.func {
                Expr::Path(p) if p.path.is_ident("Ok") && is_ident(&call.args[0], name) => {
                    Some(span_of(peel(&call.args[0])))
                }
                _ => None,
            },
            e if is_ident(e, name) => Some(span_of(e)),
            _ => None,
        }
    }
    struct Returns<'n> {
        name: &'n str,
        found: Vec<Span>,
    }
    impl<'a> Visit<'a> for Returns<'_> {
        fn visit_expr_return(&mut self, r: &'a syn::ExprReturn) {
            if let Some(at) = r.expr.as_deref().and_then(|e| returned(e, self.name)) {
                self.found.push(at);
            }
            visit::visit_expr_return(self, r);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut returns = Returns {
        name,
        found: Vec::new(),
    };
    returns.visit_block(body.block);
    if let Some(syn::Stmt::Expr(tail, None)) = body.block.stmts.last() {
        returns.found.extend(returned(tail, name));
    }
    returns.found
}

fn analyze_inner(
    body: &FnBody,
    name: &str,
    after: usize,
    end: usize,
    returns: &[Span],
    text: &str,
) -> Uses {
    // A later `let` of the same name shadows the response from there on.
    let until = body
        .locals
        .iter()
        .filter(|l| l.name == name && l.stmt.start >= after)
        .map(|l| l.stmt.end)
        .min()
        .unwrap_or(usize::MAX)
        .min(end);
    let mut reader = Reader {
        name: name.to_string(),
        after,
        until,
        text,
        uses: Uses::default(),
        in_let_init: false,
        in_format: false,
        usage_aliases: Vec::new(),
        message_aliases: Vec::new(),
        choice_aliases: Vec::new(),
        returns,
    };
    reader.visit_block(body.block);
    reader.uses
}

struct Reader<'t> {
    name: String,
    after: usize,
    until: usize,
    text: &'t str,
    uses: Uses,
    in_let_init: bool,
    in_format: bool,
    usage_aliases: Vec<String>,
    /// Bindings of the reply message (`let message = &response.choices[0].message;`).
    message_aliases: Vec<String>,
    /// Bindings of a choice by a loop over the choices (`for choice in &response.choices`).
    choice_aliases: Vec<String>,
    /// Where the function returns the response whole (see `analyze_returning`).
    returns: &'t [Span],
}

fn peel(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => peel(&r.expr),
        Expr::Paren(p) => peel(&p.expr),
        _ => expr,
    }
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    matches!(peel(expr), Expr::Path(p) if p.qself.is_none() && p.path.is_ident(name))
}

fn field<'e>(expr: &'e Expr, name: &str) -> Option<&'e Expr> {
    match expr {
        Expr::Field(f) if matches!(&f.member, Member::Named(m) if m == name) => Some(&f.base),
        _ => None,
    }
}

fn method<'e>(expr: &'e Expr, name: &str) -> Option<&'e syn::ExprMethodCall> {
    match expr {
        Expr::MethodCall(m) if m.method == name => Some(m),
        _ => None,
    }
}

/// `X.choices[0].message.content` → `X`.
fn first_content(expr: &Expr) -> Option<&Expr> {
    let message = field(expr, "content")?;
    let index = field(message, "message")?;
    let Expr::Index(index) = index else {
        return None;
    };
    let Expr::Lit(lit) = &*index.index else {
        return None;
    };
    if !matches!(&lit.lit, syn::Lit::Int(i) if i.base10_digits() == "0") {
        return None;
    }
    field(&index.expr, "choices")
}

/// `X.output[0]`, `X.output.first()` or `X.output.get(0)` → `X`.
fn first_output_item(expr: &Expr) -> Option<&Expr> {
    let zero = |e: &Expr| matches!(peel(e), Expr::Lit(lit) if matches!(&lit.lit, syn::Lit::Int(i) if i.base10_digits() == "0"));
    match expr {
        Expr::Index(index) if zero(&index.index) => field(&index.expr, "output"),
        Expr::MethodCall(m)
            if (m.method == "first" && m.args.is_empty())
                || (m.method == "get" && m.args.len() == 1 && zero(&m.args[0])) =>
        {
            field(&m.receiver, "output")
        }
        _ => None,
    }
}

/// `X.choices[0].message` or `X.choices.first().unwrap().message` → `X`.
fn first_message(expr: &Expr) -> Option<&Expr> {
    let choice = field(expr, "message")?;
    match choice {
        Expr::Index(index) => {
            let Expr::Lit(lit) = &*index.index else {
                return None;
            };
            if !matches!(&lit.lit, syn::Lit::Int(i) if i.base10_digits() == "0") {
                return None;
            }
            field(&index.expr, "choices")
        }
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            let first = method(&m.receiver, "first")?;
            field(&first.receiver, "choices")
        }
        _ => None,
    }
}

/// `X.choices.first().and_then(|c| c.message.content.clone())` → `X`.
fn first_content_closure(expr: &Expr) -> Option<&Expr> {
    let and_then = method(expr, "and_then")?;
    let first = method(&and_then.receiver, "first")?;
    let base = field(&first.receiver, "choices")?;
    let [Expr::Closure(closure)] = and_then.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let [syn::Pat::Ident(param)] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let clone = method(&closure.body, "clone")?;
    let message = field(&clone.receiver, "content")?;
    let choice = field(message, "message")?;
    is_ident(choice, &param.ident.to_string()).then_some(base)
}

/// The root of a chain of fields, indexes and method receivers.
fn root(expr: &Expr) -> &Expr {
    match expr {
        Expr::Field(f) => root(&f.base),
        Expr::MethodCall(m) => root(&m.receiver),
        Expr::Index(i) => root(&i.expr),
        Expr::Try(t) => root(&t.expr),
        Expr::Await(a) => root(&a.base),
        Expr::Reference(r) => root(&r.expr),
        Expr::Paren(p) => root(&p.expr),
        Expr::Unary(u) => root(&u.expr),
        _ => expr,
    }
}

impl Reader<'_> {
    fn snippet(&self, span: Span) -> String {
        let s = self.text[span.start..span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if s.chars().count() > 70 {
            format!("{}…", s.chars().take(69).collect::<String>())
        } else {
            s
        }
    }

    fn line(&self, at: usize) -> usize {
        crate::edit::line_col(self.text, at).0
    }

    fn in_range(&self, span: Span) -> bool {
        span.start >= self.after && span.end <= self.until
    }

    /// A read this expression is, if it is one the model knows.
    fn read(&self, expr: &Expr) -> Option<Read> {
        let span = span_of(expr);
        // `response.output[0]`, `.output.first()`, `.output.get(0)`: the first output item,
        // taken for the reply on a Responses result.
        if let Some(base) = first_output_item(expr).filter(|b| is_ident(b, &self.name)) {
            return Some(Read {
                span,
                base: span_of(base),
                kind: ReadKind::FirstOutputItem,
            });
        }
        // `.clone()` of the content is what `output_text()` already gives.
        if let Some(clone) = method(expr, "clone") {
            if let Some(base) = first_content(&clone.receiver).filter(|b| is_ident(b, &self.name)) {
                return Some(Read {
                    span,
                    base: span_of(base),
                    kind: ReadKind::Content,
                });
            }
        }
        for borrow in ["as_ref", "as_deref"] {
            if let Some(call) = method(expr, borrow) {
                let of_alias = self
                    .message_aliases
                    .iter()
                    .find_map(|a| field(&call.receiver, "content").filter(|b| is_ident(b, a)));
                if let Some(base) = first_content(&call.receiver)
                    .filter(|b| is_ident(b, &self.name))
                    .or(of_alias)
                {
                    if self.in_let_init {
                        // `output_text()` is an owned temporary: a borrow of it kept in a
                        // binding would not live long enough.
                        return Some(Read {
                            span,
                            base: span_of(base),
                            kind: ReadKind::Unknown(format!(
                                "{} (a borrow kept in a binding)",
                                self.snippet(span)
                            )),
                        });
                    }
                }
            }
        }
        // `choice.message.content` (and `.clone()`) on a choice bound by a loop: the reply's
        // text; anything else read from the choice has no mapping responsify can prove.
        for alias in &self.choice_aliases {
            let content = method(expr, "clone").map(|c| &*c.receiver).unwrap_or(expr);
            if let Some(base) = field(content, "content")
                .and_then(|m| field(m, "message"))
                .filter(|b| is_ident(b, alias))
            {
                return Some(Read {
                    span,
                    base: span_of(base),
                    kind: ReadKind::Content,
                });
            }
            let of_choice = matches!(expr, Expr::Field(f) if is_ident(&f.base, alias));
            if of_choice || is_ident(expr, alias) {
                return Some(Read {
                    span,
                    base: span,
                    kind: ReadKind::Unknown(self.snippet(span)),
                });
            }
        }
        // `message.content` (and `.clone()`) on a binding of the reply message.
        for alias in &self.message_aliases {
            let content = method(expr, "clone").map(|c| &*c.receiver).unwrap_or(expr);
            if let Some(base) = field(content, "content").filter(|b| is_ident(b, alias)) {
                return Some(Read {
                    span,
                    base: span_of(base),
                    kind: ReadKind::Content,
                });
            }
            if let Expr::Field(f) = expr {
                if is_ident(&f.base, alias) {
                    return Some(Read {
                        span,
                        base: span_of(&*f.base),
                        kind: ReadKind::Unknown(self.snippet(span)),
                    });
                }
            }
        }
        if let Some(base) = first_content(expr).filter(|b| is_ident(b, &self.name)) {
            return Some(Read {
                span,
                base: span_of(base),
                kind: ReadKind::Content,
            });
        }
        if let Some(base) = first_content_closure(expr).filter(|b| is_ident(b, &self.name)) {
            return Some(Read {
                span,
                base: span_of(base),
                kind: ReadKind::Content,
            });
        }
        // `response.usage.as_ref().unwrap().prompt_tokens`, `usage.prompt_tokens`.
        if let Expr::Field(f) = expr {
            if let Member::Named(m) = &f.member {
                let name = m.to_string();
                if USAGE_FIELDS.contains(&name.as_str()) {
                    let mut inner = &*f.base;
                    while let Expr::MethodCall(c) = peel(inner) {
                        if !matches!(
                            c.method.to_string().as_str(),
                            "as_ref" | "unwrap" | "expect" | "clone" | "as_mut"
                        ) {
                            break;
                        }
                        inner = &c.receiver;
                    }
                    let from_response =
                        field(peel(inner), "usage").is_some_and(|b| is_ident(b, &self.name));
                    let from_alias = self.usage_aliases.iter().any(|a| is_ident(inner, a));
                    if from_response || from_alias {
                        return Some(Read {
                            span,
                            base: span_of(&*f.base),
                            kind: ReadKind::UsageField(name),
                        });
                    }
                }
            }
        }
        None
    }

    /// The outermost expression rooted at the response that no read pattern matched.
    fn other_use(&mut self, expr: &Expr) {
        let span = span_of(expr);
        let mut at = expr;
        // Find the first link after the response itself.
        let mut first_member = None;
        loop {
            match at {
                Expr::Field(f) if is_ident(&f.base, &self.name) => {
                    if let Member::Named(m) = &f.member {
                        first_member = Some(m.to_string());
                    }
                    break;
                }
                Expr::Field(f) => at = &f.base,
                Expr::MethodCall(m) => at = &m.receiver,
                Expr::Index(i) => at = &i.expr,
                Expr::Try(t) => at = &t.expr,
                Expr::Await(a) => at = &a.base,
                Expr::Reference(r) => at = &r.expr,
                Expr::Paren(p) => at = &p.expr,
                Expr::Unary(u) => at = &u.expr,
                _ => break,
            }
        }
        match first_member.as_deref() {
            Some(m) if SAME_FIELDS.contains(&m) => {}
            Some("usage") => self.uses.unseen.push(format!(
                "the usage is used as a whole at line {}: `{}`",
                self.line(span.start),
                self.snippet(span)
            )),
            Some(_) => self.uses.reads.push(Read {
                span,
                base: span_of(root(expr)),
                kind: ReadKind::Unknown(self.snippet(span)),
            }),
            None if self.in_format => {}
            None if self.returns.contains(&span) => self.uses.returned.push(span),
            None => self.uses.unseen.push(format!(
                "the response is used as a whole at line {}: `{}`",
                self.line(span.start),
                self.snippet(span)
            )),
        }
    }

    /// Visit what hangs off a chain (method arguments, indexes) without the chain itself.
    fn visit_chain_arguments(&mut self, expr: &Expr) {
        match expr {
            Expr::MethodCall(m) => {
                for arg in &m.args {
                    self.visit_expr(arg);
                }
                self.visit_chain_arguments(&m.receiver);
            }
            Expr::Field(f) => self.visit_chain_arguments(&f.base),
            Expr::Index(i) => {
                self.visit_expr(&i.index);
                self.visit_chain_arguments(&i.expr);
            }
            Expr::Try(t) => self.visit_chain_arguments(&t.expr),
            Expr::Await(a) => self.visit_chain_arguments(&a.base),
            Expr::Reference(r) => self.visit_chain_arguments(&r.expr),
            Expr::Paren(p) => self.visit_chain_arguments(&p.expr),
            Expr::Unary(u) => self.visit_chain_arguments(&u.expr),
            _ => {}
        }
    }

    /// `if let Some(usage) = &response.usage { .. }`: `usage` stands for the usage inside.
    fn usage_alias(&self, cond: &Expr) -> Option<String> {
        let Expr::Let(binding) = cond else {
            return None;
        };
        let syn::Pat::TupleStruct(some) = &*binding.pat else {
            return None;
        };
        if !some.path.is_ident("Some") || some.elems.len() != 1 {
            return None;
        }
        let syn::Pat::Ident(alias) = &some.elems[0] else {
            return None;
        };
        let mut scrutinee = peel(&binding.expr);
        if let Some(call) = method(scrutinee, "as_ref") {
            scrutinee = peel(&call.receiver);
        }
        let base = field(scrutinee, "usage")?;
        is_ident(base, &self.name).then(|| alias.ident.to_string())
    }
}

impl<'a> Visit<'a> for Reader<'_> {
    fn visit_local(&mut self, local: &'a syn::Local) {
        for attr in &local.attrs {
            self.visit_attribute(attr);
        }
        self.visit_pat(&local.pat);
        // `let message = &response.choices[0].message;` (or `.clone()`): the message stands
        // for the reply, which is the response itself on Responses.
        if let (Some(init), syn::Pat::Ident(alias)) = (&local.init, &local.pat) {
            let mut value = peel(&init.expr);
            if let Some(clone) = method(value, "clone") {
                value = peel(&clone.receiver);
            }
            if let Some(base) = first_message(value).filter(|b| is_ident(b, &self.name)) {
                if self.in_range(span_of(value)) && init.diverge.is_none() {
                    self.uses.reads.push(Read {
                        span: span_of(value),
                        base: span_of(base),
                        kind: ReadKind::Reply,
                    });
                    self.message_aliases.push(alias.ident.to_string());
                    return;
                }
            }
        }
        if let Some(init) = &local.init {
            let was = std::mem::replace(&mut self.in_let_init, true);
            self.visit_expr(&init.expr);
            self.in_let_init = was;
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
        }
    }

    fn visit_expr_for_loop(&mut self, expr: &'a syn::ExprForLoop) {
        // `for choice in &response.choices` / `response.choices.iter()`.
        let iterable = &*expr.expr;
        let choices = match iterable {
            Expr::Reference(r) if r.mutability.is_none() => field(&r.expr, "choices"),
            Expr::MethodCall(m) if m.method == "iter" && m.args.is_empty() => {
                field(&m.receiver, "choices")
            }
            _ => None,
        };
        let alias = match &*expr.pat {
            syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                Some(p.ident.to_string())
            }
            _ => None,
        };
        match (choices.filter(|b| is_ident(b, &self.name)), alias) {
            (Some(base), Some(alias)) if self.in_range(span_of(iterable)) => {
                self.uses
                    .choice_loops
                    .push((span_of(iterable), span_of(base)));
                self.choice_aliases.push(alias);
                self.visit_block(&expr.body);
                self.choice_aliases.pop();
            }
            _ => visit::visit_expr_for_loop(self, expr),
        }
    }

    fn visit_expr_if(&mut self, expr: &'a syn::ExprIf) {
        match self.usage_alias(&expr.cond) {
            Some(alias) if self.in_range(span_of(&*expr.cond)) => {
                // The condition only borrows the usage: `alias` stands for it in the body.
                self.usage_aliases.push(alias);
                self.visit_block(&expr.then_branch);
                self.usage_aliases.pop();
                if let Some((_, other)) = &expr.else_branch {
                    self.visit_expr(other);
                }
            }
            _ => visit::visit_expr_if(self, expr),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let span = span_of(expr);
        if !self.in_range(span) {
            return visit::visit_expr(self, expr);
        }
        if let Some(read) = self.read(expr) {
            let is_usage_alias_read = matches!(read.kind, ReadKind::UsageField(_));
            self.uses.reads.push(read);
            if !is_usage_alias_read {
                self.visit_chain_arguments(expr);
            }
            return;
        }
        let rooted = is_ident(root(expr), &self.name);
        match expr {
            // A link of a chain that starts at the response: a read may sit further in.
            Expr::Field(_)
            | Expr::Index(_)
            | Expr::MethodCall(_)
            | Expr::Try(_)
            | Expr::Await(_)
                if rooted =>
            {
                if self.has_read_inside(expr) {
                    // Descend to the read, visiting arguments on the way.
                    match expr {
                        Expr::MethodCall(m) => {
                            self.visit_expr(&m.receiver);
                            for arg in &m.args {
                                self.visit_expr(arg);
                            }
                        }
                        Expr::Field(f) => self.visit_expr(&f.base),
                        Expr::Index(i) => {
                            self.visit_expr(&i.expr);
                            self.visit_expr(&i.index);
                        }
                        Expr::Try(t) => self.visit_expr(&t.expr),
                        Expr::Await(a) => self.visit_expr(&a.base),
                        _ => {}
                    }
                } else {
                    self.other_use(expr);
                    self.visit_chain_arguments(expr);
                }
            }
            Expr::Path(_) if rooted => self.other_use(expr),
            Expr::Path(_)
                if !self.in_format && self.message_aliases.iter().any(|a| is_ident(expr, a)) =>
            {
                self.uses.unseen.push(format!(
                    "the reply message is used as a whole at line {}: `{}`",
                    self.line(span.start),
                    self.snippet(span)
                ));
            }
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let parsed = mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated);
        match parsed {
            Ok(args) => {
                let was =
                    std::mem::replace(&mut self.in_format, FORMAT_MACROS.contains(&name.as_str()));
                for arg in &args {
                    self.visit_expr(arg);
                }
                self.in_format = was;
            }
            Err(_) => {
                let span = span_of(mac);
                let mentions = mac
                    .tokens
                    .clone()
                    .into_iter()
                    .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if *i == self.name));
                if mentions && self.in_range(span) {
                    self.uses.unseen.push(format!(
                        "the response is used inside `{name}!` at line {}, which responsify cannot read",
                        self.line(span.start)
                    ));
                }
            }
        }
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

impl Reader<'_> {
    /// Does a read pattern match somewhere along this chain?
    fn has_read_inside(&self, expr: &Expr) -> bool {
        if self.read(expr).is_some() {
            return true;
        }
        match expr {
            Expr::Field(f) => self.has_read_inside(&f.base),
            Expr::MethodCall(m) => self.has_read_inside(&m.receiver),
            Expr::Index(i) => self.has_read_inside(&i.expr),
            Expr::Try(t) => self.has_read_inside(&t.expr),
            Expr::Await(a) => self.has_read_inside(&a.base),
            Expr::Reference(r) => self.has_read_inside(&r.expr),
            Expr::Paren(p) => self.has_read_inside(&p.expr),
            Expr::Unary(u) => self.has_read_inside(&u.expr),
            _ => false,
        }
    }
}
