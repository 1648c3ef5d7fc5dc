//! Symbol-table analysis: which names a scope binds, declares global or
//! nonlocal, and which of its locals are captured by nested scopes (cells),
//! as CPython's symtable computes them.

use rustpython_parser::ast::{self, Expr, Pattern, Stmt};
use std::collections::BTreeSet;

#[derive(Default, Debug, Clone)]
pub struct ScopeInfo {
    /// Names bound in this scope (parameters first, in order).
    pub params: Vec<String>,
    pub bound: BTreeSet<String>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
    pub used: BTreeSet<String>,
    /// Names free in nested scopes (they need a cell here or further out).
    pub child_free: BTreeSet<String>,
    pub is_class: bool,
    pub has_yield: bool,
    /// Contains `await`, `async for` or an async comprehension (for a
    /// comprehension: it must run as a coroutine).
    pub has_await: bool,
    /// Every name in the order first seen (bound or used), which is the
    /// order CPython's symtable gives locals in `co_varnames`.
    pub order: Vec<String>,
}

impl ScopeInfo {
    pub fn is_local(&self, name: &str) -> bool {
        (self.bound.contains(name) || self.params.iter().any(|p| p == name))
            && !self.globals.contains(name)
            && !self.nonlocals.contains(name)
    }

    /// Names this scope needs from enclosing function scopes.
    pub fn free(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self.nonlocals.clone();
        for n in self.used.iter().chain(self.child_free.iter()) {
            if self.is_class {
                // Class scopes do not capture for their children, but read through.
                if !self.globals.contains(n) && (!self.is_local(n) || self.child_free.contains(n)) {
                    out.insert(n.clone());
                }
            } else if !self.is_local(n) && !self.globals.contains(n) {
                out.insert(n.clone());
            }
        }
        if self.is_class {
            out.remove("__class__");
        }
        out
    }
}

/// Analyse a function (or lambda) body given its parameters.
pub fn analyze_function(params: Vec<String>, body: &[Stmt]) -> ScopeInfo {
    let mut s = ScopeInfo {
        params,
        ..Default::default()
    };
    for st in body {
        visit_stmt(&mut s, st);
    }
    s
}

pub fn analyze_lambda(params: Vec<String>, body: &Expr) -> ScopeInfo {
    let mut s = ScopeInfo {
        params,
        ..Default::default()
    };
    visit_expr(&mut s, body);
    s
}

pub fn analyze_class(body: &[Stmt]) -> ScopeInfo {
    let mut s = ScopeInfo {
        is_class: true,
        ..Default::default()
    };
    for st in body {
        visit_stmt(&mut s, st);
    }
    s
}

pub fn analyze_module(body: &[Stmt]) -> ScopeInfo {
    let mut s = ScopeInfo::default();
    for st in body {
        visit_stmt(&mut s, st);
    }
    s
}

/// A comprehension: `.0` is the outermost iterator; the rest is analysed inside.
pub fn analyze_comprehension(gens: &[ast::Comprehension], elts: &[&Expr]) -> ScopeInfo {
    let mut s = ScopeInfo {
        params: vec![".0".into()],
        ..Default::default()
    };
    for (i, g) in gens.iter().enumerate() {
        s.has_await |= g.is_async;
        bind_target(&mut s, &g.target);
        if i > 0 {
            visit_expr(&mut s, &g.iter);
        }
        for c in &g.ifs {
            visit_expr(&mut s, c);
        }
    }
    for e in elts {
        visit_expr(&mut s, e);
    }
    s
}

pub fn arg_names(args: &ast::Arguments) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for a in args.posonlyargs.iter().chain(args.args.iter()) {
        v.push(a.def.arg.to_string());
    }
    for a in &args.kwonlyargs {
        v.push(a.def.arg.to_string());
    }
    if let Some(a) = &args.vararg {
        v.push(a.arg.to_string());
    }
    if let Some(a) = &args.kwarg {
        v.push(a.arg.to_string());
    }
    v
}

fn child(s: &mut ScopeInfo, c: ScopeInfo) {
    s.child_free.extend(c.free());
}

fn bind(s: &mut ScopeInfo, name: &str) {
    if s.bound.insert(name.to_string()) && !s.used.contains(name) {
        s.order.push(name.to_string());
    }
}

fn bind_target(s: &mut ScopeInfo, e: &Expr) {
    match e {
        Expr::Name(n) => bind(s, &n.id),
        Expr::Tuple(t) => t.elts.iter().for_each(|x| bind_target(s, x)),
        Expr::List(t) => t.elts.iter().for_each(|x| bind_target(s, x)),
        Expr::Starred(st) => bind_target(s, &st.value),
        other => visit_expr(s, other),
    }
}

fn visit_body(s: &mut ScopeInfo, body: &[Stmt]) {
    for st in body {
        visit_stmt(s, st);
    }
}

/// What a `def` evaluates in the enclosing scope: defaults and annotations.
fn visit_args_defaults(s: &mut ScopeInfo, args: &ast::Arguments, returns: Option<&Expr>) {
    for a in args
        .posonlyargs
        .iter()
        .chain(args.args.iter())
        .chain(args.kwonlyargs.iter())
    {
        if let Some(d) = &a.default {
            visit_expr(s, d);
        }
        if let Some(an) = &a.def.annotation {
            visit_expr(s, an);
        }
    }
    for a in args.vararg.iter().chain(args.kwarg.iter()) {
        if let Some(an) = &a.annotation {
            visit_expr(s, an);
        }
    }
    if let Some(r) = returns {
        visit_expr(s, r);
    }
}

fn visit_stmt(s: &mut ScopeInfo, st: &Stmt) {
    match st {
        Stmt::FunctionDef(f) => {
            bind(s, &f.name);
            f.decorator_list.iter().for_each(|d| visit_expr(s, d));
            visit_args_defaults(s, &f.args, f.returns.as_deref());
            let c = analyze_function(arg_names(&f.args), &f.body);
            child(s, c);
        }
        Stmt::AsyncFunctionDef(f) => {
            bind(s, &f.name);
            f.decorator_list.iter().for_each(|d| visit_expr(s, d));
            visit_args_defaults(s, &f.args, f.returns.as_deref());
            let c = analyze_function(arg_names(&f.args), &f.body);
            child(s, c);
        }
        Stmt::ClassDef(c) => {
            bind(s, &c.name);
            c.decorator_list.iter().for_each(|d| visit_expr(s, d));
            c.bases.iter().for_each(|b| visit_expr(s, b));
            c.keywords.iter().for_each(|k| visit_expr(s, &k.value));
            let ci = analyze_class(&c.body);
            child(s, ci);
        }
        Stmt::Return(r) => {
            if let Some(v) = &r.value {
                visit_expr(s, v)
            }
        }
        Stmt::Delete(d) => d.targets.iter().for_each(|t| bind_target(s, t)),
        Stmt::Assign(a) => {
            a.targets.iter().for_each(|t| bind_target(s, t));
            visit_expr(s, &a.value);
        }
        Stmt::AugAssign(a) => {
            if let Expr::Name(n) = &*a.target {
                if s.used.insert(n.id.to_string()) && !s.bound.contains(n.id.as_str()) {
                    s.order.push(n.id.to_string());
                }
            }
            bind_target(s, &a.target);
            visit_expr(s, &a.value);
        }
        Stmt::AnnAssign(a) => {
            if a.value.is_some() || !matches!(&*a.target, Expr::Name(_)) {
                bind_target(s, &a.target);
            } else if let Expr::Name(n) = &*a.target {
                bind(s, &n.id);
            }
            if let Some(v) = &a.value {
                visit_expr(s, v);
            }
            visit_expr(s, &a.annotation);
        }
        Stmt::For(f) => {
            bind_target(s, &f.target);
            visit_expr(s, &f.iter);
            visit_body(s, &f.body);
            visit_body(s, &f.orelse);
        }
        Stmt::AsyncFor(f) => {
            bind_target(s, &f.target);
            visit_expr(s, &f.iter);
            visit_body(s, &f.body);
            visit_body(s, &f.orelse);
        }
        Stmt::While(w) => {
            visit_expr(s, &w.test);
            visit_body(s, &w.body);
            visit_body(s, &w.orelse);
        }
        Stmt::If(i) => {
            visit_expr(s, &i.test);
            visit_body(s, &i.body);
            visit_body(s, &i.orelse);
        }
        Stmt::With(w) => {
            for it in &w.items {
                visit_expr(s, &it.context_expr);
                if let Some(v) = &it.optional_vars {
                    bind_target(s, v);
                }
            }
            visit_body(s, &w.body);
        }
        Stmt::AsyncWith(w) => {
            for it in &w.items {
                visit_expr(s, &it.context_expr);
                if let Some(v) = &it.optional_vars {
                    bind_target(s, v);
                }
            }
            visit_body(s, &w.body);
        }
        Stmt::Match(m) => {
            visit_expr(s, &m.subject);
            for c in &m.cases {
                visit_pattern(s, &c.pattern);
                if let Some(g) = &c.guard {
                    visit_expr(s, g);
                }
                visit_body(s, &c.body);
            }
        }
        Stmt::Raise(r) => {
            if let Some(e) = &r.exc {
                visit_expr(s, e);
            }
            if let Some(c) = &r.cause {
                visit_expr(s, c);
            }
        }
        Stmt::Try(t) => {
            visit_body(s, &t.body);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(ty) = &h.type_ {
                    visit_expr(s, ty);
                }
                if let Some(n) = &h.name {
                    bind(s, n);
                }
                visit_body(s, &h.body);
            }
            visit_body(s, &t.orelse);
            visit_body(s, &t.finalbody);
        }
        Stmt::TryStar(t) => {
            visit_body(s, &t.body);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(ty) = &h.type_ {
                    visit_expr(s, ty);
                }
                if let Some(n) = &h.name {
                    bind(s, n);
                }
                visit_body(s, &h.body);
            }
            visit_body(s, &t.orelse);
            visit_body(s, &t.finalbody);
        }
        Stmt::Assert(a) => {
            visit_expr(s, &a.test);
            if let Some(m) = &a.msg {
                visit_expr(s, m);
            }
        }
        Stmt::Import(i) => {
            for a in &i.names {
                match &a.asname {
                    Some(n) => bind(s, n),
                    None => bind(s, a.name.split('.').next().unwrap_or("")),
                }
            }
        }
        Stmt::ImportFrom(i) => {
            for a in &i.names {
                if a.name.as_str() == "*" {
                    continue;
                }
                bind(s, a.asname.as_ref().unwrap_or(&a.name));
            }
        }
        Stmt::Global(g) => g.names.iter().for_each(|n| {
            s.globals.insert(n.to_string());
        }),
        Stmt::Nonlocal(g) => g.names.iter().for_each(|n| {
            s.nonlocals.insert(n.to_string());
        }),
        Stmt::Expr(e) => visit_expr(s, &e.value),
        Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::TypeAlias(_) => {}
    }
}

fn visit_pattern(s: &mut ScopeInfo, p: &Pattern) {
    match p {
        Pattern::MatchValue(v) => visit_expr(s, &v.value),
        Pattern::MatchSingleton(_) => {}
        Pattern::MatchSequence(q) => q.patterns.iter().for_each(|x| visit_pattern(s, x)),
        Pattern::MatchMapping(m) => {
            m.keys.iter().for_each(|k| visit_expr(s, k));
            m.patterns.iter().for_each(|x| visit_pattern(s, x));
            if let Some(r) = &m.rest {
                bind(s, r);
            }
        }
        Pattern::MatchClass(c) => {
            visit_expr(s, &c.cls);
            c.patterns.iter().for_each(|x| visit_pattern(s, x));
            c.kwd_patterns.iter().for_each(|x| visit_pattern(s, x));
        }
        Pattern::MatchStar(st) => {
            if let Some(n) = &st.name {
                bind(s, n);
            }
        }
        Pattern::MatchAs(a) => {
            if let Some(p) = &a.pattern {
                visit_pattern(s, p);
            }
            if let Some(n) = &a.name {
                bind(s, n);
            }
        }
        Pattern::MatchOr(o) => o.patterns.iter().for_each(|x| visit_pattern(s, x)),
    }
}

fn visit_comprehension(
    s: &mut ScopeInfo,
    gens: &[ast::Comprehension],
    elts: &[&Expr],
    is_genexp: bool,
) {
    if let Some(first) = gens.first() {
        visit_expr(s, &first.iter);
    }
    let mut c = analyze_comprehension(gens, elts);
    // Walrus targets inside a comprehension bind in the enclosing scope.
    let mut walrus = BTreeSet::new();
    for e in elts {
        collect_walrus(e, &mut walrus);
    }
    for g in gens {
        for i in &g.ifs {
            collect_walrus(i, &mut walrus);
        }
    }
    for w in walrus {
        bind(s, &w);
        c.bound.remove(&w);
        c.nonlocals.insert(w);
    }
    if c.has_yield {
        s.has_yield = true;
    }
    // An async list/set/dict comprehension is awaited where it stands; an
    // async generator expression is not.
    if c.has_await && !is_genexp {
        s.has_await = true;
    }
    child(s, c);
}

pub fn collect_walrus(e: &Expr, out: &mut BTreeSet<String>) {
    if let Expr::NamedExpr(n) = e {
        if let Expr::Name(t) = &*n.target {
            out.insert(t.id.to_string());
        }
        collect_walrus(&n.value, out);
        return;
    }
    match e {
        Expr::BinOp(b) => {
            collect_walrus(&b.left, out);
            collect_walrus(&b.right, out);
        }
        Expr::BoolOp(b) => b.values.iter().for_each(|v| collect_walrus(v, out)),
        Expr::Compare(c) => {
            collect_walrus(&c.left, out);
            c.comparators.iter().for_each(|v| collect_walrus(v, out));
        }
        Expr::Call(c) => c.args.iter().for_each(|v| collect_walrus(v, out)),
        Expr::Tuple(t) => t.elts.iter().for_each(|v| collect_walrus(v, out)),
        Expr::UnaryOp(u) => collect_walrus(&u.operand, out),
        _ => {}
    }
}

fn visit_expr(s: &mut ScopeInfo, e: &Expr) {
    match e {
        Expr::BoolOp(b) => b.values.iter().for_each(|v| visit_expr(s, v)),
        Expr::NamedExpr(n) => {
            bind_target(s, &n.target);
            visit_expr(s, &n.value);
        }
        Expr::BinOp(b) => {
            visit_expr(s, &b.left);
            visit_expr(s, &b.right);
        }
        Expr::UnaryOp(u) => visit_expr(s, &u.operand),
        Expr::Lambda(l) => {
            visit_args_defaults(s, &l.args, None);
            let c = analyze_lambda(arg_names(&l.args), &l.body);
            child(s, c);
        }
        Expr::IfExp(i) => {
            visit_expr(s, &i.test);
            visit_expr(s, &i.body);
            visit_expr(s, &i.orelse);
        }
        Expr::Dict(d) => {
            d.keys.iter().flatten().for_each(|k| visit_expr(s, k));
            d.values.iter().for_each(|v| visit_expr(s, v));
        }
        Expr::Set(x) => x.elts.iter().for_each(|v| visit_expr(s, v)),
        Expr::ListComp(c) => visit_comprehension(s, &c.generators, &[&c.elt], false),
        Expr::SetComp(c) => visit_comprehension(s, &c.generators, &[&c.elt], false),
        Expr::DictComp(c) => visit_comprehension(s, &c.generators, &[&c.key, &c.value], false),
        Expr::GeneratorExp(c) => visit_comprehension(s, &c.generators, &[&c.elt], true),
        Expr::Await(a) => {
            s.has_await = true;
            visit_expr(s, &a.value)
        }
        Expr::Yield(y) => {
            s.has_yield = true;
            if let Some(v) = &y.value {
                visit_expr(s, v);
            }
        }
        Expr::YieldFrom(y) => {
            s.has_yield = true;
            visit_expr(s, &y.value);
        }
        Expr::Compare(c) => {
            visit_expr(s, &c.left);
            c.comparators.iter().for_each(|v| visit_expr(s, v));
        }
        Expr::Call(c) => {
            if let Expr::Name(n) = &*c.func {
                if n.id.as_str() == "super" {
                    s.used.insert("__class__".into());
                }
            }
            visit_expr(s, &c.func);
            c.args.iter().for_each(|v| visit_expr(s, v));
            c.keywords.iter().for_each(|k| visit_expr(s, &k.value));
        }
        Expr::FormattedValue(f) => {
            visit_expr(s, &f.value);
            if let Some(sp) = &f.format_spec {
                visit_expr(s, sp);
            }
        }
        Expr::JoinedStr(j) => j.values.iter().for_each(|v| visit_expr(s, v)),
        Expr::Constant(_) => {}
        Expr::Attribute(a) => visit_expr(s, &a.value),
        Expr::Subscript(x) => {
            visit_expr(s, &x.value);
            visit_expr(s, &x.slice);
        }
        Expr::Starred(x) => visit_expr(s, &x.value),
        Expr::Name(n) => match n.ctx {
            ast::ExprContext::Load => {
                if s.used.insert(n.id.to_string()) && !s.bound.contains(n.id.as_str()) {
                    s.order.push(n.id.to_string());
                }
            }
            _ => bind(s, &n.id),
        },
        Expr::List(l) => l.elts.iter().for_each(|v| visit_expr(s, v)),
        Expr::Tuple(l) => l.elts.iter().for_each(|v| visit_expr(s, v)),
        Expr::Slice(sl) => {
            for p in [&sl.lower, &sl.upper, &sl.step].into_iter().flatten() {
                visit_expr(s, p);
            }
        }
    }
}
