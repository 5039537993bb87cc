//! Who is the client? Trace a call's receiver to where it was built, and judge it.

use super::scope::{ClientClass, Index};
use ruff_python_ast::{self as ast, Expr, Stmt};

/// What the classifier concluded about a receiver.
#[derive(Clone, Debug, PartialEq)]
pub enum Client {
    /// An OpenAI client. `unsure` says what could still point it elsewhere.
    OpenAi { unsure: Option<String> },
    /// Report, do not rewrite.
    Flag { rule: &'static str, reason: String },
    /// Not ours: a look-alike class or another library.
    Leave(String),
    /// A client for a server at `url` that is not OpenAI's: reported, unless the user
    /// declared that server Responses-capable (`--responses-provider`).
    OtherServer { url: String, reason: String },
}

const DEPTH: usize = 6;

pub fn trace(index: &Index, scope: usize, receiver: &Expr, source: &str) -> Client {
    trace_at(index, scope, receiver, source, DEPTH)
}

fn text<'s>(source: &'s str, expr: &Expr) -> &'s str {
    use ruff_text_size::Ranged;
    &source[expr.range()]
}

fn trace_at(index: &Index, scope: usize, receiver: &Expr, source: &str, depth: usize) -> Client {
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
                    judge_constructor(class, call, source)
                } else if index.classes.iter().any(|c| c == name.id.as_str()) {
                    Client::Leave(format!(
                        "`{}` is a class of this file, not the openai SDK's client",
                        name.id
                    ))
                } else if index.foreign.iter().any(|f| f == name.id.as_str()) {
                    Client::Leave(format!("`{}` is not the openai SDK's client", name.id))
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
                            judge_constructor(ClientClass::OpenAi, call, source)
                        }
                        "AzureOpenAI" | "AsyncAzureOpenAI" => {
                            judge_constructor(ClientClass::Azure, call, source)
                        }
                        _ => unsure(format!(
                            "the client comes from `{}`",
                            text(source, receiver)
                        )),
                    }
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
                return module_client(index, source);
            }
            let (found_in, values) = index.assignments(scope, id);
            match values.as_slice() {
                [] if index.is_parameter(scope, id) => {
                    unsure(format!("the client `{id}` is passed in by the caller"))
                }
                [] => unsure(format!("`{id}` is not assigned in this file")),
                [one] => trace_at(index, found_in, one, source, depth - 1),
                many => {
                    let verdicts: Vec<Client> = many
                        .iter()
                        .map(|v| trace_at(index, found_in, v, source, depth - 1))
                        .collect();
                    verdicts
                        .iter()
                        .find(|v| !matches!(v, Client::OpenAi { unsure: None }))
                        .cloned()
                        .unwrap_or(Client::OpenAi { unsure: None })
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

fn unsure(reason: String) -> Client {
    Client::OpenAi {
        unsure: Some(reason),
    }
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
) -> Client {
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
fn module_client(index: &Index, source: &str) -> Client {
    for scope in &index.scopes {
        for stmt in super::scope::flatten(scope.body) {
            let Stmt::Assign(a) = stmt else { continue };
            for target in &a.targets {
                if let Expr::Attribute(t) = target {
                    let on_module =
                        matches!(&*t.value, Expr::Name(n) if index.is_openai_module(n.id.as_str()));
                    if on_module && matches!(t.attr.id.as_str(), "base_url" | "api_base") {
                        return judge_base_url(&a.value, source);
                    }
                }
            }
        }
    }
    Client::OpenAi { unsure: None }
}

fn keyword<'a>(call: &'a ast::ExprCall, name: &str) -> Option<&'a Expr> {
    call.arguments
        .keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
        .map(|k| &k.value)
}

fn judge_constructor(class: ClientClass, call: &ast::ExprCall, source: &str) -> Client {
    let base_url = keyword(call, "base_url");
    match class {
        ClientClass::Azure => {
            if let Some(url) = base_url.and_then(string_value) {
                if is_azure_v1(&url) {
                    return Client::OpenAi { unsure: None };
                }
            }
            let version = keyword(call, "api_version")
                .map(|v| text(source, v).to_string())
                .unwrap_or_else(|| "from OPENAI_API_VERSION".into());
            Client::Flag {
                rule: "azure-dated-api-version",
                reason: format!("`AzureOpenAI` with a dated api_version ({version})"),
            }
        }
        ClientClass::OpenAi => match base_url {
            None => Client::OpenAi { unsure: None },
            Some(url) => judge_base_url(url, source),
        },
    }
}

fn string_value(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        _ => None,
    }
}

fn is_openai_url(url: &str) -> bool {
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    rest.starts_with("api.openai.com")
}

fn is_azure_v1(url: &str) -> bool {
    url.contains(".openai.azure.com/openai/v1")
}

/// `os.environ.get("X", fallback)`, `os.getenv("X", fallback)`, `os.environ["X"]`.
fn environment_read(expr: &Expr) -> Option<(String, Option<&Expr>)> {
    match expr {
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
            let name = args
                .first()
                .and_then(string_value)
                .unwrap_or_else(|| "?".into());
            Some((name, args.get(1).or_else(|| keyword(call, "default"))))
        }
        Expr::Subscript(s) => match &*s.value {
            Expr::Attribute(a) if a.attr.id.as_str() == "environ" => {
                Some((string_value(&s.slice).unwrap_or_else(|| "?".into()), None))
            }
            _ => None,
        },
        _ => None,
    }
}

fn judge_base_url(url: &Expr, source: &str) -> Client {
    if let Some(literal) = string_value(url) {
        return if is_openai_url(&literal) || is_azure_v1(&literal) {
            Client::OpenAi { unsure: None }
        } else {
            Client::OtherServer {
                reason: format!(
                    "the client's base URL is {literal:?}, which may not serve the Responses API"
                ),
                url: literal,
            }
        };
    }
    if let Some((variable, fallback)) = environment_read(url) {
        return match fallback.and_then(string_value) {
            Some(f) if is_openai_url(&f) => Client::OpenAi {
                unsure: Some(format!(
                    "the base URL comes from ${variable}; a deployment may point it elsewhere"
                )),
            },
            Some(f) => Client::OtherServer {
                reason: format!("the base URL defaults to {f:?}, not OpenAI"),
                url: f,
            },
            None => Client::Flag {
                rule: "third-party-endpoint",
                reason: format!("the client's base URL comes from ${variable} with no fallback"),
            },
        };
    }
    Client::Flag {
        rule: "third-party-endpoint",
        reason: format!(
            "the client's base URL comes from `{}`, which responsify cannot prove is OpenAI",
            text(source, url)
        ),
    }
}
