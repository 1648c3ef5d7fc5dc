//! The `molt` command: runs a Python 3.11 program like `python3` does.
//!
//!     molt [options] FILE [args…]     molt run FILE [args…]
//!     molt -c CODE [args…]            molt -m MODULE [args…]
//!     molt - (program on stdin)       molt  (interactive REPL)

mod repl;
mod stdlib_path;
mod wasm_cli;

use wasm_cli::wasm_cli;

/// mimalloc: the interpreter allocates many small, short-lived objects, and
/// mimalloc's size-class pages serve them several times faster than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// mimalloc's `mi_option_purge_delay`: keep freed pages instead of returning
/// them to the OS, which the GC's allocate/free waves would otherwise re-fault.
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

use molt_builtins::output::{flush_stdout, write_stderr};
use molt_vm::object::Kind;
use molt_vm::ops::{self, str_of};
use molt_vm::{Value, Vm};
use std::process::ExitCode;

/// The interpreter thread's stack: reserved, not committed, so deep Python
/// recursion (under `sys.setrecursionlimit`) never overflows it.
const STACK_SIZE: usize = 1 << 30;
/// Headroom kept below the recursion check for native frames.
const STACK_MARGIN: usize = 4 << 20;

enum Program {
    File(String),
    Code(String),
    Module(String),
    Stdin,
    Repl,
}

struct Options {
    program: Program,
    argv: Vec<String>,
    unbuffered: bool,
    inspect: bool,
    jit_stats: bool,
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("{}", msg);
    eprintln!("usage: molt [option] ... [-c cmd | -m mod | file | -] [arg] ...");
    ExitCode::from(2)
}

fn parse_args(args: Vec<String>) -> Result<Options, ExitCode> {
    let mut i = 0;
    let mut unbuffered = false;
    let mut inspect = false;
    let mut jit_stats = false;
    if args.first().map(|a| a == "run").unwrap_or(false) {
        i = 1;
    }
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--version" | "-V" => {
                println!("molt {} (Python 3.11.7)", molt_builtins::modules::VERSION);
                return Err(ExitCode::SUCCESS);
            }
            "-h" | "--help" => {
                println!("usage: molt [option] ... [-c cmd | -m mod | file | -] [arg] ...");
                println!("  -c cmd : program passed in as string");
                println!("  -m mod : run library module as a script");
                println!("  -u     : unbuffered stdout");
                println!("  -i     : inspect interactively after running the script");
                println!("  --jit-stats : print JIT statistics to stderr at exit");
                println!("  file   : program read from script file ('-' reads stdin)");
                return Err(ExitCode::SUCCESS);
            }
            "-u" => unbuffered = true,
            "--jit-stats" => jit_stats = true,
            "-i" => inspect = true,
            "-B" | "-E" | "-s" | "-S" | "-O" | "-OO" | "-q" => {}
            "-c" => {
                let code = args
                    .get(i + 1)
                    .cloned()
                    .ok_or_else(|| usage_error("Argument expected for the -c option"))?;
                let mut argv = vec!["-c".to_string()];
                argv.extend(args[i + 2..].iter().cloned());
                return Ok(Options {
                    program: Program::Code(code),
                    argv,
                    unbuffered,
                    inspect,
                    jit_stats,
                });
            }
            "-m" => {
                let m = args
                    .get(i + 1)
                    .cloned()
                    .ok_or_else(|| usage_error("Argument expected for the -m option"))?;
                let mut argv = vec![m.clone()];
                argv.extend(args[i + 2..].iter().cloned());
                return Ok(Options {
                    program: Program::Module(m),
                    argv,
                    unbuffered,
                    inspect,
                    jit_stats,
                });
            }
            "-" => {
                let mut argv = vec!["-".to_string()];
                argv.extend(args[i + 1..].iter().cloned());
                return Ok(Options {
                    program: Program::Stdin,
                    argv,
                    unbuffered,
                    inspect,
                    jit_stats,
                });
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(usage_error(&format!("Unknown option: {}", s)));
            }
            _ => {
                let argv = args[i..].to_vec();
                return Ok(Options {
                    program: Program::File(a.clone()),
                    argv,
                    unbuffered,
                    inspect,
                    jit_stats,
                });
            }
        }
        i += 1;
    }
    Ok(Options {
        program: Program::Repl,
        argv: vec![String::new()],
        unbuffered,
        inspect,
        jit_stats,
    })
}

fn main() -> ExitCode {
    // SAFETY: plain option setter of the linked allocator, called before other threads exist.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    // Ctrl-C becomes KeyboardInterrupt at the interpreter's next safepoint.
    molt_builtins::modules::signal::install_startup_handlers();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = wasm_cli(&args) {
        return code;
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    molt_jit::init(opts.jit_stats);
    let handle = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || {
            let marker = 0u8;
            let top = &marker as *const u8 as usize;
            run(opts, top.saturating_sub(STACK_SIZE) + STACK_MARGIN)
        });
    // Signals go to the interpreter thread, where `signal.pause()` waits
    // for them and blocking calls are interrupted by them: this thread only
    // waits for it to finish.
    // SAFETY: a filled signal set for pthread_sigmask on this thread.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code),
        _ => {
            eprintln!("molt: internal error");
            ExitCode::from(70)
        }
    }
}

/// Create a VM with builtins, native modules and `sys` set up.
pub fn new_vm(argv: &[String], script_dir: Option<String>) -> Box<Vm> {
    let mut vm = Vm::new();
    molt_interp::install(&mut vm);
    molt_builtins::install(&mut vm);
    vm.hooks.print_exception =
        |vm, e| write_stderr(&molt_interp::traceback::format_exception(vm, e));
    vm.hooks.report_unraisable =
        |vm, e, msg, obj| write_stderr(&molt_interp::traceback::format_unraisable(vm, e, msg, obj));
    for &(name, init) in molt_builtins::modules::NATIVE_MODULES {
        molt_interp::import::register_native_module(name, init);
    }
    molt_interp::import::set_embedded_sources(molt_shims::source);
    let mut path = vec![script_dir.unwrap_or_default()];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        path.extend(
            pp.split(':')
                .filter(|s| !s.is_empty())
                .map(|s| s.to_string()),
        );
    }
    path.extend(stdlib_path::find());
    let sys = molt_builtins::modules::sys_module(&mut vm, argv, &path);
    let k = vm.new_str("sys");
    let mods = vm.modules;
    let _ = ops::dict_set(&mut vm, mods, k, sys);
    let b = vm.builtins;
    // The builtins module's namespace is the VM's builtins dict.
    let (mcls, bname) = (vm.t.module, vm.intern("builtins"));
    let bmod = vm.alloc(
        mcls,
        Kind::Module(molt_vm::object::ModuleData {
            name: bname,
            dict: b,
        }),
    );
    vm.roots.push(bmod);
    let k = vm.new_str("builtins");
    let _ = ops::dict_set(&mut vm, mods, k, bmod);
    vm.roots.push(sys);
    vm.pinned.clear();
    vm
}

/// A fresh `__main__` module.
pub fn main_module(vm: &mut Vm, file: Option<&str>) -> Value {
    let m = vm.new_module("__main__");
    let d = match &m.as_obj().kind {
        Kind::Module(md) => md.dict,
        _ => unreachable!(),
    };
    let b = vm.builtins;
    let k = vm.names.__builtins__;
    vm.dict_set_str(d, k, b);
    if let Some(f) = file {
        let fv = vm.new_str(f);
        let k = vm.names.__file__;
        vm.dict_set_str(d, k, fv);
    }
    let k = vm.new_str("__main__");
    let mods = vm.modules;
    let _ = ops::dict_set(vm, mods, k, m);
    vm.roots.push(m);
    m
}

fn run(opts: Options, stack_floor: usize) -> u8 {
    // SAFETY: getpid cannot fail.
    let pid = unsafe { libc::getpid() };
    molt_builtins::output::set_unbuffered(opts.unbuffered);
    let (source, filename, script_dir) = match &opts.program {
        Program::File(f) => match std::fs::read(f) {
            Ok(bytes) => {
                // As CPython: the script's name made absolute by joining it
                // to the working directory (`__file__`, `co_filename`), and
                // its directory resolved for `sys.path[0]`.
                let path = std::path::Path::new(f);
                let abs = if path.is_absolute() {
                    f.clone()
                } else {
                    match std::env::current_dir() {
                        Ok(cwd) => format!("{}/{}", cwd.to_string_lossy().trim_end_matches('/'), f),
                        Err(_) => f.clone(),
                    }
                };
                let parent = path
                    .parent()
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_default();
                let parent = if parent.is_empty() {
                    ".".into()
                } else {
                    parent
                };
                let dir = std::fs::canonicalize(&parent)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or(parent);
                (
                    Some(String::from_utf8_lossy(&bytes).to_string()),
                    abs,
                    Some(dir),
                )
            }
            Err(e) => {
                let abs = std::fs::canonicalize(".")
                    .map(|p| p.join(f).to_string_lossy().to_string())
                    .unwrap_or(f.clone());
                eprintln!(
                    "molt: can't open file '{}': [Errno {}] {}",
                    abs,
                    e.raw_os_error().unwrap_or(2),
                    io_message(&e)
                );
                return 2;
            }
        },
        Program::Code(c) => (Some(c.clone()), "<string>".to_string(), None),
        Program::Stdin => {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
            (Some(s), "<stdin>".to_string(), None)
        }
        Program::Module(_) => (
            None,
            String::new(),
            Some(
                std::env::current_dir()
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_default(),
            ),
        ),
        Program::Repl => (None, "<stdin>".to_string(), None),
    };
    let mut vm = new_vm(&opts.argv, script_dir);
    vm.stack_floor = stack_floor;
    let code = match (&opts.program, source) {
        (Program::Module(name), _) => {
            let r = run_module(&mut vm, name);
            finish(&mut vm, r)
        }
        (Program::Repl, _) => repl::run(&mut vm),
        (_, Some(src)) => {
            let main = main_module(
                &mut vm,
                if filename.starts_with('<') {
                    None
                } else {
                    Some(&filename)
                },
            );
            let r = run_source(&mut vm, main, &src, &filename);
            let code = finish(&mut vm, r);
            if opts.inspect {
                repl::run(&mut vm)
            } else {
                code
            }
        }
        _ => 0,
    };
    // After the program's own exit path (traceback, SystemExit message).
    molt_builtins::modules::atexit::run_exitfuncs(&mut vm);
    flush_stdout();
    molt_builtins::modules::io::flush_all(&mut vm);
    molt_jit::report();
    if std::env::var_os("MOLT_GC_STATS").is_some() {
        eprintln!(
            "gc: {} collections, {} live objects, {} frames pooled",
            vm.heap.collections,
            vm.heap.live_objects(),
            vm.frame_pool.len()
        );
    }
    // The process is about to exit: skip freeing every object one by one.
    std::mem::forget(vm);
    // SAFETY: getpid cannot fail.
    if unsafe { libc::getpid() } != pid {
        // A child made by os.fork() has no main thread to return to.
        // SAFETY: everything is flushed; ends the process.
        unsafe { libc::_exit(code as libc::c_int) };
    }
    code
}

fn io_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

pub fn run_source(
    vm: &mut Vm,
    main: Value,
    src: &str,
    filename: &str,
) -> Result<(), molt_vm::PyErr> {
    let code = molt_interp::compile(vm, src, filename, "exec")?;
    let d = match &main.as_obj().kind {
        Kind::Module(md) => md.dict,
        _ => unreachable!(),
    };
    (vm.hooks.exec)(vm, code, d, d)?;
    Ok(())
}

fn run_module(vm: &mut Vm, name: &str) -> Result<(), molt_vm::PyErr> {
    // Find the module's file on sys.path and run it as __main__.
    let rel = name.replace('.', "/");
    let mut dirs = vec![std::env::current_dir()
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_default()];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        dirs.extend(pp.split(':').map(|s| s.to_string()));
    }
    for d in dirs {
        for cand in [
            format!("{}/{}.py", d, rel),
            format!("{}/{}/__main__.py", d, rel),
        ] {
            if let Ok(src) = std::fs::read_to_string(&cand) {
                let main = main_module(vm, Some(&cand));
                let argv0 = vm.new_str(&cand);
                set_argv0(vm, argv0);
                return run_source(vm, main, &src, &cand);
            }
        }
    }
    write_stderr(&format!(
        "{}: No module named {}\n",
        std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or("molt".into()),
        name
    ));
    let c = vm.exc.SystemExit;
    let e = vm.new_exception(c, vec![Value::small_int_unchecked(1)]);
    vm.set_attr_str_on_instance(e, "code", Value::small_int_unchecked(1));
    Err(molt_vm::PyErr(e))
}

fn set_argv0(vm: &mut Vm, v: Value) {
    let k = vm.new_str("sys");
    let mods = vm.modules;
    if let Ok(Some(sys)) = ops::dict_get(vm, mods, k) {
        let a = vm.intern("argv");
        if let Ok(Some(argv)) = ops::getattr_opt(vm, sys, a) {
            if let Kind::List(l) = &argv.as_obj().kind {
                if let Some(first) = l.get().first_mut() {
                    *first = v;
                }
            }
        }
    }
}

/// Turn the outcome of running a program into an exit status, printing
/// an uncaught exception as CPython does.
pub fn finish(vm: &mut Vm, r: Result<(), molt_vm::PyErr>) -> u8 {
    match r {
        Ok(()) => {
            flush_stdout();
            0
        }
        Err(e) => {
            flush_stdout();
            exit_status_for(vm, e.0)
        }
    }
}

pub fn exit_status_for(vm: &mut Vm, e: Value) -> u8 {
    if vm.exc_matches(e, vm.exc.SystemExit) {
        let code_n = vm.names.code;
        let code = molt_vm::ops::attr::load_instance_attr(e, code_n).unwrap_or_else(|| {
            molt_vm::exceptions::exc_data(e)
                .and_then(|d| ops::tuple_items(d.args).and_then(|a| a.first().copied()))
                .unwrap_or(Value::NONE)
        });
        if code.is_none() {
            return 0;
        }
        if code.is_small_int() {
            return (code.as_small_int() & 0xff) as u8;
        }
        if code.is_bool() {
            return (code.0 & 1) as u8;
        }
        let s = ops::str_string(vm, code).unwrap_or_default();
        write_stderr(&format!("{}\n", s));
        return 1;
    }
    let text = molt_interp::traceback::format_exception(vm, e);
    write_stderr(&text);
    let _ = str_of(e);
    if vm.exc_matches(e, vm.exc.KeyboardInterrupt) {
        // What a shell reports for a process ended by SIGINT, as CPython's is.
        return 130;
    }
    1
}
