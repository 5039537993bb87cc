//! Who is the client? Trace a call's receiver to the `new OpenAI(...)` that built it (through
//! consts, class fields, `this.x = …` in a constructor, and factory functions of the file),
//! and lift what its options say; [`crate::classify`] judges it.

use super::scope::Index;
use super::walk::{span_of, FunctionRef};
use crate::classify::{self, ClientFacts, Constructor, Judged, Origin};
use oxc_ast::ast::*;
use oxc_span::GetSpan;

const DEPTH: usize = 6;

/// The SDK's client classes, by the name the `openai` package exports.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ClientClass {
    OpenAi,
    Azure,
}

/// Is `module` the openai package, or one of its entry points that export the client
/// (`openai/index`, `openai/index.mjs`, `openai/client`, `openai/azure`)? Also as Deno and
/// the browser name it: `npm:openai@4`, `jsr:@openai/openai`, `https://esm.sh/openai@4`,
/// `https://deno.land/x/openai@v4/mod.ts`, and a path into `node_modules/openai/`.
pub fn is_openai_module(module: &str) -> bool {
    let package = package_specifier(module);
    let (name, entry) = match package.split_once('/') {
        Some((name, rest)) => (name, Some(rest)),
        None => (package, None),
    };
    let name = name.split('@').next().unwrap_or(name);
    let entry = entry.map(|rest| {
        rest.trim_end_matches(".js")
            .trim_end_matches(".mjs")
            .trim_end_matches(".cjs")
            .trim_end_matches(".ts")
    });
    name == "openai" && matches!(entry, None | Some("index" | "client" | "azure" | "mod"))
}

/// The `name[@version][/entry]` part of a module specifier, without the scheme or host that
/// Deno, CDNs and direct paths put before it.
fn package_specifier(module: &str) -> &str {
    if let Some(rest) = module
        .strip_prefix("npm:")
        .or_else(|| module.strip_prefix("jsr:@openai/"))
    {
        return rest;
    }
    for host in [
        "https://esm.sh/",
        "https://cdn.skypack.dev/",
        "https://deno.land/x/",
    ] {
        if let Some(rest) = module.strip_prefix(host) {
            return rest;
        }
    }
    if let Some(at) = module.rfind("node_modules/") {
        return &module[at + "node_modules/".len()..];
    }
    module
}

/// Is `name` (a local name) the openai package's client class, or a namespace import of it?
fn client_class(index: &Index, name: &str) -> Option<ClientClass> {
    let (module, imported) = index.module_of(name)?;
    if !is_openai_module(module) {
        return None;
    }
    match imported {
        "OpenAI" | "default" => Some(ClientClass::OpenAi),
        "AzureOpenAI" => Some(ClientClass::Azure),
        _ => None,
    }
}

fn is_openai_namespace(index: &Index, name: &str) -> bool {
    matches!(index.module_of(name), Some((m, "*")) if is_openai_module(m))
        || index
            .required
            .iter()
            .any(|(l, m)| l == name && is_openai_module(m))
}

pub fn text<'s>(source: &'s str, node: &impl GetSpan) -> &'s str {
    let s = node.span();
    &source[s.start as usize..s.end as usize]
}

fn unsure(reason: String) -> Judged {
    Judged::untraced(reason)
}

pub fn trace(index: &Index, scope: usize, receiver: &Expression, source: &str) -> Judged {
    trace_at(index, scope, receiver, source, DEPTH)
}

fn trace_at(
    index: &Index,
    scope: usize,
    receiver: &Expression,
    source: &str,
    depth: usize,
) -> Judged {
    if depth == 0 {
        return unsure(format!(
            "`{}` is built too far away to trace",
            text(source, receiver)
        ));
    }
    match receiver.without_parentheses() {
        Expression::TSAsExpression(x) => trace_at(index, scope, &x.expression, source, depth - 1),
        Expression::TSNonNullExpression(x) => {
            trace_at(index, scope, &x.expression, source, depth - 1)
        }
        Expression::AwaitExpression(x) => trace_at(index, scope, &x.argument, source, depth - 1),
        Expression::NewExpression(new) => judge_new(index, scope, new, source),
        Expression::CallExpression(call) => match call.callee.without_parentheses() {
            // `client.withOptions({ timeout })` keeps the client's endpoint.
            Expression::StaticMemberExpression(m) if m.property.name.as_str() == "withOptions" => {
                trace_at(index, scope, &m.object, source, depth - 1)
            }
            Expression::Identifier(f) => match index.function(f.name.as_str()) {
                Some((body_scope, function)) => {
                    trace_factory(index, body_scope, function, source, depth)
                }
                None => unsure(format!(
                    "the client comes from `{}()`, which responsify cannot see into",
                    f.name
                )),
            },
            _ => unsure(format!(
                "the client comes from `{}`",
                text(source, receiver)
            )),
        },
        Expression::Identifier(id) => {
            let name = id.name.as_str();
            if let Some((_, declarator)) = index.value_of(scope, name) {
                return match &declarator.init {
                    Some(init) => {
                        let at = index.scope_at(span_of(declarator.span));
                        trace_at(index, at, init, source, depth - 1)
                    }
                    None => unsure(format!("`{name}` is declared without a value")),
                };
            }
            if index.is_parameter(scope, name) {
                return through_callers(index, scope, name, source, depth);
            }
            if let Some((module, _)) = index.module_of(name) {
                return unsure(format!(
                    "the client `{name}` is imported from {module:?}, which responsify does not follow"
                ));
            }
            unsure(format!("`{name}` is not assigned once in this file"))
        }
        Expression::StaticMemberExpression(m)
            if matches!(m.object, Expression::ThisExpression(_)) =>
        {
            this_field(index, scope, m.property.name.as_str(), source, depth)
        }
        _ => unsure(format!(
            "the client comes from `{}`",
            text(source, receiver)
        )),
    }
}

/// `this.client`: a class field's initialiser, or `this.client = …` in a method.
fn this_field(index: &Index, scope: usize, field: &str, source: &str, depth: usize) -> Judged {
    let Some(class) = index.class_of_scope(scope) else {
        return unsure(format!("`this.{field}` outside a class"));
    };
    for element in &class.body.body {
        match element {
            ClassElement::PropertyDefinition(p)
                if p.key.static_name().as_deref() == Some(field) =>
            {
                if let Some(value) = &p.value {
                    let at = index.scope_at(span_of(p.span));
                    return trace_at(index, at, value, source, depth - 1);
                }
            }
            // `get client() { return this._client; }`: the client is what the getter returns.
            ClassElement::MethodDefinition(m)
                if m.kind == MethodDefinitionKind::Get
                    && m.key.static_name().as_deref() == Some(field) =>
            {
                let returned =
                    m.value
                        .body
                        .as_ref()
                        .and_then(|body| match body.statements.as_slice() {
                            [Statement::ReturnStatement(r)] => r.argument.as_ref(),
                            _ => None,
                        });
                return match returned {
                    Some(value) => {
                        let at = index.scope_at(span_of(value.span()));
                        trace_at(index, at, value, source, depth - 1)
                    }
                    None => unsure(format!(
                        "the client `this.{field}` comes from a getter that does more than return it"
                    )),
                };
            }
            ClassElement::MethodDefinition(m) => {
                for param in &m.value.params.items {
                    let named = param
                        .pattern
                        .get_binding_identifier()
                        .is_some_and(|b| b.name.as_str() == field);
                    if named && (param.accessibility.is_some() || param.readonly) {
                        return unsure(format!(
                            "the client `this.{field}` is passed to the constructor"
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    // A field with an initialiser was traced above: what is left is `this.field = …`.
    if let Some(&(value, at)) = this_field_values(index, scope, field).first() {
        return trace_at(index, at, value, source, depth - 1);
    }
    // `super({ client: new OpenAI({ baseURL: "https://openrouter.ai/api/v1" }) })`: the parent
    // class (out of sight) keeps what it is handed. Only a client that is held back anyway is
    // taken from there; one that would migrate stays unsure, the parent unseen.
    if let Some(handed) = handed_to_super(class, field) {
        let at = index.scope_at(span_of(handed.span()));
        let judged = trace_at(index, at, handed, source, depth - 1);
        if judged.verdict != crate::model::Verdict::Migrate {
            return judged;
        }
    }
    unsure(format!("`this.{field}` is not set in this class"))
}

/// The value a subclass's constructor hands its parent as `field`: `super({ field: value })`.
fn handed_to_super<'a>(class: &'a Class<'a>, field: &str) -> Option<&'a Expression<'a>> {
    class.heritage.as_ref()?;
    let constructor = class.body.body.iter().find_map(|element| match element {
        ClassElement::MethodDefinition(m) if m.kind == MethodDefinitionKind::Constructor => Some(m),
        _ => None,
    })?;
    let body = constructor.value.body.as_ref()?;
    body.statements.iter().find_map(|statement| {
        let Statement::ExpressionStatement(e) = statement else {
            return None;
        };
        let Expression::CallExpression(call) = &e.expression else {
            return None;
        };
        if !matches!(call.callee, Expression::Super(_)) {
            return None;
        }
        let Some(Expression::ObjectExpression(options)) =
            call.arguments.first().and_then(|a| a.as_expression())
        else {
            return None;
        };
        options.properties.iter().find_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p)
                if p.key.static_name().as_deref() == Some(field) =>
            {
                Some(&p.value)
            }
            _ => None,
        })
    })
}

fn trace_factory(
    index: &Index,
    scope: usize,
    function: FunctionRef,
    source: &str,
    depth: usize,
) -> Judged {
    if let Some(e) = function.expression_body() {
        return trace_at(index, scope, e, source, depth - 1);
    }
    let mut returns = Vec::new();
    collect_returns(function.statements(), &mut returns);
    match returns.as_slice() {
        [one] => trace_at(index, scope, one, source, depth - 1),
        _ => unsure("the client's factory builds it in more than one way".into()),
    }
}

/// The `return` values of a body (not of functions nested in it).
pub fn collect_returns<'a>(body: &'a [Statement<'a>], out: &mut Vec<&'a Expression<'a>>) {
    for s in body {
        match s {
            Statement::ReturnStatement(r) => out.extend(r.argument.as_ref()),
            Statement::BlockStatement(b) => collect_returns(&b.body, out),
            Statement::IfStatement(i) => {
                collect_returns(std::slice::from_ref(&i.consequent), out);
                if let Some(a) = &i.alternate {
                    collect_returns(std::slice::from_ref(a), out);
                }
            }
            Statement::TryStatement(t) => {
                collect_returns(&t.block.body, out);
                if let Some(h) = &t.handler {
                    collect_returns(&h.body.body, out);
                }
            }
            _ => {}
        }
    }
}

fn judge_new(index: &Index, scope: usize, new: &NewExpression, source: &str) -> Judged {
    // The module the class comes from, whose specifier may carry the SDK's version.
    let mut module = None;
    let class = match new.callee.without_parentheses() {
        Expression::Identifier(id) => {
            let name = id.name.as_str();
            if let Some(class) = client_class(index, name) {
                module = index.module_of(name).map(|(m, _)| m.to_string());
                Some(class)
            } else if index.class(name).is_some() {
                return Judged::not_openai(format!(
                    "`{name}` is a class of this file, not the openai SDK's client"
                ));
            } else if let Some((module, _)) = index.module_of(name) {
                return Judged::not_openai(format!(
                    "`{name}` comes from {module:?}, not the openai SDK"
                ));
            } else {
                None
            }
        }
        Expression::StaticMemberExpression(m) => match &m.object {
            Expression::Identifier(ns) if is_openai_namespace(index, ns.name.as_str()) => {
                module = index
                    .module_of(ns.name.as_str())
                    .map(|(m, _)| m.to_string());
                match m.property.name.as_str() {
                    "OpenAI" => Some(ClientClass::OpenAi),
                    "AzureOpenAI" => Some(ClientClass::Azure),
                    _ => None,
                }
            }
            // `new sdk.Groq()` with `import * as sdk from "groq-sdk"` (or a `require`): a
            // class of another package.
            Expression::Identifier(ns) => {
                let name = ns.name.as_str();
                let module = match index.module_of(name) {
                    Some((m, _)) => Some(m.to_string()),
                    None => index
                        .required
                        .iter()
                        .find(|(l, _)| l == name)
                        .map(|(_, m)| m.to_string()),
                };
                if let Some(module) = module {
                    return Judged::not_openai(format!(
                        "`{}` comes from {module:?}, not the openai SDK",
                        text(source, &new.callee)
                    ));
                }
                None
            }
            _ => None,
        },
        _ => None,
    };
    let Some(class) = class else {
        return unsure(format!(
            "the client is built by `{}`, which responsify does not know",
            text(source, &new.callee)
        ));
    };
    let mut facts = ClientFacts::new(match class {
        ClientClass::OpenAi => Constructor::OpenAi,
        ClientClass::Azure => Constructor::Azure,
    });
    let options = match new.arguments.first() {
        None => None,
        Some(Argument::ObjectExpression(o)) => Some(&**o),
        Some(other) => {
            facts.hidden_options = Some(text(source, other).to_string());
            None
        }
    };
    for property in options.map(|o| &o.properties[..]).unwrap_or_default() {
        match property {
            ObjectPropertyKind::ObjectProperty(p) => {
                let Some(key) = p.key.static_name() else {
                    continue;
                };
                match key.as_ref() {
                    "baseURL" => facts.base_url = Some(origin(index, scope, &p.value, source)),
                    "apiVersion" => {
                        facts.api_version = Some(origin(index, scope, &p.value, source))
                    }
                    "provider" | "defaultQuery" => facts.redirects.push(key.to_string()),
                    "fetch" => facts.transports.push(key.to_string()),
                    _ => {}
                }
            }
            ObjectPropertyKind::SpreadProperty(spread) => {
                facts.hidden_options = Some(text(source, &spread.argument).to_string());
            }
        }
    }
    if facts.base_url.is_some() {
        // A base URL written after the spread wins over whatever the spread held.
        facts.hidden_options = None;
    }
    Judged {
        sdk_specifier: module,
        ..classify::judge(&facts)
    }
}

/// A string literal (or a template without substitutions), through a `const` of this file.
pub fn string_value(index: &Index, scope: usize, expr: &Expression) -> Option<String> {
    match expr.without_parentheses() {
        Expression::StringLiteral(s) => Some(s.value.as_str().to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()
            .and_then(|q| q.value.cooked.as_ref())
            .map(|c| c.as_str().to_string()),
        Expression::Identifier(id) => {
            let (_, declarator) = index.value_of(scope, id.name.as_str())?;
            string_value(index, scope, declarator.init.as_ref()?)
        }
        _ => None,
    }
}

/// `process.env.X ?? "fallback"` / `process.env.X || "fallback"` / `process.env["X"]`.
fn environment_read<'e>(expr: &'e Expression<'e>) -> Option<(String, Option<&'e Expression<'e>>)> {
    match expr.without_parentheses() {
        Expression::LogicalExpression(l) => {
            let (name, _) = environment_read(&l.left)?;
            Some((name, Some(&l.right)))
        }
        Expression::StaticMemberExpression(m) => {
            is_process_env(&m.object).then(|| (m.property.name.as_str().to_string(), None))
        }
        Expression::ComputedMemberExpression(m) => is_process_env(&m.object).then(|| {
            let name = match &m.expression {
                Expression::StringLiteral(s) => s.value.as_str().to_string(),
                _ => "?".into(),
            };
            (name, None)
        }),
        _ => None,
    }
}

fn is_process_env(e: &Expression) -> bool {
    matches!(e, Expression::StaticMemberExpression(m)
        if m.property.name.as_str() == "env" && m.object.is_specific_id("process"))
}

/// Where an option's value comes from.
fn origin(index: &Index, scope: usize, expr: &Expression, source: &str) -> Origin {
    origin_within(index, scope, expr, source, 8)
}

/// [`origin`], following at most `depth` names and fields (a field set from a name set from
/// the field would go round for ever).
fn origin_within(
    index: &Index,
    scope: usize,
    expr: &Expression,
    source: &str,
    depth: usize,
) -> Origin {
    if let Some(literal) = string_value(index, scope, expr) {
        return Origin::Literal(literal);
    }
    if let Some((var, fallback)) = environment_read(expr) {
        return Origin::Env {
            var,
            fallback: fallback.and_then(|f| string_value(index, scope, f)),
        };
    }
    match expr.without_parentheses() {
        Expression::Identifier(id) if depth > 0 => {
            if let Some(init) = index
                .value_of(scope, id.name.as_str())
                .and_then(|(_, d)| d.init.as_ref())
            {
                return origin_within(index, scope, init, source, depth - 1);
            }
        }
        // `this.basePath = "https://…"` in the constructor, `baseURL: this.basePath`: the
        // field's one value.
        Expression::StaticMemberExpression(m)
            if depth > 0 && matches!(m.object, Expression::ThisExpression(_)) =>
        {
            if let [(value, at)] = this_field_values(index, scope, m.property.name.as_str())[..] {
                return origin_within(index, at, value, source, depth - 1);
            }
        }
        Expression::TemplateLiteral(t) => {
            let mut parts = String::new();
            for (i, quasi) in t.quasis.iter().enumerate() {
                parts.push_str(quasi.value.cooked.as_ref().map_or("", |c| c.as_str()));
                if i < t.expressions.len() {
                    parts.push_str("{}");
                }
            }
            return Origin::Template(parts);
        }
        _ => {}
    }
    Origin::Unknown(text(source, expr).to_string())
}

/// Every value the class around `scope` gives `this.field`: its initialiser and each
/// `this.field = …` in the class, with the scope each is written in.
fn this_field_values<'a>(
    index: &'a Index<'a>,
    scope: usize,
    field: &str,
) -> Vec<(&'a Expression<'a>, usize)> {
    let Some(class) = index.class_of_scope(scope) else {
        return Vec::new();
    };
    let mut values = Vec::new();
    for element in &class.body.body {
        if let ClassElement::PropertyDefinition(p) = element {
            if p.key.static_name().as_deref() == Some(field) {
                if let Some(value) = &p.value {
                    values.push((value, index.scope_at(span_of(p.span))));
                }
            }
        }
    }
    let class_span = span_of(class.span);
    for (assignment, at) in &index.member_assignments {
        if !class_span.contains(span_of(assignment.span)) {
            continue;
        }
        let Some(target) = assignment.left.as_simple_assignment_target() else {
            continue;
        };
        if let Some(MemberExpression::StaticMemberExpression(m)) = target.as_member_expression() {
            if matches!(m.object, Expression::ThisExpression(_))
                && m.property.name.as_str() == field
            {
                values.push((&assignment.right, *at));
            }
        }
    }
    values
}

/// A client parameter of a function only this file can call is judged by what its callers
/// pass: the function is declared here (`function f` or `const f = (..) => ..`), is not
/// exported (an ES module keeps the rest private; `module.exports` and `exports.x` use it
/// as a value), is used only as the function of calls, and every call passes a client that
/// is itself traced. Otherwise the client is untraced.
fn through_callers(index: &Index, scope: usize, param: &str, source: &str, depth: usize) -> Judged {
    let untraced = |why: String| {
        unsure(format!(
            "the client `{param}` is passed in by the caller{why}"
        ))
    };
    let (owner, _) = index.declarations(scope, param);
    let Some(function) = index.scopes[owner].function else {
        return untraced(String::new());
    };
    // The parameter's position, when it is a plain name (not destructured, not after a
    // rest).
    let position = function_params(function).items.iter().position(
        |p| matches!(&p.pattern, BindingPattern::BindingIdentifier(b) if b.name.as_str() == param),
    );
    let (Some(position), Some(name)) = (position, index.name_of(owner)) else {
        return untraced(String::new());
    };
    if index.exports(&name) {
        return untraced(format!(" of `{name}`, which the module exports"));
    }
    let calls: Vec<_> = index
        .calls
        .iter()
        .filter(|(call, _)| call.callee.without_parentheses().is_specific_id(&name))
        .collect();
    if index.mentions(&name) > calls.len() {
        return untraced(format!(" of `{name}`, which is used as a value"));
    }
    if calls.is_empty() {
        return untraced(format!(" of `{name}`, which nothing in this file calls"));
    }
    let mut judged: Vec<Judged> = Vec::new();
    for &&(call, caller) in &calls {
        let spread = call
            .arguments
            .iter()
            .take(position + 1)
            .any(|a| a.is_spread());
        let Some(arg) = call.arguments.get(position).and_then(|a| a.as_expression()) else {
            return untraced(format!(" of `{name}`, and a call passes no client"));
        };
        if spread {
            return untraced(format!(" of `{name}`, and a call spreads its arguments"));
        }
        // A recursive call that passes the parameter on adds nothing.
        if arg.without_parentheses().is_specific_id(param)
            && index.declarations(caller, param).0 == owner
        {
            continue;
        }
        let traced = trace_at(index, caller, arg, source, depth - 1);
        if traced.untraced.is_some() {
            return untraced(format!(
                " of `{name}`, and a call passes `{}`, which responsify cannot trace",
                text(source, arg)
            ));
        }
        judged.push(traced);
    }
    // A client held back anywhere holds the function back; otherwise any caveat makes the
    // fix unsafe.
    let held = judged
        .iter()
        .find(|j| j.verdict != crate::model::Verdict::Migrate);
    let caveat = judged.iter().find(|j| j.caveat.is_some());
    match held.or(caveat).or(judged.first()) {
        Some(j) => j.clone(),
        None => untraced(format!(" of `{name}`, which only calls itself")),
    }
}

fn function_params<'a>(function: FunctionRef<'a>) -> &'a FormalParameters<'a> {
    match function {
        FunctionRef::Function(f) => &f.params,
        FunctionRef::Arrow(a) => &a.params,
    }
}
