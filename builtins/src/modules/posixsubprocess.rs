//! `_posixsubprocess.fork_exec`: what `subprocess.Popen` starts children
//! with on POSIX, with CPython 3.11's signature and its protocol for
//! reporting a failure in the child: `OSError:<hex errno>:[noexec]` or
//! `SubprocessError:0:<message>` written to `errpipe_write` before the
//! child exits with status 255.
//!
//! Everything the child needs (argv, environment, paths) is converted
//! before fork(), so the child only makes system calls (and runs
//! `preexec_fn`, as CPython does, when one is given).

use super::posix::fs_cstring;
use crate::oserror::{errno_error, last_errno};
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::ffi::CString;

/// An int argument that must fit a C int (fds, pids, masks).
fn c_int(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) if i >= i32::MIN as i64 && i <= i32::MAX as i64 => {
            Ok(i as i32)
        }
        _ => Err(vm.overflow_error("signed integer is greater than maximum")),
    }
}

fn opt_int(vm: &mut Vm, v: Value) -> PyResult<Option<i64>> {
    if v.is_none() {
        return Ok(None);
    }
    let n = ops::convert::index_value(vm, v)?;
    match ops::arith::num_of(n) {
        Some(ops::arith::Num::Small(i)) => Ok(Some(i)),
        _ => Err(vm.overflow_error("Python int too large to convert to C long")),
    }
}

/// A sequence of paths (str, bytes, PathLike) as C strings.
fn cstrings(vm: &mut Vm, v: Value, what: &str) -> PyResult<Vec<CString>> {
    let items = ops::iter::collect(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(fs_cstring(vm, it, what)?);
    }
    Ok(out)
}

/// A NULL-terminated array of pointers into `strings`.
fn pointers(strings: &[CString]) -> Vec<*const libc::c_char> {
    let mut p: Vec<*const libc::c_char> = strings.iter().map(|s| s.as_ptr()).collect();
    p.push(std::ptr::null());
    p
}

/// What the child needs, converted before fork.
struct Plan {
    argv: Vec<CString>,
    executables: Vec<CString>,
    env: Option<Vec<CString>>,
    cwd: Option<CString>,
    close_fds: bool,
    keep_fds: Vec<i32>,
    fds: [i32; 8],
    restore_signals: bool,
    call_setsid: bool,
    pgid: Option<i64>,
    gid: Option<i64>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<i64>,
    umask: i32,
    preexec_fn: Value,
}

const P2CREAD: usize = 0;
const P2CWRITE: usize = 1;
const C2PREAD: usize = 2;
const C2PWRITE: usize = 3;
const ERRREAD: usize = 4;
const ERRWRITE: usize = 5;
const ERRPIPE_READ: usize = 6;
const ERRPIPE_WRITE: usize = 7;

pub fn fork_exec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::no_kwargs(vm, "fork_exec", &args)?;
    let a = args.pos;
    if a.len() != 23 {
        let msg = format!("fork_exec() takes exactly 23 arguments ({} given)", a.len());
        return Err(vm.type_error(msg));
    }
    let close_fds = ops::truthy(vm, a[2])?;
    let keep = match ops::tuple_items(a[3]) {
        Some(items) if matches!(a[3].obj().map(|o| &o.kind), Some(Kind::Tuple(_))) => {
            items.to_vec()
        }
        _ => return Err(vm.type_error("fork_exec() argument 4 must be tuple")),
    };
    let mut keep_fds = Vec::with_capacity(keep.len());
    for k in keep {
        let fd = c_int(vm, k)?;
        if fd < 0 || keep_fds.last().is_some_and(|l| *l >= fd) {
            return Err(vm.value_error("bad value(s) in fds_to_keep"));
        }
        keep_fds.push(fd);
    }
    let argv = if a[0].is_none() {
        Vec::new()
    } else {
        cstrings(vm, a[0], "")?
    };
    let executables = cstrings(vm, a[1], "")?;
    let cwd = if a[4].is_none() {
        None
    } else {
        Some(fs_cstring(vm, a[4], "")?)
    };
    let env = if a[5].is_none() {
        None
    } else {
        Some(cstrings(vm, a[5], "")?)
    };
    let mut fds = [-1i32; 8];
    for (i, v) in a[6..14].iter().enumerate() {
        fds[i] = c_int(vm, *v)?;
    }
    let restore_signals = ops::truthy(vm, a[14])?;
    let call_setsid = ops::truthy(vm, a[15])?;
    let pgid = opt_int(vm, a[16])?.filter(|p| *p >= 0);
    let gid = opt_int(vm, a[17])?;
    let groups = if a[18].is_none() {
        None
    } else {
        let items = ops::iter::collect(vm, a[18])?;
        let mut g = Vec::with_capacity(items.len());
        for it in items {
            g.push(opt_int(vm, it)?.unwrap_or(0) as libc::gid_t);
        }
        Some(g)
    };
    let uid = opt_int(vm, a[19])?;
    let umask = c_int(vm, a[20])?;
    let preexec_fn = a[21];
    if !preexec_fn.is_none() && !super::native::is_callable(vm, preexec_fn) {
        return Err(vm.type_error("preexec_fn must be callable"));
    }
    let plan = Plan {
        argv,
        executables,
        env,
        cwd,
        close_fds,
        keep_fds,
        fds,
        restore_signals,
        call_setsid,
        pgid,
        gid,
        groups,
        uid,
        umask,
        preexec_fn,
    };
    // Buffered output would otherwise be written by both processes.
    crate::output::flush_stdout();
    crate::modules::io::flush_all(vm);
    // SAFETY: only the interpreter thread runs; the child goes on alone and
    // ends in exec or _exit.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = last_errno();
        return Err(errno_error(vm, e, None));
    }
    if pid == 0 {
        child(vm, &plan);
    }
    Ok(vm.new_int(pid as i64))
}

/// Write all of `data` to `fd`, ignoring errors (nothing can report them).
fn write_all(fd: i32, data: &[u8]) {
    let mut off = 0;
    while off < data.len() {
        // SAFETY: writes from a live buffer.
        let r = unsafe {
            libc::write(
                fd,
                data[off..].as_ptr() as *const libc::c_void,
                data.len() - off,
            )
        };
        if r <= 0 {
            if r < 0 && last_errno() == libc::EINTR {
                continue;
            }
            return;
        }
        off += r as usize;
    }
}

fn set_inheritable(fd: i32) -> bool {
    // SAFETY: fcntl on an int fd.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC) >= 0
    }
}

/// Close every descriptor from 3 up except those in `keep` (sorted).
fn close_open_fds(keep: &[i32]) {
    let mut start: u32 = 3;
    for &k in keep.iter().filter(|k| **k >= 3) {
        if k as u32 > start {
            close_range(start, k as u32 - 1);
        }
        start = k as u32 + 1;
    }
    close_range(start, u32::MAX);
}

fn close_range(first: u32, last: u32) {
    // SAFETY: close_range(2) closes descriptors only.
    let r = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0) };
    if r == 0 {
        return;
    }
    // Older kernels: close what /proc lists (or every possible fd).
    // SAFETY: getrlimit fills the struct.
    let mut rl: libc::rlimit = unsafe { std::mem::zeroed() };
    let max = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) } == 0 {
        rl.rlim_cur.min(1 << 20) as u32
    } else {
        1024
    };
    for fd in first..=last.min(max) {
        // SAFETY: closing a descriptor the child does not keep.
        unsafe { libc::close(fd as i32) };
    }
}

/// The child's side: set up descriptors and process state, then exec.
/// Never returns.
fn child(vm: &mut Vm, p: &Plan) -> ! {
    let f = &p.fds;
    let errpipe = f[ERRPIPE_WRITE];
    let mut reached_preexec = false;
    let err = (|| -> Result<(), (i32, Option<&'static str>)> {
        for &fd in &p.keep_fds {
            if fd != errpipe && !set_inheritable(fd) {
                return Err((last_errno(), None));
            }
        }
        // SAFETY: from here on, plain system calls on int descriptors.
        unsafe {
            // The parent's ends of the pipes.
            for fd in [f[P2CWRITE], f[C2PREAD], f[ERRREAD], f[ERRPIPE_READ]] {
                if fd != -1 {
                    libc::close(fd);
                }
            }
            // Keep the child's ends clear of 0-2 before dup2 moves them there.
            let mut c2pwrite = f[C2PWRITE];
            if c2pwrite == 0 {
                c2pwrite = libc::dup(c2pwrite);
                if c2pwrite < 0 || !set_inheritable(c2pwrite) {
                    return Err((last_errno(), None));
                }
            }
            let mut errwrite = f[ERRWRITE];
            while errwrite == 0 || errwrite == 1 {
                errwrite = libc::dup(errwrite);
                if errwrite < 0 || !set_inheritable(errwrite) {
                    return Err((last_errno(), None));
                }
            }
            for (fd, target) in [(f[P2CREAD], 0), (c2pwrite, 1), (errwrite, 2)] {
                if fd == target {
                    if !set_inheritable(fd) {
                        return Err((last_errno(), None));
                    }
                } else if fd != -1 && libc::dup2(fd, target) < 0 {
                    return Err((last_errno(), None));
                }
            }
            if let Some(cwd) = &p.cwd {
                if libc::chdir(cwd.as_ptr()) < 0 {
                    return Err((last_errno(), None));
                }
            }
            if p.umask >= 0 {
                libc::umask(p.umask as libc::mode_t);
            }
            if p.restore_signals {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            }
            if p.call_setsid && libc::setsid() < 0 {
                return Err((last_errno(), None));
            }
            if let Some(pgid) = p.pgid {
                if libc::setpgid(0, pgid as libc::pid_t) < 0 {
                    return Err((last_errno(), None));
                }
            }
            if let Some(groups) = &p.groups {
                if libc::setgroups(groups.len(), groups.as_ptr()) < 0 {
                    return Err((last_errno(), None));
                }
            }
            if let Some(gid) = p.gid {
                if libc::setregid(gid as libc::gid_t, gid as libc::gid_t) < 0 {
                    return Err((last_errno(), None));
                }
            }
            if let Some(uid) = p.uid {
                if libc::setreuid(uid as libc::uid_t, uid as libc::uid_t) < 0 {
                    return Err((last_errno(), None));
                }
            }
        }
        reached_preexec = true;
        if !p.preexec_fn.is_none() && ops::call0(vm, p.preexec_fn).is_err() {
            return Err((0, Some("Exception occurred in preexec_fn.")));
        }
        if p.close_fds {
            let mut keep = p.keep_fds.clone();
            keep.push(errpipe);
            keep.sort_unstable();
            close_open_fds(&keep);
        }
        let argv = pointers(&p.argv);
        let envp = p.env.as_ref().map(|e| pointers(e));
        let mut saved = 0;
        for exe in &p.executables {
            // SAFETY: NULL-terminated arrays of NUL-terminated strings.
            unsafe {
                match &envp {
                    Some(envp) => libc::execve(exe.as_ptr(), argv.as_ptr(), envp.as_ptr()),
                    None => libc::execv(exe.as_ptr(), argv.as_ptr()),
                };
            }
            let e = last_errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        Err((if saved != 0 { saved } else { last_errno() }, None))
    })();
    if let Err((errno, message)) = err {
        match message {
            Some(m) => {
                write_all(errpipe, b"SubprocessError:0:");
                write_all(errpipe, m.as_bytes());
            }
            None => {
                write_all(errpipe, b"OSError:");
                write_all(errpipe, format!("{:X}", errno).as_bytes());
                write_all(errpipe, b":");
                if !reached_preexec {
                    // The failure came before exec (chdir, dup2...).
                    write_all(errpipe, b"noexec");
                }
            }
        }
    }
    // SAFETY: ends the child without running the parent's exit handlers.
    unsafe { libc::_exit(255) }
}

pub fn posixsubprocess_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_posixsubprocess");
    vm.add_native(m, "fork_exec", fork_exec);
    Ok(m)
}
