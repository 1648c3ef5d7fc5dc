//! Files: fd-level I/O (`open`, `read`, `write`, `lseek`, `pipe`, ...) and
//! operations on paths of files (`unlink`, `rename`, `chmod`, `utime`,
//! `symlink`, ...).

use super::path::{
    bool_arg, dir_fd_arg, fd_arg, int_arg, last_error, os_string, path_arg, path_error,
    path_error2, retry, Accept,
};
use crate::args::parse;
use crate::oserror::errno_error;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};

fn arg(a: &[Option<Value>], i: usize) -> Value {
    a.get(i).copied().flatten().unwrap_or(Value::NONE)
}

/// `open(path, flags, mode=0o777, *, dir_fd=None)`: new fds are
/// non-inheritable (close-on-exec), as in CPython.
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "open", &args, &["path", "flags", "mode", "dir_fd"], 2)?;
    let p = path_arg(vm, "open", "path", arg(&a, 0), Accept::Path)?;
    let flags = fd_arg(vm, arg(&a, 1))?;
    let mode = match a[2] {
        Some(m) => int_arg(vm, m)? as libc::c_uint,
        None => 0o777,
    };
    let dir_fd = dir_fd_arg(vm, a[3])?;
    let c = p.c.clone();
    // SAFETY: NUL-terminated path; openat fails cleanly on bad arguments.
    let r = retry(vm, || unsafe {
        libc::openat(dir_fd, c.as_ptr(), flags | libc::O_CLOEXEC, mode)
    })?;
    match r {
        Ok(fd) => Ok(vm.new_int(fd as i64)),
        Err(()) => Err(path_error(vm, &p)),
    }
}

pub fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "close", &args, &["fd"], 1)?;
    let fd = fd_arg(vm, arg(&a, 0))?;
    // SAFETY: closing an int fd; EBADF is reported.
    if unsafe { libc::close(fd) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn closerange(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "closerange", &args, 2, 2)?;
    let lo = fd_arg(vm, args.pos[0])?;
    let hi = fd_arg(vm, args.pos[1])?;
    for fd in lo.max(0)..hi {
        // SAFETY: errors are ignored, as in CPython.
        unsafe { libc::close(fd) };
    }
    Ok(Value::NONE)
}

pub fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "read", &args, 2, 2)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let n = int_arg(vm, args.pos[1])?;
    if n < 0 {
        return Err(errno_error(vm, libc::EINVAL, None));
    }
    crate::output::flush_stdout();
    let mut buf = super::path::buffer(vm, n as usize)?;
    // SAFETY: the buffer holds `n` bytes.
    let r = retry(vm, || unsafe {
        libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len())
    })?;
    match r {
        Ok(got) => {
            buf.truncate(got as usize);
            Ok(vm.new_bytes(buf))
        }
        Err(()) => Err(last_error(vm)),
    }
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
pub fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match ops::convert::bytes_of(v) {
        Some(b) => Ok(b),
        None => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                molt_vm::class::type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

pub fn write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "write", &args, 2, 2)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let data = buffer_arg(vm, args.pos[1])?;
    // SAFETY: writes from a live buffer of the given length.
    let r = retry(vm, || unsafe {
        libc::write(fd, data.as_ptr() as *const libc::c_void, data.len())
    })?;
    match r {
        Ok(n) => Ok(vm.new_int(n as i64)),
        Err(()) => Err(last_error(vm)),
    }
}

pub fn lseek(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "lseek", &args, 3, 3)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let pos = int_arg(vm, args.pos[1])?;
    let how = fd_arg(vm, args.pos[2])?;
    // SAFETY: lseek on an int fd fails cleanly.
    let r = unsafe { libc::lseek(fd, pos as libc::off_t, how) };
    if r < 0 {
        return Err(last_error(vm));
    }
    Ok(vm.new_int(r as i64))
}

fn fd_call(
    vm: &mut Vm,
    name: &str,
    args: Args,
    f: unsafe extern "C" fn(libc::c_int) -> libc::c_int,
) -> PyResult<i32> {
    let a = parse(vm, name, &args, &["fd"], 1)?;
    let fd = fd_arg(vm, arg(&a, 0))?;
    // SAFETY: the libc function takes any int fd.
    let r = retry(vm, || unsafe { f(fd) })?;
    r.map_err(|()| last_error(vm))
}

pub fn fsync(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "fsync", &args, &["fd"], 1)?;
    let v = arg(&a, 0);
    // Objects with fileno() are accepted too.
    let fd = if v.is_small_int() {
        fd_arg(vm, v)?
    } else {
        let n = vm.intern("fileno");
        match ops::getattr_opt(vm, v, n)? {
            Some(m) => {
                let r = ops::call0(vm, m)?;
                fd_arg(vm, r)?
            }
            None => fd_arg(vm, v)?,
        }
    };
    // SAFETY: fsync takes any int fd.
    if unsafe { libc::fsync(fd) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn dup(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "dup", &args, 1, 1)?;
    let fd = fd_arg(vm, args.pos[0])?;
    // SAFETY: fcntl on an int fd fails cleanly.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(last_error(vm));
    }
    Ok(vm.new_int(r as i64))
}

pub fn dup2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "dup2", &args, &["fd", "fd2", "inheritable"], 2)?;
    let fd = fd_arg(vm, arg(&a, 0))?;
    let fd2 = fd_arg(vm, arg(&a, 1))?;
    let inheritable = bool_arg(vm, a[2], true)?;
    // SAFETY: dup2/dup3 on int fds fail cleanly.
    let r = unsafe {
        if inheritable || fd == fd2 {
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, libc::O_CLOEXEC)
        }
    };
    if r < 0 {
        return Err(last_error(vm));
    }
    Ok(vm.new_int(r as i64))
}

pub fn pipe(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "pipe", &args, 0, 0)?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: a two-int buffer for pipe2(2).
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(last_error(vm));
    }
    let (r, w) = (vm.new_int(fds[0] as i64), vm.new_int(fds[1] as i64));
    Ok(vm.new_tuple(vec![r, w]))
}

pub fn isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "isatty", &args, 1, 1)?;
    let fd = fd_arg(vm, args.pos[0])?;
    // SAFETY: isatty takes any int.
    Ok(Value::bool(unsafe { libc::isatty(fd) } == 1))
}

fn fd_flags(vm: &mut Vm, fd: i32, cmd: libc::c_int) -> PyResult<libc::c_int> {
    // SAFETY: F_GETFD / F_GETFL on an int fd fail cleanly.
    let r = unsafe { libc::fcntl(fd, cmd) };
    if r < 0 {
        return Err(last_error(vm));
    }
    Ok(r)
}

pub fn get_inheritable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "get_inheritable", &args, 1, 1)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let f = fd_flags(vm, fd, libc::F_GETFD)?;
    Ok(Value::bool(f & libc::FD_CLOEXEC == 0))
}

pub fn set_inheritable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "set_inheritable", &args, 2, 2)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let on = ops::truthy(vm, args.pos[1])?;
    let f = fd_flags(vm, fd, libc::F_GETFD)?;
    let nf = if on {
        f & !libc::FD_CLOEXEC
    } else {
        f | libc::FD_CLOEXEC
    };
    // SAFETY: F_SETFD with flags just read.
    if unsafe { libc::fcntl(fd, libc::F_SETFD, nf) } < 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn get_blocking(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "get_blocking", &args, 1, 1)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let f = fd_flags(vm, fd, libc::F_GETFL)?;
    Ok(Value::bool(f & libc::O_NONBLOCK == 0))
}

pub fn set_blocking(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "set_blocking", &args, 2, 2)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let on = ops::truthy(vm, args.pos[1])?;
    let f = fd_flags(vm, fd, libc::F_GETFL)?;
    let nf = if on {
        f & !libc::O_NONBLOCK
    } else {
        f | libc::O_NONBLOCK
    };
    // SAFETY: F_SETFL with flags just read.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, nf) } < 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn ftruncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "ftruncate", &args, 2, 2)?;
    let fd = fd_arg(vm, args.pos[0])?;
    let len = int_arg(vm, args.pos[1])?;
    // SAFETY: ftruncate on an int fd fails cleanly.
    let r = retry(vm, || unsafe { libc::ftruncate(fd, len as libc::off_t) })?;
    r.map_err(|()| last_error(vm))?;
    Ok(Value::NONE)
}

pub fn truncate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "truncate", &args, &["path", "length"], 2)?;
    let p = path_arg(vm, "truncate", "path", arg(&a, 0), Accept::PathOrFd)?;
    let len = int_arg(vm, arg(&a, 1))?;
    // SAFETY: NUL-terminated path / int fd.
    let r = unsafe {
        match p.fd {
            Some(fd) => libc::ftruncate(fd, len as libc::off_t),
            None => libc::truncate(p.c.as_ptr(), len as libc::off_t),
        }
    };
    if r != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

fn unlink_impl(vm: &mut Vm, name: &str, args: Args) -> PyResult<Value> {
    let a = parse(vm, name, &args, &["path", "dir_fd"], 1)?;
    let p = path_arg(vm, name, "path", arg(&a, 0), Accept::Path)?;
    let dir_fd = dir_fd_arg(vm, a[1])?;
    // SAFETY: NUL-terminated path.
    if unsafe { libc::unlinkat(dir_fd, p.c.as_ptr(), 0) } != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

pub fn unlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unlink_impl(vm, "unlink", args)
}

pub fn remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unlink_impl(vm, "remove", args)
}

fn rename_impl(vm: &mut Vm, name: &str, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        name,
        &args,
        &["src", "dst", "src_dir_fd", "dst_dir_fd"],
        2,
    )?;
    let src = path_arg(vm, name, "src", arg(&a, 0), Accept::Path)?;
    let dst = path_arg(vm, name, "dst", arg(&a, 1), Accept::Path)?;
    let sfd = dir_fd_arg(vm, a[2])?;
    let dfd = dir_fd_arg(vm, a[3])?;
    // SAFETY: NUL-terminated paths.
    if unsafe { libc::renameat(sfd, src.c.as_ptr(), dfd, dst.c.as_ptr()) } != 0 {
        return Err(path_error2(vm, &src, &dst));
    }
    Ok(Value::NONE)
}

pub fn rename(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rename_impl(vm, "rename", args)
}

pub fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rename_impl(vm, "replace", args)
}

pub fn access(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "access",
        &args,
        &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        2,
    )?;
    let p = path_arg(vm, "access", "path", arg(&a, 0), Accept::Path)?;
    let mode = fd_arg(vm, arg(&a, 1))?;
    let dir_fd = dir_fd_arg(vm, a[2])?;
    let mut flags = 0;
    if bool_arg(vm, a[3], false)? {
        flags |= libc::AT_EACCESS;
    }
    if !bool_arg(vm, a[4], true)? {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    // SAFETY: NUL-terminated path.
    let r = unsafe { libc::faccessat(dir_fd, p.c.as_ptr(), mode, flags) };
    Ok(Value::bool(r == 0))
}

pub fn chmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "chmod",
        &args,
        &["path", "mode", "dir_fd", "follow_symlinks"],
        2,
    )?;
    let p = path_arg(vm, "chmod", "path", arg(&a, 0), Accept::PathOrFd)?;
    let mode = int_arg(vm, arg(&a, 1))? as libc::mode_t;
    let dir_fd = dir_fd_arg(vm, a[2])?;
    let follow = bool_arg(vm, a[3], true)?;
    // SAFETY: NUL-terminated path / int fd.
    let r = unsafe {
        match p.fd {
            Some(fd) => libc::fchmod(fd, mode),
            None => libc::fchmodat(
                dir_fd,
                p.c.as_ptr(),
                mode,
                if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW },
            ),
        }
    };
    if r != 0 {
        return Err(path_error(vm, &p));
    }
    Ok(Value::NONE)
}

pub fn fchmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "fchmod", &args, &["fd", "mode"], 2)?;
    let fd = fd_arg(vm, arg(&a, 0))?;
    let mode = int_arg(vm, arg(&a, 1))? as libc::mode_t;
    // SAFETY: fchmod on an int fd fails cleanly.
    if unsafe { libc::fchmod(fd, mode) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

/// A `(atime, mtime)` pair from `times` (seconds) or `ns` (nanoseconds).
fn utime_times(
    vm: &mut Vm,
    times: Option<Value>,
    ns: Option<Value>,
) -> PyResult<Option<[libc::timespec; 2]>> {
    let times = times.filter(|t| !t.is_none());
    if times.is_some() && ns.is_some() {
        return Err(vm.value_error("utime: you may specify either 'times' or 'ns' but not both"));
    }
    let pair = |v: Value| -> Option<[Value; 2]> {
        match v.obj().map(|o| &o.kind) {
            Some(Kind::Tuple(t)) if t.len() == 2 => Some([t[0], t[1]]),
            _ => None,
        }
    };
    if let Some(t) = times {
        let Some(items) = pair(t) else {
            return Err(vm.type_error("utime: 'times' must be either a tuple of two ints or None"));
        };
        let mut out = [libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        }; 2];
        for (o, v) in out.iter_mut().zip(items) {
            let f = ops::to_f64(vm, v)?;
            let s = f.floor();
            let mut nsec = ((f - s) * 1e9).round() as i64;
            let mut sec = s as i64;
            if nsec >= 1_000_000_000 {
                sec += 1;
                nsec -= 1_000_000_000;
            }
            *o = libc::timespec {
                tv_sec: sec as libc::time_t,
                tv_nsec: nsec as _,
            };
        }
        return Ok(Some(out));
    }
    if let Some(n) = ns {
        let Some(items) = pair(n) else {
            return Err(vm.type_error("utime: 'ns' must be a tuple of two ints"));
        };
        let mut out = [libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        }; 2];
        for (o, v) in out.iter_mut().zip(items) {
            let total = int_arg(vm, v)?;
            *o = libc::timespec {
                tv_sec: total.div_euclid(1_000_000_000) as libc::time_t,
                tv_nsec: total.rem_euclid(1_000_000_000) as _,
            };
        }
        return Ok(Some(out));
    }
    Ok(None)
}

pub fn utime(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "utime",
        &args,
        &["path", "times", "ns", "dir_fd", "follow_symlinks"],
        1,
    )?;
    let p = path_arg(vm, "utime", "path", arg(&a, 0), Accept::PathOrFd)?;
    let ts = utime_times(vm, a[1], a[2])?;
    let dir_fd = dir_fd_arg(vm, a[3])?;
    let follow = bool_arg(vm, a[4], true)?;
    let ptr = match &ts {
        Some(t) => t.as_ptr(),
        None => std::ptr::null(),
    };
    // SAFETY: NUL-terminated path / int fd; `ptr` is null or two timespecs.
    let r = unsafe {
        match p.fd {
            Some(fd) => libc::futimens(fd, ptr),
            None => libc::utimensat(
                dir_fd,
                p.c.as_ptr(),
                ptr,
                if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW },
            ),
        }
    };
    if r != 0 {
        // CPython names no file in utime's errors.
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn readlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "readlink", &args, &["path", "dir_fd"], 1)?;
    let p = path_arg(vm, "readlink", "path", arg(&a, 0), Accept::Path)?;
    let dir_fd = dir_fd_arg(vm, a[1])?;
    let mut buf = vec![0u8; libc::PATH_MAX as usize + 1];
    // SAFETY: the buffer holds `buf.len()` bytes.
    let n = unsafe {
        libc::readlinkat(
            dir_fd,
            p.c.as_ptr(),
            buf.as_mut_ptr() as *mut libc::c_char,
            buf.len(),
        )
    };
    if n < 0 {
        return Err(path_error(vm, &p));
    }
    buf.truncate(n as usize);
    Ok(os_string(vm, &buf, p.is_bytes))
}

pub fn symlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "symlink",
        &args,
        &["src", "dst", "target_is_directory", "dir_fd"],
        2,
    )?;
    let src = path_arg(vm, "symlink", "src", arg(&a, 0), Accept::Path)?;
    let dst = path_arg(vm, "symlink", "dst", arg(&a, 1), Accept::Path)?;
    let dir_fd = dir_fd_arg(vm, a[3])?;
    // SAFETY: NUL-terminated paths.
    if unsafe { libc::symlinkat(src.c.as_ptr(), dir_fd, dst.c.as_ptr()) } != 0 {
        return Err(path_error2(vm, &src, &dst));
    }
    Ok(Value::NONE)
}

pub fn link(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(
        vm,
        "link",
        &args,
        &["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"],
        2,
    )?;
    let src = path_arg(vm, "link", "src", arg(&a, 0), Accept::Path)?;
    let dst = path_arg(vm, "link", "dst", arg(&a, 1), Accept::Path)?;
    let sfd = dir_fd_arg(vm, a[2])?;
    let dfd = dir_fd_arg(vm, a[3])?;
    let follow = bool_arg(vm, a[4], true)?;
    let flags = if follow { libc::AT_SYMLINK_FOLLOW } else { 0 };
    // SAFETY: NUL-terminated paths.
    if unsafe { libc::linkat(sfd, src.c.as_ptr(), dfd, dst.c.as_ptr(), flags) } != 0 {
        return Err(path_error2(vm, &src, &dst));
    }
    Ok(Value::NONE)
}

pub fn device_encoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "device_encoding", &args, &["fd"], 1)?;
    let fd = fd_arg(vm, arg(&a, 0))?;
    // SAFETY: isatty takes any int.
    if unsafe { libc::isatty(fd) } == 1 {
        return Ok(vm.new_str("UTF-8"));
    }
    Ok(Value::NONE)
}

pub fn fsync_like_fdatasync(vm: &mut Vm, args: Args) -> PyResult<Value> {
    fd_call(vm, "fdatasync", args, libc::fdatasync)?;
    Ok(Value::NONE)
}
