//! The `_socket.socket` type that `socket.py` subclasses: one file
//! descriptor plus family, type, protocol and timeout.
//!
//! Timeouts follow CPython: None is a blocking descriptor; 0 is
//! non-blocking (operations that would block raise BlockingIOError); a
//! positive timeout makes the descriptor non-blocking and every operation
//! first waits (poll) for readiness, raising `TimeoutError('timed out')`
//! when the time runs out.  System calls interrupted by a signal run the
//! Python handlers and are retried (PEP 475).

use super::addr::{self, int_value, SockAddr};
use super::native::{self, positional, this};
use crate::args::parse;
use crate::modules::native::buffer_arg;
use crate::oserror::{errno_error, last_errno};
use molt_vm::class::type_name;
use molt_vm::object::{Kind, NativeState};
use molt_vm::ops;
use molt_vm::{Args, PyErr, PyResult, Value, Vm};
use std::mem::size_of;
use std::time::{Duration, Instant};

pub struct Socket {
    /// -1 once closed or detached.
    pub fd: i32,
    pub family: i32,
    pub kind: i32,
    pub proto: i32,
    /// Seconds; negative means None (blocking).
    pub timeout: f64,
}

impl NativeState for Socket {}

const CLASS: &str = "_socket.socket";

fn sock<'a>(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<&'a mut Socket> {
    Ok(this::<Socket>(vm, args, CLASS, meth)?.1)
}

/// The arguments after `self`.
fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        pos: &args.pos[1.min(args.pos.len())..],
        ..*args
    }
}

pub fn sock_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, _) = native::new_args(vm, &args, "socket")?;
    Ok(vm.new_native_object(
        cls,
        Socket {
            fd: -1,
            family: libc::AF_INET,
            kind: libc::SOCK_STREAM,
            proto: 0,
            timeout: -1.0,
        },
    ))
}

/// Put `fd` in blocking or non-blocking mode.
fn set_blocking_fd(fd: i32, blocking: bool) -> Result<(), i32> {
    // SAFETY: fcntl on an int fd fails cleanly if it is not open.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(last_errno());
    }
    let new = if blocking {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } < 0 {
        return Err(last_errno());
    }
    Ok(())
}

fn getsockopt_int(fd: i32, level: i32, opt: i32) -> Result<i32, i32> {
    let mut v: libc::c_int = 0;
    let mut len = size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized out buffer.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            opt,
            &mut v as *mut _ as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(v)
    }
}

pub fn sock_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "socket",
        &rest(&args),
        &["family", "type", "proto", "fileno"],
        0,
    )?;
    let mut family = match a[0] {
        Some(v) => c_int(vm, v)?,
        None => -1,
    };
    let mut kind = match a[1] {
        Some(v) => c_int(vm, v)?,
        None => -1,
    };
    let mut proto = match a[2] {
        Some(v) => c_int(vm, v)?,
        None => -1,
    };
    let fd = match a[3].filter(|v| !v.is_none()) {
        Some(f) => {
            if f.is_float() || matches!(f.obj().map(|o| &o.kind), Some(Kind::Float(_))) {
                return Err(vm.type_error("integer argument expected, got float"));
            }
            let fd = c_int(vm, f)?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            // Ask the descriptor what it is for what was not given.
            if family == -1 {
                let mut sa = SockAddr::empty();
                // SAFETY: a sockaddr_storage-sized out buffer.
                if unsafe { libc::getsockname(fd, sa.as_mut_ptr(), &mut sa.len) } < 0 {
                    let e = last_errno();
                    return Err(errno_error(vm, e, None));
                }
                family = sa.family();
            }
            if kind == -1 {
                kind = getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_TYPE)
                    .map_err(|e| errno_error(vm, e, None))?;
            }
            if proto == -1 {
                proto = getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)
                    .map_err(|e| errno_error(vm, e, None))?;
            }
            fd
        }
        None => {
            if family == -1 {
                family = libc::AF_INET;
            }
            if kind == -1 {
                kind = libc::SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            // SAFETY: socket(2) with any arguments fails cleanly.
            let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, proto) };
            if fd < 0 {
                let e = last_errno();
                return Err(errno_error(vm, e, None));
            }
            fd
        }
    };
    let default = super::default_timeout();
    let s = sock(vm, &args, "__init__")?;
    s.fd = fd;
    s.family = family;
    s.kind = kind & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC);
    s.proto = proto;
    if kind & libc::SOCK_NONBLOCK != 0 {
        s.timeout = 0.0;
    } else {
        s.timeout = default;
        if default >= 0.0 {
            set_blocking_fd(fd, false).map_err(|e| errno_error(vm, e, None))?;
        }
    }
    Ok(Value::NONE)
}

/// A C int argument (OverflowError outside the range).
pub fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = int_value(vm, v)?;
    if n > i32::MAX as i64 {
        return Err(vm.overflow_error("signed integer is greater than maximum"));
    }
    if n < i32::MIN as i64 {
        return Err(vm.overflow_error("signed integer is less than minimum"));
    }
    Ok(n as i32)
}

/// The C int arguments of a method (after `self`).
fn timed_out(vm: &mut Vm) -> PyErr {
    let c = vm.exc.TimeoutError;
    vm.err(c, "timed out")
}

/// Wait until `fd` is ready for reading (or writing) or the deadline
/// passes.  Ok(false): timed out.
fn wait_ready(vm: &mut Vm, fd: i32, writing: bool, deadline: Instant) -> PyResult<bool> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        let ms = left.as_nanos().div_ceil(1_000_000).min(i32::MAX as u128) as i32;
        let mut p = libc::pollfd {
            fd,
            events: if writing { libc::POLLOUT } else { libc::POLLIN },
            revents: 0,
        };
        // SAFETY: one pollfd.
        let r = unsafe { libc::poll(&mut p, 1, ms) };
        if r > 0 {
            return Ok(true);
        }
        if r == 0 {
            return Ok(false);
        }
        let e = last_errno();
        if e != libc::EINTR {
            return Err(errno_error(vm, e, None));
        }
        molt_vm::interrupt::run_handlers(vm)?;
    }
}

/// The deadline of an operation starting now on a socket with `timeout`.
fn deadline_of(timeout: f64) -> Option<Instant> {
    if timeout > 0.0 {
        let d =
            Duration::try_from_secs_f64(timeout).unwrap_or(Duration::from_secs(u32::MAX as u64));
        Instant::now().checked_add(d)
    } else {
        None
    }
}

/// Run one socket system call with CPython's timeout and EINTR rules.
/// `call` returns -1 with errno set on failure.
fn io_call<T: Copy + PartialOrd + From<i8>>(
    vm: &mut Vm,
    fd: i32,
    timeout: f64,
    writing: bool,
    deadline: Option<Instant>,
    mut call: impl FnMut() -> T,
) -> PyResult<T> {
    let deadline = deadline.or_else(|| deadline_of(timeout));
    loop {
        if let Some(d) = deadline {
            if !wait_ready(vm, fd, writing, d)? {
                return Err(timed_out(vm));
            }
        }
        let r = call();
        if r >= T::from(0) {
            return Ok(r);
        }
        let e = last_errno();
        if e == libc::EINTR {
            molt_vm::interrupt::run_handlers(vm)?;
            continue;
        }
        if deadline.is_some() && (e == libc::EAGAIN || e == libc::EWOULDBLOCK) {
            continue;
        }
        return Err(errno_error(vm, e, None));
    }
}

/// fd and timeout of `self` (copied: no borrow is held while waiting).
fn fd_timeout(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<(i32, f64, i32)> {
    let s = sock(vm, args, meth)?;
    Ok((s.fd, s.timeout, s.family))
}

pub fn sock_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::no_args(vm, &args, "fileno")?;
    let fd = sock(vm, &args, "fileno")?.fd;
    Ok(vm.new_int(fd as i64))
}

pub fn sock_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::no_args(vm, &args, "close")?;
    let s = sock(vm, &args, "close")?;
    let fd = s.fd;
    if fd >= 0 {
        s.fd = -1;
        // SAFETY: closes the descriptor this object owned.
        if unsafe { libc::close(fd) } < 0 {
            let e = last_errno();
            // A reset connection has still been closed (as CPython).
            if e != libc::ECONNRESET {
                return Err(errno_error(vm, e, None));
            }
        }
    }
    Ok(Value::NONE)
}

pub fn sock_detach(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::no_args(vm, &args, "detach")?;
    let s = sock(vm, &args, "detach")?;
    let fd = s.fd;
    s.fd = -1;
    Ok(vm.new_int(fd as i64))
}

pub fn sock_family(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = sock(vm, &args, "family")?.family;
    Ok(vm.new_int(f as i64))
}

pub fn sock_type(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = sock(vm, &args, "type")?.kind;
    Ok(vm.new_int(t as i64))
}

pub fn sock_proto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = sock(vm, &args, "proto")?.proto;
    Ok(vm.new_int(p as i64))
}

fn timeout_value(t: f64) -> Value {
    if t < 0.0 {
        Value::NONE
    } else {
        Value::float(t)
    }
}

pub fn sock_gettimeout(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = sock(vm, &args, "gettimeout")?.timeout;
    Ok(timeout_value(t))
}

/// A timeout argument: None is -1 (blocking); else a non-negative number
/// of seconds.
pub fn parse_timeout(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if v.is_none() {
        return Ok(-1.0);
    }
    let is_number = v.is_small_int()
        || v.is_bool()
        || v.is_float()
        || matches!(
            v.obj().map(|o| &o.kind),
            Some(Kind::Int(_) | Kind::Float(_))
        );
    if !is_number {
        let cls = molt_vm::class::type_of(vm, v);
        if molt_vm::class::lookup(vm, cls, vm.names.__float__).is_none() {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    }
    let t = ops::convert::to_f64(vm, v)?;
    if t.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if t < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    if t > 9.2e9 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(t)
}

fn apply_timeout(vm: &mut Vm, args: &Args, meth: &str, t: f64) -> PyResult<Value> {
    let s = sock(vm, args, meth)?;
    s.timeout = t;
    let fd = s.fd;
    if fd >= 0 {
        set_blocking_fd(fd, t < 0.0).map_err(|e| errno_error(vm, e, None))?;
    }
    Ok(Value::NONE)
}

pub fn sock_settimeout(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = native::one_arg(vm, &args, "settimeout")?;
    let t = parse_timeout(vm, v)?;
    apply_timeout(vm, &args, "settimeout", t)
}

pub fn sock_setblocking(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = native::one_arg(vm, &args, "setblocking")?;
    let blocking = ops::truthy(vm, v)?;
    apply_timeout(vm, &args, "setblocking", if blocking { -1.0 } else { 0.0 })
}

pub fn sock_getblocking(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::no_args(vm, &args, "getblocking")?;
    let t = sock(vm, &args, "getblocking")?.timeout;
    Ok(Value::bool(t != 0.0))
}

pub fn sock_bind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = native::one_arg(vm, &args, "bind")?;
    let (fd, _, family) = fd_timeout(vm, &args, "bind")?;
    let a = addr::parse(vm, family, v, "bind")?;
    // SAFETY: a valid address of the given length.
    if unsafe { libc::bind(fd, a.as_ptr(), a.len) } < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(Value::NONE)
}

pub fn sock_listen(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(
        vm,
        "listen",
        &args.pos[1.min(args.pos.len())..],
        &args,
        0,
        1,
    )?;
    let backlog = match args.pos.get(1) {
        Some(&b) => c_int(vm, b)?.max(0),
        None => libc::SOMAXCONN.min(128),
    };
    let fd = sock(vm, &args, "listen")?.fd;
    // SAFETY: listen(2) fails cleanly on a bad fd.
    if unsafe { libc::listen(fd, backlog) } < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(Value::NONE)
}

pub fn sock_accept(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::no_args(vm, &args, "_accept")?;
    let (fd, timeout, _) = fd_timeout(vm, &args, "_accept")?;
    let mut a = SockAddr::empty();
    let newfd = io_call(vm, fd, timeout, false, None, || {
        a.len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: a sockaddr_storage-sized out buffer.
        unsafe { libc::accept4(fd, a.as_mut_ptr(), &mut a.len, libc::SOCK_CLOEXEC) }
    })?;
    let n = vm.new_int(newfd as i64);
    let addr = addr::to_python(vm, &a);
    Ok(vm.new_tuple(vec![n, addr]))
}

/// connect(2) with CPython's rules: Ok(errno) where 0 is success, so that
/// `connect` raises and `connect_ex` returns it.
fn connect_errno(vm: &mut Vm, args: &Args, meth: &str) -> PyResult<i32> {
    let v = native::one_arg(vm, args, meth)?;
    let (fd, timeout, family) = fd_timeout(vm, args, meth)?;
    let a = addr::parse(vm, family, v, meth)?;
    // SAFETY: a valid address of the given length.
    let r = unsafe { libc::connect(fd, a.as_ptr(), a.len) };
    if r == 0 {
        return Ok(0);
    }
    let e = last_errno();
    let wait = if e == libc::EINTR {
        molt_vm::interrupt::run_handlers(vm)?;
        if timeout == 0.0 {
            return Ok(e);
        }
        true
    } else {
        timeout > 0.0 && e == libc::EINPROGRESS
    };
    if !wait {
        return Ok(e);
    }
    // The connection goes on in the background: wait for it to finish
    // (for the timeout, or for ever on a blocking socket after EINTR).
    let deadline = deadline_of(timeout);
    loop {
        let ready = match deadline {
            Some(d) => wait_ready(vm, fd, true, d)?,
            None => wait_ready(vm, fd, true, far_future())?,
        };
        if !ready {
            return Ok(libc::EWOULDBLOCK);
        }
        let err = getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or_else(|e| e);
        if err == libc::EINTR {
            molt_vm::interrupt::run_handlers(vm)?;
            continue;
        }
        return Ok(if err == libc::EISCONN { 0 } else { err });
    }
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

pub fn sock_connect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match connect_errno(vm, &args, "connect")? {
        0 => Ok(Value::NONE),
        libc::EWOULDBLOCK if sock(vm, &args, "connect")?.timeout > 0.0 => Err(timed_out(vm)),
        e => Err(errno_error(vm, e, None)),
    }
}

pub fn sock_connect_ex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let e = connect_errno(vm, &args, "connect_ex")?;
    Ok(vm.new_int(e as i64))
}

fn flags_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i32> {
    match v {
        Some(v) => c_int(vm, v),
        None => Ok(0),
    }
}

pub fn sock_send(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "send", &args.pos[1.min(args.pos.len())..], &args, 1, 2)?;
    let data = buffer_arg(vm, args.pos[1])?;
    let flags = flags_arg(vm, args.pos.get(2).copied())?;
    let (fd, timeout, _) = fd_timeout(vm, &args, "send")?;
    let n = io_call(vm, fd, timeout, true, None, || {
        // SAFETY: sends from a live buffer.
        unsafe { libc::send(fd, data.as_ptr() as *const libc::c_void, data.len(), flags) }
    })?;
    Ok(vm.new_int(n as i64))
}

pub fn sock_sendall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(
        vm,
        "sendall",
        &args.pos[1.min(args.pos.len())..],
        &args,
        1,
        2,
    )?;
    let data = buffer_arg(vm, args.pos[1])?;
    let flags = flags_arg(vm, args.pos.get(2).copied())?;
    let (fd, timeout, _) = fd_timeout(vm, &args, "sendall")?;
    // The timeout bounds the whole transfer, not each send.
    let deadline = deadline_of(timeout);
    let mut sent = 0;
    while sent < data.len() {
        let chunk = &data[sent..];
        let n = io_call(vm, fd, timeout, true, deadline, || {
            // SAFETY: sends from a live buffer.
            unsafe {
                libc::send(
                    fd,
                    chunk.as_ptr() as *const libc::c_void,
                    chunk.len(),
                    flags,
                )
            }
        })?;
        sent += n as usize;
        // A signal handler gets its chance between chunks.
        molt_vm::interrupt::run_handlers(vm)?;
    }
    Ok(Value::NONE)
}

pub fn sock_sendto(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(
        vm,
        "sendto",
        &args.pos[1.min(args.pos.len())..],
        &args,
        2,
        3,
    )?;
    let (data_v, flags, addr_v) = if a.len() == 2 {
        (a[0], 0, a[1])
    } else {
        let f = c_int(vm, a[1])?;
        (a[0], f, a[2])
    };
    let data = buffer_arg(vm, data_v)?;
    let (fd, timeout, family) = fd_timeout(vm, &args, "sendto")?;
    let sa = addr::parse(vm, family, addr_v, "sendto")?;
    let n = io_call(vm, fd, timeout, true, None, || {
        // SAFETY: a live buffer and address.
        unsafe {
            libc::sendto(
                fd,
                data.as_ptr() as *const libc::c_void,
                data.len(),
                flags,
                sa.as_ptr(),
                sa.len,
            )
        }
    })?;
    Ok(vm.new_int(n as i64))
}

fn bufsize_arg(vm: &mut Vm, v: Value, meth: &str) -> PyResult<usize> {
    let n = int_value(vm, v)?;
    if n < 0 {
        let msg = format!("negative buffersize in {}", meth);
        return Err(vm.value_error(msg));
    }
    Ok(n as usize)
}

/// recvfrom(2) into a fresh buffer of `n` bytes: the data and the sender.
fn recv_some(
    vm: &mut Vm,
    args: &Args,
    meth: &str,
    n: usize,
    flags: i32,
    want_addr: bool,
) -> PyResult<(Vec<u8>, Option<SockAddr>)> {
    let (fd, timeout, _) = fd_timeout(vm, args, meth)?;
    let mut buf = crate::modules::posix::zeroed_buffer(vm, n)?;
    let mut a = SockAddr::empty();
    let got = io_call(vm, fd, timeout, false, None, || {
        a.len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: receives into a live buffer of n bytes.
        unsafe {
            if want_addr {
                libc::recvfrom(
                    fd,
                    buf.as_mut_ptr() as *mut libc::c_void,
                    buf.len(),
                    flags,
                    a.as_mut_ptr(),
                    &mut a.len,
                )
            } else {
                libc::recv(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len(), flags)
            }
        }
    })?;
    buf.truncate(got as usize);
    Ok((buf, want_addr.then_some(a)))
}

pub fn sock_recv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "recv", &args.pos[1.min(args.pos.len())..], &args, 1, 2)?;
    let n = bufsize_arg(vm, args.pos[1], "recv")?;
    let flags = flags_arg(vm, args.pos.get(2).copied())?;
    let (data, _) = recv_some(vm, &args, "recv", n, flags, false)?;
    Ok(vm.new_bytes(data))
}

pub fn sock_recvfrom(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(
        vm,
        "recvfrom",
        &args.pos[1.min(args.pos.len())..],
        &args,
        1,
        2,
    )?;
    let n = bufsize_arg(vm, args.pos[1], "recvfrom")?;
    let flags = flags_arg(vm, args.pos.get(2).copied())?;
    let (data, a) = recv_some(vm, &args, "recvfrom", n, flags, true)?;
    let d = vm.new_bytes(data);
    let a = match a {
        Some(a) => addr::to_python(vm, &a),
        None => Value::NONE,
    };
    Ok(vm.new_tuple(vec![d, a]))
}

/// `recv_into`/`recvfrom_into`: (count, sender).
fn recv_into_common(
    vm: &mut Vm,
    args: &Args,
    meth: &str,
    want_addr: bool,
) -> PyResult<(usize, Option<SockAddr>)> {
    let a = parse(vm, meth, &rest(args), &["buffer", "nbytes", "flags"], 1)?;
    let target = a[0].unwrap_or(Value::NONE);
    let capacity = match crate::buffers::writable(target) {
        Some(b) => b.len(),
        None => {
            let msg = format!(
                "{}() argument 'buffer' must be read-write bytes-like object, not {}",
                meth,
                type_name(vm, target)
            );
            return Err(vm.type_error(msg));
        }
    };
    let mut n = match a[1] {
        Some(v) => {
            let n = int_value(vm, v)?;
            if n < 0 {
                let msg = format!("negative buffersize in {}", meth);
                return Err(vm.value_error(msg));
            }
            n as usize
        }
        None => 0,
    };
    if n == 0 {
        n = capacity;
    }
    if n > capacity {
        let msg = format!("buffer too small for requested bytes");
        return Err(vm.value_error(msg));
    }
    let flags = flags_arg(vm, a[2])?;
    let (data, addr) = recv_some(vm, args, meth, n, flags, want_addr)?;
    // The buffer may have been resized by a signal handler meanwhile.
    match crate::buffers::writable(target) {
        Some(b) => {
            let k = data.len().min(b.len());
            b[..k].copy_from_slice(&data[..k]);
            Ok((k, addr))
        }
        None => Ok((0, addr)),
    }
}

pub fn sock_recv_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, _) = recv_into_common(vm, &args, "recv_into", false)?;
    Ok(vm.new_int(n as i64))
}

pub fn sock_recvfrom_into(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, a) = recv_into_common(vm, &args, "recvfrom_into", true)?;
    let n = vm.new_int(n as i64);
    let a = match a {
        Some(a) => addr::to_python(vm, &a),
        None => Value::NONE,
    };
    Ok(vm.new_tuple(vec![n, a]))
}

pub fn sock_shutdown(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = native::one_arg(vm, &args, "shutdown")?;
    let how = c_int(vm, v)?;
    let fd = sock(vm, &args, "shutdown")?.fd;
    // SAFETY: shutdown(2) fails cleanly on a bad fd.
    if unsafe { libc::shutdown(fd, how) } < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(Value::NONE)
}

fn name_of(vm: &mut Vm, args: &Args, meth: &str, peer: bool) -> PyResult<Value> {
    native::no_args(vm, args, meth)?;
    let fd = sock(vm, args, meth)?.fd;
    let mut a = SockAddr::empty();
    // SAFETY: a sockaddr_storage-sized out buffer.
    let r = unsafe {
        if peer {
            libc::getpeername(fd, a.as_mut_ptr(), &mut a.len)
        } else {
            libc::getsockname(fd, a.as_mut_ptr(), &mut a.len)
        }
    };
    if r < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(addr::to_python(vm, &a))
}

pub fn sock_getsockname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    name_of(vm, &args, "getsockname", false)
}

pub fn sock_getpeername(vm: &mut Vm, args: Args) -> PyResult<Value> {
    name_of(vm, &args, "getpeername", true)
}

pub fn sock_setsockopt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(
        vm,
        "setsockopt",
        &args.pos[1.min(args.pos.len())..],
        &args,
        3,
        4,
    )?;
    let level = c_int(vm, a[0])?;
    let opt = c_int(vm, a[1])?;
    let fd = sock(vm, &args, "setsockopt")?.fd;
    let r = if a.len() == 4 {
        // setsockopt(level, opt, None, optlen): a NULL value of that length.
        if !a[2].is_none() {
            return Err(vm.type_error("setsockopt() takes 3 or 4 arguments (4 given)"));
        }
        let len = int_value(vm, a[3])?;
        // SAFETY: a NULL option value, as the caller asked.
        unsafe { libc::setsockopt(fd, level, opt, std::ptr::null(), len as libc::socklen_t) }
    } else if a[2].is_small_int()
        || a[2].is_bool()
        || matches!(a[2].obj().map(|o| &o.kind), Some(Kind::Int(_)))
    {
        let v: libc::c_int = c_int(vm, a[2])?;
        // SAFETY: an int option value.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                &v as *const _ as *const libc::c_void,
                size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    } else {
        let buf = buffer_arg(vm, a[2])?;
        // SAFETY: a live option buffer.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                buf.as_ptr() as *const libc::c_void,
                buf.len() as libc::socklen_t,
            )
        }
    };
    if r < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(Value::NONE)
}

pub fn sock_getsockopt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(
        vm,
        "getsockopt",
        &args.pos[1.min(args.pos.len())..],
        &args,
        2,
        3,
    )?;
    let level = c_int(vm, a[0])?;
    let opt = c_int(vm, a[1])?;
    let buflen = match a.get(2) {
        Some(&b) => c_int(vm, b)?,
        None => 0,
    };
    let fd = sock(vm, &args, "getsockopt")?.fd;
    if buflen == 0 {
        return match getsockopt_int(fd, level, opt) {
            Ok(v) => Ok(vm.new_int(v as i64)),
            Err(e) => Err(errno_error(vm, e, None)),
        };
    }
    if !(1..=1024).contains(&buflen) {
        let c = vm.exc.OSError;
        return Err(vm.err(c, "getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: an out buffer of buflen bytes.
    if unsafe {
        libc::getsockopt(
            fd,
            level,
            opt,
            buf.as_mut_ptr() as *mut libc::c_void,
            &mut len,
        )
    } < 0
    {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    buf.truncate(len as usize);
    Ok(vm.new_bytes(buf))
}

pub fn sock_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = sock(vm, &args, "__repr__")?;
    let text = format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd, s.family, s.kind, s.proto
    );
    Ok(vm.new_string(text))
}
