//! Running wasm tier modules under wasmtime with limits.

use crate::abi::{self, classify, word_of_handle, Import, Word, IMPORTS};
use crate::format::{self, CodeMeta, Const, Metadata};
use molt_vm::bytecode::{BinOp, CmpOp, CodeObject, InlineCache, Op, UnOp, NO_REG};
use molt_vm::handles::{Handle, HandleTable};
use molt_vm::object::{FunctionData, Kind};
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use wasmtime::{
    Caller, Config, Engine, Extern, Instance, Linker, Module, Store, StoreLimits,
    StoreLimitsBuilder, Trap,
};

/// Exit status of a run stopped by a limit (`--fuel`, `--max-memory`).
pub const EXIT_LIMIT: u8 = 3;
/// Exit status when a module is rejected before it runs.
pub const EXIT_REJECTED: u8 = 4;

/// Limits on what a guest may consume.
#[derive(Clone, Debug, Default)]
pub struct Limits {
    /// wasm instructions the guest may execute (wasmtime fuel); `None` for no limit.
    pub fuel: Option<u64>,
    /// Bytes of guest linear memory plus host objects the guest creates
    /// (counted as objects × [`OBJECT_BYTES`]); `None` for no limit.
    pub max_memory: Option<u64>,
}

/// What one host object is counted as against `max_memory`.
pub const OBJECT_BYTES: u64 = 72;

/// Capabilities granted to the guest. None exist yet besides captured
/// output: the guest cannot reach files, the environment, the network, the
/// clock or the host's standard library, whatever is set here.
#[derive(Clone, Debug, Default)]
pub struct Capabilities {}

/// Why a module could not be loaded or run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SandboxError {
    /// Not a module built by this molt version, or corrupted.
    Rejected(String),
    /// A limit stopped the guest.
    LimitExceeded(String),
    /// `run_main` before `load`.
    NotLoaded,
}

impl fmt::Display for SandboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SandboxError::Rejected(m) => write!(f, "molt: module rejected: {}", m),
            SandboxError::LimitExceeded(m) => write!(f, "molt: sandbox limit exceeded: {}", m),
            SandboxError::NotLoaded => write!(f, "molt: no module loaded"),
        }
    }
}

impl std::error::Error for SandboxError {}

/// The outcome of `run_main`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    /// 0, 1 for an uncaught exception, [`EXIT_LIMIT`] when a limit stopped it.
    pub status: u8,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// The trap a host import raises to stop the guest for a limit.
#[derive(Debug)]
struct LimitTrap(String);

impl fmt::Display for LimitTrap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LimitTrap {}

/// Per-store state: the VM the guest's objects live in.
struct Host {
    vm: Box<Vm>,
    limits: StoreLimits,
    consts: Vec<Value>,
    codes: Vec<CodeMeta>,
    /// The host-side code object for each guest function.
    stub_codes: Vec<Value>,
    /// Stub code object (as bits) -> guest function index.
    guest_index: HashMap<u64, u32>,
    globals: Value,
    /// Handles exported to the guest, innermost call's last.
    scope: Vec<Handle>,
    pending: Option<Value>,
    max_objects: Option<usize>,
    base_objects: usize,
}

/// A sandbox: one VM, one module, limits and capabilities.
///
/// ```no_run
/// use molt_wasm_host::{Sandbox, Limits};
/// let wasm = molt_wasm_host::build("print(1 + 2)\n", "app.py").unwrap();
/// let mut sb = Sandbox::new(Limits { fuel: Some(1_000_000), max_memory: None });
/// sb.load(&wasm).unwrap();
/// let out = sb.run_main().unwrap();
/// assert_eq!(out.stdout, b"3\n");
/// ```
///
/// A sandbox's VM is single-threaded: create and run a sandbox on one
/// thread (several sandboxes may run on several threads).
pub struct Sandbox {
    limits: Limits,
    _caps: Capabilities,
    engine: Engine,
    module: Option<(Module, Metadata)>,
}

impl Sandbox {
    /// A sandbox with `limits` and no capabilities.
    pub fn new(limits: Limits) -> Sandbox {
        Sandbox::with_capabilities(limits, Capabilities::default())
    }

    pub fn with_capabilities(limits: Limits, caps: Capabilities) -> Sandbox {
        let mut config = Config::new();
        config.consume_fuel(true);
        // Cranelift is the only compiler built in; the default config cannot fail.
        let engine = Engine::new(&config).unwrap_or_else(|_| Engine::default());
        Sandbox {
            limits,
            _caps: caps,
            engine,
            module: None,
        }
    }

    /// Validate and compile a module built by `molt build --target wasm`.
    pub fn load(&mut self, bytes: &[u8]) -> Result<(), SandboxError> {
        let meta = format::read_module(bytes).map_err(SandboxError::Rejected)?;
        let module = Module::new(&self.engine, bytes)
            .map_err(|e| SandboxError::Rejected(format!("invalid wasm: {}", e)))?;
        check_imports(&module, &meta)?;
        self.module = Some((module, meta));
        Ok(())
    }

    /// Run the module's top-level code in a fresh VM. Output is captured.
    pub fn run_main(&mut self) -> Result<RunOutput, SandboxError> {
        let (module, meta) = self.module.as_ref().ok_or(SandboxError::NotLoaded)?;
        molt_builtins::output::capture_begin();
        let r = run(&self.engine, module, meta, &self.limits);
        let (stdout, mut stderr) = molt_builtins::output::capture_end();
        match r {
            Ok(status) => Ok(RunOutput {
                status,
                stdout,
                stderr,
            }),
            Err(SandboxError::LimitExceeded(m)) => {
                stderr
                    .extend_from_slice(format!("{}\n", SandboxError::LimitExceeded(m)).as_bytes());
                Ok(RunOutput {
                    status: EXIT_LIMIT,
                    stdout,
                    stderr,
                })
            }
            Err(e) => Err(e),
        }
    }
}

fn check_imports(module: &Module, meta: &Metadata) -> Result<(), SandboxError> {
    for imp in module.imports() {
        if imp.module() != "molt" || !IMPORTS.iter().any(|(_, n, _, _)| *n == imp.name()) {
            return Err(SandboxError::Rejected(format!(
                "imports {}.{}, which molt does not provide",
                imp.module(),
                imp.name()
            )));
        }
    }
    match module.get_export("main") {
        Some(wasmtime::ExternType::Func(f)) if f.params().len() == 0 => {}
        _ => return Err(SandboxError::Rejected("no main function".into())),
    }
    if module.get_export("memory").is_none() {
        return Err(SandboxError::Rejected("no exported memory".into()));
    }
    let _ = meta;
    Ok(())
}

fn new_sandbox_vm() -> Box<Vm> {
    let mut vm = Vm::new();
    // Guest words carry 16 bits of handle generation (see abi.rs).
    vm.handles = Arc::new(HandleTable::with_generation_limit(
        1,
        molt_vm::handles::MAX_SLOTS_PER_SHARD,
        abi::MAX_GENERATION,
    ));
    molt_interp::install(&mut vm);
    molt_builtins::install(&mut vm);
    vm.hooks.print_exception = |vm, e| {
        molt_builtins::output::write_stderr(&molt_interp::traceback::format_exception(vm, e))
    };
    vm.pinned.clear();
    vm
}

fn const_value(vm: &mut Vm, c: &Const, stubs: &[Value]) -> Value {
    match c {
        Const::None => Value::NONE,
        Const::Bool(b) => Value::bool(*b),
        Const::Ellipsis => Value::ELLIPSIS,
        Const::Int(i) => match Value::small_int(*i) {
            Some(v) => v,
            None => vm.new_bigint((*i).into()),
        },
        Const::BigInt(s) => {
            let b: num_bigint::BigInt = s.parse().unwrap_or_default();
            vm.new_bigint(b)
        }
        Const::Float(f) => Value::float(*f),
        Const::Str(s) => vm.intern(s),
        Const::Bytes(b) => vm.new_bytes(b.clone()),
        Const::Tuple(items) => {
            let vals = items.iter().map(|i| const_value(vm, i, stubs)).collect();
            vm.new_tuple(vals)
        }
        Const::Code(i) => stubs.get(*i as usize).copied().unwrap_or(Value::NONE),
    }
}

/// The host-side code object of a guest function: what its function
/// object's `__code__` is. It cannot run guest code: if native code calls
/// the function (e.g. `map(f, xs)`), it raises TypeError saying so.
fn stub_code(vm: &mut Vm, m: &CodeMeta) -> Value {
    let argc = m.argcount;
    let cls = vm.exc.TypeError;
    let msg = vm.new_string(format!(
        "{}() is compiled to wasm and cannot be called from native code in the wasm tier yet",
        m.qualname
    ));
    let varnames: Vec<Value> = m.params.iter().map(|p| vm.intern(p)).collect();
    let ops = vec![
        Op::LoadConst { dst: argc, idx: 0 },
        Op::LoadConst {
            dst: argc + 1,
            idx: 1,
        },
        Op::Call {
            dst: argc,
            base: argc,
            nargs: 1,
        },
        Op::Raise {
            exc: argc,
            cause: NO_REG,
        },
    ];
    let n = ops.len();
    let code = CodeObject {
        name: vm.intern(&m.name),
        qualname: vm.intern(&m.qualname),
        filename: vm.intern(&m.filename),
        first_line: m.first_line,
        ops,
        lines: vec![m.first_line; n],
        consts: vec![cls, msg],
        names: vec![],
        varnames,
        nlocals: argc,
        nregs: argc + 2,
        argcount: argc,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        flags: 0,
        cell_regs: vec![],
        free_regs: vec![],
        freevars: vec![],
        exc_table: vec![],
        docstring: Value::NONE,
        caches: (0..n).map(|_| Cell::new(InlineCache::EMPTY)).collect(),
    };
    vm.new_code(code)
}

fn run(
    engine: &Engine,
    module: &Module,
    meta: &Metadata,
    limits: &Limits,
) -> Result<u8, SandboxError> {
    let mut vm = new_sandbox_vm();
    let mut stub_codes = Vec::new();
    let mut guest_index = HashMap::new();
    for (i, m) in meta.codes.iter().enumerate() {
        let c = stub_code(&mut vm, m);
        vm.roots.push(c);
        guest_index.insert(c.0, i as u32);
        stub_codes.push(c);
    }
    let mut consts = Vec::new();
    for c in &meta.consts {
        let v = const_value(&mut vm, c, &stub_codes);
        vm.roots.push(v);
        consts.push(v);
    }
    let main = vm.new_module("__main__");
    vm.roots.push(main);
    let globals = match &main.as_obj().kind {
        Kind::Module(md) => md.dict,
        _ => Value::NONE,
    };
    let (b, k) = (vm.builtins, vm.names.__builtins__);
    vm.dict_set_str(globals, k, b);
    vm.pinned.clear();
    let base_objects = vm.heap.live_objects();
    let mut lb = StoreLimitsBuilder::new();
    let mut max_objects = None;
    if let Some(m) = limits.max_memory {
        lb = lb.memory_size(m.min(usize::MAX as u64) as usize);
        max_objects = Some((m / OBJECT_BYTES) as usize);
    }
    let host = Host {
        vm,
        limits: lb.build(),
        consts,
        codes: meta.codes.clone(),
        stub_codes,
        guest_index,
        globals,
        scope: Vec::new(),
        pending: None,
        max_objects,
        base_objects,
    };
    let mut store = Store::new(engine, host);
    store.limiter(|h| &mut h.limits);
    let _ = store.set_fuel(limits.fuel.unwrap_or(u64::MAX));
    let mut linker: Linker<Host> = Linker::new(engine);
    define_imports(&mut linker).map_err(|e| SandboxError::Rejected(e.to_string()))?;
    let instance: Instance = match linker.instantiate(&mut store, module) {
        Ok(i) => i,
        Err(e) => {
            return Err(
                if e.to_string().contains("memory") || e.to_string().contains("limit") {
                    SandboxError::LimitExceeded(format!("guest memory: {}", e))
                } else {
                    SandboxError::Rejected(format!("cannot instantiate: {}", e))
                },
            )
        }
    };
    let main = instance
        .get_typed_func::<(), i64>(&mut store, "main")
        .map_err(|e| SandboxError::Rejected(e.to_string()))?;
    let result = main.call(&mut store, ());
    let status = match result {
        Ok(w) if w as u64 != abi::ERROR => 0,
        Ok(_) => report_pending(store.data_mut()),
        Err(e) => {
            if let Some(l) = e.downcast_ref::<LimitTrap>() {
                return Err(SandboxError::LimitExceeded(l.0.clone()));
            }
            match e.downcast_ref::<Trap>() {
                Some(Trap::OutOfFuel) => {
                    return Err(SandboxError::LimitExceeded(
                        "out of fuel (the --fuel budget of wasm instructions is spent)".into(),
                    ))
                }
                Some(Trap::StackOverflow) => {
                    molt_builtins::output::write_stderr(
                        "RecursionError: maximum recursion depth exceeded\n",
                    );
                    1
                }
                _ => {
                    molt_builtins::output::write_stderr(&format!(
                        "molt: the guest trapped: {}\n",
                        e
                    ));
                    1
                }
            }
        }
    };
    let host = store.into_data();
    // As the CLI does at exit: skip freeing every object one by one.
    std::mem::forget(host.vm);
    Ok(status)
}

/// Print the uncaught exception (traceback entries without source lines,
/// then CPython's last line) and give the exit status.
fn report_pending(h: &mut Host) -> u8 {
    let Some(e) = h.pending.take() else {
        molt_builtins::output::write_stderr("molt: the guest failed without an exception\n");
        return 1;
    };
    let vm = &mut h.vm;
    if vm.exc_matches(e, vm.exc.SystemExit) {
        let code = molt_vm::exceptions::exc_data(e)
            .and_then(|d| ops::tuple_items(d.args).and_then(|a| a.first().copied()))
            .unwrap_or(Value::NONE);
        if code.is_none() {
            return 0;
        }
        if code.is_small_int() {
            return (code.as_small_int() & 0xff) as u8;
        }
        let s = ops::str_string(vm, code).unwrap_or_default();
        molt_builtins::output::write_stderr(&format!("{}\n", s));
        return 1;
    }
    let entries = molt_vm::exceptions::exc_data(e)
        .map(|d| std::mem::take(&mut d.traceback))
        .unwrap_or_default();
    let mut text = String::new();
    if !entries.is_empty() {
        text.push_str("Traceback (most recent call last):\n");
        for t in entries.iter().rev() {
            let code = molt_vm::frame::code_of(t.code);
            text.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                str_of(code.filename).unwrap_or("?"),
                t.line,
                str_of(code.name).unwrap_or("?")
            ));
        }
    }
    // Without entries, the formatter prints only the exception's last line.
    text.push_str(&molt_interp::traceback::format_exception(vm, e));
    molt_builtins::output::write_stderr(&text);
    1
}

type R<T> = wasmtime::Result<T>;

impl Host {
    /// Raise `e` in the guest.
    fn fail(&mut self, e: PyErr) {
        self.pending = Some(e.0);
    }

    fn system_error(&mut self, msg: String) {
        let c = self.vm.exc.SystemError;
        let e = self.vm.err(c, msg);
        self.fail(e);
    }

    /// The value a guest word names; None (with SystemError pending) if none.
    fn value(&mut self, w: i64) -> Option<Value> {
        match classify(w as u64) {
            Word::Immediate(v) => Some(v),
            Word::Handle(h) => match self.vm.handles.resolve(h) {
                Ok(v) => Some(v),
                Err(e) => {
                    self.system_error(format!("wasm guest used a bad handle ({}: {})", h, e));
                    None
                }
            },
            Word::Invalid => {
                self.system_error(format!("wasm guest used an invalid value word {:#x}", w));
                None
            }
        }
    }

    /// The guest word for `v`, exporting heap objects into the current scope.
    fn word(&mut self, v: Value) -> i64 {
        if !v.is_ptr() {
            return v.0 as i64;
        }
        match self.vm.handles.export(v) {
            Ok(h) => match word_of_handle(h) {
                Some(w) => {
                    self.scope.push(h);
                    w as i64
                }
                None => {
                    let _ = self.vm.handles.release(h);
                    self.system_error("handle generation out of range".into());
                    abi::ERROR as i64
                }
            },
            Err(e) => {
                let c = self.vm.exc.MemoryError;
                let err = self
                    .vm
                    .err(c, format!("wasm guest holds too many objects ({})", e));
                self.fail(err);
                abi::ERROR as i64
            }
        }
    }

    /// End of an import: collect if due, then enforce the memory limit.
    fn after(&mut self) -> R<()> {
        let _ = self.vm.safepoint(0);
        if let Some(max) = self.max_objects {
            let live = self
                .vm
                .heap
                .live_objects()
                .saturating_sub(self.base_objects);
            if live > max {
                self.vm.collect();
                let live = self
                    .vm
                    .heap
                    .live_objects()
                    .saturating_sub(self.base_objects);
                if live > max {
                    return Err(wasmtime::Error::new(LimitTrap(format!(
                        "the guest's objects exceed --max-memory ({} objects of about {} bytes)",
                        live, OBJECT_BYTES
                    ))));
                }
            }
        }
        Ok(())
    }

    /// A word result of a Python operation.
    fn result(&mut self, r: PyResult<Value>) -> R<i64> {
        let w = match r {
            Ok(v) => self.word(v),
            Err(e) => {
                self.fail(e);
                abi::ERROR as i64
            }
        };
        self.after()?;
        Ok(w)
    }

    /// A status result of a Python operation.
    fn status(&mut self, r: PyResult<()>) -> R<i32> {
        let s = match r {
            Ok(()) => 0,
            Err(e) => {
                self.fail(e);
                -1
            }
        };
        self.after()?;
        Ok(s)
    }

    fn konst(&mut self, idx: i32) -> Option<Value> {
        match self.consts.get(idx as u32 as usize) {
            Some(v) => Some(*v),
            None => {
                self.system_error(format!("wasm guest used a bad constant index {}", idx));
                None
            }
        }
    }
}

fn memory_words(caller: &mut Caller<'_, Host>, addr: i32, count: i32) -> Option<Vec<i64>> {
    let mem = match caller.get_export("memory") {
        Some(Extern::Memory(m)) => m,
        _ => return None,
    };
    let n = usize::try_from(count).ok()?;
    let mut buf = vec![0u8; n.checked_mul(8)?];
    mem.read(&*caller, addr as u32 as usize, &mut buf).ok()?;
    Some(
        buf.chunks_exact(8)
            .map(|c| i64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect(),
    )
}

/// Read `count` operand words at `addr` and resolve them.
fn operands(caller: &mut Caller<'_, Host>, addr: i32, count: i32) -> Option<Vec<Value>> {
    let Some(words) = memory_words(caller, addr, count) else {
        caller
            .data_mut()
            .system_error("wasm guest passed operands outside its memory".into());
        return None;
    };
    let h = caller.data_mut();
    let mut vals = Vec::with_capacity(words.len());
    for w in words {
        vals.push(h.value(w)?);
    }
    Some(vals)
}

fn binop_of(b: i32) -> Option<BinOp> {
    use BinOp::*;
    [
        Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor,
    ]
    .get(b as u32 as usize)
    .copied()
}

fn cmpop_of(b: i32) -> Option<CmpOp> {
    use CmpOp::*;
    [Lt, Le, Eq, Ne, Gt, Ge, Is, IsNot, In, NotIn]
        .get(b as u32 as usize)
        .copied()
}

fn unop_of(b: i32) -> Option<UnOp> {
    use UnOp::*;
    [Neg, Pos, Invert, Not].get(b as u32 as usize).copied()
}

const ERR: i64 = abi::ERROR as i64;

/// `molt.*` imports; see [`crate::abi::IMPORTS`] for the signatures.
fn define_imports(l: &mut Linker<Host>) -> wasmtime::Result<()> {
    let name = |i: Import| IMPORTS[i as usize].1;
    l.func_wrap(
        "molt",
        name(Import::LoadConst),
        |mut c: Caller<'_, Host>, i: i32| -> R<i64> {
            let h = c.data_mut();
            let Some(v) = h.konst(i) else { return Ok(ERR) };
            h.result(Ok(v))
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::LoadGlobal),
        |mut c: Caller<'_, Host>, n: i32| -> R<i64> {
            let h = c.data_mut();
            let Some(n) = h.konst(n) else { return Ok(ERR) };
            let r = match h.vm.dict_get_str(h.globals, n) {
                Some(v) => Ok(v),
                None => match h.vm.dict_get_str(h.vm.builtins, n) {
                    Some(v) => Ok(v),
                    None => Err(h.vm.name_error(str_of(n).unwrap_or("?"))),
                },
            };
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::StoreGlobal),
        |mut c: Caller<'_, Host>, n: i32, v: i64| -> R<i32> {
            let h = c.data_mut();
            let (Some(n), Some(v)) = (h.konst(n), h.value(v)) else {
                return Ok(-1);
            };
            if str_of(n).is_none() {
                h.system_error("wasm guest stored a global under a non-str name".into());
                return Ok(-1);
            }
            let g = h.globals;
            h.vm.dict_set_str(g, n, v);
            h.status(Ok(()))
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::BinaryOp),
        |mut c: Caller<'_, Host>, op: i32, a: i64, b: i64| -> R<i64> {
            let h = c.data_mut();
            let (Some(a), Some(b)) = (h.value(a), h.value(b)) else {
                return Ok(ERR);
            };
            let Some(o) = binop_of(op & 31) else {
                h.system_error("bad operator".into());
                return Ok(ERR);
            };
            let r = if op & 32 != 0 {
                ops::inplace(&mut h.vm, o, a, b)
            } else {
                ops::binary(&mut h.vm, o, a, b)
            };
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::UnaryOp),
        |mut c: Caller<'_, Host>, op: i32, a: i64| -> R<i64> {
            let h = c.data_mut();
            let Some(a) = h.value(a) else { return Ok(ERR) };
            let Some(o) = unop_of(op) else {
                h.system_error("bad operator".into());
                return Ok(ERR);
            };
            let r = ops::unary(&mut h.vm, o, a);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Compare),
        |mut c: Caller<'_, Host>, op: i32, a: i64, b: i64| -> R<i64> {
            let h = c.data_mut();
            let (Some(a), Some(b)) = (h.value(a), h.value(b)) else {
                return Ok(ERR);
            };
            let Some(o) = cmpop_of(op) else {
                h.system_error("bad operator".into());
                return Ok(ERR);
            };
            let r = ops::compare(&mut h.vm, o, a, b);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Truthy),
        |mut c: Caller<'_, Host>, v: i64| -> R<i32> {
            let h = c.data_mut();
            let Some(v) = h.value(v) else { return Ok(-1) };
            let r = match ops::truthy(&mut h.vm, v) {
                Ok(t) => t as i32,
                Err(e) => {
                    h.fail(e);
                    -1
                }
            };
            h.after()?;
            Ok(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::GetIter),
        |mut c: Caller<'_, Host>, v: i64| -> R<i64> {
            let h = c.data_mut();
            let Some(v) = h.value(v) else { return Ok(ERR) };
            let r = ops::get_iter(&mut h.vm, v);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::ForIter),
        |mut c: Caller<'_, Host>, v: i64| -> R<i64> {
            let h = c.data_mut();
            let Some(v) = h.value(v) else { return Ok(ERR) };
            match ops::next(&mut h.vm, v) {
                Ok(Some(x)) => h.result(Ok(x)),
                Ok(None) => {
                    h.after()?;
                    Ok(abi::EXHAUSTED as i64)
                }
                Err(e) => h.result(Err(e)),
            }
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Build),
        |mut c: Caller<'_, Host>, kind: i32, addr: i32, count: i32| -> R<i64> {
            let words = if kind == 3 {
                count.saturating_mul(2)
            } else {
                count
            };
            let Some(items) = operands(&mut c, addr, words) else {
                return Ok(ERR);
            };
            let h = c.data_mut();
            let vm = &mut h.vm;
            let r = match kind {
                0 => Ok(vm.new_tuple(items)),
                1 => Ok(vm.new_list(items)),
                2 => {
                    let s = vm.new_set();
                    items
                        .iter()
                        .try_for_each(|&i| ops::set_add(vm, s, i).map(|_| ()))
                        .map(|_| s)
                }
                3 => {
                    let d = vm.new_dict();
                    items
                        .chunks_exact(2)
                        .try_for_each(|kv| ops::dict_set(vm, d, kv[0], kv[1]))
                        .map(|_| d)
                }
                4 => {
                    let mut s = String::new();
                    for i in &items {
                        s.push_str(str_of(*i).unwrap_or(""));
                    }
                    Ok(vm.new_string(s))
                }
                _ => {
                    h.system_error("bad build kind".into());
                    return Ok(ERR);
                }
            };
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::GetAttr),
        |mut c: Caller<'_, Host>, o: i64, n: i32| -> R<i64> {
            let h = c.data_mut();
            let (Some(o), Some(n)) = (h.value(o), h.konst(n)) else {
                return Ok(ERR);
            };
            let r = ops::getattr(&mut h.vm, o, n);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::SetAttr),
        |mut c: Caller<'_, Host>, o: i64, n: i32, v: i64| -> R<i32> {
            let h = c.data_mut();
            let (Some(o), Some(n), Some(v)) = (h.value(o), h.konst(n), h.value(v)) else {
                return Ok(-1);
            };
            let r = ops::setattr(&mut h.vm, o, n, v);
            h.status(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::GetItem),
        |mut c: Caller<'_, Host>, o: i64, k: i64| -> R<i64> {
            let h = c.data_mut();
            let (Some(o), Some(k)) = (h.value(o), h.value(k)) else {
                return Ok(ERR);
            };
            let r = ops::getitem(&mut h.vm, o, k);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::SetItem),
        |mut c: Caller<'_, Host>, o: i64, k: i64, v: i64| -> R<i32> {
            let h = c.data_mut();
            let (Some(o), Some(k), Some(v)) = (h.value(o), h.value(k), h.value(v)) else {
                return Ok(-1);
            };
            let r = ops::setitem(&mut h.vm, o, k, v);
            h.status(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::DelItem),
        |mut c: Caller<'_, Host>, o: i64, k: i64| -> R<i32> {
            let h = c.data_mut();
            let (Some(o), Some(k)) = (h.value(o), h.value(k)) else {
                return Ok(-1);
            };
            let r = ops::delitem(&mut h.vm, o, k);
            h.status(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::GetSlice),
        |mut c: Caller<'_, Host>, o: i64, a: i64, b: i64, s: i64| -> R<i64> {
            let h = c.data_mut();
            let (Some(o), Some(a), Some(b), Some(s)) =
                (h.value(o), h.value(a), h.value(b), h.value(s))
            else {
                return Ok(ERR);
            };
            let r = molt_vm::ops::subscript::get_slice(&mut h.vm, o, a, b, s);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Call),
        |mut c: Caller<'_, Host>, addr: i32, nargs: i32| -> R<i64> {
            let Some(vals) = operands(&mut c, addr, nargs.saturating_add(1)) else {
                return Ok(ERR);
            };
            let h = c.data_mut();
            let r = ops::call(&mut h.vm, vals[0], Args::new(&vals[1..]));
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::CallKw),
        |mut c: Caller<'_, Host>, addr: i32, nargs: i32, kw: i32| -> R<i64> {
            let Some(vals) = operands(&mut c, addr, nargs.saturating_add(1)) else {
                return Ok(ERR);
            };
            let h = c.data_mut();
            let Some(kw) = h.konst(kw) else {
                return Ok(ERR);
            };
            let names = ops::tuple_items(kw).unwrap_or(&[]);
            if names.len() > vals.len() - 1 || names.iter().any(|n| str_of(*n).is_none()) {
                h.system_error("wasm guest passed bad keyword names".into());
                return Ok(ERR);
            }
            let npos = vals.len() - 1 - names.len();
            let args = Args {
                pos: &vals[1..1 + npos],
                kwnames: names,
                kwvalues: &vals[1 + npos..],
            };
            let r = ops::call(&mut h.vm, vals[0], args);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::CallMethod),
        |mut c: Caller<'_, Host>, n: i32, addr: i32, nargs: i32| -> R<i64> {
            let Some(vals) = operands(&mut c, addr, nargs.saturating_add(1)) else {
                return Ok(ERR);
            };
            let h = c.data_mut();
            let Some(n) = h.konst(n) else { return Ok(ERR) };
            let r = ops::getattr(&mut h.vm, vals[0], n)
                .and_then(|f| ops::call(&mut h.vm, f, Args::new(&vals[1..])));
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::GuestTarget),
        |mut c: Caller<'_, Host>, f: i64, nargs: i32| -> R<i32> {
            let h = c.data_mut();
            let Some(f) = h.value(f) else { return Ok(-2) };
            let code = match f.obj().map(|o| &o.kind) {
                Some(Kind::Function(fd)) => fd.code.get(),
                _ => return Ok(-1),
            };
            let Some(&idx) = h.guest_index.get(&code.0) else {
                return Ok(-1);
            };
            let m = &h.codes[idx as usize];
            let want = m.argcount as usize;
            let got = nargs.max(0) as usize;
            if got == want {
                return Ok(idx as i32);
            }
            let msg = if got > want {
                format!(
                    "{}() takes {} positional argument{} but {} {} given",
                    m.qualname,
                    want,
                    if want == 1 { "" } else { "s" },
                    got,
                    if got == 1 { "was" } else { "were" }
                )
            } else {
                let missing: Vec<String> =
                    m.params[got..].iter().map(|p| format!("'{}'", p)).collect();
                let list = match missing.len() {
                    1 => missing[0].clone(),
                    2 => format!("{} and {}", missing[0], missing[1]),
                    k => format!("{}, and {}", missing[..k - 1].join(", "), missing[k - 1]),
                };
                format!(
                    "{}() missing {} required positional argument{}: {}",
                    m.qualname,
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" },
                    list
                )
            };
            let e = h.vm.type_error(msg);
            h.fail(e);
            Ok(-2)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::MakeFunction),
        |mut c: Caller<'_, Host>, idx: i32| -> R<i64> {
            let h = c.data_mut();
            let Some(&code) = h.stub_codes.get(idx as u32 as usize) else {
                h.system_error("wasm guest made a function of a bad code index".into());
                return Ok(ERR);
            };
            let cc = molt_vm::frame::code_of(code);
            let module =
                h.vm.dict_get_str(h.globals, h.vm.names.__name__)
                    .unwrap_or(Value::NONE);
            let fd = FunctionData {
                code: Cell::new(code),
                globals: h.globals,
                name: Cell::new(cc.name),
                qualname: Cell::new(cc.qualname),
                defaults: Cell::new(Value::NONE),
                kwdefaults: Cell::new(Value::NONE),
                closure: Value::NONE,
                module,
                doc: Cell::new(Value::NONE),
                annotations: Cell::new(Value::NONE),
            };
            let cls = h.vm.t.function;
            let f = h.vm.alloc(cls, Kind::Function(Box::new(fd)));
            h.result(Ok(f))
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Unpack),
        |mut c: Caller<'_, Host>, v: i64, addr: i32, count: i32| -> R<i32> {
            let h = c.data_mut();
            let Some(v) = h.value(v) else { return Ok(-1) };
            let items = match ops::iter::collect(&mut h.vm, v) {
                Ok(i) => i,
                Err(e) => return h.status(Err(e)),
            };
            let count = count.max(0) as usize;
            if items.len() != count {
                let msg = if items.len() < count {
                    format!(
                        "not enough values to unpack (expected {}, got {})",
                        count,
                        items.len()
                    )
                } else {
                    format!("too many values to unpack (expected {})", count)
                };
                let e = h.vm.value_error(msg);
                return h.status(Err(e));
            }
            let words: Vec<i64> = items.iter().map(|&i| h.word(i)).collect();
            if words.contains(&ERR) {
                return Ok(-1);
            }
            let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
            let ok = match c.get_export("memory") {
                Some(Extern::Memory(m)) => m.write(&mut c, addr as u32 as usize, &bytes).is_ok(),
                _ => false,
            };
            let h = c.data_mut();
            if !ok {
                h.system_error("wasm guest unpacked outside its memory".into());
                return Ok(-1);
            }
            h.status(Ok(()))
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Raise),
        |mut c: Caller<'_, Host>, e: i64, cause: i64| -> R<()> {
            let h = c.data_mut();
            let exc = if e == ERR {
                let cur = h.vm.current_handled();
                if cur.is_none() {
                    let err = h.vm.runtime_error("No active exception to reraise");
                    h.fail(err);
                } else {
                    h.fail(PyErr(cur));
                }
                return Ok(());
            } else {
                let Some(v) = h.value(e) else { return Ok(()) };
                v
            };
            let cause = if cause == ERR {
                None
            } else {
                let Some(v) = h.value(cause) else {
                    return Ok(());
                };
                Some(v)
            };
            let r = molt_interp::interpreter::make_exception(&mut h.vm, exc).and_then(|e| {
                if let Some(c) = cause {
                    let c = if c.is_none() {
                        c
                    } else {
                        molt_interp::interpreter::make_cause(&mut h.vm, c)?
                    };
                    if let Some(d) = molt_vm::exceptions::exc_data(e) {
                        d.cause = c;
                        d.suppress_context = true;
                    }
                }
                Ok(e)
            });
            let err = match r {
                Ok(e) => PyErr(e),
                Err(e) => e,
            };
            h.fail(err);
            Ok(())
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::RaiseAssert),
        |mut c: Caller<'_, Host>, m: i64| -> R<()> {
            let h = c.data_mut();
            let args = if m == ERR {
                vec![]
            } else {
                let Some(v) = h.value(m) else { return Ok(()) };
                vec![v]
            };
            let cls = h.vm.exc.AssertionError;
            let e = h.vm.new_exception(cls, args);
            h.fail(PyErr(e));
            Ok(())
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::UnboundLocal),
        |mut c: Caller<'_, Host>, code: i32, reg: i32| -> R<()> {
            let h = c.data_mut();
            let name = h
                .codes
                .get(code as u32 as usize)
                .and_then(|m| m.varnames.get(reg as u32 as usize))
                .cloned()
                .unwrap_or_else(|| "?".into());
            let cls = h.vm.exc.UnboundLocalError;
            let e = h.vm.err(
                cls,
                format!(
                    "cannot access local variable '{}' where it is not associated with a value",
                    name
                ),
            );
            h.fail(e);
            Ok(())
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Enter),
        |mut c: Caller<'_, Host>| -> R<i32> {
            let h = c.data_mut();
            Ok(h.scope.len().min(i32::MAX as usize) as i32)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Leave),
        |mut c: Caller<'_, Host>, mark: i32, ret: i64| -> R<i64> {
            let h = c.data_mut();
            let v = if ret == ERR { None } else { h.value(ret) };
            let mark = (mark.max(0) as usize).min(h.scope.len());
            for hd in h.scope.drain(mark..) {
                let _ = h.vm.handles.release(hd);
            }
            match v {
                Some(v) => {
                    let w = h.word(v);
                    h.after()?;
                    Ok(w)
                }
                None => Ok(ERR),
            }
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::Traceback),
        |mut c: Caller<'_, Host>, code: i32, line: i32| -> R<()> {
            let h = c.data_mut();
            let (Some(e), Some(&code)) = (h.pending, h.stub_codes.get(code as u32 as usize)) else {
                return Ok(());
            };
            if let Some(d) = molt_vm::exceptions::exc_data(e) {
                d.traceback.push(molt_vm::object::TracebackEntry {
                    code,
                    line: line as u32,
                    globals: h.globals,
                    frame: Value::NONE,
                    pc: 0,
                });
            }
            Ok(())
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::FormatValue),
        |mut c: Caller<'_, Host>, v: i64, conv: i32, spec: i64| -> R<i64> {
            let h = c.data_mut();
            let Some(v) = h.value(v) else { return Ok(ERR) };
            let spec = if spec == ERR {
                None
            } else {
                let Some(s) = h.value(spec) else {
                    return Ok(ERR);
                };
                Some(s)
            };
            let r = format_value(&mut h.vm, v, conv as u8, spec);
            h.result(r)
        },
    )?;
    l.func_wrap(
        "molt",
        name(Import::ContainerAdd),
        |mut c: Caller<'_, Host>, kind: i32, ct: i64, a: i64, b: i64| -> R<i32> {
            let h = c.data_mut();
            let (Some(ct), Some(a)) = (h.value(ct), h.value(a)) else {
                return Ok(-1);
            };
            let r = match kind {
                0 => match ct.obj().map(|o| &o.kind) {
                    Some(Kind::List(l)) => {
                        l.get().push(a);
                        Ok(())
                    }
                    _ => Err(h.vm.type_error("list.append on a non-list")),
                },
                1 => ops::set_add(&mut h.vm, ct, a).map(|_| ()),
                _ => {
                    let Some(b) = h.value(b) else { return Ok(-1) };
                    ops::dict_set(&mut h.vm, ct, a, b)
                }
            };
            h.status(r)
        },
    )?;
    Ok(())
}

fn format_value(vm: &mut Vm, v: Value, conv: u8, spec: Option<Value>) -> PyResult<Value> {
    let v = match conv {
        b's' => ops::to_str(vm, v)?,
        b'r' => ops::repr(vm, v)?,
        b'a' => {
            let r = ops::repr_string(vm, v)?;
            let a = molt_vm::format::ascii_of(&r);
            vm.new_string(a)
        }
        _ => v,
    };
    if spec.is_none() && str_of(v).is_some() {
        return Ok(v);
    }
    let n = vm.intern("format");
    let f = match vm.dict_get_str(vm.builtins, n) {
        Some(f) => f,
        None => return Err(vm.name_error("format")),
    };
    let spec = match spec {
        Some(s) => s,
        None => vm.new_str(""),
    };
    ops::call(vm, f, Args::new(&[v, spec]))
}
