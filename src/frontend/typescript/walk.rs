//! A small source-order walk over oxc's AST.
//!
//! oxc keeps its visitor in a separate crate (`oxc_ast_visit`) that this project does not
//! depend on; the front end needs far less than a full visitor: every statement and
//! expression in order, and where function bodies start and end (the scopes names live in).

use oxc_ast::ast::*;

/// What a walk reports. Returning `false` from `expr` skips the expression's children.
pub trait Visitor<'a> {
    fn stmt(&mut self, _stmt: &'a Statement<'a>) {}
    fn expr(&mut self, _expr: &'a Expression<'a>) -> bool {
        true
    }
    /// A function body (or arrow body) starts: `span` is the whole function, `params` its
    /// parameters' names, `body` its statements (empty for an expression-bodied arrow).
    fn enter_function(&mut self, _span: Span, _params: Vec<String>, _function: FunctionRef<'a>) {}
    fn exit_function(&mut self) {}
    fn class(&mut self, _class: &'a Class<'a>) {}
    fn declarator(&mut self, _declarator: &'a VariableDeclarator<'a>) {}
}

/// A function-like node, as the walk hands it to the visitor.
#[derive(Clone, Copy)]
pub enum FunctionRef<'a> {
    Function(&'a Function<'a>),
    Arrow(&'a ArrowFunctionExpression<'a>),
}

impl<'a> FunctionRef<'a> {
    pub fn statements(&self) -> &'a [Statement<'a>] {
        match self {
            FunctionRef::Function(f) => f.body.as_ref().map_or(&[], |b| &b.statements),
            FunctionRef::Arrow(a) => match &a.body {
                ArrowFunctionBody::FunctionBody(b) => &b.statements,
                _ => &[],
            },
        }
    }

    /// The expression an arrow without braces returns.
    pub fn expression_body(&self) -> Option<&'a Expression<'a>> {
        match self {
            FunctionRef::Arrow(a) => match &a.body {
                ArrowFunctionBody::FunctionBody(_) => None,
                body => body.as_expression(),
            },
            FunctionRef::Function(_) => None,
        }
    }
}

pub fn span_of(s: oxc_span::Span) -> crate::model::Span {
    crate::model::Span::new(s.start as usize, s.end as usize)
}

pub fn param_names(params: &FormalParameters) -> Vec<String> {
    let mut out: Vec<String> = params
        .items
        .iter()
        .flat_map(|p| p.pattern.get_binding_identifiers())
        .map(|b| b.name.as_str().to_string())
        .collect();
    if let Some(rest) = &params.rest {
        out.extend(
            rest.rest
                .argument
                .get_binding_identifiers()
                .iter()
                .map(|b| b.name.as_str().to_string()),
        );
    }
    out
}

pub fn statements<'a, V: Visitor<'a>>(v: &mut V, body: &'a [Statement<'a>]) {
    for s in body {
        statement(v, s);
    }
}

pub fn statement<'a, V: Visitor<'a>>(v: &mut V, s: &'a Statement<'a>) {
    v.stmt(s);
    match s {
        Statement::BlockStatement(b) => statements(v, &b.body),
        Statement::DoWhileStatement(d) => {
            statement(v, &d.body);
            expression(v, &d.test);
        }
        Statement::ExpressionStatement(e) => expression(v, &e.expression),
        Statement::ForInStatement(f) => {
            for_left(v, &f.left);
            expression(v, &f.right);
            statement(v, &f.body);
        }
        Statement::ForOfStatement(f) => {
            for_left(v, &f.left);
            expression(v, &f.right);
            statement(v, &f.body);
        }
        Statement::ForStatement(f) => {
            match &f.init {
                Some(ForStatementInit::VariableDeclaration(d)) => declaration(v, d),
                Some(init) => {
                    if let Some(e) = init.as_expression() {
                        expression(v, e)
                    }
                }
                None => {}
            }
            if let Some(t) = &f.test {
                expression(v, t);
            }
            if let Some(u) = &f.update {
                expression(v, u);
            }
            statement(v, &f.body);
        }
        Statement::IfStatement(i) => {
            expression(v, &i.test);
            statement(v, &i.consequent);
            if let Some(a) = &i.alternate {
                statement(v, a);
            }
        }
        Statement::LabeledStatement(l) => statement(v, &l.body),
        Statement::ReturnStatement(r) => {
            if let Some(a) = &r.argument {
                expression(v, a);
            }
        }
        Statement::SwitchStatement(sw) => {
            expression(v, &sw.discriminant);
            for case in &sw.cases {
                if let Some(t) = &case.test {
                    expression(v, t);
                }
                statements(v, &case.consequent);
            }
        }
        Statement::ThrowStatement(t) => expression(v, &t.argument),
        Statement::TryStatement(t) => {
            statements(v, &t.block.body);
            if let Some(h) = &t.handler {
                statements(v, &h.body.body);
            }
            if let Some(f) = &t.finalizer {
                statements(v, &f.body);
            }
        }
        Statement::WhileStatement(w) => {
            expression(v, &w.test);
            statement(v, &w.body);
        }
        Statement::WithStatement(w) => {
            expression(v, &w.object);
            statement(v, &w.body);
        }
        Statement::VariableDeclaration(d) => declaration(v, d),
        Statement::FunctionDeclaration(f) => function(v, f),
        Statement::ClassDeclaration(c) => class(v, c),
        Statement::ExportDeclaration(e) => match &e.declaration {
            Declaration::VariableDeclaration(d) => declaration(v, d),
            Declaration::FunctionDeclaration(f) => function(v, f),
            Declaration::ClassDeclaration(c) => class(v, c),
            _ => {}
        },
        Statement::ExportDefaultDeclaration(e) => match &e.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => function(v, f),
            ExportDefaultDeclarationKind::ClassDeclaration(c) => class(v, c),
            other => {
                if let Some(e) = other.as_expression() {
                    expression(v, e)
                }
            }
        },
        _ => {}
    }
}

fn for_left<'a, V: Visitor<'a>>(v: &mut V, left: &'a ForStatementLeft<'a>) {
    if let ForStatementLeft::VariableDeclaration(d) = left {
        declaration(v, d);
    }
}

pub fn declaration<'a, V: Visitor<'a>>(v: &mut V, d: &'a VariableDeclaration<'a>) {
    for declarator in &d.declarations {
        v.declarator(declarator);
        if let Some(init) = &declarator.init {
            expression(v, init);
        }
    }
}

pub fn function<'a, V: Visitor<'a>>(v: &mut V, f: &'a Function<'a>) {
    v.enter_function(f.span, param_names(&f.params), FunctionRef::Function(f));
    for p in &f.params.items {
        if let Some(init) = &p.initializer {
            expression(v, init);
        }
    }
    if let Some(body) = &f.body {
        statements(v, &body.statements);
    }
    v.exit_function();
}

fn arrow<'a, V: Visitor<'a>>(v: &mut V, a: &'a ArrowFunctionExpression<'a>) {
    v.enter_function(a.span, param_names(&a.params), FunctionRef::Arrow(a));
    match &a.body {
        ArrowFunctionBody::FunctionBody(b) => statements(v, &b.statements),
        body => {
            if let Some(e) = body.as_expression() {
                expression(v, e)
            }
        }
    }
    v.exit_function();
}

pub fn class<'a, V: Visitor<'a>>(v: &mut V, c: &'a Class<'a>) {
    v.class(c);
    if let Some(heritage) = &c.heritage {
        expression(v, &heritage.expression);
    }
    for element in &c.body.body {
        match element {
            ClassElement::MethodDefinition(m) => function(v, &m.value),
            ClassElement::PropertyDefinition(p) => {
                if let Some(value) = &p.value {
                    expression(v, value);
                }
            }
            ClassElement::StaticBlock(b) => statements(v, &b.body),
            _ => {}
        }
    }
}

pub fn arguments<'a, V: Visitor<'a>>(v: &mut V, args: &'a [Argument<'a>]) {
    for a in args {
        match a {
            Argument::SpreadElement(s) => expression(v, &s.argument),
            other => {
                if let Some(e) = other.as_expression() {
                    expression(v, e)
                }
            }
        }
    }
}

pub fn expression<'a, V: Visitor<'a>>(v: &mut V, e: &'a Expression<'a>) {
    if !v.expr(e) {
        return;
    }
    match e {
        Expression::TemplateLiteral(t) => {
            for x in &t.expressions {
                expression(v, x);
            }
        }
        Expression::ArrayExpression(a) => {
            for el in &a.elements {
                match el {
                    ArrayExpressionElement::SpreadElement(s) => expression(v, &s.argument),
                    ArrayExpressionElement::Elision(_) => {}
                    other => {
                        if let Some(x) = other.as_expression() {
                            expression(v, x)
                        }
                    }
                }
            }
        }
        Expression::ArrowFunctionExpression(a) => arrow(v, a),
        Expression::AssignmentExpression(a) => {
            if let Some(target) = a.left.as_simple_assignment_target() {
                if let Some(m) = target.as_member_expression() {
                    expression_member(v, m);
                }
            }
            expression(v, &a.right);
        }
        Expression::AwaitExpression(a) => expression(v, &a.argument),
        Expression::BinaryExpression(b) => {
            expression(v, &b.left);
            expression(v, &b.right);
        }
        Expression::CallExpression(c) => {
            expression(v, &c.callee);
            arguments(v, &c.arguments);
        }
        Expression::ChainExpression(c) => match &c.expression {
            ChainElement::CallExpression(call) => {
                expression(v, &call.callee);
                arguments(v, &call.arguments);
            }
            ChainElement::TSNonNullExpression(n) => expression(v, &n.expression),
            other => {
                if let Some(m) = other.as_member_expression() {
                    expression_member(v, m);
                }
            }
        },
        Expression::ClassExpression(c) => class(v, c),
        Expression::ConditionalExpression(c) => {
            expression(v, &c.test);
            expression(v, &c.consequent);
            expression(v, &c.alternate);
        }
        Expression::FunctionExpression(f) => function(v, f),
        Expression::ImportExpression(i) => expression(v, &i.source),
        Expression::LogicalExpression(l) => {
            expression(v, &l.left);
            expression(v, &l.right);
        }
        Expression::NewExpression(n) => {
            expression(v, &n.callee);
            arguments(v, &n.arguments);
        }
        Expression::ObjectExpression(o) => {
            for p in &o.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p) => {
                        if p.computed {
                            if let Some(k) = p.key.as_expression() {
                                expression(v, k);
                            }
                        }
                        expression(v, &p.value);
                    }
                    ObjectPropertyKind::SpreadProperty(s) => expression(v, &s.argument),
                }
            }
        }
        Expression::ParenthesizedExpression(p) => expression(v, &p.expression),
        Expression::SequenceExpression(s) => {
            for x in &s.expressions {
                expression(v, x);
            }
        }
        Expression::TaggedTemplateExpression(t) => {
            expression(v, &t.tag);
            for x in &t.quasi.expressions {
                expression(v, x);
            }
        }
        Expression::UnaryExpression(u) => expression(v, &u.argument),
        Expression::YieldExpression(y) => {
            if let Some(a) = &y.argument {
                expression(v, a);
            }
        }
        Expression::TSAsExpression(x) => expression(v, &x.expression),
        Expression::TSSatisfiesExpression(x) => expression(v, &x.expression),
        Expression::TSTypeAssertion(x) => expression(v, &x.expression),
        Expression::TSNonNullExpression(x) => expression(v, &x.expression),
        Expression::TSInstantiationExpression(x) => expression(v, &x.expression),
        Expression::StaticMemberExpression(m) => expression(v, &m.object),
        Expression::ComputedMemberExpression(m) => {
            expression(v, &m.object);
            expression(v, &m.expression);
        }
        Expression::PrivateFieldExpression(m) => expression(v, &m.object),
        Expression::JSXElement(e) => jsx_element(v, e),
        Expression::JSXFragment(f) => jsx_children(v, &f.children),
        _ => {}
    }
}

fn jsx_element<'a, V: Visitor<'a>>(v: &mut V, e: &'a JSXElement<'a>) {
    for attribute in &e.opening_element.attributes {
        match attribute {
            JSXAttributeItem::Attribute(a) => match &a.value {
                Some(JSXAttributeValue::ExpressionContainer(c)) => jsx_container(v, c),
                Some(JSXAttributeValue::Element(e)) => jsx_element(v, e),
                Some(JSXAttributeValue::Fragment(f)) => jsx_children(v, &f.children),
                _ => {}
            },
            JSXAttributeItem::SpreadAttribute(s) => expression(v, &s.argument),
        }
    }
    jsx_children(v, &e.children);
}

fn jsx_children<'a, V: Visitor<'a>>(v: &mut V, children: &'a [JSXChild<'a>]) {
    for child in children {
        match child {
            JSXChild::Element(e) => jsx_element(v, e),
            JSXChild::Fragment(f) => jsx_children(v, &f.children),
            JSXChild::ExpressionContainer(c) => jsx_container(v, c),
            JSXChild::Spread(s) => expression(v, &s.expression),
            JSXChild::Text(_) => {}
        }
    }
}

fn jsx_container<'a, V: Visitor<'a>>(v: &mut V, c: &'a JSXExpressionContainer<'a>) {
    if let Some(e) = c.expression.as_expression() {
        expression(v, e);
    }
}

fn expression_member<'a, V: Visitor<'a>>(v: &mut V, m: &'a MemberExpression<'a>) {
    match m {
        MemberExpression::StaticMemberExpression(s) => expression(v, &s.object),
        MemberExpression::ComputedMemberExpression(c) => {
            expression(v, &c.object);
            expression(v, &c.expression);
        }
        MemberExpression::PrivateFieldExpression(p) => expression(v, &p.object),
    }
}
