//! `_thread`: the low-level threading primitives `threading.py` is built
//! on, as CPython 3.11's C module.
//!
//! Molt's VM runs one thread, so `start_new_thread` raises instead of
//! pretending, and the locks are exact for a single thread: a lock held by
//! this thread stays held while it waits, so a blocking acquire with a
//! timeout sleeps that long and fails, and one without a timeout (which
//! would hang forever in CPython) raises a RuntimeError naming the deadlock.

use super::native::{keywords, methods, new_args, positional, this};
use super::set;
use molt_vm::class::{class_name, lookup, type_name, type_of};
use molt_vm::object::{Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::ops::arith::{num_of, Num};
use molt_vm::{Args, PyResult, Value, Vm};
use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static LOCK: Cell<Value> = const { Cell::new(Value::NONE) };
    static RLOCK: Cell<Value> = const { Cell::new(Value::NONE) };
    static LOCAL: Cell<Value> = const { Cell::new(Value::NONE) };
    static HOOK_ARGS: Cell<Value> = const { Cell::new(Value::NONE) };
    /// The size `stack_size()` last set (used by no thread: there are none).
    static STACK_SIZE: Cell<i64> = const { Cell::new(0) };
}

/// `TIMEOUT_MAX` on Linux: the largest timeout in microseconds a C long
/// holds, in seconds, rounded down.
const TIMEOUT_MAX: f64 = 9223372036.0;

/// The smallest stack size a thread may be given (CPython's THREAD_STACK_MIN).
const STACK_MIN: i64 = 0x8000;

fn ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    (unsafe { libc::pthread_self() }) as u64
}

// ----- acquiring, for both lock types -----

/// How long an acquire may wait: not at all, this long, or forever.
enum Wait {
    No,
    For(Duration),
    Forever,
}

/// The `(blocking=True, timeout=-1)` arguments of `acquire`, with CPython's errors.
fn wait_args(vm: &mut Vm, args: &Args) -> PyResult<Wait> {
    let a = keywords(
        vm,
        "acquire",
        &args.pos[1..],
        args,
        &["blocking", "timeout"],
        0,
        2,
    )?;
    let blocking = match a[0] {
        Some(v) => ops::convert::truthy(vm, v)?,
        None => true,
    };
    let timeout = match a[1] {
        Some(v) => timeout_secs(vm, v)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(Wait::No);
    }
    if timeout == -1.0 {
        return Ok(Wait::Forever);
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(Wait::For(Duration::from_secs_f64(timeout)))
}

/// A timeout in seconds (int or float), as `_PyTime_FromSecondsObject`.
fn timeout_secs(vm: &mut Vm, v: Value) -> PyResult<f64> {
    let f = match num_of(v) {
        Some(Num::Float(f)) => {
            if f.is_nan() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            f
        }
        Some(Num::Small(n)) => n as f64,
        _ => {
            let i = ops::convert::index_value(vm, v)?;
            ops::convert::to_f64(vm, i)?
        }
    };
    // Nanoseconds must fit in 64 bits.
    if f.abs() * 1e9 >= 9.223372036854775807e18 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(f)
}

/// Wait for a lock that no other thread can release: fail at once, after
/// the timeout, or (with no timeout) with a RuntimeError instead of hanging.
fn wait_held(vm: &mut Vm, wait: Wait) -> PyResult<Value> {
    match wait {
        Wait::No => Ok(Value::FALSE),
        Wait::Forever => Err(vm.runtime_error(
            "deadlock: acquiring a lock that is already held would block forever \
             (molt runs a single thread, so no other thread can release it)",
        )),
        Wait::For(d) => {
            // Sleep in slices so that signal handlers (Ctrl-C) still run.
            let end = Instant::now() + d;
            loop {
                let now = Instant::now();
                if now >= end {
                    return Ok(Value::FALSE);
                }
                std::thread::sleep((end - now).min(Duration::from_millis(20)));
                if molt_vm::interrupt::pending() {
                    molt_vm::interrupt::run_handlers(vm)?;
                }
            }
        }
    }
}

fn address(v: Value) -> usize {
    v.obj_ptr() as usize
}

// ----- _thread.lock -----

struct Lock {
    locked: bool,
}
impl NativeState for Lock {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn lk(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut Lock)> {
    this::<Lock>(vm, args, "_thread.lock", meth)
}

fn new_lock(vm: &mut Vm) -> Value {
    let cls = LOCK.with(|c| c.get());
    vm.new_native_object(cls, Lock { locked: false })
}

fn lock_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create '_thread.lock' instances"))
}

fn lock_acquire(vm: &mut Vm, args: Args) -> PyResult<Value> {
    lk(vm, &args, "acquire")?;
    let wait = wait_args(vm, &args)?;
    let (_, l) = lk(vm, &args, "acquire")?;
    if !l.locked {
        l.locked = true;
        return Ok(Value::TRUE);
    }
    wait_held(vm, wait)
}

fn lock_enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = Args::new(&args.pos[..args.pos.len().min(1)]);
    lock_acquire(vm, a)
}

fn lock_release(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, l) = lk(vm, &args, "release")?;
    positional(vm, "release", &args.pos[1..], &args, 0, 0)?;
    if !l.locked {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    l.locked = false;
    Ok(Value::NONE)
}

fn lock_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, l) = lk(vm, &args, "__exit__")?;
    if !l.locked {
        return Err(vm.runtime_error("release unlocked lock"));
    }
    l.locked = false;
    Ok(Value::NONE)
}

fn lock_locked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, l) = lk(vm, &args, "locked")?;
    positional(vm, "locked", &args.pos[1..], &args, 0, 0)?;
    Ok(Value::bool(l.locked))
}

fn lock_at_fork_reinit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, l) = lk(vm, &args, "_at_fork_reinit")?;
    l.locked = false;
    Ok(Value::NONE)
}

fn lock_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, l) = lk(vm, &args, "__repr__")?;
    let s = format!(
        "<{} {} object at {:#x}>",
        if l.locked { "locked" } else { "unlocked" },
        type_name(vm, me),
        address(me)
    );
    Ok(vm.new_string(s))
}

// ----- _thread.RLock -----

struct RLock {
    /// The thread identity of the owner (0: none).
    owner: u64,
    count: u64,
}
impl NativeState for RLock {
    fn trace(&self, _f: &mut dyn FnMut(Value)) {}
}

fn rl(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(Value, &'static mut RLock)> {
    this::<RLock>(vm, args, "_thread.RLock", meth)
}

fn rlock_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // Like CPython, any arguments are accepted and ignored.
    let (cls, _) = new_args(vm, &args, "RLock")?;
    Ok(vm.new_native_object(cls, RLock { owner: 0, count: 0 }))
}

fn rlock_acquire(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rl(vm, &args, "acquire")?;
    let wait = wait_args(vm, &args)?;
    rlock_take(vm, &args, wait)
}

fn rlock_take(vm: &mut Vm, args: &Args, wait: Wait) -> PyResult<Value> {
    let (_, r) = rl(vm, args, "acquire")?;
    let me = ident();
    if r.count == 0 {
        r.owner = me;
        r.count = 1;
        return Ok(Value::TRUE);
    }
    if r.owner == me {
        if r.count == u64::MAX {
            let c = vm.exc.OverflowError;
            return Err(vm.err(c, "Internal lock count overflowed"));
        }
        r.count += 1;
        return Ok(Value::TRUE);
    }
    // Owned by an identity `_acquire_restore` installed: no thread of ours.
    wait_held(vm, wait)
}

fn rlock_enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rl(vm, &args, "__enter__")?;
    rlock_take(vm, &args, Wait::Forever)
}

fn rlock_release(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, r) = rl(vm, &args, "release")?;
    if r.count == 0 || r.owner != ident() {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    r.count -= 1;
    if r.count == 0 {
        r.owner = 0;
    }
    Ok(Value::NONE)
}

fn rlock_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = Args::new(&args.pos[..args.pos.len().min(1)]);
    rlock_release(vm, a)
}

fn rlock_is_owned(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, r) = rl(vm, &args, "_is_owned")?;
    Ok(Value::bool(r.count > 0 && r.owner == ident()))
}

fn rlock_recursion_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, r) = rl(vm, &args, "_recursion_count")?;
    let n = if r.owner == ident() { r.count } else { 0 };
    Ok(int_u64(vm, n))
}

fn int_u64(vm: &mut Vm, n: u64) -> Value {
    match i64::try_from(n) {
        Ok(i) => vm.new_int(i),
        Err(_) => vm.new_bigint(n.into()),
    }
}

fn rlock_release_save(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, r) = rl(vm, &args, "_release_save")?;
    if r.count == 0 {
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    let (count, owner) = (r.count, r.owner);
    r.count = 0;
    r.owner = 0;
    let (c, o) = (int_u64(vm, count), int_u64(vm, owner));
    Ok(vm.new_tuple(vec![c, o]))
}

fn rlock_acquire_restore(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rl(vm, &args, "_acquire_restore")?;
    let a = positional(vm, "_acquire_restore", &args.pos[1..], &args, 1, 1)?;
    let items = match ops::tuple_items(a[0]) {
        Some(t) if t.len() == 2 => t.to_vec(),
        Some(t) => {
            let msg = format!(
                "_acquire_restore() argument 1 must be sequence of length 2, not {}",
                t.len()
            );
            return Err(vm.type_error(msg));
        }
        None => {
            let msg = format!(
                "_acquire_restore() argument 1 must be tuple, not {}",
                type_name(vm, a[0])
            );
            return Err(vm.type_error(msg));
        }
    };
    let count = unsigned_long(vm, items[0])?;
    let owner = unsigned_long(vm, items[1])?;
    let (_, r) = rl(vm, &args, "_acquire_restore")?;
    if r.count > 0 && r.owner != ident() {
        wait_held(vm, Wait::Forever)?;
    }
    r.count = count;
    r.owner = owner;
    Ok(Value::NONE)
}

/// An `unsigned long` argument (`k` format: taken modulo 2**64).
fn unsigned_long(vm: &mut Vm, v: Value) -> PyResult<u64> {
    match num_of(v) {
        Some(Num::Small(n)) => Ok(n as u64),
        Some(Num::Big(b)) => {
            let m: num_bigint::BigInt = b & num_bigint::BigInt::from(u64::MAX);
            Ok(num_traits::ToPrimitive::to_u64(&m).unwrap_or(0))
        }
        _ => {
            let msg = format!("integer argument expected, got {}", type_name(vm, v));
            Err(vm.type_error(msg))
        }
    }
}

fn rlock_at_fork_reinit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, r) = rl(vm, &args, "_at_fork_reinit")?;
    r.count = 0;
    r.owner = 0;
    Ok(Value::NONE)
}

fn rlock_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (me, r) = rl(vm, &args, "__repr__")?;
    let (owner, count) = (r.owner, r.count);
    let s = format!(
        "<{} {} object owner={} count={} at {:#x}>",
        if count > 0 { "locked" } else { "unlocked" },
        type_name(vm, me),
        owner,
        count,
        address(me)
    );
    Ok(vm.new_string(s))
}

// ----- _thread._local -----

fn local_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = new_args(vm, &args, "_local")?;
    if !rest.is_empty() || args.has_kw() {
        // Arguments are for a subclass's __init__; without one they are an error.
        let init = vm.names.__init__;
        let obj = vm.t.object;
        let own = lookup(vm, cls, init);
        let base = lookup(vm, obj, init);
        if own.is_some() && own == base {
            return Err(vm.type_error("Initialization arguments are not supported"));
        }
    }
    Ok(vm.new_instance(cls))
}

// ----- module functions -----

/// A METH_NOARGS function's check.
fn no_args(vm: &mut Vm, fname: &str, args: &Args) -> PyResult<()> {
    if args.has_kw() {
        return Err(vm.type_error(format!("_thread.{}() takes no keyword arguments", fname)));
    }
    if !args.pos.is_empty() {
        let msg = format!(
            "_thread.{}() takes no arguments ({} given)",
            fname,
            args.pos.len()
        );
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn allocate_lock(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "allocate_lock", &args)?;
    Ok(new_lock(vm))
}

fn set_sentinel(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "_set_sentinel", &args)?;
    Ok(new_lock(vm))
}

fn get_ident(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "get_ident", &args)?;
    Ok(int_u64(vm, ident()))
}

fn get_native_id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "get_native_id", &args)?;
    // The only thread is the main one, whose id on Linux is the process id.
    Ok(vm.new_int(std::process::id() as i64))
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "_count", &args)?;
    Ok(vm.new_int(0))
}

fn daemon_threads_allowed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    no_args(vm, "daemon_threads_allowed", &args)?;
    Ok(Value::TRUE)
}

fn stack_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error("stack_size() takes no keyword arguments"));
    }
    if args.pos.len() > 1 {
        let msg = format!(
            "stack_size() takes at most 1 argument ({} given)",
            args.pos.len()
        );
        return Err(vm.type_error(msg));
    }
    let a = args.pos;
    let old = STACK_SIZE.with(|s| s.get());
    if let Some(&v) = a.first() {
        let n = super::native::ssize(vm, v)?;
        if n < 0 {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        if n != 0 && n < STACK_MIN {
            return Err(vm.value_error(format!("size not valid: {} bytes", n)));
        }
        STACK_SIZE.with(|s| s.set(n));
    }
    Ok(vm.new_int(old))
}

fn start_new_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kw() {
        return Err(vm.type_error("start_new_thread() takes no keyword arguments"));
    }
    let a = positional(vm, "start_new_thread", args.pos, &args, 2, 3)?;
    if !super::native::is_callable(vm, a[0]) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if ops::tuple_items(a[1]).is_none() {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    if let Some(&kw) = a.get(2) {
        let is_dict = matches!(
            kw.obj().map(|o| &o.kind),
            Some(molt_vm::object::Kind::Dict(_))
        );
        if !is_dict {
            return Err(vm.type_error("optional 3rd arg must be a dictionary"));
        }
    }
    // The VM runs a single thread: refuse rather than run the function
    // on this one.
    Err(vm.runtime_error("can't start new thread"))
}

fn exit_thread(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "exit", args.pos, &args, 0, 0)?;
    let c = vm.exc.SystemExit;
    Err(molt_vm::PyErr(vm.new_exception(c, vec![])))
}

fn interrupt_main(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = keywords(vm, "interrupt_main", args.pos, &args, &["signum"], 0, 1)?;
    let signum = match a[0] {
        Some(v) => super::native::ssize(vm, v)?,
        None => libc::SIGINT as i64,
    };
    if signum < 1 || signum >= molt_vm::interrupt::NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    molt_vm::interrupt::trip(signum as i32);
    Ok(Value::NONE)
}

/// `_thread._excepthook(args)`: print "Exception in thread NAME:" and the
/// traceback to `sys.stderr` (threading.excepthook's default).
fn excepthook(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "_excepthook", args.pos, &args, 1, 1)?;
    let hook_args = HOOK_ARGS.with(|c| c.get());
    if !molt_vm::class::is_subclass(type_of(vm, a[0]), hook_args) {
        return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let items = ops::tuple_items(a[0]).unwrap_or(&[]).to_vec();
    let [exc_type, exc_value, exc_tb, thread] = items[..] else {
        return Ok(Value::NONE);
    };
    if exc_type.is(vm.exc.SystemExit) {
        return Ok(Value::NONE);
    }
    let mut file = sys_attr(vm, "stderr")?;
    if file.is_none() {
        if thread.is_none() {
            return Ok(Value::NONE);
        }
        let k = vm.intern("_stderr");
        file = ops::attr::getattr(vm, thread, k)?;
        if file.is_none() {
            return Ok(Value::NONE);
        }
    }
    super::native::pin(vm, file);
    let name = if thread.is_none() {
        None
    } else {
        let k = vm.intern("name");
        ops::attr::getattr_opt(vm, thread, k)?
    };
    let name = match name {
        Some(n) => ops::str_string(vm, n)?,
        None => ident().to_string(),
    };
    write(vm, file, &format!("Exception in thread {}:\n", name))?;
    print_exception(vm, file, exc_type, exc_value, exc_tb)?;
    let k = vm.intern("flush");
    ops::call_method(vm, file, k, &[])?;
    Ok(Value::NONE)
}

fn sys_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let (mods, k) = (vm.modules, vm.intern("sys"));
    let Some(sys) = ops::dict_get(vm, mods, k)? else {
        return Ok(Value::NONE);
    };
    let k = vm.intern(name);
    Ok(ops::attr::getattr_opt(vm, sys, k)?.unwrap_or(Value::NONE))
}

fn write(vm: &mut Vm, file: Value, s: &str) -> PyResult<()> {
    let k = vm.intern("write");
    let t = vm.new_str(s);
    ops::call_method(vm, file, k, &[t])?;
    Ok(())
}

/// The traceback through the `traceback` module when it imports, else the
/// last line CPython would print (`Type: message`).
fn print_exception(
    vm: &mut Vm,
    file: Value,
    exc_type: Value,
    exc_value: Value,
    exc_tb: Value,
) -> PyResult<()> {
    let name = vm.new_str("traceback");
    let import = vm.hooks.import;
    if let Ok(tb) = import(vm, name, Value::NONE, Value::NONE, 0) {
        let k = vm.intern("print_exception");
        if let Ok(Some(f)) = ops::attr::getattr_opt(vm, tb, k) {
            let kn = [vm.intern("file")];
            return ops::call(
                vm,
                f,
                Args {
                    pos: &[exc_type, exc_value, exc_tb],
                    kwnames: &kn,
                    kwvalues: &[file],
                },
            )
            .map(|_| ());
        }
    }
    let tname = if molt_vm::class::is_class(exc_type) {
        class_name(exc_type).to_string()
    } else {
        type_name(vm, exc_value).to_string()
    };
    let msg = ops::str_string(vm, exc_value)?;
    let line = if msg.is_empty() {
        format!("{}\n", tname)
    } else {
        format!("{}: {}\n", tname, msg)
    };
    write(vm, file, &line)
}

pub fn thread_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_thread");
    if LOCK.with(|c| c.get()).is_none() {
        let lock = vm.make_native_class("_thread", "lock", &[], Layout::Object, false);
        let list: &[(&'static str, NativeFn)] = &[
            ("__new__", lock_new),
            ("acquire", lock_acquire),
            ("acquire_lock", lock_acquire),
            ("release", lock_release),
            ("release_lock", lock_release),
            ("locked", lock_locked),
            ("locked_lock", lock_locked),
            ("_at_fork_reinit", lock_at_fork_reinit),
            ("__enter__", lock_enter),
            ("__exit__", lock_exit),
            ("__repr__", lock_repr),
        ];
        methods(vm, lock, list);
        LOCK.with(|c| c.set(lock));

        let rlock = vm.make_native_class("_thread", "RLock", &[], Layout::Object, false);
        vm.native_classes.insert("RLock", rlock);
        let list: &[(&'static str, NativeFn)] = &[
            ("__new__", rlock_new),
            ("acquire", rlock_acquire),
            ("release", rlock_release),
            ("_is_owned", rlock_is_owned),
            ("_recursion_count", rlock_recursion_count),
            ("_release_save", rlock_release_save),
            ("_acquire_restore", rlock_acquire_restore),
            ("_at_fork_reinit", rlock_at_fork_reinit),
            ("__enter__", rlock_enter),
            ("__exit__", rlock_exit),
            ("__repr__", rlock_repr),
        ];
        methods(vm, rlock, list);
        RLOCK.with(|c| c.set(rlock));

        let local = vm.make_native_class("_thread", "_local", &[], Layout::Object, true);
        vm.native_classes.insert("_local", local);
        vm.add_native(local, "__new__", local_new);
        LOCAL.with(|c| c.set(local));

        let fields = ["exc_type", "exc_value", "exc_traceback", "thread"];
        let ha = crate::structseq::new_type(vm, "_thread", "_ExceptHookArgs", &fields, 4)?;
        HOOK_ARGS.with(|c| c.set(ha));
    }
    let classes = [
        ("LockType", LOCK.with(|c| c.get())),
        ("RLock", RLOCK.with(|c| c.get())),
        ("_local", LOCAL.with(|c| c.get())),
        ("_ExceptHookArgs", HOOK_ARGS.with(|c| c.get())),
    ];
    for (n, c) in classes {
        set(vm, m, n, c);
    }
    let rt = vm.exc.RuntimeError;
    set(vm, m, "error", rt);
    set(vm, m, "TIMEOUT_MAX", Value::float(TIMEOUT_MAX));
    let doc = vm.new_str(
        "This module provides primitive operations to write multi-threaded programs.\n\
         The 'threading' module provides a more convenient interface.",
    );
    set(vm, m, "__doc__", doc);
    let fns: &[(&'static str, NativeFn)] = &[
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("_set_sentinel", set_sentinel),
        ("get_ident", get_ident),
        ("get_native_id", get_native_id),
        ("_count", count),
        ("daemon_threads_allowed", daemon_threads_allowed),
        ("stack_size", stack_size),
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("exit", exit_thread),
        ("exit_thread", exit_thread),
        ("interrupt_main", interrupt_main),
        ("_excepthook", excepthook),
    ];
    for (n, f) in fns {
        vm.add_native(m, n, *f);
    }
    Ok(m)
}
