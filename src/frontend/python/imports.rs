//! The imports a fix made stale or necessary (see `FrontEnd::tidy_imports`).
//!
//! A name imported from the `openai` package that the file used before its fixes and uses
//! nowhere after them (`ChatCompletion` once its annotation is `Response`) is dropped from
//! its import, and the import statement with it when nothing is left. A Responses type the
//! fixes wrote (`Response`) that the file did not name before is imported from
//! `openai.types.responses`: into the import statement of that module when there is one, in
//! place of a dropped chat import, or after the file's last import of `openai`.
//!
//! "Used" is any whole-word occurrence outside import statements, comments and strings
//! included: an `__all__` that lists the name, a quoted annotation or a doctest keeps the
//! import. A name the file did not use before its fixes (a re-export of an `__init__.py`,
//! or just an unused import) is not the fixes' to drop.

use super::values::span;
use crate::edit::{line_ending, Edit};
use crate::model::Span;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

/// The Responses types the SDK's Python package exports from `openai.types.responses` that
/// a fix may write.
const RESPONSES_TYPES: &[&str] = &[
    "Response",
    "ParsedResponse",
    "ResponseStreamEvent",
    "ResponseInputParam",
    "FunctionToolParam",
];

const RESPONSES_MODULE: &str = "openai.types.responses";

/// One `from openai… import …` statement of the module's top level (or of an `if` block
/// there, such as `if TYPE_CHECKING:`).
struct Import<'a> {
    stmt: &'a ast::StmtImportFrom,
    module: &'a str,
}

fn imports(body: &[Stmt]) -> Vec<Import<'_>> {
    let mut out = Vec::new();
    for stmt in body {
        match stmt {
            Stmt::ImportFrom(from) if from.level == 0 => {
                let module = from.module.as_ref().map_or("", |m| m.id.as_str());
                if module == "openai" || module.starts_with("openai.") {
                    out.push(Import { stmt: from, module });
                }
            }
            Stmt::If(i) => {
                out.extend(imports(&i.body));
                for clause in &i.elif_else_clauses {
                    out.extend(imports(&clause.body));
                }
            }
            _ => {}
        }
    }
    out
}

/// The spans of every import statement of the module, at any depth.
fn import_spans(body: &[Stmt]) -> Vec<Span> {
    #[derive(Default)]
    struct Find(Vec<Span>);
    impl<'a> Visitor<'a> for Find {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::Import(_) | Stmt::ImportFrom(_) => self.0.push(span(stmt.range())),
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    let mut find = Find::default();
    find.visit_body(body);
    find.0
}

/// Names written as code (`Expr::Name`) in the module.
fn code_names(body: &[Stmt]) -> std::collections::HashSet<String> {
    #[derive(Default)]
    struct Names(std::collections::HashSet<String>);
    impl<'a> Visitor<'a> for Names {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Name(n) = expr {
                self.0.insert(n.id.to_string());
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut names = Names::default();
    names.visit_body(body);
    names.0
}

/// Names the module binds by import, `def` or `class`, at any depth.
fn bound_names(body: &[Stmt]) -> std::collections::HashSet<String> {
    #[derive(Default)]
    struct Bound(std::collections::HashSet<String>);
    impl<'a> Visitor<'a> for Bound {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            match stmt {
                Stmt::Import(i) => {
                    for a in &i.names {
                        let name = a.asname.as_ref().unwrap_or(&a.name).id.as_str();
                        self.0
                            .insert(name.split('.').next().unwrap_or(name).to_string());
                    }
                }
                Stmt::ImportFrom(f) => {
                    for a in &f.names {
                        self.0
                            .insert(a.asname.as_ref().unwrap_or(&a.name).id.to_string());
                    }
                }
                Stmt::ClassDef(c) => {
                    self.0.insert(c.name.id.to_string());
                }
                Stmt::FunctionDef(f) => {
                    self.0.insert(f.name.id.to_string());
                }
                _ => {}
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    let mut bound = Bound::default();
    bound.visit_body(body);
    bound.0
}

/// How often `word` occurs as a whole word in `text` outside `skip`.
fn uses(text: &str, word: &str, skip: &[Span]) -> usize {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word)
        .filter(|(at, _)| {
            let end = at + word.len();
            !text[..*at].chars().next_back().is_some_and(ident)
                // A segment of a path (`.`) is another item of that name.
                && !text[..*at].trim_end().ends_with(".")
                && !text[end..].chars().next().is_some_and(ident)
                && !skip.iter().any(|s| s.start <= *at && end <= s.end)
        })
        .count()
}

/// The whole lines a statement occupies, with their line break, when nothing else shares
/// them; otherwise the statement alone.
fn whole_lines(text: &str, at: Span) -> Span {
    let start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at.end..]
        .find('\n')
        .map_or(text.len(), |i| at.end + i + 1);
    let before = &text[start..at.start];
    let after = text[at.end..end].trim_end_matches(['\n', '\r']);
    if before.trim().is_empty() && after.trim().is_empty() {
        Span::new(start, end)
    } else {
        at
    }
}

pub fn tidy(before: &str, after: &str) -> Vec<Edit> {
    let (Ok(old), Ok(new)) = (super::parsed::parse(before), super::parsed::parse(after)) else {
        return Vec::new();
    };
    let old_body = &old.syntax().body;
    let new_body = &new.syntax().body;
    let old_skip = import_spans(old_body);
    let new_skip = import_spans(new_body);
    let newline = line_ending(after);

    // The Responses types the fixes wrote: not named by the code before, nor bound now.
    let written = code_names(new_body);
    let named_before = code_names(old_body);
    let bound_before = bound_names(old_body);
    let bound_now = bound_names(new_body);
    let mut missing: Vec<&str> = RESPONSES_TYPES
        .iter()
        .copied()
        .filter(|name| {
            written.contains(*name)
                && !named_before.contains(*name)
                && !bound_before.contains(*name)
                && !bound_now.contains(*name)
        })
        .collect();
    missing.sort_unstable();

    let mut edits = Vec::new();
    // Where a statement emptied of its names was: the new import may take its place.
    let mut emptied: Option<Span> = None;
    let found = imports(new_body);
    for import in &found {
        let names = &import.stmt.names;
        let stale: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, alias)| {
                let bound = alias.asname.as_ref().unwrap_or(&alias.name).id.as_str();
                bound != "*"
                    && uses(before, bound, &old_skip) > 0
                    && uses(after, bound, &new_skip) == 0
            })
            .map(|(i, _)| i)
            .collect();
        if stale.is_empty() {
            continue;
        }
        let at = span(import.stmt.range);
        if stale.len() == names.len() {
            if emptied.is_none() && !missing.is_empty() {
                emptied = Some(at);
                continue;
            }
            edits.push(Edit::delete(whole_lines(after, at)));
        } else {
            let members: Vec<Span> = names.iter().map(|a| span(a.range)).collect();
            edits.extend(crate::edit::removals(&members, &stale));
        }
    }
    if missing.is_empty() {
        return edits;
    }
    let list = missing.join(", ");
    if let Some(existing) = found.iter().find(|i| i.module == RESPONSES_MODULE) {
        if let Some(last) = existing.stmt.names.last() {
            edits.push(Edit::insert(span(last.range).end, format!(", {list}")));
            if let Some(at) = emptied {
                edits.push(Edit::delete(whole_lines(after, at)));
            }
            return edits;
        }
    }
    let statement = format!("from {RESPONSES_MODULE} import {list}");
    if let Some(at) = emptied {
        // Laid out as the statement it replaces: one name a line when it was.
        let old = &after[at.start..at.end];
        let statement = match found.iter().find(|i| span(i.stmt.range) == at) {
            Some(import) if old.contains('\n') && old.contains('(') => {
                let first = import
                    .stmt
                    .names
                    .first()
                    .map_or(at.start, |a| a.range.start().to_usize());
                let indent = crate::edit::indentation_at(after, first);
                let names: String = missing
                    .iter()
                    .map(|n| format!("{indent}{n},{newline}"))
                    .collect();
                format!("from {RESPONSES_MODULE} import ({newline}{names})")
            }
            _ => statement,
        };
        edits.push(Edit::replace(at, statement));
        return edits;
    }
    // After the last top-level import of `openai`, else after the last top-level import,
    // else before the first statement that is not a docstring or a `__future__` import.
    let top_imports: Vec<&Stmt> = new_body
        .iter()
        .filter(|s| matches!(s, Stmt::Import(_) | Stmt::ImportFrom(_)))
        .collect();
    let of_openai = |s: &&&Stmt| match s {
        Stmt::ImportFrom(f) => f
            .module
            .as_ref()
            .is_some_and(|m| m.id.as_str() == "openai" || m.id.as_str().starts_with("openai.")),
        Stmt::Import(i) => i.names.iter().any(|a| a.name.id.as_str() == "openai"),
        _ => false,
    };
    let anchor = top_imports
        .iter()
        .rfind(of_openai)
        .or(top_imports.last())
        .map(|s| span(s.range()));
    match anchor {
        Some(at) => {
            let line_end = after[at.end..]
                .find('\n')
                .map_or(after.len(), |i| at.end + i + 1);
            let lead = if line_end == after.len() && !after.ends_with('\n') {
                newline
            } else {
                ""
            };
            edits.push(Edit::insert(
                line_end,
                format!("{lead}{statement}{newline}"),
            ));
        }
        None => {
            let first = new_body
                .iter()
                .find(|s| !matches!(s, Stmt::Expr(e) if e.value.is_string_literal_expr()))
                .map_or(after.len(), |s| {
                    let at = s.start().to_usize();
                    after[..at].rfind('\n').map_or(0, |i| i + 1)
                });
            edits.push(Edit::insert(
                first,
                format!("{statement}{newline}{newline}"),
            ));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::tidy;

    fn tidied(before: &str, after: &str) -> String {
        let mut edits = tidy(before, after);
        edits.sort();
        crate::edit::apply(after, &edits)
    }

    #[test]
    fn a_name_the_fix_stopped_using_leaves_its_import() {
        let before = "from openai.types.chat import ChatCompletion, ChatCompletionChunk\nx: ChatCompletion = f()\ny: ChatCompletionChunk = g()\n";
        let after = "from openai.types.chat import ChatCompletion, ChatCompletionChunk\nx: Response = f()\ny: ChatCompletionChunk = g()\n";
        assert_eq!(
            tidied(before, after),
            "from openai.types.chat import ChatCompletionChunk\nfrom openai.types.responses import Response\nx: Response = f()\ny: ChatCompletionChunk = g()\n"
        );
    }

    #[test]
    fn an_emptied_import_makes_room_for_the_new_one() {
        let before =
            "import os\nfrom openai.types.chat import ChatCompletion\nx: ChatCompletion = f()\n";
        let after = "import os\nfrom openai.types.chat import ChatCompletion\nx: Response = f()\n";
        assert_eq!(
            tidied(before, after),
            "import os\nfrom openai.types.responses import Response\nx: Response = f()\n"
        );
    }

    #[test]
    fn names_used_elsewhere_exported_or_unused_before_stay() {
        // Still used; listed in `__all__`; never used (a re-export of a package).
        let before = "from openai.types.chat import A, B, C\n__all__ = [\"B\"]\nx: A = f()\ny: A = f()\nz: B = f()\n";
        let after = "from openai.types.chat import A, B, C\n__all__ = [\"B\"]\nx: Response = f()\ny: A = f()\nz: Response = f()\n";
        assert!(tidied(before, after).starts_with("from openai.types.chat import A, B, C\n"));
    }

    #[test]
    fn a_name_bound_before_is_not_imported_over() {
        let before = "from requests import Response\nx = 1\n";
        let after = "from requests import Response\nx: Response = 1\n";
        assert_eq!(tidied(before, after), after);
    }

    #[test]
    fn other_modules_imports_are_not_touched() {
        let before = "from app.types import ChatCompletion\nx: ChatCompletion = f()\n";
        let after = "from app.types import ChatCompletion\nx: Response = f()\n";
        assert!(tidied(before, after).starts_with("from app.types import ChatCompletion\n"));
    }
}
