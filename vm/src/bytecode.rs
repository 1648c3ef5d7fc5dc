//! Register bytecode: the instruction format, defined once, shared by the
//! compiler, the interpreter, the JIT recorder and the wasm compiler.
//!
//! Operands are frame registers (`Reg`), indexes into the code object's
//! constants (`consts`) or names (`names`), and absolute jump targets.
//! Registers `0..nlocals` are the function's local variables (arguments
//! first); the rest are temporaries allocated by the compiler.  Try blocks
//! cost nothing on the normal path: the exception table maps instruction
//! ranges to handlers.

use crate::value::Value;

pub type Reg = u16;
/// "No register": an absent optional operand.
pub const NO_REG: Reg = u16::MAX;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
    /// `__add__`, …
    pub fn dunder(self) -> &'static str {
        match self {
            BinOp::Add => "__add__",
            BinOp::Sub => "__sub__",
            BinOp::Mul => "__mul__",
            BinOp::MatMul => "__matmul__",
            BinOp::TrueDiv => "__truediv__",
            BinOp::FloorDiv => "__floordiv__",
            BinOp::Mod => "__mod__",
            BinOp::Pow => "__pow__",
            BinOp::LShift => "__lshift__",
            BinOp::RShift => "__rshift__",
            BinOp::And => "__and__",
            BinOp::Or => "__or__",
            BinOp::Xor => "__xor__",
        }
    }
    pub fn rdunder(self) -> &'static str {
        match self {
            BinOp::Add => "__radd__",
            BinOp::Sub => "__rsub__",
            BinOp::Mul => "__rmul__",
            BinOp::MatMul => "__rmatmul__",
            BinOp::TrueDiv => "__rtruediv__",
            BinOp::FloorDiv => "__rfloordiv__",
            BinOp::Mod => "__rmod__",
            BinOp::Pow => "__rpow__",
            BinOp::LShift => "__rlshift__",
            BinOp::RShift => "__rrshift__",
            BinOp::And => "__rand__",
            BinOp::Or => "__ror__",
            BinOp::Xor => "__rxor__",
        }
    }
    pub fn idunder(self) -> &'static str {
        match self {
            BinOp::Add => "__iadd__",
            BinOp::Sub => "__isub__",
            BinOp::Mul => "__imul__",
            BinOp::MatMul => "__imatmul__",
            BinOp::TrueDiv => "__itruediv__",
            BinOp::FloorDiv => "__ifloordiv__",
            BinOp::Mod => "__imod__",
            BinOp::Pow => "__ipow__",
            BinOp::LShift => "__ilshift__",
            BinOp::RShift => "__irshift__",
            BinOp::And => "__iand__",
            BinOp::Or => "__ior__",
            BinOp::Xor => "__ixor__",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
    /// `a OP b` for the six ordering operators on any partially ordered
    /// operands (ints, floats with IEEE NaN rules); `None` for identity and
    /// membership, which need the values themselves.
    #[inline(always)]
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> Option<bool> {
        Some(match self {
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
            _ => return None,
        })
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
            _ => "",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Op {
    // --- registers, constants and names ---
    LoadConst {
        dst: Reg,
        idx: u32,
    },
    Move {
        dst: Reg,
        src: Reg,
    },
    /// UnboundLocalError unless the local `varnames[reg]` holds a value.
    CheckBound {
        reg: Reg,
    },
    /// `del local`
    DeleteFast {
        reg: Reg,
    },
    LoadGlobal {
        dst: Reg,
        name: u16,
    },
    StoreGlobal {
        src: Reg,
        name: u16,
    },
    DeleteGlobal {
        name: u16,
    },
    /// Name lookups through the frame's locals mapping (module and class bodies).
    LoadName {
        dst: Reg,
        name: u16,
    },
    StoreName {
        src: Reg,
        name: u16,
    },
    DeleteName {
        name: u16,
    },
    /// Read a cell held in register `cell`; `name` indexes `names` for the error message.
    LoadDeref {
        dst: Reg,
        cell: Reg,
        name: u16,
    },
    StoreDeref {
        cell: Reg,
        src: Reg,
    },
    DeleteDeref {
        cell: Reg,
        name: u16,
    },
    /// Class bodies: the locals mapping first, then the cell.
    LoadClassDeref {
        dst: Reg,
        cell: Reg,
        name: u16,
    },

    // --- operators ---
    Binary {
        op: BinOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Inplace {
        op: BinOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Unary {
        op: UnOp,
        dst: Reg,
        src: Reg,
    },
    Compare {
        op: CmpOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },

    // --- control flow ---
    Jump {
        target: u32,
    },
    /// A backward jump: the loop's safepoint and the JIT's hot counter.
    Loop {
        target: u32,
    },
    JumpIfTrue {
        cond: Reg,
        target: u32,
    },
    JumpIfFalse {
        cond: Reg,
        target: u32,
    },
    /// Fused `a OP b` + branch-if-false for loop and `if` conditions.
    CompareJumpIfFalse {
        op: CmpOp,
        a: Reg,
        b: Reg,
        target: u32,
    },
    GetIter {
        dst: Reg,
        src: Reg,
    },
    /// `dst = next(iter)`, or jump to `target` when exhausted.
    ForIter {
        dst: Reg,
        iter: Reg,
        target: u32,
    },
    Return {
        src: Reg,
    },

    // --- building values ---
    BuildTuple {
        dst: Reg,
        start: Reg,
        count: u16,
    },
    BuildList {
        dst: Reg,
        start: Reg,
        count: u16,
    },
    BuildSet {
        dst: Reg,
        start: Reg,
        count: u16,
    },
    /// `count` key/value pairs in consecutive registers.
    BuildMap {
        dst: Reg,
        start: Reg,
        count: u16,
    },
    /// start, stop, step in three consecutive registers.
    BuildSlice {
        dst: Reg,
        start: Reg,
    },
    /// Concatenate `count` strs (f-strings).
    BuildString {
        dst: Reg,
        start: Reg,
        count: u16,
    },
    /// `format(src, spec)` after conversion 0 (none), b's' (str), b'r' (repr), b'a' (ascii).
    FormatValue {
        dst: Reg,
        src: Reg,
        conv: u8,
        spec: Reg,
    },
    ListAppend {
        list: Reg,
        src: Reg,
    },
    SetAdd {
        set: Reg,
        src: Reg,
    },
    MapAdd {
        map: Reg,
        key: Reg,
        value: Reg,
    },
    /// `list.extend(src)` for `*src` in a display; in a call's arguments `func` names the
    /// callee for the error message (NO_REG otherwise).
    ListExtend {
        list: Reg,
        src: Reg,
        func: Reg,
    },
    SetUpdate {
        set: Reg,
        src: Reg,
    },
    DictUpdate {
        dict: Reg,
        src: Reg,
    },
    /// `**mapping` in a call: like DictUpdate, but duplicate keys are a TypeError.
    DictMerge {
        dict: Reg,
        src: Reg,
        func: Reg,
    },
    ListToTuple {
        dst: Reg,
        src: Reg,
    },
    /// Unpack exactly `count` items into `dst..dst+count`.
    UnpackSequence {
        src: Reg,
        dst: Reg,
        count: u16,
    },
    /// `a, *b, c = src`: `before` items, a list, `after` items.
    UnpackEx {
        src: Reg,
        dst: Reg,
        before: u8,
        after: u8,
    },

    // --- attributes and items ---
    LoadAttr {
        dst: Reg,
        obj: Reg,
        name: u16,
    },
    StoreAttr {
        obj: Reg,
        name: u16,
        src: Reg,
    },
    DeleteAttr {
        obj: Reg,
        name: u16,
    },
    GetItem {
        dst: Reg,
        obj: Reg,
        key: Reg,
    },
    /// `dst = obj[a:b:c]` with start, stop, step in `start..start+3` (no slice object for builtins).
    GetSlice {
        dst: Reg,
        obj: Reg,
        start: Reg,
    },
    /// `obj[a:b:c] = src`
    SetSlice {
        obj: Reg,
        start: Reg,
        src: Reg,
    },
    SetItem {
        obj: Reg,
        key: Reg,
        src: Reg,
    },
    DelItem {
        obj: Reg,
        key: Reg,
    },

    // --- calls and definitions ---
    /// Callable at `base`, positional arguments at `base+1 ..= base+nargs`.
    Call {
        dst: Reg,
        base: Reg,
        nargs: u16,
    },
    /// As Call; the last `len(consts[kwnames])` arguments are keywords named by that tuple.
    CallKw {
        dst: Reg,
        base: Reg,
        nargs: u16,
        kwnames: u16,
    },
    /// Receiver at `base`, arguments after it; calls `base.names[name](...)` without a bound method.
    CallMethod {
        dst: Reg,
        base: Reg,
        nargs: u16,
        name: u16,
    },
    /// `func(*args, **kwargs)`: `args` holds a tuple, `kwargs` a dict or NO_REG.
    CallEx {
        dst: Reg,
        func: Reg,
        args: Reg,
        kwargs: Reg,
    },
    /// A function from the code constant; defaults, kw-defaults, closure and
    /// annotations in `base..base+4` (NONE when absent).
    MakeFunction {
        dst: Reg,
        code: u32,
        base: Reg,
    },
    LoadBuildClass {
        dst: Reg,
    },

    // --- exceptions ---
    /// `raise exc [from cause]`; exc NO_REG re-raises the exception being handled.
    Raise {
        exc: Reg,
        cause: Reg,
    },
    /// Re-raise `exc` unchanged (end of a finally or unmatched except).
    Reraise {
        exc: Reg,
    },
    /// `dst = exc matches ty` (a class or tuple of classes; checked like CPython).
    ExcMatch {
        dst: Reg,
        exc: Reg,
        ty: Reg,
    },
    /// Enter an except/finally handler: save the exception being handled in `save`, handle `exc`.
    PushExc {
        save: Reg,
        exc: Reg,
    },
    /// Leave a handler: restore the exception saved by PushExc.
    PopExc {
        save: Reg,
    },
    /// An `except* ty` clause against the unhandled exception in `rest`
    /// (None once all is handled): `dst` = the matching part, a group, or
    /// None; `rest` keeps the remainder; a match becomes the exception
    /// being handled.
    ExcStarMatch {
        dst: Reg,
        rest: Reg,
        ty: Reg,
    },
    /// End of a `try`/`except*`: `dst` = the exception to raise (None for
    /// none) from the exception caught, `orig`, and the list `raised` of
    /// what the clauses raised plus the unhandled rest.
    PrepReraiseStar {
        dst: Reg,
        orig: Reg,
        raised: Reg,
    },
    /// `assert` failure: raise AssertionError(msg) (msg NO_REG for none).
    RaiseAssert {
        msg: Reg,
    },

    // --- with ---
    /// `dst = bound __exit__`, `dst+1 = mgr.__enter__()`.  For `async with`:
    /// `__aexit__`, and the awaitable of `mgr.__aenter__()` (then awaited).
    WithEnter {
        dst: Reg,
        mgr: Reg,
        is_async: bool,
    },
    /// `dst = bool(exit(type(exc), exc, tb))`, or `exit(None, None, None)` when exc is NO_REG.
    /// For `async with`: `dst` is the awaitable of the result (awaited, then tested).
    WithExit {
        dst: Reg,
        exit: Reg,
        exc: Reg,
        is_async: bool,
    },

    // --- generators ---
    Yield {
        dst: Reg,
        src: Reg,
    },
    /// Delegate to the iterator in `iter` until it finishes; its return value goes to `dst`.
    YieldFrom {
        dst: Reg,
        iter: Reg,
    },
    GetYieldFromIter {
        dst: Reg,
        src: Reg,
    },

    // --- coroutines ---
    /// `dst = ` the iterator `await src` delegates to: a coroutine itself,
    /// or `type(src).__await__(src)`.  `YieldFrom` then drives it.
    GetAwaitable {
        dst: Reg,
        src: Reg,
    },
    /// `dst = src.__aiter__()` (`async for`).
    GetAIter {
        dst: Reg,
        src: Reg,
    },
    /// `dst = ` the awaitable of `iter.__anext__()`.
    GetANext {
        dst: Reg,
        iter: Reg,
    },
    /// The handler of an `async for`: StopAsyncIteration in `exc` ends the
    /// loop; anything else is re-raised.
    EndAsyncFor {
        exc: Reg,
    },
    /// `dst = ` `src` wrapped as an async generator's yielded value (as
    /// opposed to a value passed up by an `await` inside it).
    AsyncGenWrap {
        dst: Reg,
        src: Reg,
    },

    // --- imports ---
    /// `dst = __import__(names[name], fromlist=consts[fromlist], level)`.
    Import {
        dst: Reg,
        name: u16,
        fromlist: u16,
        level: u16,
    },
    /// `dst = module.name`, with ImportError if missing.
    ImportFrom {
        dst: Reg,
        module: Reg,
        name: u16,
    },
    ImportStar {
        module: Reg,
    },

    // --- pattern matching ---
    /// `dst = len(src)` as an int.
    GetLen {
        dst: Reg,
        src: Reg,
    },
    MatchSequence {
        dst: Reg,
        src: Reg,
    },
    MatchMapping {
        dst: Reg,
        src: Reg,
    },
    /// `dst = tuple of subject[k] for k in keys tuple` or None if a key is missing.
    MatchKeys {
        dst: Reg,
        subject: Reg,
        keys: Reg,
    },
    /// Class pattern: `dst = tuple of matched attributes` or None. Positional count `npos`,
    /// keyword names in the tuple in register `kwnames`.
    MatchClass {
        dst: Reg,
        subject: Reg,
        cls: Reg,
        npos: u16,
        kwnames: Reg,
    },
    /// `dst = dict(subject) without keys` (for `**rest`).
    CopyDictWithoutKeys {
        dst: Reg,
        subject: Reg,
        keys: Reg,
    },

    /// REPL: print repr of a non-None expression result and bind `_`.
    PrintExpr {
        src: Reg,
    },
    Nop,
}

pub mod flags {
    //! CPython's `co_flags` bit values, plus molt's own bits above them.
    pub const OPTIMIZED: u32 = 1;
    pub const NEWLOCALS: u32 = 2;
    pub const VARARGS: u32 = 4;
    pub const VARKEYWORDS: u32 = 8;
    /// Lambdas, comprehensions and nested functions (qualname contains `<locals>`).
    pub const NESTED: u32 = 16;
    pub const GENERATOR: u32 = 32;
    pub const COROUTINE: u32 = 128;
    pub const ASYNC_GENERATOR: u32 = 512;
    /// The bits `co_flags` shows (CPython's `CO_*` below `CO_FUTURE_*`).
    pub const CPYTHON_MASK: u32 = 0x3ff;
    /// Class bodies and module code: names go through a locals mapping.
    /// (Molt's own bit; not shown in `co_flags`.)
    pub const USES_LOCALS_DICT: u32 = 1 << 24;
}

/// One try-block range: an exception raised at `start <= pc < end` goes to `handler`,
/// stored in register `exc`.  Inner blocks come first.
#[derive(Clone, Copy, Debug)]
pub struct ExcEntry {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub exc: Reg,
}

/// A per-instruction inline cache for attribute access and method calls:
/// valid for receivers of class `cls` whose attribute shape is `shape`, while
/// `Vm::class_epoch` equals `epoch`. `data` is a slot index (loads, stores)
/// or the method value (calls).
#[derive(Clone, Copy, Debug)]
pub struct InlineCache {
    pub cls: u64,
    pub shape: usize,
    pub epoch: u64,
    pub data: u64,
}

impl InlineCache {
    pub const EMPTY: InlineCache = InlineCache {
        cls: 0,
        shape: 0,
        epoch: u64::MAX,
        data: 0,
    };
}

pub struct CodeObject {
    pub name: Value,
    pub qualname: Value,
    pub filename: Value,
    pub first_line: u32,
    pub ops: Vec<Op>,
    /// Source line of every instruction.
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    pub names: Vec<Value>,
    /// Names of registers `0..nlocals`: arguments, then other locals.
    pub varnames: Vec<Value>,
    pub nlocals: u16,
    pub nregs: u16,
    pub argcount: u16,
    pub posonlyargcount: u16,
    pub kwonlyargcount: u16,
    pub flags: u32,
    /// Registers that hold cells created at entry (wrapping the argument if the register is one).
    pub cell_regs: Vec<Reg>,
    /// Registers receiving the closure's cells, in order, and their names.
    pub free_regs: Vec<Reg>,
    pub freevars: Vec<Value>,
    pub exc_table: Vec<ExcEntry>,
    pub docstring: Value,
    /// One inline cache per instruction (used by LoadAttr, StoreAttr, CallMethod).
    pub caches: Vec<std::cell::Cell<InlineCache>>,
}

impl CodeObject {
    pub fn line_of(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }

    pub fn handler_for(&self, pc: usize) -> Option<ExcEntry> {
        let pc = pc as u32;
        self.exc_table
            .iter()
            .find(|e| e.start <= pc && pc < e.end)
            .copied()
    }

    /// `co_flags`: CPython's bits (function code is OPTIMIZED | NEWLOCALS).
    pub fn co_flags(&self) -> u32 {
        let mut f = self.flags & flags::CPYTHON_MASK;
        if self.flags & flags::USES_LOCALS_DICT == 0 {
            f |= flags::OPTIMIZED | flags::NEWLOCALS;
        }
        f
    }

    /// Number of parameters: positional, keyword-only, `*args`, `**kwargs`.
    pub fn total_params(&self) -> usize {
        let mut n = self.argcount as usize + self.kwonlyargcount as usize;
        if self.flags & flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }

    /// A class body whose methods use `__class__` keeps that cell first
    /// among its free registers; CPython counts it as a cell variable.
    fn has_class_cell(&self) -> bool {
        self.flags & flags::USES_LOCALS_DICT != 0 && !self.cell_regs.is_empty()
    }

    /// `co_varnames`: the parameters, then the locals that are not cells.
    pub fn co_varnames(&self) -> Vec<Value> {
        let params = self.total_params();
        self.varnames
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < params || !self.cell_regs.contains(&(*i as Reg)))
            .map(|(_, v)| *v)
            .collect()
    }

    /// `co_cellvars`: locals that nested functions use, sorted by name as
    /// CPython sorts them.
    pub fn co_cellvars(&self) -> Vec<Value> {
        if self.has_class_cell() {
            return self.freevars.first().copied().into_iter().collect();
        }
        let mut v: Vec<Value> = self
            .cell_regs
            .iter()
            .filter_map(|r| self.varnames.get(*r as usize).copied())
            .collect();
        v.sort_by(|a, b| crate::ops::str_of(*a).cmp(&crate::ops::str_of(*b)));
        v
    }

    /// `co_freevars`: the names of the closure's cells.
    pub fn co_freevars(&self) -> Vec<Value> {
        let skip = usize::from(self.has_class_cell());
        self.freevars.iter().skip(skip).copied().collect()
    }

    pub fn is_generator(&self) -> bool {
        self.flags & flags::GENERATOR != 0
    }

    /// Every constant, for the GC.
    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        f(self.name);
        f(self.qualname);
        f(self.filename);
        f(self.docstring);
        self.consts.iter().for_each(|v| f(*v));
        self.names.iter().for_each(|v| f(*v));
        self.varnames.iter().for_each(|v| f(*v));
        self.freevars.iter().for_each(|v| f(*v));
    }
}
