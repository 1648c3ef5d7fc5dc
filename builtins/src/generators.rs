//! The Python-facing methods of suspendable frames: generators
//! (`send`/`throw`/`close`), coroutines (the same plus `__await__`), async
//! generators (`__anext__`/`asend`/`athrow`/`aclose`, each returning an
//! awaitable that drives the generator one step), and those awaitables.
//! Resuming a frame is the interpreter's job (`vm.hooks.resume`).

use molt_vm::object::{native_state, Kind, NativeState};
use molt_vm::ops::awaitable::unwrap_async_gen_value;
use molt_vm::ops::{self};
use molt_vm::vm::Resumed;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};

pub fn register(vm: &mut Vm) {
    let g = vm.t.generator;
    vm.add_native(g, "send", gen_send);
    vm.add_native(g, "throw", gen_throw);
    vm.add_native(g, "close", gen_close);
    vm.add_native(g, "__next__", gen_next);
    vm.add_native(g, "__iter__", identity);
    let c = vm.t.coroutine;
    vm.add_native(c, "send", gen_send);
    vm.add_native(c, "throw", gen_throw);
    vm.add_native(c, "close", gen_close);
    vm.add_native(c, "__await__", coro_await);
    let w = vm.t.coroutine_wrapper;
    vm.add_native(w, "send", wrapper_send);
    vm.add_native(w, "throw", wrapper_throw);
    vm.add_native(w, "close", wrapper_close);
    vm.add_native(w, "__next__", wrapper_next);
    vm.add_native(w, "__iter__", identity);
    let a = vm.t.async_generator;
    vm.add_native(a, "__aiter__", identity);
    vm.add_native(a, "__anext__", agen_anext);
    vm.add_native(a, "asend", agen_asend);
    vm.add_native(a, "athrow", agen_athrow);
    vm.add_native(a, "aclose", agen_aclose);
    for cls in [vm.t.async_generator_asend, vm.t.async_generator_athrow] {
        vm.add_native(cls, "send", step_send);
        vm.add_native(cls, "throw", step_throw);
        vm.add_native(cls, "close", step_close);
        vm.add_native(cls, "__next__", step_next);
        vm.add_native(cls, "__iter__", identity);
        vm.add_native(cls, "__await__", identity);
    }
}

fn identity(_vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos[0])
}

fn resume(vm: &mut Vm, gen: Value, sent: Value, throw: Option<Value>) -> PyResult<Resumed> {
    (vm.hooks.resume)(vm, gen, sent, throw)
}

fn yielded_or_stop(vm: &mut Vm, r: Resumed) -> PyResult<Value> {
    match r {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

fn gen_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "send", &Args::new(&args.pos[1..]), 1, 1)?;
    let r = resume(vm, args.pos[0], args.pos[1], None)?;
    yielded_or_stop(vm, r)
}

fn gen_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = resume(vm, args.pos[0], Value::NONE, None)?;
    yielded_or_stop(vm, r)
}

/// The exception `throw(typ[, val[, tb]])` means.
fn thrown_exception(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let Some(&first) = args.first() else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let mut e = first;
    if molt_vm::class::is_class(e) {
        let v = args.get(1).copied().filter(|v| !v.is_none());
        e = match v {
            Some(v) if molt_vm::class::isinstance(vm, v, e) => v,
            Some(v) => ops::call1(vm, e, v)?,
            None => ops::call0(vm, e)?,
        };
    }
    if !molt_vm::class::isinstance(vm, e, vm.exc.BaseException) {
        let msg = format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            molt_vm::class::type_name(vm, e)
        );
        return Err(vm.type_error(msg));
    }
    Ok(e)
}

fn gen_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = thrown_exception(vm, &args.pos[1..])?;
    let r = resume(vm, args.pos[0], Value::NONE, Some(e))?;
    yielded_or_stop(vm, r)
}

fn gen_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let g = args.pos[0];
    let started = match &g.as_obj().kind {
        Kind::Generator(gd) => gd.get().frame.as_ref().map(|f| f.pc > 0),
        _ => None,
    };
    match started {
        None => return Ok(Value::NONE),
        Some(false) => {
            if let Kind::Generator(gd) = &g.as_obj().kind {
                gd.get().frame = None;
            }
            return Ok(Value::NONE);
        }
        Some(true) => {}
    }
    let c = vm.exc.GeneratorExit;
    let e = vm.new_exception(c, vec![]);
    match resume(vm, g, Value::NONE, Some(e)) {
        Ok(Resumed::Yielded(_)) => {
            let what = molt_vm::class::type_name(vm, g);
            Err(vm.runtime_error(&format!("{} ignored GeneratorExit", what)))
        }
        Ok(Resumed::Returned(_)) => Ok(Value::NONE),
        Err(err)
            if vm.exc_matches(err.0, vm.exc.GeneratorExit)
                || vm.exc_matches(err.0, vm.exc.StopIteration) =>
        {
            Ok(Value::NONE)
        }
        Err(err) => Err(err),
    }
}

// ----- coroutine.__await__() -----

/// The iterator `coroutine.__await__()` returns: it drives the coroutine.
struct CoroutineWrapper(Value);

impl NativeState for CoroutineWrapper {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.0)
    }
}

fn coro_await(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = vm.t.coroutine_wrapper;
    Ok(vm.new_native_object(cls, CoroutineWrapper(args.pos[0])))
}

fn wrapped_coroutine(vm: &mut Vm, w: Value) -> PyResult<Value> {
    match native_state::<CoroutineWrapper>(w) {
        Some(c) => Ok(c.0),
        None => Err(vm.type_error("expected a coroutine_wrapper")),
    }
}

fn wrapper_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coroutine(vm, args.pos[0])?;
    let sent = args.pos.get(1).copied().unwrap_or(Value::NONE);
    let r = resume(vm, c, sent, None)?;
    yielded_or_stop(vm, r)
}

fn wrapper_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coroutine(vm, args.pos[0])?;
    let r = resume(vm, c, Value::NONE, None)?;
    yielded_or_stop(vm, r)
}

fn wrapper_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coroutine(vm, args.pos[0])?;
    let e = thrown_exception(vm, &args.pos[1..])?;
    let r = resume(vm, c, Value::NONE, Some(e))?;
    yielded_or_stop(vm, r)
}

fn wrapper_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = wrapped_coroutine(vm, args.pos[0])?;
    gen_close(vm, Args::new(&[c]))
}

// ----- async generators -----

#[derive(Clone, Copy, PartialEq)]
enum StepMode {
    /// `asend(value)` / `__anext__()`: send a value in.
    Send(Value),
    /// `athrow(exc)`: throw an exception in.
    Throw(Value),
    /// `aclose()`: throw GeneratorExit in and expect the generator to end.
    Close,
}

/// The awaitable returned by `asend`/`__anext__`/`athrow`/`aclose`: each
/// `send` resumes the async generator once; a value the generator yields
/// (wrapped by `AsyncGenWrap`) finishes the awaitable with StopIteration,
/// while anything else an `await` inside passes up goes on to the caller.
struct AsyncGenStep {
    agen: Value,
    mode: StepMode,
    started: bool,
    done: bool,
}

impl NativeState for AsyncGenStep {
    fn trace(&self, f: &mut dyn FnMut(Value)) {
        f(self.agen);
        match self.mode {
            StepMode::Send(v) | StepMode::Throw(v) => f(v),
            StepMode::Close => {}
        }
    }
}

fn new_step(vm: &mut Vm, agen: Value, mode: StepMode) -> Value {
    let cls = match mode {
        StepMode::Send(_) => vm.t.async_generator_asend,
        _ => vm.t.async_generator_athrow,
    };
    let step = AsyncGenStep {
        agen,
        mode,
        started: false,
        done: false,
    };
    vm.new_native_object(cls, step)
}

fn agen_anext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(new_step(vm, args.pos[0], StepMode::Send(Value::NONE)))
}

fn agen_asend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "asend", &Args::new(&args.pos[1..]), 1, 1)?;
    Ok(new_step(vm, args.pos[0], StepMode::Send(args.pos[1])))
}

fn agen_athrow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = thrown_exception(vm, &args.pos[1..])?;
    Ok(new_step(vm, args.pos[0], StepMode::Throw(e)))
}

fn agen_aclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(new_step(vm, args.pos[0], StepMode::Close))
}

fn step_state(vm: &mut Vm, v: Value) -> PyResult<&'static mut AsyncGenStep> {
    match native_state::<AsyncGenStep>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("expected an async generator awaitable")),
    }
}

/// Resume the step's generator with `sent` or `throw`, and interpret what
/// happened for the awaiting caller.
fn run_step(vm: &mut Vm, step: Value, sent: Value, throw: Option<Value>) -> PyResult<Value> {
    let s = step_state(vm, step)?;
    if s.done {
        let c = vm.exc.RuntimeError;
        let what = if matches!(s.mode, StepMode::Send(_)) {
            "cannot reuse already awaited __anext__()/asend()"
        } else {
            "cannot reuse already awaited aclose()/athrow()"
        };
        return Err(vm.err(c, what));
    }
    let (agen, mode) = (s.agen, s.mode);
    let (sent, throw) = if !s.started && throw.is_none() {
        s.started = true;
        match mode {
            StepMode::Send(v) => (if sent.is_none() { v } else { sent }, None),
            StepMode::Throw(e) => (Value::NONE, Some(e)),
            StepMode::Close => {
                let c = vm.exc.GeneratorExit;
                (Value::NONE, Some(vm.new_exception(c, vec![])))
            }
        }
    } else {
        s.started = true;
        (sent, throw)
    };
    let r = resume(vm, agen, sent, throw);
    let finish = |vm: &mut Vm| {
        if let Ok(s) = step_state(vm, step) {
            s.done = true;
        }
    };
    match r {
        Ok(Resumed::Yielded(y)) => match unwrap_async_gen_value(y) {
            Some(v) => {
                finish(vm);
                if mode == StepMode::Close {
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                Err(vm.stop_iteration(v))
            }
            // An await inside the generator: pass the value up.
            None => Ok(y),
        },
        Ok(Resumed::Returned(_)) => {
            finish(vm);
            if mode == StepMode::Close {
                return Err(vm.stop_iteration(Value::NONE));
            }
            let c = vm.exc.StopAsyncIteration;
            Err(PyErr(vm.new_exception(c, vec![])))
        }
        Err(e) => {
            finish(vm);
            let closing_ok = vm.exc_matches(e.0, vm.exc.GeneratorExit)
                || vm.exc_matches(e.0, vm.exc.StopAsyncIteration);
            if mode == StepMode::Close && closing_ok {
                return Err(vm.stop_iteration(Value::NONE));
            }
            Err(e)
        }
    }
}

fn step_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sent = args.pos.get(1).copied().unwrap_or(Value::NONE);
    run_step(vm, args.pos[0], sent, None)
}

fn step_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    run_step(vm, args.pos[0], Value::NONE, None)
}

fn step_throw(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = thrown_exception(vm, &args.pos[1..])?;
    run_step(vm, args.pos[0], Value::NONE, Some(e))
}

fn step_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = step_state(vm, args.pos[0])?;
    s.done = true;
    Ok(Value::NONE)
}
