//! `sys`: the interpreter's own state as a module (argv, path, modules,
//! version, the standard streams, recursion limit).

use super::set;
use crate::output::{flush_stdout, write_stderr, write_stdout};
use molt_vm::class::type_name;
use molt_vm::ops::{self, str_of};
use molt_vm::{Args, PyResult, Value, Vm};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Build `sys` with the script's argv and the module search path.
pub fn sys_module(vm: &mut Vm, argv: &[String], path: &[String]) -> Value {
    let m = vm.new_module("sys");
    let argv_v: Vec<Value> = argv.iter().map(|a| vm.new_str(a)).collect();
    let l = vm.new_list(argv_v);
    set(vm, m, "argv", l);
    let path_v: Vec<Value> = path.iter().map(|a| vm.new_str(a)).collect();
    let l = vm.new_list(path_v);
    set(vm, m, "path", l);
    let mods = vm.modules;
    set(vm, m, "modules", mods);
    let v = vm.new_str("3.11.7 (molt) [Rust]");
    set(vm, m, "version", v);
    let parts: Vec<Value> = vec![
        Value::small_int_unchecked(3),
        Value::small_int_unchecked(11),
        Value::small_int_unchecked(7),
        vm.new_str("final"),
        Value::small_int_unchecked(0),
    ];
    let vi = vm.new_tuple(parts);
    set(vm, m, "version_info", vi);
    let hv = vm.new_int(0x030b07f0);
    set(vm, m, "hexversion", hv);
    let p = vm.new_str(std::env::consts::OS);
    set(vm, m, "platform", p);
    let bo = vm.new_str(if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    });
    set(vm, m, "byteorder", bo);
    let ms = vm.new_int(i64::MAX);
    set(vm, m, "maxsize", ms);
    let mu = vm.new_int(0x10ffff);
    set(vm, m, "maxunicode", mu);
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_default();
    let e = vm.new_string(exe);
    set(vm, m, "executable", e);
    let impl_ns = vm.new_dict();
    let n = vm.new_str("molt");
    vm.set_attr_str(m, "implementation", impl_ns);
    let k = vm.intern("name");
    vm.dict_set_str(impl_ns, k, n);
    // Every native module (os.py looks for 'posix' here), sorted as CPython's.
    let mut names: Vec<&str> = vec!["sys", "builtins"];
    names.extend(super::NATIVE_MODULES.iter().map(|(n, _)| *n));
    names.sort_unstable();
    let bm: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
    let t = vm.new_tuple(bm);
    set(vm, m, "builtin_module_names", t);
    for (name, f) in [
        ("exit", sys_exit as molt_vm::object::NativeFn),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("exc_info", exc_info),
        ("intern", intern),
        ("getsizeof", getsizeof),
        ("displayhook", displayhook),
        ("getfilesystemencoding", getfilesystemencoding),
        ("getfilesystemencodeerrors", getfilesystemencodeerrors),
        ("audit", audit),
    ] {
        vm.add_native(m, name, f);
    }
    let out = std_stream(vm, "stdout");
    set(vm, m, "stdout", out);
    set(vm, m, "__stdout__", out);
    let err = std_stream(vm, "stderr");
    set(vm, m, "stderr", err);
    set(vm, m, "__stderr__", err);
    m
}

/// `sys.stdout` / `sys.stderr`: small objects with write() and flush().
fn std_stream(vm: &mut Vm, which: &str) -> Value {
    let name = vm.intern(if which == "stdout" {
        "StdOut"
    } else {
        "StdErr"
    });
    let cls = vm.make_builtin_class(
        if which == "stdout" {
            "StdOut"
        } else {
            "StdErr"
        },
        &[],
        molt_vm::object::Layout::Object,
    );
    let _ = name;
    if which == "stdout" {
        vm.add_native(cls, "write", stdout_write);
    } else {
        vm.add_native(cls, "write", stderr_write);
    }
    vm.add_native(cls, "flush", stream_flush);
    let inst = vm.new_instance(cls);
    vm.roots.push(inst);
    inst
}

fn stdout_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.pos.get(1).copied().unwrap_or(Value::NONE);
    match str_of(s) {
        Some(t) => {
            write_stdout(t);
            Ok(vm.new_int(t.chars().count() as i64))
        }
        None => Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            type_name(vm, s)
        ))),
    }
}

fn stderr_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.pos.get(1).copied().unwrap_or(Value::NONE);
    match str_of(s) {
        Some(t) => {
            write_stderr(t);
            Ok(vm.new_int(t.chars().count() as i64))
        }
        None => Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            type_name(vm, s)
        ))),
    }
}

fn stream_flush(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    flush_stdout();
    Ok(Value::NONE)
}

fn sys_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let code = args.pos.first().copied().unwrap_or(Value::NONE);
    let c = vm.exc.SystemExit;
    let e = vm.new_exception(
        c,
        if args.pos.is_empty() {
            vec![]
        } else {
            vec![code]
        },
    );
    vm.set_attr_str_on_instance(e, "code", code);
    Err(molt_vm::PyErr(e))
}

fn getrecursionlimit(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.new_int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "setrecursionlimit", &args, 1, 1)?;
    let n = ops::to_index(vm, args.pos[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit = n as usize;
    Ok(Value::NONE)
}

fn exc_info(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    let e = vm.current_handled();
    let t = if e.is_none() {
        vm.new_tuple(vec![Value::NONE, Value::NONE, Value::NONE])
    } else {
        let c = molt_vm::class::type_of(vm, e);
        let tb = molt_vm::exceptions::traceback_object(vm, e);
        vm.new_tuple(vec![c, e, tb])
    };
    Ok(t)
}

fn intern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "intern", &args, 1, 1)?;
    if str_of(args.pos[0]).is_none() {
        return Err(vm.type_error("intern() argument 1 must be str"));
    }
    Ok(vm.intern_value(args.pos[0]))
}

fn getsizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.first().copied().unwrap_or(Value::NONE);
    let n = 16 + 8 * ops::convert::len_of(v);
    Ok(vm.new_int(n as i64))
}

fn displayhook(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.first().copied().unwrap_or(Value::NONE);
    if v.is_none() {
        return Ok(Value::NONE);
    }
    let s = ops::repr_string(vm, v)?;
    write_stdout(&s);
    write_stdout("\n");
    let k = vm.intern("_");
    let b = vm.builtins;
    vm.dict_set_str(b, k, v);
    Ok(Value::NONE)
}

/// Paths are UTF-8 (what `os.fsencode` and `os.environ` use).
fn getfilesystemencoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getfilesystemencoding", &args, 0, 0)?;
    Ok(vm.new_str("utf-8"))
}

fn getfilesystemencodeerrors(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "getfilesystemencodeerrors", &args, 0, 0)?;
    Ok(vm.new_str("surrogateescape"))
}

/// `sys.audit(event, *args)`: there are no audit hooks, so nothing to do.
fn audit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(vm.type_error("audit() missing 1 required positional argument: 'event'"));
    }
    Ok(Value::NONE)
}
