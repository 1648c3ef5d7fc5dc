//! `posix`: the operating-system interface `os.py` is built on.  One file
//! per concern: path arguments (`path.rs`), `stat` (`stat.rs`), files and
//! fds (`files.rs`), directories (`dirs.rs`), processes (`process.rs`).

mod dirs;
mod files;
mod path;
pub use path::{fs_decode, fs_encode};
mod process;
mod stat;

/// A zeroed buffer of `n` bytes, or MemoryError (for other modules' reads).
pub use path::buffer as zeroed_buffer;
/// A str, bytes or PathLike argument as the C string the OS sees.
pub use process::fs_cstring;

use super::set;
use crate::args::parse;
use molt_vm::object::{Kind, Layout, NativeFn};
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::cell::Cell;

/// The classes `posix` defines, created once per interpreter.
#[derive(Clone, Copy)]
pub struct Types {
    pub stat_result: Value,
    pub uname_result: Value,
    pub terminal_size: Value,
    pub times_result: Value,
    pub dir_entry: Value,
    pub scandir_iter: Value,
}

thread_local! {
    static TYPES: Cell<Option<Types>> = const { Cell::new(None) };
}

/// The posix classes (created on first use).
pub fn types(vm: &mut Vm) -> Types {
    if let Some(t) = TYPES.with(|t| t.get()) {
        return t;
    }
    let t = create_types(vm);
    TYPES.with(|c| c.set(Some(t)));
    t
}

fn structseq(vm: &mut Vm, module: &str, name: &str, fields: &[&str], n: usize) -> Value {
    // Creating a class from a fresh namespace cannot fail.
    crate::structseq::new_type(vm, module, name, fields, n).unwrap_or(Value::NONE)
}

fn property(vm: &mut Vm, cls: Value, name: &'static str, f: NativeFn) {
    let getter = vm.new_native(name, f, Value::NONE);
    let pc = vm.t.property;
    let p = vm.alloc(
        pc,
        Kind::Property {
            fget: getter,
            fset: Value::NONE,
            fdel: Value::NONE,
            doc: Value::NONE,
        },
    );
    vm.set_attr_str(cls, name, p);
}

fn create_types(vm: &mut Vm) -> Types {
    let stat_result = structseq(vm, "os", "stat_result", stat::STAT_FIELDS, 10);
    let uname_result = structseq(
        vm,
        "posix",
        "uname_result",
        &["sysname", "nodename", "release", "version", "machine"],
        5,
    );
    let terminal_size = structseq(vm, "os", "terminal_size", &["columns", "lines"], 2);
    let times_result = structseq(
        vm,
        "posix",
        "times_result",
        &[
            "user",
            "system",
            "children_user",
            "children_system",
            "elapsed",
        ],
        5,
    );
    let dir_entry = vm.make_native_class("posix", "DirEntry", &[], Layout::Other, false);
    property(vm, dir_entry, "name", dirs::entry_name);
    property(vm, dir_entry, "path", dirs::entry_path);
    for (name, f) in [
        ("inode", dirs::entry_inode as NativeFn),
        ("is_dir", dirs::entry_is_dir),
        ("is_file", dirs::entry_is_file),
        ("is_symlink", dirs::entry_is_symlink),
        ("stat", dirs::entry_stat),
        ("__fspath__", dirs::entry_fspath),
        ("__repr__", dirs::entry_repr),
    ] {
        vm.add_native(dir_entry, name, f);
    }
    vm.add_native(dir_entry, "__new__", no_new);
    let scandir_iter = vm.make_native_class("posix", "ScandirIterator", &[], Layout::Other, false);
    vm.add_native(scandir_iter, "__new__", no_new);
    for (name, f) in [
        ("__iter__", dirs::scandir_iter as NativeFn),
        ("__next__", dirs::scandir_next),
        ("close", dirs::scandir_close),
        ("__enter__", dirs::scandir_iter),
        ("__exit__", dirs::scandir_exit),
    ] {
        vm.add_native(scandir_iter, name, f);
    }
    vm.roots.extend([dir_entry, scandir_iter]);
    Types {
        stat_result,
        uname_result,
        terminal_size,
        times_result,
        dir_entry,
        scandir_iter,
    }
}

/// `__new__` of classes whose instances only posix functions create.
fn no_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.pos.first().copied().unwrap_or(Value::NONE);
    let name = if molt_vm::class::is_class(cls) {
        molt_vm::class::class_name(cls)
    } else {
        "?"
    };
    let msg = format!("cannot create 'posix.{}' instances", name);
    Err(vm.type_error(msg))
}

fn strerror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "strerror", &args, 1, 1)?;
    let n = path::fd_arg(vm, args.pos[0])?;
    Ok(vm.new_string(crate::oserror::strerror(n)))
}

fn fspath_fn(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "fspath", &args, &["path"], 1)?;
    let v = a[0].unwrap_or(Value::NONE);
    match path::fspath(vm, v)? {
        Some(p) => Ok(p),
        None => {
            let msg = format!(
                "expected str, bytes or os.PathLike object, not {}",
                molt_vm::class::type_name(vm, v)
            );
            Err(vm.type_error(msg))
        }
    }
}

fn urandom(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "urandom", &args, 1, 1)?;
    let n = path::int_arg(vm, args.pos[0])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = path::buffer(vm, n as usize)?;
    let mut got = 0;
    while got < buf.len() {
        // SAFETY: writes within the buffer's remaining length.
        let r = unsafe {
            libc::getrandom(
                buf[got..].as_mut_ptr() as *mut libc::c_void,
                buf.len() - got,
                0,
            )
        };
        if r < 0 {
            if crate::oserror::last_errno() == libc::EINTR {
                molt_vm::interrupt::run_handlers(vm)?;
                continue;
            }
            return Err(path::last_error(vm));
        }
        got += r as usize;
    }
    Ok(vm.new_bytes(buf))
}

fn cpu_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "cpu_count", &args, 0, 0)?;
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 {
        Value::NONE
    } else {
        vm.new_int(n as i64)
    })
}

fn get_terminal_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "get_terminal_size", &args, 0, 1)?;
    let fd = match args.pos.first() {
        Some(v) => path::fd_arg(vm, *v)?,
        None => 1,
    };
    // SAFETY: TIOCGWINSZ fills a winsize struct.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return Err(path::last_error(vm));
    }
    let cls = types(vm).terminal_size;
    let vals = vec![
        Value::small_int_unchecked(ws.ws_col as i64),
        Value::small_int_unchecked(ws.ws_row as i64),
    ];
    Ok(crate::structseq::new(vm, cls, vals))
}

/// The HAVE_* names of what this module implements, from which `os.py`
/// builds `supports_fd`, `supports_dir_fd` and `supports_follow_symlinks`.
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FDOPENDIR",
    "HAVE_FSTATAT",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LINKAT",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

const INT_CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_FSYNC", libc::O_FSYNC as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_LARGEFILE", libc::O_LARGEFILE as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    // SEEK_SET/CUR/END are os.py's own; the posix module has only these.
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
    ("WEXITED", libc::WEXITED as i64),
    ("WSTOPPED", libc::WSTOPPED as i64),
    ("WNOWAIT", libc::WNOWAIT as i64),
    ("P_PID", libc::P_PID as i64),
    ("P_PGID", libc::P_PGID as i64),
    ("P_ALL", libc::P_ALL as i64),
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
    ("TMP_MAX", 238328),
    ("NGROUPS_MAX", 65536),
];

pub fn posix_module(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("posix");
    let t = types(vm);
    for (name, v) in [
        ("stat_result", t.stat_result),
        ("uname_result", t.uname_result),
        ("terminal_size", t.terminal_size),
        ("times_result", t.times_result),
        ("DirEntry", t.dir_entry),
    ] {
        set(vm, m, name, v);
    }
    let oserror = vm.exc.OSError;
    set(vm, m, "error", oserror);
    let env = process::environ(vm)?;
    set(vm, m, "environ", env);
    crate::modules::set_ints(vm, m, INT_CONSTANTS);
    let have: Vec<Value> = HAVE_FUNCTIONS.iter().map(|s| vm.new_str(s)).collect();
    let have = vm.new_list(have);
    set(vm, m, "_have_functions", have);
    let funcs: &[(&'static str, NativeFn)] = &[
        ("stat", stat::stat),
        ("lstat", stat::lstat),
        ("fstat", stat::fstat),
        ("getcwd", dirs::getcwd),
        ("getcwdb", dirs::getcwdb),
        ("chdir", dirs::chdir),
        ("listdir", dirs::listdir),
        ("scandir", dirs::scandir),
        ("mkdir", dirs::mkdir),
        ("rmdir", dirs::rmdir),
        ("open", files::open),
        ("close", files::close),
        ("closerange", files::closerange),
        ("read", files::read),
        ("write", files::write),
        ("lseek", files::lseek),
        ("fsync", files::fsync),
        ("fdatasync", files::fsync_like_fdatasync),
        ("dup", files::dup),
        ("dup2", files::dup2),
        ("pipe", files::pipe),
        ("isatty", files::isatty),
        ("get_inheritable", files::get_inheritable),
        ("set_inheritable", files::set_inheritable),
        ("get_blocking", files::get_blocking),
        ("set_blocking", files::set_blocking),
        ("truncate", files::truncate),
        ("ftruncate", files::ftruncate),
        ("unlink", files::unlink),
        ("remove", files::remove),
        ("rename", files::rename),
        ("replace", files::replace),
        ("access", files::access),
        ("chmod", files::chmod),
        ("fchmod", files::fchmod),
        ("utime", files::utime),
        ("readlink", files::readlink),
        ("symlink", files::symlink),
        ("link", files::link),
        ("device_encoding", files::device_encoding),
        ("getpid", process::getpid),
        ("getppid", process::getppid),
        ("getuid", process::getuid),
        ("geteuid", process::geteuid),
        ("getgid", process::getgid),
        ("getegid", process::getegid),
        ("getpgrp", process::getpgrp),
        ("getlogin", process::getlogin),
        ("kill", process::kill),
        ("killpg", process::killpg),
        ("_exit", process::exit_now),
        ("abort", process::abort),
        ("system", process::system),
        ("waitpid", process::waitpid),
        ("wait", process::wait),
        ("WIFEXITED", process::wifexited),
        ("WIFSIGNALED", process::wifsignaled),
        ("WIFSTOPPED", process::wifstopped),
        ("WIFCONTINUED", process::wifcontinued),
        ("WCOREDUMP", process::wcoredump),
        ("WEXITSTATUS", process::wexitstatus),
        ("WTERMSIG", process::wtermsig),
        ("WSTOPSIG", process::wstopsig),
        ("waitstatus_to_exitcode", process::waitstatus_to_exitcode),
        ("fork", process::fork),
        ("register_at_fork", process::register_at_fork),
        ("execv", process::execv),
        ("execve", process::execve),
        ("putenv", process::putenv),
        ("unsetenv", process::unsetenv),
        ("times", process::times),
        ("umask", process::umask),
        ("uname", process::uname),
        ("strerror", strerror),
        ("fspath", fspath_fn),
        ("urandom", urandom),
        ("cpu_count", cpu_count),
        ("get_terminal_size", get_terminal_size),
    ];
    for &(name, f) in funcs {
        vm.add_native(m, name, f);
    }
    Ok(m)
}
