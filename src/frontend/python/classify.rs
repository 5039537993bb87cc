//! Who is the client? Trace a call's receiver to where it was built and lift what its
//! constructor says; [`crate::classify`] judges it.

use super::scope::{ClientClass, Index};
use crate::classify::{self, ClientFacts, Constructor, Judged, Origin};
use ruff_python_ast::{self as ast, Expr, Stmt};

const DEPTH: usize = 6;

/// Libraries that wrap an OpenAI client in their own API (instructor's `response_model`):
/// calls on the wrapped client are theirs to migrate.
const WRAPPERS: &[&str] = &["instructor"];
/// Their wrapping functions, when imported by name (`from instructor import from_openai`).
const WRAPPING_FUNCTIONS: &[&str] = &["from_openai", "patch", "apatch"];

pub fn trace(index: &Index, scope: usize, receiver: &Expr, source: &str) -> Judged {
    let judged = trace_at(index, scope, receiver, source, DEPTH);
    match (&judged.untraced, index.lookalike_sdk) {
        (Some(_), Some(sdk)) if !index.imports_openai => {
            classify::lookalike_client(sdk, text(source, receiver))
        }
        _ => judged,
    }
}

fn text<'s>(source: &'s str, expr: &Expr) -> &'s str {
    use ruff_text_size::Ranged;
    &source[expr.range()]
}

fn trace_at(index: &Index, scope: usize, receiver: &Expr, source: &str, depth: usize) -> Judged {
    if depth == 0 {
        return unsure(format!(
            "`{}` is built too far away to trace",
            text(source, receiver)
        ));
    }
    match receiver {
        // `client.with_options(timeout=5)` and `client.copy()` keep the client's endpoint.
        Expr::Call(call) => match &*call.func {
            Expr::Attribute(attr) if matches!(attr.attr.id.as_str(), "with_options" | "copy") => {
                trace_at(index, scope, &attr.value, source, depth - 1)
            }
            Expr::Name(name) => {
                if let Some(class) = index.client_class(name.id.as_str()) {
                    judge_constructor(index, scope, class, call, source)
                } else if index.classes.iter().any(|c| c == name.id.as_str()) {
                    Judged::not_openai(format!(
                        "`{}` is a class of this file, not the openai SDK's client",
                        name.id
                    ))
                } else if WRAPPING_FUNCTIONS.contains(&name.id.as_str())
                    && index.foreign.iter().any(|f| f == name.id.as_str())
                {
                    Judged::not_openai(format!(
                        "the client is wrapped by `{}()`, whose calls are its own",
                        name.id
                    ))
                } else if index.foreign.iter().any(|f| f == name.id.as_str()) {
                    Judged::not_openai(format!("`{}` is not the openai SDK's client", name.id))
                } else if let Some(factory) = index.function(name.id.as_str()) {
                    trace_factory(index, factory, source, depth)
                } else {
                    unsure(format!(
                        "the client comes from `{}`, which responsify cannot see into",
                        name.id
                    ))
                }
            }
            Expr::Attribute(attr) => match (&*attr.value, attr.attr.id.as_str()) {
                (Expr::Name(module), class) if index.is_openai_module(module.id.as_str()) => {
                    match class {
                        "OpenAI" | "AsyncOpenAI" => {
                            judge_constructor(index, scope, ClientClass::OpenAi, call, source)
                        }
                        "AzureOpenAI" | "AsyncAzureOpenAI" => {
                            judge_constructor(index, scope, ClientClass::Azure, call, source)
                        }
                        _ => unsure(format!(
                            "the client comes from `{}`",
                            text(source, receiver)
                        )),
                    }
                }
                (Expr::Name(library), _) if WRAPPERS.contains(&library.id.as_str()) => {
                    Judged::not_openai(format!(
                        "the client is wrapped by `{}`, whose calls are its own",
                        library.id
                    ))
                }
                _ => unsure(format!(
                    "the client comes from `{}`, which responsify cannot see into",
                    text(source, receiver)
                )),
            },
            _ => unsure(format!(
                "the client comes from `{}`",
                text(source, receiver)
            )),
        },
        Expr::Name(name) => {
            let id = name.id.as_str();
            if index.is_openai_module(id) {
                return module_client(index, scope, source);
            }
            let (found_in, values) = index.assignments(scope, id);
            match values.as_slice() {
                [] if index.is_parameter(scope, id) => {
                    match foreign_annotation(index, scope, id, source) {
                        // Typed as another library's client: its calls are that library's.
                        Some(class) => Judged::not_openai(format!(
                            "the client `{id}` is a `{class}`, another library's client"
                        )),
                        None => {
                            callers_clients(index, scope, id, source, depth).unwrap_or_else(|| {
                                unsure(format!("the client `{id}` is passed in by the caller"))
                            })
                        }
                    }
                }
                [] => unsure(format!("`{id}` is not assigned in this file")),
                [one] => trace_at(index, found_in, one, source, depth - 1),
                many => {
                    let verdicts: Vec<Judged> = many
                        .iter()
                        .map(|v| trace_at(index, found_in, v, source, depth - 1))
                        .collect();
                    verdicts
                        .iter()
                        .find(|v| !v.is_plain())
                        .cloned()
                        .unwrap_or_else(Judged::openai)
                }
            }
        }
        Expr::Attribute(attr) => match &*attr.value {
            Expr::Name(owner) if owner.id.as_str() == "self" => {
                let Some(class) = index.scopes[scope].class else {
                    return unsure(format!("`self.{}` outside a class", attr.attr.id));
                };
                match self_assignment(class, attr.attr.id.as_str()) {
                    Some((method, value)) => {
                        let method_scope = index
                            .scopes
                            .iter()
                            .position(|s| std::ptr::eq(s.body.as_ptr(), method.body.as_ptr()))
                            .unwrap_or(scope);
                        trace_at(index, method_scope, value, source, depth - 1)
                    }
                    None => unsure(format!("`self.{}` is not set in this class", attr.attr.id)),
                }
            }
            _ => unsure(format!(
                "the client comes from `{}`",
                text(source, receiver)
            )),
        },
        _ => unsure(format!(
            "the client comes from `{}`",
            text(source, receiver)
        )),
    }
}

fn unsure(reason: String) -> Judged {
    Judged::untraced(reason)
}

/// `self.<attr> = value` in a method of the class (the first one found), or a class attribute.
fn self_assignment<'a>(
    class: &'a ast::StmtClassDef,
    attr: &str,
) -> Option<(&'a ast::StmtFunctionDef, &'a Expr)> {
    for stmt in class.body.iter() {
        if let Stmt::FunctionDef(method) = stmt {
            for inner in super::scope::flatten(&method.body) {
                let (targets, value): (Vec<&Expr>, &Expr) = match inner {
                    Stmt::Assign(a) => (a.targets.iter().collect(), &a.value),
                    Stmt::AnnAssign(a) => match &a.value {
                        Some(v) => (vec![&*a.target], v),
                        None => continue,
                    },
                    _ => continue,
                };
                for target in targets {
                    if let Expr::Attribute(t) = target {
                        if matches!(&*t.value, Expr::Name(n) if n.id.as_str() == "self")
                            && t.attr.id.as_str() == attr
                        {
                            return Some((method, value));
                        }
                    }
                }
            }
        }
    }
    None
}

fn trace_factory(
    index: &Index,
    factory: &ast::StmtFunctionDef,
    source: &str,
    depth: usize,
) -> Judged {
    let scope = index
        .scopes
        .iter()
        .position(|s| std::ptr::eq(s.body.as_ptr(), factory.body.as_ptr()))
        .unwrap_or(0);
    let returns = super::scope::returns(factory);
    match returns.as_slice() {
        [one] => trace_at(index, scope, one, source, depth - 1),
        _ => unsure(format!(
            "`{}()` builds the client in more than one way",
            factory.name.id
        )),
    }
}

/// `openai.chat.completions.create(...)`: the module's own client, unless the file points
/// `openai.base_url` elsewhere.
fn module_client(index: &Index, scope: usize, source: &str) -> Judged {
    for scope_def in &index.scopes {
        for stmt in super::scope::flatten(scope_def.body) {
            let Stmt::Assign(a) = stmt else { continue };
            for target in &a.targets {
                if let Expr::Attribute(t) = target {
                    let on_module =
                        matches!(&*t.value, Expr::Name(n) if index.is_openai_module(n.id.as_str()));
                    if on_module && matches!(t.attr.id.as_str(), "base_url" | "api_base") {
                        return classify::judge(&ClientFacts {
                            base_url: Some(origin(index, scope, &a.value, source)),
                            ..ClientFacts::new(Constructor::OpenAi)
                        });
                    }
                }
            }
        }
    }
    classify::judge(&ClientFacts::new(Constructor::OpenAi))
}

/// The value of the keyword argument `name=`.
pub(super) fn keyword<'a>(call: &'a ast::ExprCall, name: &str) -> Option<&'a Expr> {
    call.arguments
        .keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
        .map(|k| &k.value)
}

/// Options of the Python SDK's constructors that send requests to another service.
const REDIRECTS: &[&str] = &["provider", "default_query"];
/// Options that put custom code between the client and the network.
const TRANSPORTS: &[&str] = &["http_client", "transport"];

/// Lift what a constructor call says about where its requests go, and judge it.
fn judge_constructor(
    index: &Index,
    scope: usize,
    class: ClientClass,
    call: &ast::ExprCall,
    source: &str,
) -> Judged {
    let constructor = match class {
        ClientClass::OpenAi => Constructor::OpenAi,
        ClientClass::Azure => Constructor::Azure,
    };
    let named = |names: &[&str]| -> Vec<String> {
        call.arguments
            .keywords
            .iter()
            .filter_map(|k| k.arg.as_ref())
            .map(|a| a.id.to_string())
            .filter(|a| names.contains(&a.as_str()))
            .collect()
    };
    let base_url = keyword(call, "base_url").map(|e| origin(index, scope, e, source));
    let facts = ClientFacts {
        constructor,
        base_url,
        api_version: keyword(call, "api_version").map(|e| origin(index, scope, e, source)),
        redirects: named(REDIRECTS),
        transports: named(TRANSPORTS),
        hidden_options: call
            .arguments
            .keywords
            .iter()
            .find(|k| k.arg.is_none())
            .map(|k| text(source, &k.value).to_string()),
    };
    classify::judge(&facts)
}

/// A string literal, through module constants of this file.
pub fn string_value(index: &Index, scope: usize, expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        Expr::Name(n) => match index.assignments(scope, n.id.as_str()).1.as_slice() {
            [one] if !matches!(one, Expr::Name(_)) => string_value(index, scope, one),
            _ => None,
        },
        _ => None,
    }
}

/// `os.environ.get("X", fallback)`, `os.getenv("X", fallback)`, `os.environ["X"]`, and the
/// same followed by `or "fallback"`.
pub(super) fn environment_read(expr: &Expr) -> Option<(String, Option<&Expr>)> {
    match expr {
        Expr::BoolOp(b) if b.op == ast::BoolOp::Or && b.values.len() == 2 => {
            let (name, _) = environment_read(&b.values[0])?;
            Some((name, Some(&b.values[1])))
        }
        Expr::Call(call) => {
            let func = match &*call.func {
                Expr::Attribute(a) => a,
                _ => return None,
            };
            let is_env = match (&*func.value, func.attr.id.as_str()) {
                (Expr::Attribute(inner), "get") => inner.attr.id.as_str() == "environ",
                (Expr::Name(n), "getenv") => n.id.as_str() == "os",
                (Expr::Name(n), "get") => n.id.as_str() == "environ",
                _ => false,
            };
            if !is_env {
                return None;
            }
            let args = &call.arguments.args;
            let name = match args.first() {
                Some(Expr::StringLiteral(s)) => s.value.to_str().to_string(),
                _ => "?".into(),
            };
            Some((name, args.get(1).or_else(|| keyword(call, "default"))))
        }
        Expr::Subscript(s) => match (&*s.value, &*s.slice) {
            (Expr::Attribute(a), Expr::StringLiteral(name)) if a.attr.id.as_str() == "environ" => {
                Some((name.value.to_str().to_string(), None))
            }
            (Expr::Attribute(a), _) if a.attr.id.as_str() == "environ" => Some(("?".into(), None)),
            _ => None,
        },
        _ => None,
    }
}

/// Where an option's value comes from.
fn origin(index: &Index, scope: usize, expr: &Expr, source: &str) -> Origin {
    if let Some(literal) = string_value(index, scope, expr) {
        return Origin::Literal(literal);
    }
    if let Some((var, fallback)) = environment_read(expr) {
        return Origin::Env {
            var,
            fallback: fallback.and_then(|f| string_value(index, scope, f)),
        };
    }
    if let Expr::Name(n) = expr {
        if let [one] = index.assignments(scope, n.id.as_str()).1.as_slice() {
            if !matches!(one, Expr::Name(_)) {
                return origin(index, scope, one, source);
            }
        }
    }
    if let Some(parts) = literal_parts(expr) {
        return Origin::Template(parts);
    }
    Origin::Unknown(text(source, expr).to_string())
}

/// The literal parts of an f-string or a `+` concatenation, `{}` for the rest.
pub fn literal_parts(expr: &Expr) -> Option<String> {
    match expr {
        Expr::FString(f) => {
            let mut out = String::new();
            for part in f.value.iter() {
                match part {
                    ast::FStringPart::Literal(l) => out.push_str(&l.value),
                    ast::FStringPart::FString(f) => {
                        for element in f.elements.iter() {
                            match element {
                                ast::InterpolatedStringElement::Literal(l) => {
                                    out.push_str(&l.value)
                                }
                                _ => out.push_str("{}"),
                            }
                        }
                    }
                }
            }
            Some(out)
        }
        Expr::BinOp(b) if b.op == ast::Operator::Add => {
            let piece = |e: &Expr| match e {
                Expr::StringLiteral(s) => s.value.to_str().to_string(),
                other => literal_parts(other).unwrap_or_else(|| "{}".into()),
            };
            Some(format!("{}{}", piece(&b.left), piece(&b.right)))
        }
        _ => None,
    }
}

/// The class a parameter is annotated with when it is not the `openai` SDK's: a name imported
/// from another library (`from groq import Groq`), or an attribute of another module
/// (`groq.AsyncGroq`). An annotation responsify cannot read (a string, `Optional[...]`) says
/// nothing.
fn foreign_annotation(index: &Index, scope: usize, name: &str, source: &str) -> Option<String> {
    let annotation = index.parameter_annotation(scope, name)?;
    match annotation {
        Expr::Name(class) => {
            let id = class.id.as_str();
            (index.foreign.iter().any(|f| f == id)
                && !index.client_classes.iter().any(|(c, _)| c == id))
            .then(|| id.to_string())
        }
        Expr::Attribute(attr) => match &*attr.value {
            Expr::Name(module)
                if !index.is_openai_module(module.id.as_str())
                    && index.foreign.iter().any(|f| f == module.id.as_str()) =>
            {
                Some(text(source, annotation).to_string())
            }
            _ => None,
        },
        _ => None,
    }
}

/// A client parameter that every call of its function in this file fills with another
/// library's client (`ask(Groq(), q)`, `ask(groq_client, q)`): the calls are that library's.
/// Calls from other files are not seen, so a client that is OpenAI's at every call here
/// stays unsure.
fn callers_clients(
    index: &Index,
    scope: usize,
    id: &str,
    source: &str,
    depth: usize,
) -> Option<Judged> {
    let passed = super::values::arguments_for(index, scope, id)?;
    if passed.by_calls.is_empty() || passed.without > 0 || passed.handings > 0 {
        return None;
    }
    let mut named = Vec::new();
    for &(call_scope, arg) in &passed.by_calls {
        let judged = trace_at(index, call_scope, arg, source, depth.saturating_sub(1));
        match &judged.verdict {
            crate::model::Verdict::Hold(reason) if reason.kind == crate::model::Hold::NotOpenAi => {
                named.push(text(source, arg))
            }
            _ => return None,
        }
    }
    named.dedup();
    Some(Judged::not_openai(format!(
        "every call of the function in this file passes another library's client for `{id}` (`{}`)",
        named.join("`, `")
    )))
}
