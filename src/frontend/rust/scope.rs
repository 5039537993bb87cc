//! Function bodies: the scope in which responsify follows a Rust value.
//!
//! A request, a client and a response are traced within the function that holds the call:
//! through `let` bindings and the function's parameters. Nothing crosses a function
//! boundary; what would is reported as unseen.

use super::values::span_of;
use crate::model::Span;
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

/// One function body, with its parameters, its `let` bindings and its method calls.
pub struct FnBody<'a> {
    pub block: &'a syn::Block,
    pub params: Vec<(String, &'a syn::Type)>,
    pub locals: Vec<LocalDef<'a>>,
    pub calls: Vec<&'a ExprMethodCall>,
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

    pub fn param_type(&self, name: &str) -> Option<&'a syn::Type> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
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

fn body<'a>(sig: &'a syn::Signature, block: &'a syn::Block) -> FnBody<'a> {
    let params = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            FnArg::Typed(t) => pat_name(&t.pat).map(|(n, _)| (n, &*t.ty)),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let mut collect = Collect {
        locals: Vec::new(),
        calls: Vec::new(),
    };
    collect.visit_block(block);
    FnBody {
        block,
        params,
        locals: collect.locals,
        calls: collect.calls,
    }
}

/// Every function body of the file (free functions, methods, trait defaults, nested ones).
pub fn bodies(file: &syn::File) -> Vec<FnBody<'_>> {
    struct Bodies<'a>(Vec<FnBody<'a>>);
    impl<'a> Visit<'a> for Bodies<'a> {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            self.0.push(body(&f.sig, &f.block));
            visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
            self.0.push(body(&f.sig, &f.block));
            visit::visit_impl_item_fn(self, f);
        }
        fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
            if let Some(block) = &f.default {
                self.0.push(body(&f.sig, block));
            }
            visit::visit_trait_item_fn(self, f);
        }
    }
    let mut all = Bodies(Vec::new());
    all.visit_file(file);
    all.0
}
