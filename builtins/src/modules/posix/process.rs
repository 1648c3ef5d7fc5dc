//! Processes: ids, `kill`, `fork`/`exec*`/`waitpid` and the `W*` status
//! helpers, `system`, `_exit`, the environment, `times`, `umask`, `uname`.

use super::path::{fd_arg, fspath, int_arg, last_error, path_arg, retry, Accept};
use super::types;
use crate::args::parse;
use crate::oserror::errno_error;
use molt_vm::class::type_name;
use molt_vm::object::Kind;
use molt_vm::ops;
use molt_vm::{Args, PyResult, Value, Vm};
use std::ffi::CString;

macro_rules! id_fn {
    ($fname:ident, $pyname:literal, $call:expr) => {
        pub fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
            ops::call::check_args(vm, $pyname, &args, 0, 0)?;
            // SAFETY: these id getters cannot fail.
            let v = unsafe { $call } as i64;
            Ok(vm.new_int(v))
        }
    };
}

id_fn!(getpid, "getpid", libc::getpid());
id_fn!(getppid, "getppid", libc::getppid());
id_fn!(getuid, "getuid", libc::getuid());
id_fn!(geteuid, "geteuid", libc::geteuid());
id_fn!(getgid, "getgid", libc::getgid());
id_fn!(getegid, "getegid", libc::getegid());
id_fn!(getpgrp, "getpgrp", libc::getpgrp());

pub fn getlogin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getlogin", &args, 0, 0)?;
    // SAFETY: getlogin returns NULL or a NUL-terminated static string.
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        let e = crate::oserror::last_errno();
        return Err(errno_error(vm, if e == 0 { libc::ENOENT } else { e }, None));
    }
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned();
    Ok(vm.new_string(s))
}

pub fn kill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "kill", &args, 2, 2)?;
    let pid = int_arg(vm, args.pos[0])?;
    let sig = fd_arg(vm, args.pos[1])?;
    // SAFETY: kill(2) with any values fails cleanly.
    if unsafe { libc::kill(pid as libc::pid_t, sig) } != 0 {
        return Err(last_error(vm));
    }
    // A signal sent to this process is delivered before kill returns.
    molt_vm::interrupt::run_handlers(vm)?;
    Ok(Value::NONE)
}

pub fn killpg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "killpg", &args, 2, 2)?;
    let pg = int_arg(vm, args.pos[0])?;
    let sig = fd_arg(vm, args.pos[1])?;
    // SAFETY: killpg(2) with any values fails cleanly.
    if unsafe { libc::killpg(pg as libc::pid_t, sig) } != 0 {
        return Err(last_error(vm));
    }
    molt_vm::interrupt::run_handlers(vm)?;
    Ok(Value::NONE)
}

/// `_exit(n)`: leave at once, without atexit callbacks or flushing buffers.
pub fn exit_now(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "_exit", &args, &["status"], 1)?;
    let n = fd_arg(vm, a[0].unwrap_or(Value::NONE))?;
    // SAFETY: ends the process.
    unsafe { libc::_exit(n) }
}

pub fn abort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "abort", &args, 0, 0)?;
    std::process::abort()
}

/// A str/bytes/PathLike argument as a C string (`os.fsencode`).
pub fn fs_cstring(vm: &mut Vm, v: Value, what: &str) -> PyResult<CString> {
    let p = fspath(vm, v)?;
    let raw = match p {
        Some(p) => match ops::str_of(p) {
            Some(_) => super::path::fs_encode(vm, p)?,
            None => ops::convert::bytes_of(p).unwrap_or_default(),
        },
        None => {
            let msg = format!(
                "{}expected str, bytes or os.PathLike object, not {}",
                what,
                type_name(vm, v)
            );
            return Err(vm.type_error(msg));
        }
    };
    CString::new(raw).map_err(|_| vm.value_error("embedded null byte"))
}

pub fn system(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "system", &args, &["command"], 1)?;
    let cmd = fs_cstring(vm, a[0].unwrap_or(Value::NONE), "")?;
    // SAFETY: NUL-terminated command.
    let r = unsafe { libc::system(cmd.as_ptr()) };
    Ok(vm.new_int(r as i64))
}

pub fn waitpid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "waitpid", &args, 2, 2)?;
    let pid = int_arg(vm, args.pos[0])?;
    let options = fd_arg(vm, args.pos[1])?;
    wait_for(vm, pid as libc::pid_t, options)
}

pub fn wait(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "wait", &args, 0, 0)?;
    wait_for(vm, -1, 0)
}

fn wait_for(vm: &mut Vm, pid: libc::pid_t, options: i32) -> PyResult<Value> {
    crate::output::flush_stdout();
    let mut status: libc::c_int = 0;
    // SAFETY: a valid out-pointer for the status.
    let r = retry(vm, || unsafe { libc::waitpid(pid, &mut status, options) })?;
    let got = r.map_err(|()| last_error(vm))?;
    let (p, s) = (vm.new_int(got as i64), vm.new_int(status as i64));
    Ok(vm.new_tuple(vec![p, s]))
}

fn status_arg(vm: &mut Vm, name: &str, args: &Args) -> PyResult<libc::c_int> {
    let a = parse(vm, name, args, &["status"], 1)?;
    fd_arg(vm, a[0].unwrap_or(Value::NONE))
}

macro_rules! wait_bool {
    ($fname:ident, $pyname:literal, $f:path) => {
        pub fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let s = status_arg(vm, $pyname, &args)?;
            Ok(Value::bool($f(s)))
        }
    };
}

macro_rules! wait_int {
    ($fname:ident, $pyname:literal, $f:path) => {
        pub fn $fname(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let s = status_arg(vm, $pyname, &args)?;
            Ok(vm.new_int($f(s) as i64))
        }
    };
}

wait_bool!(wifexited, "WIFEXITED", libc::WIFEXITED);
wait_bool!(wifsignaled, "WIFSIGNALED", libc::WIFSIGNALED);
wait_bool!(wifstopped, "WIFSTOPPED", libc::WIFSTOPPED);
wait_bool!(wifcontinued, "WIFCONTINUED", libc::WIFCONTINUED);
wait_bool!(wcoredump, "WCOREDUMP", libc::WCOREDUMP);
wait_int!(wexitstatus, "WEXITSTATUS", libc::WEXITSTATUS);
wait_int!(wtermsig, "WTERMSIG", libc::WTERMSIG);
wait_int!(wstopsig, "WSTOPSIG", libc::WSTOPSIG);

pub fn waitstatus_to_exitcode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = status_arg(vm, "waitstatus_to_exitcode", &args)?;
    if libc::WIFEXITED(s) {
        return Ok(vm.new_int(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(vm.new_int(-(libc::WTERMSIG(s) as i64)));
    }
    if libc::WIFSTOPPED(s) {
        let msg = format!(
            "process stopped by delivery of signal {}",
            libc::WSTOPSIG(s)
        );
        return Err(vm.value_error(msg));
    }
    let msg = format!("invalid wait status: {}", s);
    Err(vm.value_error(msg))
}

pub fn fork(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "fork", &args, 0, 0)?;
    run_fork_hooks(vm, "before");
    // Buffered output would otherwise be written by both processes.
    crate::output::flush_stdout();
    crate::modules::io::flush_all(vm);
    // SAFETY: the interpreter thread is the only one that runs Python code;
    // the child continues on this thread alone.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(last_error(vm));
    }
    run_fork_hooks(
        vm,
        if pid == 0 {
            "after_in_child"
        } else {
            "after_in_parent"
        },
    );
    Ok(vm.new_int(pid as i64))
}

/// The callables `register_at_fork` collected, by phase name (a dict of
/// lists kept in `Vm::native_classes` under a private key, so rooted).
fn fork_hooks(vm: &mut Vm) -> Value {
    if let Some(&d) = vm.native_classes.get("posix.fork_hooks") {
        return d;
    }
    let d = vm.new_dict();
    vm.roots.push(d);
    vm.native_classes.insert("posix.fork_hooks", d);
    d
}

/// Run the hooks of one phase: `before` ones last registered first, the
/// others in registration order; an exception in one is reported, as CPython does.
fn run_fork_hooks(vm: &mut Vm, phase: &str) {
    let d = fork_hooks(vm);
    let k = vm.intern(phase);
    let Some(list) = vm.dict_get_str(d, k) else {
        return;
    };
    let mut hooks = ops::seq_items(list).unwrap_or_default();
    if phase == "before" {
        hooks.reverse();
    }
    for h in hooks {
        if let Err(e) = ops::call0(vm, h) {
            (vm.hooks.report_unraisable)(vm, e.0, "in fork hook", h);
        }
    }
}

/// `register_at_fork(*, before=None, after_in_child=None, after_in_parent=None)`
pub fn register_at_fork(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        return Err(vm.type_error("register_at_fork() takes no positional arguments"));
    }
    if !args.has_kw() {
        return Err(vm.type_error("At least one argument is required."));
    }
    let d = fork_hooks(vm);
    for (k, v) in args.kwnames.iter().zip(args.kwvalues) {
        let phase = ops::str_of(*k).unwrap_or("");
        if !matches!(phase, "before" | "after_in_child" | "after_in_parent") {
            let msg = format!(
                "register_at_fork() got an unexpected keyword argument '{}'",
                phase
            );
            return Err(vm.type_error(msg));
        }
        if v.is_none() {
            continue;
        }
        if !crate::modules::native::is_callable(vm, *v) {
            let msg = format!(
                "'{}' must be callable, not {}",
                phase,
                molt_vm::class::type_name(vm, *v)
            );
            return Err(vm.type_error(msg));
        }
        let list = match vm.dict_get_str(d, *k) {
            Some(l) => l,
            None => {
                let l = vm.new_list(vec![]);
                vm.dict_set_str(d, *k, l);
                l
            }
        };
        if let Kind::List(l) = &list.as_obj().kind {
            l.get().push(*v);
        }
    }
    Ok(Value::NONE)
}

/// The items of an argv list or tuple, as C strings.
fn argv_arg(vm: &mut Vm, func: &str, v: Value) -> PyResult<Vec<CString>> {
    let items = match v.obj().map(|o| &o.kind) {
        Some(Kind::List(_) | Kind::Tuple(_)) => ops::seq_items(v).unwrap_or_default(),
        _ => {
            let msg = format!("{}() arg 2 must be a tuple or list", func);
            return Err(vm.type_error(msg));
        }
    };
    if items.is_empty() {
        let msg = format!("{}() arg 2 must not be empty", func);
        return Err(vm.value_error(msg));
    }
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(fs_cstring(vm, it, "")?);
    }
    if out[0].as_bytes().is_empty() {
        let msg = format!("{}() arg 2 first element cannot be empty", func);
        return Err(vm.value_error(msg));
    }
    Ok(out)
}

fn env_arg(vm: &mut Vm, env: Value) -> PyResult<Vec<CString>> {
    let items_n = vm.intern("items");
    let items = ops::call_method(vm, env, items_n, &[])?;
    let pairs = ops::iter::collect(vm, items)?;
    let mut out = Vec::with_capacity(pairs.len());
    for p in pairs {
        let kv = ops::iter::collect(vm, p)?;
        if kv.len() != 2 {
            return Err(vm.type_error("env.items() must return a list of 2-tuples"));
        }
        let k = fs_cstring(vm, kv[0], "")?;
        let v = fs_cstring(vm, kv[1], "")?;
        if k.as_bytes().is_empty() || k.as_bytes().contains(&b'=') {
            return Err(vm.value_error("illegal environment variable name"));
        }
        let mut s = k.into_bytes();
        s.push(b'=');
        s.extend_from_slice(v.as_bytes());
        out.push(CString::new(s).map_err(|_| vm.value_error("embedded null byte"))?);
    }
    Ok(out)
}

fn exec(vm: &mut Vm, func: &str, path: Value, argv: Value, env: Option<Value>) -> PyResult<Value> {
    let p = path_arg(vm, func, "path", path, Accept::Path)?;
    let argv = argv_arg(vm, func, argv)?;
    let env = match env {
        Some(e) => Some(env_arg(vm, e)?),
        None => None,
    };
    let mut argv_p: Vec<*const libc::c_char> = argv.iter().map(|a| a.as_ptr()).collect();
    argv_p.push(std::ptr::null());
    // SAFETY: NULL-terminated arrays of pointers into live CStrings.
    unsafe {
        match &env {
            Some(env) => {
                let mut env_p: Vec<*const libc::c_char> = env.iter().map(|a| a.as_ptr()).collect();
                env_p.push(std::ptr::null());
                libc::execve(p.c.as_ptr(), argv_p.as_ptr(), env_p.as_ptr());
            }
            None => {
                libc::execv(p.c.as_ptr(), argv_p.as_ptr());
            }
        }
    }
    // CPython names no file in exec errors.
    Err(last_error(vm))
}

pub fn execv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "execv", &args, 2, 2)?;
    exec(vm, "execv", args.pos[0], args.pos[1], None)
}

pub fn execve(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = parse(vm, "execve", &args, &["path", "argv", "env"], 3)?;
    let (p, argv, env) = (
        a[0].unwrap_or(Value::NONE),
        a[1].unwrap_or(Value::NONE),
        a[2].unwrap_or(Value::NONE),
    );
    exec(vm, "execve", p, argv, Some(env))
}

pub fn putenv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "putenv", &args, 2, 2)?;
    let k = fs_cstring(vm, args.pos[0], "")?;
    let v = fs_cstring(vm, args.pos[1], "")?;
    if k.as_bytes().contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // SAFETY: NUL-terminated strings; only the interpreter thread touches the environment.
    if unsafe { libc::setenv(k.as_ptr(), v.as_ptr(), 1) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

pub fn unsetenv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "unsetenv", &args, 1, 1)?;
    let k = fs_cstring(vm, args.pos[0], "")?;
    // SAFETY: NUL-terminated name; only the interpreter thread touches the environment.
    if unsafe { libc::unsetenv(k.as_ptr()) } != 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}

/// `environ` as CPython's posix module has it: bytes to bytes.
pub fn environ(vm: &mut Vm) -> PyResult<Value> {
    use std::os::unix::ffi::OsStrExt;
    let d = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        let k = vm.new_bytes(k.as_bytes().to_vec());
        let v = vm.new_bytes(v.as_bytes().to_vec());
        ops::dict_set(vm, d, k, v)?;
    }
    Ok(d)
}

pub fn times(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "times", &args, 0, 0)?;
    // SAFETY: a zeroed `struct tms` out-buffer; sysconf cannot fail here.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    let elapsed = unsafe { libc::times(&mut t) };
    if elapsed == (-1i64) as libc::clock_t {
        return Err(last_error(vm));
    }
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let f = |c: libc::clock_t| Value::float(c as f64 / hz);
    let vals = vec![
        f(t.tms_utime),
        f(t.tms_stime),
        f(t.tms_cutime),
        f(t.tms_cstime),
        f(elapsed),
    ];
    let cls = types(vm).times_result;
    Ok(crate::structseq::new(vm, cls, vals))
}

pub fn umask(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "umask", &args, 1, 1)?;
    let m = int_arg(vm, args.pos[0])?;
    // SAFETY: umask cannot fail.
    let old = unsafe { libc::umask(m as libc::mode_t) };
    Ok(vm.new_int(old as i64))
}

pub fn uname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "uname", &args, 0, 0)?;
    // SAFETY: a zeroed utsname out-buffer; its fields are NUL-terminated.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(last_error(vm));
    }
    let field = |vm: &mut Vm, f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        vm.new_string(String::from_utf8_lossy(&bytes).into_owned())
    };
    let vals = vec![
        field(vm, &u.sysname),
        field(vm, &u.nodename),
        field(vm, &u.release),
        field(vm, &u.version),
        field(vm, &u.machine),
    ];
    let cls = types(vm).uname_result;
    Ok(crate::structseq::new(vm, cls, vals))
}
