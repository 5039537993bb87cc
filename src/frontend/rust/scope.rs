//! Function bodies: the scope in which responsify follows a Rust value.
//!
//! A request, a client and a response are traced within the function that holds the call:
//! through `let` bindings and the function's parameters. Only a client parameter crosses a
//! function boundary, and only where every caller is in view (see [`Callers`]); anything
//! else that would is reported as unseen.

use super::values::span_of;
use crate::model::Span;
use std::collections::HashMap;
use syn::visit::{self, Visit};
use syn::{Expr, ExprMethodCall, FnArg, Pat, Stmt};

/// A `let` with a single name.
pub struct LocalDef<'a> {
    pub name: String,
    pub init: Option<&'a Expr>,
    /// The whole statement.
    pub stmt: Span,
    pub mutable: bool,
}

/// A function every caller of which is in this file: not `pub` in any form, not a trait's
/// method (a trait is called from anywhere). Its name and whether it takes `self`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Private {
    pub name: String,
    pub receiver: bool,
}

/// One function body, with its parameters, its `let` bindings and its method calls.
pub struct FnBody<'a> {
    pub block: &'a syn::Block,
    /// Each named parameter, its type, and its position among the arguments a call passes
    /// (after `self`).
    pub params: Vec<(String, &'a syn::Type, usize)>,
    /// Set when only code of this file can call the function.
    pub private: Option<Private>,
    pub locals: Vec<LocalDef<'a>>,
    pub calls: Vec<&'a ExprMethodCall>,
    /// The function's name and declared return type (`-> T`), for following a result it
    /// returns into its callers.
    pub name: String,
    pub output: Option<&'a syn::Type>,
    /// A free function (`fn` item), not a method: callers name it by its path.
    pub free: bool,
    /// An item of the file's own module: not inside an inline `mod`, a function or an
    /// `impl`, so other files name it by the file's module path.
    pub top_level: bool,
}

impl<'a> FnBody<'a> {
    /// The initializer of the last `let name` before byte `before`.
    pub fn init_of(&self, name: &str, before: usize) -> Option<&'a Expr> {
        self.local_before(name, before).and_then(|l| l.init)
    }

    pub fn local_before(&self, name: &str, before: usize) -> Option<&LocalDef<'a>> {
        self.locals
            .iter()
            .rfind(|l| l.name == name && l.stmt.end <= before)
    }

    /// A parameter's type and position.
    pub fn param(&self, name: &str) -> Option<(&'a syn::Type, usize)> {
        self.params
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, t, i)| (*t, *i))
    }

    /// The span that names this body (its block).
    pub fn span(&self) -> Span {
        span_of(self.block)
    }

    /// How many statements hold `span`: a statement inside a branch or a loop is deeper
    /// than its neighbours outside it.
    pub fn depth(&self, span: Span) -> usize {
        struct Count {
            target: Span,
            depth: usize,
        }
        impl<'a> Visit<'a> for Count {
            fn visit_stmt(&mut self, stmt: &'a Stmt) {
                if span_of(stmt).contains(self.target) {
                    self.depth += 1;
                    visit::visit_stmt(self, stmt);
                }
            }
            fn visit_item(&mut self, _: &'a syn::Item) {}
        }
        let mut count = Count {
            target: span,
            depth: 0,
        };
        count.visit_block(self.block);
        count.depth
    }

    /// The innermost statement that holds `span`.
    pub fn statement_holding(&self, span: Span) -> Option<&'a Stmt> {
        struct Find<'a> {
            target: Span,
            found: Option<&'a Stmt>,
        }
        impl<'a> Visit<'a> for Find<'a> {
            fn visit_stmt(&mut self, stmt: &'a Stmt) {
                if span_of(stmt).contains(self.target) {
                    self.found = Some(stmt);
                    visit::visit_stmt(self, stmt);
                }
            }
            fn visit_item(&mut self, _: &'a syn::Item) {}
        }
        let mut find = Find {
            target: span,
            found: None,
        };
        find.visit_block(self.block);
        find.found
    }
}

fn pat_name(pat: &Pat) -> Option<(String, bool)> {
    match pat {
        Pat::Ident(p) => Some((p.ident.to_string(), p.mutability.is_some())),
        Pat::Type(t) => pat_name(&t.pat),
        _ => None,
    }
}

/// What one body holds: `let`s and method calls, not those of nested items.
struct Collect<'a> {
    locals: Vec<LocalDef<'a>>,
    calls: Vec<&'a ExprMethodCall>,
}

impl<'a> Visit<'a> for Collect<'a> {
    fn visit_local(&mut self, local: &'a syn::Local) {
        if let Some((name, mutable)) = pat_name(&local.pat) {
            self.locals.push(LocalDef {
                name,
                init: local.init.as_ref().map(|i| &*i.expr),
                stmt: span_of(local),
                mutable,
            });
        }
        visit::visit_local(self, local);
    }
    fn visit_expr_method_call(&mut self, call: &'a ExprMethodCall) {
        self.calls.push(call);
        visit::visit_expr_method_call(self, call);
    }
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        // Calls inside `vec![...]`, `println!(...)` are tokens; their own pass reads them.
        let _ = mac;
    }
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

fn body<'a>(
    sig: &'a syn::Signature,
    block: &'a syn::Block,
    private: Option<&syn::Visibility>,
    free: bool,
) -> FnBody<'a> {
    let params = sig
        .inputs
        .iter()
        .filter(|arg| matches!(arg, FnArg::Typed(_)))
        .enumerate()
        .filter_map(|(i, arg)| match arg {
            FnArg::Typed(t) => pat_name(&t.pat).map(|(n, _)| (n, &*t.ty, i)),
            FnArg::Receiver(_) => None,
        })
        .collect();
    // `pub(self)` is private too; every other `pub` reaches other files.
    let private = private
        .filter(|vis| match vis {
            syn::Visibility::Inherited => true,
            syn::Visibility::Restricted(r) => r.in_token.is_none() && r.path.is_ident("self"),
            syn::Visibility::Public(_) => false,
        })
        .map(|_| Private {
            name: sig.ident.to_string(),
            receiver: sig.receiver().is_some(),
        });
    let mut collect = Collect {
        locals: Vec::new(),
        calls: Vec::new(),
    };
    collect.visit_block(block);
    FnBody {
        block,
        params,
        private,
        locals: collect.locals,
        calls: collect.calls,
        name: sig.ident.to_string(),
        output: match &sig.output {
            syn::ReturnType::Type(_, ty) => Some(&**ty),
            syn::ReturnType::Default => None,
        },
        free,
        top_level: false,
    }
}

/// Every function body of the file (free functions, methods, trait defaults, nested ones).
pub fn bodies(file: &syn::File) -> Vec<FnBody<'_>> {
    struct Bodies<'a> {
        found: Vec<FnBody<'a>>,
        /// Inside `impl Trait for X`: its methods are the trait's, callable from anywhere.
        in_trait_impl: bool,
        /// How many inline modules and functions hold the item being visited.
        nesting: usize,
    }
    impl<'a> Visit<'a> for Bodies<'a> {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            let mut found = body(&f.sig, &f.block, Some(&f.vis), true);
            found.top_level = self.nesting == 0;
            self.found.push(found);
            let outer = std::mem::replace(&mut self.in_trait_impl, false);
            self.nesting += 1;
            visit::visit_item_fn(self, f);
            self.nesting -= 1;
            self.in_trait_impl = outer;
        }
        fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
            self.nesting += 1;
            visit::visit_item_mod(self, m);
            self.nesting -= 1;
        }
        fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
            let outer = std::mem::replace(&mut self.in_trait_impl, i.trait_.is_some());
            visit::visit_item_impl(self, i);
            self.in_trait_impl = outer;
        }
        fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
            let vis = (!self.in_trait_impl).then_some(&f.vis);
            self.found.push(body(&f.sig, &f.block, vis, false));
            let outer = std::mem::replace(&mut self.in_trait_impl, false);
            self.nesting += 1;
            visit::visit_impl_item_fn(self, f);
            self.nesting -= 1;
            self.in_trait_impl = outer;
        }
        fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
            if let Some(block) = &f.default {
                self.found.push(body(&f.sig, block, None, false));
            }
            self.nesting += 1;
            visit::visit_trait_item_fn(self, f);
            self.nesting -= 1;
        }
    }
    let mut all = Bodies {
        found: Vec::new(),
        in_trait_impl: false,
        nesting: 0,
    };
    all.visit_file(file);
    all.found
}

/// One call in the file of a function by its name: `name(..)`, `Self::name(..)`,
/// `module::name(..)`, or the method call `x.name(..)`.
pub struct Call {
    pub name: String,
    /// `x.name(..)`: the arguments come after the receiver.
    pub method: bool,
    /// The arguments, as written (copied: a call inside a macro is parsed from its tokens).
    pub args: Vec<Expr>,
    pub span: Span,
    /// `module::name(..)`, `Self::name(..)`: a path of more than the name, which may be
    /// another function of that name.
    pub qualified: bool,
}

/// Who calls what in one file, for tracing a parameter of a private function back to the
/// values its callers pass. Names are compared without resolving paths: a call of another
/// function with the same name counts as a caller too, which only makes the tracing
/// stricter.
pub struct Callers {
    /// No code outside this file can reach its private functions: it declares no module
    /// in another file (`mod x;`, whose code may call its parent's private items) and
    /// includes no other file (`include!`).
    pub sealed: bool,
    pub calls: Vec<Call>,
    /// Names used other than as the function of a call (`.map(name)`, `let f = name;`,
    /// `use name as other;`, a macro responsify cannot parse), with where and whether the
    /// name stands alone (a local variable of that name is another thing): such a function
    /// may be called with anything.
    pub values: Vec<(String, Span, bool)>,
    /// Names bound by patterns (`let`, parameters, `for`, closures, arms), with where.
    pub bindings: Vec<(String, Span)>,
    /// Indices into `calls` and `values` by name, in order: one scan of every call and use
    /// per traced function is quadratic in a file of many functions.
    calls_named: HashMap<String, Vec<usize>>,
    values_named: HashMap<String, Vec<usize>>,
}

impl Callers {
    pub fn of(file: &syn::File) -> Callers {
        let mut callers = Callers {
            sealed: true,
            calls: Vec::new(),
            values: Vec::new(),
            bindings: Vec::new(),
            calls_named: HashMap::new(),
            values_named: HashMap::new(),
        };
        callers.visit_file(file);
        for (i, call) in callers.calls.iter().enumerate() {
            callers
                .calls_named
                .entry(call.name.clone())
                .or_default()
                .push(i);
        }
        for (i, (name, _, _)) in callers.values.iter().enumerate() {
            callers
                .values_named
                .entry(name.clone())
                .or_default()
                .push(i);
        }
        callers
    }

    /// Where the function `name` is used other than by a call, if anywhere. A lone name is
    /// a local variable, not the function, when the function body around it binds that
    /// name before it (`let poem = String::new(); .. Ok(poem)`).
    pub fn as_value(&self, name: &str, bodies: &[FnBody]) -> Option<Span> {
        self.values_named
            .get(name)
            .into_iter()
            .flatten()
            .map(|&i| &self.values[i])
            .find(|(_, at, alone)| {
                let local = *alone
                    && bodies
                        .iter()
                        .filter(|b| b.span().contains(*at))
                        .min_by_key(|b| b.span().end - b.span().start)
                        .is_some_and(|b| {
                            b.param(name).is_some()
                                || self.bindings.iter().any(|(n, bound)| {
                                    n == name && b.span().contains(*bound) && bound.start < at.start
                                })
                        });
                !local
            })
            .map(|(_, at, _)| *at)
    }

    /// The calls that may be of the function `private`.
    pub fn of_function<'c>(&'c self, private: &'c Private) -> impl Iterator<Item = &'c Call> {
        self.calls_named
            .get(&private.name)
            .into_iter()
            .flatten()
            .map(|&i| &self.calls[i])
            .filter(move |c| !c.method || private.receiver)
    }
}

impl<'a> Visit<'a> for Callers {
    fn visit_expr_call(&mut self, call: &'a syn::ExprCall) {
        if let Expr::Path(func) = &*call.func {
            if let Some(last) = func.path.segments.last() {
                self.calls.push(Call {
                    name: last.ident.to_string(),
                    method: false,
                    args: call.args.iter().cloned().collect(),
                    span: span_of(call),
                    qualified: func.qself.is_some() || func.path.segments.len() > 1,
                });
                // The callee is a call, not a use as a value; its generic arguments and
                // the arguments are visited as usual.
                for arg in &call.args {
                    self.visit_expr(arg);
                }
                return;
            }
        }
        visit::visit_expr_call(self, call);
    }
    fn visit_expr_method_call(&mut self, call: &'a ExprMethodCall) {
        self.calls.push(Call {
            name: call.method.to_string(),
            method: true,
            args: call.args.iter().cloned().collect(),
            span: span_of(call),
            qualified: false,
        });
        visit::visit_expr_method_call(self, call);
    }
    fn visit_expr_path(&mut self, path: &'a syn::ExprPath) {
        if let Some(last) = path.path.segments.last() {
            let alone = path.qself.is_none() && path.path.segments.len() == 1;
            self.values
                .push((last.ident.to_string(), span_of(path), alone));
        }
        visit::visit_expr_path(self, path);
    }
    fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
        self.bindings.push((p.ident.to_string(), span_of(&p.ident)));
        visit::visit_pat_ident(self, p);
    }
    fn visit_use_rename(&mut self, rename: &'a syn::UseRename) {
        self.values
            .push((rename.ident.to_string(), span_of(&rename.ident), false));
    }
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        if m.content.is_none() {
            self.sealed = false;
        }
        visit::visit_item_mod(self, m);
    }
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if mac.path.is_ident("include") {
            self.sealed = false;
        }
        // `println!("{}", f(&client))`, `vec![f(a), f(b)]`, `assert!(..)`: arguments that
        // parse as expressions are read like code; any other macro's mentions of a name
        // count as uses responsify cannot follow.
        use syn::parse::Parser;
        let parsed = syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated
            .parse2(mac.tokens.clone());
        match parsed {
            Ok(exprs) => {
                for e in &exprs {
                    self.visit_expr(e);
                }
            }
            Err(_) => mention_all(mac.tokens.clone(), &mut self.values),
        }
    }
}

fn mention_all(tokens: proc_macro2::TokenStream, out: &mut Vec<(String, Span, bool)>) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(i) => {
                out.push((i.to_string(), super::values::token_span(i.span()), false))
            }
            proc_macro2::TokenTree::Group(g) => mention_all(g.stream(), out),
            _ => {}
        }
    }
}
