//! The register interpreter: one dispatch loop over a frame's instructions,
//! exception unwinding through the exception table, tracebacks, argument
//! binding, and generators (frames that suspend at `Yield`).

use crate::calls::Started;
use molt_jit::BackEdge;
use molt_vm::bytecode::{flags, BinOp, CmpOp, Op, NO_REG};
use molt_vm::class::{is_subclass, lookup, type_name, type_of};
use molt_vm::exceptions::exc_data;
use molt_vm::format::format_value;
use molt_vm::frame::{code_of, Frame};
use molt_vm::object::{FunctionData, GcCell, GenData, Kind, TracebackEntry};
use molt_vm::ops::{self, awaitable, str_of};
use molt_vm::vm::{class_data, Resumed};
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::Cell;

/// How a frame stopped running.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

fn func_data(f: Value) -> &'static FunctionData {
    match &f.as_obj().kind {
        Kind::Function(d) => d,
        _ => unreachable!(),
    }
}

/// The hook behind `ops::call` for Python functions.
pub fn call_function(vm: &mut Vm, func: Value, args: Args) -> PyResult<Value> {
    let fd = func_data(func);
    let code = code_of(fd.code.get());
    // Frames are recycled: a call allocates nothing in the common case.
    let mut frame = crate::calls::fresh_frame(vm, fd, func);
    if let Err(e) = bind_arguments(vm, fd, &mut frame, args) {
        vm.frame_pool.push(frame);
        return Err(e);
    }
    let suspendable = flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR;
    if code.flags & suspendable != 0 {
        let cls = if code.flags & flags::COROUTINE != 0 {
            vm.t.coroutine
        } else if code.flags & flags::ASYNC_GENERATOR != 0 {
            vm.t.async_generator
        } else {
            vm.t.generator
        };
        let g = vm.alloc(
            cls,
            Kind::Generator(GcCell::new(GenData {
                frame: Some(frame),
                running: false,
                name: fd.name.get(),
                qualname: fd.qualname.get(),
            })),
        );
        return Ok(g);
    }
    if let Err(e) = enter(vm) {
        vm.frame_pool.push(frame);
        return Err(e);
    }
    let r = run_frame(vm, &mut frame, None);
    vm.depth -= 1;
    if vm.frame_pool.len() < 256 {
        vm.frame_pool.push(frame);
    }
    match r {
        Ok(Exit::Return(v)) => Ok(v),
        Ok(Exit::Yield(_)) => unreachable!("yield outside generator"),
        Err(e) => Err(e),
    }
}

/// Count a Python-level call; RecursionError past the limit or when the native stack runs low.
fn enter(vm: &mut Vm) -> PyResult<()> {
    vm.depth += 1;
    let here = &vm as *const _ as usize;
    if vm.depth > vm.recursion_limit || (vm.stack_floor != 0 && here < vm.stack_floor) {
        vm.depth -= 1;
        let c = vm.exc.RecursionError;
        return Err(vm.err(c, "maximum recursion depth exceeded"));
    }
    Ok(())
}

fn name_list(names: &[String]) -> String {
    match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => {
            let (last, rest) = names.split_last().unwrap();
            format!("{}, and {}", rest.join(", "), last)
        }
    }
}

/// Bind call arguments to parameters with CPython's rules and error messages.
pub fn bind_arguments(
    vm: &mut Vm,
    fd: &FunctionData,
    frame: &mut Frame,
    args: Args,
) -> PyResult<()> {
    let code = code_of(fd.code.get());
    let argcount = code.argcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let fname = || str_of(fd.qualname.get()).unwrap_or("?").to_string();
    let npos = args.pos.len();
    if npos == argcount
        && kwonly == 0
        && !args.has_kw()
        && code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
    {
        frame.regs[..npos].copy_from_slice(args.pos);
        if !code.cell_regs.is_empty() || !code.free_regs.is_empty() {
            setup_cells(vm, frame, fd.closure);
        }
        return Ok(());
    }
    let regs = &mut frame.regs;
    let defaults: &[Value] = ops::tuple_items(fd.defaults.get()).unwrap_or(&[]);
    if npos > argcount && !has_varargs {
        let given_kw = args
            .kwnames
            .iter()
            .filter(|k| {
                code.varnames[argcount..argcount + kwonly]
                    .iter()
                    .any(|v| ops::str_values_eq(*v, **k))
            })
            .count();
        let takes = if defaults.is_empty() {
            format!("{}", argcount)
        } else {
            format!("from {} to {}", argcount - defaults.len(), argcount)
        };
        let msg = if given_kw > 0 {
            format!(
                "{}() takes {} positional argument{} but {} positional argument{} (and {} keyword-only argument{}) were given",
                fname(),
                takes,
                if argcount == 1 && defaults.is_empty() { "" } else { "s" },
                npos,
                if npos == 1 { "" } else { "s" },
                given_kw,
                if given_kw == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{}() takes {} positional argument{} but {} {} given",
                fname(),
                takes,
                if argcount == 1 && defaults.is_empty() {
                    ""
                } else {
                    "s"
                },
                npos,
                if npos == 1 { "was" } else { "were" }
            )
        };
        return Err(vm.type_error(msg));
    }
    let ncopy = npos.min(argcount);
    regs[..ncopy].copy_from_slice(&args.pos[..ncopy]);
    let mut next = argcount + kwonly;
    if has_varargs {
        let extra = if npos > argcount {
            args.pos[argcount..].to_vec()
        } else {
            vec![]
        };
        regs[next] = vm.new_tuple(extra);
        next += 1;
    }
    let kwdict = if has_varkw {
        let d = vm.new_dict();
        regs[next] = d;
        Some(d)
    } else {
        None
    };
    if args.has_kw() {
        let mut posonly_as_kw: Vec<String> = vec![];
        for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
            let pos = code.varnames[..argcount + kwonly]
                .iter()
                .position(|n| ops::str_values_eq(*n, *k));
            match pos {
                Some(i) if i >= code.posonlyargcount as usize => {
                    if !regs[i].is_unbound() {
                        let msg = format!(
                            "{}() got multiple values for argument '{}'",
                            fname(),
                            str_of(*k).unwrap_or("?")
                        );
                        return Err(vm.type_error(msg));
                    }
                    regs[i] = *v;
                }
                Some(_) if kwdict.is_none() => {
                    posonly_as_kw.push(str_of(*k).unwrap_or("?").to_string())
                }
                _ => match kwdict {
                    Some(d) => ops::dict_set(vm, d, *k, *v)?,
                    None => {
                        let msg = format!(
                            "{}() got an unexpected keyword argument '{}'",
                            fname(),
                            str_of(*k).unwrap_or("?")
                        );
                        return Err(vm.type_error(msg));
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            let msg = format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                fname(),
                posonly_as_kw.join(", ")
            );
            return Err(vm.type_error(msg));
        }
    }
    // Defaults for missing positional parameters.
    let first_default = argcount - defaults.len();
    let mut missing = vec![];
    for i in npos.min(argcount)..argcount {
        if regs[i].is_unbound() {
            if i >= first_default {
                regs[i] = defaults[i - first_default];
            } else {
                missing.push(format!("'{}'", str_of(code.varnames[i]).unwrap_or("?")));
            }
        }
    }
    if !missing.is_empty() {
        let msg = format!(
            "{}() missing {} required positional argument{}: {}",
            fname(),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        );
        return Err(vm.type_error(msg));
    }
    let mut missing_kw = vec![];
    for i in argcount..argcount + kwonly {
        if regs[i].is_unbound() {
            let name = code.varnames[i];
            let kwd = fd.kwdefaults.get();
            match if kwd.is_none() {
                None
            } else {
                vm.dict_get_str(kwd, name)
            } {
                Some(v) => regs[i] = v,
                None => missing_kw.push(format!("'{}'", str_of(name).unwrap_or("?"))),
            }
        }
    }
    if !missing_kw.is_empty() {
        let msg = format!(
            "{}() missing {} required keyword-only argument{}: {}",
            fname(),
            missing_kw.len(),
            if missing_kw.len() == 1 { "" } else { "s" },
            name_list(&missing_kw)
        );
        return Err(vm.type_error(msg));
    }
    setup_cells(vm, frame, fd.closure);
    Ok(())
}

/// Create cells for captured locals and load the closure's cells.
pub fn setup_cells(vm: &mut Vm, frame: &mut Frame, closure: Value) {
    let code = frame.code();
    for &r in &code.cell_regs {
        let cls = vm.t.cell;
        let init = frame.regs[r as usize];
        frame.regs[r as usize] = vm.alloc(cls, Kind::Cell(Cell::new(init)));
    }
    if let Some(cells) = ops::tuple_items(closure) {
        for (i, &r) in code.free_regs.iter().enumerate() {
            frame.regs[r as usize] = cells[i];
        }
    }
}

/// Resume a generator: the hook behind `next()`, `send()` and `throw()`.
pub fn resume_generator(
    vm: &mut Vm,
    gen: Value,
    sent: Value,
    throw: Option<Value>,
) -> PyResult<Resumed> {
    let gd = match &gen.as_obj().kind {
        Kind::Generator(g) => g.get(),
        _ => return Err(vm.type_error("not a generator")),
    };
    if gd.running {
        return Err(vm.value_error("generator already executing"));
    }
    let kind = gen.as_obj().class();
    let mut frame = match gd.frame.take() {
        Some(f) => f,
        None => {
            if kind.is(vm.t.coroutine) && throw.is_none() {
                let c = vm.exc.RuntimeError;
                return Err(vm.err(c, "cannot reuse already awaited coroutine"));
            }
            if let Some(e) = throw {
                return Err(PyErr(e));
            }
            return Ok(Resumed::Returned(Value::NONE));
        }
    };
    if frame.pc == 0 && !sent.is_none() && throw.is_none() {
        gd.frame = Some(frame);
        let msg = format!(
            "can't send non-None value to a just-started {}",
            molt_vm::class::class_name(kind)
        );
        return Err(vm.type_error(msg));
    }
    gd.running = true;
    let code = frame.code();
    let mut pending = None;
    if let Some(Op::YieldFrom { dst, iter }) = code.ops.get(frame.pc).copied() {
        let sub = frame.regs[iter as usize];
        match throw {
            Some(e) => match delegate_throw(vm, sub, e) {
                Ok(Resumed::Yielded(v)) => {
                    gd.running = false;
                    gd.frame = Some(frame);
                    return Ok(Resumed::Yielded(v));
                }
                Ok(Resumed::Returned(v)) => {
                    frame.regs[dst as usize] = v;
                    frame.pc += 1;
                }
                Err(err) => pending = Some(err),
            },
            None => frame.sent = sent,
        }
    } else if let Some(e) = throw {
        pending = Some(PyErr(e));
    } else if frame.pc > 0 {
        if let Op::Yield { dst, .. } = code.ops[frame.pc - 1] {
            frame.regs[dst as usize] = sent;
        }
    }
    let r = match enter(vm) {
        Ok(()) => {
            let r = run_frame(vm, &mut frame, pending);
            vm.depth -= 1;
            r
        }
        Err(e) => Err(e),
    };
    let gd = match &gen.as_obj().kind {
        Kind::Generator(g) => g.get(),
        _ => unreachable!(),
    };
    gd.running = false;
    match r {
        Ok(Exit::Yield(v)) => {
            gd.frame = Some(frame);
            Ok(Resumed::Yielded(v))
        }
        Ok(Exit::Return(v)) => Ok(Resumed::Returned(v)),
        Err(e) => {
            let is_async_gen = kind.is(vm.t.async_generator);
            if vm.exc_matches(e.0, vm.exc.StopIteration)
                || (is_async_gen && vm.exc_matches(e.0, vm.exc.StopAsyncIteration))
            {
                let c = vm.exc.RuntimeError;
                let msg = format!(
                    "{} raised {}",
                    if is_async_gen {
                        "async generator"
                    } else {
                        molt_vm::class::class_name(kind)
                    },
                    molt_vm::class::type_name(vm, e.0)
                );
                let re = vm.err(c, msg);
                if let Some(d) = exc_data(re.0) {
                    d.cause = e.0;
                    d.context = e.0;
                }
                return Err(re);
            }
            Err(e)
        }
    }
}

/// `throw()` into a sub-iterator of `yield from`.
fn delegate_throw(vm: &mut Vm, sub: Value, exc: Value) -> PyResult<Resumed> {
    if let Some(Kind::Generator(_)) = sub.obj().map(|o| &o.kind) {
        return resume_generator(vm, sub, Value::NONE, Some(exc));
    }
    let throw_name = vm.names.throw;
    match ops::getattr_opt(vm, sub, throw_name)? {
        Some(t) => match ops::call1(vm, t, exc) {
            Ok(v) => Ok(Resumed::Yielded(v)),
            Err(e) if vm.exc_matches(e.0, vm.exc.StopIteration) => {
                Ok(Resumed::Returned(stop_value(vm, e.0)))
            }
            Err(e) => Err(e),
        },
        None => Err(PyErr(exc)),
    }
}

fn stop_value(vm: &mut Vm, e: Value) -> Value {
    let value_name = vm.names.value;
    molt_vm::ops::attr::load_instance_attr(e, value_name).unwrap_or_else(|| {
        ops::tuple_items(exc_data(e).map(|d| d.args).unwrap_or(Value::NONE))
            .and_then(|a| a.first().copied())
            .unwrap_or(Value::NONE)
    })
}

/// One step of `yield from`: send `sent` into `sub`.
fn yield_from_step(vm: &mut Vm, sub: Value, sent: Value) -> PyResult<Resumed> {
    if let Some(Kind::Generator(_)) = sub.obj().map(|o| &o.kind) {
        return resume_generator(vm, sub, sent, None);
    }
    let r = if sent.is_none() {
        let cls = type_of(vm, sub);
        match lookup(vm, cls, vm.names.__next__) {
            Some(m) => ops::call1(vm, m, sub),
            None => match &sub.as_obj().kind {
                Kind::Iterator(_) => {
                    return Ok(match ops::next(vm, sub)? {
                        Some(v) => Resumed::Yielded(v),
                        None => Resumed::Returned(Value::NONE),
                    })
                }
                _ => {
                    let msg = format!("'{}' object is not an iterator", type_name(vm, sub));
                    return Err(vm.type_error(msg));
                }
            },
        }
    } else {
        let send = vm.names.send;
        ops::call_method(vm, sub, send, &[sent])
    };
    match r {
        Ok(v) => Ok(Resumed::Yielded(v)),
        Err(e) if vm.exc_matches(e.0, vm.exc.StopIteration) => {
            Ok(Resumed::Returned(stop_value(vm, e.0)))
        }
        Err(e) => Err(e),
    }
}

/// Run a code object with explicit globals and locals (module bodies, exec, class bodies).
pub fn exec_code(vm: &mut Vm, code: Value, globals: Value, locals: Value) -> PyResult<Value> {
    let builtins = vm.builtins;
    let mut frame = Box::new(Frame::new(code, globals, builtins, locals, Value::NONE));
    setup_cells(vm, &mut frame, Value::NONE);
    enter(vm)?;
    let r = run_frame(vm, &mut frame, None);
    vm.depth -= 1;
    match r? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(vm.runtime_error("yield at module level")),
    }
}

/// Run a function's code with a locals mapping (class bodies).
pub fn run_with_locals(vm: &mut Vm, func: Value, locals: Value) -> PyResult<Value> {
    let fd = func_data(func);
    let mut frame = Box::new(Frame::new(
        fd.code.get(),
        fd.globals,
        vm.builtins,
        locals,
        func,
    ));
    setup_cells(vm, &mut frame, fd.closure);
    enter(vm)?;
    let r = run_frame(vm, &mut frame, None);
    vm.depth -= 1;
    match r? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(vm.runtime_error("yield in class body")),
    }
}

/// Record that `e` passed through this frame at `pc`, and chain it to the exception being handled.
fn note_exception(vm: &mut Vm, frame: &mut Frame, e: Value, pc: usize, add_tb: bool) {
    if let Some(d) = exc_data(e) {
        if d.traceback.is_empty() && !d.reraise_only {
            let handled = vm.current_handled();
            if !handled.is_none() && !handled.is(e) && d.context.is_none() {
                d.context = handled;
            }
        }
        if add_tb {
            // The traceback holds the frame object, as CPython's does.
            let fobj = molt_vm::frameobj::frame_object_of(vm, frame);
            if let Some(d) = exc_data(e) {
                d.traceback.push(TracebackEntry {
                    code: frame.code,
                    line: frame.code().line_of(pc),
                    globals: frame.globals,
                    frame: fobj,
                    pc: pc as u32,
                });
            }
        }
    }
}

macro_rules! reg {
    ($f:expr, $r:expr) => {
        $f.regs[$r as usize]
    };
}

/// The dispatch loop.
pub fn run_frame(vm: &mut Vm, frame: &mut Frame, pending: Option<PyErr>) -> PyResult<Exit> {
    vm.frames.push(frame as *mut Frame);
    let pin_base = vm.pinned.len();
    let handled_base = vm.handling.len();
    let r = run_loop(vm, pending, pin_base);
    vm.frames.pop();
    if !frame.obj.is_none() {
        let finished = !matches!(r, Ok(Exit::Yield(_)));
        molt_vm::frameobj::detach(vm, frame, finished);
    }
    vm.handling.truncate(handled_base);
    vm.pinned.truncate(pin_base);
    // The result travels to the caller, who may be native code: keep it pinned.
    let out = match &r {
        Ok(Exit::Return(v)) | Ok(Exit::Yield(v)) => *v,
        Err(e) => e.0,
    };
    if out.is_ptr() {
        vm.pinned.push(out);
    }
    r
}

/// Run the frame on top of `vm.frames` and the calls it makes to Python
/// functions (`calls.rs`), until that frame returns, yields or raises.
fn run_loop(vm: &mut Vm, mut pending: Option<PyErr>, pin_base: usize) -> PyResult<Exit> {
    // Frames above this height were pushed by calls inside this loop.
    let depth = vm.frames.len();
    let mut recording = false;
    loop {
        let mode = if recording {
            run_mode::<true>(vm, depth, pending.take(), pin_base)
        } else {
            run_mode::<false>(vm, depth, pending.take(), pin_base)
        };
        match mode {
            Mode::Done(r) => return r,
            Mode::Switch(rec) => recording = rec,
        }
    }
}

/// How a dispatch loop stopped.
enum Mode {
    Done(PyResult<Exit>),
    /// Continue at the innermost frame's `pc` in recording mode (true) or normal mode.
    Switch(bool),
}

/// The dispatch loop proper, over the innermost frame; `depth` is the
/// height of `vm.frames` with the loop's own frame on top.  `RECORD` is the
/// JIT's recording mode, in which the recorder sees every instruction just
/// before it runs; it is a separate instantiation so that normal mode pays
/// nothing for it.  Calls are not run inline while recording: the recorder
/// stops at calls, and traces know one frame.
fn run_mode<const RECORD: bool>(
    vm: &mut Vm,
    depth: usize,
    mut pending: Option<PyErr>,
    pin_base: usize,
) -> Mode {
    if let Some(err) = pending.take() {
        // Throw into a suspended generator: the exception appears at the yield.
        let frame = crate::calls::frame_top(vm);
        let pc = frame.pc;
        let at = if pc > 0 { pc - 1 } else { 0 };
        match unwind(vm, frame, err, at, true) {
            Ok(h) => frame.pc = h,
            Err(e) => return Mode::Done(Err(e)),
        }
    }
    loop {
        let r: PyResult<Flow> = (|| {
            // The innermost frame; calls and returns switch it in place.
            // `frame.pc` is stored before each instruction runs, so frame
            // objects, callees and the unwinder see the position.
            let mut frame = crate::calls::frame_top(vm);
            let mut code = frame.code();
            let mut ops_: &[Op] = &code.ops;
            let mut pc = frame.pc;
            // Continue in the frame now on top of `vm.frames`.
            macro_rules! switch_frame {
                () => {{
                    frame = crate::calls::frame_top(vm);
                    code = frame.code();
                    ops_ = &code.ops;
                    pc = frame.pc;
                }};
            }
            // The result of calling `f`; a call to a plain Python function
            // instead continues in the callee's frame, pushed on this loop
            // (not while recording: the recorder follows one frame).
            macro_rules! call_value {
                ($f:expr, $args:expr) => {{
                    let (f, args) = ($f, $args);
                    if RECORD {
                        ops::call(vm, f, args)?
                    } else {
                        match crate::calls::start_call(vm, f, args)? {
                            Started::Pushed => {
                                switch_frame!();
                                continue;
                            }
                            Started::Done(v) => v,
                            Started::Native => ops::call(vm, f, args)?,
                        }
                    }
                }};
            }
            loop {
                if RECORD && !molt_jit::record_step(frame, pc) {
                    frame.pc = pc;
                    return Ok(Flow::SwitchMode);
                }
                let op = ops_[pc];
                pc += 1;
                frame.pc = pc;
                match op {
                    Op::LoadConst { dst, idx } => reg!(frame, dst) = code.consts[idx as usize],
                    Op::Move { dst, src } => reg!(frame, dst) = reg!(frame, src),
                    Op::CheckBound { reg } => {
                        if reg!(frame, reg).is_unbound() {
                            return Err(unbound_local(vm, code.varnames[reg as usize]));
                        }
                    }
                    Op::DeleteFast { reg } => {
                        if reg!(frame, reg).is_unbound() {
                            return Err(unbound_local(vm, code.varnames[reg as usize]));
                        }
                        reg!(frame, reg) = Value::UNBOUND;
                    }
                    Op::LoadGlobal { dst, name } => {
                        let (gv, bv) = (dict_version(frame.globals), dict_version(frame.builtins));
                        let e = code.caches[pc - 1].get();
                        reg!(frame, dst) =
                            if e.cls == frame.globals.0 && e.shape as u64 == gv && e.epoch == bv {
                                Value(e.data)
                            } else {
                                let n = code.names[name as usize];
                                let v = load_global(vm, frame, n)?;
                                // Valid until either dict changes (versions are never reused).
                                code.caches[pc - 1].set(molt_vm::bytecode::InlineCache {
                                    cls: frame.globals.0,
                                    shape: gv as usize,
                                    epoch: bv,
                                    data: v.0,
                                });
                                v
                            };
                    }
                    Op::StoreGlobal { src, name } => {
                        let n = code.names[name as usize];
                        vm.dict_set_str(frame.globals, n, reg!(frame, src));
                    }
                    Op::DeleteGlobal { name } => {
                        let n = code.names[name as usize];
                        if ops::dict_del(vm, frame.globals, n)?.is_none() {
                            return Err(vm.name_error(str_of(n).unwrap_or("?")));
                        }
                    }
                    Op::LoadName { dst, name } => {
                        let n = code.names[name as usize];
                        let v = if !frame.locals.is_none() && !frame.locals.is(frame.globals) {
                            locals_get(vm, frame.locals, n)?
                        } else {
                            None
                        };
                        reg!(frame, dst) = match v {
                            Some(v) => v,
                            None => load_global(vm, frame, n)?,
                        };
                    }
                    Op::StoreName { src, name } => {
                        let n = code.names[name as usize];
                        let target = if frame.locals.is_none() {
                            frame.globals
                        } else {
                            frame.locals
                        };
                        let v = reg!(frame, src);
                        if matches!(target.as_obj().kind, Kind::Dict(_))
                            && class_data(target.as_obj().class()).builtin
                        {
                            vm.dict_set_str(target, n, v);
                        } else {
                            ops::setitem(vm, target, n, v)?;
                        }
                    }
                    Op::DeleteName { name } => {
                        let n = code.names[name as usize];
                        let target = if frame.locals.is_none() {
                            frame.globals
                        } else {
                            frame.locals
                        };
                        if ops::dict_del(vm, target, n)?.is_none() {
                            return Err(vm.name_error(str_of(n).unwrap_or("?")));
                        }
                    }
                    Op::LoadDeref { dst, cell, name } => {
                        let v = cell_get(reg!(frame, cell));
                        if v.is_unbound() {
                            let n = code.names[name as usize];
                            if code.cell_regs.contains(&cell) {
                                // The function's own cell variable.
                                return Err(unbound_local(vm, n));
                            }
                            return Err(free_var_error(vm, code, n));
                        }
                        reg!(frame, dst) = v;
                    }
                    Op::LoadClassDeref { dst, cell, name } => {
                        let n = code.names[name as usize];
                        if let Some(v) = locals_get(vm, frame.locals, n)? {
                            reg!(frame, dst) = v;
                        } else {
                            let v = cell_get(reg!(frame, cell));
                            if v.is_unbound() {
                                return Err(free_var_error(vm, code, n));
                            }
                            reg!(frame, dst) = v;
                        }
                    }
                    Op::StoreDeref { cell, src } => {
                        if let Kind::Cell(c) = &reg!(frame, cell).as_obj().kind {
                            c.set(reg!(frame, src));
                        }
                    }
                    Op::DeleteDeref { cell, name } => {
                        if let Kind::Cell(c) = &reg!(frame, cell).as_obj().kind {
                            if c.get().is_unbound() {
                                return Err(free_var_error(vm, code, code.names[name as usize]));
                            }
                            c.set(Value::UNBOUND);
                        }
                    }
                    Op::Binary { op, dst, a, b } => {
                        let (x, y) = (reg!(frame, a), reg!(frame, b));
                        reg!(frame, dst) = if x.is_small_int() && y.is_small_int() {
                            match small_fast(op, x, y) {
                                Some(v) => v,
                                None => ops::binary(vm, op, x, y)?,
                            }
                        } else {
                            ops::binary(vm, op, x, y)?
                        };
                    }
                    Op::Inplace { op, dst, a, b } => {
                        let (x, y) = (reg!(frame, a), reg!(frame, b));
                        reg!(frame, dst) = if x.is_small_int() && y.is_small_int() {
                            match small_fast(op, x, y) {
                                Some(v) => v,
                                None => ops::inplace(vm, op, x, y)?,
                            }
                        } else {
                            ops::inplace(vm, op, x, y)?
                        };
                    }
                    Op::Unary { op, dst, src } => {
                        reg!(frame, dst) = ops::unary(vm, op, reg!(frame, src))?
                    }
                    Op::Compare { op, dst, a, b } => {
                        reg!(frame, dst) = ops::compare(vm, op, reg!(frame, a), reg!(frame, b))?;
                    }
                    Op::Jump { target } => pc = target as usize,
                    Op::Loop { target } => {
                        // A signal handler's exception is raised here, before
                        // jumping, so it appears at the loop's last line.
                        vm.safepoint(pin_base)?;
                        let at = pc - 1;
                        pc = target as usize;
                        if !RECORD && molt_jit::enabled() {
                            match molt_jit::back_edge(vm, frame, at, target) {
                                BackEdge::Interpret => {}
                                BackEdge::Record(p) => {
                                    frame.pc = p;
                                    return Ok(Flow::SwitchMode);
                                }
                                BackEdge::Resume(p) => pc = p,
                            }
                        }
                    }
                    Op::JumpIfTrue { cond, target } => {
                        let c = reg!(frame, cond);
                        let t = if c.is_bool() {
                            c.is(Value::TRUE)
                        } else {
                            ops::truthy(vm, c)?
                        };
                        if t {
                            pc = target as usize;
                        }
                    }
                    Op::JumpIfFalse { cond, target } => {
                        let c = reg!(frame, cond);
                        let t = if c.is_bool() {
                            c.is(Value::TRUE)
                        } else {
                            ops::truthy(vm, c)?
                        };
                        if !t {
                            pc = target as usize;
                        }
                    }
                    Op::CompareJumpIfFalse { op, a, b, target } => {
                        let (x, y) = (reg!(frame, a), reg!(frame, b));
                        let t = if x.is_small_int() && y.is_small_int() {
                            match op.holds(x.as_small_int(), y.as_small_int()) {
                                Some(t) => t,
                                None if op == CmpOp::Is => x.is(y),
                                None if op == CmpOp::IsNot => !x.is(y),
                                None => {
                                    let r = ops::compare(vm, op, x, y)?;
                                    ops::truthy(vm, r)?
                                }
                            }
                        } else {
                            let r = ops::compare(vm, op, x, y)?;
                            if r.is_bool() {
                                r.is(Value::TRUE)
                            } else {
                                ops::truthy(vm, r)?
                            }
                        };
                        if !t {
                            pc = target as usize;
                        }
                    }
                    Op::GetIter { dst, src } => {
                        reg!(frame, dst) = ops::get_iter(vm, reg!(frame, src))?
                    }
                    Op::ForIter { dst, iter, target } => {
                        let it = reg!(frame, iter);
                        match ops::next(vm, it)? {
                            Some(v) => reg!(frame, dst) = v,
                            None => pc = target as usize,
                        }
                    }
                    Op::Return { src } => {
                        let v = reg!(frame, src);
                        if vm.frames.len() == depth {
                            return Ok(Flow::Return(v));
                        }
                        if RECORD {
                            // Traces know one frame: leave recording first.
                            molt_jit::abort_recording("return from a call");
                            frame.pc = pc - 1;
                            return Ok(Flow::SwitchMode);
                        }
                        // A call made in this loop returns to its caller.
                        let r = crate::calls::finish_return(vm, v);
                        switch_frame!();
                        let dst = crate::calls::call_dst(ops_[pc - 1]);
                        // An error (`__init__` returning non-None) is the caller's.
                        reg!(frame, dst) = r?;
                    }
                    Op::BuildTuple { dst, start, count } => {
                        let items =
                            frame.regs[start as usize..start as usize + count as usize].to_vec();
                        reg!(frame, dst) = vm.new_tuple(items);
                    }
                    Op::BuildList { dst, start, count } => {
                        let items =
                            frame.regs[start as usize..start as usize + count as usize].to_vec();
                        reg!(frame, dst) = vm.new_list(items);
                    }
                    Op::BuildSet { dst, start, count } => {
                        let s = vm.new_set();
                        for i in 0..count {
                            ops::set_add(vm, s, reg!(frame, start + i))?;
                        }
                        reg!(frame, dst) = s;
                    }
                    Op::BuildMap { dst, start, count } => {
                        let d = vm.new_dict();
                        for i in 0..count {
                            ops::dict_set(
                                vm,
                                d,
                                reg!(frame, start + 2 * i),
                                reg!(frame, start + 2 * i + 1),
                            )?;
                        }
                        reg!(frame, dst) = d;
                    }
                    Op::BuildSlice { dst, start } => {
                        let cls = vm.t.slice;
                        let k = Kind::Slice {
                            start: reg!(frame, start),
                            stop: reg!(frame, start + 1),
                            step: reg!(frame, start + 2),
                        };
                        reg!(frame, dst) = vm.alloc(cls, k);
                    }
                    Op::BuildString { dst, start, count } => {
                        let mut s = Vec::new();
                        for i in 0..count {
                            let piece = ops::str_bytes_of(reg!(frame, start + i));
                            s.extend_from_slice(piece.unwrap_or(b""));
                        }
                        reg!(frame, dst) = vm.new_text(s);
                    }
                    Op::FormatValue {
                        dst,
                        src,
                        conv,
                        spec,
                    } => {
                        let mut v = reg!(frame, src);
                        v = match conv {
                            b's' => ops::to_str(vm, v)?,
                            b'r' => ops::repr(vm, v)?,
                            b'a' => {
                                let r = ops::repr_string(vm, v)?;
                                let a = molt_vm::format::ascii_of(&r);
                                vm.new_string(a)
                            }
                            _ => v,
                        };
                        let spec_v = if spec == NO_REG {
                            Value::NONE
                        } else {
                            reg!(frame, spec)
                        };
                        reg!(frame, dst) = format_value(vm, v, spec_v)?;
                    }
                    Op::ListAppend { list, src } => {
                        if let Kind::List(l) = &reg!(frame, list).as_obj().kind {
                            l.get().push(reg!(frame, src));
                        }
                    }
                    Op::SetAdd { set, src } => {
                        ops::set_add(vm, reg!(frame, set), reg!(frame, src))?;
                    }
                    Op::MapAdd { map, key, value } => {
                        ops::dict_set(vm, reg!(frame, map), reg!(frame, key), reg!(frame, value))?;
                    }
                    Op::ListExtend { list, src, func } => {
                        let f = if func == NO_REG {
                            None
                        } else {
                            Some(reg!(frame, func))
                        };
                        let items = ops::iter::collect(vm, reg!(frame, src))
                            .map_err(|e| star_error(vm, e, reg!(frame, src), f))?;
                        if let Kind::List(l) = &reg!(frame, list).as_obj().kind {
                            l.get().extend(items);
                        }
                    }
                    Op::SetUpdate { set, src } => {
                        let items = ops::iter::collect(vm, reg!(frame, src))?;
                        for i in items {
                            ops::set_add(vm, reg!(frame, set), i)?;
                        }
                    }
                    Op::DictUpdate { dict, src } => {
                        dict_update(vm, reg!(frame, dict), reg!(frame, src), None)?
                    }
                    Op::DictMerge { dict, src, func } => dict_update(
                        vm,
                        reg!(frame, dict),
                        reg!(frame, src),
                        Some(reg!(frame, func)),
                    )?,
                    Op::ListToTuple { dst, src } => {
                        let items = ops::seq_items(reg!(frame, src)).unwrap_or_default();
                        reg!(frame, dst) = vm.new_tuple(items);
                    }
                    Op::UnpackSequence { src, dst, count } => {
                        let v = reg!(frame, src);
                        let items = match v.obj().map(|o| &o.kind) {
                            Some(Kind::Tuple(t)) => t.to_vec(),
                            Some(Kind::List(l)) => l.get().clone(),
                            _ => ops::iter::collect(vm, v).map_err(|e| unpack_error(vm, e, v))?,
                        };
                        if items.len() != count as usize {
                            let msg = if items.len() < count as usize {
                                format!(
                                    "not enough values to unpack (expected {}, got {})",
                                    count,
                                    items.len()
                                )
                            } else {
                                format!("too many values to unpack (expected {})", count)
                            };
                            return Err(vm.value_error(msg));
                        }
                        frame.regs[dst as usize..dst as usize + count as usize]
                            .copy_from_slice(&items);
                    }
                    Op::UnpackEx {
                        src,
                        dst,
                        before,
                        after,
                    } => {
                        let v = reg!(frame, src);
                        let items =
                            ops::iter::collect(vm, v).map_err(|e| unpack_error(vm, e, v))?;
                        let (b, a) = (before as usize, after as usize);
                        if items.len() < b + a {
                            let msg = format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                b + a,
                                items.len()
                            );
                            return Err(vm.value_error(msg));
                        }
                        for i in 0..b {
                            reg!(frame, dst as usize + i) = items[i];
                        }
                        let mid = items[b..items.len() - a].to_vec();
                        reg!(frame, dst as usize + b) = vm.new_list(mid);
                        for i in 0..a {
                            reg!(frame, dst as usize + b + 1 + i) = items[items.len() - a + i];
                        }
                    }
                    Op::LoadAttr { dst, obj, name } => {
                        let n = code.names[name as usize];
                        reg!(frame, dst) =
                            crate::inline_cache::load_attr(vm, code, pc - 1, reg!(frame, obj), n)?;
                    }
                    Op::StoreAttr { obj, name, src } => {
                        let n = code.names[name as usize];
                        crate::inline_cache::store_attr(
                            vm,
                            code,
                            pc - 1,
                            reg!(frame, obj),
                            n,
                            reg!(frame, src),
                        )?;
                    }
                    Op::DeleteAttr { obj, name } => {
                        let n = code.names[name as usize];
                        ops::delattr(vm, reg!(frame, obj), n)?;
                    }
                    Op::GetItem { dst, obj, key } => {
                        let (o, k) = (reg!(frame, obj), reg!(frame, key));
                        reg!(frame, dst) = match (o.obj().map(|x| &x.kind), k.is_small_int()) {
                            (Some(Kind::List(l)), true) => {
                                let items = l.get();
                                let i = k.as_small_int();
                                let j = if i < 0 { i + items.len() as i64 } else { i };
                                match items.get(j as usize) {
                                    Some(v) if j >= 0 => *v,
                                    _ => ops::getitem(vm, o, k)?,
                                }
                            }
                            _ => ops::getitem(vm, o, k)?,
                        };
                    }
                    Op::SetItem { obj, key, src } => {
                        let (o, k, v) = (reg!(frame, obj), reg!(frame, key), reg!(frame, src));
                        if let (Some(Kind::List(l)), true) =
                            (o.obj().map(|x| &x.kind), k.is_small_int())
                        {
                            let items = l.get();
                            let i = k.as_small_int();
                            let j = if i < 0 { i + items.len() as i64 } else { i };
                            if j >= 0
                                && (j as usize) < items.len()
                                && class_data(o.as_obj().class()).builtin
                            {
                                items[j as usize] = v;
                                continue;
                            }
                        }
                        ops::setitem(vm, o, k, v)?;
                    }
                    Op::GetSlice { dst, obj, start } => {
                        let (a, b, c) = (
                            reg!(frame, start),
                            reg!(frame, start + 1),
                            reg!(frame, start + 2),
                        );
                        reg!(frame, dst) =
                            molt_vm::ops::subscript::get_slice(vm, reg!(frame, obj), a, b, c)?;
                    }
                    Op::SetSlice { obj, start, src } => {
                        let (a, b, c) = (
                            reg!(frame, start),
                            reg!(frame, start + 1),
                            reg!(frame, start + 2),
                        );
                        molt_vm::ops::subscript::set_slice(
                            vm,
                            reg!(frame, obj),
                            a,
                            b,
                            c,
                            reg!(frame, src),
                        )?;
                    }
                    Op::DelItem { obj, key } => {
                        ops::delitem(vm, reg!(frame, obj), reg!(frame, key))?
                    }
                    Op::Call { dst, base, nargs } => {
                        vm.safepoint(pin_base)?;
                        let f = reg!(frame, base);
                        let args =
                            &frame.regs[base as usize + 1..base as usize + 1 + nargs as usize];
                        reg!(frame, dst) = call_value!(f, Args::new(args));
                    }
                    Op::CallKw {
                        dst,
                        base,
                        nargs,
                        kwnames,
                    } => {
                        vm.safepoint(pin_base)?;
                        let f = reg!(frame, base);
                        let names = ops::tuple_items(code.consts[kwnames as usize]).unwrap();
                        let npos = nargs as usize - names.len();
                        let all =
                            &frame.regs[base as usize + 1..base as usize + 1 + nargs as usize];
                        let args = Args {
                            pos: &all[..npos],
                            kwnames: names,
                            kwvalues: &all[npos..],
                        };
                        reg!(frame, dst) = call_value!(f, args);
                    }
                    Op::CallMethod {
                        dst,
                        base,
                        nargs,
                        name,
                    } => {
                        vm.safepoint(pin_base)?;
                        let n = code.names[name as usize];
                        let recv = reg!(frame, base);
                        if let Some(m) = crate::inline_cache::cached_method(vm, code, pc - 1, recv)
                        {
                            // The receiver is the first argument: no bound method.
                            let args =
                                &frame.regs[base as usize..base as usize + 1 + nargs as usize];
                            if !RECORD && crate::calls::plain_function(m) {
                                crate::calls::push_frame(vm, m, Value::UNBOUND, Args::new(args))?;
                                switch_frame!();
                                continue;
                            }
                            reg!(frame, dst) = ops::call(vm, m, Args::new(args))?;
                            continue;
                        }
                        let cls = type_of(vm, recv);
                        // Classes find attributes in their own MRO first, so they take the general path.
                        let m = if special_attribute_lookup(recv) {
                            None
                        } else {
                            lookup(vm, cls, n)
                        };
                        let direct = match m.and_then(|m| m.obj()).map(|o| &o.kind) {
                            Some(Kind::Function(_)) => {
                                recv.obj().map_or(true, |o| {
                                    o.attrs().is_none()
                                        || molt_vm::ops::attr::load_instance_attr(recv, n).is_none()
                                }) && !has_custom_getattribute(vm, cls)
                            }
                            Some(Kind::Native(nf)) => {
                                !nf.owner.is_none()
                                    && nf.bound_self.is_none()
                                    && (class_data(cls).builtin
                                        || molt_vm::ops::attr::load_instance_attr(recv, n)
                                            .is_none())
                            }
                            _ => false,
                        };
                        let r = if direct {
                            crate::inline_cache::remember_method(
                                vm,
                                code,
                                pc - 1,
                                recv,
                                m.unwrap(),
                            );
                            let args =
                                &frame.regs[base as usize..base as usize + 1 + nargs as usize];
                            let m = m.unwrap();
                            if !RECORD && crate::calls::plain_function(m) {
                                crate::calls::push_frame(vm, m, Value::UNBOUND, Args::new(args))?;
                                switch_frame!();
                                continue;
                            }
                            ops::call(vm, m, Args::new(args))?
                        } else {
                            let f = ops::getattr(vm, recv, n)?;
                            let args =
                                &frame.regs[base as usize + 1..base as usize + 1 + nargs as usize];
                            call_value!(f, Args::new(args))
                        };
                        reg!(frame, dst) = r;
                    }
                    Op::CallEx {
                        dst,
                        func,
                        args,
                        kwargs,
                    } => {
                        vm.safepoint(pin_base)?;
                        let f = reg!(frame, func);
                        let pos = ops::seq_items(reg!(frame, args)).unwrap_or_default();
                        let (names, vals) = if kwargs == NO_REG {
                            (vec![], vec![])
                        } else {
                            let d = reg!(frame, kwargs);
                            match &d.as_obj().kind {
                                Kind::Dict(dd) => {
                                    let mut names = vec![];
                                    let mut vals = vec![];
                                    for e in dd.get().iter() {
                                        names.push(e.key);
                                        vals.push(e.value);
                                    }
                                    (names, vals)
                                }
                                _ => (vec![], vec![]),
                            }
                        };
                        for n in &names {
                            if str_of(*n).is_none() {
                                return Err(vm.type_error("keywords must be strings"));
                            }
                        }
                        let names: Vec<Value> =
                            names.into_iter().map(|n| vm.intern_value(n)).collect();
                        let args = Args {
                            pos: &pos,
                            kwnames: &names,
                            kwvalues: &vals,
                        };
                        reg!(frame, dst) = call_value!(f, args);
                    }
                    Op::MakeFunction {
                        dst,
                        code: idx,
                        base,
                    } => {
                        let c = code.consts[idx as usize];
                        let cc = code_of(c);
                        let module = vm
                            .dict_get_str(frame.globals, vm.names.__name__)
                            .unwrap_or(Value::NONE);
                        let fd = FunctionData {
                            code: Cell::new(c),
                            globals: frame.globals,
                            name: Cell::new(cc.name),
                            qualname: Cell::new(cc.qualname),
                            defaults: Cell::new(reg!(frame, base)),
                            kwdefaults: Cell::new(reg!(frame, base + 1)),
                            closure: reg!(frame, base + 2),
                            module,
                            doc: Cell::new(cc.docstring),
                            annotations: Cell::new(reg!(frame, base + 3)),
                        };
                        let cls = vm.t.function;
                        reg!(frame, dst) = vm.alloc(cls, Kind::Function(Box::new(fd)));
                    }
                    Op::LoadBuildClass { dst } => {
                        let n = vm.names.__build_class__;
                        reg!(frame, dst) = match vm.dict_get_str(vm.builtins, n) {
                            Some(v) => v,
                            None => return Err(vm.name_error("__build_class__")),
                        };
                    }
                    Op::Raise { exc, cause } => {
                        let e = if exc == NO_REG {
                            let cur = vm.current_handled();
                            if cur.is_none() {
                                return Err(vm.runtime_error("No active exception to reraise"));
                            }
                            // A bare `raise` adds no traceback entry, as in CPython.
                            return Ok(Flow::Reraise(cur));
                        } else {
                            make_exception(vm, reg!(frame, exc))?
                        };
                        if cause != NO_REG {
                            let c = reg!(frame, cause);
                            let c = if c.is_none() { c } else { make_cause(vm, c)? };
                            if let Some(d) = exc_data(e) {
                                d.cause = c;
                                d.suppress_context = true;
                            }
                        }
                        return Err(PyErr(e));
                    }
                    Op::Reraise { exc } => {
                        return Ok(Flow::Reraise(reg!(frame, exc)));
                    }
                    Op::ExcMatch { dst, exc, ty } => {
                        let t = reg!(frame, ty);
                        reg!(frame, dst) = Value::bool(exc_match(vm, reg!(frame, exc), t)?);
                    }
                    Op::PushExc { save, exc } => {
                        reg!(frame, save) = vm.current_handled();
                        vm.handling.push(reg!(frame, exc));
                    }
                    Op::PopExc { save } => {
                        let _ = save;
                        vm.handling.pop();
                    }
                    Op::ExcStarMatch { dst, rest, ty } => {
                        let (exc, t) = (reg!(frame, rest), reg!(frame, ty));
                        let (m, r) = molt_vm::exception_group::except_star_match(vm, exc, t)?;
                        reg!(frame, dst) = m;
                        reg!(frame, rest) = r;
                        if !m.is_none() {
                            // The clause handles its match (sys.exc_info(), __context__).
                            if let Some(top) = vm.handling.last_mut() {
                                *top = m;
                            }
                        }
                    }
                    Op::PrepReraiseStar { dst, orig, raised } => {
                        let items = ops::seq_items(reg!(frame, raised)).unwrap_or_default();
                        let o = reg!(frame, orig);
                        reg!(frame, dst) =
                            molt_vm::exception_group::prep_reraise_star(vm, o, &items)?;
                    }
                    Op::RaiseAssert { msg } => {
                        let c = vm.exc.AssertionError;
                        let args = if msg == NO_REG {
                            vec![]
                        } else {
                            vec![reg!(frame, msg)]
                        };
                        return Err(PyErr(vm.new_exception(c, args)));
                    }
                    Op::WithEnter { dst, mgr, is_async } => {
                        let m = reg!(frame, mgr);
                        let cls = type_of(vm, m);
                        let (enter_n, exit_n) = if is_async {
                            (vm.intern("__aenter__"), vm.intern("__aexit__"))
                        } else {
                            (vm.names.__enter__, vm.names.__exit__)
                        };
                        let protocol = if is_async {
                            "asynchronous context manager"
                        } else {
                            "context manager"
                        };
                        let enter_f = lookup(vm, cls, enter_n);
                        let exit_f = lookup(vm, cls, exit_n);
                        let (enter_f, exit_f) = match (enter_f, exit_f) {
                            (Some(a), Some(b)) => (a, b),
                            (None, _) => {
                                let msg = format!(
                                    "'{}' object does not support the {} protocol",
                                    type_name(vm, m),
                                    protocol
                                );
                                return Err(vm.type_error(msg));
                            }
                            (_, None) => {
                                let msg = format!(
                                    "'{}' object does not support the {} protocol (missed {} method)",
                                    type_name(vm, m),
                                    protocol,
                                    str_of(exit_n).unwrap_or("")
                                );
                                return Err(vm.type_error(msg));
                            }
                        };
                        let exit_b = molt_vm::ops::attr::bind(vm, exit_f, m, cls)?;
                        reg!(frame, dst) = exit_b;
                        let enter_b = molt_vm::ops::attr::bind(vm, enter_f, m, cls)?;
                        let entered = ops::call0(vm, enter_b)?;
                        reg!(frame, dst + 1) = if is_async {
                            awaitable::get_awaitable(vm, entered)?
                        } else {
                            entered
                        };
                    }
                    Op::WithExit {
                        dst,
                        exit,
                        exc,
                        is_async,
                    } => {
                        let f = reg!(frame, exit);
                        let r = if exc == NO_REG {
                            ops::call(vm, f, Args::new(&[Value::NONE, Value::NONE, Value::NONE]))?
                        } else {
                            let e = reg!(frame, exc);
                            let t = type_of(vm, e);
                            let tb = molt_vm::exceptions::traceback_object(vm, e);
                            ops::call(vm, f, Args::new(&[t, e, tb]))?
                        };
                        reg!(frame, dst) = if is_async {
                            awaitable::get_awaitable(vm, r)?
                        } else {
                            Value::bool(ops::truthy(vm, r)?)
                        };
                    }
                    Op::Yield { dst: _, src } => {
                        return Ok(Flow::Yield(reg!(frame, src)));
                    }
                    Op::YieldFrom { dst, iter } => {
                        let sent = std::mem::replace(&mut frame.sent, Value::NONE);
                        match yield_from_step(vm, reg!(frame, iter), sent)? {
                            Resumed::Yielded(v) => {
                                // Stay on this instruction: the next resume sends into `iter` again.
                                frame.pc = pc - 1;
                                return Ok(Flow::Yield(v));
                            }
                            Resumed::Returned(v) => reg!(frame, dst) = v,
                        }
                    }
                    Op::GetAwaitable { dst, src } => {
                        reg!(frame, dst) = awaitable::get_awaitable(vm, reg!(frame, src))?;
                    }
                    Op::GetAIter { dst, src } => {
                        reg!(frame, dst) = awaitable::get_aiter(vm, reg!(frame, src))?;
                    }
                    Op::GetANext { dst, iter } => {
                        reg!(frame, dst) = awaitable::get_anext(vm, reg!(frame, iter))?;
                    }
                    Op::EndAsyncFor { exc } => {
                        let e = reg!(frame, exc);
                        if !vm.exc_matches(e, vm.exc.StopAsyncIteration) {
                            return Err(PyErr(e));
                        }
                    }
                    Op::AsyncGenWrap { dst, src } => {
                        reg!(frame, dst) = awaitable::wrap_async_gen_value(vm, reg!(frame, src));
                    }
                    Op::GetYieldFromIter { dst, src } => {
                        let v = reg!(frame, src);
                        reg!(frame, dst) = match v.obj().map(|o| &o.kind) {
                            Some(Kind::Generator(_)) => v,
                            _ => ops::get_iter(vm, v)?,
                        };
                    }
                    Op::Import {
                        dst,
                        name,
                        fromlist,
                        level,
                    } => {
                        let n = code.names[name as usize];
                        let fl = code.consts[fromlist as usize];
                        reg!(frame, dst) =
                            (vm.hooks.import)(vm, n, frame.globals, fl, level as i64)?;
                    }
                    Op::ImportFrom { dst, module, name } => {
                        let n = code.names[name as usize];
                        let m = reg!(frame, module);
                        reg!(frame, dst) = import_from(vm, m, n)?;
                    }
                    Op::ImportStar { module } => {
                        let m = reg!(frame, module);
                        let target = if frame.locals.is_none() {
                            frame.globals
                        } else {
                            frame.locals
                        };
                        import_star(vm, m, target)?;
                    }
                    Op::GetLen { dst, src } => {
                        let n = molt_vm::ops::convert::len(vm, reg!(frame, src))?;
                        reg!(frame, dst) = vm.new_int(n as i64);
                    }
                    Op::MatchSequence { dst, src } => {
                        let v = reg!(frame, src);
                        let ok = match v.obj().map(|o| &o.kind) {
                            Some(Kind::List(_))
                            | Some(Kind::Tuple(_))
                            | Some(Kind::Range { .. }) => true,
                            Some(Kind::Instance(_)) => {
                                let cls = type_of(vm, v);
                                lookup(vm, cls, vm.names.__getitem__).is_some()
                                    && lookup(vm, cls, vm.names.__len__).is_some()
                                    && lookup(vm, cls, vm.names.keys).is_none()
                            }
                            _ => false,
                        };
                        reg!(frame, dst) = Value::bool(ok);
                    }
                    Op::MatchMapping { dst, src } => {
                        let v = reg!(frame, src);
                        let ok = matches!(v.obj().map(|o| &o.kind), Some(Kind::Dict(_)));
                        reg!(frame, dst) = Value::bool(ok);
                    }
                    Op::MatchKeys { dst, subject, keys } => {
                        let s = reg!(frame, subject);
                        let ks = ops::tuple_items(reg!(frame, keys)).unwrap_or(&[]).to_vec();
                        let mut vals = Vec::with_capacity(ks.len());
                        let mut ok = true;
                        for k in ks {
                            match ops::dict_get(vm, s, k)? {
                                Some(v) => vals.push(v),
                                None => {
                                    ok = false;
                                    break;
                                }
                            }
                        }
                        reg!(frame, dst) = if ok { vm.new_tuple(vals) } else { Value::NONE };
                    }
                    Op::MatchClass {
                        dst,
                        subject,
                        cls,
                        npos,
                        kwnames,
                    } => {
                        reg!(frame, dst) = match_class(
                            vm,
                            reg!(frame, subject),
                            reg!(frame, cls),
                            npos as usize,
                            reg!(frame, kwnames),
                        )?;
                    }
                    Op::CopyDictWithoutKeys { dst, subject, keys } => {
                        let s = reg!(frame, subject);
                        let d = vm.new_dict();
                        dict_update(vm, d, s, None)?;
                        for k in ops::tuple_items(reg!(frame, keys)).unwrap_or(&[]).to_vec() {
                            ops::dict_del(vm, d, k)?;
                        }
                        reg!(frame, dst) = d;
                    }
                    Op::PrintExpr { src } => {
                        let v = reg!(frame, src);
                        if !v.is_none() {
                            let n = vm.intern("displayhook");
                            let sys = vm.intern("sys");
                            let sysm = vm.dict_get_str(vm.modules, sys);
                            match sysm.and_then(|m| {
                                vm.dict_get_str(
                                    match &m.as_obj().kind {
                                        Kind::Module(md) => md.dict,
                                        _ => m,
                                    },
                                    n,
                                )
                            }) {
                                Some(h) => {
                                    ops::call1(vm, h, v)?;
                                }
                                None => {
                                    let s = ops::repr_string(vm, v)?;
                                    println!("{}", s);
                                }
                            }
                        }
                    }
                    Op::Nop => {}
                }
            }
        })();
        if RECORD && !matches!(r, Ok(Flow::SwitchMode)) {
            molt_jit::abort_recording("exception while recording");
        }
        // The frame the loop stopped in.
        let frame = crate::calls::frame_top(vm);
        let (err, at, add_tb) = match r {
            Ok(Flow::Return(v)) => return Mode::Done(Ok(Exit::Return(v))),
            Ok(Flow::Yield(v)) => return Mode::Done(Ok(Exit::Yield(v))),
            Ok(Flow::SwitchMode) => return Mode::Switch(!RECORD),
            // A re-raise adds no second traceback entry for this frame.
            Ok(Flow::Reraise(e)) => (PyErr(e), frame.pc - 1, false),
            Err(e) => (e, frame.pc - 1, true),
        };
        if let Err(e) = unwind_frames(vm, depth, err, at, add_tb) {
            return Mode::Done(Err(e));
        }
        if RECORD {
            return Mode::Switch(false);
        }
    }
}

/// Unwind `err`, raised at `at` in the innermost frame, to a handler: in
/// that frame, or in its callers down to the loop's own frame when
/// it leaves frames that calls inside this loop pushed. Each frame left gets
/// its traceback entry, at its call instruction. The handler's frame
/// continues at the handler; the error is returned when it leaves the
/// loop's own frame.
fn unwind_frames(
    vm: &mut Vm,
    depth: usize,
    mut err: PyErr,
    mut at: usize,
    mut add_tb: bool,
) -> Result<(), PyErr> {
    loop {
        let frame = crate::calls::frame_top(vm);
        match unwind(vm, frame, err, at, add_tb) {
            Ok(h) => {
                frame.pc = h;
                return Ok(());
            }
            Err(e) if vm.frames.len() > depth => {
                crate::calls::pop_frame(vm);
                at = crate::calls::frame_top(vm).pc - 1;
                add_tb = true;
                err = e;
            }
            Err(e) => return Err(e),
        }
    }
}

/// How the inner dispatch loop hands control back.
enum Flow {
    /// The loop's own frame returned.
    Return(Value),
    Yield(Value),
    Reraise(Value),
    /// Leave or enter the JIT's recording mode at `pc`.
    SwitchMode,
}

/// Find a handler for `err` raised at `at`; returns the handler's pc, or the error to propagate.
fn unwind(
    vm: &mut Vm,
    frame: &mut Frame,
    err: PyErr,
    at: usize,
    add_tb: bool,
) -> Result<usize, PyErr> {
    note_exception(vm, frame, err.0, at, add_tb);
    let code = frame.code();
    match code.handler_for(at) {
        Some(h) => {
            frame.regs[h.exc as usize] = err.0;
            Ok(h.handler as usize)
        }
        None => Err(err),
    }
}

#[inline(always)]
fn small_fast(op: BinOp, x: Value, y: Value) -> Option<Value> {
    let (a, b) = (x.as_small_int(), y.as_small_int());
    match op {
        BinOp::Add => Value::small_int(a + b),
        BinOp::Sub => Value::small_int(a - b),
        BinOp::Mul => Value::small_int(a.checked_mul(b)?),
        _ => None,
    }
}

fn cell_get(c: Value) -> Value {
    match &c.as_obj().kind {
        Kind::Cell(c) => c.get(),
        _ => Value::UNBOUND,
    }
}

fn unbound_local(vm: &mut Vm, name: Value) -> PyErr {
    let c = vm.exc.UnboundLocalError;
    vm.err(
        c,
        format!(
            "cannot access local variable '{}' where it is not associated with a value",
            str_of(name).unwrap_or("?")
        ),
    )
}

fn free_var_error(vm: &mut Vm, _code: &molt_vm::bytecode::CodeObject, name: Value) -> PyErr {
    let c = vm.exc.NameError;
    vm.err(
        c,
        format!(
            "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
            str_of(name).unwrap_or("?")
        ),
    )
}

/// Classes, `super` objects and modules resolve attributes in their own way,
/// so method calls on them go through `getattr`.
fn special_attribute_lookup(recv: Value) -> bool {
    matches!(
        recv.obj().map(|o| &o.kind),
        Some(Kind::Class(_)) | Some(Kind::Super { .. }) | Some(Kind::Module(_))
    )
}

fn has_custom_getattribute(vm: &Vm, cls: Value) -> bool {
    !class_data(cls).builtin
        && molt_vm::class::lookup_user(vm, cls, vm.names.__getattribute__).is_some()
}

fn locals_get(vm: &mut Vm, locals: Value, n: Value) -> PyResult<Option<Value>> {
    if locals.is_none() {
        return Ok(None);
    }
    if matches!(locals.as_obj().kind, Kind::Dict(_)) && class_data(locals.as_obj().class()).builtin
    {
        return Ok(vm.dict_get_str(locals, n));
    }
    match ops::getitem(vm, locals, n) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e.0, vm.exc.KeyError) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The change counter of a dict (see `Dict::version`).
#[inline]
fn dict_version(d: Value) -> u64 {
    match &d.as_obj().kind {
        Kind::Dict(dd) => dd.get().version,
        _ => 0,
    }
}

fn load_global(vm: &mut Vm, frame: &Frame, n: Value) -> PyResult<Value> {
    if let Some(v) = vm.dict_get_str(frame.globals, n) {
        return Ok(v);
    }
    if let Some(v) = vm.dict_get_str(frame.builtins, n) {
        return Ok(v);
    }
    Err(vm.name_error(str_of(n).unwrap_or("?")))
}

fn star_error(vm: &mut Vm, e: PyErr, v: Value, func: Option<Value>) -> PyErr {
    if vm.exc_matches(e.0, vm.exc.TypeError) && ops::get_iter(vm, v).is_err() {
        let msg = match func {
            Some(f) => format!(
                "{}() argument after * must be an iterable, not {}",
                molt_vm::ops::call::function_str(f),
                type_name(vm, v)
            ),
            None => format!(
                "Value after * must be an iterable, not {}",
                type_name(vm, v)
            ),
        };
        return vm.type_error(msg);
    }
    e
}

fn unpack_error(vm: &mut Vm, e: PyErr, v: Value) -> PyErr {
    if vm.exc_matches(e.0, vm.exc.TypeError) && ops::get_iter(vm, v).is_err() {
        let msg = format!("cannot unpack non-iterable {} object", type_name(vm, v));
        return vm.type_error(msg);
    }
    e
}

fn dict_update(vm: &mut Vm, dict: Value, src: Value, func: Option<Value>) -> PyResult<()> {
    let entries: Vec<(Value, Value)> = match src.obj().map(|o| &o.kind) {
        Some(Kind::Dict(d)) => d.get().iter().map(|e| (e.key, e.value)).collect(),
        _ => {
            let keys_n = vm.names.keys;
            let keys = match ops::getattr_opt(vm, src, keys_n)? {
                Some(k) => ops::call0(vm, k)?,
                None => {
                    let msg = match func {
                        Some(f) => format!(
                            "{}() argument after ** must be a mapping, not {}",
                            molt_vm::ops::call::function_str(f),
                            type_name(vm, src)
                        ),
                        None => format!("'{}' object is not a mapping", type_name(vm, src)),
                    };
                    return Err(vm.type_error(msg));
                }
            };
            let ks = ops::iter::collect(vm, keys)?;
            let mut out = vec![];
            for k in ks {
                let v = ops::getitem(vm, src, k)?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in entries {
        if let Some(f) = func {
            if str_of(k).is_none() {
                let _ = f;
                return Err(vm.type_error("keywords must be strings"));
            }
            if ops::dict_get(vm, dict, k)?.is_some() {
                let msg = format!(
                    "{}() got multiple values for keyword argument '{}'",
                    molt_vm::ops::call::function_str(f),
                    str_of(k).unwrap_or("?")
                );
                return Err(vm.type_error(msg));
            }
        }
        ops::dict_set(vm, dict, k, v)?;
    }
    Ok(())
}

/// Turn the operand of `raise` into an exception instance.
/// The exception `raise v` raises: `v` itself or an instance of the class `v`.
pub fn make_exception(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(o) = v.obj() {
        if let Kind::Class(_) = o.kind {
            if is_subclass(v, vm.exc.BaseException) {
                let e = ops::call0(vm, v)?;
                if !is_subclass(type_of(vm, e), vm.exc.BaseException) {
                    let msg = format!(
                        "calling {} should have returned an instance of BaseException, not {}",
                        molt_vm::ops::repr::class_repr(vm, v),
                        type_name(vm, e)
                    );
                    return Err(vm.type_error(msg));
                }
                return Ok(e);
            }
        } else if is_subclass(o.class(), vm.exc.BaseException) {
            return Ok(v);
        }
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

/// The cause `raise ... from v` sets.
pub fn make_cause(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match make_exception(vm, v) {
        Ok(e) => Ok(e),
        Err(_) => Err(vm.type_error("exception causes must derive from BaseException")),
    }
}

fn exc_match(vm: &mut Vm, exc: Value, ty: Value) -> PyResult<bool> {
    let ec = type_of(vm, exc);
    let check = |vm: &mut Vm, t: Value| -> PyResult<bool> {
        if !molt_vm::class::is_class(t) || !is_subclass(t, vm.exc.BaseException) {
            return Err(vm.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        Ok(is_subclass(ec, t))
    };
    if let Some(items) = ops::tuple_items(ty) {
        let mut any = false;
        for t in items.to_vec() {
            if check(vm, t)? {
                any = true;
            }
        }
        return Ok(any);
    }
    check(vm, ty)
}

fn import_from(vm: &mut Vm, m: Value, n: Value) -> PyResult<Value> {
    match ops::getattr_opt(vm, m, n)? {
        Some(v) => Ok(v),
        None => {
            // A submodule not yet imported as an attribute.
            let modname = ops::getattr_opt(vm, m, vm.names.__name__)?
                .and_then(str_of)
                .unwrap_or("?")
                .to_string();
            let full = format!("{}.{}", modname, str_of(n).unwrap_or("?"));
            let fv = vm.new_string(full.clone());
            if let Some(sub) = ops::dict_get(vm, vm.modules, fv)? {
                return Ok(sub);
            }
            let c = vm.exc.ImportError;
            let file = match m.obj().map(|o| &o.kind) {
                Some(Kind::Module(md)) => {
                    vm.dict_get_str(md.dict, vm.names.__file__).and_then(str_of)
                }
                _ => None,
            };
            let msg = match file {
                Some(f) => format!(
                    "cannot import name '{}' from '{}' ({})",
                    str_of(n).unwrap_or("?"),
                    modname,
                    f
                ),
                None => format!(
                    "cannot import name '{}' from '{}' (unknown location)",
                    str_of(n).unwrap_or("?"),
                    modname
                ),
            };
            Err(vm.err(c, msg))
        }
    }
}

fn import_star(vm: &mut Vm, m: Value, target: Value) -> PyResult<()> {
    // A module's namespace, or the `__dict__` of whatever object stands in
    // for one in sys.modules.
    let dict = match m.obj().map(|o| &o.kind) {
        Some(Kind::Module(md)) => md.dict,
        _ => {
            let k = vm.intern("__dict__");
            ops::getattr(vm, m, k)?
        }
    };
    let all = match m.obj().map(|o| &o.kind) {
        Some(Kind::Module(_)) => vm.dict_get_str(dict, vm.names.__all__),
        _ => ops::getattr_opt(vm, m, vm.names.__all__)?,
    };
    let names: Vec<Value> = match all {
        Some(a) => ops::iter::collect(vm, a)?,
        None => match dict.obj().map(|o| &o.kind) {
            Some(Kind::Dict(d)) => d
                .get()
                .keys()
                .into_iter()
                .filter(|k| !str_of(*k).map_or(true, |s| s.starts_with('_')))
                .collect(),
            _ => vec![],
        },
    };
    for n in names {
        let n = vm.intern_value(n);
        let v = ops::getattr(vm, m, n)?;
        vm.dict_set_str(target, n, v);
    }
    Ok(())
}

fn match_class(
    vm: &mut Vm,
    subject: Value,
    cls: Value,
    npos: usize,
    kwnames: Value,
) -> PyResult<Value> {
    if !molt_vm::class::is_class(cls) {
        let msg = "called match pattern must be a class".to_string();
        return Err(vm.type_error(msg));
    }
    if !molt_vm::class::isinstance(vm, subject, cls) {
        return Ok(Value::NONE);
    }
    let mut out = vec![];
    if npos > 0 {
        let self_match = [
            vm.t.int,
            vm.t.float,
            vm.t.str_,
            vm.t.bool_,
            vm.t.bytes,
            vm.t.list,
            vm.t.tuple,
            vm.t.dict,
            vm.t.set,
            vm.t.frozenset,
            vm.t.bytearray,
        ]
        .iter()
        .any(|t| is_subclass(cls, *t) && class_data(cls).builtin);
        if self_match {
            if npos > 1 {
                let msg = format!(
                    "{}() accepts 1 positional sub-pattern ({} given)",
                    molt_vm::class::class_name(cls),
                    npos
                );
                return Err(vm.type_error(msg));
            }
            out.push(subject);
        } else {
            let ma = vm.intern("__match_args__");
            let args = match ops::getattr_opt(vm, cls, ma)? {
                Some(a) => ops::iter::collect(vm, a)?,
                None => vec![],
            };
            if npos > args.len() {
                let msg = format!(
                    "{}() accepts {} positional sub-pattern{} ({} given)",
                    molt_vm::class::class_name(cls),
                    args.len(),
                    if args.len() == 1 { "" } else { "s" },
                    npos
                );
                return Err(vm.type_error(msg));
            }
            for a in &args[..npos] {
                if str_of(*a).is_none() {
                    let msg = format!(
                        "__match_args__ elements must be strings (got {})",
                        type_name(vm, *a)
                    );
                    return Err(vm.type_error(msg));
                }
                let a = vm.intern_value(*a);
                match ops::getattr_opt(vm, subject, a)? {
                    Some(v) => out.push(v),
                    None => return Ok(Value::NONE),
                }
            }
        }
    }
    for k in ops::tuple_items(kwnames).unwrap_or(&[]).to_vec() {
        match ops::getattr_opt(vm, subject, k)? {
            Some(v) => out.push(v),
            None => return Ok(Value::NONE),
        }
    }
    Ok(vm.new_tuple(out))
}
