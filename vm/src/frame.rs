//! An activation record: the register file of one running (or suspended)
//! Python function.  The interpreter runs frames; generators own theirs
//! between resumptions; the GC scans every frame on `Vm::frames`.

use crate::bytecode::CodeObject;
use crate::object::Kind;
use crate::value::Value;

pub struct Frame {
    pub code: Value,
    pub regs: Vec<Value>,
    /// Index of the next instruction to run.
    pub pc: usize,
    pub globals: Value,
    pub builtins: Value,
    /// The locals mapping for module and class bodies (NONE for functions).
    pub locals: Value,
    pub func: Value,
    /// The value passed by `send()` to a generator suspended in `YieldFrom`.
    pub sent: Value,
    /// This activation's frame object (`frameobj.rs`), NONE until one is asked for.
    pub obj: Value,
    /// For a call the interpreter runs inside its caller's dispatch loop:
    /// the height of `Vm::handling` at entry, restored when it leaves.
    pub handled_base: usize,
    /// For an `__init__` run by instantiating a class inside the caller's
    /// dispatch loop: the new instance, which the call returns. NONE otherwise.
    pub init_self: Value,
}

impl Frame {
    pub fn new(code: Value, globals: Value, builtins: Value, locals: Value, func: Value) -> Frame {
        let n = code_of(code).nregs as usize;
        Frame {
            code,
            regs: vec![Value::UNBOUND; n],
            pc: 0,
            globals,
            builtins,
            locals,
            func,
            sent: Value::NONE,
            obj: Value::NONE,
            handled_base: 0,
            init_self: Value::NONE,
        }
    }

    /// Reuse this frame (and its register storage) for a new activation.
    pub fn reset(
        &mut self,
        code: Value,
        globals: Value,
        builtins: Value,
        locals: Value,
        func: Value,
    ) {
        let n = code_of(code).nregs as usize;
        self.regs.clear();
        self.regs.resize(n, Value::UNBOUND);
        self.code = code;
        self.pc = 0;
        self.globals = globals;
        self.builtins = builtins;
        self.locals = locals;
        self.func = func;
        self.sent = Value::NONE;
        self.obj = Value::NONE;
        self.init_self = Value::NONE;
    }

    /// Reuse this frame for a function call: `nregs` unbound registers
    /// for `code`, which the caller fills with the arguments.
    #[inline]
    pub fn reset_for_call(
        &mut self,
        code: Value,
        globals: Value,
        builtins: Value,
        func: Value,
        nregs: usize,
    ) {
        self.regs.clear();
        self.regs.resize(nregs, Value::UNBOUND);
        self.code = code;
        self.pc = 0;
        self.globals = globals;
        self.builtins = builtins;
        self.locals = Value::NONE;
        self.func = func;
        self.sent = Value::NONE;
        self.obj = Value::NONE;
        self.init_self = Value::NONE;
    }

    #[inline(always)]
    pub fn code(&self) -> &'static CodeObject {
        code_of(self.code)
    }

    pub fn for_each_value(&self, mut f: impl FnMut(Value)) {
        f(self.code);
        f(self.globals);
        f(self.builtins);
        f(self.locals);
        f(self.func);
        f(self.sent);
        f(self.obj);
        f(self.init_self);
        self.regs.iter().for_each(|v| f(*v));
    }
}

/// The code object behind a code `Value`.
#[inline(always)]
pub fn code_of(code: Value) -> &'static CodeObject {
    match &code.as_obj().kind {
        Kind::Code(c) => c,
        _ => unreachable!("frame code is not a code object"),
    }
}
