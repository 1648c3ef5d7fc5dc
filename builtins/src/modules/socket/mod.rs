//! `_socket`: the BSD socket interface under CPython's `socket.py`.  The
//! socket type is in `sock.rs`, address conversion in `addr.rs`, name
//! resolution and the `inet_*`/byte-order helpers in `resolve.rs`, the
//! constants in `constants.rs`.

mod addr;
mod constants;
mod resolve;
mod sock;

use super::native::{self, new_class};
use super::set;
use crate::oserror::{errno_error, last_errno};
use molt_vm::object::{Layout, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use sock::Socket;
use std::cell::Cell;

thread_local! {
    /// `setdefaulttimeout`'s value for new sockets (negative: None).
    static DEFAULT_TIMEOUT: Cell<f64> = const { Cell::new(-1.0) };
}

fn default_timeout() -> f64 {
    DEFAULT_TIMEOUT.with(|t| t.get())
}

/// A str as the bytes the OS sees (as `posix` encodes paths).
fn fsencode(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let s = ops::str_of(v).unwrap_or("");
    if s.contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    Ok(s.as_bytes().to_vec())
}

fn fsdecode(vm: &mut Vm, raw: &[u8]) -> Value {
    vm.new_string(String::from_utf8_lossy(raw).into_owned())
}

fn getdefaulttimeout(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getdefaulttimeout", &args, 0, 0)?;
    let t = default_timeout();
    Ok(if t < 0.0 {
        Value::NONE
    } else {
        Value::float(t)
    })
}

fn setdefaulttimeout(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "setdefaulttimeout", &args, 1, 1)?;
    let t = sock::parse_timeout(vm, args.pos[0])?;
    DEFAULT_TIMEOUT.with(|c| c.set(t));
    Ok(Value::NONE)
}

/// `dup(fd)`: a new non-inheritable descriptor for the same socket.
fn dup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "dup", &args, 1, 1)?;
    let fd = sock::c_int(vm, args.pos[0])?;
    // SAFETY: fcntl fails cleanly on a bad fd.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if new < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    Ok(vm.new_int(new as i64))
}

/// `close(fd)`: close a socket descriptor (ECONNRESET is not an error).
fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "close", &args, 1, 1)?;
    let fd = sock::c_int(vm, args.pos[0])?;
    // SAFETY: closes a descriptor the caller owns.
    if unsafe { libc::close(fd) } < 0 {
        let e = last_errno();
        if e != libc::ECONNRESET {
            return Err(errno_error(vm, e, None));
        }
    }
    Ok(Value::NONE)
}

fn socketpair(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(vm, "socketpair", &args, &["family", "type", "proto"], 0)?;
    let family = match a[0] {
        Some(v) => sock::c_int(vm, v)?,
        None => libc::AF_UNIX,
    };
    let kind = match a[1] {
        Some(v) => sock::c_int(vm, v)?,
        None => libc::SOCK_STREAM,
    };
    let proto = match a[2] {
        Some(v) => sock::c_int(vm, v)?,
        None => 0,
    };
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: a two-int out array.
    if unsafe { libc::socketpair(family, kind | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    let cls = native::class(vm, "socket");
    let mut out = Vec::with_capacity(2);
    for fd in fds {
        let s = vm.new_native_object(
            cls,
            Socket {
                fd: -1,
                family,
                kind,
                proto,
                timeout: -1.0,
            },
        );
        native::pin(vm, s);
        let f = vm.new_int(family as i64);
        let k = vm.new_int(kind as i64);
        let p = vm.new_int(proto as i64);
        let fdv = vm.new_int(fd as i64);
        sock::sock_init(vm, Args::new(&[s, f, k, p, fdv]))?;
        out.push(s);
    }
    Ok(vm.new_tuple(out))
}

/// An exception class `socket.NAME` deriving from OSError.
fn exception_class(vm: &mut Vm, name: &'static str) -> PyResult<Value> {
    let ns = vm.new_dict();
    let (k, m) = (vm.names.__module__, vm.intern("socket"));
    vm.dict_set_str(ns, k, m);
    let (meta, n) = (vm.t.type_, vm.intern(name));
    let base = vm.exc.OSError;
    let cls = molt_vm::class::new_class(vm, meta, n, &[base], ns)?;
    vm.roots.push(cls);
    vm.native_classes.insert(name, cls);
    Ok(cls)
}

fn socket_class(vm: &mut Vm) -> Value {
    let cls = new_class(vm, "_socket", "socket", &[], Layout::Other, false);
    native::methods(
        vm,
        cls,
        &[
            ("__new__", sock::sock_new as NativeFn),
            ("__init__", sock::sock_init),
            ("__repr__", sock::sock_repr),
            ("_accept", sock::sock_accept),
            ("bind", sock::sock_bind),
            ("close", sock::sock_close),
            ("connect", sock::sock_connect),
            ("connect_ex", sock::sock_connect_ex),
            ("detach", sock::sock_detach),
            ("fileno", sock::sock_fileno),
            ("getblocking", sock::sock_getblocking),
            ("getpeername", sock::sock_getpeername),
            ("getsockname", sock::sock_getsockname),
            ("getsockopt", sock::sock_getsockopt),
            ("gettimeout", sock::sock_gettimeout),
            ("listen", sock::sock_listen),
            ("recv", sock::sock_recv),
            ("recv_into", sock::sock_recv_into),
            ("recvfrom", sock::sock_recvfrom),
            ("recvfrom_into", sock::sock_recvfrom_into),
            ("send", sock::sock_send),
            ("sendall", sock::sock_sendall),
            ("sendto", sock::sock_sendto),
            ("setblocking", sock::sock_setblocking),
            ("setsockopt", sock::sock_setsockopt),
            ("settimeout", sock::sock_settimeout),
            ("shutdown", sock::sock_shutdown),
        ],
    );
    native::getset(vm, cls, "family", sock::sock_family);
    native::getset(vm, cls, "type", sock::sock_type);
    native::getset(vm, cls, "proto", sock::sock_proto);
    native::getset(vm, cls, "timeout", sock::sock_gettimeout);
    cls
}

pub fn socket_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_socket");
    let cls = socket_class(vm);
    set(vm, m, "socket", cls);
    set(vm, m, "SocketType", cls);
    let oserror = vm.exc.OSError;
    set(vm, m, "error", oserror);
    let timeout = vm.exc.TimeoutError;
    set(vm, m, "timeout", timeout);
    for name in ["gaierror", "herror"] {
        let c = exception_class(vm, name)?;
        set(vm, m, name, c);
    }
    set(vm, m, "has_ipv6", Value::TRUE);
    crate::modules::set_ints(vm, m, constants::INT_CONSTANTS);
    let funcs: &[(&'static str, NativeFn)] = &[
        ("getdefaulttimeout", getdefaulttimeout),
        ("setdefaulttimeout", setdefaulttimeout),
        ("dup", dup),
        ("close", close),
        ("socketpair", socketpair),
        ("getaddrinfo", resolve::getaddrinfo),
        ("getnameinfo", resolve::getnameinfo),
        ("gethostname", resolve::gethostname),
        ("gethostbyname", resolve::gethostbyname),
        ("gethostbyname_ex", resolve::gethostbyname_ex),
        ("gethostbyaddr", resolve::gethostbyaddr),
        ("getservbyname", resolve::getservbyname),
        ("getservbyport", resolve::getservbyport),
        ("getprotobyname", resolve::getprotobyname),
        ("inet_aton", resolve::inet_aton),
        ("inet_ntoa", resolve::inet_ntoa),
        ("inet_pton", resolve::inet_pton),
        ("inet_ntop", resolve::inet_ntop),
        ("htons", resolve::htons),
        ("ntohs", resolve::ntohs),
        ("htonl", resolve::htonl),
        ("ntohl", resolve::ntohl),
    ];
    for &(name, f) in funcs {
        vm.add_native(m, name, f);
    }
    Ok(m)
}
