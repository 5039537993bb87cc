//! Python expressions as model values, and a call's parameters as a request body.

use super::scope::{flatten, Index};
use crate::model::{Container, ContainerKind, Entry, Kind, Span, Value};
use ruff_python_ast::visitor;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub fn span(range: TextRange) -> Span {
    Span::new(range.start().to_usize(), range.end().to_usize())
}

/// A literal as a value; anything else is opaque (copied as written).
pub fn lift(expr: &Expr) -> Value {
    let kind = match expr {
        Expr::StringLiteral(s) => Kind::Str(s.value.to_str().to_string()),
        Expr::NumberLiteral(_) => Kind::Num(String::new()),
        Expr::BooleanLiteral(b) => Kind::Bool(b.value),
        Expr::NoneLiteral(_) => Kind::Null,
        Expr::List(l) => Kind::List(l.elts.iter().map(lift).collect()),
        Expr::Tuple(t) => Kind::List(t.elts.iter().map(lift).collect()),
        Expr::Dict(d)
            if d.items
                .iter()
                .all(|i| matches!(i.key, Some(Expr::StringLiteral(_)))) =>
        {
            Kind::Map(d.items.iter().map(entry).collect())
        }
        _ => Kind::Opaque,
    };
    let mut value = Value {
        kind,
        span: Some(span(expr.range())),
    };
    if let (Kind::Num(n), Expr::NumberLiteral(lit)) = (&mut value.kind, expr) {
        *n = number_text(&lit.value);
    }
    value
}

fn number_text(n: &ast::Number) -> String {
    match n {
        ast::Number::Int(i) => i.to_string(),
        ast::Number::Float(f) => f.to_string(),
        ast::Number::Complex { .. } => String::new(),
    }
}

fn entry(item: &ast::DictItem) -> Entry {
    let key = item
        .key
        .as_ref()
        .expect("checked: every key is a string literal");
    let Expr::StringLiteral(s) = key else {
        unreachable!("checked: every key is a string literal")
    };
    Entry {
        key: s.value.to_str().to_string(),
        key_span: Some(span(key.range())),
        value: lift(&item.value),
        span: Some(Span::new(
            key.start().to_usize(),
            item.value.end().to_usize(),
        )),
    }
}

/// A container for a dict literal's items.
pub(super) fn dict_container(dict: &ast::ExprDict) -> Container {
    Container {
        span: span(dict.range),
        members: dict
            .items
            .iter()
            .map(|i| {
                let start = i.key.as_ref().map_or(i.value.start(), |k| k.start());
                // `**spread` items start at their `**`, two bytes before the value.
                let start = if i.key.is_none() {
                    start - ruff_text_size::TextSize::from(2)
                } else {
                    start
                };
                Span::new(start.to_usize(), i.value.end().to_usize())
            })
            .collect(),
        kind: ContainerKind::Map,
    }
}

pub(super) fn list_container(list: &ast::ExprList) -> Container {
    Container {
        span: span(list.range),
        members: list.elts.iter().map(|e| span(e.range())).collect(),
        kind: ContainerKind::List,
    }
}

/// What a call's parameters turned out to be.
pub struct Body {
    pub value: Value,
    pub containers: Vec<Container>,
    /// Where the keys come from what responsify cannot see.
    pub hidden: Vec<String>,
    /// Values that come from outside but whose keys are all visible (messages passed in).
    pub unseen: Vec<String>,
    /// Values followed to their assignment (for grouping units that share them).
    pub shared: Vec<Span>,
    /// The module-level names among them, which other modules could import.
    pub module_names: Vec<String>,
    /// `**NAME` arguments whose name is no dict of this file (perhaps one another module
    /// exports, see `engine::imported_values`), among `hidden` as `` `**NAME` ``.
    pub splats: Vec<String>,
    /// The string a `model=NAME` argument's name is assigned, when it is one literal.
    pub model: Option<String>,
    /// When `model=` passes a parameter of the enclosing function: the literals it may hold
    /// (its default, and what the file's calls of the function pass).
    pub model_candidates: Vec<String>,
}

impl Body {
    /// The body of a request whose body is not a dict in view: no keys known.
    pub fn out_of_sight() -> Body {
        Body {
            value: Value {
                kind: Kind::Map(Vec::new()),
                span: None,
            },
            containers: Vec::new(),
            hidden: vec!["a body that is not a dict in view".to_string()],
            unseen: Vec::new(),
            shared: Vec::new(),
            module_names: Vec::new(),
            splats: Vec::new(),
            model: None,
            model_candidates: Vec::new(),
        }
    }
}

/// Collect a call's keyword arguments, dicts splatted into it, and the literals that names
/// passed as arguments were assigned in this scope.
pub fn body(index: &Index, scope: usize, call: &ast::ExprCall, source: &str) -> Body {
    let mut entries = Vec::new();
    let mut containers = vec![Container {
        span: span(call.arguments.range),
        members: call
            .arguments
            .iter_source_order()
            .map(|a| span(a.range()))
            .collect(),
        kind: ContainerKind::Arguments,
    }];
    let mut hidden = Vec::new();
    let mut unseen = Vec::new();
    let mut shared = Vec::new();
    let mut module_names = Vec::new();
    let mut splats = Vec::new();
    if !call.arguments.args.is_empty() {
        hidden.push("positional arguments".to_string());
    }
    for keyword in call.arguments.keywords.iter() {
        match &keyword.arg {
            Some(name) => entries.push(Entry {
                key: name.id.to_string(),
                key_span: Some(span(name.range)),
                value: lift(&keyword.value),
                span: Some(span(keyword.range)),
            }),
            None => match splatted_dict(index, scope, &keyword.value) {
                Some((dict, at, built_in)) => {
                    shared.push(at);
                    module_names.extend(splatted_name(index, scope, &keyword.value));
                    containers.push(dict_container(dict));
                    for item in &dict.items {
                        match &item.key {
                            Some(Expr::StringLiteral(_)) => entries.push(entry(item)),
                            _ => hidden
                                .push(format!("`**` inside `{}`", &source[keyword.value.range()])),
                        }
                    }
                    if let Some((body, name)) = built_in {
                        entries.extend(subscript_entries(body, name));
                    }
                }
                None => {
                    if let Expr::Name(n) = &keyword.value {
                        splats.push(n.id.to_string());
                    }
                    hidden.push(format!("`**{}`", &source[keyword.value.range()]))
                }
            },
        }
    }
    let model_expr = entries
        .iter()
        .find(|e| e.key == "model")
        .and_then(|e| e.value.span)
        .and_then(|at| find_keyword_value(call, at));
    let model = model_expr.and_then(|expr| model_literal(index, scope, expr));
    let model_candidates = model_expr
        .map(|expr| model_arguments(index, scope, expr))
        .unwrap_or_default();
    follow_names(
        index,
        scope,
        &mut entries,
        |at| find_keyword_value(call, at),
        &mut containers,
        &mut shared,
        &mut unseen,
        &mut module_names,
        source,
    );
    Body {
        value: Value {
            kind: Kind::Map(entries),
            span: Some(span(call.arguments.range)),
        },
        containers,
        hidden,
        unseen,
        shared,
        module_names,
        splats,
        model,
        model_candidates,
    }
}

/// The string literals a parameter passed as `model=` may hold: its default, and what each
/// call of the function in this file passes for it (by keyword or by position).
fn model_arguments(index: &Index, scope: usize, expr: &Expr) -> Vec<String> {
    let Expr::Name(name) = expr else {
        return Vec::new();
    };
    let Some(passed) = arguments_for(index, scope, name.id.as_str()) else {
        return Vec::new();
    };
    let literal = |e: &Expr| match e {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        _ => None,
    };
    let mut found: Vec<String> = passed
        .defaults
        .iter()
        .chain(passed.by_calls.iter().map(|(_, e)| e))
        .chain(&passed.handed_on)
        .filter_map(|e| literal(e))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// What the file may pass for a function's parameter: see [`arguments_for`].
pub struct Passed<'a> {
    /// The parameter's default.
    pub defaults: Vec<&'a Expr>,
    /// What each call of the function passes (by keyword or position), with the scope of
    /// the call.
    pub by_calls: Vec<(usize, &'a Expr)>,
    /// Calls of the function that pass nothing for it (the default is used).
    pub without: usize,
    /// Keyword arguments for it given where the function is handed on
    /// (`executor.submit(fn, ..., model="o1")`, `functools.partial(fn, model=...)`).
    pub handed_on: Vec<&'a Expr>,
    /// Calls that hand the function on: their positional arguments are not mapped.
    pub handings: usize,
}

/// When `name` is a parameter of the function enclosing `scope`: its default and what this
/// file's calls of the function pass for it. Calls from other files are not seen.
pub fn arguments_for<'a>(index: &Index<'a>, scope: usize, name: &str) -> Option<Passed<'a>> {
    if !index.is_parameter(scope, name) {
        return None;
    }
    // The function whose parameter it is.
    let mut at = Some(scope);
    let function = loop {
        let s = &index.scopes[at?];
        if s.params.iter().any(|p| p == name) {
            break (s.function?, s.class.is_some());
        }
        at = s.parent;
    };
    let (def, method) = function;
    let positional: Vec<&ast::ParameterWithDefault> = def
        .parameters
        .posonlyargs
        .iter()
        .chain(&def.parameters.args)
        .collect();
    let position = positional
        .iter()
        .position(|p| p.parameter.name.id.as_str() == name)
        .map(|i| if method { i.saturating_sub(1) } else { i });
    let mut passed = Passed {
        defaults: Vec::new(),
        by_calls: Vec::new(),
        without: 0,
        handed_on: Vec::new(),
        handings: 0,
    };
    for p in positional
        .iter()
        .chain(def.parameters.kwonlyargs.iter().collect::<Vec<_>>().iter())
    {
        if p.parameter.name.id.as_str() == name {
            passed.defaults.extend(p.default.as_deref());
        }
    }
    /// Calls of the function, and calls that hand it on with arguments for it.
    struct CallsOf<'a, 'n> {
        name: &'n str,
        calls: Vec<&'a ast::ExprCall>,
        handing_on: Vec<&'a ast::ExprCall>,
    }
    impl<'a> visitor::Visitor<'a> for CallsOf<'a, '_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                let named = match &*call.func {
                    Expr::Name(n) => n.id.as_str() == self.name,
                    Expr::Attribute(a) => a.attr.id.as_str() == self.name,
                    _ => false,
                };
                if named {
                    self.calls.push(call);
                } else if call
                    .arguments
                    .args
                    .iter()
                    .any(|a| matches!(a, Expr::Name(n) if n.id.as_str() == self.name))
                {
                    self.handing_on.push(call);
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    for (call_scope, e) in super::scope::scope_exprs(index) {
        let mut calls = CallsOf {
            name: def.name.id.as_str(),
            calls: Vec::new(),
            handing_on: Vec::new(),
        };
        visitor::Visitor::visit_expr(&mut calls, e);
        for call in calls.calls {
            let by_keyword = call
                .arguments
                .keywords
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
                .map(|k| &k.value);
            let by_position = position.and_then(|i| call.arguments.args.get(i));
            match by_keyword.or(by_position) {
                Some(arg) => passed.by_calls.push((call_scope, arg)),
                None => passed.without += 1,
            }
        }
        for call in calls.handing_on {
            passed.handings += 1;
            passed.handed_on.extend(
                call.arguments
                    .keywords
                    .iter()
                    .filter(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
                    .map(|k| &k.value),
            );
        }
    }
    Some(passed)
}

/// `MODEL` assigned one string literal in scope (`MODEL = "o4-mini"`): the model name, for
/// what rules may know about the model. The request keeps sending the variable.
fn model_literal(index: &Index, scope: usize, expr: &Expr) -> Option<String> {
    let Expr::Name(name) = expr else { return None };
    let (_, values) = index.assignments(scope, name.id.as_str());
    match values.as_slice() {
        [Expr::StringLiteral(s)] => Some(s.value.to_str().to_string()),
        _ => None,
    }
}

/// Follow names to the literal they were assigned, so `tools=TOOLS` migrates the list;
/// `expr_at` finds the expression written at an entry's value span.
#[allow(clippy::too_many_arguments)]
fn follow_names<'x>(
    index: &Index,
    scope: usize,
    entries: &mut [Entry],
    expr_at: impl Fn(Span) -> Option<&'x Expr>,
    containers: &mut Vec<Container>,
    shared: &mut Vec<Span>,
    unseen: &mut Vec<String>,
    module_names: &mut Vec<String>,
    source: &str,
) {
    // A list written in the call: its items must be in view too.
    for e in entries.iter_mut().filter(|e| e.key == "messages") {
        if let (Kind::List(_), Some(at)) = (&e.value.kind, e.value.span) {
            if let Some(Expr::List(list)) = expr_at(at) {
                unseen.extend(foreign_items(
                    index,
                    scope,
                    list,
                    &mut e.value,
                    shared,
                    source,
                ));
            }
        }
    }
    for e in entries.iter_mut() {
        let Kind::Opaque = e.value.kind else { continue };
        let Some(expr_span) = e.value.span else {
            continue;
        };
        let Some(Expr::Name(name)) = expr_at(expr_span) else {
            continue;
        };
        let (found_in, values) = index.assignments(scope, name.id.as_str());
        let [value] = values.as_slice() else {
            if e.key == "messages"
                && values.is_empty()
                && index.is_parameter(scope, name.id.as_str())
            {
                unseen.push(format!(
                    "the messages in `{}` come from the caller",
                    name.id
                ));
            }
            continue;
        };
        if found_in == 0 && matches!(value, Expr::List(_) | Expr::Dict(_)) {
            module_names.push(name.id.to_string());
        }
        match value {
            Expr::List(list) => {
                shared.push(span(list.range));
                containers.push(list_container(list));
                let mut lifted = lift(value);
                if e.key == "messages" {
                    unseen.extend(foreign_items(
                        index,
                        found_in,
                        list,
                        &mut lifted,
                        shared,
                        source,
                    ));
                }
                if e.key == "messages" || e.key == "input" {
                    let body = index.scopes[found_in].body;
                    if let Kind::List(items) = &mut lifted.kind {
                        let added = appended(index, found_in, body, name.id.as_str());
                        // A dict appended by name may be appended to other lists too.
                        shared.extend(added.iter().filter_map(|v| v.span));
                        items.extend(added);
                    }
                    unseen.extend(spliced(index, found_in, name.id.as_str(), source));
                }
                e.value = lifted;
            }
            Expr::Dict(_) => {
                shared.push(span(value.range()));
                e.value = lift(value);
            }
            _ => {}
        }
    }
    if let Some(e) = entries.iter().find(|e| e.key == "messages") {
        if matches!(e.value.kind, Kind::Opaque) && !unseen.iter().any(|u| u.contains("messages")) {
            let at = e.value.span.map_or("", |s| &source[s.start..s.end]);
            unseen.push(format!(
                "the messages come from `{at}`, which responsify cannot see into"
            ));
        }
    }
}

/// A raw HTTP request's JSON body (`json=BODY`): a dict literal, a name assigned one in
/// this scope, or a dict a function of this file builds. `None` when it is none of these.
pub fn json_body<'e>(
    index: &Index<'e>,
    scope: usize,
    expr: &'e Expr,
    source: &str,
) -> Option<Body> {
    let (dict, at, built_in) = splatted_dict(index, scope, expr)?;
    let mut entries = Vec::new();
    let mut hidden = Vec::new();
    let mut unseen = Vec::new();
    let mut shared = vec![at];
    let mut module_names = splatted_name(index, scope, expr)
        .into_iter()
        .collect::<Vec<_>>();
    let mut containers = vec![dict_container(dict)];
    for item in &dict.items {
        match &item.key {
            Some(Expr::StringLiteral(_)) => entries.push(entry(item)),
            _ => hidden.push(format!("`**` inside `{}`", &source[dict.range()])),
        }
    }
    if let Some((body, name)) = built_in {
        entries.extend(subscript_entries(body, name));
    }
    follow_names(
        index,
        scope,
        &mut entries,
        |at| {
            dict.items
                .iter()
                .map(|i| &i.value)
                .find(|v| span(v.range()) == at)
        },
        &mut containers,
        &mut shared,
        &mut unseen,
        &mut module_names,
        source,
    );
    Some(Body {
        value: Value {
            kind: Kind::Map(entries),
            span: Some(span(dict.range)),
        },
        containers,
        hidden,
        unseen,
        shared,
        module_names,
        splats: Vec::new(),
        model: None,
        model_candidates: Vec::new(),
    })
}

/// The module-level name a splatted or posted dict was followed through (`**PARAMS`).
fn splatted_name(index: &Index, scope: usize, expr: &Expr) -> Option<String> {
    let Expr::Name(n) = expr else { return None };
    let (found_in, values) = index.assignments(scope, n.id.as_str());
    (found_in == 0 && matches!(values.as_slice(), [Expr::Dict(_)])).then(|| n.id.to_string())
}

fn find_keyword_value(call: &ast::ExprCall, at: Span) -> Option<&Expr> {
    call.arguments
        .keywords
        .iter()
        .map(|k| &k.value)
        .find(|v| span(v.range()) == at)
}

/// `**params` where `params` is a dict literal assigned once in this scope, or returned by a
/// function of this file that builds it. Also says where keys may be added by subscript.
#[allow(clippy::type_complexity)]
fn splatted_dict<'a>(
    index: &Index<'a>,
    scope: usize,
    expr: &'a Expr,
) -> Option<(&'a ast::ExprDict, Span, Option<(&'a [Stmt], &'a str)>)> {
    match expr {
        Expr::Dict(d) => Some((d, span(d.range), None)),
        Expr::Name(n) => {
            let (found_in, values) = index.assignments(scope, n.id.as_str());
            match values.as_slice() {
                [Expr::Dict(d)] => Some((
                    d,
                    span(d.range),
                    Some((index.scopes[found_in].body, n.id.as_str())),
                )),
                [Expr::Call(call)] => built_by(index, call),
                _ => None,
            }
        }
        Expr::Call(call) => built_by(index, call),
        _ => None,
    }
}

/// `build_params(...)`: a function of this file whose every return is one dict variable.
#[allow(clippy::type_complexity)]
fn built_by<'a>(
    index: &Index<'a>,
    call: &'a ast::ExprCall,
) -> Option<(&'a ast::ExprDict, Span, Option<(&'a [Stmt], &'a str)>)> {
    let Expr::Name(f) = &*call.func else {
        return None;
    };
    let function = index.function(f.id.as_str())?;
    let returns = super::scope::returns(function);
    match returns.as_slice() {
        [Expr::Dict(d)] => Some((d, span(d.range), None)),
        [Expr::Name(n)] => match super::scope::assignments_in(&function.body, n.id.as_str())
            .as_slice()
        {
            [Expr::Dict(d)] => Some((d, span(d.range), Some((&function.body[..], n.id.as_str())))),
            _ => None,
        },
        _ => None,
    }
}

/// `params["key"] = value` statements: keys set after the dict was built.
fn subscript_entries(body: &[Stmt], name: &str) -> Vec<Entry> {
    flatten(body)
        .into_iter()
        .filter_map(|stmt| {
            let Stmt::Assign(a) = stmt else { return None };
            let [Expr::Subscript(target)] = a.targets.as_slice() else {
                return None;
            };
            let (Expr::Name(n), Expr::StringLiteral(key)) = (&*target.value, &*target.slice) else {
                return None;
            };
            (n.id.as_str() == name).then(|| Entry {
                key: key.value.to_str().to_string(),
                key_span: Some(span(key.range)),
                value: lift(&a.value),
                span: None,
            })
        })
        .collect()
}

/// Dicts appended to a list: `name.append({...})`, `name.extend([...])`, `name += [...]`,
/// `name.insert(i, {...})`; a name assigned one dict literal in scope stands for that dict.
fn appended(index: &Index, scope: usize, body: &[Stmt], name: &str) -> Vec<Value> {
    let dict = |e: &Expr| -> Option<Value> {
        match e {
            Expr::Dict(_) => Some(lift(e)),
            Expr::Name(n) => match index.assignments(scope, n.id.as_str()).1.as_slice() {
                [d @ Expr::Dict(_)] => Some(lift(d)),
                _ => None,
            },
            _ => None,
        }
    };
    let mut out = Vec::new();
    for stmt in flatten(body) {
        match stmt {
            Stmt::Expr(e) => {
                let Expr::Call(call) = &*e.value else {
                    continue;
                };
                let Expr::Attribute(attr) = &*call.func else {
                    continue;
                };
                let on_list = matches!(&*attr.value, Expr::Name(n) if n.id.as_str() == name);
                if !on_list {
                    continue;
                }
                match (attr.attr.id.as_str(), &call.arguments.args[..]) {
                    ("append", [arg]) | ("insert", [_, arg]) => out.extend(dict(arg)),
                    ("extend", [Expr::List(list)]) => out.extend(list.elts.iter().filter_map(dict)),
                    _ => {}
                }
            }
            Stmt::AugAssign(a) => {
                if matches!(&*a.target, Expr::Name(n) if n.id.as_str() == name) {
                    if let Expr::List(list) = &*a.value {
                        out.extend(list.elts.iter().filter_map(dict));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The items of a message list literal that responsify cannot see: `*history` spliced in, a
/// name or call whose message comes from elsewhere. A name assigned one dict literal in scope
/// is that dict (lifted in its place, so the rules see and fix it where it is written). Each
/// item out of sight is named with its line: it may be Chat-shaped (an assistant message with
/// `tool_calls`, a `tool` message), which the Responses API rejects.
fn foreign_items(
    index: &Index,
    scope: usize,
    list: &ast::ExprList,
    lifted: &mut Value,
    shared: &mut Vec<Span>,
    source: &str,
) -> Vec<String> {
    let mut unseen = Vec::new();
    let Kind::List(items) = &mut lifted.kind else {
        return unseen;
    };
    for (elt, item) in list.elts.iter().zip(items.iter_mut()) {
        if !matches!(item.kind, Kind::Opaque) {
            continue;
        }
        if let Expr::Name(n) = elt {
            if let [dict @ Expr::Dict(_)] = index.assignments(scope, n.id.as_str()).1.as_slice() {
                shared.push(span(dict.range()));
                *item = lift(dict);
                continue;
            }
        }
        unseen.push(foreign_message(
            &source[elt.range()],
            elt.start().to_usize(),
            source,
        ));
    }
    unseen
}

fn foreign_message(what: &str, at: usize, source: &str) -> String {
    format!(
        "`{what}` at line {} puts messages responsify cannot see into the list (Chat-shaped ones, such as `tool_calls` or `tool` messages, are rejected by the Responses API)",
        crate::edit::line_col(source, at).0
    )
}

/// Statements that grow a message list with values responsify cannot see:
/// `name.extend(history)`, `name += history`, `name.insert(0, x)`, `name.append(m)` of a
/// loop variable or a call's result. Dict literals (and names assigned one), and the reply
/// (a chain through `choices` / `.message`, which `reply-append` rewrites), are in view.
fn spliced(index: &Index, found_in: usize, name: &str, source: &str) -> Vec<String> {
    // The scope that binds the list, and every function inside it that uses the same list.
    (0..index.scopes.len())
        .filter(|&id| index.assignments(id, name).0 == found_in)
        .flat_map(|id| spliced_in(index, id, index.scopes[id].body, name, source))
        .collect()
}

fn spliced_in(index: &Index, scope: usize, body: &[Stmt], name: &str, source: &str) -> Vec<String> {
    let in_view = |e: &Expr| match e {
        Expr::Dict(_) => true,
        Expr::Name(n) => match index.assignments(scope, n.id.as_str()).1.as_slice() {
            [Expr::Dict(_)] => true,
            [value] => reply_like(value),
            _ => false,
        },
        other => reply_like(other),
    };
    let list_in_view = |e: &Expr| match e {
        Expr::List(l) => l.elts.iter().all(in_view),
        _ => false,
    };
    let mut out = Vec::new();
    for stmt in flatten(body) {
        let (grows, at) = match stmt {
            Stmt::Expr(e) => {
                let Expr::Call(call) = &*e.value else {
                    continue;
                };
                let Expr::Attribute(attr) = &*call.func else {
                    continue;
                };
                if !matches!(&*attr.value, Expr::Name(n) if n.id.as_str() == name) {
                    continue;
                }
                let args = &call.arguments.args;
                let seen = match (attr.attr.id.as_str(), &args[..]) {
                    ("append", [arg]) => in_view(arg),
                    ("extend", [arg]) => list_in_view(arg),
                    ("insert", [_, arg]) => in_view(arg),
                    ("append" | "extend" | "insert", _) => false,
                    _ => continue,
                };
                (!seen, call.range())
            }
            Stmt::AugAssign(a) if a.op == ast::Operator::Add => {
                if !matches!(&*a.target, Expr::Name(n) if n.id.as_str() == name) {
                    continue;
                }
                (!list_in_view(&a.value), a.range)
            }
            _ => continue,
        };
        if grows {
            out.push(foreign_message(&source[at], at.start().to_usize(), source));
        }
    }
    out
}

/// The reply of a chat call, as code writes it: a chain through `choices` or ending on
/// `.message` (`resp.choices[0].message`, `choice.message`, raw JSON's
/// `reply["choices"][0]["message"]`).
fn reply_like(expr: &Expr) -> bool {
    let mut at = expr;
    let mut last = true;
    loop {
        let step = match at {
            Expr::Attribute(a) => Some(a.attr.id.as_str()),
            Expr::Subscript(s) => match &*s.slice {
                Expr::StringLiteral(k) => Some(k.value.to_str()),
                _ => None,
            },
            _ => None,
        };
        if step == Some("choices") || (last && step == Some("message")) {
            return true;
        }
        match at {
            Expr::Attribute(a) => at = &a.value,
            Expr::Subscript(s) => at = &s.value,
            _ => return false,
        }
        last = false;
    }
}

/// Where a message list that receives the reply (`name.append(resp.choices[0].message)`,
/// which becomes `name.extend(resp.output)`) is read by anything else than a request that
/// sends it (`messages=name`, `input=name`) and the calls that grow it (`append`, `extend`,
/// `insert`, `clear`): one line each. Those readers would see output items instead of chat
/// messages (a reasoning item has no `role`, a message's `content` is a list of parts).
pub fn list_readers(index: &Index, scope: usize, name: &str, source: &str) -> Vec<String> {
    let (found_in, _) = index.assignments(scope, name);
    struct Readers<'s> {
        name: &'s str,
        allowed: std::collections::HashSet<Span>,
        found: Vec<(Span, Span)>,
        /// The expression around the name, for the message.
        around: Vec<Span>,
    }
    impl<'a> visitor::Visitor<'a> for Readers<'_> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                if let Expr::Attribute(a) = &*call.func {
                    if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == self.name)
                        && matches!(a.attr.id.as_str(), "append" | "extend" | "insert" | "clear")
                    {
                        self.allowed.insert(span(a.value.range()));
                    }
                }
                let request = {
                    let mut path = Vec::new();
                    let mut at = &*call.func;
                    while let Expr::Attribute(a) = at {
                        path.push(a.attr.id.as_str());
                        at = &a.value;
                    }
                    matches!(
                        path.as_slice(),
                        [
                            "create" | "parse" | "stream",
                            "completions" | "responses",
                            ..
                        ]
                    )
                };
                if request {
                    for k in &call.arguments.keywords {
                        let key = k.arg.as_ref().map(|a| a.id.as_str());
                        if matches!(key, Some("messages" | "input"))
                            && matches!(&k.value, Expr::Name(n) if n.id.as_str() == self.name)
                        {
                            self.allowed.insert(span(k.value.range()));
                        }
                    }
                }
            }
            if let Expr::Name(n) = expr {
                if n.id.as_str() == self.name && !self.allowed.contains(&span(n.range)) {
                    let around = self.around.last().copied().unwrap_or(span(n.range));
                    self.found.push((span(n.range), around));
                }
            }
            self.around.push(span(expr.range()));
            visitor::walk_expr(self, expr);
            self.around.pop();
        }
    }
    let mut readers = Readers {
        name,
        allowed: Default::default(),
        found: Vec::new(),
        around: Vec::new(),
    };
    for (at, expr) in super::scope::scope_exprs(index) {
        if index.assignments(at, name).0 != found_in {
            continue;
        }
        readers.around.clear();
        visitor::Visitor::visit_expr(&mut readers, expr);
    }
    readers.found.sort_by_key(|(at, _)| at.start);
    readers
        .found
        .iter()
        .map(|(at, around)| {
            format!(
                "`{}` at line {} reads `{name}`, which gets the reply's output items instead of a chat message (a reasoning item has no `role`, a message's `content` is a list of parts)",
                &source[around.start..around.end],
                crate::edit::line_col(source, at.start).0
            )
        })
        .collect()
}

/// A plain Python identifier.
pub fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
