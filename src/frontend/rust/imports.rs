//! The `use` declarations a fix left unused (see `FrontEnd::tidy_imports`).
//!
//! A name a private `use async_openai::…` brings in (`CreateChatCompletionRequestArgs`, a
//! name inside a nested tree, a rename) that the file used before its fixes and uses nowhere
//! after them is dropped from its tree; a group left empty goes with it, and the whole
//! declaration when nothing is left. "Used" is any whole-word occurrence outside `use`
//! declarations (macro bodies and doc comments included), so a doubt keeps the name. `pub
//! use` re-exports are never touched, and neither is a name the file did not use before.

use super::values::span_of;
use super::{parse_keeping_spans, SpanScope};
use crate::edit::Edit;
use crate::model::Span;
use syn::UseTree;

/// The spans of the file's top-level `use` declarations, and the private ones of
/// `async_openai` among them.
fn uses_of(file: &syn::File) -> (Vec<Span>, Vec<&syn::ItemUse>) {
    let mut all = Vec::new();
    let mut ours = Vec::new();
    for item in &file.items {
        if let syn::Item::Use(u) = item {
            all.push(span_of(u));
            let root = match &u.tree {
                UseTree::Path(p) => Some(p.ident.to_string()),
                _ => None,
            };
            if matches!(u.vis, syn::Visibility::Inherited)
                && root.as_deref() == Some("async_openai")
            {
                ours.push(u);
            }
        }
    }
    (all, ours)
}

/// How often `word` occurs as a whole word in `text` outside `skip`.
fn count(text: &str, word: &str, skip: &[Span]) -> usize {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word)
        .filter(|(at, _)| {
            let end = at + word.len();
            !text[..*at].chars().next_back().is_some_and(ident)
                // A segment of a path (`::`) is another item of that name.
                && !text[..*at].trim_end().ends_with("::")
                && !text[end..].chars().next().is_some_and(ident)
                && !skip.iter().any(|s| s.start <= *at && end <= s.end)
        })
        .count()
}

struct Tidy<'t> {
    before: &'t str,
    before_uses: Vec<Span>,
    after: &'t str,
    after_uses: Vec<Span>,
}

impl Tidy<'_> {
    fn stale(&self, bound: &str) -> bool {
        bound != "_"
            && count(self.before, bound, &self.before_uses) > 0
            && count(self.after, bound, &self.after_uses) == 0
    }

    /// Whether every name of `tree` is stale (then its parent removes it whole); otherwise
    /// the edits that remove the stale ones inside it.
    fn tree(&self, tree: &UseTree, edits: &mut Vec<Edit>) -> bool {
        match tree {
            UseTree::Path(p) => self.tree(&p.tree, edits),
            UseTree::Name(n) => {
                let name = n.ident.to_string();
                // `chat::{self, …}` binds `chat`.
                name != "self" && self.stale(&name)
            }
            UseTree::Rename(r) => self.stale(&r.rename.to_string()),
            UseTree::Glob(_) => false,
            UseTree::Group(g) => {
                let mut inner = Vec::new();
                let gone: Vec<usize> = g
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| self.tree(item, &mut inner))
                    .map(|(i, _)| i)
                    .collect();
                if !g.items.is_empty() && gone.len() == g.items.len() {
                    return true;
                }
                let members: Vec<Span> = g.items.iter().map(span_of).collect();
                // One member left (`async_openai::{types::…, Client}` → `async_openai::Client`):
                // the braces go with the others, unless it is `self` (which needs them) or
                // has edits of its own.
                let kept: Vec<usize> = (0..g.items.len()).filter(|i| !gone.contains(i)).collect();
                if let ([only], false) = (kept.as_slice(), gone.is_empty()) {
                    let own = members[*only];
                    let edited = inner
                        .iter()
                        .any(|e| own.start <= e.span.start && e.span.end <= own.end);
                    let is_self = matches!(&g.items[*only], UseTree::Name(n) if n.ident == "self");
                    if !edited && !is_self {
                        edits.push(Edit::replace(
                            span_of(g),
                            self.after[own.start..own.end].to_string(),
                        ));
                        return false;
                    }
                }
                // A trailing comma stays where it was: the last member's removal takes the
                // separator before it.
                edits.extend(crate::edit::removals(&members, &gone));
                // Edits inside removed members are covered by their removal.
                edits.extend(inner.into_iter().filter(|e| {
                    !gone
                        .iter()
                        .any(|&i| members[i].start <= e.span.start && e.span.end <= members[i].end)
                }));
                false
            }
        }
    }
}

/// The whole lines a declaration occupies, with their line break, when nothing else shares
/// them; otherwise the declaration alone.
fn whole_lines(text: &str, at: Span) -> Span {
    let start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at.end..]
        .find('\n')
        .map_or(text.len(), |i| at.end + i + 1);
    if text[start..at.start].trim().is_empty() && text[at.end..end].trim().is_empty() {
        Span::new(start, end)
    } else {
        at
    }
}

pub fn tidy(before: &str, after: &str) -> Vec<Edit> {
    if !before.contains("async_openai") {
        return Vec::new();
    }
    let before_uses = {
        let _scope = SpanScope;
        match parse_keeping_spans(before) {
            Ok(file) => uses_of(&file).0,
            Err(_) => return Vec::new(),
        }
    };
    let _scope = SpanScope;
    let Ok(file) = parse_keeping_spans(after) else {
        return Vec::new();
    };
    let (after_uses, ours) = uses_of(&file);
    let tidy = Tidy {
        before,
        before_uses,
        after,
        after_uses,
    };
    let mut edits = Vec::new();
    for item in ours {
        let mut inner = Vec::new();
        if tidy.tree(&item.tree, &mut inner) {
            edits.push(Edit::delete(whole_lines(after, span_of(item))));
        } else {
            edits.extend(inner);
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
    fn names_left_unused_leave_nested_trees() {
        let before =
            "use async_openai::{types::chat::{A, B}, Client};\nfn f(a: A, b: B, c: Client) {}\n";
        let after =
            "use async_openai::{types::chat::{A, B}, Client};\nfn f(a: X, b: B, c: Client) {}\n";
        assert_eq!(
            tidied(before, after),
            "use async_openai::{types::chat::B, Client};\nfn f(a: X, b: B, c: Client) {}\n"
        );
    }

    #[test]
    fn a_declaration_left_empty_goes() {
        let before = "use async_openai::types::chat::{A, B};\nuse std::fmt;\nfn f(a: A, b: B) {}\n";
        let after = "use async_openai::types::chat::{A, B};\nuse std::fmt;\nfn f(a: X, b: responses::B) {}\n";
        assert_eq!(
            tidied(before, after),
            "use std::fmt;\nfn f(a: X, b: responses::B) {}\n"
        );
    }

    #[test]
    fn re_exports_and_names_unused_before_stay() {
        let before = "pub use async_openai::types::chat::A;\nuse async_openai::types::chat::B;\nfn f(a: A) {}\n";
        let after = "pub use async_openai::types::chat::A;\nuse async_openai::types::chat::B;\nfn f(a: X) {}\n";
        assert_eq!(tidied(before, after), after);
    }
}
