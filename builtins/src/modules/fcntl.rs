//! `fcntl`: `fcntl()`, `ioctl()` with an int argument, `flock()` and
//! `lockf()` on file descriptors (ints or objects with `fileno()`), and
//! the `F_*`, `FD_*` and `LOCK_*` constants.

use super::select::fileno_of;
use crate::oserror::{errno_error, last_errno};
use molt_vm::class::type_name;
use molt_vm::object::{Kind, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

fn c_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_float() || matches!(v.obj().map(|o| &o.kind), Some(Kind::Float(_))) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) => Ok(i),
        _ => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

/// Repeat `call` after EINTR once the signal handlers have run.
fn retry(vm: &mut Vm, mut call: impl FnMut() -> i32) -> PyResult<i32> {
    loop {
        let r = call();
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

/// `fcntl(fd, cmd, arg=0)`: an int argument gives an int result; a bytes
/// argument is copied into a buffer the call may fill, returned as bytes.
fn fcntl(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::native::positional(vm, "fcntl", args.pos, &args, 2, 3)?;
    let fd = fileno_of(vm, args.pos[0])?;
    let cmd = c_int(vm, args.pos[1])? as i32;
    let arg = args
        .pos
        .get(2)
        .copied()
        .unwrap_or(Value::small_int_unchecked(0));
    if let Some(Kind::Str(_) | Kind::Bytes(_)) = arg.obj().map(|o| &o.kind) {
        let mut buf = match ops::str_of(arg) {
            Some(s) => s.as_bytes().to_vec(),
            None => ops::convert::bytes_of(arg).unwrap_or_default(),
        };
        if buf.len() > 1024 {
            return Err(vm.value_error("fcntl argument 3 is too long"));
        }
        // SAFETY: the call may write within the buffer it was given.
        retry(vm, || unsafe { libc::fcntl(fd, cmd, buf.as_mut_ptr()) })?;
        return Ok(vm.new_bytes(buf));
    }
    if !(arg.is_small_int()
        || arg.is_bool()
        || matches!(arg.obj().map(|o| &o.kind), Some(Kind::Int(_))))
    {
        let msg = format!(
            "fcntl() argument 3 must be an int, a bytes-like object or a string, not {}",
            type_name(vm, arg)
        );
        return Err(vm.type_error(msg));
    }
    let n = c_int(vm, arg)?;
    // SAFETY: fcntl with an integer argument.
    let r = retry(vm, || unsafe { libc::fcntl(fd, cmd, n as libc::c_long) })?;
    Ok(vm.new_int(r as i64))
}

/// `ioctl(fd, request, arg=0)` with an int argument.
fn ioctl(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::native::positional(vm, "ioctl", args.pos, &args, 2, 4)?;
    let fd = fileno_of(vm, args.pos[0])?;
    let req = c_int(vm, args.pos[1])? as libc::c_ulong;
    let arg = match args.pos.get(2) {
        Some(&v) => c_int(vm, v)?,
        None => 0,
    };
    // SAFETY: ioctl with an integer argument.
    let r = retry(vm, || unsafe { libc::ioctl(fd, req, arg as libc::c_long) })?;
    Ok(vm.new_int(r as i64))
}

fn flock(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::native::positional(vm, "flock", args.pos, &args, 2, 2)?;
    let fd = fileno_of(vm, args.pos[0])?;
    let op = c_int(vm, args.pos[1])? as i32;
    // SAFETY: flock(2) on an int fd.
    retry(vm, || unsafe { libc::flock(fd, op) })?;
    Ok(Value::NONE)
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)` through fcntl's record locks.
fn lockf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    super::native::positional(vm, "lockf", args.pos, &args, 2, 5)?;
    let fd = fileno_of(vm, args.pos[0])?;
    let cmd = c_int(vm, args.pos[1])? as i32;
    let mut nums = [0i64; 3];
    for (i, v) in args.pos.iter().skip(2).enumerate() {
        nums[i] = c_int(vm, *v)?;
    }
    let lock_type = if cmd == libc::LOCK_UN {
        libc::F_UNLCK
    } else if cmd & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if cmd & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(vm.value_error("unrecognized lockf argument"));
    };
    // SAFETY: all-zero is a valid flock struct.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = lock_type as libc::c_short;
    l.l_len = nums[0];
    l.l_start = nums[1];
    l.l_whence = nums[2] as libc::c_short;
    let op = if cmd & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    // SAFETY: a live flock struct.
    retry(vm, || unsafe { libc::fcntl(fd, op, &mut l) })?;
    Ok(Value::NONE)
}

const CONSTANTS: &[(&str, i64)] = &[
    ("F_DUPFD", libc::F_DUPFD as i64),
    ("F_DUPFD_CLOEXEC", libc::F_DUPFD_CLOEXEC as i64),
    ("F_GETFD", libc::F_GETFD as i64),
    ("F_SETFD", libc::F_SETFD as i64),
    ("F_GETFL", libc::F_GETFL as i64),
    ("F_SETFL", libc::F_SETFL as i64),
    ("F_GETLK", libc::F_GETLK as i64),
    ("F_SETLK", libc::F_SETLK as i64),
    ("F_SETLKW", libc::F_SETLKW as i64),
    ("F_GETOWN", libc::F_GETOWN as i64),
    ("F_SETOWN", libc::F_SETOWN as i64),
    ("F_RDLCK", libc::F_RDLCK as i64),
    ("F_WRLCK", libc::F_WRLCK as i64),
    ("F_UNLCK", libc::F_UNLCK as i64),
    ("F_GETLEASE", libc::F_GETLEASE as i64),
    ("F_SETLEASE", libc::F_SETLEASE as i64),
    ("F_NOTIFY", libc::F_NOTIFY as i64),
    ("F_GETPIPE_SZ", libc::F_GETPIPE_SZ as i64),
    ("F_SETPIPE_SZ", libc::F_SETPIPE_SZ as i64),
    ("F_OFD_GETLK", libc::F_OFD_GETLK as i64),
    ("F_OFD_SETLK", libc::F_OFD_SETLK as i64),
    ("F_OFD_SETLKW", libc::F_OFD_SETLKW as i64),
    ("F_ADD_SEALS", libc::F_ADD_SEALS as i64),
    ("F_GET_SEALS", libc::F_GET_SEALS as i64),
    ("F_SEAL_SEAL", libc::F_SEAL_SEAL as i64),
    ("F_SEAL_SHRINK", libc::F_SEAL_SHRINK as i64),
    ("F_SEAL_GROW", libc::F_SEAL_GROW as i64),
    ("F_SEAL_WRITE", libc::F_SEAL_WRITE as i64),
    ("FD_CLOEXEC", libc::FD_CLOEXEC as i64),
    ("LOCK_SH", libc::LOCK_SH as i64),
    ("LOCK_EX", libc::LOCK_EX as i64),
    ("LOCK_NB", libc::LOCK_NB as i64),
    ("LOCK_UN", libc::LOCK_UN as i64),
];

pub fn fcntl_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("fcntl");
    super::set_ints(vm, m, CONSTANTS);
    let funcs: &[(&'static str, NativeFn)] = &[
        ("fcntl", fcntl),
        ("ioctl", ioctl),
        ("flock", flock),
        ("lockf", lockf),
    ];
    for &(name, f) in funcs {
        vm.add_native(m, name, f);
    }
    Ok(m)
}
