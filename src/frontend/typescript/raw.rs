//! Raw HTTP: `fetch(url, { body: JSON.stringify(body) })` and `axios.post(url, body)` to a
//! Chat Completions URL (and, for the reads of their replies, to a Responses URL).
//!
//! A site needs a URL responsify can read to the end (a literal, a `const`, a template of
//! consts) that ends in `/chat/completions`; a URL put together from values it cannot read
//! (a provider table, a variable) is not a site, because responsify cannot tell where it goes.
//! Such a request is migrated only when its URL is OpenAI's, the body is a literal and every
//! read of the result is visible; otherwise it is reported. A URL constant that other code
//! uses too is never rewritten.

use super::scope::Index;
use super::values::unwrap;
use super::walk::span_of;
use crate::model::Span;
use oxc_ast::ast::*;
use oxc_span::GetSpan;

/// Which HTTP client sends the request: what the result looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Http {
    /// `fetch`: a `Response` whose `.json()` is the body.
    Fetch,
    /// axios: a response whose `.data` is the body.
    Axios,
}

pub struct RawSite<'a> {
    pub http: Http,
    pub url: String,
    /// The string literal to rewrite, and whether other code uses it too.
    pub literal: Option<(Span, bool)>,
    pub body: Option<&'a Argument<'a>>,
}

/// The string a URL expression stands for, with the literal that holds its path.
fn url_value(
    index: &Index,
    scope: usize,
    e: &Expression,
    depth: usize,
    fallback: bool,
) -> Option<(String, Option<(Span, bool)>)> {
    if depth == 0 {
        return None;
    }
    match unwrap(e) {
        // `process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1"`, read by its fallback
        // where only the endpoint matters (see `match_raw_responses`).
        Expression::LogicalExpression(l)
            if fallback
                && matches!(l.operator, LogicalOperator::Coalesce | LogicalOperator::Or) =>
        {
            let (value, _) = url_value(index, scope, &l.right, depth - 1, fallback)?;
            Some((value, None))
        }
        Expression::StringLiteral(s) => {
            Some((s.value.as_str().to_string(), Some((span_of(s.span), false))))
        }
        Expression::TemplateLiteral(t) => {
            let mut out = String::new();
            let mut literal = None;
            for (i, quasi) in t.quasis.iter().enumerate() {
                let cooked = quasi.value.cooked.as_ref()?.as_str();
                if cooked.contains("completions") {
                    literal = Some((span_of(quasi.span), false));
                }
                out.push_str(cooked);
                if let Some(x) = t.expressions.get(i) {
                    let (inner, inner_literal) = url_value(index, scope, x, depth - 1, fallback)?;
                    if inner.contains("completions") {
                        literal = inner_literal;
                    }
                    out.push_str(&inner);
                }
            }
            Some((out, literal))
        }
        Expression::BinaryExpression(b) if b.operator == BinaryOperator::Addition => {
            let (left, l) = url_value(index, scope, &b.left, depth - 1, fallback)?;
            let (right, r) = url_value(index, scope, &b.right, depth - 1, fallback)?;
            let literal = if right.contains("completions") { r } else { l };
            Some((left + &right, literal))
        }
        Expression::Identifier(id) => {
            let (_, declarator) = index.value_of(scope, id.name.as_str())?;
            let (value, literal) =
                url_value(index, scope, declarator.init.as_ref()?, depth - 1, fallback)?;
            // A constant named elsewhere too (another request, a provider table) is shared.
            let shared = uses(index, id.name.as_str()) > 1;
            Some((value, literal.map(|(s, was)| (s, was || shared))))
        }
        _ => None,
    }
}

/// How many times `name` is read in the file (not counting its declaration).
fn uses(index: &Index, name: &str) -> usize {
    struct Count<'n> {
        name: &'n str,
        found: usize,
    }
    impl<'a> super::walk::Visitor<'a> for Count<'_> {
        fn expr(&mut self, e: &'a Expression<'a>) -> bool {
            if e.is_specific_id(self.name) {
                self.found += 1;
            }
            true
        }
    }
    let mut count = Count { name, found: 0 };
    super::walk::statements(&mut count, &index.program.body);
    count.found
}

fn is_axios(index: &Index, scope: usize, e: &Expression) -> bool {
    let Expression::Identifier(id) = e else {
        return false;
    };
    if matches!(index.module_of(id.name.as_str()), Some(("axios", _))) {
        return true;
    }
    // `const http = axios.create({...})`
    index
        .value_of(scope, id.name.as_str())
        .and_then(|(_, d)| d.init.as_ref())
        .is_some_and(|init| match unwrap(init) {
            Expression::CallExpression(c) => matches!(&c.callee,
                Expression::StaticMemberExpression(m) if m.property.name.as_str() == "create"
                    && is_axios(index, scope, &m.object)),
            _ => false,
        })
}

/// `fetch(URL, { ..., body: JSON.stringify(BODY) })` or `axios.post(URL, BODY, config?)`.
pub fn match_raw<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
) -> Option<RawSite<'a>> {
    match_raw_to(index, scope, call, "/chat/completions")
}

/// The same request to a Responses URL (`…/v1/responses`): already on the Responses API, its
/// reply is read for what only Chat Completions replies had, or for its first output item.
pub fn match_raw_responses<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
) -> Option<RawSite<'a>> {
    match_raw_to(index, scope, call, "/v1/responses")
}

fn match_raw_to<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
    endpoint: &str,
) -> Option<RawSite<'a>> {
    let http = match &call.callee {
        Expression::Identifier(f) if f.name.as_str() == "fetch" => Http::Fetch,
        Expression::StaticMemberExpression(m)
            if m.property.name.as_str() == "fetch" && m.object.is_specific_id("globalThis") =>
        {
            Http::Fetch
        }
        Expression::StaticMemberExpression(m)
            if m.property.name.as_str() == "post" && is_axios(index, scope, &m.object) =>
        {
            Http::Axios
        }
        _ => return None,
    };
    let url_arg = call.arguments.first()?.as_expression()?;
    // A Responses URL is only read, never rewritten: a base URL from the environment is
    // read by its fallback.
    let fallback = endpoint == "/v1/responses";
    let (url, literal) = url_value(index, scope, url_arg, 6, fallback)?;
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.trim_end_matches('/').ends_with(endpoint) {
        return None;
    }
    let body = match http {
        Http::Axios => call.arguments.get(1),
        Http::Fetch => {
            let Some(Expression::ObjectExpression(init)) = call
                .arguments
                .get(1)
                .and_then(|a| a.as_expression())
                .map(unwrap)
            else {
                return None;
            };
            let value = init.properties.iter().find_map(|p| match p {
                ObjectPropertyKind::ObjectProperty(p)
                    if p.key.static_name().as_deref() == Some("body") =>
                {
                    Some(&p.value)
                }
                _ => None,
            })?;
            match unwrap(value) {
                Expression::CallExpression(c)
                    if matches!(&c.callee, Expression::StaticMemberExpression(m)
                        if m.property.name.as_str() == "stringify" && m.object.is_specific_id("JSON")) =>
                {
                    c.arguments.first()
                }
                _ => None,
            }
        }
    };
    Some(RawSite {
        http,
        url,
        literal,
        body,
    })
}

/// The URL literal of every raw request, by where its body sits (the body written in the call,
/// or the value of the variable the call passes), for lowering: built once per text, since
/// looking each request up among every call is quadratic in a file of many requests. Where
/// two calls have one body, the first call with a URL literal wins.
pub fn url_literals(index: &Index) -> std::collections::HashMap<Span, (Span, bool)> {
    let mut out = std::collections::HashMap::new();
    for &(call, scope) in &index.calls {
        let Some(site) = match_raw(index, scope, call) else {
            continue;
        };
        let Some(literal) = site.literal else {
            continue;
        };
        let at = site
            .body
            .and_then(|b| b.as_expression())
            .map(|e| span_of(unwrap(e).span()));
        let declared = site
            .body
            .and_then(|b| b.as_expression())
            .and_then(|e| match unwrap(e) {
                Expression::Identifier(id) => index.value_of(scope, id.name.as_str()),
                _ => None,
            })
            .and_then(|(_, d)| d.init.as_ref().map(|i| span_of(unwrap(i).span())));
        for body in [at, declared].into_iter().flatten() {
            out.entry(body).or_insert(literal);
        }
    }
    out
}
