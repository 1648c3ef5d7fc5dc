//! The bytecode compiler: AST (from rustpython-parser) to register bytecode.
//!
//! One `Unit` per code object.  Function locals live in registers
//! `0..nlocals`; expression temporaries are allocated above them in stack
//! order.  `try`, `with` and handler bodies are "blocks": each protects a set
//! of instruction ranges that end up in the exception table; `return`,
//! `break` and `continue` run the cleanup of every block they leave
//! (finally bodies are compiled inline there, as CPython does).

use crate::scope::{self, ScopeInfo};
use molt_vm::bytecode::{flags, BinOp, CmpOp, CodeObject, ExcEntry, Op, Reg, UnOp, NO_REG};
use molt_vm::{Value, Vm};
use rustpython_parser::ast::{self, Constant, Expr, Pattern, Ranged, Stmt};
use std::collections::{HashMap, HashSet};

pub struct CompileError {
    pub msg: String,
    pub line: u32,
    pub col: u32,
}

type CResult<T> = Result<T, CompileError>;

/// Byte offset -> (line, column) for a source text.
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.starts[line] + 1)
    }
}

#[derive(PartialEq, Clone, Copy)]
enum UnitKind {
    Module,
    Function,
    Class,
}

enum BlockKind<'a> {
    TryExcept,
    Finally(&'a [Stmt]),
    With {
        exit: Reg,
        is_async: bool,
    },
    Handler {
        save: Reg,
    },
    /// The body of an `except*` clause, which control may not leave by
    /// `break`, `continue` or `return`.
    StarHandler,
}

struct Block<'a> {
    kind: BlockKind<'a>,
    seg_start: u32,
    segments: Vec<(u32, u32)>,
}

struct LoopCtx {
    continue_target: u32,
    break_patches: Vec<usize>,
    block_depth: usize,
}

enum NameRef {
    Fast(Reg),
    Deref(Reg),
    Global,
    Name,
    ClassDeref(Reg),
}

struct Unit<'a> {
    kind: UnitKind,
    name: String,
    qualname: String,
    ops: Vec<Op>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    const_index: HashMap<ConstKey, u32>,
    names: Vec<Value>,
    name_index: HashMap<String, u16>,
    varnames: Vec<String>,
    locals: HashMap<String, Reg>,
    cells: HashMap<String, Reg>,
    cell_regs: Vec<Reg>,
    free_regs: Vec<Reg>,
    free_names: Vec<String>,
    scope: ScopeInfo,
    next_temp: u16,
    max_reg: u16,
    blocks: Vec<Block<'a>>,
    loops: Vec<LoopCtx>,
    exc_table: Vec<ExcEntry>,
    flags: u32,
    argcount: u16,
    posonly: u16,
    kwonly: u16,
    first_line: u32,
    /// Locals known to hold a value at this point (skip CheckBound).
    known_bound: HashSet<Reg>,
    docstring: Value,
}

#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    Str(String),
    Int(i64),
    Float(u64),
    Other(u64),
}

pub struct Compiler<'a> {
    vm: &'a mut Vm,
    units: Vec<Unit<'a>>,
    lines: LineIndex,
    filename: String,
    cur_line: u32,
    /// REPL mode: expression statements print their value.
    interactive: bool,
    /// The source, kept under `from __future__ import annotations`:
    /// annotations are then stored as their source text.
    ann_source: Option<String>,
    /// The source, kept when it may spell lone surrogates (`'\udc80'`),
    /// which the parser cannot represent (see `literal.rs`).
    literal_source: Option<String>,
}

/// Whether a module starts with `from __future__ import annotations`.
fn has_future_annotations(body: &[Stmt]) -> bool {
    body.iter()
        .take_while(|s| match s {
            Stmt::ImportFrom(i) => i.module.as_deref() == Some("__future__"),
            Stmt::Expr(e) => matches!(&*e.value, Expr::Constant(_)),
            _ => false,
        })
        .any(|s| match s {
            Stmt::ImportFrom(i) => i.names.iter().any(|a| a.name.as_str() == "annotations"),
            _ => false,
        })
}

/// Whether a module or class body has an annotated assignment (outside
/// nested functions and classes): CPython then creates `__annotations__`.
fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::If(x) => has_annotations(&x.body) || has_annotations(&x.orelse),
        Stmt::For(x) => has_annotations(&x.body) || has_annotations(&x.orelse),
        Stmt::AsyncFor(x) => has_annotations(&x.body) || has_annotations(&x.orelse),
        Stmt::While(x) => has_annotations(&x.body) || has_annotations(&x.orelse),
        Stmt::With(x) => has_annotations(&x.body),
        Stmt::AsyncWith(x) => has_annotations(&x.body),
        Stmt::TryStar(x) => {
            has_annotations(&x.body)
                || has_annotations(&x.orelse)
                || has_annotations(&x.finalbody)
                || x.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        Stmt::Try(x) => {
            has_annotations(&x.body)
                || has_annotations(&x.orelse)
                || has_annotations(&x.finalbody)
                || x.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_annotations(&h.body),
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

pub fn compile_module(
    vm: &mut Vm,
    body: &[Stmt],
    source: &str,
    filename: &str,
    interactive: bool,
) -> CResult<Value> {
    let mut c = Compiler {
        vm,
        units: vec![],
        lines: LineIndex::new(source),
        filename: filename.to_string(),
        cur_line: 1,
        interactive,
        ann_source: has_future_annotations(body).then(|| source.to_string()),
        literal_source: literal_source(source),
    };
    let scope = scope::analyze_module(body);
    c.push_unit(UnitKind::Module, "<module>", "<module>", scope, 1);
    c.unit().flags |= flags::USES_LOCALS_DICT;
    c.setup_annotations(body);
    c.set_docstring(body);
    c.body(body)?;
    let none = c.load_const_value(Value::NONE);
    c.emit(Op::Return { src: none });
    Ok(c.finish_unit())
}

fn literal_source(source: &str) -> Option<String> {
    crate::literal::may_hold_surrogate_escapes(source).then(|| source.to_string())
}

/// `eval` mode: a single expression whose value is returned.
pub fn compile_expression(
    vm: &mut Vm,
    expr: &Expr,
    source: &str,
    filename: &str,
) -> CResult<Value> {
    let mut c = Compiler {
        vm,
        units: vec![],
        lines: LineIndex::new(source),
        filename: filename.to_string(),
        cur_line: 1,
        interactive: false,
        ann_source: None,
        literal_source: literal_source(source),
    };
    let mut scope = ScopeInfo::default();
    let _ = &mut scope;
    c.push_unit(UnitKind::Module, "<module>", "<module>", scope, 1);
    c.unit().flags |= flags::USES_LOCALS_DICT;
    let r = c.expr(expr)?;
    c.emit(Op::Return { src: r });
    Ok(c.finish_unit())
}

impl<'a> Compiler<'a> {
    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().unwrap()
    }

    fn push_unit(
        &mut self,
        kind: UnitKind,
        name: &str,
        qualname: &str,
        scope: ScopeInfo,
        first_line: u32,
    ) {
        let mut u = Unit {
            kind,
            name: name.to_string(),
            qualname: qualname.to_string(),
            ops: vec![],
            lines: vec![],
            consts: vec![],
            const_index: HashMap::new(),
            names: vec![],
            name_index: HashMap::new(),
            varnames: vec![],
            locals: HashMap::new(),
            cells: HashMap::new(),
            cell_regs: vec![],
            free_regs: vec![],
            free_names: vec![],
            scope,
            next_temp: 0,
            max_reg: 0,
            blocks: vec![],
            loops: vec![],
            exc_table: vec![],
            flags: 0,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            first_line,
            known_bound: HashSet::new(),
            docstring: Value::NONE,
        };
        if kind == UnitKind::Function {
            // Registers: parameters, other locals, then free-variable cells.
            let mut order: Vec<String> = u.scope.params.clone();
            let others: Vec<String> = u
                .scope
                .order
                .iter()
                .filter(|n| u.scope.is_local(n) && !order.contains(n))
                .cloned()
                .collect();
            order.extend(others);
            for (i, n) in order.iter().enumerate() {
                u.locals.insert(n.clone(), i as Reg);
                u.varnames.push(n.clone());
                if u.scope.child_free.contains(n) {
                    u.cells.insert(n.clone(), i as Reg);
                    u.cell_regs.push(i as Reg);
                }
            }
            let mut next = order.len() as Reg;
            for f in u.scope.free() {
                if u.locals.contains_key(&f) || !self.enclosing_binds(&f) {
                    continue;
                }
                u.cells.insert(f.clone(), next);
                u.free_regs.push(next);
                u.free_names.push(f);
                next += 1;
            }
            u.next_temp = next;
            u.max_reg = next;
        } else if kind == UnitKind::Class {
            let mut next: Reg = 0;
            // A class body captures `__class__` for methods using super().
            if u.scope.child_free.contains("__class__") {
                u.cells.insert("__class__".into(), next);
                u.cell_regs.push(next);
                next += 1;
            }
            for f in u.scope.free() {
                if !self.enclosing_binds(&f) {
                    continue;
                }
                u.cells.insert(f.clone(), next);
                u.free_regs.push(next);
                u.free_names.push(f);
                next += 1;
            }
            u.next_temp = next;
            u.max_reg = next;
        }
        self.units.push(u);
    }

    /// Is `name` a local (or passed-through free variable) of an enclosing function scope?
    fn enclosing_binds(&self, name: &str) -> bool {
        for u in self.units.iter().rev() {
            match u.kind {
                UnitKind::Module => return false,
                UnitKind::Class => {
                    if u.cells.contains_key(name) {
                        return true;
                    }
                }
                UnitKind::Function => {
                    if u.scope.globals.contains(name) {
                        return false;
                    }
                    if u.locals.contains_key(name) || u.free_names.iter().any(|n| n == name) {
                        return true;
                    }
                }
            }
        }
        false
    }

    fn finish_unit(&mut self) -> Value {
        let u = self.units.pop().unwrap();
        let name = self.vm.intern(&u.name);
        let qualname = self.vm.new_str(&u.qualname);
        let filename = self.vm.new_str(&self.filename);
        let varnames: Vec<Value> = u.varnames.iter().map(|n| self.vm.intern(n)).collect();
        let mut freevars: Vec<Value> = u.free_names.iter().map(|n| self.vm.intern(n)).collect();
        if u.kind == UnitKind::Class && !u.cell_regs.is_empty() {
            // The class cell sits before the free variables in a class body.
            freevars.insert(0, self.vm.intern("__class__"));
        }
        let mut flags = u.flags;
        if u.scope.has_yield && u.kind == UnitKind::Function {
            if flags & flags::COROUTINE != 0 {
                flags = (flags & !flags::COROUTINE) | flags::ASYNC_GENERATOR;
            } else {
                flags |= flags::GENERATOR;
            }
        }
        let caches = vec![std::cell::Cell::new(molt_vm::bytecode::InlineCache::EMPTY); u.ops.len()];
        let code = CodeObject {
            caches,
            name,
            qualname,
            filename,
            first_line: u.first_line,
            ops: u.ops,
            lines: u.lines,
            consts: u.consts,
            names: u.names,
            varnames,
            nlocals: u.locals.len() as u16,
            nregs: u.max_reg.max(1),
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            flags,
            cell_regs: u.cell_regs,
            free_regs: u.free_regs,
            freevars,
            exc_table: u.exc_table,
            docstring: u.docstring,
        };
        self.vm.new_code(code)
    }

    fn err(&self, msg: impl Into<String>, node: &impl Ranged) -> CompileError {
        let (line, col) = self.lines.line_col(node.start().to_u32());
        CompileError {
            msg: msg.into(),
            line,
            col,
        }
    }

    fn set_line(&mut self, node: &impl Ranged) {
        self.cur_line = self.lines.line_col(node.start().to_u32()).0;
    }

    // ----- emission -----

    fn emit(&mut self, op: Op) -> usize {
        let line = self.cur_line;
        let u = self.unit();
        u.ops.push(op);
        u.lines.push(line);
        u.ops.len() - 1
    }

    fn pc(&mut self) -> u32 {
        self.unit().ops.len() as u32
    }

    fn patch(&mut self, at: usize, target: u32) {
        let op = &mut self.unit().ops[at];
        match op {
            Op::Jump { target: t }
            | Op::JumpIfTrue { target: t, .. }
            | Op::JumpIfFalse { target: t, .. }
            | Op::CompareJumpIfFalse { target: t, .. }
            | Op::ForIter { target: t, .. } => *t = target,
            _ => unreachable!("patching a non-jump"),
        }
    }

    fn patch_here(&mut self, at: usize) {
        let pc = self.pc();
        self.patch(at, pc);
        // A jump target merges control flow: forget what we knew about bound locals.
        self.unit().known_bound.clear();
    }

    fn label(&mut self) -> u32 {
        self.unit().known_bound.clear();
        self.pc()
    }

    fn temp(&mut self) -> Reg {
        let u = self.unit();
        let r = u.next_temp;
        u.next_temp += 1;
        if u.next_temp > u.max_reg {
            u.max_reg = u.next_temp;
        }
        r
    }

    fn temps(&mut self, n: usize) -> Reg {
        let base = self.unit().next_temp;
        for _ in 0..n {
            self.temp();
        }
        base
    }

    /// Release temporaries allocated after `mark`.
    fn free_to(&mut self, mark: Reg) {
        self.unit().next_temp = mark;
    }

    fn mark(&mut self) -> Reg {
        self.unit().next_temp
    }

    fn name_idx(&mut self, name: &str) -> u16 {
        if let Some(i) = self.unit().name_index.get(name) {
            return *i;
        }
        let v = self.vm.intern(name);
        let u = self.units.last_mut().unwrap();
        u.names.push(v);
        let i = (u.names.len() - 1) as u16;
        u.name_index.insert(name.to_string(), i);
        i
    }

    fn add_const(&mut self, key: Option<ConstKey>, v: Value) -> u32 {
        if let Some(k) = &key {
            if let Some(i) = self.unit().const_index.get(k) {
                return *i;
            }
        }
        let u = self.unit();
        u.consts.push(v);
        let i = (u.consts.len() - 1) as u32;
        if let Some(k) = key {
            u.const_index.insert(k, i);
        }
        i
    }

    fn const_value(&mut self, v: Value) -> u32 {
        let key = if v.is_small_int() {
            Some(ConstKey::Int(v.as_small_int()))
        } else if v.is_float() {
            Some(ConstKey::Float(v.0))
        } else if !v.is_ptr() {
            Some(ConstKey::Other(v.0))
        } else {
            None
        };
        self.add_const(key, v)
    }

    fn const_str(&mut self, s: &str) -> u32 {
        if let Some(i) = self.unit().const_index.get(&ConstKey::Str(s.to_string())) {
            return *i;
        }
        let v = self.vm.intern(s);
        self.add_const(Some(ConstKey::Str(s.to_string())), v)
    }

    /// The str literal at `range` re-read from the source, if it holds
    /// lone surrogates.
    fn surrogate_literal(
        &mut self,
        range: rustpython_parser::text_size::TextRange,
    ) -> Option<Value> {
        let src = self.literal_source.as_deref()?;
        let text = src.get(range.start().to_usize()..range.end().to_usize())?;
        let t = crate::literal::decode_literals(text)?;
        molt_vm::text::has_surrogates(&t).then(|| self.vm.new_text(t))
    }

    fn load_const_value(&mut self, v: Value) -> Reg {
        let idx = self.const_value(v);
        let r = self.temp();
        self.emit(Op::LoadConst { dst: r, idx });
        r
    }

    fn load_const_to(&mut self, v: Value, dst: Reg) {
        let idx = self.const_value(v);
        self.emit(Op::LoadConst { dst, idx });
    }

    fn constant_value(&mut self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::NONE,
            Constant::Bool(b) => Value::bool(*b),
            Constant::Str(s) => self.vm.intern(s),
            Constant::Bytes(b) => self.vm.new_bytes(b.clone()),
            Constant::Int(i) => {
                let b: num_bigint::BigInt = i.to_string().parse().unwrap_or_default();
                self.vm.new_bigint(b)
            }
            Constant::Float(f) => Value::float(*f),
            Constant::Complex { real, imag } => self.vm.new_complex(*real, *imag),
            Constant::Ellipsis => Value::ELLIPSIS,
            Constant::Tuple(items) => {
                let vals: Vec<Value> = items.iter().map(|x| self.constant_value(x)).collect();
                self.vm.new_tuple(vals)
            }
        }
    }

    fn set_docstring(&mut self, body: &[Stmt]) {
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::Constant(c) = &*e.value {
                if let Constant::Str(s) = &c.value {
                    let v = self.vm.new_str(s);
                    self.unit().docstring = v;
                }
            }
        }
    }

    // ----- names -----

    fn resolve(&mut self, name: &str) -> NameRef {
        let u = self.units.last().unwrap();
        match u.kind {
            UnitKind::Module => NameRef::Name,
            UnitKind::Class => {
                if u.scope.globals.contains(name) {
                    NameRef::Global
                } else if let (Some(r), false) = (u.cells.get(name), u.scope.bound.contains(name)) {
                    NameRef::ClassDeref(*r)
                } else {
                    NameRef::Name
                }
            }
            UnitKind::Function => {
                if u.scope.globals.contains(name) {
                    NameRef::Global
                } else if let Some(r) = u.cells.get(name) {
                    NameRef::Deref(*r)
                } else if let Some(r) = u.locals.get(name) {
                    NameRef::Fast(*r)
                } else {
                    NameRef::Global
                }
            }
        }
    }

    /// Load a name; returns the register holding it (a local's own register when possible).
    fn load_name(&mut self, name: &str) -> Reg {
        self.load_name_into(name, None)
    }

    /// Load a name into `dst` if given (globals and cells are loaded there
    /// directly, with no temporary and move); returns the register holding it.
    fn load_name_into(&mut self, name: &str, dst: Option<Reg>) -> Reg {
        match self.resolve(name) {
            NameRef::Fast(r) => {
                let is_param = (r as usize) < self.unit().scope.params.len();
                if !is_param && !self.unit().known_bound.contains(&r) {
                    self.emit(Op::CheckBound { reg: r });
                    self.unit().known_bound.insert(r);
                }
                r
            }
            NameRef::Deref(cell) => {
                let n = self.name_idx(name);
                let d = dst.unwrap_or_else(|| self.temp());
                self.emit(Op::LoadDeref {
                    dst: d,
                    cell,
                    name: n,
                });
                d
            }
            NameRef::ClassDeref(cell) => {
                let n = self.name_idx(name);
                let d = dst.unwrap_or_else(|| self.temp());
                self.emit(Op::LoadClassDeref {
                    dst: d,
                    cell,
                    name: n,
                });
                d
            }
            NameRef::Global => {
                let n = self.name_idx(name);
                let d = dst.unwrap_or_else(|| self.temp());
                self.emit(Op::LoadGlobal { dst: d, name: n });
                d
            }
            NameRef::Name => {
                let n = self.name_idx(name);
                let d = dst.unwrap_or_else(|| self.temp());
                self.emit(Op::LoadName { dst: d, name: n });
                d
            }
        }
    }

    fn store_name(&mut self, name: &str, src: Reg) {
        match self.resolve(name) {
            NameRef::Fast(r) => {
                if r != src {
                    self.emit(Op::Move { dst: r, src });
                }
                self.unit().known_bound.insert(r);
            }
            NameRef::Deref(cell) | NameRef::ClassDeref(cell)
                if self.unit().kind != UnitKind::Class
                    || self.unit().scope.nonlocals.contains(name) =>
            {
                self.emit(Op::StoreDeref { cell, src });
            }
            NameRef::Global => {
                let n = self.name_idx(name);
                self.emit(Op::StoreGlobal { src, name: n });
            }
            _ => {
                let n = self.name_idx(name);
                self.emit(Op::StoreName { src, name: n });
            }
        }
    }

    fn delete_name(&mut self, name: &str) {
        match self.resolve(name) {
            NameRef::Fast(r) => {
                self.emit(Op::DeleteFast { reg: r });
                self.unit().known_bound.remove(&r);
            }
            NameRef::Deref(cell) | NameRef::ClassDeref(cell) => {
                let n = self.name_idx(name);
                self.emit(Op::DeleteDeref { cell, name: n });
            }
            NameRef::Global => {
                let n = self.name_idx(name);
                self.emit(Op::DeleteGlobal { name: n });
            }
            NameRef::Name => {
                let n = self.name_idx(name);
                self.emit(Op::DeleteName { name: n });
            }
        }
    }

    // ----- blocks and exception ranges -----

    fn push_block(&mut self, kind: BlockKind<'a>) {
        let pc = self.pc();
        self.unit().blocks.push(Block {
            kind,
            seg_start: pc,
            segments: vec![],
        });
    }

    /// Pop the innermost block, closing its range; returns its segments for the exception table.
    fn pop_block(&mut self) -> Block<'a> {
        let pc = self.pc();
        let mut b = self.unit().blocks.pop().unwrap();
        if b.seg_start < pc {
            b.segments.push((b.seg_start, pc));
        }
        b
    }

    fn add_handler(&mut self, segments: &[(u32, u32)], handler: u32, exc: Reg) {
        for (s, e) in segments {
            self.unit().exc_table.push(ExcEntry {
                start: *s,
                end: *e,
                handler,
                exc,
            });
        }
    }

    /// Run the cleanups of blocks deeper than `depth` (for return/break/continue),
    /// then call `after` to emit the transfer, then reopen the blocks' ranges.
    fn unwind_blocks(
        &mut self,
        depth: usize,
        after: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<()> {
        let n = self.unit().blocks.len();
        for i in (depth..n).rev() {
            let pc = self.pc();
            {
                let b = &mut self.unit().blocks[i];
                if b.seg_start < pc {
                    b.segments.push((b.seg_start, pc));
                }
                b.seg_start = u32::MAX;
            }
            // Close the ranges of all blocks from i inward before emitting i's cleanup.
            for j in i + 1..n {
                let b = &mut self.unit().blocks[j];
                b.seg_start = u32::MAX;
            }
            let cleanup: Option<(u8, Reg, Option<&'a [Stmt]>)> = match &self.unit().blocks[i].kind {
                BlockKind::TryExcept | BlockKind::StarHandler => None,
                BlockKind::Finally(body) => Some((0, NO_REG, Some(*body))),
                BlockKind::With { exit, is_async } => Some((1 + *is_async as u8, *exit, None)),
                BlockKind::Handler { save } => Some((3, *save, None)),
            };
            match cleanup {
                Some((0, _, Some(body))) => {
                    // The finally body runs with this block removed (and inner ones closed).
                    let mut saved: Vec<Block<'a>> = self.unit().blocks.drain(i..).collect();
                    let r = self.body(body);
                    for b in saved.iter_mut() {
                        b.seg_start = u32::MAX;
                    }
                    self.unit().blocks.extend(saved);
                    r?;
                }
                Some((kind @ (1 | 2), exit, _)) => {
                    let is_async = kind == 2;
                    let t = self.temp();
                    self.emit(Op::WithExit {
                        dst: t,
                        exit,
                        exc: NO_REG,
                        is_async,
                    });
                    if is_async {
                        self.emit(Op::YieldFrom { dst: t, iter: t });
                    }
                    self.free_to(t);
                }
                Some((3, save, _)) => {
                    self.emit(Op::PopExc { save });
                }
                _ => {}
            }
        }
        after(self)?;
        let pc = self.pc();
        for i in depth..n {
            self.unit().blocks[i].seg_start = pc;
        }
        // Blocks whose seg_start was u32::MAX are reopened now at pc.
        Ok(())
    }

    // ----- statements -----

    fn body(&mut self, stmts: &'a [Stmt]) -> CResult<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.set_line(s);
        let mark = self.mark();
        match s {
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    let r = self.expr(&e.value)?;
                    self.emit(Op::PrintExpr { src: r });
                } else if !matches!(&*e.value, Expr::Constant(_)) {
                    self.expr(&e.value)?;
                }
            }
            Stmt::Assign(a) => {
                if a.targets.len() == 1 {
                    if let Expr::Name(n) = &a.targets[0] {
                        // Compute straight into the local's register, unless the expression
                        // writes its destination before it has read all its operands.
                        let writes_early = matches!(
                            &*a.value,
                            Expr::BoolOp(_)
                                | Expr::Compare(_)
                                | Expr::IfExp(_)
                                | Expr::NamedExpr(_)
                        );
                        if let (NameRef::Fast(r), false) = (self.resolve(&n.id), writes_early) {
                            self.expr_to(&a.value, r)?;
                            self.unit().known_bound.insert(r);
                            self.free_to(mark);
                            return Ok(());
                        }
                    }
                }
                let v = self.expr(&a.value)?;
                for t in &a.targets {
                    self.assign(t, v)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    let r = self.expr(v)?;
                    self.assign(&a.target, r)?;
                }
                // Module and class bodies record simple names' annotations.
                if let (true, Expr::Name(n)) = (a.simple, &*a.target) {
                    if self.unit().kind != UnitKind::Function {
                        let base = self.temps(3);
                        let an = self.name_idx("__annotations__");
                        self.emit(Op::LoadName {
                            dst: base,
                            name: an,
                        });
                        let key = self.vm.intern(&n.id);
                        self.load_const_to(key, base + 1);
                        self.annotation_to(&a.annotation, base + 2)?;
                        self.emit(Op::SetItem {
                            obj: base,
                            key: base + 1,
                            src: base + 2,
                        });
                        self.free_to(base);
                    }
                }
            }
            Stmt::Return(r) => {
                if self.unit().kind != UnitKind::Function {
                    return Err(self.err("'return' outside function", s));
                }
                if r.value.is_some() && self.in_async_function() && self.unit().scope.has_yield {
                    return Err(self.err("'return' with value in async generator", s));
                }
                let v = match &r.value {
                    Some(e) => {
                        let v = self.expr(e)?;
                        if self.unit().blocks.is_empty() {
                            // No cleanup code runs before the return.
                            v
                        } else {
                            // Keep the value safe from finally bodies that reuse registers.
                            let t = self.temp();
                            self.emit(Op::Move { dst: t, src: v });
                            t
                        }
                    }
                    None => self.load_const_value(Value::NONE),
                };
                self.check_not_in_star_handler(0, s)?;
                self.unwind_blocks(0, |c| {
                    c.emit(Op::Return { src: v });
                    Ok(())
                })?;
            }
            Stmt::Pass(_) => {}
            Stmt::Break(_) => {
                let loop_depth = self.unit().loops.last().map_or(0, |l| l.block_depth);
                self.check_not_in_star_handler(loop_depth, s)?;
                let depth = match self.unit().loops.last() {
                    Some(l) => l.block_depth,
                    None => return Err(self.err("'break' outside loop", s)),
                };
                self.unwind_blocks(depth, |c| {
                    let j = c.emit(Op::Jump { target: 0 });
                    c.unit().loops.last_mut().unwrap().break_patches.push(j);
                    Ok(())
                })?;
            }
            Stmt::Continue(_) => {
                let loop_depth = self.unit().loops.last().map_or(0, |l| l.block_depth);
                self.check_not_in_star_handler(loop_depth, s)?;
                let (depth, target) = match self.unit().loops.last() {
                    Some(l) => (l.block_depth, l.continue_target),
                    None => return Err(self.err("'continue' not properly in loop", s)),
                };
                self.unwind_blocks(depth, |c| {
                    c.emit(Op::Loop { target });
                    Ok(())
                })?;
            }
            Stmt::If(i) => {
                let j = self.cond_jump_false(&i.test)?;
                self.free_to(mark);
                self.body(&i.body)?;
                if i.orelse.is_empty() {
                    self.patch_here(j);
                } else {
                    let end = self.emit(Op::Jump { target: 0 });
                    self.patch_here(j);
                    self.body(&i.orelse)?;
                    self.patch_here(end);
                }
            }
            Stmt::While(w) => {
                let top = self.label();
                let exit = self.cond_jump_false(&w.test)?;
                self.free_to(mark);
                let depth = self.unit().blocks.len();
                self.unit().loops.push(LoopCtx {
                    continue_target: top,
                    break_patches: vec![],
                    block_depth: depth,
                });
                self.body(&w.body)?;
                self.emit(Op::Loop { target: top });
                let l = self.unit().loops.pop().unwrap();
                self.patch_here(exit);
                self.body(&w.orelse)?;
                for b in l.break_patches {
                    self.patch_here(b);
                }
            }
            Stmt::For(f) => {
                let it_src = self.expr(&f.iter)?;
                let it = self.temp();
                self.emit(Op::GetIter {
                    dst: it,
                    src: it_src,
                });
                let top = self.label();
                let item = self.temp();
                let exit = self.emit(Op::ForIter {
                    dst: item,
                    iter: it,
                    target: 0,
                });
                self.assign(&f.target, item)?;
                let depth = self.unit().blocks.len();
                self.unit().loops.push(LoopCtx {
                    continue_target: top,
                    break_patches: vec![],
                    block_depth: depth,
                });
                self.body(&f.body)?;
                self.emit(Op::Loop { target: top });
                let l = self.unit().loops.pop().unwrap();
                self.patch_here(exit);
                self.free_to(mark);
                self.body(&f.orelse)?;
                for b in l.break_patches {
                    self.patch_here(b);
                }
            }
            Stmt::FunctionDef(f) => {
                self.function_def(
                    &f.name,
                    &f.args,
                    &f.body,
                    &f.decorator_list,
                    s,
                    false,
                    f.returns.as_deref(),
                )?;
            }
            Stmt::AsyncFunctionDef(f) => {
                self.function_def(
                    &f.name,
                    &f.args,
                    &f.body,
                    &f.decorator_list,
                    s,
                    true,
                    f.returns.as_deref(),
                )?;
            }
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Raise(r) => {
                let exc = match &r.exc {
                    Some(e) => self.expr(e)?,
                    None => NO_REG,
                };
                let cause = match &r.cause {
                    Some(c) => self.expr(c)?,
                    None => NO_REG,
                };
                self.emit(Op::Raise { exc, cause });
            }
            Stmt::Try(t) => self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody, false)?,
            Stmt::TryStar(t) => {
                self.try_stmt(&t.body, &t.handlers, &t.orelse, &t.finalbody, true)?
            }
            Stmt::Assert(a) => {
                let j = self.cond_jump_true(&a.test)?;
                let msg = match &a.msg {
                    Some(m) => self.expr(m)?,
                    None => NO_REG,
                };
                self.emit(Op::RaiseAssert { msg });
                self.patch_here(j);
            }
            Stmt::With(w) => self.with_stmt(&w.items, &w.body, false)?,
            Stmt::AsyncWith(w) => {
                if !self.in_async_function() {
                    return Err(self.err("'async with' outside async function", w));
                }
                self.with_stmt(&w.items, &w.body, true)?
            }
            Stmt::AsyncFor(f) => {
                if !self.in_async_function() {
                    return Err(self.err("'async for' outside async function", f));
                }
                self.async_for(f, mark)?
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = self.name_idx(&a.name);
                    let fl = self.const_value(Value::NONE);
                    let d = self.temp();
                    self.emit(Op::Import {
                        dst: d,
                        name: n,
                        fromlist: fl as u16,
                        level: 0,
                    });
                    match &a.asname {
                        Some(asn) => {
                            // `import a.b as c` binds the submodule.
                            let mut cur = d;
                            for part in a.name.split('.').skip(1) {
                                let pn = self.name_idx(part);
                                let t = self.temp();
                                self.emit(Op::ImportFrom {
                                    dst: t,
                                    module: cur,
                                    name: pn,
                                });
                                cur = t;
                            }
                            self.store_name(asn, cur);
                        }
                        None => {
                            let first = a.name.split('.').next().unwrap().to_string();
                            self.store_name(&first, d);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.to_string()).unwrap_or_default();
                let n = self.name_idx(&module);
                let names: Vec<Value> = i.names.iter().map(|a| self.vm.intern(&a.name)).collect();
                let tup = self.vm.new_tuple(names);
                let fl = self.const_value(tup);
                let d = self.temp();
                let level = i.level.as_ref().map(|l| l.to_u32()).unwrap_or(0) as u16;
                self.emit(Op::Import {
                    dst: d,
                    name: n,
                    fromlist: fl as u16,
                    level,
                });
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        self.emit(Op::ImportStar { module: d });
                        continue;
                    }
                    let an = self.name_idx(&a.name);
                    let t = self.temp();
                    self.emit(Op::ImportFrom {
                        dst: t,
                        module: d,
                        name: an,
                    });
                    let target = a.asname.as_ref().unwrap_or(&a.name).to_string();
                    self.store_name(&target, t);
                }
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Match(m) => self.match_stmt(m)?,
            Stmt::TypeAlias(t) => return Err(self.err("type aliases are not supported", t)),
        }
        self.free_to(mark);
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
        let op = binop(&a.op);
        match &*a.target {
            Expr::Name(n) => {
                let cur = self.load_name(&n.id);
                let v = self.expr(&a.value)?;
                let dst = match self.resolve(&n.id) {
                    NameRef::Fast(r) => r,
                    _ => self.temp(),
                };
                self.emit(Op::Inplace {
                    op,
                    dst,
                    a: cur,
                    b: v,
                });
                self.store_name(&n.id, dst);
            }
            Expr::Attribute(at) => {
                let obj = self.expr(&at.value)?;
                let name = self.name_idx(&at.attr);
                let cur = self.temp();
                self.emit(Op::LoadAttr {
                    dst: cur,
                    obj,
                    name,
                });
                let v = self.expr(&a.value)?;
                self.emit(Op::Inplace {
                    op,
                    dst: cur,
                    a: cur,
                    b: v,
                });
                self.emit(Op::StoreAttr {
                    obj,
                    name,
                    src: cur,
                });
            }
            Expr::Subscript(sub) => {
                let obj = self.expr(&sub.value)?;
                let key = self.subscript_key(&sub.slice)?;
                let cur = self.temp();
                self.emit(Op::GetItem { dst: cur, obj, key });
                let v = self.expr(&a.value)?;
                self.emit(Op::Inplace {
                    op,
                    dst: cur,
                    a: cur,
                    b: v,
                });
                self.emit(Op::SetItem { obj, key, src: cur });
            }
            other => {
                return Err(self.err(
                    "'expression' is an illegal expression for augmented assignment",
                    other,
                ))
            }
        }
        Ok(())
    }

    /// Store register `v` into an assignment target.
    fn assign(&mut self, t: &'a Expr, v: Reg) -> CResult<()> {
        match t {
            Expr::Name(n) => self.store_name(&n.id, v),
            Expr::Attribute(a) => {
                let obj = self.expr(&a.value)?;
                let name = self.name_idx(&a.attr);
                self.emit(Op::StoreAttr { obj, name, src: v });
            }
            Expr::Subscript(s) => {
                let obj = self.expr(&s.value)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let start = self.slice_parts(sl)?;
                    self.emit(Op::SetSlice { obj, start, src: v });
                } else {
                    let key = self.subscript_key(&s.slice)?;
                    self.emit(Op::SetItem { obj, key, src: v });
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                let base = self.temps(elts.len());
                match star {
                    None => {
                        self.emit(Op::UnpackSequence {
                            src: v,
                            dst: base,
                            count: elts.len() as u16,
                        });
                    }
                    Some(i) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e, Expr::Starred(_)))
                            .count()
                            > 1
                        {
                            return Err(self.err("multiple starred expressions in assignment", t));
                        }
                        self.emit(Op::UnpackEx {
                            src: v,
                            dst: base,
                            before: i as u8,
                            after: (elts.len() - i - 1) as u8,
                        });
                    }
                }
                for (k, e) in elts.iter().enumerate() {
                    let target = match e {
                        Expr::Starred(s) => &*s.value,
                        other => other,
                    };
                    self.assign(target, base + k as Reg)?;
                }
            }
            Expr::Starred(s) => {
                return Err(self.err("starred assignment target must be in a list or tuple", s))
            }
            other => {
                return Err(self.err(format!("cannot assign to {}", expr_kind_name(other)), other))
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.delete_name(&n.id),
            Expr::Attribute(a) => {
                let obj = self.expr(&a.value)?;
                let name = self.name_idx(&a.attr);
                self.emit(Op::DeleteAttr { obj, name });
            }
            Expr::Subscript(s) => {
                let obj = self.expr(&s.value)?;
                let key = self.subscript_key(&s.slice)?;
                self.emit(Op::DelItem { obj, key });
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            other => {
                return Err(self.err(format!("cannot delete {}", expr_kind_name(other)), other))
            }
        }
        Ok(())
    }

    fn try_stmt(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> CResult<()> {
        if !finalbody.is_empty() {
            let exc = self.temp();
            self.push_block(BlockKind::Finally(finalbody));
            if handlers.is_empty() {
                self.body(body)?;
            } else if star {
                self.try_except_star(body, handlers, orelse)?;
            } else {
                self.try_except(body, handlers, orelse)?;
            }
            let b = self.pop_block();
            // Normal path: run the finally body.
            self.body(finalbody)?;
            let end = self.emit(Op::Jump { target: 0 });
            let handler = self.label();
            self.add_handler(&b.segments, handler, exc);
            let save = self.temp();
            self.emit(Op::PushExc { save, exc });
            let cleanup_exc = self.temp();
            self.push_block(BlockKind::Handler { save });
            self.body(finalbody)?;
            let hb = self.pop_block();
            self.emit(Op::PopExc { save });
            self.emit(Op::Reraise { exc });
            let ch = self.label();
            self.add_handler(&hb.segments, ch, cleanup_exc);
            self.emit(Op::PopExc { save });
            self.emit(Op::Reraise { exc: cleanup_exc });
            self.patch_here(end);
            return Ok(());
        }
        if star {
            return self.try_except_star(body, handlers, orelse);
        }
        self.try_except(body, handlers, orelse)
    }

    /// CPython refuses `break`, `continue` and `return` that would leave
    /// an `except*` clause (blocks deeper than `depth`).
    fn check_not_in_star_handler(&mut self, depth: usize, s: &Stmt) -> CResult<()> {
        let blocks = &self.unit().blocks;
        if blocks[depth.min(blocks.len())..]
            .iter()
            .any(|b| matches!(b.kind, BlockKind::StarHandler))
        {
            return Err(self.err(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                s,
            ));
        }
        Ok(())
    }

    /// `try`/`except*` (PEP 654).  Each clause takes the part of the
    /// unhandled exception (`rest`) that matches its type; what the clause
    /// bodies raise is collected in `raised` and, with the rest left over,
    /// combined at the end into the exception to re-raise, if any.
    fn try_except_star(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        let (exc, to_end, save, cleanup_exc) = self.try_body(body, orelse)?;
        let rest = self.temp();
        self.emit(Op::Move {
            dst: rest,
            src: exc,
        });
        let raised = self.temp();
        self.emit(Op::BuildList {
            dst: raised,
            start: 0,
            count: 0,
        });
        let none = self.load_const_value(Value::NONE);
        self.push_block(BlockKind::Handler { save });
        for h in handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h);
            let mark = self.mark();
            let ty = match &h.type_ {
                Some(ty) => ty,
                None => return Err(self.err("expected one or more exception types", h)),
            };
            let t = self.expr(ty)?;
            let m = self.temp();
            self.emit(Op::ExcStarMatch {
                dst: m,
                rest,
                ty: t,
            });
            let next = self.emit(Op::CompareJumpIfFalse {
                op: CmpOp::IsNot,
                a: m,
                b: none,
                target: 0,
            });
            if let Some(n) = &h.name {
                self.store_name(n, m);
            }
            self.push_block(BlockKind::StarHandler);
            self.body(&h.body)?;
            let hb = self.pop_block();
            self.unbind_handler_name(h.name.as_ref(), none);
            let done = self.emit(Op::Jump { target: 0 });
            // What the clause raises joins the exceptions raised at the end.
            let body_exc = self.temp();
            let on_error = self.label();
            self.add_handler(&hb.segments, on_error, body_exc);
            self.unbind_handler_name(h.name.as_ref(), none);
            self.emit(Op::ListAppend {
                list: raised,
                src: body_exc,
            });
            self.patch_here(done);
            self.patch_here(next);
            self.free_to(mark);
        }
        self.emit(Op::ListAppend {
            list: raised,
            src: rest,
        });
        let to_raise = self.temp();
        self.emit(Op::PrepReraiseStar {
            dst: to_raise,
            orig: exc,
            raised,
        });
        let nothing = self.emit(Op::CompareJumpIfFalse {
            op: CmpOp::IsNot,
            a: to_raise,
            b: none,
            target: 0,
        });
        let hb = self.pop_block();
        self.emit(Op::PopExc { save });
        self.emit(Op::Reraise { exc: to_raise });
        self.patch_here(nothing);
        self.emit(Op::PopExc { save });
        let handled = self.emit(Op::Jump { target: 0 });
        self.handler_cleanup(&hb, save, cleanup_exc);
        self.patch_here(to_end);
        self.patch_here(handled);
        Ok(())
    }

    /// The part `try`/`except` and `try`/`except*` share: the protected
    /// body, `else` and a jump past the handlers, then the handlers' entry
    /// (the exception in `exc`, pushed as being handled into `save`).
    /// Returns `(exc, jump_to_end, save, cleanup_exc)`.
    fn try_body(
        &mut self,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult<(Reg, usize, Reg, Reg)> {
        let exc = self.temp();
        self.push_block(BlockKind::TryExcept);
        self.body(body)?;
        let b = self.pop_block();
        self.body(orelse)?;
        let to_end = self.emit(Op::Jump { target: 0 });
        let handler = self.label();
        self.add_handler(&b.segments, handler, exc);
        let save = self.temp();
        self.emit(Op::PushExc { save, exc });
        Ok((exc, to_end, save, self.temp()))
    }

    /// An exception escaping the handlers (`hb`) restores the exception
    /// being handled before it propagates.
    fn handler_cleanup(&mut self, hb: &Block<'a>, save: Reg, cleanup_exc: Reg) {
        let ch = self.label();
        self.add_handler(&hb.segments, ch, cleanup_exc);
        self.emit(Op::PopExc { save });
        self.emit(Op::Reraise { exc: cleanup_exc });
    }

    /// `name = None; del name` after an `except ... as name` clause.
    fn unbind_handler_name(&mut self, name: Option<&'a ast::Identifier>, none: Reg) {
        if let Some(n) = name {
            self.store_name(n, none);
            self.delete_name(n);
        }
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        let (exc, to_end, save, cleanup_exc) = self.try_body(body, orelse)?;
        self.push_block(BlockKind::Handler { save });
        let mut ends = vec![to_end];
        for (i, h) in handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h);
            let mark = self.mark();
            let next = match &h.type_ {
                Some(ty) => {
                    let t = self.expr(ty)?;
                    let m = self.temp();
                    self.emit(Op::ExcMatch { dst: m, exc, ty: t });
                    Some(self.emit(Op::JumpIfFalse { cond: m, target: 0 }))
                }
                None => {
                    if i != handlers.len() - 1 {
                        return Err(self.err("default 'except:' must be last", h));
                    }
                    None
                }
            };
            self.free_to(mark);
            if let Some(n) = &h.name {
                self.store_name(n, exc);
                // `except E as e:` unbinds e at the end, even on error (cleanup below covers errors).
                self.body(&h.body)?;
                let none = self.load_const_value(Value::NONE);
                self.unbind_handler_name(Some(n), none);
                self.free_to(mark);
            } else {
                self.body(&h.body)?;
            }
            self.emit(Op::PopExc { save });
            ends.push(self.emit(Op::Jump { target: 0 }));
            if let Some(j) = next {
                self.patch_here(j);
            }
        }
        let hb = self.pop_block();
        // No handler matched.
        self.emit(Op::PopExc { save });
        self.emit(Op::Reraise { exc });
        self.handler_cleanup(&hb, save, cleanup_exc);
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    /// Is the code being compiled the body of an `async def`?
    fn in_async_function(&mut self) -> bool {
        let u = self.unit();
        u.kind == UnitKind::Function && u.flags & flags::COROUTINE != 0
    }

    /// `async for target in iter: body else: orelse`.  Each step awaits
    /// `it.__anext__()` inside a protected range whose handler ends the loop
    /// on StopAsyncIteration.
    fn async_for(&mut self, f: &'a ast::StmtAsyncFor, mark: Reg) -> CResult<()> {
        let src = self.expr(&f.iter)?;
        let it = self.temp();
        self.emit(Op::GetAIter { dst: it, src });
        let top = self.label();
        let item = self.temp();
        self.push_block(BlockKind::TryExcept);
        self.emit(Op::GetANext {
            dst: item,
            iter: it,
        });
        self.emit(Op::YieldFrom {
            dst: item,
            iter: item,
        });
        let protected = self.pop_block();
        self.assign(&f.target, item)?;
        let depth = self.unit().blocks.len();
        self.unit().loops.push(LoopCtx {
            continue_target: top,
            break_patches: vec![],
            block_depth: depth,
        });
        self.body(&f.body)?;
        self.emit(Op::Loop { target: top });
        let l = self.unit().loops.pop().unwrap();
        let handler = self.label();
        let exc = self.temp();
        self.add_handler(&protected.segments, handler, exc);
        self.emit(Op::EndAsyncFor { exc });
        self.free_to(mark);
        self.body(&f.orelse)?;
        for b in l.break_patches {
            self.patch_here(b);
        }
        Ok(())
    }

    fn with_stmt(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> CResult<()> {
        let item = &items[0];
        let mgr = self.expr(&item.context_expr)?;
        let exit = self.temps(2);
        self.emit(Op::WithEnter {
            dst: exit,
            mgr,
            is_async,
        });
        if is_async {
            self.emit(Op::YieldFrom {
                dst: exit + 1,
                iter: exit + 1,
            });
        }
        if let Some(v) = &item.optional_vars {
            self.assign(v, exit + 1)?;
        }
        let exc = self.temp();
        self.push_block(BlockKind::With { exit, is_async });
        if items.len() > 1 {
            self.with_stmt(&items[1..], body, is_async)?;
        } else {
            self.body(body)?;
        }
        let b = self.pop_block();
        let t = self.temp();
        self.emit(Op::WithExit {
            dst: t,
            exit,
            exc: NO_REG,
            is_async,
        });
        if is_async {
            self.emit(Op::YieldFrom { dst: t, iter: t });
        }
        let end = self.emit(Op::Jump { target: 0 });
        let handler = self.label();
        self.add_handler(&b.segments, handler, exc);
        let save = self.temp();
        self.emit(Op::PushExc { save, exc });
        let cleanup_exc = self.temp();
        self.push_block(BlockKind::Handler { save });
        let r = self.temp();
        self.emit(Op::WithExit {
            dst: r,
            exit,
            exc,
            is_async,
        });
        if is_async {
            self.emit(Op::YieldFrom { dst: r, iter: r });
        }
        let hb = self.pop_block();
        let suppressed = self.emit(Op::JumpIfTrue { cond: r, target: 0 });
        self.emit(Op::PopExc { save });
        self.emit(Op::Reraise { exc });
        let ch = self.label();
        self.add_handler(&hb.segments, ch, cleanup_exc);
        self.emit(Op::PopExc { save });
        self.emit(Op::Reraise { exc: cleanup_exc });
        self.patch_here(suppressed);
        self.emit(Op::PopExc { save });
        self.patch_here(end);
        Ok(())
    }

    fn function_def(
        &mut self,
        name: &str,
        args: &'a ast::Arguments,
        body: &'a [Stmt],
        decorators: &'a [Expr],
        node: &'a Stmt,
        is_async: bool,
        returns: Option<&'a Expr>,
    ) -> CResult<()> {
        let mark = self.mark();
        let decos: Vec<Reg> = decorators
            .iter()
            .map(|d| {
                let r = self.expr(d)?;
                let t = self.temp();
                self.emit(Op::Move { dst: t, src: r });
                Ok(t)
            })
            .collect::<CResult<_>>()?;
        let scope = scope::analyze_function(scope::arg_names(args), body);
        let line = self.lines.line_col(node.start().to_u32()).0;
        let f = self.make_function(name, args, returns, scope, line, is_async, |c| {
            c.set_docstring(body);
            c.body(body)?;
            let none = c.load_const_value(Value::NONE);
            c.emit(Op::Return { src: none });
            Ok(())
        })?;
        let mut cur = f;
        for d in decos.into_iter().rev() {
            let base = self.temps(2);
            self.emit(Op::Move { dst: base, src: d });
            self.emit(Op::Move {
                dst: base + 1,
                src: cur,
            });
            self.emit(Op::Call {
                dst: base,
                base,
                nargs: 1,
            });
            cur = base;
        }
        self.store_name(name, cur);
        self.free_to(mark);
        Ok(())
    }

    /// `__annotations__ = {}` at the start of a module or class body that
    /// has annotated assignments.
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if !has_annotations(body) {
            return;
        }
        let r = self.temp();
        self.emit(Op::BuildMap {
            dst: r,
            start: r,
            count: 0,
        });
        let n = self.name_idx("__annotations__");
        self.emit(Op::StoreName { src: r, name: n });
        self.free_to(r);
    }

    /// An annotation's value into `dst`: the expression evaluated, or its
    /// source text under `from __future__ import annotations`.
    fn annotation_to(&mut self, e: &'a Expr, dst: Reg) -> CResult<()> {
        let text = self.ann_source.as_ref().map(|src| {
            let (a, b) = (e.start().to_usize(), e.end().to_usize());
            src.get(a..b).unwrap_or("").to_string()
        });
        match text {
            Some(t) => {
                let v = self.vm.new_str(&t);
                self.load_const_to(v, dst);
                Ok(())
            }
            // `*args: *Ts` (PEP 646): the one item the iterable unpacks to.
            None => match e {
                Expr::Starred(st) => {
                    let v = self.expr(&st.value)?;
                    self.emit(Op::UnpackSequence {
                        src: v,
                        dst,
                        count: 1,
                    });
                    Ok(())
                }
                _ => self.expr_to(e, dst),
            },
        }
    }

    fn child_qualname(&self, name: &str) -> String {
        let u = self.units.last().unwrap();
        if u.scope.globals.contains(name) {
            // A function or class declared global is named as a module-level one.
            return name.to_string();
        }
        match u.kind {
            UnitKind::Module => name.to_string(),
            UnitKind::Class => format!("{}.{}", u.qualname, name),
            UnitKind::Function => format!("{}.<locals>.{}", u.qualname, name),
        }
    }

    /// Compile a nested function and emit MakeFunction; returns the register holding it.
    fn make_function(
        &mut self,
        name: &str,
        args: &'a ast::Arguments,
        returns: Option<&'a Expr>,
        scope: ScopeInfo,
        line: u32,
        is_async: bool,
        body: impl FnOnce(&mut Self) -> CResult<()>,
    ) -> CResult<Reg> {
        // Defaults and annotations are evaluated in the enclosing scope.
        let base = self.temps(4);
        let defaults: Vec<&Expr> = args
            .posonlyargs
            .iter()
            .chain(args.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if defaults.is_empty() {
            self.load_const_to(Value::NONE, base);
        } else {
            let start = self.temps(defaults.len());
            for (i, d) in defaults.iter().enumerate() {
                self.expr_to(d, start + i as Reg)?;
            }
            self.emit(Op::BuildTuple {
                dst: base,
                start,
                count: defaults.len() as u16,
            });
        }
        let kwd: Vec<(&str, &Expr)> = args
            .kwonlyargs
            .iter()
            .filter_map(|a| a.default.as_deref().map(|d| (a.def.arg.as_str(), d)))
            .collect();
        if kwd.is_empty() {
            self.load_const_to(Value::NONE, base + 1);
        } else {
            let start = self.temps(kwd.len() * 2);
            for (i, (k, d)) in kwd.iter().enumerate() {
                let v = self.vm.intern(k);
                self.load_const_to(v, start + 2 * i as Reg);
                self.expr_to(d, start + 2 * i as Reg + 1)?;
            }
            self.emit(Op::BuildMap {
                dst: base + 1,
                start,
                count: kwd.len() as u16,
            });
        }
        // Annotations in CPython's order: regular, then positional-only
        // parameters, *args, keyword-only, **kwargs, the return.
        let mut anns: Vec<(&str, &'a Expr)> = Vec::new();
        for a in args.args.iter().chain(args.posonlyargs.iter()) {
            if let Some(an) = &a.def.annotation {
                anns.push((a.def.arg.as_str(), an));
            }
        }
        if let Some(a) = &args.vararg {
            if let Some(an) = &a.annotation {
                anns.push((a.arg.as_str(), an));
            }
        }
        for a in &args.kwonlyargs {
            if let Some(an) = &a.def.annotation {
                anns.push((a.def.arg.as_str(), an));
            }
        }
        if let Some(a) = &args.kwarg {
            if let Some(an) = &a.annotation {
                anns.push((a.arg.as_str(), an));
            }
        }
        if let Some(r) = returns {
            anns.push(("return", r));
        }
        if anns.is_empty() {
            self.load_const_to(Value::NONE, base + 3);
        } else {
            let start = self.temps(anns.len() * 2);
            for (i, (k, e)) in anns.iter().enumerate() {
                let v = self.vm.intern(k);
                self.load_const_to(v, start + 2 * i as Reg);
                self.annotation_to(e, start + 2 * i as Reg + 1)?;
            }
            self.emit(Op::BuildMap {
                dst: base + 3,
                start,
                count: anns.len() as u16,
            });
        }
        let qualname = self.child_qualname(name);
        self.push_unit(UnitKind::Function, name, &qualname, scope, line);
        {
            let u = self.unit();
            u.argcount = (args.posonlyargs.len() + args.args.len()) as u16;
            u.posonly = args.posonlyargs.len() as u16;
            u.kwonly = args.kwonlyargs.len() as u16;
            if args.vararg.is_some() {
                u.flags |= flags::VARARGS;
            }
            if args.kwarg.is_some() {
                u.flags |= flags::VARKEYWORDS;
            }
            if is_async {
                u.flags |= flags::COROUTINE;
            }
            if self.units.len() > 2 {
                self.unit().flags |= flags::NESTED;
            }
        }
        let saved_line = self.cur_line;
        self.cur_line = line;
        body(self)?;
        self.cur_line = saved_line;
        let free_names = self.unit().free_names.clone();
        let code = self.finish_unit();
        self.closure_to(&free_names, base + 2)?;
        let idx = self.add_const(None, code);
        self.emit(Op::MakeFunction {
            dst: base,
            code: idx,
            base,
        });
        Ok(base)
    }

    /// Build the closure tuple for a child with these free names into `dst`.
    fn closure_to(&mut self, free_names: &[String], dst: Reg) -> CResult<()> {
        if free_names.is_empty() {
            self.load_const_to(Value::NONE, dst);
            return Ok(());
        }
        let start = self.temps(free_names.len());
        for (i, n) in free_names.iter().enumerate() {
            let cell = match self.unit().cells.get(n) {
                Some(r) => *r,
                None => {
                    return Err(CompileError {
                        msg: format!("no binding for nonlocal '{}' found", n),
                        line: self.cur_line,
                        col: 1,
                    })
                }
            };
            self.emit(Op::Move {
                dst: start + i as Reg,
                src: cell,
            });
        }
        self.emit(Op::BuildTuple {
            dst,
            start,
            count: free_names.len() as u16,
        });
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        let mark = self.mark();
        let decos: Vec<Reg> = c
            .decorator_list
            .iter()
            .map(|d| {
                let r = self.expr(d)?;
                let t = self.temp();
                self.emit(Op::Move { dst: t, src: r });
                Ok(t)
            })
            .collect::<CResult<_>>()?;
        let scope = scope::analyze_class(&c.body);
        let qualname = self.child_qualname(&c.name);
        let line = self.lines.line_col(c.range.start().to_u32()).0;
        self.push_unit(UnitKind::Class, &c.name, &qualname, scope, line);
        self.unit().flags |= flags::USES_LOCALS_DICT;
        {
            let n = self.name_idx("__name__");
            let r = self.temp();
            self.emit(Op::LoadName { dst: r, name: n });
            let m = self.name_idx("__module__");
            self.emit(Op::StoreName { src: r, name: m });
            let q = self.vm.new_str(&qualname);
            let qr = self.load_const_value(q);
            let qn = self.name_idx("__qualname__");
            self.emit(Op::StoreName { src: qr, name: qn });
            self.free_to(r);
        }
        self.setup_annotations(&c.body);
        if let Some(Stmt::Expr(e)) = c.body.first() {
            if let Expr::Constant(k) = &*e.value {
                if let Constant::Str(s) = &k.value {
                    let v = self.vm.new_str(s);
                    let r = self.load_const_value(v);
                    let n = self.name_idx("__doc__");
                    self.emit(Op::StoreName { src: r, name: n });
                }
            }
        }
        self.body(&c.body)?;
        // Return the __class__ cell (if any) so __build_class__ can fill it.
        let ret = match self.unit().cell_regs.first().copied() {
            Some(cell) => cell,
            None => self.load_const_value(Value::NONE),
        };
        self.emit(Op::Return { src: ret });
        let free_names = self.unit().free_names.clone();
        let code = self.finish_unit();
        let nb = c.bases.len();
        let base = self.temps(3 + nb);
        self.emit(Op::LoadBuildClass { dst: base });
        let none = self.const_value(Value::NONE);
        self.emit(Op::LoadConst {
            dst: base + 1,
            idx: none,
        });
        let fbase = self.temps(4);
        self.load_const_to(Value::NONE, fbase);
        self.load_const_to(Value::NONE, fbase + 1);
        self.closure_to(&free_names, fbase + 2)?;
        self.load_const_to(Value::NONE, fbase + 3);
        let idx = self.add_const(None, code);
        self.emit(Op::MakeFunction {
            dst: base + 1,
            code: idx,
            base: fbase,
        });
        let nv = self.vm.intern(&c.name);
        self.load_const_to(nv, base + 2);
        let nargs = 2 + nb;
        let has_star = c.bases.iter().any(|b| matches!(b, Expr::Starred(_)))
            || c.keywords.iter().any(|k| k.arg.is_none());
        if has_star {
            // `class C(*bases, **kw)`: __build_class__(func, name, *bases, **kw).
            let head = self.temp();
            self.emit(Op::BuildTuple {
                dst: head,
                start: base + 1,
                count: 2,
            });
            let rest = self.temp();
            self.build_seq_for(&c.bases, rest, 0, base)?;
            let args = self.temp();
            self.emit(Op::Binary {
                op: BinOp::Add,
                dst: args,
                a: head,
                b: rest,
            });
            let kw = if c.keywords.is_empty() {
                NO_REG
            } else {
                self.keywords_dict(&c.keywords, base)?
            };
            self.emit(Op::CallEx {
                dst: base,
                func: base,
                args,
                kwargs: kw,
            });
        } else if c.keywords.is_empty() {
            for (i, b) in c.bases.iter().enumerate() {
                self.expr_to(b, base + 3 + i as Reg)?;
            }
            self.emit(Op::Call {
                dst: base,
                base,
                nargs: nargs as u16,
            });
        } else {
            for (i, b) in c.bases.iter().enumerate() {
                self.expr_to(b, base + 3 + i as Reg)?;
            }
            let kstart = self.temps(c.keywords.len());
            let _ = kstart;
            // Keyword values must follow the positional ones contiguously.
            let kbase = base + 1 + nargs as Reg;
            let mut names = vec![];
            for (i, k) in c.keywords.iter().enumerate() {
                let name = k.arg.as_ref().map_or(String::new(), |a| a.to_string());
                names.push(self.vm.intern(&name));
                self.expr_to(&k.value, kbase + i as Reg)?;
            }
            let tup = self.vm.new_tuple(names);
            let kn = self.add_const(None, tup);
            self.emit(Op::CallKw {
                dst: base,
                base,
                nargs: (nargs + c.keywords.len()) as u16,
                kwnames: kn as u16,
            });
        }
        let mut cur = base;
        for d in decos.into_iter().rev() {
            let b = self.temps(2);
            self.emit(Op::Move { dst: b, src: d });
            self.emit(Op::Move {
                dst: b + 1,
                src: cur,
            });
            self.emit(Op::Call {
                dst: b,
                base: b,
                nargs: 1,
            });
            cur = b;
        }
        self.store_name(&c.name, cur);
        self.free_to(mark);
        Ok(())
    }

    // ----- conditions -----

    /// Evaluate `test` and jump (patch later) when it is false.
    fn cond_jump_false(&mut self, test: &'a Expr) -> CResult<usize> {
        if let Expr::Compare(c) = test {
            if c.ops.len() == 1 {
                let a = self.expr(&c.left)?;
                let b = self.expr(&c.comparators[0])?;
                return Ok(self.emit(Op::CompareJumpIfFalse {
                    op: cmpop(&c.ops[0]),
                    a,
                    b,
                    target: 0,
                }));
            }
        }
        if let Expr::UnaryOp(u) = test {
            if matches!(u.op, ast::UnaryOp::Not) {
                let r = self.expr(&u.operand)?;
                return Ok(self.emit(Op::JumpIfTrue { cond: r, target: 0 }));
            }
        }
        let r = self.expr(test)?;
        Ok(self.emit(Op::JumpIfFalse { cond: r, target: 0 }))
    }

    fn cond_jump_true(&mut self, test: &'a Expr) -> CResult<usize> {
        let r = self.expr(test)?;
        Ok(self.emit(Op::JumpIfTrue { cond: r, target: 0 }))
    }

    // ----- expressions -----

    /// Compile into a fresh or existing register; returns the register with the value.
    fn expr(&mut self, e: &'a Expr) -> CResult<Reg> {
        if let Expr::Name(n) = e {
            self.set_line(e);
            return Ok(self.load_name(&n.id));
        }
        let d = self.temp();
        self.expr_to(e, d)?;
        Ok(d)
    }

    /// Compile `e` leaving its value in `dst`.
    fn expr_to(&mut self, e: &'a Expr, dst: Reg) -> CResult<()> {
        self.set_line(e);
        let mark = self.mark();
        match e {
            Expr::Constant(c) => {
                let v = self.constant_value(&c.value);
                let idx = match &c.value {
                    Constant::Str(s) if s.contains('\u{fffd}') && self.literal_source.is_some() => {
                        match self.surrogate_literal(c.range) {
                            Some(v) => self.add_const(None, v),
                            None => self.const_str(s),
                        }
                    }
                    Constant::Str(s) => self.const_str(s),
                    Constant::Int(i) if i.bits() < 47 => self.const_value(v),
                    _ => self.const_value(v),
                };
                self.emit(Op::LoadConst { dst, idx });
            }
            Expr::Name(n) => {
                let r = self.load_name_into(&n.id, Some(dst));
                if r != dst {
                    self.emit(Op::Move { dst, src: r });
                }
            }
            Expr::BinOp(b) => {
                let l = self.expr(&b.left)?;
                let r = self.expr(&b.right)?;
                self.emit(Op::Binary {
                    op: binop(&b.op),
                    dst,
                    a: l,
                    b: r,
                });
            }
            Expr::UnaryOp(u) => {
                // Fold negative numeric literals.
                if let (ast::UnaryOp::USub, Expr::Constant(c)) = (&u.op, &*u.operand) {
                    let folded = match &c.value {
                        Constant::Int(i) => {
                            let b: num_bigint::BigInt = i.to_string().parse().unwrap_or_default();
                            Some(self.vm.new_bigint(-b))
                        }
                        Constant::Float(f) => Some(Value::float(-f)),
                        _ => None,
                    };
                    if let Some(v) = folded {
                        self.load_const_to(v, dst);
                        self.free_to(mark);
                        return Ok(());
                    }
                }
                let s = self.expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnOp::Invert,
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::USub => UnOp::Neg,
                };
                self.emit(Op::Unary { op, dst, src: s });
            }
            Expr::BoolOp(b) => {
                let is_and = matches!(b.op, ast::BoolOp::And);
                let mut patches = vec![];
                for (i, v) in b.values.iter().enumerate() {
                    self.expr_to(v, dst)?;
                    if i + 1 < b.values.len() {
                        let j = if is_and {
                            self.emit(Op::JumpIfFalse {
                                cond: dst,
                                target: 0,
                            })
                        } else {
                            self.emit(Op::JumpIfTrue {
                                cond: dst,
                                target: 0,
                            })
                        };
                        patches.push(j);
                    }
                }
                for p in patches {
                    self.patch_here(p);
                }
            }
            Expr::Compare(c) => {
                if c.ops.len() == 1 {
                    let a = self.expr(&c.left)?;
                    let b = self.expr(&c.comparators[0])?;
                    self.emit(Op::Compare {
                        op: cmpop(&c.ops[0]),
                        dst,
                        a,
                        b,
                    });
                } else {
                    // a < b < c: each operand evaluated once, short-circuiting.
                    let mut left = self.expr(&c.left)?;
                    let mut patches = vec![];
                    for (i, (op, right)) in c.ops.iter().zip(&c.comparators).enumerate() {
                        let r = self.expr(right)?;
                        let keep = self.temp();
                        self.emit(Op::Move { dst: keep, src: r });
                        self.emit(Op::Compare {
                            op: cmpop(op),
                            dst,
                            a: left,
                            b: keep,
                        });
                        if i + 1 < c.ops.len() {
                            patches.push(self.emit(Op::JumpIfFalse {
                                cond: dst,
                                target: 0,
                            }));
                        }
                        left = keep;
                    }
                    for p in patches {
                        self.patch_here(p);
                    }
                }
            }
            Expr::IfExp(i) => {
                let j = self.cond_jump_false(&i.test)?;
                self.expr_to(&i.body, dst)?;
                let end = self.emit(Op::Jump { target: 0 });
                self.patch_here(j);
                self.expr_to(&i.orelse, dst)?;
                self.patch_here(end);
            }
            Expr::NamedExpr(n) => {
                self.expr_to(&n.value, dst)?;
                if let Expr::Name(t) = &*n.target {
                    self.store_name(&t.id, dst);
                }
            }
            Expr::Attribute(a) => {
                let obj = self.expr(&a.value)?;
                let name = self.name_idx(&a.attr);
                self.emit(Op::LoadAttr { dst, obj, name });
            }
            Expr::Subscript(s) => {
                let obj = self.expr(&s.value)?;
                if let Expr::Slice(sl) = &*s.slice {
                    let start = self.slice_parts(sl)?;
                    self.emit(Op::GetSlice { dst, obj, start });
                } else {
                    let key = self.subscript_key(&s.slice)?;
                    self.emit(Op::GetItem { dst, obj, key });
                }
            }
            Expr::Slice(s) => {
                let base = self.temps(3);
                for (i, p) in [&s.lower, &s.upper, &s.step].iter().enumerate() {
                    match p {
                        Some(x) => self.expr_to(x, base + i as Reg)?,
                        None => self.load_const_to(Value::NONE, base + i as Reg),
                    }
                }
                self.emit(Op::BuildSlice { dst, start: base });
            }
            Expr::Tuple(t) => self.build_seq(&t.elts, dst, 0)?,
            Expr::List(t) => self.build_seq(&t.elts, dst, 1)?,
            Expr::Set(t) => self.build_seq(&t.elts, dst, 2)?,
            Expr::Dict(d) => {
                if d.keys.iter().all(|k| k.is_some()) && d.keys.len() < 256 {
                    let start = self.temps(d.keys.len() * 2);
                    for (i, (k, v)) in d.keys.iter().zip(&d.values).enumerate() {
                        self.expr_to(k.as_ref().unwrap(), start + 2 * i as Reg)?;
                        self.expr_to(v, start + 2 * i as Reg + 1)?;
                    }
                    self.emit(Op::BuildMap {
                        dst,
                        start,
                        count: d.keys.len() as u16,
                    });
                } else {
                    let m = self.temp();
                    self.emit(Op::BuildMap {
                        dst: m,
                        start: 0,
                        count: 0,
                    });
                    for (k, v) in d.keys.iter().zip(&d.values) {
                        let mk = self.mark();
                        match k {
                            Some(k) => {
                                let kr = self.expr(k)?;
                                let vr = self.expr(v)?;
                                self.emit(Op::MapAdd {
                                    map: m,
                                    key: kr,
                                    value: vr,
                                });
                            }
                            None => {
                                let vr = self.expr(v)?;
                                self.emit(Op::DictUpdate { dict: m, src: vr });
                            }
                        }
                        self.free_to(mk);
                    }
                    self.emit(Op::Move { dst, src: m });
                }
            }
            Expr::Call(c) => self.call(c, dst)?,
            Expr::Lambda(l) => {
                let scope = scope::analyze_lambda(scope::arg_names(&l.args), &l.body);
                let line = self.cur_line;
                let f = self.make_function("<lambda>", &l.args, None, scope, line, false, |c| {
                    let r = c.expr(&l.body)?;
                    c.emit(Op::Return { src: r });
                    Ok(())
                })?;
                self.emit(Op::Move { dst, src: f });
            }
            Expr::ListComp(c) => {
                self.comprehension("<listcomp>", &c.generators, 1, &[&c.elt], dst)?
            }
            Expr::SetComp(c) => {
                self.comprehension("<setcomp>", &c.generators, 2, &[&c.elt], dst)?
            }
            Expr::DictComp(c) => {
                self.comprehension("<dictcomp>", &c.generators, 3, &[&c.key, &c.value], dst)?
            }
            Expr::GeneratorExp(c) => {
                self.comprehension("<genexpr>", &c.generators, 0, &[&c.elt], dst)?
            }
            Expr::Yield(y) => {
                if self.unit().kind != UnitKind::Function {
                    return Err(self.err("'yield' outside function", e));
                }
                let mut v = match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const_value(Value::NONE),
                };
                if self.in_async_function() {
                    let w = self.temp();
                    self.emit(Op::AsyncGenWrap { dst: w, src: v });
                    v = w;
                }
                self.emit(Op::Yield { dst, src: v });
            }
            Expr::YieldFrom(y) => {
                if self.unit().kind != UnitKind::Function {
                    return Err(self.err("'yield' outside function", e));
                }
                if self.in_async_function() {
                    return Err(self.err("'yield from' inside async function", e));
                }
                let v = self.expr(&y.value)?;
                let it = self.temp();
                self.emit(Op::GetYieldFromIter { dst: it, src: v });
                self.emit(Op::YieldFrom { dst, iter: it });
            }
            Expr::Await(a) => {
                if self.unit().kind != UnitKind::Function {
                    return Err(self.err("'await' outside function", a));
                }
                if !self.in_async_function() {
                    return Err(self.err("'await' outside async function", a));
                }
                let v = self.expr(&a.value)?;
                let it = self.temp();
                self.emit(Op::GetAwaitable { dst: it, src: v });
                self.emit(Op::YieldFrom { dst, iter: it });
            }
            Expr::JoinedStr(j) => {
                let start = self.temps(j.values.len());
                for (i, v) in j.values.iter().enumerate() {
                    self.fstring_part(v, start + i as Reg)?;
                }
                if j.values.len() == 1 {
                    self.emit(Op::Move { dst, src: start });
                } else {
                    self.emit(Op::BuildString {
                        dst,
                        start,
                        count: j.values.len() as u16,
                    });
                }
            }
            Expr::FormattedValue(_) => self.fstring_part(e, dst)?,
            Expr::Starred(s) => return Err(self.err("can't use starred expression here", s)),
        }
        self.free_to(mark);
        Ok(())
    }

    /// Evaluate a slice's start, stop and step into three consecutive registers.
    fn slice_parts(&mut self, s: &'a ast::ExprSlice) -> CResult<Reg> {
        let base = self.temps(3);
        for (i, p) in [&s.lower, &s.upper, &s.step].iter().enumerate() {
            match p {
                Some(x) => self.expr_to(x, base + i as Reg)?,
                None => self.load_const_to(Value::NONE, base + i as Reg),
            }
        }
        Ok(base)
    }

    fn fstring_part(&mut self, v: &'a Expr, dst: Reg) -> CResult<()> {
        match v {
            Expr::FormattedValue(f) => {
                let val = self.expr(&f.value)?;
                let spec = match &f.format_spec {
                    Some(s) => self.expr(s)?,
                    None => NO_REG,
                };
                let conv = match f.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => b's',
                    ast::ConversionFlag::Repr => b'r',
                    ast::ConversionFlag::Ascii => b'a',
                };
                self.emit(Op::FormatValue {
                    dst,
                    src: val,
                    conv,
                    spec,
                });
            }
            other => self.expr_to(other, dst)?,
        }
        Ok(())
    }

    /// Build a tuple (kind 0), list (1) or set (2), with star-unpacking.
    fn build_seq(&mut self, elts: &'a [Expr], dst: Reg, kind: u8) -> CResult<()> {
        self.build_seq_for(elts, dst, kind, NO_REG)
    }

    /// As build_seq; `func` is the callee when building a call's `*args` (for error messages).
    /// The key of `x[key]`; `x[*a]` (PEP 646) means `x[(*a,)]`.
    fn subscript_key(&mut self, slice: &'a Expr) -> CResult<Reg> {
        if let Expr::Starred(_) = slice {
            let dst = self.temp();
            self.build_seq_for(std::slice::from_ref(slice), dst, 0, NO_REG)?;
            return Ok(dst);
        }
        self.expr(slice)
    }

    fn build_seq_for(&mut self, elts: &'a [Expr], dst: Reg, kind: u8, func: Reg) -> CResult<()> {
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            let start = self.temps(elts.len());
            for (i, e) in elts.iter().enumerate() {
                self.expr_to(e, start + i as Reg)?;
            }
            let count = elts.len() as u16;
            self.emit(match kind {
                0 => Op::BuildTuple { dst, start, count },
                1 => Op::BuildList { dst, start, count },
                _ => Op::BuildSet { dst, start, count },
            });
            return Ok(());
        }
        let acc = self.temp();
        if kind == 2 {
            self.emit(Op::BuildSet {
                dst: acc,
                start: 0,
                count: 0,
            });
        } else {
            self.emit(Op::BuildList {
                dst: acc,
                start: 0,
                count: 0,
            });
        }
        for e in elts {
            let mk = self.mark();
            match e {
                Expr::Starred(s) => {
                    let r = self.expr(&s.value)?;
                    if kind == 2 {
                        self.emit(Op::SetUpdate { set: acc, src: r });
                    } else {
                        self.emit(Op::ListExtend {
                            list: acc,
                            src: r,
                            func,
                        });
                    }
                }
                other => {
                    let r = self.expr(other)?;
                    if kind == 2 {
                        self.emit(Op::SetAdd { set: acc, src: r });
                    } else {
                        self.emit(Op::ListAppend { list: acc, src: r });
                    }
                }
            }
            self.free_to(mk);
        }
        if kind == 0 {
            self.emit(Op::ListToTuple { dst, src: acc });
        } else {
            self.emit(Op::Move { dst, src: acc });
        }
        Ok(())
    }

    /// A dict of call keywords (`name=value` and `**mapping`), merged in
    /// order with CPython's duplicate-keyword errors naming `func`.
    fn keywords_dict(&mut self, keywords: &'a [ast::Keyword], fkeep: Reg) -> CResult<Reg> {
        let d = self.temp();
        self.emit(Op::BuildMap {
            dst: d,
            start: 0,
            count: 0,
        });
        for k in keywords {
            let mk = self.mark();
            let v = self.expr(&k.value)?;
            match &k.arg {
                Some(name) => {
                    let nv = self.vm.intern(name);
                    let kr = self.load_const_value(nv);
                    let single = self.temps(2);
                    self.emit(Op::Move {
                        dst: single,
                        src: kr,
                    });
                    self.emit(Op::Move {
                        dst: single + 1,
                        src: v,
                    });
                    let tmpd = self.temp();
                    self.emit(Op::BuildMap {
                        dst: tmpd,
                        start: single,
                        count: 1,
                    });
                    self.emit(Op::DictMerge {
                        dict: d,
                        src: tmpd,
                        func: fkeep,
                    });
                }
                None => {
                    self.emit(Op::DictMerge {
                        dict: d,
                        src: v,
                        func: fkeep,
                    });
                }
            }
            self.free_to(mk);
        }
        Ok(d)
    }

    fn call(&mut self, c: &'a ast::ExprCall, dst: Reg) -> CResult<()> {
        let has_star = c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || c.keywords.iter().any(|k| k.arg.is_none());
        if has_star {
            let f = self.expr(&c.func)?;
            let fkeep = self.temp();
            self.emit(Op::Move { dst: fkeep, src: f });
            let args = self.temp();
            self.build_seq_for(&c.args, args, 0, fkeep)?;
            let kw = if c.keywords.is_empty() {
                NO_REG
            } else {
                self.keywords_dict(&c.keywords, fkeep)?
            };
            self.emit(Op::CallEx {
                dst,
                func: fkeep,
                args,
                kwargs: kw,
            });
            return Ok(());
        }
        let nargs = c.args.len() + c.keywords.len();
        // Method call: obj.name(args) without a bound-method object.
        if let Expr::Attribute(a) = &*c.func {
            if c.keywords.is_empty() {
                let base = self.temps(1 + nargs);
                self.expr_to(&a.value, base)?;
                for (i, arg) in c.args.iter().enumerate() {
                    self.expr_to(arg, base + 1 + i as Reg)?;
                }
                let name = self.name_idx(&a.attr);
                self.set_line(c);
                self.emit(Op::CallMethod {
                    dst,
                    base,
                    nargs: c.args.len() as u16,
                    name,
                });
                return Ok(());
            }
        }
        let base = self.temps(1 + nargs);
        self.expr_to(&c.func, base)?;
        for (i, arg) in c.args.iter().enumerate() {
            self.expr_to(arg, base + 1 + i as Reg)?;
        }
        if c.keywords.is_empty() {
            self.set_line(c);
            self.emit(Op::Call {
                dst,
                base,
                nargs: nargs as u16,
            });
        } else {
            let mut names = vec![];
            for (i, k) in c.keywords.iter().enumerate() {
                let n = k.arg.as_ref().unwrap().to_string();
                if names.iter().any(|x: &String| *x == n) {
                    return Err(self.err(format!("keyword argument repeated: {}", n), k));
                }
                self.expr_to(&k.value, base + 1 + (c.args.len() + i) as Reg)?;
                names.push(n);
            }
            let vals: Vec<Value> = names.iter().map(|n| self.vm.intern(n)).collect();
            let tup = self.vm.new_tuple(vals);
            let kn = self.add_const(None, tup);
            self.set_line(c);
            self.emit(Op::CallKw {
                dst,
                base,
                nargs: nargs as u16,
                kwnames: kn as u16,
            });
        }
        Ok(())
    }

    /// Comprehensions are functions called at once with the first iterator.
    fn comprehension(
        &mut self,
        name: &str,
        gens: &'a [ast::Comprehension],
        kind: u8,
        elts: &[&'a Expr],
        dst: Reg,
    ) -> CResult<()> {
        let mut scope = scope::analyze_comprehension(gens, elts);
        let mut walrus = std::collections::BTreeSet::new();
        for e in elts {
            scope::collect_walrus(e, &mut walrus);
        }
        for g in gens {
            for cond in &g.ifs {
                scope::collect_walrus(cond, &mut walrus);
            }
        }
        for w in walrus {
            scope.bound.remove(&w);
            scope.nonlocals.insert(w);
        }
        if kind == 0 {
            scope.has_yield = true;
        }
        let is_async = scope.has_await;
        if is_async && kind != 0 && !self.in_async_function() {
            return Err(CompileError {
                msg: "asynchronous comprehension outside of an asynchronous function".into(),
                line: self.cur_line,
                col: 1,
            });
        }
        let first_iter = self.expr(&gens[0].iter)?;
        let it = self.temp();
        if gens[0].is_async {
            self.emit(Op::GetAIter {
                dst: it,
                src: first_iter,
            });
        } else {
            self.emit(Op::GetIter {
                dst: it,
                src: first_iter,
            });
        }
        let empty_args = Box::leak(Box::new(ast::Arguments {
            range: Default::default(),
            posonlyargs: vec![],
            args: vec![],
            vararg: None,
            kwonlyargs: vec![],
            kwarg: None,
        }));
        let line = self.cur_line;
        let f = self.make_function(name, empty_args, None, scope, line, is_async, |c| {
            c.unit().argcount = 1;
            let acc = c.temp();
            match kind {
                1 => {
                    c.emit(Op::BuildList {
                        dst: acc,
                        start: 0,
                        count: 0,
                    });
                }
                2 => {
                    c.emit(Op::BuildSet {
                        dst: acc,
                        start: 0,
                        count: 0,
                    });
                }
                3 => {
                    c.emit(Op::BuildMap {
                        dst: acc,
                        start: 0,
                        count: 0,
                    });
                }
                _ => {}
            }
            c.comp_loop(gens, 0, kind, elts, acc)?;
            if kind == 0 {
                let none = c.load_const_value(Value::NONE);
                c.emit(Op::Return { src: none });
            } else {
                c.emit(Op::Return { src: acc });
            }
            Ok(())
        })?;
        let base = self.temps(2);
        self.emit(Op::Move { dst: base, src: f });
        self.emit(Op::Move {
            dst: base + 1,
            src: it,
        });
        self.emit(Op::Call {
            dst,
            base,
            nargs: 1,
        });
        if is_async && kind != 0 {
            self.emit(Op::GetAwaitable { dst, src: dst });
            self.emit(Op::YieldFrom { dst, iter: dst });
        }
        Ok(())
    }

    fn comp_loop(
        &mut self,
        gens: &'a [ast::Comprehension],
        i: usize,
        kind: u8,
        elts: &[&'a Expr],
        acc: Reg,
    ) -> CResult<()> {
        let g = &gens[i];
        let mark = self.mark();
        let it = if i == 0 {
            0 // the `.0` parameter
        } else {
            let src = self.expr(&g.iter)?;
            let it = self.temp();
            if g.is_async {
                self.emit(Op::GetAIter { dst: it, src });
            } else {
                self.emit(Op::GetIter { dst: it, src });
            }
            it
        };
        let top = self.label();
        let item = self.temp();
        // `async for` clauses await `__anext__()` in a protected range whose
        // handler (emitted after the loop) ends the loop on StopAsyncIteration.
        let (exit, protected) = if g.is_async {
            self.push_block(BlockKind::TryExcept);
            self.emit(Op::GetANext {
                dst: item,
                iter: it,
            });
            self.emit(Op::YieldFrom {
                dst: item,
                iter: item,
            });
            (None, Some(self.pop_block()))
        } else {
            let exit = self.emit(Op::ForIter {
                dst: item,
                iter: it,
                target: 0,
            });
            (Some(exit), None)
        };
        self.assign(&g.target, item)?;
        let mut skips = vec![];
        for cond in &g.ifs {
            skips.push(self.cond_jump_false(cond)?);
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, kind, elts, acc)?;
        } else {
            match kind {
                0 => {
                    let mut v = self.expr(elts[0])?;
                    if self.in_async_function() {
                        let w = self.temp();
                        self.emit(Op::AsyncGenWrap { dst: w, src: v });
                        v = w;
                    }
                    let t = self.temp();
                    self.emit(Op::Yield { dst: t, src: v });
                }
                1 => {
                    let v = self.expr(elts[0])?;
                    self.emit(Op::ListAppend { list: acc, src: v });
                }
                2 => {
                    let v = self.expr(elts[0])?;
                    self.emit(Op::SetAdd { set: acc, src: v });
                }
                _ => {
                    let k = self.expr(elts[0])?;
                    let v = self.expr(elts[1])?;
                    self.emit(Op::MapAdd {
                        map: acc,
                        key: k,
                        value: v,
                    });
                }
            }
        }
        for s in skips {
            self.patch_here(s);
        }
        self.emit(Op::Loop { target: top });
        if let Some(exit) = exit {
            self.patch_here(exit);
        }
        if let Some(protected) = protected {
            let handler = self.label();
            let exc = self.temp();
            self.add_handler(&protected.segments, handler, exc);
            self.emit(Op::EndAsyncFor { exc });
        }
        self.free_to(mark);
        Ok(())
    }

    // ----- match -----

    fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult<()> {
        let subj_r = self.expr(&m.subject)?;
        let subject = self.temp();
        self.emit(Op::Move {
            dst: subject,
            src: subj_r,
        });
        let mut ends = vec![];
        for case in &m.cases {
            let mark = self.mark();
            let mut fails = vec![];
            self.pattern(&case.pattern, subject, &mut fails)?;
            if let Some(g) = &case.guard {
                fails.push(self.cond_jump_false(g)?);
            }
            self.body(&case.body)?;
            ends.push(self.emit(Op::Jump { target: 0 }));
            for f in fails {
                self.patch_here(f);
            }
            self.free_to(mark);
        }
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    /// Emit code testing `subject` against `p`; appends jumps taken on failure.
    fn pattern(&mut self, p: &'a Pattern, subject: Reg, fails: &mut Vec<usize>) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => {
                let r = self.expr(&v.value)?;
                fails.push(self.emit(Op::CompareJumpIfFalse {
                    op: CmpOp::Eq,
                    a: subject,
                    b: r,
                    target: 0,
                }));
            }
            Pattern::MatchSingleton(s) => {
                let v = self.constant_value(&s.value);
                let r = self.load_const_value(v);
                fails.push(self.emit(Op::CompareJumpIfFalse {
                    op: CmpOp::Is,
                    a: subject,
                    b: r,
                    target: 0,
                }));
            }
            Pattern::MatchAs(a) => {
                if let Some(inner) = &a.pattern {
                    self.pattern(inner, subject, fails)?;
                }
                if let Some(n) = &a.name {
                    self.store_name(n, subject);
                }
            }
            Pattern::MatchOr(o) => {
                let mut oks = vec![];
                for (i, alt) in o.patterns.iter().enumerate() {
                    let mut alt_fails = vec![];
                    self.pattern(alt, subject, &mut alt_fails)?;
                    if i + 1 < o.patterns.len() {
                        oks.push(self.emit(Op::Jump { target: 0 }));
                        for f in alt_fails {
                            self.patch_here(f);
                        }
                    } else {
                        fails.extend(alt_fails);
                    }
                }
                for ok in oks {
                    self.patch_here(ok);
                }
            }
            Pattern::MatchSequence(s) => {
                let t = self.temp();
                self.emit(Op::MatchSequence {
                    dst: t,
                    src: subject,
                });
                fails.push(self.emit(Op::JumpIfFalse { cond: t, target: 0 }));
                let star = s
                    .patterns
                    .iter()
                    .position(|x| matches!(x, Pattern::MatchStar(_)));
                let n = s.patterns.len();
                let len = self.temp();
                self.emit(Op::GetLen {
                    dst: len,
                    src: subject,
                });
                let want = match star {
                    None => n as i64,
                    Some(_) => n as i64 - 1,
                };
                let w = self.load_const_value(Value::small_int(want).unwrap());
                let op = if star.is_some() { CmpOp::Ge } else { CmpOp::Eq };
                fails.push(self.emit(Op::CompareJumpIfFalse {
                    op,
                    a: len,
                    b: w,
                    target: 0,
                }));
                let base = self.temps(n);
                match star {
                    None => {
                        self.emit(Op::UnpackSequence {
                            src: subject,
                            dst: base,
                            count: n as u16,
                        });
                    }
                    // `[a, *_, b]`: CPython indexes instead of iterating
                    // (a sequence's iterator may never end).
                    Some(i) if matches!(&s.patterns[i], Pattern::MatchStar(st) if st.name.is_none()) => {
                        for (j, _) in s.patterns.iter().enumerate().filter(|&(j, _)| j != i) {
                            let key = if j < i {
                                self.load_const_value(Value::small_int_unchecked(j as i64))
                            } else {
                                let back = self
                                    .load_const_value(Value::small_int_unchecked((n - j) as i64));
                                let k = self.temp();
                                self.emit(Op::Binary {
                                    op: BinOp::Sub,
                                    dst: k,
                                    a: len,
                                    b: back,
                                });
                                k
                            };
                            self.emit(Op::GetItem {
                                dst: base + j as Reg,
                                obj: subject,
                                key,
                            });
                        }
                    }
                    Some(i) => {
                        self.emit(Op::UnpackEx {
                            src: subject,
                            dst: base,
                            before: i as u8,
                            after: (n - i - 1) as u8,
                        });
                    }
                }
                for (i, sp) in s.patterns.iter().enumerate() {
                    match sp {
                        Pattern::MatchStar(st) => {
                            if let Some(name) = &st.name {
                                self.store_name(name, base + i as Reg);
                            }
                        }
                        other => self.pattern(other, base + i as Reg, fails)?,
                    }
                }
            }
            Pattern::MatchMapping(m) => {
                let t = self.temp();
                self.emit(Op::MatchMapping {
                    dst: t,
                    src: subject,
                });
                fails.push(self.emit(Op::JumpIfFalse { cond: t, target: 0 }));
                let keys_start = self.temps(m.keys.len());
                for (i, k) in m.keys.iter().enumerate() {
                    self.expr_to(k, keys_start + i as Reg)?;
                }
                let keys = self.temp();
                self.emit(Op::BuildTuple {
                    dst: keys,
                    start: keys_start,
                    count: m.keys.len() as u16,
                });
                let vals = self.temp();
                self.emit(Op::MatchKeys {
                    dst: vals,
                    subject,
                    keys,
                });
                let none = self.load_const_value(Value::NONE);
                fails.push(self.emit(Op::CompareJumpIfFalse {
                    op: CmpOp::IsNot,
                    a: vals,
                    b: none,
                    target: 0,
                }));
                let base = self.temps(m.patterns.len());
                self.emit(Op::UnpackSequence {
                    src: vals,
                    dst: base,
                    count: m.patterns.len() as u16,
                });
                for (i, sp) in m.patterns.iter().enumerate() {
                    self.pattern(sp, base + i as Reg, fails)?;
                }
                if let Some(rest) = &m.rest {
                    let r = self.temp();
                    self.emit(Op::CopyDictWithoutKeys {
                        dst: r,
                        subject,
                        keys,
                    });
                    self.store_name(rest, r);
                }
            }
            Pattern::MatchClass(c) => {
                let cls = self.expr(&c.cls)?;
                let names: Vec<Value> = c.kwd_attrs.iter().map(|a| self.vm.intern(a)).collect();
                let tup = self.vm.new_tuple(names);
                let kn = self.load_const_value(tup);
                let r = self.temp();
                self.emit(Op::MatchClass {
                    dst: r,
                    subject,
                    cls,
                    npos: c.patterns.len() as u16,
                    kwnames: kn,
                });
                let none = self.load_const_value(Value::NONE);
                fails.push(self.emit(Op::CompareJumpIfFalse {
                    op: CmpOp::IsNot,
                    a: r,
                    b: none,
                    target: 0,
                }));
                let total = c.patterns.len() + c.kwd_patterns.len();
                let base = self.temps(total);
                self.emit(Op::UnpackSequence {
                    src: r,
                    dst: base,
                    count: total as u16,
                });
                for (i, sp) in c.patterns.iter().chain(c.kwd_patterns.iter()).enumerate() {
                    self.pattern(sp, base + i as Reg, fails)?;
                }
            }
            Pattern::MatchStar(s) => return Err(self.err("can't use starred pattern here", s)),
        }
        Ok(())
    }
}

fn binop(op: &ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: &ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}

fn expr_kind_name(e: &Expr) -> &'static str {
    match e {
        Expr::Call(_) => "function call",
        Expr::Constant(_) => "literal",
        Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Lambda(_) => "lambda",
        Expr::Compare(_) => "comparison",
        Expr::BoolOp(_) => "expression",
        Expr::IfExp(_) => "conditional expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::GeneratorExp(_) => "generator expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::JoinedStr(_) => "f-string expression",
        Expr::NamedExpr(_) => "named expression",
        _ => "expression",
    }
}
