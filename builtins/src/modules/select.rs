//! `select`: waiting for file descriptors to become ready, as CPython's C
//! module: `select()`, `poll` objects and `epoll` objects.  Every wait is
//! retried after EINTR once the Python signal handlers have run, with the
//! time already spent taken off the timeout (PEP 475).

use super::native::{self, new_class, this};
use super::set;
use crate::args::parse;
use crate::oserror::{errno_error, last_errno};
use molt_vm::class::type_name;
use molt_vm::object::{Layout, NativeFn, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::time::{Duration, Instant};

/// The file descriptor of `v`: an int, or what its `fileno()` returns
/// (CPython's `PyObject_AsFileDescriptor`).
pub fn fileno_of(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = if is_int(v) {
        v
    } else {
        let name = vm.intern("fileno");
        let cls = molt_vm::class::type_of(vm, v);
        if molt_vm::class::lookup(vm, cls, name).is_none() {
            return Err(vm.type_error("argument must be an int, or have a fileno() method."));
        }
        let r = ops::call::call_method(vm, v, name, &[])?;
        if !is_int(r) {
            return Err(vm.type_error("fileno() returned a non-integer"));
        }
        r
    };
    let fd = c_int(vm, n)?;
    if fd < 0 {
        let msg = format!("file descriptor cannot be a negative integer ({})", fd);
        return Err(vm.value_error(msg));
    }
    Ok(fd)
}

fn is_int(v: Value) -> bool {
    v.is_small_int()
        || v.is_bool()
        || matches!(
            v.obj().map(|o| &o.kind),
            Some(molt_vm::object::Kind::Int(_))
        )
}

/// An int argument that must fit a C int.
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) if i > i32::MAX as i64 => {
            Err(vm.overflow_error("signed integer is greater than maximum"))
        }
        Some(ops::arith::Num::Small(i)) if i < i32::MIN as i64 => {
            Err(vm.overflow_error("signed integer is less than minimum"))
        }
        Some(ops::arith::Num::Small(i)) => Ok(i as i32),
        _ => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// An event mask argument (a C `unsigned short` for poll, `unsigned int`
/// for epoll).
fn mask_arg(vm: &mut Vm, v: Value, max: u64) -> PyResult<u32> {
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) if i < 0 => {
            Err(vm.overflow_error("can't convert negative int to unsigned"))
        }
        Some(ops::arith::Num::Small(i)) if (i as u64) <= max => Ok(i as u32),
        _ if max == u16::MAX as u64 => {
            Err(vm.overflow_error("Python int too large for C unsigned short"))
        }
        _ => Err(vm.overflow_error("Python int too large to convert to C unsigned int")),
    }
}

/// A timeout in seconds: None is "forever"; `what` names the unit for
/// errors.  Returns None for no limit.
fn seconds(vm: &mut Vm, v: Value, none_msg: &str) -> PyResult<Option<f64>> {
    if v.is_none() {
        return Ok(None);
    }
    if !(is_int(v)
        || v.is_float()
        || matches!(
            v.obj().map(|o| &o.kind),
            Some(molt_vm::object::Kind::Float(_))
        ))
    {
        let cls = molt_vm::class::type_of(vm, v);
        let has_float = molt_vm::class::lookup(vm, cls, vm.names.__float__).is_some();
        if !has_float {
            return Err(vm.type_error(none_msg.to_string()));
        }
    }
    let f = ops::convert::to_f64(vm, v)?;
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    Ok(Some(f))
}

/// The time left before `deadline` (None: wait forever).
fn remaining(deadline: Option<Instant>) -> Option<Duration> {
    deadline.map(|d| d.saturating_duration_since(Instant::now()))
}

fn deadline_after(secs: f64) -> Option<Instant> {
    let d =
        Duration::try_from_secs_f64(secs.max(0.0)).unwrap_or(Duration::from_secs(u32::MAX as u64));
    Instant::now().checked_add(d)
}

/// Milliseconds for poll(2)/epoll_wait(2), rounded up so a short timeout
/// does not become a busy loop; -1 waits forever.
fn millis(left: Option<Duration>) -> i32 {
    match left {
        None => -1,
        Some(d) => {
            let ms = d.as_nanos().div_ceil(1_000_000);
            ms.min(i32::MAX as u128) as i32
        }
    }
}

/// Wait with `call(timeout_ms)`, retrying after EINTR with the time left.
fn wait_retrying(
    vm: &mut Vm,
    deadline: Option<Instant>,
    mut call: impl FnMut(Option<Duration>) -> i32,
) -> PyResult<i32> {
    loop {
        let r = call(remaining(deadline));
        if r >= 0 {
            return Ok(r);
        }
        let e = last_errno();
        if e != libc::EINTR {
            return Err(errno_error(vm, e, None));
        }
        molt_vm::interrupt::run_handlers(vm)?;
    }
}

// ---- select() ----

/// The (object, fd) pairs of one of select()'s lists.
fn fd_list(vm: &mut Vm, v: Value) -> PyResult<Vec<(Value, i32)>> {
    // A list is read by index with its current length, as CPython's
    // PySequence_Fast loop does, so a fileno() that shrinks it is seen.
    let is_list = matches!(
        v.obj().map(|o| &o.kind),
        Some(molt_vm::object::Kind::List(_))
    );
    let items = if is_list {
        Vec::new()
    } else {
        match ops::iter::collect(vm, v) {
            Ok(items) => items,
            Err(e) if vm.exc_matches(e.0, vm.exc.TypeError) => {
                return Err(vm.type_error("arguments 1-3 must be sequences"));
            }
            Err(e) => return Err(e),
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut i = 0;
    loop {
        let it = if is_list {
            match ops::seq_items(v).and_then(|l| l.get(i).copied()) {
                Some(it) => it,
                None => break,
            }
        } else {
            match items.get(i) {
                Some(&it) => it,
                None => break,
            }
        };
        i += 1;
        native::pin(vm, it);
        let fd = fileno_of(vm, it)?;
        if fd >= libc::FD_SETSIZE as i32 {
            return Err(vm.value_error("filedescriptor out of range in select()"));
        }
        out.push((it, fd));
    }
    Ok(out)
}

fn select_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::positional(vm, "select", args.pos, &args, 3, 4)?;
    let timeout = match args.pos.get(3) {
        Some(&t) => seconds(vm, t, "timeout must be a float or None")?,
        None => None,
    };
    if timeout.is_some_and(|t| t < 0.0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let lists = [
        fd_list(vm, args.pos[0])?,
        fd_list(vm, args.pos[1])?,
        fd_list(vm, args.pos[2])?,
    ];
    let deadline = timeout.and_then(deadline_after);
    let mut sets: [libc::fd_set; 3] = unsafe { std::mem::zeroed() };
    wait_retrying(vm, deadline, |left| {
        let mut maxfd = -1;
        for (set, list) in sets.iter_mut().zip(&lists) {
            // SAFETY: fds were checked to be below FD_SETSIZE.
            unsafe { libc::FD_ZERO(set) };
            for &(_, fd) in list {
                unsafe { libc::FD_SET(fd, set) };
                maxfd = maxfd.max(fd);
            }
        }
        let mut tv = left.map(|d| libc::timeval {
            tv_sec: d.as_secs() as libc::time_t,
            tv_usec: d.subsec_micros() as libc::suseconds_t,
        });
        let tvp = tv
            .as_mut()
            .map_or(std::ptr::null_mut(), |t| t as *mut libc::timeval);
        let [r, w, x] = &mut sets;
        // SAFETY: the sets and the timeval live across the call.
        unsafe { libc::select(maxfd + 1, r, w, x, tvp) }
    })?;
    let mut results = Vec::with_capacity(3);
    for (set, list) in sets.iter().zip(&lists) {
        let ready: Vec<Value> = list
            .iter()
            // SAFETY: reading a set select() filled.
            .filter(|(_, fd)| unsafe { libc::FD_ISSET(*fd, set) })
            .map(|(obj, _)| *obj)
            .collect();
        results.push(vm.new_list(ready));
    }
    Ok(vm.new_tuple(results))
}

// ---- poll objects ----

/// A `select.poll` object: the registered fds and masks, in order.
struct Poll {
    fds: Vec<(i32, u32)>,
    polling: bool,
}

impl NativeState for Poll {}

fn poll_self<'a>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<&'a mut Poll> {
    Ok(this::<Poll>(vm, args, "select.poll", meth)?.1)
}

fn poll_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::positional(vm, "poll", args.pos, &args, 0, 0)?;
    let cls = native::class(vm, "poll");
    Ok(vm.new_native_object(
        cls,
        Poll {
            fds: Vec::new(),
            polling: false,
        },
    ))
}

const POLL_DEFAULT: u32 = (libc::POLLIN | libc::POLLPRI | libc::POLLOUT) as u32;

fn poll_register(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::positional(
        vm,
        "register",
        &args.pos[1.min(args.pos.len())..],
        &args,
        1,
        2,
    )?;
    let fd = fileno_of(vm, args.pos[1])?;
    let mask = match args.pos.get(2) {
        Some(&m) => mask_arg(vm, m, u16::MAX as u64)?,
        None => POLL_DEFAULT,
    };
    let p = poll_self(vm, &args, "register")?;
    match p.fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => entry.1 = mask,
        None => p.fds.push((fd, mask)),
    }
    Ok(Value::NONE)
}

fn poll_modify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::positional(
        vm,
        "modify",
        &args.pos[1.min(args.pos.len())..],
        &args,
        2,
        2,
    )?;
    let fd = fileno_of(vm, args.pos[1])?;
    let mask = mask_arg(vm, args.pos[2], u16::MAX as u64)?;
    let p = poll_self(vm, &args, "modify")?;
    match p.fds.iter_mut().find(|(f, _)| *f == fd) {
        Some(entry) => {
            entry.1 = mask;
            Ok(Value::NONE)
        }
        None => Err(errno_error(vm, libc::ENOENT, None)),
    }
}

fn poll_unregister(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let target = native::one_arg(vm, &args, "unregister")?;
    let fd = fileno_of(vm, target)?;
    let p = poll_self(vm, &args, "unregister")?;
    match p.fds.iter().position(|(f, _)| *f == fd) {
        Some(i) => {
            p.fds.remove(i);
            Ok(Value::NONE)
        }
        None => {
            let k = vm.new_int(fd as i64);
            Err(vm.key_error(k))
        }
    }
}

/// poll()'s timeout: milliseconds (int or float, rounded up), None or a
/// negative value for none.
fn poll_timeout(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<f64>> {
    let Some(v) = v else { return Ok(None) };
    let ms = seconds(
        vm,
        v,
        &format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(vm, v)
        ),
    )?;
    Ok(ms.filter(|m| *m >= 0.0).map(|m| m.ceil() / 1000.0))
}

fn poll_poll(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::positional(vm, "poll", &args.pos[1.min(args.pos.len())..], &args, 0, 1)?;
    let timeout = poll_timeout(vm, args.pos.get(1).copied())?;
    let p = poll_self(vm, &args, "poll")?;
    if p.polling {
        return Err(vm.runtime_error("concurrent poll() invocation"));
    }
    let mut fds: Vec<libc::pollfd> = p
        .fds
        .iter()
        .map(|&(fd, m)| libc::pollfd {
            fd,
            events: m as i16,
            revents: 0,
        })
        .collect();
    let deadline = timeout.and_then(deadline_after);
    p.polling = true;
    // Signal handlers may run during the wait: hold no borrow of the state.
    let r = wait_retrying(vm, deadline, |left| {
        // SAFETY: the pollfd array lives across the call.
        unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis(left)) }
    });
    poll_self(vm, &args, "poll")?.polling = false;
    r?;
    let mut out = Vec::new();
    for f in fds.iter().filter(|f| f.revents != 0) {
        let fd = vm.new_int(f.fd as i64);
        let ev = vm.new_int(f.revents as u16 as i64);
        out.push(vm.new_tuple(vec![fd, ev]));
    }
    Ok(vm.new_list(out))
}

// ---- epoll objects ----

/// A `select.epoll` object: its epoll fd (-1 once closed).
struct Epoll {
    fd: i32,
}

impl NativeState for Epoll {}

fn closed_epoll(vm: &mut Vm) -> PyErr {
    vm.value_error("I/O operation on closed epoll object")
}

/// The open epoll fd of `self`.
fn epoll_fd(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<i32> {
    let fd = this::<Epoll>(vm, args, "select.epoll", meth)?.1.fd;
    if fd < 0 {
        return Err(closed_epoll(vm));
    }
    Ok(fd)
}

fn epoll_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, rest) = native::new_args(vm, &args, "epoll")?;
    let a = parse(
        vm,
        "epoll",
        &Args { pos: rest, ..args },
        &["sizehint", "flags"],
        0,
    )?;
    if let Some(s) = a[0] {
        let s = c_int(vm, s)?;
        if s == 0 || s < -1 {
            return Err(vm.value_error("negative sizehint"));
        }
    }
    if let Some(f) = a[1] {
        let f = c_int(vm, f)?;
        if f != 0 && f != libc::EPOLL_CLOEXEC {
            return Err(errno_error(vm, libc::EINVAL, None));
        }
    }
    // SAFETY: epoll_create1 has no memory arguments.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(vm.new_native_object(cls, Epoll { fd }))
}

fn epoll_fromfd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "fromfd", &args, 2, 2)?;
    let cls = args.pos[0];
    let fd = c_int(vm, args.pos[1])?;
    Ok(vm.new_native_object(cls, Epoll { fd }))
}

fn epoll_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, e) = this::<Epoll>(vm, &args, "select.epoll", "close")?;
    if e.fd >= 0 {
        // SAFETY: closes the fd this object owns.
        unsafe { libc::close(e.fd) };
        e.fd = -1;
    }
    Ok(Value::NONE)
}

fn epoll_closed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, e) = this::<Epoll>(vm, &args, "select.epoll", "closed")?;
    Ok(Value::bool(e.fd < 0))
}

fn epoll_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = epoll_fd(vm, &args, "fileno")?;
    Ok(vm.new_int(fd as i64))
}

fn epoll_ctl(vm: &mut Vm, args: &Args, op: i32, fname: &str, nargs: usize) -> PyResult<Value> {
    let names: &[&str] = &["fd", "eventmask"];
    let a = parse(
        vm,
        fname,
        &Args {
            pos: &args.pos[1.min(args.pos.len())..],
            ..*args
        },
        &names[..nargs.max(1)],
        if op == libc::EPOLL_CTL_MOD { 2 } else { 1 },
    )?;
    let epfd = epoll_fd(vm, args, fname)?;
    let fd = fileno_of(vm, a[0].unwrap_or(Value::NONE))?;
    let mask = match a.get(1).copied().flatten() {
        Some(m) => mask_arg(vm, m, u32::MAX as u64)?,
        None => (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32,
    };
    let mut ev = libc::epoll_event {
        events: mask,
        u64: fd as u64,
    };
    // SAFETY: the event struct lives across the call.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(Value::NONE)
}

fn epoll_register(vm: &mut Vm, args: Args) -> PyResult<Value> {
    epoll_ctl(vm, &args, libc::EPOLL_CTL_ADD, "register", 2)
}

fn epoll_modify(vm: &mut Vm, args: Args) -> PyResult<Value> {
    epoll_ctl(vm, &args, libc::EPOLL_CTL_MOD, "modify", 2)
}

fn epoll_unregister(vm: &mut Vm, args: Args) -> PyResult<Value> {
    epoll_ctl(vm, &args, libc::EPOLL_CTL_DEL, "unregister", 1)
}

fn epoll_poll(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "poll",
        &Args {
            pos: &args.pos[1.min(args.pos.len())..],
            ..args
        },
        &["timeout", "maxevents"],
        0,
    )?;
    let epfd = epoll_fd(vm, &args, "poll")?;
    let timeout = match a[0] {
        Some(t) => seconds(
            vm,
            t,
            &format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, t)
            ),
        )?,
        None => None,
    };
    let timeout = timeout.filter(|t| *t >= 0.0);
    let maxevents = match a[1] {
        Some(m) => c_int(vm, m)?,
        None => -1,
    };
    let maxevents = match maxevents {
        -1 => libc::FD_SETSIZE as i32 - 1,
        n if n <= 0 => {
            let msg = format!("maxevents must be greater than 0, got {}", n);
            return Err(vm.value_error(msg));
        }
        n => n,
    };
    let mut events: Vec<libc::epoll_event> =
        vec![libc::epoll_event { events: 0, u64: 0 }; maxevents as usize];
    let deadline = timeout.and_then(deadline_after);
    let n = wait_retrying(vm, deadline, |left| {
        // SAFETY: the events buffer holds maxevents entries.
        unsafe { libc::epoll_wait(epfd, events.as_mut_ptr(), maxevents, millis(left)) }
    })?;
    let mut out = Vec::with_capacity(n as usize);
    for ev in &events[..n as usize] {
        let (fd, mask) = (ev.u64 as i32, ev.events);
        let fd = vm.new_int(fd as i64);
        let m = vm.new_int(mask as i64);
        out.push(vm.new_tuple(vec![fd, m]));
    }
    Ok(vm.new_list(out))
}

fn epoll_enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    epoll_fd(vm, &args, "__enter__")?;
    Ok(args.pos[0])
}

fn epoll_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    epoll_close(vm, Args::new(&args.pos[..1]))
}

const CONSTANTS: &[(&str, i64)] = &[
    ("POLLIN", libc::POLLIN as i64),
    ("POLLPRI", libc::POLLPRI as i64),
    ("POLLOUT", libc::POLLOUT as i64),
    ("POLLERR", libc::POLLERR as i64),
    ("POLLHUP", libc::POLLHUP as i64),
    ("POLLNVAL", libc::POLLNVAL as i64),
    ("POLLRDNORM", libc::POLLRDNORM as i64),
    ("POLLRDBAND", libc::POLLRDBAND as i64),
    ("POLLWRNORM", libc::POLLWRNORM as i64),
    ("POLLWRBAND", libc::POLLWRBAND as i64),
    // Linux's <poll.h> value; the libc crate does not name it.
    ("POLLMSG", 0x400),
    ("POLLRDHUP", libc::POLLRDHUP as i64),
    ("EPOLLIN", libc::EPOLLIN as i64),
    ("EPOLLOUT", libc::EPOLLOUT as i64),
    ("EPOLLPRI", libc::EPOLLPRI as i64),
    ("EPOLLERR", libc::EPOLLERR as i64),
    ("EPOLLHUP", libc::EPOLLHUP as i64),
    ("EPOLLET", libc::EPOLLET as u32 as i64),
    ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
    ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
    ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
    ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
    ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
    ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
    ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
    ("EPOLLMSG", libc::EPOLLMSG as i64),
    ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
    ("PIPE_BUF", libc::PIPE_BUF as i64),
];

pub fn select_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("select");
    let oserror = vm.exc.OSError;
    set(vm, m, "error", oserror);
    super::set_ints(vm, m, CONSTANTS);
    vm.add_native(m, "select", select_fn);
    vm.add_native(m, "poll", poll_new);

    let poll = new_class(vm, "select", "poll", &[], Layout::Other, false);
    vm.add_native(poll, "__new__", no_new);
    native::methods(
        vm,
        poll,
        &[
            ("register", poll_register as NativeFn),
            ("modify", poll_modify),
            ("unregister", poll_unregister),
            ("poll", poll_poll),
        ],
    );

    let epoll = new_class(vm, "select", "epoll", &[], Layout::Other, false);
    native::methods(
        vm,
        epoll,
        &[
            ("__new__", epoll_new as NativeFn),
            ("close", epoll_close),
            ("fileno", epoll_fileno),
            ("register", epoll_register),
            ("modify", epoll_modify),
            ("unregister", epoll_unregister),
            ("poll", epoll_poll),
            ("__enter__", epoll_enter),
            ("__exit__", epoll_exit),
        ],
    );
    native::getset(vm, epoll, "closed", epoll_closed);
    native::classmethod(vm, epoll, "fromfd", epoll_fromfd);
    set(vm, m, "epoll", epoll);
    Ok(m)
}

fn no_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'select.poll' instances"))
}
