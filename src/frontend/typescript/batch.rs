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
    let mut pieces = BatchPieces::default();
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
        } else if is_json_parse(call) {
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
            // A reader of a Chat Completions batch reads its `choices`.
            if uses
                .reads
                .iter()
                .any(|r| text[r.span.start..r.span.end].contains("choices"))
            {
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
