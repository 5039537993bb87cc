//! What one Rust file says about its crate's module tree: the modules it declares, the
//! files it pastes in, and how far its own functions are visible. Syntax only: finding the
//! files those declarations name is the project's (see `project::rust_crate`).

use super::values::span_of;
use syn::visit::{self, Visit};

/// A `mod` item of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModDecl {
    /// The inline modules around the declaration, outermost first (`mod a { mod b; }`
    /// declares `b` within `["a"]`): its file is looked for in their folder.
    pub within: Vec<String>,
    pub name: String,
    /// `pub mod`: visible wherever the declaring module is (`pub(crate)` and the like are
    /// not public outside the crate, so they are not).
    pub public: bool,
    /// Its file is named by `#[path = ".."]`, which responsify does not resolve.
    pub path_attr: bool,
    /// Its body is in braces (`mod a { .. }`): it has no file of its own.
    pub inline: bool,
    pub line: usize,
}

/// A `pub use` item (one path of it): what it makes public under this module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUse {
    /// The inline modules around it, outermost first.
    pub within: Vec<String>,
    /// The path as written (`["crate", "llm", "ask"]`; a glob ends in `"*"`).
    pub path: Vec<String>,
    pub line: usize,
}

/// The module declarations and inclusions of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declarations {
    pub mods: Vec<ModDecl>,
    /// The lines of `include!(..)`: code of another file pasted into this one.
    pub includes: Vec<usize>,
    /// The lines of `extern crate self as name;`: the crate's own paths under another name.
    pub self_aliases: Vec<usize>,
    /// Its `pub use` items: in a library they put what they name in the public API.
    pub reexports: Vec<PublicUse>,
}

/// The `mod` items and `include!`s of `text`, or `None` when it does not parse.
pub fn declarations(text: &str) -> Option<Declarations> {
    let _scope = super::SpanScope;
    let file = super::parse_keeping_spans(text).ok()?;
    struct Find<'t> {
        text: &'t str,
        within: Vec<String>,
        /// How many blocks (function bodies) hold the item being visited.
        in_function: usize,
        found: Declarations,
    }
    impl<'a> Visit<'a> for Find<'_> {
        fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
            if self.in_function > 0 {
                return;
            }
            let line = crate::edit::line_col(self.text, span_of(&m.ident).start).0;
            self.found.mods.push(ModDecl {
                within: self.within.clone(),
                name: m.ident.to_string(),
                public: matches!(m.vis, syn::Visibility::Public(_)),
                path_attr: m.attrs.iter().any(|a| a.path().is_ident("path")),
                inline: m.content.is_some(),
                line,
            });
            self.within.push(m.ident.to_string());
            visit::visit_item_mod(self, m);
            self.within.pop();
        }
        fn visit_item_extern_crate(&mut self, e: &'a syn::ItemExternCrate) {
            if e.ident == "self" {
                let at = span_of(e).start;
                self.found
                    .self_aliases
                    .push(crate::edit::line_col(self.text, at).0);
            }
        }
        fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
            if !matches!(u.vis, syn::Visibility::Public(_)) || u.leading_colon.is_some() {
                return;
            }
            let line = crate::edit::line_col(self.text, span_of(u).start).0;
            let mut paths = Vec::new();
            use_paths(&u.tree, &mut Vec::new(), &mut paths);
            for path in paths {
                self.found.reexports.push(PublicUse {
                    within: self.within.clone(),
                    path,
                    line,
                });
            }
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if mac.path.is_ident("include") {
                let at = span_of(&mac.path).start;
                self.found
                    .includes
                    .push(crate::edit::line_col(self.text, at).0);
            }
        }
        // A module declared inside a function is the function's own: nothing outside it
        // names it, and its file is not part of the tree other code reaches. Its body is
        // still read for `include!`.
        fn visit_block(&mut self, b: &'a syn::Block) {
            self.in_function += 1;
            visit::visit_block(self, b);
            self.in_function -= 1;
        }
    }
    let mut find = Find {
        text,
        within: Vec::new(),
        in_function: 0,
        found: Declarations::default(),
    };
    find.visit_file(&file);
    Some(find.found)
}

/// Each path a use tree names, from its root (a glob ends in `"*"`, `self` in a group names
/// the group's module).
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) if n.ident == "self" => out.push(prefix.clone()),
        syn::UseTree::Name(n) => {
            let mut path = prefix.clone();
            path.push(n.ident.to_string());
            out.push(path);
        }
        syn::UseTree::Rename(r) if r.ident == "self" => out.push(prefix.clone()),
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            path.push(r.ident.to_string());
            out.push(path);
        }
        syn::UseTree::Glob(_) => {
            let mut path = prefix.clone();
            path.push("*".into());
            out.push(path);
        }
        syn::UseTree::Group(g) => {
            for item in &g.items {
                use_paths(item, prefix, out);
            }
        }
    }
}

/// How far a function of a file's own module can be called from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Private, or `pub(self)`: the module and its children.
    Module,
    /// `pub(crate)`, `pub(super)`, `pub(in ..)`: somewhere in the crate.
    Crate,
    /// `pub`: wherever its module is visible, other crates too when the module is.
    Public,
}

/// The reach of the function `name` defined at the top level of `text` (not in an inline
/// module, an `impl` or another function), with the line of its name.
pub fn function_reach(text: &str, name: &str) -> Option<(Reach, usize)> {
    let _scope = super::SpanScope;
    let file = super::parse_keeping_spans(text).ok()?;
    file.items.iter().find_map(|item| match item {
        syn::Item::Fn(f) if f.sig.ident == name => {
            let reach = match &f.vis {
                syn::Visibility::Public(_) => Reach::Public,
                syn::Visibility::Restricted(r)
                    if r.in_token.is_none() && r.path.is_ident("self") =>
                {
                    Reach::Module
                }
                syn::Visibility::Restricted(_) => Reach::Crate,
                syn::Visibility::Inherited => Reach::Module,
            };
            let line = crate::edit::line_col(text, span_of(&f.sig.ident).start).0;
            Some((reach, line))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_name_file_inline_and_path_modules_with_their_lines() {
        let text = "pub mod llm;\nmod util {\n    mod deep;\n}\n#[path = \"x.rs\"]\nmod other;\nfn f() { mod hidden; }\nimpl S { fn g() { mod also_hidden; } }\n";
        let found = declarations(text).unwrap();
        // Each declaration as `within/name public path inline line`.
        let brief: Vec<String> = found
            .mods
            .iter()
            .map(|m| {
                format!(
                    "{}/{} {} {} {} {}",
                    m.within.join("::"),
                    m.name,
                    m.public,
                    m.path_attr,
                    m.inline,
                    m.line
                )
            })
            .collect();
        assert_eq!(
            brief,
            [
                "/llm true false false 1",
                "/util false false true 2",
                "util/deep false false false 3",
                "/other false true false 6",
            ]
        );
        assert!(found.includes.is_empty());
        let reexported =
            declarations("pub use crate::llm::{ask, self as chat};\nuse x::y;\npub use a::*;\n")
                .unwrap();
        let paths: Vec<(String, usize)> = reexported
            .reexports
            .iter()
            .map(|r| (r.path.join("::"), r.line))
            .collect();
        assert_eq!(
            paths,
            [
                ("crate::llm::ask".to_string(), 1),
                ("crate::llm".to_string(), 1),
                ("a::*".to_string(), 3)
            ]
        );
        let included =
            declarations("include!(\"gen.rs\");\n\nfn main() {\n    include!(\"body.rs\");\n}\n")
                .unwrap();
        assert_eq!(included.includes, vec![1, 4]);
        let aliased = declarations("extern crate serde;\nextern crate self as app;\n").unwrap();
        assert_eq!(aliased.self_aliases, vec![2]);
    }

    #[test]
    fn function_reach_reads_the_visibility_of_a_top_level_function() {
        let text = "pub fn a() {}\npub(crate) fn b() {}\nfn c() {}\npub(self) fn d() {}\nmod m { pub fn e() {} }\n";
        assert_eq!(function_reach(text, "a"), Some((Reach::Public, 1)));
        assert_eq!(function_reach(text, "b"), Some((Reach::Crate, 2)));
        assert_eq!(function_reach(text, "c"), Some((Reach::Module, 3)));
        assert_eq!(function_reach(text, "d"), Some((Reach::Module, 4)));
        assert_eq!(function_reach(text, "e"), None);
    }
}
