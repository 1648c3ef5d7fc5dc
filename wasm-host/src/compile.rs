//! Ahead-of-time compilation of a Python module to a wasm module.
//!
//! The source is compiled to code objects by molt's own compiler
//! (`molt_interp::compile`), then each code object becomes one wasm
//! function: registers are wasm locals holding guest words (see
//! [`crate::abi`]), small-int `+`, `-` and comparisons run inline, and
//! every other operation calls a `molt.*` import. Control flow (absolute
//! jumps between basic blocks) is a `loop` around nested `block`s with a
//! `br_table` dispatch: forward jumps are direct `br`s, backward jumps set
//! the block number and branch to the loop.
//!
//! Whatever the tier cannot run yet is refused here with
//! "molt build: <construct> is not supported by the wasm tier yet".

use crate::abi::{self, Import, Ty, IMPORTS};
use crate::format::{self, CodeMeta, Const, Metadata};
use molt_vm::bytecode::{flags, BinOp, CmpOp, CodeObject, Op, Reg, NO_REG};
use molt_vm::frame::code_of;
use molt_vm::object::Kind;
use molt_vm::ops::str_of;
use molt_vm::value::{TAG_INT, TAG_SHIFT};
use molt_vm::{Value, Vm};
use std::borrow::Cow;
use std::fmt;
use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, CustomSection, ElementSection, Elements, EntityType,
    ExportKind, ExportSection, Function, FunctionSection, ImportSection, Instruction, MemArg,
    MemorySection, MemoryType, Module, RefType, TableSection, TableType, TypeSection, ValType,
};

/// Why a module could not be built: a syntax error or a construct the wasm
/// tier does not support yet. `Display` gives the message `molt build` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "molt build: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

fn unsupported(what: &str, code: &CodeObject, pc: Option<usize>) -> BuildError {
    let file = str_of(code.filename).unwrap_or("?");
    let line = pc.map(|p| code.line_of(p)).unwrap_or(code.first_line);
    BuildError(format!(
        "{} {} not supported by the wasm tier yet ({}, line {})",
        what,
        if what.starts_with("this ") {
            "is"
        } else {
            "are"
        },
        file,
        line
    ))
}

/// Compile the Python module `source` (named `filename` in tracebacks) to
/// the bytes of a wasm tier module.
pub fn build(source: &str, filename: &str) -> Result<Vec<u8>, BuildError> {
    let mut vm = Vm::new();
    molt_interp::install(&mut vm);
    molt_builtins::install(&mut vm);
    let code = match molt_interp::compile(&mut vm, source, filename, "exec") {
        Ok(c) => c,
        Err(e) => {
            let text = molt_interp::traceback::format_exception(&mut vm, e.0);
            return Err(BuildError(text.trim_end().to_string()));
        }
    };
    let r = build_code(code);
    // The VM is dropped without freeing object by object, as the CLI does.
    std::mem::forget(vm);
    r
}

/// Compile a module code object (and the code objects it contains).
pub fn build_code(module_code: Value) -> Result<Vec<u8>, BuildError> {
    let mut codes: Vec<Value> = vec![module_code];
    let mut i = 0;
    while i < codes.len() {
        for &c in &code_of(codes[i]).consts {
            collect_codes(c, &mut codes);
        }
        i += 1;
    }
    let mut b = Builder {
        codes: codes.clone(),
        consts: Vec::new(),
        scratch: 8,
        max_arity: 0,
    };
    for &c in &codes {
        let co = code_of(c);
        b.max_arity = b.max_arity.max(co.argcount as u32);
    }
    let mut bodies = Vec::new();
    let mut metas = Vec::new();
    for (idx, &c) in codes.iter().enumerate() {
        let co = code_of(c);
        check_code(co, idx == 0)?;
        bodies.push(b.function(idx as u32, co)?);
        metas.push(CodeMeta {
            name: str_of(co.name).unwrap_or("?").to_string(),
            qualname: str_of(co.qualname).unwrap_or("?").to_string(),
            filename: str_of(co.filename).unwrap_or("?").to_string(),
            first_line: co.first_line,
            argcount: co.argcount,
            params: co.varnames[..co.argcount as usize]
                .iter()
                .map(|v| str_of(*v).unwrap_or("?").to_string())
                .collect(),
            varnames: co
                .varnames
                .iter()
                .map(|v| str_of(*v).unwrap_or("?").to_string())
                .collect(),
        });
    }
    let meta = Metadata {
        consts: b.consts.clone(),
        codes: metas,
    };
    Ok(b.assemble(bodies, &meta))
}

fn collect_codes(c: Value, codes: &mut Vec<Value>) {
    if let Some(o) = c.obj() {
        match &o.kind {
            Kind::Code(_) if !codes.contains(&c) => codes.push(c),
            Kind::Tuple(items) => items.iter().for_each(|&i| collect_codes(i, codes)),
            _ => {}
        }
    }
}

/// Refuse code objects whose shape the tier cannot run.
fn check_code(co: &CodeObject, is_module: bool) -> Result<(), BuildError> {
    let f = co.flags;
    if f & flags::ASYNC_GENERATOR != 0 {
        return Err(unsupported("async generators", co, None));
    }
    if f & flags::COROUTINE != 0 {
        return Err(unsupported("async functions", co, None));
    }
    if f & flags::GENERATOR != 0 {
        return Err(unsupported("generators (yield)", co, None));
    }
    if f & (flags::VARARGS | flags::VARKEYWORDS) != 0 {
        return Err(unsupported("*args and **kwargs parameters", co, None));
    }
    if co.kwonlyargcount > 0 {
        return Err(unsupported("keyword-only parameters", co, None));
    }
    if !co.cell_regs.is_empty() || !co.free_regs.is_empty() {
        return Err(unsupported(
            "closures (variables shared with nested functions)",
            co,
            None,
        ));
    }
    if !is_module && f & flags::USES_LOCALS_DICT != 0 {
        return Err(unsupported("class bodies", co, None));
    }
    if let Some(e) = co.exc_table.first() {
        let star = co
            .ops
            .iter()
            .any(|op| matches!(op, Op::ExcStarMatch { .. }));
        let what = if star {
            "try/except* statements"
        } else {
            "try/except/finally and with statements"
        };
        return Err(unsupported(what, co, Some(e.start as usize)));
    }
    Ok(())
}

/// The Python construct an unsupported instruction comes from.
fn construct_of(op: &Op) -> &'static str {
    match op {
        Op::LoadBuildClass { .. } => "class definitions",
        Op::Import { .. } | Op::ImportFrom { .. } | Op::ImportStar { .. } => "import statements",
        Op::Yield { .. } | Op::YieldFrom { .. } | Op::GetYieldFromIter { .. } => {
            "generators (yield)"
        }
        Op::GetAwaitable { .. }
        | Op::GetAIter { .. }
        | Op::GetANext { .. }
        | Op::EndAsyncFor { .. }
        | Op::AsyncGenWrap { .. } => "async code",
        Op::WithEnter { .. } | Op::WithExit { .. } => "with statements",
        Op::DeleteFast { .. }
        | Op::DeleteGlobal { .. }
        | Op::DeleteName { .. }
        | Op::DeleteAttr { .. }
        | Op::DeleteDeref { .. } => "del statements",
        Op::LoadDeref { .. } | Op::StoreDeref { .. } | Op::LoadClassDeref { .. } => {
            "closures (variables shared with nested functions)"
        }
        Op::CallEx { .. } => "calls with *args or **kwargs",
        Op::ListExtend { .. }
        | Op::SetUpdate { .. }
        | Op::DictUpdate { .. }
        | Op::DictMerge { .. }
        | Op::ListToTuple { .. }
        | Op::UnpackEx { .. } => "starred expressions",
        Op::BuildSlice { .. } | Op::SetSlice { .. } => "slice objects and slice assignment",
        Op::GetLen { .. }
        | Op::MatchSequence { .. }
        | Op::MatchMapping { .. }
        | Op::MatchKeys { .. }
        | Op::MatchClass { .. }
        | Op::CopyDictWithoutKeys { .. } => "match statements",
        Op::ExcMatch { .. } | Op::PushExc { .. } | Op::PopExc { .. } | Op::Reraise { .. } => {
            "try/except/finally and with statements"
        }
        Op::ExcStarMatch { .. } | Op::PrepReraiseStar { .. } => "try/except* statements",
        Op::PrintExpr { .. } => "interactive statements",
        _ => "this construct",
    }
}

struct Builder {
    codes: Vec<Value>,
    consts: Vec<Const>,
    /// Bytes of linear memory used to pass operands to imports.
    scratch: u32,
    max_arity: u32,
}

const NIMPORTS: u32 = IMPORTS.len() as u32;
const PAYLOAD_MASK: i64 = (1i64 << TAG_SHIFT) - 1;
const INT_TAG_BITS: i64 = (TAG_INT << TAG_SHIFT) as i64;

fn mem(offset: u32) -> MemArg {
    MemArg {
        offset: offset as u64,
        align: 3,
        memory_index: 0,
    }
}

impl Builder {
    fn konst(&mut self, v: Value, co: &CodeObject) -> Result<Const, BuildError> {
        if v.is_none() {
            return Ok(Const::None);
        }
        if v.is_bool() {
            return Ok(Const::Bool(v == Value::TRUE));
        }
        if v == Value::ELLIPSIS {
            return Ok(Const::Ellipsis);
        }
        if v.is_small_int() {
            return Ok(Const::Int(v.as_small_int()));
        }
        if v.is_float() {
            return Ok(Const::Float(v.as_float()));
        }
        let Some(o) = v.obj() else {
            return Err(unsupported("this kind of constant", co, None));
        };
        Ok(match &o.kind {
            Kind::Str(_) => Const::Str(str_of(v).unwrap_or("").to_string()),
            Kind::Int(b) => match i64::try_from(b) {
                Ok(i) => Const::Int(i),
                Err(_) => Const::BigInt(b.to_string()),
            },
            Kind::Bytes(b) => Const::Bytes(b.to_vec()),
            Kind::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for &i in items.iter() {
                    out.push(self.konst(i, co)?);
                }
                Const::Tuple(out)
            }
            Kind::Code(_) => Const::Code(self.code_index(v)),
            Kind::Complex(..) => return Err(unsupported("complex constants", co, None)),
            _ => return Err(unsupported("this kind of constant", co, None)),
        })
    }

    fn code_index(&self, v: Value) -> u32 {
        self.codes.iter().position(|&c| c == v).unwrap_or(0) as u32
    }

    fn add_const(&mut self, v: Value, co: &CodeObject) -> Result<u32, BuildError> {
        let c = self.konst(v, co)?;
        if let Some(i) = self.consts.iter().position(|x| same_const(x, &c)) {
            return Ok(i as u32);
        }
        self.consts.push(c);
        Ok(self.consts.len() as u32 - 1)
    }

    fn function(&mut self, idx: u32, co: &CodeObject) -> Result<Function, BuildError> {
        let n_ops = co.ops.len();
        // Basic blocks: the entry, every jump target, and every instruction after a branch.
        let mut leader = vec![false; n_ops + 1];
        leader[0] = true;
        for (pc, op) in co.ops.iter().enumerate() {
            let target = match *op {
                Op::Jump { target }
                | Op::Loop { target }
                | Op::JumpIfTrue { target, .. }
                | Op::JumpIfFalse { target, .. }
                | Op::CompareJumpIfFalse { target, .. }
                | Op::ForIter { target, .. } => Some(target as usize),
                _ => None,
            };
            if let Some(t) = target {
                if t >= n_ops {
                    return Err(unsupported("this control flow", co, Some(pc)));
                }
                leader[t] = true;
                leader[pc + 1] = true;
            }
            if matches!(
                op,
                Op::Return { .. } | Op::Raise { .. } | Op::RaiseAssert { .. }
            ) {
                leader[pc + 1] = true;
            }
        }
        let starts: Vec<usize> = (0..n_ops).filter(|&p| leader[p]).collect();
        let mut block_of = vec![0u32; n_ops];
        for (b, w) in starts.windows(2).enumerate() {
            for slot in &mut block_of[w[0]..w[1]] {
                *slot = b as u32;
            }
        }
        if let Some(&last) = starts.last() {
            let b = starts.len() as u32 - 1;
            for slot in &mut block_of[last..] {
                *slot = b;
            }
        }
        let argc = co.argcount as u32;
        let nregs = (co.nregs as u32).max(argc);
        let mut g = Gen {
            f: Function::new(vec![
                (nregs - argc, ValType::I64),
                (3, ValType::I32),
                (2, ValType::I64),
                (1, ValType::I32),
            ]),
            code_idx: idx,
            nblocks: starts.len() as u32,
            cur: 0,
            extra: 0,
            line: co.first_line,
            pc_local: nregs,
            line_local: nregs + 1,
            mark_local: nregs + 2,
            t0: nregs + 3,
            t1: nregs + 4,
            ti: nregs + 5,
            block_of,
        };
        use Instruction as I;
        g.call(Import::Enter);
        g.ins(I::LocalSet(g.mark_local));
        for r in argc..(co.nlocals as u32).min(nregs) {
            g.ins(I::I64Const(abi::ERROR as i64));
            g.ins(I::LocalSet(r));
        }
        g.ins(I::Loop(BlockType::Empty));
        // The error block (outermost), then one block per basic block.
        for _ in 0..=g.nblocks {
            g.ins(I::Block(BlockType::Empty));
        }
        g.ins(I::LocalGet(g.pc_local));
        let targets: Vec<u32> = (0..g.nblocks).collect();
        g.ins(I::BrTable(Cow::Owned(targets), 0));
        for (pc, &starts_block) in leader.iter().enumerate().take(n_ops) {
            if starts_block {
                g.ins(I::End);
                g.cur = g.block_of[pc];
            }
            g.line = co.line_of(pc);
            self.op(&mut g, co, pc)?;
        }
        // Falling off the last block cannot happen (code ends in a return);
        // a trap keeps the wasm valid if it did.
        g.ins(I::Unreachable);
        g.ins(I::End); // the error block
        g.ins(I::I32Const(g.code_idx as i32));
        g.ins(I::LocalGet(g.line_local));
        g.call(Import::Traceback);
        g.ins(I::LocalGet(g.mark_local));
        g.ins(I::I64Const(abi::ERROR as i64));
        g.call(Import::Leave);
        g.ins(I::Drop);
        g.ins(I::I64Const(abi::ERROR as i64));
        g.ins(I::Return);
        g.ins(I::End); // loop
        g.ins(I::Unreachable);
        g.ins(I::End);
        Ok(g.f)
    }

    fn name(&mut self, co: &CodeObject, name: u16) -> Result<i32, BuildError> {
        let v = co.names[name as usize];
        Ok(self.add_const(v, co)? as i32)
    }

    fn spill(&mut self, g: &mut Gen, start: Reg, count: u32) {
        self.scratch = self.scratch.max(count * 8);
        for i in 0..count {
            g.ins(Instruction::I32Const(0));
            g.ins(Instruction::LocalGet(start as u32 + i));
            g.ins(Instruction::I64Store(mem(i * 8)));
        }
    }

    fn op(&mut self, g: &mut Gen, co: &CodeObject, pc: usize) -> Result<(), BuildError> {
        use Instruction as I;
        let op = co.ops[pc];
        match op {
            Op::Nop => {}
            Op::LoadConst { dst, idx } => {
                let v = co.consts[idx as usize];
                if v.is_ptr() {
                    let c = self.add_const(v, co)?;
                    g.ins(I::I32Const(c as i32));
                    g.call(Import::LoadConst);
                    g.check_word();
                } else {
                    g.ins(I::I64Const(v.0 as i64));
                }
                g.set(dst);
            }
            Op::Move { dst, src } => {
                g.get(src);
                g.set(dst);
            }
            Op::CheckBound { reg } => {
                g.get(reg);
                g.ins(I::I64Const(abi::ERROR as i64));
                g.ins(I::I64Eq);
                g.ins(I::If(BlockType::Empty));
                g.extra += 1;
                g.ins(I::I32Const(g.code_idx as i32));
                g.ins(I::I32Const(reg as i32));
                g.call(Import::UnboundLocal);
                g.raise();
                g.extra -= 1;
                g.ins(I::End);
            }
            Op::LoadGlobal { dst, name } | Op::LoadName { dst, name } => {
                let n = self.name(co, name)?;
                g.ins(I::I32Const(n));
                g.call(Import::LoadGlobal);
                g.check_word();
                g.set(dst);
            }
            Op::StoreGlobal { src, name } | Op::StoreName { src, name } => {
                let n = self.name(co, name)?;
                g.ins(I::I32Const(n));
                g.get(src);
                g.call(Import::StoreGlobal);
                g.check_status();
            }
            Op::Binary { op, dst, a, b } => {
                g.binary(op, false, a, b);
                g.set(dst);
            }
            Op::Inplace { op, dst, a, b } => {
                g.binary(op, true, a, b);
                g.set(dst);
            }
            Op::Unary { op, dst, src } => {
                g.ins(I::I32Const(op as i32));
                g.get(src);
                g.call(Import::UnaryOp);
                g.check_word();
                g.set(dst);
            }
            Op::Compare { op, dst, a, b } => {
                g.compare(op, a, b);
                g.set(dst);
            }
            Op::Jump { target } | Op::Loop { target } => g.jump(target),
            Op::JumpIfTrue { cond, target } | Op::JumpIfFalse { cond, target } => {
                g.truth(cond as u32);
                if matches!(op, Op::JumpIfFalse { .. }) {
                    g.ins(I::I32Eqz);
                }
                g.if_jump(target);
            }
            Op::CompareJumpIfFalse { op, a, b, target } => {
                g.compare(op, a, b);
                g.ins(I::LocalSet(g.t1));
                g.truth(g.t1);
                g.ins(I::I32Eqz);
                g.if_jump(target);
            }
            Op::GetIter { dst, src } => {
                g.get(src);
                g.call(Import::GetIter);
                g.check_word();
                g.set(dst);
            }
            Op::ForIter { dst, iter, target } => {
                g.get(iter);
                g.call(Import::ForIter);
                g.check_word();
                g.ins(I::LocalSet(g.t0));
                g.ins(I::LocalGet(g.t0));
                g.ins(I::I64Const(abi::EXHAUSTED as i64));
                g.ins(I::I64Eq);
                g.if_jump(target);
                g.ins(I::LocalGet(g.t0));
                g.set(dst);
            }
            Op::Return { src } => {
                g.ins(I::LocalGet(g.mark_local));
                g.get(src);
                g.call(Import::Leave);
                g.ins(I::Return);
            }
            Op::BuildTuple { dst, start, count }
            | Op::BuildList { dst, start, count }
            | Op::BuildSet { dst, start, count }
            | Op::BuildMap { dst, start, count }
            | Op::BuildString { dst, start, count } => {
                let (kind, regs) = match op {
                    Op::BuildTuple { .. } => (0, count as u32),
                    Op::BuildList { .. } => (1, count as u32),
                    Op::BuildSet { .. } => (2, count as u32),
                    Op::BuildMap { .. } => (3, 2 * count as u32),
                    _ => (4, count as u32),
                };
                self.spill(g, start, regs);
                g.ins(I::I32Const(kind));
                g.ins(I::I32Const(0));
                g.ins(I::I32Const(count as i32));
                g.call(Import::Build);
                g.check_word();
                g.set(dst);
            }
            Op::FormatValue {
                dst,
                src,
                conv,
                spec,
            } => {
                g.get(src);
                g.ins(I::I32Const(conv as i32));
                g.get_or_error(spec);
                g.call(Import::FormatValue);
                g.check_word();
                g.set(dst);
            }
            Op::ListAppend { list, src } => g.container_add(0, list, src, NO_REG),
            Op::SetAdd { set, src } => g.container_add(1, set, src, NO_REG),
            Op::MapAdd { map, key, value } => g.container_add(2, map, key, value),
            Op::LoadAttr { dst, obj, name } => {
                let n = self.name(co, name)?;
                g.get(obj);
                g.ins(I::I32Const(n));
                g.call(Import::GetAttr);
                g.check_word();
                g.set(dst);
            }
            Op::StoreAttr { obj, name, src } => {
                let n = self.name(co, name)?;
                g.get(obj);
                g.ins(I::I32Const(n));
                g.get(src);
                g.call(Import::SetAttr);
                g.check_status();
            }
            Op::GetItem { dst, obj, key } => {
                g.get(obj);
                g.get(key);
                g.call(Import::GetItem);
                g.check_word();
                g.set(dst);
            }
            Op::SetItem { obj, key, src } => {
                g.get(obj);
                g.get(key);
                g.get(src);
                g.call(Import::SetItem);
                g.check_status();
            }
            Op::DelItem { obj, key } => {
                g.get(obj);
                g.get(key);
                g.call(Import::DelItem);
                g.check_status();
            }
            Op::GetSlice { dst, obj, start } => {
                g.get(obj);
                g.get(start);
                g.get(start + 1);
                g.get(start + 2);
                g.call(Import::GetSlice);
                g.check_word();
                g.set(dst);
            }
            Op::Call { dst, base, nargs } => {
                if nargs as u32 > self.max_arity {
                    // No guest function takes this many arguments: always a host call.
                    self.spill(g, base, nargs as u32 + 1);
                    g.ins(I::I32Const(0));
                    g.ins(I::I32Const(nargs as i32));
                    g.call(Import::Call);
                } else {
                    g.get(base);
                    g.ins(I::I32Const(nargs as i32));
                    g.call(Import::GuestTarget);
                    g.ins(I::LocalTee(g.ti));
                    g.ins(I::I32Const(0));
                    g.ins(I::I32GeS);
                    g.ins(I::If(BlockType::Result(ValType::I64)));
                    for i in 0..nargs {
                        g.get(base + 1 + i);
                    }
                    g.ins(I::LocalGet(g.ti));
                    g.ins(I::CallIndirect {
                        type_index: nargs as u32,
                        table_index: 0,
                    });
                    g.ins(I::Else);
                    g.ins(I::LocalGet(g.ti));
                    g.ins(I::I32Const(-2));
                    g.ins(I::I32Eq);
                    g.ins(I::If(BlockType::Result(ValType::I64)));
                    g.ins(I::I64Const(abi::ERROR as i64));
                    g.ins(I::Else);
                    self.spill(g, base, nargs as u32 + 1);
                    g.ins(I::I32Const(0));
                    g.ins(I::I32Const(nargs as i32));
                    g.call(Import::Call);
                    g.ins(I::End);
                    g.ins(I::End);
                }
                g.check_word();
                g.set(dst);
            }
            Op::CallKw {
                dst,
                base,
                nargs,
                kwnames,
            } => {
                let k = self.add_const(co.consts[kwnames as usize], co)?;
                self.spill(g, base, nargs as u32 + 1);
                g.ins(I::I32Const(0));
                g.ins(I::I32Const(nargs as i32));
                g.ins(I::I32Const(k as i32));
                g.call(Import::CallKw);
                g.check_word();
                g.set(dst);
            }
            Op::CallMethod {
                dst,
                base,
                nargs,
                name,
            } => {
                let n = self.name(co, name)?;
                self.spill(g, base, nargs as u32 + 1);
                g.ins(I::I32Const(n));
                g.ins(I::I32Const(0));
                g.ins(I::I32Const(nargs as i32));
                g.call(Import::CallMethod);
                g.check_word();
                g.set(dst);
            }
            Op::MakeFunction { dst, code, base } => {
                for (r, what) in [
                    (base, "default parameter values"),
                    (base + 1, "keyword-only parameters"),
                    (
                        base + 2,
                        "closures (variables shared with nested functions)",
                    ),
                ] {
                    if !set_to_none_before(co, pc, r) {
                        return Err(unsupported(what, co, Some(pc)));
                    }
                }
                let idx = self.code_index(co.consts[code as usize]);
                g.ins(I::I32Const(idx as i32));
                g.call(Import::MakeFunction);
                g.check_word();
                g.set(dst);
            }
            Op::UnpackSequence { src, dst, count } => {
                self.scratch = self.scratch.max(count as u32 * 8);
                g.get(src);
                g.ins(I::I32Const(0));
                g.ins(I::I32Const(count as i32));
                g.call(Import::Unpack);
                g.check_status();
                for i in 0..count as u32 {
                    g.ins(I::I32Const(0));
                    g.ins(I::I64Load(mem(i * 8)));
                    g.set(dst + i as Reg);
                }
            }
            Op::Raise { exc, cause } => {
                g.get_or_error(exc);
                g.get_or_error(cause);
                g.call(Import::Raise);
                g.raise();
            }
            Op::RaiseAssert { msg } => {
                g.get_or_error(msg);
                g.call(Import::RaiseAssert);
                g.raise();
            }
            other => return Err(unsupported(construct_of(&other), co, Some(pc))),
        }
        Ok(())
    }

    fn assemble(&self, bodies: Vec<Function>, meta: &Metadata) -> Vec<u8> {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        for arity in 0..=self.max_arity {
            types
                .ty()
                .function(vec![ValType::I64; arity as usize], vec![ValType::I64]);
        }
        let vt = |t: &Ty| match t {
            Ty::I32 => ValType::I32,
            Ty::I64 => ValType::I64,
        };
        for (_, _, params, results) in IMPORTS {
            types.ty().function(
                params.iter().map(vt).collect::<Vec<_>>(),
                results.iter().map(vt).collect::<Vec<_>>(),
            );
        }
        module.section(&types);
        let mut imports = ImportSection::new();
        for (i, (_, name, _, _)) in IMPORTS.iter().enumerate() {
            imports.import(
                "molt",
                name,
                EntityType::Function(self.max_arity + 1 + i as u32),
            );
        }
        module.section(&imports);
        let mut funcs = FunctionSection::new();
        for &c in &self.codes {
            funcs.function(code_of(c).argcount as u32);
        }
        module.section(&funcs);
        let n = self.codes.len() as u64;
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            minimum: n,
            maximum: Some(n),
            table64: false,
            shared: false,
        });
        module.section(&tables);
        let mut mems = MemorySection::new();
        let pages = (self.scratch as u64).div_ceil(65536).max(1);
        mems.memory(MemoryType {
            minimum: pages,
            maximum: Some(pages),
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&mems);
        let mut exports = ExportSection::new();
        exports.export("main", ExportKind::Func, NIMPORTS);
        exports.export("memory", ExportKind::Memory, 0);
        module.section(&exports);
        let mut elems = ElementSection::new();
        let fidx: Vec<u32> = (0..self.codes.len() as u32).map(|i| NIMPORTS + i).collect();
        elems.active(
            Some(0),
            &ConstExpr::i32_const(0),
            Elements::Functions(Cow::Owned(fidx)),
        );
        module.section(&elems);
        let mut code = CodeSection::new();
        for b in &bodies {
            code.function(b);
        }
        module.section(&code);
        let before = module.clone().finish();
        let payload = format::encode_section(meta, &before);
        module.section(&CustomSection {
            name: Cow::Borrowed(format::SECTION_NAME),
            data: Cow::Owned(payload),
        });
        module.finish()
    }
}

fn same_const(a: &Const, b: &Const) -> bool {
    match (a, b) {
        // 0.0 and -0.0 are different constants; so are NaNs with different payloads.
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Tuple(x), Const::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_const(p, q))
        }
        _ => a == b,
    }
}

/// Whether the nearest instruction before `pc` that sets register `r` (as
/// the compiler sets MakeFunction's defaults, keyword defaults and closure)
/// loads None.
fn set_to_none_before(co: &CodeObject, pc: usize, r: Reg) -> bool {
    for op in co.ops[..pc].iter().rev() {
        match *op {
            Op::LoadConst { dst, idx } if dst == r => {
                return co.consts[idx as usize].is_none();
            }
            Op::BuildTuple { dst, .. } | Op::BuildMap { dst, .. } | Op::Move { dst, .. }
                if dst == r =>
            {
                return false;
            }
            _ => {}
        }
    }
    false
}

/// Emits one function body.
struct Gen {
    f: Function,
    code_idx: u32,
    nblocks: u32,
    /// The basic block being emitted.
    cur: u32,
    /// Structured blocks (`if`s) open inside the current basic block.
    extra: u32,
    line: u32,
    pc_local: u32,
    line_local: u32,
    mark_local: u32,
    t0: u32,
    t1: u32,
    ti: u32,
    block_of: Vec<u32>,
}

impl Gen {
    fn ins(&mut self, i: Instruction) {
        self.f.instruction(&i);
    }
    fn call(&mut self, imp: Import) {
        self.ins(Instruction::Call(imp as u32));
    }
    fn get(&mut self, r: Reg) {
        self.ins(Instruction::LocalGet(r as u32));
    }
    fn get_or_error(&mut self, r: Reg) {
        if r == NO_REG {
            self.ins(Instruction::I64Const(abi::ERROR as i64));
        } else {
            self.get(r);
        }
    }
    fn set(&mut self, r: Reg) {
        self.ins(Instruction::LocalSet(r as u32));
    }
    /// Branch to the error block (the pending exception leaves this frame).
    fn raise(&mut self) {
        self.ins(Instruction::I32Const(self.line as i32));
        self.ins(Instruction::LocalSet(self.line_local));
        let depth = self.nblocks - self.cur - 1 + self.extra;
        self.ins(Instruction::Br(depth));
    }
    /// With an i32 condition on the stack: raise if it is non-zero.
    fn raise_if(&mut self) {
        self.ins(Instruction::If(BlockType::Empty));
        self.extra += 1;
        self.raise();
        self.extra -= 1;
        self.ins(Instruction::End);
    }
    /// The i64 word on the stack: raise if it is ERROR, else leave it.
    fn check_word(&mut self) {
        self.ins(Instruction::LocalTee(self.t0));
        self.ins(Instruction::I64Const(abi::ERROR as i64));
        self.ins(Instruction::I64Eq);
        self.raise_if();
        self.ins(Instruction::LocalGet(self.t0));
    }
    /// The i32 status on the stack: raise if it is -1.
    fn check_status(&mut self) {
        self.ins(Instruction::I32Const(-1));
        self.ins(Instruction::I32Eq);
        self.raise_if();
    }
    fn jump(&mut self, target: u32) {
        let j = self.block_of[target as usize];
        if j > self.cur {
            self.ins(Instruction::Br(j - self.cur - 1 + self.extra));
        } else {
            self.ins(Instruction::I32Const(j as i32));
            self.ins(Instruction::LocalSet(self.pc_local));
            self.ins(Instruction::Br(self.nblocks - self.cur + self.extra));
        }
    }
    /// With an i32 condition on the stack: jump to `target` if it is non-zero.
    fn if_jump(&mut self, target: u32) {
        self.ins(Instruction::If(BlockType::Empty));
        self.extra += 1;
        self.jump(target);
        self.extra -= 1;
        self.ins(Instruction::End);
    }
    /// Push 1 if both registers hold small ints, else 0.
    fn both_small_ints(&mut self, a: u32, b: u32) {
        for r in [a, b] {
            self.ins(Instruction::LocalGet(r));
            self.ins(Instruction::I64Const(TAG_SHIFT as i64));
            self.ins(Instruction::I64ShrU);
            self.ins(Instruction::I64Const(TAG_INT as i64));
            self.ins(Instruction::I64Eq);
        }
        self.ins(Instruction::I32And);
    }
    /// Push the small int in local `r`, sign-extended.
    fn unbox(&mut self, r: u32) {
        self.ins(Instruction::LocalGet(r));
        self.ins(Instruction::I64Const(16));
        self.ins(Instruction::I64Shl);
        self.ins(Instruction::I64Const(16));
        self.ins(Instruction::I64ShrS);
    }
    fn host_binary(&mut self, op: BinOp, inplace: bool, a: Reg, b: Reg) {
        self.ins(Instruction::I32Const(
            op as i32 + if inplace { 32 } else { 0 },
        ));
        self.get(a);
        self.get(b);
        self.call(Import::BinaryOp);
    }
    /// `a op b` as a checked word on the stack.
    fn binary(&mut self, op: BinOp, inplace: bool, a: Reg, b: Reg) {
        use Instruction as I;
        if !matches!(op, BinOp::Add | BinOp::Sub) {
            self.host_binary(op, inplace, a, b);
            self.check_word();
            return;
        }
        self.both_small_ints(a as u32, b as u32);
        self.ins(I::If(BlockType::Result(ValType::I64)));
        self.unbox(a as u32);
        self.unbox(b as u32);
        self.ins(if op == BinOp::Add {
            I::I64Add
        } else {
            I::I64Sub
        });
        self.ins(I::LocalTee(self.t1));
        // Still a 48-bit int?
        self.ins(I::I64Const(16));
        self.ins(I::I64Shl);
        self.ins(I::I64Const(16));
        self.ins(I::I64ShrS);
        self.ins(I::LocalGet(self.t1));
        self.ins(I::I64Eq);
        self.ins(I::If(BlockType::Result(ValType::I64)));
        self.ins(I::LocalGet(self.t1));
        self.ins(I::I64Const(PAYLOAD_MASK));
        self.ins(I::I64And);
        self.ins(I::I64Const(INT_TAG_BITS));
        self.ins(I::I64Or);
        self.ins(I::Else);
        self.host_binary(op, inplace, a, b);
        self.ins(I::End);
        self.ins(I::Else);
        self.host_binary(op, inplace, a, b);
        self.ins(I::End);
        self.check_word();
    }
    /// `a op b` as a checked word on the stack.
    fn compare(&mut self, op: CmpOp, a: Reg, b: Reg) {
        use Instruction as I;
        let inline = match op {
            CmpOp::Lt => Some(I::I64LtS),
            CmpOp::Le => Some(I::I64LeS),
            CmpOp::Gt => Some(I::I64GtS),
            CmpOp::Ge => Some(I::I64GeS),
            CmpOp::Eq => Some(I::I64Eq),
            CmpOp::Ne => Some(I::I64Ne),
            _ => None,
        };
        let host = |g: &mut Gen| {
            g.ins(I::I32Const(op as i32));
            g.get(a);
            g.get(b);
            g.call(Import::Compare);
        };
        match inline {
            Some(cmp) => {
                self.both_small_ints(a as u32, b as u32);
                self.ins(I::If(BlockType::Result(ValType::I64)));
                self.ins(I::I64Const(abi::TRUE as i64));
                self.ins(I::I64Const(abi::FALSE as i64));
                // Shifting the tag out keeps the order of the 48-bit payloads.
                for r in [a, b] {
                    self.get(r);
                    self.ins(I::I64Const(16));
                    self.ins(I::I64Shl);
                }
                self.ins(cmp);
                self.ins(I::Select);
                self.ins(I::Else);
                host(self);
                self.ins(I::End);
            }
            None => host(self),
        }
        self.check_word();
    }
    /// Push the truth of the word in local `l` as 1 or 0 (raising on error).
    fn truth(&mut self, l: u32) {
        use Instruction as I;
        self.ins(I::LocalGet(l));
        self.ins(I::I64Const(abi::TRUE as i64));
        self.ins(I::I64Eq);
        self.ins(I::If(BlockType::Result(ValType::I32)));
        self.ins(I::I32Const(1));
        self.ins(I::Else);
        self.ins(I::LocalGet(l));
        self.ins(I::I64Const(abi::FALSE as i64));
        self.ins(I::I64Eq);
        self.ins(I::If(BlockType::Result(ValType::I32)));
        self.ins(I::I32Const(0));
        self.ins(I::Else);
        self.extra += 2;
        self.ins(I::LocalGet(l));
        self.call(Import::Truthy);
        self.ins(I::LocalTee(self.ti));
        self.ins(I::I32Const(-1));
        self.ins(I::I32Eq);
        self.raise_if();
        self.ins(I::LocalGet(self.ti));
        self.extra -= 2;
        self.ins(I::End);
        self.ins(I::End);
    }
    fn container_add(&mut self, kind: i32, c: Reg, a: Reg, b: Reg) {
        self.ins(Instruction::I32Const(kind));
        self.get(c);
        self.get(a);
        self.get_or_error(b);
        self.call(Import::ContainerAdd);
        self.check_status();
    }
}
