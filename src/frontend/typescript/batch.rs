//! What a TypeScript or JavaScript module does in a Batch pipeline spread over files (see
//! `project::Project::batch_pipeline`): the batches it creates for Chat Completions
//! (`client.batches.create({ endpoint: "/v1/chat/completions", ... })`), the files it uploads
//! for them (`client.files.create({ file: fs.createReadStream("batch.jsonl"), purpose:
//! "batch" })`), the reads of a batch's output
//! (`JSON.parse(line).response.body.choices[0].message.content`), and the modules it imports.

use super::reads::{self, Shape};
use super::scope::Index;
use super::walk::span_of;
use crate::frontend::{BatchPieces, FilePath};
use oxc_ast::ast::*;
use oxc_span::GetSpan;

pub fn pieces(program: &Program, text: &str) -> BatchPieces {
    let index = Index::build(program);
    let line = |at: usize| 1 + text[..at.min(text.len())].matches('\n').count();
    let mut pieces = BatchPieces {
        lines: lines(&index)
            .first()
            .map(|l| line(span_of(l.object.span).start)),
        ..Default::default()
    };
    for &(call, scope) in &index.calls {
        let at = span_of(call.span).start;
        if super::match_chat_batch(&index, scope, call).is_some() {
            pieces.creations.push(line(at));
        } else if let Some(file) = uploaded(&index, scope, call) {
            pieces
                .uploads
                .push(
                    path_of(&index, scope, file, line(at), text).unwrap_or_else(|what| {
                        FilePath::Computed {
                            line: line(at),
                            what,
                        }
                    }),
                );
        } else if let Some(path) = written(call) {
            pieces.writes.push(
                path_expr(&index, scope, path, line(at), text).unwrap_or_else(|what| {
                    FilePath::Computed {
                        line: line(at),
                        what,
                    }
                }),
            );
        } else if is_json_parse(call) {
            if let Some(uses) = chat_output_reads(&index, call, scope, text) {
                pieces.reads.extend(uses.reads);
                pieces.reads_unseen.extend(uses.unseen);
                pieces.reads_unseen.extend(uses.unfixable);
                if uses.returned.is_some() {
                    pieces.reads_unseen.push(
                        "a Batch output line is returned to callers, which are not followed".into(),
                    );
                }
            }
        }
    }
    pieces.reads.sort_by_key(|r| (r.span.start, r.span.end));
    pieces.reads.dedup();
    for import in &index.imports {
        pieces.imports.push((import.module.clone(), 0));
    }
    for (_, module) in &index.required {
        pieces.imports.push((module.clone(), 0));
    }
    pieces
}

/// `fs.writeFileSync(PATH, ...)`, `fs.appendFileSync`, `fs.createWriteStream(PATH)` (and
/// their `fs/promises` forms): the path written.
fn written<'a>(call: &'a CallExpression<'a>) -> Option<&'a Expression<'a>> {
    let name = match &call.callee {
        Expression::StaticMemberExpression(m) => m.property.name.as_str(),
        Expression::Identifier(id) => id.name.as_str(),
        _ => return None,
    };
    if !matches!(
        name,
        "writeFileSync" | "appendFileSync" | "createWriteStream" | "writeFile" | "appendFile"
    ) {
        return None;
    }
    call.arguments.first().and_then(|a| a.as_expression())
}

/// `JSON.parse(...)`.
fn is_json_parse(call: &CallExpression) -> bool {
    matches!(&call.callee, Expression::StaticMemberExpression(m)
        if m.property.name == "parse"
            && matches!(&m.object, Expression::Identifier(id) if id.name == "JSON"))
}

/// `X.files.create({ file: ..., purpose: "batch" })`: the `file` value.
fn uploaded<'a>(
    index: &Index<'a>,
    scope: usize,
    call: &'a CallExpression<'a>,
) -> Option<&'a Expression<'a>> {
    let method = super::member(&call.callee, &["create"])?;
    super::member(&method.object, &["files"])?;
    let Some(Expression::ObjectExpression(options)) = call
        .arguments
        .first()
        .and_then(|a| a.as_expression())
        .map(super::values::unwrap)
    else {
        return None;
    };
    let value = |name: &str| {
        options.properties.iter().find_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p)
                if p.key.static_name().as_deref() == Some(name) =>
            {
                Some(&p.value)
            }
            _ => None,
        })
    };
    if super::classify::string_value(index, scope, value("purpose")?)? != "batch" {
        return None;
    }
    value("file")
}

/// The path of an upload's `file`: `fs.createReadStream(PATH)`, `fs.readFileSync(PATH)`,
/// `toFile(fs.createReadStream(PATH), ...)`; a path is a literal (through `const`s) or
/// `path.join(__dirname, "x")` / `path.resolve(...)`.
fn path_of(
    index: &Index,
    scope: usize,
    file: &Expression,
    line: usize,
    text: &str,
) -> Result<FilePath, String> {
    let written = |e: &Expression| {
        let s = span_of(e.span());
        format!("`{}`", &text[s.start..s.end])
    };
    let file = super::values::unwrap(file);
    let Expression::CallExpression(call) = file else {
        return Err(written(file));
    };
    let callee = {
        let s = span_of(call.callee.span());
        &text[s.start..s.end]
    };
    let first = call
        .arguments
        .first()
        .and_then(|a| a.as_expression())
        .ok_or_else(|| written(file))?;
    match callee {
        "fs.createReadStream" | "createReadStream" | "fs.readFileSync" | "readFileSync" => {
            path_expr(index, scope, first, line, text)
        }
        "toFile" => path_of(index, scope, first, line, text),
        _ => Err(written(file)),
    }
}

fn path_expr(
    index: &Index,
    scope: usize,
    expr: &Expression,
    line: usize,
    text: &str,
) -> Result<FilePath, String> {
    let expr = super::values::unwrap(expr);
    let written = || {
        let s = span_of(expr.span());
        format!("`{}`", &text[s.start..s.end])
    };
    if let Some(path) = super::classify::string_value(index, scope, expr) {
        return Ok(FilePath::Literal {
            path,
            beside_file: false,
            line,
        });
    }
    let Expression::CallExpression(call) = expr else {
        return Err(written());
    };
    let callee = {
        let s = span_of(call.callee.span());
        &text[s.start..s.end]
    };
    if !matches!(callee, "path.join" | "join" | "path.resolve" | "resolve") {
        return Err(written());
    }
    let mut parts = call.arguments.iter().filter_map(|a| a.as_expression());
    let beside_file = match parts.next().map(super::values::unwrap) {
        Some(Expression::Identifier(id)) if id.name == "__dirname" => true,
        Some(first) => match super::classify::string_value(index, scope, first) {
            Some(p) if p == "." => false,
            _ => return Err(written()),
        },
        None => return Err(written()),
    };
    let mut path = String::new();
    for part in parts {
        let piece = super::classify::string_value(index, scope, part).ok_or_else(written)?;
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(piece.trim_end_matches('/'));
    }
    Ok(FilePath::Literal {
        path,
        beside_file,
        line,
    })
}

/// A Batch input line built in code: the object, its `url` literal and its `body`.
pub struct Line<'a> {
    pub scope: usize,
    pub object: &'a ObjectExpression<'a>,
    url: &'a StringLiteral<'a>,
    body: &'a Expression<'a>,
}

/// Object literals shaped as Batch input lines for the Chat Completions endpoint: arguments of
/// calls (`JSON.stringify({...})`, `lines.push({...})`), objects arrow functions given to calls
/// return (`questions.map((q) => ({...}))`), and `const` initializers.
pub fn lines<'a>(index: &Index<'a>) -> Vec<Line<'a>> {
    let mut candidates: Vec<&'a Expression<'a>> = Vec::new();
    for &(call, _) in &index.calls {
        for arg in &call.arguments {
            let Some(e) = arg.as_expression() else {
                continue;
            };
            match super::values::unwrap(e) {
                Expression::ArrowFunctionExpression(f) => {
                    if let Some(body) = super::walk::FunctionRef::Arrow(f).expression_body() {
                        candidates.push(body);
                    }
                }
                other => candidates.push(other),
            }
        }
    }
    for declared in &index.declared {
        if let Some(init) = &declared.declarator.init {
            candidates.push(init);
        }
    }
    let mut found: Vec<Line<'a>> = Vec::new();
    for e in candidates {
        let Expression::ObjectExpression(object) = super::values::unwrap(e) else {
            continue;
        };
        if found
            .iter()
            .any(|l| std::ptr::eq(l.object, object.as_ref()))
        {
            continue;
        }
        let value = |name: &str| {
            object.properties.iter().find_map(|p| match p {
                ObjectPropertyKind::ObjectProperty(p)
                    if p.key.static_name().as_deref() == Some(name) =>
                {
                    Some(&p.value)
                }
                _ => None,
            })
        };
        let (Some(Expression::StringLiteral(url)), Some(body)) = (value("url"), value("body"))
        else {
            continue;
        };
        if url.value.as_str().trim_end_matches('/') == "/v1/chat/completions" {
            found.push(Line {
                scope: index.scope_at(span_of(object.span)),
                object,
                url,
                body,
            });
        }
    }
    found.sort_by_key(|l| l.object.span.start);
    found
}

/// The `chat/completions` text of a string literal.
fn chat_path(literal: crate::model::Span, text: &str) -> Option<crate::model::Span> {
    let at = text[literal.start..literal.end].find("chat/completions")?;
    let start = literal.start + at;
    Some(crate::model::Span::new(
        start,
        start + "chat/completions".len(),
    ))
}

/// The units of the Batch lines a file builds, grouped: each line's body, its `url` and the
/// batch's `endpoint` switch together, the output reads joined to the first line. `creations`
/// are the file's `batches.create` calls for chat, with the text of their `endpoint`.
pub fn units(
    index: &Index,
    lines: &[Line],
    creations: &[Option<crate::model::Span>],
    output: Option<&reads::Uses>,
    text: &str,
) -> Vec<(crate::model::Unit, Vec<crate::model::Span>)> {
    use crate::model::{BatchRole, Endpoint, Kind, Request, Site, Unit, Verdict};
    let together = span_of(lines[0].object.span);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let first = i == 0;
        let body = super::values::body_of_expression(
            index,
            line.scope,
            Some(line.body),
            Vec::new(),
            span_of(line.object.span),
            text,
        );
        let endpoint = creations.first().copied().flatten().filter(|_| first);
        let mut unit = Unit::new(
            Request {
                endpoint: Endpoint::ChatCompletions,
                site: Site::Http {
                    url: chat_path(span_of(line.url.span), text),
                    endpoint,
                },
                span: span_of(line.object.span),
                body: body.value,
                hidden_keys: !body.hidden.is_empty(),
            },
            Verdict::Migrate,
        );
        unit.containers = body.containers;
        for hidden in body.hidden {
            unit.unfixable.push(format!(
                "the line's body includes {hidden}, which responsify cannot see"
            ));
        }
        unit.unseen.extend(body.unseen);
        let mut elsewhere = Vec::new();
        match creations {
            [] => elsewhere.push(
                "the batch these lines go to is created elsewhere: its `endpoint` must change with them"
                    .to_string(),
            ),
            [_] if first && endpoint.is_none() => unit
                .unfixable
                .push("the batch's `endpoint` is not a literal responsify can rewrite".into()),
            [_] => {}
            _ => unit
                .unfixable
                .push("the file creates more than one batch for `/v1/chat/completions`".into()),
        }
        if first {
            match output {
                Some(uses) => {
                    unit.reads.extend(uses.reads.iter().cloned());
                    unit.unseen.extend(uses.unseen.iter().cloned());
                    unit.unfixable.extend(uses.unfixable.iter().cloned());
                }
                None => {
                    let why = "no reader of the batch's output (`JSON.parse(line).response.body…`) was found in this file: where it is read, `choices` becomes `output`".to_string();
                    if creations.is_empty() {
                        elsewhere.push(why);
                    } else {
                        unit.batch = Some(BatchRole::Readers { unseen: vec![why] });
                    }
                }
            }
        }
        if !elsewhere.is_empty() {
            unit.batch = Some(BatchRole::Line { unseen: elsewhere });
        }
        if matches!(
            unit.request.body.get("stream").map(|v| &v.kind),
            Some(Kind::Bool(true))
        ) {
            unit.unfixable.push("a Batch line cannot stream".into());
        }
        let mut spans = body.shared;
        spans.push(together);
        out.push((unit, spans));
    }
    out
}

/// The reads of one `JSON.parse(line)` as a Batch output line, when they are a Chat
/// Completions batch's: a reader of one reads its `choices`.
fn chat_output_reads(
    index: &Index,
    call: &CallExpression,
    scope: usize,
    text: &str,
) -> Option<reads::Uses> {
    let (statements, expression_body): (&[Statement], Option<&Expression>) =
        match index.scopes[scope].function {
            Some(f) => (f.statements(), f.expression_body()),
            None => (&index.program.body, None),
        };
    let uses = reads::analyze(
        statements,
        expression_body,
        span_of(call.span),
        Shape::BatchOutput,
        text,
    );
    uses.reads
        .iter()
        .any(|r| text[r.span.start..r.span.end].contains("choices"))
        .then_some(uses)
}

/// The reads of a Chat Completions batch's output in the file (`JSON.parse(line)` read for
/// `response.body.choices`), when there are any.
pub fn output_reads(index: &Index, text: &str) -> Option<reads::Uses> {
    let mut all = reads::Uses::default();
    let mut any = false;
    for &(call, scope) in &index.calls {
        if !is_json_parse(call) {
            continue;
        }
        let Some(uses) = chat_output_reads(index, call, scope, text) else {
            continue;
        };
        any = true;
        all.reads.extend(uses.reads);
        all.unseen.extend(uses.unseen);
        all.unfixable.extend(uses.unfixable);
        if uses.returned.is_some() {
            all.unseen
                .push("a Batch output line is returned to callers, which are not followed".into());
        }
    }
    any.then_some(all)
}
