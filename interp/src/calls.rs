//! Python-to-Python calls run inside the caller's dispatch loop.
//!
//! A call from Python code to a plain Python function (not a generator or
//! coroutine) does not recurse on the Rust stack: `start_call` binds the
//! arguments into a frame from the pool and pushes it on `Vm::frames`, and
//! the running dispatch loop continues in it; `finish_call` pops it when it
//! returns or an exception leaves it. The frames a dispatch loop pushed are
//! the ones above its own on `Vm::frames`, so they stay GC roots, and frame
//! objects, `f_back` and tracebacks see them like any other activation.
//! Calls from native code (`map`, `sorted(key=...)`, operators' dunders) go
//! through `ops::call` and start a dispatch loop of their own.

use crate::interpreter::{bind_arguments, setup_cells};
use molt_vm::bytecode::{flags, CodeObject, Op};
use molt_vm::class::{is_subclass, lookup, type_of};
use molt_vm::frame::{code_of, Frame};
use molt_vm::object::{FunctionData, Kind, Layout};
use molt_vm::vm::class_data;
use molt_vm::{ops, Args, PyResult, Value, Vm};

/// How `start_call` left a call.
pub(crate) enum Started {
    /// The callee's frame is on `Vm::frames`: continue dispatching in it.
    Pushed,
    /// The call completed without a new frame (a class whose `__new__`
    /// returned an object of another class).
    Done(Value),
    /// Not a call this module runs inline: use `ops::call`.
    Native,
}

/// A frame for a call of `func`, from the pool when one is free.
pub(crate) fn fresh_frame(vm: &mut Vm, fd: &FunctionData, func: Value) -> Box<Frame> {
    match vm.frame_pool.pop() {
        Some(mut f) => {
            f.reset(fd.code.get(), fd.globals, vm.builtins, Value::NONE, func);
            f
        }
        None => Box::new(Frame::new(
            fd.code.get(),
            fd.globals,
            vm.builtins,
            Value::NONE,
            func,
        )),
    }
}

const SUSPENDABLE: u32 = flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR;

/// The function data and code of `f` if it is a Python function whose
/// calls return normally (generators and coroutines make an object instead).
#[inline]
fn plain(f: Value) -> Option<(&'static FunctionData, &'static CodeObject)> {
    match &f.obj()?.kind {
        Kind::Function(fd) => {
            let code = code_of(fd.code.get());
            (code.flags & SUSPENDABLE == 0).then_some((&**fd, code))
        }
        _ => None,
    }
}

/// Whether `f` is a Python function whose calls can run inline.
#[inline]
pub(crate) fn plain_function(f: Value) -> bool {
    plain(f).is_some()
}

/// Start `f(*args)` from Python code: push the callee's frame if `f` is a
/// plain Python function, a method bound to one, or a class whose instances
/// are made by `object.__new__` and initialised by a Python `__init__`.
#[inline]
pub(crate) fn start_call(vm: &mut Vm, f: Value, args: Args) -> PyResult<Started> {
    let Some(o) = f.obj() else {
        return Ok(Started::Native);
    };
    match &o.kind {
        Kind::Function(fd) => {
            let code = code_of(fd.code.get());
            if code.flags & SUSPENDABLE != 0 {
                return Ok(Started::Native);
            }
            push(vm, f, fd, code, Value::UNBOUND, args)?;
            Ok(Started::Pushed)
        }
        Kind::BoundMethod { func, receiver } => match plain(*func) {
            Some((fd, code)) => {
                push(vm, *func, fd, code, *receiver, args)?;
                Ok(Started::Pushed)
            }
            None => Ok(Started::Native),
        },
        Kind::Class(_) => start_instantiation(vm, f, args),
        _ => Ok(Started::Native),
    }
}

/// Push a frame for the plain Python function `func` (see `plain_function`)
/// called with `recv` (unless UNBOUND) followed by `args`: the next
/// instruction dispatched is the callee's first.
pub(crate) fn push_frame(vm: &mut Vm, func: Value, recv: Value, args: Args) -> PyResult<()> {
    let (fd, code) = plain(func).expect("a plain Python function");
    push(vm, func, fd, code, recv, args)
}

/// Bind `func`'s parameters in a fresh frame and push it. Binding errors
/// and RecursionError are raised in the caller, as `call_function` raises
/// them.
fn push(
    vm: &mut Vm,
    func: Value,
    fd: &FunctionData,
    code: &CodeObject,
    recv: Value,
    args: Args,
) -> PyResult<()> {
    let nrecv = usize::from(!recv.is_unbound());
    let n = nrecv + args.pos.len();
    let simple = n == code.argcount as usize
        && !args.has_kw()
        && code.kwonlyargcount == 0
        && code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0;
    let mut frame = if simple {
        // The common case: positional arguments straight into the registers.
        if vm.depth >= vm.recursion_limit {
            return Err(recursion_error(vm));
        }
        let mut frame = match vm.frame_pool.pop() {
            Some(f) => f,
            None => Box::new(Frame::new(
                fd.code.get(),
                fd.globals,
                vm.builtins,
                Value::NONE,
                func,
            )),
        };
        frame.reset_for_call(
            fd.code.get(),
            fd.globals,
            vm.builtins,
            func,
            code.nregs as usize,
        );
        let regs = &mut frame.regs;
        if nrecv == 1 {
            regs[0] = recv;
        }
        for (r, a) in regs[nrecv..n].iter_mut().zip(args.pos) {
            *r = *a;
        }
        if !code.cell_regs.is_empty() || !code.free_regs.is_empty() {
            setup_cells(vm, &mut frame, fd.closure);
        }
        frame
    } else {
        let mut frame = fresh_frame(vm, fd, func);
        let bound = if nrecv == 1 {
            let mut pos = Vec::with_capacity(n);
            pos.push(recv);
            pos.extend_from_slice(args.pos);
            let args = Args {
                pos: &pos,
                kwnames: args.kwnames,
                kwvalues: args.kwvalues,
            };
            bind_arguments(vm, fd, &mut frame, args)
        } else {
            bind_arguments(vm, fd, &mut frame, args)
        };
        if let Err(e) = bound {
            vm.frame_pool.push(frame);
            return Err(e);
        }
        if vm.depth >= vm.recursion_limit {
            vm.frame_pool.push(frame);
            return Err(recursion_error(vm));
        }
        frame
    };
    // The callee runs on this native frame: only the recursion limit applies.
    vm.depth += 1;
    frame.handled_base = vm.handling.len();
    vm.frames.push(Box::into_raw(frame));
    Ok(())
}

#[cold]
fn recursion_error(vm: &mut Vm) -> molt_vm::PyErr {
    let c = vm.exc.RecursionError;
    vm.err(c, "maximum recursion depth exceeded")
}

/// `cls(*args)` where `type.__call__` would run `object.__new__` and then a
/// Python `__init__`: make the instance here and push `__init__`'s frame;
/// `finish_call` returns the instance when it returns None. Anything else
/// (a metaclass, another `__new__`, a native `__init__`) goes to `ops::call`.
fn start_instantiation(vm: &mut Vm, cls: Value, args: Args) -> PyResult<Started> {
    if !type_of(vm, cls).is(vm.t.type_) || cls.is(vm.t.type_) {
        return Ok(Started::Native);
    }
    let new_name = vm.names.__new__;
    let object_new = lookup(vm, vm.t.object, new_name);
    let new = match (lookup(vm, cls, new_name), object_new) {
        (Some(n), Some(o)) if n.is(o) => n,
        _ => return Ok(Started::Native),
    };
    let init = match lookup(vm, cls, vm.names.__init__) {
        Some(i) if plain_function(i) => i,
        _ => return Ok(Started::Native),
    };
    let obj = if makes_plain_instances(vm, cls) {
        // What `object.__new__` makes here; it ignores the arguments,
        // since `__init__` is overridden.
        vm.new_instance(cls)
    } else {
        ops::call(vm, new, Args::new(std::slice::from_ref(&cls)))?
    };
    if !is_subclass(type_of(vm, obj), cls) {
        return Ok(Started::Done(obj));
    }
    push_frame(vm, init, obj, args)?;
    frame_top(vm).init_self = obj;
    Ok(Started::Pushed)
}

/// Whether `object.__new__(cls)` makes a plain instance: `cls` has the
/// object layout and no builtin or native base but `object` (see
/// `object_new` in the builtins).
fn makes_plain_instances(vm: &Vm, cls: Value) -> bool {
    let cd = class_data(cls);
    cd.layout == Layout::Object
        && cd
            .mro
            .get()
            .iter()
            .find(|c| {
                let d = class_data(**c);
                d.builtin || d.native_module
            })
            .is_some_and(|b| b.is(vm.t.object))
}

/// The innermost running frame.
#[inline]
pub(crate) fn frame_top(vm: &Vm) -> &'static mut Frame {
    unsafe { &mut **vm.frames.last().expect("a running frame") }
}

/// Leave the innermost frame pushed by `start_call` (it returned, or an
/// exception is leaving it) and put it back in the pool; returns its
/// `init_self`.
pub(crate) fn pop_frame(vm: &mut Vm) -> Value {
    let fp = vm.frames.pop().expect("a pushed frame");
    let mut frame = unsafe { Box::from_raw(fp) };
    if !frame.obj.is_none() {
        molt_vm::frameobj::detach(vm, &mut frame, true);
    }
    vm.handling.truncate(frame.handled_base);
    vm.depth -= 1;
    let init_self = frame.init_self;
    if vm.frame_pool.len() < 256 {
        vm.frame_pool.push(frame);
    }
    init_self
}

/// The callee pushed by `start_call` returned `v`: pop its frame and give
/// the value of the caller's call instruction.
pub(crate) fn finish_return(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let init_self = pop_frame(vm);
    if init_self.is_none() {
        return Ok(v);
    }
    if !v.is_none() {
        let msg = format!(
            "__init__() should return None, not '{}'",
            molt_vm::class::type_name(vm, v)
        );
        return Err(vm.type_error(msg));
    }
    Ok(init_self)
}

/// The register a call instruction writes its result to.
pub(crate) fn call_dst(op: Op) -> u16 {
    match op {
        Op::Call { dst, .. }
        | Op::CallKw { dst, .. }
        | Op::CallMethod { dst, .. }
        | Op::CallEx { dst, .. } => dst,
        _ => unreachable!("a frame was pushed by a call instruction"),
    }
}
