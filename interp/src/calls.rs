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

use crate::interpreter::{bind_arguments, enter, func_data, setup_cells};
use molt_vm::bytecode::{flags, CodeObject, Op};
use molt_vm::class::{is_subclass, lookup, type_of};
use molt_vm::frame::{code_of, Frame};
use molt_vm::object::{FunctionData, Kind};
use molt_vm::{ops, Args, PyResult, Value, Vm};

/// How `start_call` left a call.
pub enum Started {
    /// The callee's frame is on `Vm::frames`: continue dispatching in it.
    Pushed,
    /// The call completed without a new frame (a class whose `__new__`
    /// returned an object of another class).
    Done(Value),
    /// Not a call this module runs inline: use `ops::call`.
    Native,
}

/// A frame for a call of `func`, from the pool when one is free.
pub fn fresh_frame(vm: &mut Vm, fd: &FunctionData, func: Value) -> Box<Frame> {
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

/// The code of `f` if it is a Python function whose calls return normally
/// (generators and coroutines make an object instead of running).
#[inline]
pub fn plain_function(f: Value) -> Option<&'static CodeObject> {
    match &f.obj()?.kind {
        Kind::Function(fd) => {
            let code = code_of(fd.code.get());
            let suspendable = flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR;
            (code.flags & suspendable == 0).then_some(code)
        }
        _ => None,
    }
}

/// Start `f(*args)` from Python code: push the callee's frame if `f` is a
/// plain Python function, a method bound to one, or a class whose instances
/// are made by `object.__new__` and initialised by a Python `__init__`.
#[inline]
pub fn start_call(vm: &mut Vm, f: Value, args: Args) -> PyResult<Started> {
    let Some(o) = f.obj() else {
        return Ok(Started::Native);
    };
    match &o.kind {
        Kind::Function(_) if plain_function(f).is_some() => {
            push_frame(vm, f, Value::UNBOUND, args)?;
            Ok(Started::Pushed)
        }
        Kind::BoundMethod { func, receiver } if plain_function(*func).is_some() => {
            push_frame(vm, *func, *receiver, args)?;
            Ok(Started::Pushed)
        }
        Kind::Class(_) => start_instantiation(vm, f, args),
        _ => Ok(Started::Native),
    }
}

/// Bind `func`'s parameters to `recv` (unless UNBOUND) followed by `args`
/// in a fresh frame and push it: the next instruction dispatched is the
/// callee's first. Binding errors and RecursionError are raised in the
/// caller, as `call_function` raises them.
pub fn push_frame(vm: &mut Vm, func: Value, recv: Value, args: Args) -> PyResult<()> {
    let fd = func_data(func);
    let code = code_of(fd.code.get());
    let mut frame = fresh_frame(vm, fd, func);
    let nrecv = usize::from(!recv.is_unbound());
    let n = nrecv + args.pos.len();
    let simple = n == code.argcount as usize
        && !args.has_kw()
        && code.kwonlyargcount == 0
        && code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0;
    if simple {
        // The common case: positional arguments straight into the registers.
        if nrecv == 1 {
            frame.regs[0] = recv;
        }
        frame.regs[nrecv..n].copy_from_slice(args.pos);
        if !code.cell_regs.is_empty() || !code.free_regs.is_empty() {
            setup_cells(vm, &mut frame, fd.closure);
        }
    } else {
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
    }
    if let Err(e) = enter(vm) {
        vm.frame_pool.push(frame);
        return Err(e);
    }
    frame.handled_base = vm.handling.len();
    vm.frames.push(Box::into_raw(frame));
    Ok(())
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
        Some(i) if plain_function(i).is_some() => i,
        _ => return Ok(Started::Native),
    };
    // `object.__new__` sees the arguments, as in `type_call`.
    let mut pos = Vec::with_capacity(args.pos.len() + 1);
    pos.push(cls);
    pos.extend_from_slice(args.pos);
    let new_args = Args {
        pos: &pos,
        kwnames: args.kwnames,
        kwvalues: args.kwvalues,
    };
    let obj = ops::call(vm, new, new_args)?;
    if !is_subclass(type_of(vm, obj), cls) {
        return Ok(Started::Done(obj));
    }
    push_frame(vm, init, obj, args)?;
    frame_top(vm).init_self = obj;
    Ok(Started::Pushed)
}

/// The innermost running frame.
#[inline]
pub fn frame_top(vm: &Vm) -> &'static mut Frame {
    unsafe { &mut **vm.frames.last().expect("a running frame") }
}

/// Leave the innermost frame pushed by `start_call` (it returned, or an
/// exception is leaving it) and put it back in the pool; returns its
/// `init_self`.
pub fn pop_frame(vm: &mut Vm) -> Value {
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
pub fn finish_return(vm: &mut Vm, v: Value) -> PyResult<Value> {
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
pub fn call_dst(op: Op) -> u16 {
    match op {
        Op::Call { dst, .. }
        | Op::CallKw { dst, .. }
        | Op::CallMethod { dst, .. }
        | Op::CallEx { dst, .. } => dst,
        _ => unreachable!("a frame was pushed by a call instruction"),
    }
}
