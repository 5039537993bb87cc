//! The callers of a helper in the other files of its crate.
//!
//! `use crate::llm::ask;` then `let reply = ask(..).await?; reply.choices[0].message.content`
//! in another module reads the completion `ask` returns: those reads belong to the unit of
//! the request inside `ask`, and migrate with it. This module answers, for one file of the
//! crate, where it calls the helper and how the result is read there, with the same walk as
//! the helper's own file (`callers::read_at_call`, then `reads`).
//!
//! A call is the helper's when its path, resolved through the file's `use` items and its
//! inline modules, names the helper's module (the run answers that: `Target::is_module`
//! with a path such as `crate::llm`, or `self::tests::super::llm` for one written inside an
//! inline module `tests`). Sight is lost, and the answer says where, when the file brings
//! the helper's module or one above it in with a glob (`use crate::llm::*;`), re-exports the
//! helper (`pub use`), imports it inside a function, uses it as a value, names it inside a
//! macro responsify cannot parse, or reads the result in ways the helper's own file could
//! not follow either.

use super::callers::{self, Followed};
use super::scope;
use super::values::span_of;
use crate::frontend::{Importer, Target};
use crate::model::{ReadKind, ResultShape, Span};
use std::collections::{HashMap, HashSet};
use syn::visit::{self, Visit};

/// Where `text` (another file of the helper's crate) calls the helper `target`, and what it
/// reads of a result of shape `result`.
pub fn follow(text: &str, target: &Target, result: ResultShape) -> Importer {
    if result != ResultShape::Completion {
        return Importer::out_of_sight(
            None,
            "it gets a part of the result, which is not followed across files",
        );
    }
    let _scope = super::SpanScope;
    let Ok(file) = super::parse_keeping_spans(text) else {
        return Importer::out_of_sight(None, "the file does not parse");
    };
    let line = |at: usize| crate::edit::line_col(text, at).0;
    let mut uses = Uses::default();
    uses.visit_file(&file);
    let mut paths = Paths {
        uses: &uses,
        target,
        module: Vec::new(),
        calls: Vec::new(),
        imported: None,
        lost: None,
    };
    paths.check_uses();
    if paths.lost.is_none() {
        paths.visit_file(&file);
    }
    if let Some((at, why)) = paths.lost {
        return Importer::out_of_sight(Some(line(at)), why);
    }
    let name = target.name;
    if paths.calls.is_empty() {
        return match paths.imported {
            Some(at) => Importer::out_of_sight(
                Some(line(at)),
                format!("`{name}` is imported without being called (it may be handed on)"),
            ),
            None => Importer::NotImporting,
        };
    }
    let bodies = scope::bodies(&file);
    let bound = scope::Callers::of(&file).bindings;
    let mut out = Followed::default();
    for (call, local) in &paths.calls {
        // `let ask = |..| ..; ask(..)` calls the closure, not the helper (a path of more than
        // the name is not a local's).
        let rebound = local
            .as_ref()
            .and_then(|l| bound.iter().find(|(n, _)| n == l));
        if let Some((local, at)) = rebound {
            return Importer::out_of_sight(
                Some(line(at.start)),
                format!("`{local}` is bound here too, so a call of it may be of something else"),
            );
        }
        let Some(caller) = bodies
            .iter()
            .filter(|b| b.span().contains(*call))
            .min_by_key(|b| b.span().end - b.span().start)
        else {
            return Importer::out_of_sight(
                Some(line(call.start)),
                format!("`{name}` is called outside a function"),
            );
        };
        callers::read_at_call(caller, *call, name, text, &mut out);
        if let Some(why) = out.unseen.first().or(out.unfixable.first()) {
            return Importer::out_of_sight(Some(line(call.start)), why.clone());
        }
    }
    // `for choice in &reply.choices`: without `n` a completion has one choice, the response
    // itself, which the loop then runs over (the lowering writes it as a one-item slice).
    for (iterable, response) in std::mem::take(&mut out.choice_loops) {
        out.reads.push(crate::model::Read {
            span: iterable,
            base: response,
            kind: ReadKind::Reply,
        });
    }
    // A chat result has no `output`: such a read is nothing responsify can map.
    for read in &mut out.reads {
        if read.kind == ReadKind::FirstOutputItem {
            read.kind = ReadKind::Unknown(super::snippet(&text[read.span.start..read.span.end]));
        }
    }
    Importer::Reads(out.reads)
}

/// A name a `use` item binds in a module of the file.
struct Binding {
    /// The path it stands for, as written (`crate::llm::ask` for `use crate::llm::ask as a`).
    path: Vec<String>,
    /// Where the `use` item is.
    at: usize,
    /// `pub use` in some form: other modules reach what it names through this module.
    reexport: bool,
}

/// The `use` items of a file, by the inline module they are in.
#[derive(Default)]
struct Uses {
    module: Vec<String>,
    /// Inside a function body: its `use` items are its own.
    in_function: usize,
    bindings: HashMap<(Vec<String>, String), Binding>,
    /// Glob imports (`use x::*;`): the module path, the inline module, where.
    globs: Vec<(Vec<String>, Vec<String>, usize)>,
    /// `use` items inside functions: the inline module, the path, where.
    in_functions: Vec<(Vec<String>, Vec<String>, usize)>,
    /// The names `use` items inside functions bind: a path starting with one may not be
    /// what the module's own names make of it.
    function_locals: HashSet<String>,
}

impl Uses {
    fn tree(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>, at: usize, reexport: bool) {
        let bind = |this: &mut Uses, local: String, path: Vec<String>| {
            if this.in_function > 0 {
                this.in_functions.push((this.module.clone(), path, at));
                this.function_locals.insert(local);
            } else {
                this.bindings
                    .insert((this.module.clone(), local), Binding { path, at, reexport });
            }
        };
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.tree(&p.tree, prefix, at, reexport);
                prefix.pop();
            }
            syn::UseTree::Name(n) if n.ident == "self" => {
                if let Some(last) = prefix.last().cloned() {
                    bind(self, last, prefix.clone());
                }
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                path.push(n.ident.to_string());
                bind(self, n.ident.to_string(), path);
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                if r.ident != "self" {
                    path.push(r.ident.to_string());
                }
                bind(self, r.rename.to_string(), path);
            }
            syn::UseTree::Glob(_) => {
                if self.in_function > 0 {
                    let mut path = prefix.clone();
                    path.push("*".into());
                    self.in_functions.push((self.module.clone(), path, at));
                } else {
                    self.globs.push((prefix.clone(), self.module.clone(), at));
                }
            }
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.tree(item, prefix, at, reexport);
                }
            }
        }
    }
}

impl<'a> Visit<'a> for Uses {
    fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
        let reexport = !matches!(u.vis, syn::Visibility::Inherited);
        let mut prefix = Vec::new();
        if u.leading_colon.is_some() {
            // `use ::name::..`: an external crate, never this one.
            return;
        }
        self.tree(&u.tree, &mut prefix, span_of(u).start, reexport);
    }
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.module.push(m.ident.to_string());
        visit::visit_item_mod(self, m);
        self.module.pop();
    }
    fn visit_block(&mut self, b: &'a syn::Block) {
        self.in_function += 1;
        visit::visit_block(self, b);
        self.in_function -= 1;
    }
}

/// The calls of the helper in a file, found by resolving each path.
struct Paths<'u, 't> {
    uses: &'u Uses,
    target: &'t Target<'t>,
    /// The inline modules around the code being visited.
    module: Vec<String>,
    /// Each call of the helper, with the name it is called by when that is all its path.
    calls: Vec<(Span, Option<String>)>,
    /// Where a `use` brings the helper in by name, if one does.
    imported: Option<usize>,
    /// Where sight is lost, and why.
    lost: Option<(usize, String)>,
}

impl Paths<'_, '_> {
    /// `written`, in the inline module `module`, as a path from the file's module or from
    /// the crate (`crate::..`, `self::tests::super::..`); `None` for another crate's.
    fn resolve(&self, module: &[String], written: &[String], depth: usize) -> Option<String> {
        self.resolve_marked(module, written, depth)
            .map(|(path, _)| path)
    }

    /// As [`Paths::resolve`], and whether the path names a module of this crate by
    /// `crate`, `self` or `super` (not a name relative to the module, which may be another
    /// crate's).
    fn resolve_marked(
        &self,
        module: &[String],
        written: &[String],
        depth: usize,
    ) -> Option<(String, bool)> {
        let first = written.first()?;
        if first == "crate" {
            return Some((written.join("::"), true));
        }
        if first != "self" && first != "super" && depth < 4 {
            // A name a `use` of the same module binds (`use crate::llm; .. llm::ask(..)`).
            if let Some(bound) = self.uses.bindings.get(&(module.to_vec(), first.clone())) {
                let mut path = bound.path.clone();
                path.extend(written[1..].iter().cloned());
                return self.resolve_marked(module, &path, depth + 1);
            }
        }
        let explicit = first == "self" || first == "super";
        let mut parts = vec!["self".to_string()];
        parts.extend(module.iter().cloned());
        // A relative path names a module below this one (or another crate, which no module
        // of this crate is).
        parts.extend(written.iter().filter(|s| *s != "self").cloned());
        Some((parts.join("::"), explicit))
    }

    /// Whether `written` in the inline module `module` names the helper: `None` when it
    /// may. A path into another module of the crate that ends in the helper's name
    /// (`super::ask`, `crate::util::ask`) may reach it through that module's own `use`
    /// (a private `use` is seen by the module's children), which is not followed.
    fn names_helper(&self, module: &[String], written: &[String]) -> Option<bool> {
        let Some((last, _)) = written.split_last() else {
            return Some(false);
        };
        let (resolved, explicit) = self.resolve_marked(module, written, 0)?;
        let Some((module_path, item)) = resolved.rsplit_once("::") else {
            return Some(false);
        };
        if item != self.target.name || last == "*" {
            return Some(false);
        }
        match (self.target.is_module)(module_path, 0) {
            Some(false) if explicit => None,
            answer => answer,
        }
    }

    fn lose(&mut self, at: usize, why: String) {
        if self.lost.is_none() {
            self.lost = Some((at, why));
        }
    }

    /// The file's `use` items: the helper brought in by name, re-exported, imported inside
    /// a function, or its module globbed.
    fn check_uses(&mut self) {
        let name = self.target.name;
        let mut found: Vec<(usize, String)> = Vec::new();
        for ((module, _), binding) in &self.uses.bindings {
            match self.names_helper(module, &binding.path) {
                Some(true) if binding.reexport => found.push((
                    binding.at,
                    format!("`{name}` is re-exported (`pub use`), and callers through the re-export are not followed"),
                )),
                Some(true) => self.imported = Some(self.imported.map_or(binding.at, |a: usize| a.min(binding.at))),
                None => found.push((
                    binding.at,
                    format!("this `use` may reach `{name}` through another module's import, which responsify does not follow"),
                )),
                Some(false) => {
                    let whole = self.resolve(module, &binding.path, 0);
                    let names_module =
                        whole.is_some_and(|w| (self.target.is_module)(&w, 0) != Some(false));
                    if names_module && binding.reexport {
                        found.push((
                            binding.at,
                            format!("the module of `{name}` is re-exported (`pub use`), and callers through the re-export are not followed"),
                        ));
                    }
                }
            }
        }
        for (path, module, at) in &self.uses.globs {
            let glob = self.resolve(module, path, 0).map(|p| format!("{p}::*"));
            if glob.is_some_and(|g| (self.target.is_module)(&g, 0) != Some(false)) {
                found.push((
                    *at,
                    format!("a glob import (`use ..::*;`) may bring `{name}` in, and responsify does not follow glob imports"),
                ));
            }
        }
        for (module, path, at) in &self.uses.in_functions {
            let names_it = match path.split_last() {
                Some((last, rest)) if last == "*" => self
                    .resolve(module, rest, 0)
                    .is_some_and(|p| (self.target.is_module)(&format!("{p}::*"), 0) != Some(false)),
                _ => {
                    self.names_helper(module, path) != Some(false)
                        || self
                            .resolve(module, path, 0)
                            .is_some_and(|p| (self.target.is_module)(&p, 0) != Some(false))
                }
            };
            if names_it {
                found.push((
                    *at,
                    format!("`{name}` or its module is imported inside a function, which responsify does not follow"),
                ));
            }
        }
        // The first in the file, whatever order the map gives.
        if let Some((at, why)) = found.into_iter().min_by_key(|(at, _)| *at) {
            self.lose(at, why);
        }
    }

    fn segments(path: &syn::Path) -> Vec<String> {
        path.segments.iter().map(|s| s.ident.to_string()).collect()
    }
}

impl<'a> Visit<'a> for Paths<'_, '_> {
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        self.module.push(m.ident.to_string());
        visit::visit_item_mod(self, m);
        self.module.pop();
    }
    fn visit_item_use(&mut self, _: &'a syn::ItemUse) {}
    fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
        if let syn::Expr::Path(func) = &*call.func {
            if func.qself.is_none() {
                let written = Self::segments(&func.path);
                match self.names_helper(&self.module.clone(), &written) {
                    Some(true) if self.uses.function_locals.contains(&written[0]) => self.lose(
                        span_of(call).start,
                        format!("`{}` starts with a name a `use` inside a function binds, which responsify does not follow", written.join("::")),
                    ),
                    Some(true) => {
                        let alone = (written.len() == 1).then(|| written[0].clone());
                        self.calls.push((span_of(call), alone));
                    }
                    None => self.lose(
                        span_of(call).start,
                        format!(
                            "`{}` may reach `{}` through another module's import, which responsify does not follow",
                            written.join("::"),
                            self.target.name
                        ),
                    ),
                    Some(false) => {}
                }
                for arg in &call.args {
                    self.visit_expr(arg);
                }
                return;
            }
        }
        visit::visit_expr_call(self, call);
    }
    fn visit_expr_path(&mut self, path: &'a syn::ExprPath) {
        if path.qself.is_none() {
            let written = Self::segments(&path.path);
            if self.names_helper(&self.module.clone(), &written) != Some(false) {
                self.lose(
                    span_of(path).start,
                    format!(
                        "`{}` is used as a value, so its calls are out of sight",
                        self.target.name
                    ),
                );
            }
        }
        visit::visit_expr_path(self, path);
    }
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        // `println!("{:?}", ask(..).await)`: arguments that parse as expressions are read
        // like code; any other macro that names the helper hides what it does with it.
        use syn::parse::Parser;
        let parsed = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated
            .parse2(mac.tokens.clone());
        match parsed {
            Ok(exprs) => {
                for e in &exprs {
                    self.visit_expr(e);
                }
            }
            Err(_) => {
                let mut names = HashSet::new();
                idents(mac.tokens.clone(), &mut names);
                if names.contains(self.target.name) {
                    self.lose(
                        span_of(&mac.path).start,
                        format!(
                            "`{}` is named inside a macro whose code responsify cannot read",
                            self.target.name
                        ),
                    );
                }
            }
        }
    }
}

fn idents(tokens: proc_macro2::TokenStream, out: &mut HashSet<String>) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}
