//! Raw HTTP: `requests.post(URL, json=BODY)`, `httpx` (its functions and clients) and
//! `aiohttp` sessions posting to a Chat Completions URL.
//!
//! The policy is TypeScript's `fetch`: a site needs a URL responsify can read to the end (a
//! literal, a module constant, an f-string or `+` of those, a base URL from the environment
//! with a literal fallback) that ends in `/chat/completions`. A URL put together from values
//! it cannot read is not a site (the string literal is still reported on its own). The
//! request is migrated only when its URL is OpenAI's, the body is a dict in view and every
//! read of the reply is visible; otherwise it is reported with what holds it.

use super::classify::environment_read;
use super::reads;
use super::scope::{flatten, Index};
use super::values::{self, span};
use crate::model::{Endpoint, Kind, Request, Site, Span, Unit, Verdict};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;
use std::collections::HashMap;

/// What a URL expression turned out to be.
struct Url {
    text: String,
    /// The literal that holds `chat/completions`.
    literal: Option<Span>,
    /// The literal came through a name that other code reads too.
    shared: bool,
    /// Part of the URL comes from this environment variable (its fallback was read).
    env: Option<String>,
    /// `chat/completions` itself is in an environment variable's fallback.
    path_in_env: bool,
    /// The module-level constant the literal was reached through, which other modules could
    /// import.
    through: Option<String>,
}

/// How often each name is read in the file, for telling a URL constant of one request from
/// one that other code uses too.
pub struct NameUses(HashMap<String, usize>);

impl NameUses {
    pub fn count(module: &[Stmt]) -> NameUses {
        #[derive(Default)]
        struct Count(HashMap<String, usize>);
        impl<'a> Visitor<'a> for Count {
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Name(n) = expr {
                    if n.ctx == ast::ExprContext::Load {
                        *self.0.entry(n.id.to_string()).or_default() += 1;
                    }
                }
                visitor::walk_expr(self, expr);
            }
        }
        let mut count = Count::default();
        count.visit_body(module);
        NameUses(count.0)
    }

    pub fn of(&self, name: &str) -> usize {
        self.0.get(name).copied().unwrap_or(0)
    }
}

fn url_value(index: &Index, scope: usize, uses: &NameUses, e: &Expr, depth: usize) -> Option<Url> {
    if depth == 0 {
        return None;
    }
    let plain = |text: String, at: Span| Url {
        literal: text.contains("completions").then_some(at),
        text,
        shared: false,
        env: None,
        path_in_env: false,
        through: None,
    };
    match e {
        Expr::StringLiteral(s) => Some(plain(s.value.to_str().to_string(), span(s.range))),
        Expr::FString(f) => {
            let whole = span(f.range);
            let mut out = plain(String::new(), whole);
            let literal = |out: &mut Url, piece: &str| {
                out.text.push_str(piece);
                if piece.contains("completions") {
                    out.literal = Some(whole);
                    out.shared = false;
                    out.through = None;
                }
            };
            for part in f.value.iter() {
                match part {
                    ast::FStringPart::Literal(l) => literal(&mut out, &l.value),
                    ast::FStringPart::FString(inner) => {
                        for element in inner.elements.iter() {
                            match element {
                                ast::InterpolatedStringElement::Literal(l) => {
                                    literal(&mut out, &l.value)
                                }
                                ast::InterpolatedStringElement::Interpolation(i) => {
                                    if i.format_spec.is_some() {
                                        return None;
                                    }
                                    let inner =
                                        url_value(index, scope, uses, &i.expression, depth - 1)?;
                                    out = join(out, inner);
                                }
                            }
                        }
                    }
                }
            }
            Some(out)
        }
        Expr::BinOp(b) if b.op == ast::Operator::Add => {
            let left = url_value(index, scope, uses, &b.left, depth - 1)?;
            let right = url_value(index, scope, uses, &b.right, depth - 1)?;
            Some(join(left, right))
        }
        Expr::Name(n) => {
            let (found_in, values) = index.assignments(scope, n.id.as_str());
            let [value] = values.as_slice() else {
                return None;
            };
            let mut url = url_value(index, scope, uses, value, depth - 1)?;
            if found_in == 0 && url.literal.is_some() && url.through.is_none() {
                url.through = Some(n.id.to_string());
            }
            // A constant read elsewhere too (another request, a provider table) is shared.
            url.shared |= url.literal.is_some() && uses.of(n.id.as_str()) > 1;
            Some(url)
        }
        _ => {
            let (var, fallback) = environment_read(e)?;
            let mut url = url_value(index, scope, uses, fallback?, depth - 1)?;
            url.path_in_env = url.literal.is_some();
            url.env = Some(var);
            Some(url)
        }
    }
}

/// `left` followed by `right`: the literal naming the path is the later one that has it.
fn join(left: Url, right: Url) -> Url {
    let right_has = right.literal.is_some();
    Url {
        text: left.text + &right.text,
        literal: if right_has {
            right.literal
        } else {
            left.literal
        },
        shared: if right_has { right.shared } else { left.shared },
        env: left.env.or(right.env),
        path_in_env: left.path_in_env || right.path_in_env,
        through: if right_has {
            right.through
        } else {
            left.through
        },
    }
}

/// The binding of `name` by a `with ... as name` in this scope or an enclosing one.
fn with_binding<'a>(index: &Index<'a>, scope: usize, name: &str) -> Option<&'a Expr> {
    let mut at = Some(scope);
    while let Some(id) = at {
        for stmt in flatten(index.scopes[id].body) {
            if let Stmt::With(w) = stmt {
                for item in &w.items {
                    if matches!(item.optional_vars.as_deref(), Some(Expr::Name(n)) if n.id.as_str() == name)
                    {
                        return Some(&item.context_expr);
                    }
                }
            }
        }
        at = index.scopes[id].parent;
    }
    None
}

/// The HTTP library a name is bound to (`import httpx`), with the member imported from it.
fn library_of<'i>(index: &'i Index, name: &str) -> Option<(&'static str, Option<&'i str>)> {
    index
        .http
        .iter()
        .find(|(bound, _, _)| bound == name)
        .map(|(_, library, member)| (*library, member.as_deref()))
}

/// `requests.Session()`, `httpx.Client(...)`, `httpx.AsyncClient(...)`,
/// `aiohttp.ClientSession(...)`, or the same class imported by name: the constructor call.
fn session_constructor<'a>(index: &Index, e: &'a Expr) -> Option<&'a ast::ExprCall> {
    let Expr::Call(call) = e else { return None };
    const SESSIONS: &[&str] = &[
        "Session",
        "session",
        "Client",
        "AsyncClient",
        "ClientSession",
    ];
    let is_session = match &*call.func {
        Expr::Attribute(a) => {
            SESSIONS.contains(&a.attr.id.as_str())
                && matches!(&*a.value, Expr::Name(m) if matches!(library_of(index, m.id.as_str()), Some((_, None))))
        }
        Expr::Name(n) => {
            matches!(library_of(index, n.id.as_str()), Some((_, Some(member))) if SESSIONS.contains(&member))
        }
        _ => false,
    };
    is_session.then_some(call)
}

/// Whether `.post` on `receiver` is an HTTP library's: the module itself (`requests.post`,
/// `Some(None)`) or a session built from one, named by an assignment or a `with` (its
/// constructor, which may give a `base_url`).
fn http_receiver<'a>(
    index: &Index<'a>,
    scope: usize,
    receiver: &'a Expr,
) -> Option<Option<&'a ast::ExprCall>> {
    match receiver {
        Expr::Name(n) => {
            if matches!(
                library_of(index, n.id.as_str()),
                Some(("requests" | "httpx", None))
            ) {
                return Some(None);
            }
            let (_, values) = index.assignments(scope, n.id.as_str());
            let bound = match values.as_slice() {
                [one] => Some(*one),
                [] => with_binding(index, scope, n.id.as_str()),
                _ => None,
            };
            bound.and_then(|b| session_constructor(index, b)).map(Some)
        }
        other => session_constructor(index, other).map(Some),
    }
}

pub struct RawSite<'a> {
    pub call: &'a ast::ExprCall,
    /// Chat Completions, or Responses (reviewed for what a migration left behind).
    endpoint: Endpoint,
    url: Url,
    /// The `json=` value (or what `data=json.dumps(...)` dumps).
    body: Option<&'a Expr>,
}

/// `requests.post(URL, json=BODY)`, `session.post(URL, json=BODY)`, `post(URL, json=BODY)`
/// imported from an HTTP library, to a URL that reads to `…/chat/completions`.
pub fn match_raw<'a>(
    index: &Index<'a>,
    scope: usize,
    uses: &NameUses,
    call: &'a ast::ExprCall,
) -> Option<RawSite<'a>> {
    let session = match &*call.func {
        Expr::Attribute(a) if a.attr.id.as_str() == "post" => {
            http_receiver(index, scope, &a.value)?
        }
        Expr::Name(n)
            if matches!(
                library_of(index, n.id.as_str()),
                Some(("requests" | "httpx", Some("post")))
            ) =>
        {
            None
        }
        _ => return None,
    };
    let keyword = |name: &str| super::classify::keyword(call, name);
    let url_expr = call.arguments.args.first().or_else(|| keyword("url"))?;
    let mut url = url_value(index, scope, uses, url_expr, 8)?;
    let endpoint = if crate::classify::names_chat_endpoint(&url.text) {
        Endpoint::ChatCompletions
    } else if crate::classify::names_responses_endpoint(&url.text) {
        Endpoint::Responses
    } else {
        return None;
    };
    // A path posted on a client built with `base_url=` goes where that base says.
    if !url.text.contains("://") {
        let base = session
            .and_then(|c| super::classify::keyword(c, "base_url"))
            .and_then(|e| url_value(index, scope, uses, e, 8));
        if let Some(base) = base {
            url = join(base, url);
        }
    }
    let dumped = |e: &'a Expr| match e {
        Expr::Call(c)
            if c.arguments.args.len() == 1
                && matches!(&*c.func, Expr::Attribute(a) if a.attr.id.as_str() == "dumps"
                    && matches!(&*a.value, Expr::Name(m) if m.id.as_str() == "json")) =>
        {
            c.arguments.args.first()
        }
        _ => None,
    };
    let body = keyword("json").or_else(|| keyword("data").and_then(dumped));
    // A Responses request is reviewed only where it surely goes to a server.
    if endpoint == Endpoint::Responses && !url.text.contains("://") {
        return None;
    }
    Some(RawSite {
        call,
        endpoint,
        url,
        body,
    })
}

/// The `chat/completions` text inside the literal at `literal`, which becomes `responses`.
pub fn chat_path(literal: Span, text: &str) -> Option<Span> {
    let at = text[literal.start..literal.end].rfind("chat/completions")? + literal.start;
    Some(Span::new(at, at + "chat/completions".len()))
}

/// The literals of `site`'s URL, so the plain URL finding does not report them again.
pub fn url_literal(site: &RawSite) -> Option<Span> {
    site.url.literal
}

/// A raw HTTP request to a Chat Completions URL as a unit.
pub fn unit(
    index: &Index,
    scope: usize,
    statements: &reads::Statements,
    site: &RawSite,
    text: &str,
) -> (Unit, Vec<Span>, Option<reads::Shape>) {
    let call_span = span(site.call.range());
    let (verdict, server) = crate::classify::judge_http_request(&site.url.text);
    let body = site
        .body
        .and_then(|b| values::json_body(index, scope, b, text));
    if site.endpoint == Endpoint::Responses {
        return responses_unit(index, scope, statements, (call_span, verdict), body, text);
    }
    let rewrite = match (&site.url, site.url.literal) {
        (
            Url {
                path_in_env: true,
                env: Some(var),
                ..
            },
            _,
        ) => Err(format!(
            "the path comes from the environment variable `{var}`, which must change too"
        )),
        (Url { shared: true, .. }, _) => Err(
            "the URL comes from a constant other code reads too; responsify does not rewrite it"
                .to_string(),
        ),
        (_, Some(literal)) => chat_path(literal, text).ok_or_else(|| {
            "the URL literal does not spell `chat/completions` in one piece".to_string()
        }),
        (_, None) => Err("the URL has no literal responsify could rewrite".into()),
    };
    let (mut unit, shared) = body_unit(
        index,
        scope,
        body.unwrap_or_else(values::Body::out_of_sight),
        Site::Http {
            url: rewrite.as_ref().ok().copied(),
            endpoint: None,
        },
        call_span,
        verdict,
    );
    let stream = matches!(
        unit.request.body.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    );
    unit.rewrites_importable.extend(site.url.through.clone());
    if matches!(unit.verdict, Verdict::Hold(_)) {
        unit.base_url = server;
    }
    if site.body.is_none() {
        unit.unfixable
            .push("the request sends no `json=` body responsify can see".into());
    }
    if let Err(why) = rewrite {
        unit.unfixable.push(why);
    }
    if let Some(var) = &site.url.env {
        unit.caveats.push(format!(
            "the base URL comes from `{var}`: the server it names must serve `/responses` too"
        ));
    }
    if stream {
        unit.unfixable.push(
            "the hand-written stream parsing reads Chat Completions chunks, not Responses events"
                .into(),
        );
    }
    let uses = reads::analyze(statements, call_span, reads::Shape::HttpResponse, text);
    unit.reads = uses.reads;
    unit.unseen.extend(uses.unseen);
    (unit, shared, uses.returned)
}

/// A raw HTTP request already on the Responses API, reviewed for the Chat Completions reads
/// of its reply a migration left behind (and for the first output item read as the reply).
/// Its uses out of sight do not matter: fixing residue leaves the reply's shape as it is.
fn responses_unit(
    index: &Index,
    scope: usize,
    statements: &reads::Statements,
    (call_span, verdict): (Span, Verdict),
    body: Option<values::Body>,
    text: &str,
) -> (Unit, Vec<Span>, Option<reads::Shape>) {
    let (mut unit, shared) = body_unit(
        index,
        scope,
        body.unwrap_or_else(values::Body::out_of_sight),
        Site::Http {
            url: None,
            endpoint: None,
        },
        call_span,
        verdict,
    );
    unit.request.endpoint = Endpoint::Responses;
    unit.unseen.clear();
    unit.unfixable
        .retain(|why| why.starts_with("the request's body includes"));
    unit.reads = reads::analyze(statements, call_span, reads::Shape::ResponsesHttp, text).reads;
    (unit, shared, None)
}

/// A request written by hand as a unit: its body in view (or not), at `site`. What the body
/// hides keeps the fix from being applied; what it takes from elsewhere is out of sight. The
/// values it was followed to come back for grouping.
pub fn body_unit(
    index: &Index,
    scope: usize,
    body: values::Body,
    site: Site,
    span: Span,
    verdict: Verdict,
) -> (Unit, Vec<Span>) {
    let mut unit = Unit::new(
        Request {
            endpoint: Endpoint::ChatCompletions,
            site,
            span,
            body: body.value,
            hidden_keys: !body.hidden.is_empty(),
        },
        verdict,
    );
    unit.containers = body.containers;
    unit.enclosing = index.enclosing(scope);
    unit.rewrites_importable = body.module_names;
    for hidden in body.hidden {
        unit.unfixable.push(format!(
            "the request's body includes {hidden}, which responsify cannot see"
        ));
    }
    unit.unseen.extend(body.unseen);
    (unit, body.shared)
}
