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
    let vi = info(
        vm,
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        parts,
    );
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
    let n = vm.new_str("molt");
    let tag = vm.new_str("molt-311");
    let alpha = vm.new_str("alpha");
    let impl_version = vm.new_tuple(vec![
        Value::small_int_unchecked(0),
        Value::small_int_unchecked(1),
        Value::small_int_unchecked(0),
        alpha,
        Value::small_int_unchecked(0),
    ]);
    let impl_hex = vm.new_int(0x000100a0);
    // The platform triple CPython's sysconfig data files are named with.
    let multiarch = vm.new_string(format!(
        "{}-{}-gnu",
        std::env::consts::ARCH,
        std::env::consts::OS
    ));
    let impl_ns = crate::namespace::new_namespace(
        vm,
        &[
            ("name", n),
            ("cache_tag", tag),
            ("version", impl_version),
            ("hexversion", impl_hex),
            ("_multiarch", multiarch),
        ],
    );
    set(vm, m, "implementation", impl_ns);
    set_interpreter_facts(vm, m);
    let mut names: Vec<&str> = vec!["sys", "builtins"];
    names.extend(crate::modules::NATIVE_MODULES.iter().map(|(n, _)| *n));
    names.sort();
    let bm: Vec<Value> = names.iter().map(|s| vm.new_str(s)).collect();
    let t = vm.new_tuple(bm);
    set(vm, m, "builtin_module_names", t);
    for (name, f) in [
        ("exit", sys_exit as molt_vm::object::NativeFn),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("exc_info", exc_info),
        ("_getframe", crate::frames::getframe),
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
    let inp = crate::modules::stdin::make(vm);
    set(vm, m, "stdin", inp);
    set(vm, m, "__stdin__", inp);
    m
}

/// A `sys` struct sequence (`sys.float_info` and the like).
fn info(vm: &mut Vm, name: &str, fields: &[&str], values: Vec<Value>) -> Value {
    match crate::structseq::new_type(vm, "sys", name, fields, fields.len()) {
        Ok(cls) => crate::structseq::new(vm, cls, values),
        Err(_) => vm.new_tuple(values),
    }
}

/// `sys.float_info`, `sys.int_info`, `sys.hash_info`: IEEE doubles, 30-bit
/// digits as CPython reports them, and the hash parameters molt's hashing
/// shares with CPython (modulus 2**61 - 1, siphash13 for str/bytes).
fn set_numeric_info(vm: &mut Vm, m: Value) {
    let f = Value::float;
    let i = |n: i64| Value::small_int_unchecked(n);
    let float_info = vec![
        f(f64::MAX),
        i(f64::MAX_EXP as i64),
        i(f64::MAX_10_EXP as i64),
        f(f64::MIN_POSITIVE),
        i(f64::MIN_EXP as i64),
        i(f64::MIN_10_EXP as i64),
        i(f64::DIGITS as i64),
        i(f64::MANTISSA_DIGITS as i64),
        f(f64::EPSILON),
        i(2),
        i(1),
    ];
    let fi = info(
        vm,
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        float_info,
    );
    set(vm, m, "float_info", fi);
    let ii = info(
        vm,
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
        vec![i(30), i(4), i(4300), i(640)],
    );
    set(vm, m, "int_info", ii);
    let algorithm = vm.new_str("siphash13");
    let modulus = vm.new_int((1i64 << 61) - 1);
    let hi = info(
        vm,
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        vec![
            i(64),
            modulus,
            i(314159),
            i(0),
            i(1000003),
            algorithm,
            i(64),
            i(128),
            i(0),
        ],
    );
    set(vm, m, "hash_info", hi);
}

/// What the standard library reads off `sys` about the interpreter: flags,
/// prefixes, encodings, import-system lists, limits.
fn set_interpreter_facts(vm: &mut Vm, m: Value) {
    set_numeric_info(vm, m);
    let zero = Value::small_int_unchecked(0);
    let mut flags: Vec<(&str, Value)> = [
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "utf8_mode",
        "warn_default_encoding",
        "int_max_str_digits",
    ]
    .iter()
    .map(|n| (*n, zero))
    .collect();
    flags.push(("dev_mode", Value::FALSE));
    flags.push(("safe_path", Value::FALSE));
    let f = crate::namespace::new_namespace(vm, &flags);
    set(vm, m, "flags", f);
    let prefix = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().and_then(|d| d.parent()).map(|d| d.to_path_buf()))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        let p = vm.new_str(&prefix);
        set(vm, m, name, p);
    }
    for (name, v) in [
        ("platlibdir", "lib"),
        ("abiflags", ""),
        ("float_repr_style", "short"),
        ("copyright", "Copyright (c) the Molt authors."),
    ] {
        let v = vm.new_str(v);
        set(vm, m, name, v);
    }
    for name in ["warnoptions", "meta_path", "path_hooks"] {
        let l = vm.new_list(vec![]);
        set(vm, m, name, l);
    }
    let argv_name = vm.intern("argv");
    let argv = ops::getattr(vm, m, argv_name).unwrap_or(Value::NONE);
    let orig = ops::seq_items(argv).unwrap_or_default();
    let orig = vm.new_list(orig);
    set(vm, m, "orig_argv", orig);
    for name in ["_xoptions", "path_importer_cache"] {
        let d = vm.new_dict();
        set(vm, m, name, d);
    }
    set(vm, m, "dont_write_bytecode", Value::TRUE);
    set(vm, m, "pycache_prefix", Value::NONE);
    let api = vm.new_int(1013);
    set(vm, m, "api_version", api);
    for (name, f) in [
        ("getdefaultencoding", utf8 as molt_vm::object::NativeFn),
        ("excepthook", excepthook),
        ("__excepthook__", excepthook),
        ("gettrace", returns_none),
        ("getprofile", returns_none),
        ("settrace", returns_none),
        ("setprofile", returns_none),
        ("addaudithook", returns_none),
        ("is_finalizing", returns_false),
        ("getrefcount", getrefcount),
        ("exception", exception),
        ("getswitchinterval", getswitchinterval),
        ("setswitchinterval", returns_none),
        ("get_int_max_str_digits", returns_zero),
        ("set_int_max_str_digits", returns_none),
        ("get_asyncgen_hooks", get_asyncgen_hooks),
        ("set_asyncgen_hooks", set_asyncgen_hooks),
    ] {
        vm.add_native(m, name, f);
    }
}

/// The `[firstiter, finalizer]` list `set_asyncgen_hooks` keeps (rooted,
/// found again through `Vm::native_classes`).  The hooks are stored and
/// returned for event loops to save and restore; async generators do not
/// call them yet.
fn asyncgen_hooks(vm: &mut Vm) -> Value {
    if let Some(&l) = vm.native_classes.get("sys.asyncgen_hooks") {
        return l;
    }
    let l = vm.new_list(vec![Value::NONE, Value::NONE]);
    vm.roots.push(l);
    vm.native_classes.insert("sys.asyncgen_hooks", l);
    l
}

fn get_asyncgen_hooks(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "get_asyncgen_hooks", &args, 0, 0)?;
    let l = asyncgen_hooks(vm);
    let items = ops::seq_items(l).unwrap_or_default();
    Ok(info(
        vm,
        "asyncgen_hooks",
        &["firstiter", "finalizer"],
        items,
    ))
}

fn set_asyncgen_hooks(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = crate::args::parse(
        vm,
        "set_asyncgen_hooks",
        &args,
        &["firstiter", "finalizer"],
        0,
    )?;
    // Check both before changing either, as CPython does.
    for (v, what) in a.iter().zip(["firstiter", "finalizer"]) {
        if let Some(v) = v {
            if !v.is_none() && !super::native::is_callable(vm, *v) {
                let msg = format!(
                    "callable {} expected, got {}",
                    what,
                    molt_vm::class::type_name(vm, *v)
                );
                return Err(vm.type_error(msg));
            }
        }
    }
    let l = asyncgen_hooks(vm);
    if let Some(molt_vm::object::Kind::List(items)) = l.obj().map(|o| &o.kind) {
        let items = items.get();
        for (i, v) in a.iter().enumerate() {
            if let Some(v) = v {
                items[i] = *v;
            }
        }
    }
    Ok(Value::NONE)
}

/// `sys.excepthook(type, value, traceback)`: print as an uncaught exception.
fn excepthook(vm: &mut Vm, args: Args) -> PyResult<Value> {
    ops::call::check_args(vm, "excepthook", &args, 3, 3)?;
    let e = args.pos[1];
    if molt_vm::class::isinstance(vm, e, vm.exc.BaseException) {
        (vm.hooks.print_exception)(vm, e);
    } else {
        let msg = format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            molt_vm::class::type_name(vm, e)
        );
        crate::output::write_stderr(&msg);
    }
    Ok(Value::NONE)
}

fn utf8(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.new_str("utf-8"))
}

fn returns_none(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn returns_false(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

fn returns_zero(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::small_int_unchecked(0))
}

/// There are no reference counts; CPython's answer for an object held by
/// one variable and the argument itself.
fn getrefcount(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::small_int_unchecked(2))
}

fn getswitchinterval(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::float(0.005))
}

/// `sys.exception()`: the exception being handled, or None.
fn exception(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(vm.current_handled())
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
    vm.add_native(cls, "writelines", stream_writelines);
    vm.add_native(cls, "fileno", stream_fileno);
    vm.add_native(cls, "isatty", stream_isatty);
    vm.add_native(cls, "writable", stream_true);
    vm.add_native(cls, "readable", stream_false);
    vm.add_native(cls, "seekable", stream_false);
    let inst = vm.new_instance(cls);
    vm.roots.push(inst);
    // The attributes of the TextIOWrapper CPython has here (with
    // PYTHONIOENCODING=utf-8).
    let fd = vm.new_int(if which == "stdout" { 1 } else { 2 });
    vm.set_attr_str_on_instance(inst, "_fd", fd);
    let enc = vm.new_str("utf-8");
    vm.set_attr_str_on_instance(inst, "encoding", enc);
    let errors = vm.new_str(if which == "stdout" {
        crate::output::stdio_errors()
    } else {
        "backslashreplace"
    });
    vm.set_attr_str_on_instance(inst, "errors", errors);
    let n = vm.new_str(if which == "stdout" {
        "<stdout>"
    } else {
        "<stderr>"
    });
    vm.set_attr_str_on_instance(inst, "name", n);
    let mode = vm.new_str("w");
    vm.set_attr_str_on_instance(inst, "mode", mode);
    vm.set_attr_str_on_instance(inst, "closed", Value::FALSE);
    vm.set_attr_str_on_instance(inst, "newlines", Value::NONE);
    let lb = Value::bool(which == "stderr" || is_tty(1));
    vm.set_attr_str_on_instance(inst, "line_buffering", lb);
    inst
}

fn stream_fd(vm: &mut Vm, obj: Value) -> i32 {
    let k = vm.intern("_fd");
    match molt_vm::ops::attr::load_instance_attr(obj, k) {
        Some(v) if v.is_small_int() => v.as_small_int() as i32,
        _ => 1,
    }
}

fn is_tty(fd: i32) -> bool {
    use std::io::IsTerminal;
    if fd == 1 {
        std::io::stdout().is_terminal()
    } else {
        std::io::stderr().is_terminal()
    }
}

fn stream_fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = stream_fd(vm, args.pos[0]);
    Ok(vm.new_int(fd as i64))
}

fn stream_isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = stream_fd(vm, args.pos[0]);
    Ok(Value::bool(is_tty(fd)))
}

fn stream_true(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::TRUE)
}

fn stream_false(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

fn stream_writelines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    molt_vm::ops::call::check_args(vm, "writelines", &Args::new(&args.pos[1..]), 1, 1)?;
    let obj = args.pos[0];
    let it = molt_vm::ops::iter::get_iter(vm, args.pos[1])?;
    let k = vm.intern("write");
    while let Some(line) = molt_vm::ops::iter::next(vm, it)? {
        molt_vm::ops::call::call_method(vm, obj, k, &[line])?;
    }
    Ok(Value::NONE)
}

/// The bytes a standard stream writes for str `s` (UTF-8; lone
/// surrogates per the stream's error handler).
pub fn stream_bytes(
    vm: &mut Vm,
    s: Value,
    errors: &str,
) -> PyResult<std::borrow::Cow<'static, [u8]>> {
    let text = ops::str_bytes_of(s).unwrap_or(b"");
    match crate::output::encode_stream_text(text, errors) {
        Ok(b) => Ok(b),
        Err(i) => {
            let cls = vm.exc.UnicodeEncodeError;
            let reason = "surrogates not allowed";
            let e =
                crate::modules::codecs::errors::unicode_exc(vm, cls, "utf-8", s, i, i + 1, reason);
            Err(molt_vm::PyErr(e))
        }
    }
}

fn stdout_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.pos.get(1).copied().unwrap_or(Value::NONE);
    match ops::str_data(s) {
        Some(t) => {
            let n = t.char_len();
            let b = stream_bytes(vm, s, crate::output::stdio_errors())?;
            write_stdout(b);
            Ok(vm.new_int(n as i64))
        }
        None => Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            type_name(vm, s)
        ))),
    }
}

fn stderr_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.pos.get(1).copied().unwrap_or(Value::NONE);
    match ops::str_data(s) {
        Some(t) => {
            let n = t.char_len();
            let b = stream_bytes(vm, s, "backslashreplace")?;
            write_stderr(b);
            Ok(vm.new_int(n as i64))
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
