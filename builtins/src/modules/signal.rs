//! `_signal`: Python-level signal handlers.  The C handler installed for a
//! signal with a Python handler only records it (`molt_vm::interrupt::trip`)
//! and writes the wakeup fd; the interpreter runs the Python handler at its
//! next safepoint (see `vm/src/interrupt.rs`).

use super::set;
use crate::args::parse;
use molt_vm::interrupt::{self, NSIG};
use molt_vm::object::{Kind, Layout};
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::cell::Cell;
use std::sync::atomic::{AtomicI32, Ordering};

const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// The fd `set_wakeup_fd` registered (-1: none); the C handler writes the
/// signal number to it as one byte.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

thread_local! {
    /// The handler table (a list, also in `Vm::roots`) and the
    /// `default_int_handler` function, shared by every import of the module.
    static TABLE: Cell<Value> = const { Cell::new(Value::NONE) };
    static DEFAULT_INT: Cell<Value> = const { Cell::new(Value::NONE) };
    static ITIMER_ERROR: Cell<Value> = const { Cell::new(Value::NONE) };
}

extern "C" fn on_signal(signum: libc::c_int) {
    // Only async-signal-safe work here: flags and write(2).
    let saved = errno();
    interrupt::trip(signum);
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = signum as u8;
        // SAFETY: writes one byte from a live local.
        unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
    }
    set_errno(saved);
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn set_errno(e: i32) {
    // SAFETY: the calling thread's errno location.
    unsafe { *libc::__errno_location() = e };
}

/// Install the flag-setting C handler for `signum` (without SA_RESTART, so
/// blocking calls return EINTR and the interpreter gets to run the handler).
fn install_c_handler(signum: i32) -> std::io::Result<()> {
    // SAFETY: a zeroed sigaction is valid; the handler is async-signal-safe.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

fn set_disposition(signum: i32, disp: libc::sighandler_t) -> std::io::Result<()> {
    // SAFETY: plain libc calls with valid arguments.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = disp;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// What the binary does at start-up: Ctrl-C becomes KeyboardInterrupt at
/// the interpreter's next safepoint.
pub fn install_startup_handlers() {
    let _ = install_c_handler(libc::SIGINT);
}

fn signum_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = ops::to_index(vm, v)?;
    if n < 1 || n >= NSIG as i64 {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as i32)
}

fn os_err(vm: &mut Vm, e: std::io::Error) -> PyErr {
    crate::oserror::os_error(vm, &e, None)
}

fn is_callable(vm: &Vm, v: Value) -> bool {
    match v.obj().map(|o| &o.kind) {
        Some(Kind::Function(_) | Kind::Native(_) | Kind::BoundMethod { .. } | Kind::Class(_)) => {
            true
        }
        _ => {
            molt_vm::class::lookup(vm, molt_vm::class::type_of(vm, v), vm.names.__call__).is_some()
        }
    }
}

fn table_get(signum: i32) -> Value {
    let t = TABLE.with(|t| t.get());
    match &t.as_obj().kind {
        Kind::List(l) => l.get().get(signum as usize).copied().unwrap_or(Value::NONE),
        _ => Value::NONE,
    }
}

fn table_set(signum: i32, v: Value) {
    let t = TABLE.with(|t| t.get());
    if let Kind::List(l) = &t.as_obj().kind {
        if let Some(slot) = l.get().get_mut(signum as usize) {
            *slot = v;
        }
    }
}

fn s_signal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::no_kwargs(vm, "signal", &args)?;
    if args.pos.len() != 2 {
        let msg = format!("signal expected 2 arguments, got {}", args.pos.len());
        return Err(vm.type_error(msg));
    }
    let signum = signum_arg(vm, args.pos[0])?;
    let handler = args.pos[1];
    let disp = if handler.is_small_int() || handler.is_bool() {
        match ops::to_index(vm, handler)? {
            SIG_DFL => Some(libc::SIG_DFL),
            SIG_IGN => Some(libc::SIG_IGN),
            _ => None,
        }
    } else {
        None
    };
    if disp.is_none() && (handler.is_small_int() || !is_callable(vm, handler)) {
        return Err(vm.type_error(
            "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
        ));
    }
    let r = match disp {
        Some(d) => set_disposition(signum, d),
        None => install_c_handler(signum),
    };
    r.map_err(|e| os_err(vm, e))?;
    let old = table_get(signum);
    let new = match disp {
        Some(_) => Value::small_int_unchecked(ops::to_index(vm, handler)?),
        None => handler,
    };
    table_set(signum, new);
    Ok(old)
}

fn s_getsignal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getsignal", &args, 1, 1)?;
    let signum = signum_arg(vm, args.pos[0])?;
    Ok(table_get(signum))
}

fn default_int_handler(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let c = vm.exc.KeyboardInterrupt;
    Err(PyErr(vm.new_exception(c, vec![])))
}

fn s_raise_signal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "raise_signal", &args, 1, 1)?;
    let n = ops::to_index(vm, args.pos[0])?;
    let n = i32::try_from(n).map_err(|_| vm.overflow_error("signal number is too large"))?;
    // SAFETY: raise(3) with any int just fails with EINVAL when invalid.
    if unsafe { libc::raise(n) } != 0 {
        return Err(os_err(vm, std::io::Error::last_os_error()));
    }
    // raise(3) delivers to this thread before returning: run the handler now.
    interrupt::run_handlers(vm)?;
    Ok(Value::NONE)
}

fn s_alarm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "alarm", &args, 1, 1)?;
    let n = ops::to_index(vm, args.pos[0])?;
    // SAFETY: alarm(2) takes any unsigned value.
    let prev = unsafe { libc::alarm(n as libc::c_uint) };
    Ok(vm.new_int(prev as i64))
}

fn s_pause(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "pause", &args, 0, 0)?;
    crate::output::flush_stdout();
    // SAFETY: pause(2) just waits for a signal.
    unsafe { libc::pause() };
    interrupt::run_handlers(vm)?;
    Ok(Value::NONE)
}

fn s_strsignal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "strsignal", &args, 1, 1)?;
    let signum = signum_arg(vm, args.pos[0])?;
    // SAFETY: strsignal returns a NUL-terminated string (or NULL).
    let p = unsafe { libc::strsignal(signum) };
    if p.is_null() {
        return Ok(Value::NONE);
    }
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .to_string();
    if s.starts_with("Unknown signal") {
        return Ok(Value::NONE);
    }
    Ok(vm.new_string(s))
}

fn s_valid_signals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "valid_signals", &args, 0, 0)?;
    let s = vm.new_set();
    // SAFETY: a zeroed sigset_t filled by sigfillset.
    let mut mask: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigfillset(&mut mask) };
    for n in 1..NSIG as i32 {
        if unsafe { libc::sigismember(&mask, n) } == 1 {
            ops::set_add(vm, s, Value::small_int_unchecked(n as i64))?;
        }
    }
    Ok(s)
}

fn s_set_wakeup_fd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "set_wakeup_fd",
        &args,
        &["fd", "warn_on_full_buffer"],
        1,
    )?;
    let fd = ops::to_index(vm, a[0].unwrap_or(Value::NONE))?;
    let fd = i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
    if fd != -1 {
        // SAFETY: fstat/fcntl on any int fail cleanly.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } != 0 {
            return Err(os_err(vm, std::io::Error::last_os_error()));
        }
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        if flags < 0 {
            return Err(os_err(vm, std::io::Error::last_os_error()));
        }
        if flags & libc::O_NONBLOCK == 0 {
            let msg = format!("the fd {} must be in non-blocking mode", fd);
            return Err(vm.value_error(msg));
        }
    }
    let old = WAKEUP_FD.swap(fd, Ordering::Relaxed);
    Ok(vm.new_int(old as i64))
}

fn s_siginterrupt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "siginterrupt", &args, 2, 2)?;
    let signum = signum_arg(vm, args.pos[0])?;
    let flag = ops::to_index(vm, args.pos[1])?;
    // SAFETY: reads and rewrites the signal's own sigaction.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, std::ptr::null(), &mut sa) != 0 {
            return Err(os_err(vm, std::io::Error::last_os_error()));
        }
        if flag != 0 {
            sa.sa_flags &= !libc::SA_RESTART;
        } else {
            sa.sa_flags |= libc::SA_RESTART;
        }
        if libc::sigaction(signum, &sa, std::ptr::null_mut()) != 0 {
            return Err(os_err(vm, std::io::Error::last_os_error()));
        }
    }
    Ok(Value::NONE)
}

fn timeval_of(secs: f64) -> libc::timeval {
    let whole = secs.trunc();
    let mut usec = ((secs - whole) * 1e6).round() as i64;
    let mut s = whole as i64;
    // A positive interval shorter than a microsecond still counts.
    if s == 0 && usec == 0 && secs > 0.0 {
        usec = 1;
    }
    if usec >= 1_000_000 {
        s += 1;
        usec -= 1_000_000;
    }
    libc::timeval {
        tv_sec: s as libc::time_t,
        tv_usec: usec as libc::suseconds_t,
    }
}

fn itimer_tuple(vm: &mut Vm, v: &libc::itimerval) -> Value {
    let f = |t: &libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    vm.new_tuple(vec![
        Value::float(f(&v.it_value)),
        Value::float(f(&v.it_interval)),
    ])
}

fn itimer_error(vm: &mut Vm) -> PyErr {
    let e = std::io::Error::last_os_error();
    let errno = e.raw_os_error().unwrap_or(0);
    let cls = ITIMER_ERROR.with(|c| c.get());
    let n = vm.new_int(errno as i64);
    let m = vm.new_string(crate::oserror::strerror(errno));
    let ex = vm.new_exception(cls, vec![n, m]);
    vm.set_attr_str_on_instance(ex, "errno", n);
    vm.set_attr_str_on_instance(ex, "strerror", m);
    vm.set_attr_str_on_instance(ex, "filename", Value::NONE);
    PyErr(ex)
}

fn s_setitimer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "setitimer", &args, 2, 3)?;
    let which = ops::to_index(vm, args.pos[0])? as libc::c_int;
    let secs = ops::to_f64(vm, args.pos[1])?;
    let interval = match args.pos.get(2) {
        Some(v) => ops::to_f64(vm, *v)?,
        None => 0.0,
    };
    let new = libc::itimerval {
        it_value: timeval_of(secs),
        it_interval: timeval_of(interval),
    };
    // SAFETY: valid pointers to locals.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::setitimer(which as _, &new, &mut old) } != 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &old))
}

fn s_getitimer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getitimer", &args, 1, 1)?;
    let which = ops::to_index(vm, args.pos[0])? as libc::c_int;
    // SAFETY: a valid pointer to a local.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::getitimer(which as _, &mut cur) } != 0 {
        return Err(itimer_error(vm));
    }
    Ok(itimer_tuple(vm, &cur))
}

const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGABRT", libc::SIGABRT),
    ("SIGIOT", libc::SIGIOT),
    ("SIGBUS", libc::SIGBUS),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGSTKFLT", libc::SIGSTKFLT),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGCLD", libc::SIGCHLD),
    ("SIGCONT", libc::SIGCONT),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGURG", libc::SIGURG),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGIO", libc::SIGIO),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGPWR", libc::SIGPWR),
    ("SIGSYS", libc::SIGSYS),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

/// The handler table, created once: SIGINT has `default_int_handler`, the
/// others what the process inherited (SIG_DFL, SIG_IGN, or None for a
/// handler installed outside Python).
fn handler_table(vm: &mut Vm) -> (Value, Value) {
    let t = TABLE.with(|t| t.get());
    if !t.is_none() {
        return (t, DEFAULT_INT.with(|d| d.get()));
    }
    let dih = vm.new_native("default_int_handler", default_int_handler, Value::NONE);
    let mut items = vec![Value::NONE; NSIG];
    for (n, slot) in items.iter_mut().enumerate().skip(1) {
        // SAFETY: querying the current disposition only.
        let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
        if unsafe { libc::sigaction(n as i32, std::ptr::null(), &mut sa) } != 0 {
            continue;
        }
        *slot = match sa.sa_sigaction {
            libc::SIG_DFL => Value::small_int_unchecked(SIG_DFL),
            libc::SIG_IGN => Value::small_int_unchecked(SIG_IGN),
            _ => Value::NONE,
        };
    }
    items[libc::SIGINT as usize] = dih;
    let list = vm.new_list(items);
    vm.roots.push(list);
    vm.roots.push(dih);
    TABLE.with(|t| t.set(list));
    DEFAULT_INT.with(|d| d.set(dih));
    interrupt::set_handler_table(list);
    let oserr = vm.exc.OSError;
    let ie = vm.make_builtin_class("itimer_error", &[oserr], Layout::Exception);
    let m = vm.new_str("signal");
    vm.set_attr_str(ie, "__module__", m);
    vm.roots.push(ie);
    ITIMER_ERROR.with(|c| c.set(ie));
    (list, dih)
}

pub fn signal_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_signal");
    let (_, dih) = handler_table(vm);
    set(vm, m, "default_int_handler", dih);
    let ie = ITIMER_ERROR.with(|c| c.get());
    set(vm, m, "ItimerError", ie);
    for &(name, n) in SIGNALS {
        set(vm, m, name, Value::small_int_unchecked(n as i64));
    }
    for (name, n) in [
        ("SIG_DFL", SIG_DFL),
        ("SIG_IGN", SIG_IGN),
        ("NSIG", NSIG as i64),
        ("SIG_BLOCK", libc::SIG_BLOCK as i64),
        ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
        ("SIG_SETMASK", libc::SIG_SETMASK as i64),
        ("ITIMER_REAL", libc::ITIMER_REAL as i64),
        ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
        ("ITIMER_PROF", libc::ITIMER_PROF as i64),
    ] {
        set(vm, m, name, Value::small_int_unchecked(n));
    }
    for (name, f) in [
        ("signal", s_signal as molt_vm::object::NativeFn),
        ("getsignal", s_getsignal),
        ("raise_signal", s_raise_signal),
        ("alarm", s_alarm),
        ("pause", s_pause),
        ("strsignal", s_strsignal),
        ("valid_signals", s_valid_signals),
        ("set_wakeup_fd", s_set_wakeup_fd),
        ("siginterrupt", s_siginterrupt),
        ("setitimer", s_setitimer),
        ("getitimer", s_getitimer),
    ] {
        vm.add_native(m, name, f);
    }
    Ok(m)
}
