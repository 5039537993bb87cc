//! A Batch pipeline written in one Python file: the dicts it writes as input lines
//! (`{"custom_id": ..., "method": "POST", "url": "/v1/chat/completions", "body": {...}}`), the
//! `batches.create(endpoint="/v1/chat/completions")` they are sent with, and the code that reads
//! the output file (`json.loads(line)["response"]["body"]["choices"][0]...`).
//!
//! The Batch API takes one endpoint for every line of a batch, so the three move together or
//! not at all: each line is a unit whose fix also rewrites the batch's `endpoint`, and the
//! output readers' reads are part of it. A piece that is not in this file (the batch created
//! elsewhere, its output read elsewhere) keeps the fix display-only.

use super::reads::{self, Shape, Statements};
use super::scope::{scope_exprs, Index};
use super::values::{self, span};
use crate::model::{Kind, Site, Span, Unit, Verdict};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;
use std::cell::OnceCell;

/// An input line built in code: the dict, its `url` literal and its `body`.
pub struct Line<'a> {
    pub scope: usize,
    pub dict: &'a ast::ExprDict,
    url: &'a ast::ExprStringLiteral,
    body: &'a Expr,
}

/// The `batches.create(...)` of the file: its call, the client it is made on, and the
/// `endpoint` literal.
pub struct Creation<'a> {
    pub scope: usize,
    pub receiver: &'a Expr,
    /// `batches.create`, as written.
    pub path: Span,
    pub endpoint: Option<&'a ast::ExprStringLiteral>,
}

fn value_of<'a>(dict: &'a ast::ExprDict, key: &str) -> Option<&'a Expr> {
    dict.items.iter().find_map(|item| match &item.key {
        Some(Expr::StringLiteral(k)) if k.value.to_str() == key => Some(&item.value),
        _ => None,
    })
}

/// Dict literals shaped as Batch input lines for the Chat Completions endpoint.
pub fn lines<'a>(index: &Index<'a>) -> Vec<Line<'a>> {
    #[derive(Default)]
    struct Dicts<'a>(Vec<&'a ast::ExprDict>);
    impl<'a> Visitor<'a> for Dicts<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Dict(d) = expr {
                self.0.push(d);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut found = Vec::new();
    for (scope, expr) in scope_exprs(index) {
        let mut dicts = Dicts::default();
        dicts.visit_expr(expr);
        for dict in dicts.0 {
            let (Some(Expr::StringLiteral(url)), Some(body)) =
                (value_of(dict, "url"), value_of(dict, "body"))
            else {
                continue;
            };
            let path = url.value.to_str();
            if path.trim_end_matches('/') == "/v1/chat/completions" {
                found.push(Line {
                    scope,
                    dict,
                    url,
                    body,
                });
            }
        }
    }
    found
}

/// `X.batches.create(..., endpoint="/v1/chat/completions")`.
pub fn creation<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a ast::ExprCall,
) -> Option<Creation<'a>> {
    let Expr::Attribute(create) = &*call.func else {
        return None;
    };
    let Expr::Attribute(batches) = &*create.value else {
        return None;
    };
    if create.attr.id.as_str() != "create" || batches.attr.id.as_str() != "batches" {
        return None;
    }
    let endpoint = super::classify::keyword(call, "endpoint")?;
    let named = super::classify::string_value(index, scope, endpoint)?;
    if named.trim_end_matches('/') != "/v1/chat/completions" {
        return None;
    }
    Some(Creation {
        scope,
        path: Span::new(
            batches.attr.range.start().to_usize(),
            create.attr.range.end().to_usize(),
        ),
        receiver: &batches.value,
        endpoint: match endpoint {
            Expr::StringLiteral(s) => Some(s),
            _ => None,
        },
    })
}

/// `json.loads(...)` calls whose result is read as a Batch output line through
/// `["response"]["body"]`: the reads of each, and what leaves sight.
pub fn output_reads<'a>(
    index: &Index<'a>,
    statements: &[OnceCell<Statements<'a>>],
    text: &str,
) -> Option<reads::Uses> {
    // Cheap look first: most files that write lines do not read output the same way.
    if !text.contains("\"body\"]") && !text.contains("'body']") {
        return None;
    }
    #[derive(Default)]
    struct Loads<'a>(Vec<&'a ast::ExprCall>);
    impl<'a> Visitor<'a> for Loads<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                if matches!(&*call.func, Expr::Attribute(a) if a.attr.id.as_str() == "loads"
                    && matches!(&*a.value, Expr::Name(m) if m.id.as_str() == "json"))
                {
                    self.0.push(call);
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut all = reads::Uses::default();
    let mut any = false;
    for (scope, expr) in scope_exprs(index) {
        let mut loads = Loads::default();
        loads.visit_expr(expr);
        for call in loads.0 {
            let own = statements[scope].get_or_init(|| Statements::new(index.scopes[scope].body));
            let uses = reads::analyze(own, span(call.range()), Shape::BatchOutput, text);
            // A reader of a Chat Completions batch reads its `choices` (the prefilter's
            // trigger too): a line read for `output` is a Responses batch's already.
            if !uses
                .reads
                .iter()
                .any(|r| text[r.span.start..r.span.end].contains("choices"))
            {
                continue;
            }
            any = true;
            all.reads.extend(uses.reads);
            all.unseen.extend(uses.unseen);
            if uses.returned.is_some() {
                all.unseen.push(
                    "a Batch output line is returned to callers, which are not followed".into(),
                );
            }
        }
    }
    any.then_some(all)
}

/// One input line as a unit: its body, its `url` and the batch's `endpoint` switched
/// together, the output reads joined to it.
pub fn unit(
    index: &Index,
    line: &Line,
    creation: Option<&Creation>,
    creations: usize,
    first: bool,
    output: Option<&reads::Uses>,
    text: &str,
) -> (Unit, Vec<Span>) {
    let body = values::json_body(index, line.scope, line.body, text);
    // The first line of the group carries the batch's endpoint and its output reads.
    let endpoint = creation
        .filter(|_| first)
        .and_then(|c| c.endpoint)
        .and_then(|e| super::raw::chat_path(span(e.range), text));
    let (mut unit, shared) = super::raw::body_unit(
        index,
        line.scope,
        body.unwrap_or_else(values::Body::out_of_sight),
        Site::Http {
            url: super::raw::chat_path(span(line.url.range), text),
            endpoint,
        },
        span(line.dict.range),
        Verdict::Migrate,
    );
    // Out of sight unless the run finds the batch these lines go to, with its readers (see
    // `project::Project::batch_pipeline`).
    let mut elsewhere = Vec::new();
    match creation {
        None => elsewhere.push(
            "the batch these lines go to is created elsewhere: its `endpoint` must change with them"
                .into(),
        ),
        Some(c) => {
            super::classify::trace(index, c.scope, c.receiver, text).apply_to(&mut unit);
            if creations > 1 {
                unit.unfixable
                    .push("the file creates more than one batch for `/v1/chat/completions`".into());
            } else if first && endpoint.is_none() {
                unit.unfixable.push(
                    "the batch's `endpoint` is not a literal responsify can rewrite".into(),
                );
            }
        }
    }
    match output {
        Some(uses) => {
            unit.reads.extend(uses.reads.iter().cloned());
            unit.unseen.extend(uses.unseen.iter().cloned());
        }
        None if !first => {}
        None => {
            let why = "no reader of the batch's output (`json.loads(line)[\"response\"][\"body\"]…`) was found in this file: where it is read, `choices` becomes `output`";
            if creation.is_some() {
                unit.batch = Some(crate::model::BatchRole::Readers {
                    unseen: vec![why.into()],
                });
            } else {
                elsewhere.push(why.into())
            }
        }
    }
    if !elsewhere.is_empty() {
        unit.batch = Some(crate::model::BatchRole::Line { unseen: elsewhere });
    }
    if matches!(
        unit.request.body.get("stream").map(|v| &v.kind),
        Some(Kind::Bool(true))
    ) {
        unit.unfixable.push("a Batch line cannot stream".into());
    }
    (unit, shared)
}

/// What the module does in a Batch pipeline spread over files (see
/// `project::Project::batch_pipeline`).
pub fn pieces(text: &str) -> Option<crate::frontend::BatchPieces> {
    use crate::frontend::BatchPieces;
    let parsed = super::parsed::parse(text).ok()?;
    let module = parsed.suite();
    let index = Index::build(module);
    let statements: Vec<OnceCell<Statements>> =
        index.scopes.iter().map(|_| Default::default()).collect();
    let line = |at: usize| 1 + text[..at].matches('\n').count();
    let mut pieces = BatchPieces {
        lines: lines(&index)
            .first()
            .map(|l| line(l.dict.range.start().to_usize())),
        ..Default::default()
    };
    if let Some(uses) = output_reads(&index, &statements, text) {
        pieces.reads = uses.reads;
        pieces.reads_unseen = uses.unseen;
    }
    #[derive(Default)]
    struct Calls<'a>(Vec<&'a ast::ExprCall>);
    impl<'a> Visitor<'a> for Calls<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                self.0.push(call);
            }
            visitor::walk_expr(self, expr);
        }
    }
    for (scope, expr) in scope_exprs(&index) {
        let mut calls = Calls::default();
        calls.visit_expr(expr);
        for call in calls.0 {
            let at = line(call.range().start().to_usize());
            if creation(&index, scope, call).is_some() {
                pieces.creations.push(at);
            } else if let Some(file) = uploaded(&index, scope, call) {
                pieces.uploads.push(
                    path_of(&index, scope, file, at, text, 0).unwrap_or_else(|what| {
                        crate::frontend::FilePath::Computed { line: at, what }
                    }),
                );
            } else if let Some(path) = opened_for_writing(call) {
                pieces.writes.push(
                    path_expr(&index, scope, path, at, text, 0).unwrap_or_else(|what| {
                        crate::frontend::FilePath::Computed { line: at, what }
                    }),
                );
            }
        }
    }
    for stmt in super::scope::flatten(module) {
        match stmt {
            ast::Stmt::Import(import) => {
                for alias in &import.names {
                    pieces.imports.push((alias.name.id.to_string(), 0));
                }
            }
            ast::Stmt::ImportFrom(from) => {
                let base = from.module.as_ref().map_or("", |m| m.id.as_str());
                pieces.imports.push((base.to_string(), from.level));
                // `from pkg import module`: the name may be a module of the package.
                for alias in &from.names {
                    let name = alias.name.id.as_str();
                    let dotted = if base.is_empty() {
                        name.to_string()
                    } else {
                        format!("{base}.{name}")
                    };
                    pieces.imports.push((dotted, from.level));
                }
            }
            _ => {}
        }
    }
    Some(pieces)
}

/// `X.files.create(file=..., purpose="batch")`: the `file` argument.
fn uploaded<'a>(index: &Index<'a>, scope: usize, call: &'a ast::ExprCall) -> Option<&'a Expr> {
    let Expr::Attribute(create) = &*call.func else {
        return None;
    };
    let Expr::Attribute(files) = &*create.value else {
        return None;
    };
    if create.attr.id.as_str() != "create" || files.attr.id.as_str() != "files" {
        return None;
    }
    let purpose = super::classify::keyword(call, "purpose")?;
    if super::classify::string_value(index, scope, purpose)? != "batch" {
        return None;
    }
    super::classify::keyword(call, "file").or_else(|| call.arguments.args.first())
}

/// `open(PATH, "w")` (any mode that writes), `PATH.open("w")`, `PATH.write_text(...)`: the path.
fn opened_for_writing(call: &ast::ExprCall) -> Option<&Expr> {
    let writes = |mode: Option<&Expr>| matches!(mode, Some(Expr::StringLiteral(m)) if m.value.to_str().contains(['w', 'a', 'x']));
    let mode = |positional: usize| {
        super::classify::keyword(call, "mode").or_else(|| call.arguments.args.get(positional))
    };
    match &*call.func {
        Expr::Name(n) if n.id.as_str() == "open" => {
            let path = call.arguments.args.first()?;
            writes(mode(1)).then_some(path)
        }
        Expr::Attribute(a) if a.attr.id.as_str() == "open" && writes(mode(0)) => Some(&a.value),
        Expr::Attribute(a) if a.attr.id.as_str() == "write_text" => Some(&a.value),
        _ => None,
    }
}

/// The path of the file an upload's `file=` names: `open(PATH, "rb")`, `PATH.open("rb")`,
/// a path itself, or a name bound once to one of those.
fn path_of(
    index: &Index,
    scope: usize,
    file: &Expr,
    line: usize,
    text: &str,
    depth: usize,
) -> Result<crate::frontend::FilePath, String> {
    if depth > 8 {
        return Err("a chain of names".into());
    }
    match file {
        Expr::Call(call) => match &*call.func {
            Expr::Name(n) if n.id.as_str() == "open" => match call.arguments.args.first() {
                Some(path) => path_expr(index, scope, path, line, text, depth + 1),
                None => Err(text[span(call.range()).start..span(call.range()).end].to_string()),
            },
            Expr::Attribute(a) if a.attr.id.as_str() == "open" => {
                path_expr(index, scope, &a.value, line, text, depth + 1)
            }
            _ => path_expr(index, scope, file, line, text, depth + 1),
        },
        Expr::Name(n) => match index.assignments(scope, n.id.as_str()).1.as_slice() {
            [one] => path_of(index, scope, one, line, text, depth + 1),
            _ => Err(format!("`{}`", n.id)),
        },
        _ => path_expr(index, scope, file, line, text, depth + 1),
    }
}

/// A path made of literals: a string, `Path(...)`, `A / "b"`, `os.path.join(A, "b")`, with
/// `Path(__file__).parent` and `os.path.dirname(__file__)` for the file's own folder.
fn path_expr(
    index: &Index,
    scope: usize,
    expr: &Expr,
    line: usize,
    text: &str,
    depth: usize,
) -> Result<crate::frontend::FilePath, String> {
    use crate::frontend::FilePath;
    let written = || {
        format!(
            "`{}`",
            &text[span(expr.range()).start..span(expr.range()).end]
        )
    };
    if depth > 8 {
        return Err(written());
    }
    let join = |base: FilePath, part: &str| match base {
        FilePath::Literal {
            path, beside_file, ..
        } => FilePath::Literal {
            path: if path.is_empty() {
                part.to_string()
            } else {
                format!("{}/{part}", path.trim_end_matches('/'))
            },
            beside_file,
            line,
        },
        computed => computed,
    };
    let literal = |path: String| FilePath::Literal {
        path,
        beside_file: false,
        line,
    };
    let here = FilePath::Literal {
        path: String::new(),
        beside_file: true,
        line,
    };
    let is_file = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == "__file__");
    let callee = |call: &ast::ExprCall| -> String {
        text[span(call.func.range()).start..span(call.func.range()).end].to_string()
    };
    match expr {
        Expr::StringLiteral(s) => Ok(literal(s.value.to_str().to_string())),
        Expr::Name(n) => match index.assignments(scope, n.id.as_str()).1.as_slice() {
            [one] => path_expr(index, scope, one, line, text, depth + 1),
            _ => Err(written()),
        },
        // `Path(__file__).parent`, `Path(__file__).resolve().parent`
        Expr::Attribute(a) if a.attr.id.as_str() == "parent" => {
            let mut inner = &*a.value;
            if let Expr::Call(c) = inner {
                if matches!(&*c.func, Expr::Attribute(r) if matches!(r.attr.id.as_str(), "resolve" | "absolute"))
                    && c.arguments.is_empty()
                {
                    if let Expr::Attribute(r) = &*c.func {
                        inner = &r.value;
                    }
                }
            }
            match inner {
                Expr::Call(c)
                    if matches!(callee(c).as_str(), "Path" | "pathlib.Path")
                        && c.arguments.args.len() == 1
                        && is_file(&c.arguments.args[0]) =>
                {
                    Ok(here)
                }
                _ => Err(written()),
            }
        }
        Expr::BinOp(b) if b.op == ast::Operator::Div => {
            let base = path_expr(index, scope, &b.left, line, text, depth + 1)?;
            match path_expr(index, scope, &b.right, line, text, depth + 1)? {
                FilePath::Literal {
                    path,
                    beside_file: false,
                    ..
                } => Ok(join(base, &path)),
                _ => Err(written()),
            }
        }
        Expr::Call(c) => {
            let name = callee(c);
            let args = &c.arguments.args;
            match name.as_str() {
                "Path" | "pathlib.Path" | "PurePath" | "pathlib.PurePath" if args.len() == 1 => {
                    path_expr(index, scope, &args[0], line, text, depth + 1)
                }
                "os.path.dirname" if args.len() == 1 => {
                    let inner = match &args[0] {
                        Expr::Call(a)
                            if matches!(
                                callee(a).as_str(),
                                "os.path.abspath" | "os.path.realpath"
                            ) && a.arguments.args.len() == 1 =>
                        {
                            &a.arguments.args[0]
                        }
                        other => other,
                    };
                    if is_file(inner) {
                        Ok(here)
                    } else {
                        Err(written())
                    }
                }
                "os.path.join" if !args.is_empty() => {
                    let mut out = path_expr(index, scope, &args[0], line, text, depth + 1)?;
                    for part in &args[1..] {
                        match path_expr(index, scope, part, line, text, depth + 1)? {
                            FilePath::Literal {
                                path,
                                beside_file: false,
                                ..
                            } => out = join(out, &path),
                            _ => return Err(written()),
                        }
                    }
                    Ok(out)
                }
                _ => Err(written()),
            }
        }
        _ => Err(written()),
    }
}
