//! `stat`, `lstat`, `fstat` and the `stat_result` they return.

use super::path::{bool_arg, dir_fd_arg, fd_arg, last_error, path_arg, path_error, Accept};
use super::types;
use crate::args::parse;
use molt_vm::{Args, PyResult, Value, Vm};
use num_bigint::BigInt;

/// The fields of `os.stat_result`: ten tuple items (the three integer
/// times unnamed), then the named extras.
pub const STAT_FIELDS: &[&str] = &[
    "st_mode",
    "st_ino",
    "st_dev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "",
    "",
    "",
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

/// An `os.stat_result` from a `struct stat`.
pub fn stat_result(vm: &mut Vm, st: &libc::stat) -> Value {
    let cls = types(vm).stat_result;
    let int = |vm: &mut Vm, n: i128| vm.new_bigint(BigInt::from(n));
    let times = [
        (st.st_atime as i64, st.st_atime_nsec as i64),
        (st.st_mtime as i64, st.st_mtime_nsec as i64),
        (st.st_ctime as i64, st.st_ctime_nsec as i64),
    ];
    let mut v = vec![
        int(vm, st.st_mode as i128),
        int(vm, st.st_ino as i128),
        int(vm, st.st_dev as i128),
        int(vm, st.st_nlink as i128),
        int(vm, st.st_uid as i128),
        int(vm, st.st_gid as i128),
        int(vm, st.st_size as i128),
    ];
    for (s, _) in times {
        v.push(vm.new_int(s));
    }
    for (s, ns) in times {
        v.push(Value::float(s as f64 + ns as f64 * 1e-9));
    }
    for (s, ns) in times {
        v.push(int(vm, s as i128 * 1_000_000_000 + ns as i128));
    }
    v.push(int(vm, st.st_blksize as i128));
    v.push(int(vm, st.st_blocks as i128));
    v.push(int(vm, st.st_rdev as i128));
    crate::structseq::new(vm, cls, v)
}

/// `fstatat(2)` (or `fstat` for an fd), as a raw `struct stat`.
pub fn raw_stat(dir_fd: i32, path: &std::ffi::CStr, follow: bool) -> Result<libc::stat, ()> {
    // SAFETY: zeroed `struct stat` is a valid out-buffer; the path is NUL-terminated.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    if unsafe { libc::fstatat(dir_fd, path.as_ptr(), &mut st, flags) } != 0 {
        return Err(());
    }
    Ok(st)
}

fn do_stat(vm: &mut Vm, name: &str, args: Args, lstat: bool) -> PyResult<Value> {
    let names: &[&str] = if lstat {
        &["path", "dir_fd"]
    } else {
        &["path", "dir_fd", "follow_symlinks"]
    };
    let a = parse(vm, name, &args, names, 1)?;
    let p = path_arg(
        vm,
        name,
        "path",
        a[0].unwrap_or(Value::NONE),
        if lstat {
            Accept::Path
        } else {
            Accept::PathOrFd
        },
    )?;
    let dir_fd = dir_fd_arg(vm, a[1])?;
    let follow = !lstat && bool_arg(vm, a.get(2).copied().flatten(), true)?;
    if let Some(fd) = p.fd {
        // SAFETY: zeroed out-buffer for fstat(2).
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } != 0 {
            return Err(last_error(vm));
        }
        return Ok(stat_result(vm, &st));
    }
    match raw_stat(dir_fd, &p.c, follow) {
        Ok(st) => Ok(stat_result(vm, &st)),
        Err(()) => Err(path_error(vm, &p)),
    }
}

pub fn stat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    do_stat(vm, "stat", args, false)
}

pub fn lstat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    do_stat(vm, "lstat", args, true)
}

pub fn fstat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "fstat", &args, &["fd"], 1)?;
    let fd = fd_arg(vm, a[0].unwrap_or(Value::NONE))?;
    // SAFETY: zeroed out-buffer for fstat(2).
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(last_error(vm));
    }
    Ok(stat_result(vm, &st))
}
